//! Recognising section headings in their many wordings and languages.
//!
//! A heading is a short line made only of section words (`experience`,
//! `skills`, `Berufserfahrung`) and modifiers (`professional`, `core`, `&`),
//! in any case, with an optional trailing colon. A line with any other word is
//! not a heading, so sentences mentioning "experience" are never taken for one.

use crate::text::Line;

/// What a section holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SectionKind {
    /// Lines before the first heading (name, contact line).
    Preamble,
    /// Contact details block.
    Contact,
    /// Summary or profile.
    Summary,
    /// Employment.
    Experience,
    /// Degrees.
    Education,
    /// Degrees and certificates mixed (`Training`, `Education & Certifications`).
    EducationAndCertifications,
    /// Skills.
    Skills,
    /// `Qualifications`: degrees and certificates where its lines name a
    /// degree (the British and Canadian use), otherwise skills.
    Qualifications,
    /// Certifications and licences.
    Certifications,
    /// Projects.
    Projects,
    /// Spoken languages.
    Languages,
    /// Awards.
    Awards,
    /// Awards and activities mixed: volunteer items go to volunteering.
    AwardsAndVolunteer,
    /// Publications.
    Publications,
    /// Volunteering.
    Volunteer,
    /// Activities or affiliations: only items marked as volunteering are kept.
    VolunteerMarked,
    /// Interests.
    Interests,
    /// Sections the model has no place for (references, coursework).
    Ignored,
}

/// What one heading word contributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    Key(SectionKind),
    Qualifications,
    Activities,
    Affiliations,
    Training,
    Programming,
    /// `Academic`, `Educational`: education unless another word names a section.
    Academic,
    /// `Information`, `Details`: a heading of its own (`Additional
    /// Information`) whose lines carry their own labels.
    Misc,
    Modifier,
}

fn word_role(word: &str) -> Option<Word> {
    use SectionKind as K;
    let key = |k| Some(Word::Key(k));
    match word {
        "summary" | "profile" | "about" | "objective" | "overview" | "introduction"
        | "statement" | "resumen" | "perfil" | "profil" | "zusammenfassung" | "kurzprofil"
        | "propos" | "sobre" | "acerca" | "über" => key(K::Summary),
        "experience" | "experiences" | "employment" | "kitchens" | "jobs" | "positions"
        | "experiencia" | "experiencias" | "expérience" | "expériences" | "experience:"
        | "berufserfahrung" | "erfahrung" | "berufspraxis" | "praxiserfahrung" | "werdegang"
        | "trayectoria" | "parcours" | "history" => key(K::Experience),
        "education" | "schooling" | "educación" | "formación" | "estudios" | "formation"
        | "études" | "ausbildung" | "bildung" | "studium" | "bildungsweg" | "schulbildung"
        | "académica" | "academics" => key(K::Education),
        "skills" | "skill" | "competencies" | "competences" | "competency" | "expertise"
        | "proficiencies" | "abilities" | "strengths" | "technologies" | "habilidades"
        | "competencias" | "aptitudes" | "conocimientos" | "compétences" | "kenntnisse"
        | "fähigkeiten" | "kompetenzen" | "skillset" | "toolkit" | "destrezas" => key(K::Skills),
        "certifications" | "certification" | "certificates" | "licenses" | "licences"
        | "license" | "licence" | "licensure" | "credentials" | "accreditations"
        | "certificaciones" | "certificados" | "certificats" | "zertifikate"
        | "zertifizierungen" | "zertifikat" => key(K::Certifications),
        "projects" | "project" | "case" | "portfolio" | "proyectos" | "projets" | "projekte" => {
            key(K::Projects)
        }
        "languages" | "language" | "idiomas" | "lenguas" | "langues" | "sprachen"
        | "sprachkenntnisse" | "lenguajes" => key(K::Languages),
        "awards" | "award" | "honors" | "honours" | "recognition" | "recognitions"
        | "achievements" | "distinctions" | "accolades" | "premios" | "reconocimientos"
        | "prix" | "auszeichnungen" | "ehrungen" | "logros" => key(K::Awards),
        "publications" | "papers" | "publicaciones" | "publikationen" | "veröffentlichungen" => {
            key(K::Publications)
        }
        "volunteer" | "volunteering" | "volunteerism" | "community" | "voluntariado"
        | "voluntariat" | "bénévolat" | "benevolat" | "ehrenamt" | "ehrenamtliches"
        | "ehrenamtliche" | "civic" => key(K::Volunteer),
        "interests" | "hobbies" | "intereses" | "aficiones" | "loisirs" | "intérêts"
        | "interessen" | "hobbys" | "pasatiempos" | "freizeit" => key(K::Interests),
        "contact" | "contacto" | "kontakt" | "coordonnées" | "kontaktdaten" => key(K::Contact),
        "references" | "referees" | "referencias" | "références" | "referenzen" | "coursework" => {
            key(K::Ignored)
        }
        "qualifications" | "qualification" => Some(Word::Qualifications),
        "activities" | "leadership" | "involvement" | "extracurricular" | "actividades"
        | "activités" | "aktivitäten" | "engagement" => Some(Word::Activities),
        "affiliations" | "memberships" | "membership" | "organizations" | "organisations"
        | "associations" => Some(Word::Affiliations),
        "training" | "courses" | "development" | "weiterbildung" | "fortbildung" | "cursos" => {
            Some(Word::Training)
        }
        "programming" | "computer" | "software" | "it" | "technical" | "tech" => {
            Some(Word::Programming)
        }
        "academic" | "educational" => Some(Word::Academic),
        "information" | "info" | "details" | "miscellaneous" | "misc" => Some(Word::Misc),
        _ => is_modifier(word).then_some(Word::Modifier),
    }
}

fn is_modifier(word: &str) -> bool {
    matches!(
        word,
        "professional"
            | "work"
            | "relevant"
            | "selected"
            | "key"
            | "core"
            | "clinical"
            | "other"
            | "additional"
            | "areas"
            | "area"
            | "of"
            | "and"
            | "&"
            | "my"
            | "personal"
            | "background"
            | "history"
            | "career"
            | "related"
            | "recent"
            | "teaching"
            | "research"
            | "industry"
            | "management"
            | "military"
            | "international"
            | "general"
            | "soft"
            | "hard"
            | "digital"
            | "design"
            | "laboratory"
            | "lab"
            | "case"
            | "study"
            | "studies"
            | "me"
            | "de"
            | "la"
            | "y"
            | "et"
            | "und"
            | "des"
            | "en"
            | "du"
            | "le"
            | "les"
            | "profesional"
            | "professionnelle"
            | "professionnel"
            | "professionnelles"
            | "laboral"
            | "académique"
            | "beruflicher"
            | "berufliche"
            | "persönliche"
            | "weitere"
            | "further"
            | "continuing"
            | "information"
            | "details"
            | "info"
            | "highlights"
            | "notable"
            | "featured"
            | "service"
            | "services"
            | "spoken"
            | "foreign"
            | "honorary"
            | "publications"
            | "presentations"
            | "talks"
            | "conferences"
            | "a"
            | "mí"
            | "mi"
            | "moi"
            | "informatique"
            | "técnicas"
            | "techniques"
            | "fachliche"
            | "scholarships"
            | "grants"
            | "skills"
            | "summary"
            | "executive"
            | "tools"
            | "interpersonal"
            | "functional"
            | "specialized"
            | "specialised"
            | "special"
            | "areas:"
            | "volunteer"
            | "internships"
            | "internship"
            | "freelance"
            | "hands-on"
            | "to"
            | "for"
            | "with"
            | "centres"
            | "centre"
            | "d'intérêt"
            | "d'intérêts"
    )
}

/// The section a line opens, when it is a heading.
pub(crate) fn heading_kind(line: &Line) -> Option<SectionKind> {
    if line.bullet || line.text.len() > 60 || line.text.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let text = line.text.trim().trim_end_matches(':').trim();
    if text.ends_with(['.', ',', ';']) || text.contains(['@', '/', '(', '|', '·']) {
        return None;
    }
    let words = heading_words(text);
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    let roles: Option<Vec<Word>> = words.iter().map(|w| word_role(w)).collect();
    resolve(&roles?)
}

/// Lower-cased words of a heading; letter-spaced capitals (`S K I L L S`)
/// are joined.
fn heading_words(text: &str) -> Vec<String> {
    let pieces: Vec<&str> = text.split([' ', '\t']).filter(|w| !w.is_empty()).collect();
    let spaced = pieces.len() >= 4 && pieces.iter().all(|w| w.chars().count() == 1);
    let joined;
    let text = if spaced {
        joined = text
            .replace('\t', "  ")
            .split("  ")
            .map(|w| w.replace(' ', ""))
            .collect::<Vec<_>>()
            .join(" ");
        joined.as_str()
    } else {
        text
    };
    text.split(|c: char| c.is_whitespace() || matches!(c, '&' | '+' | ',' | '–' | '—' | '-'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Picks the section of a heading from the roles of its words.
fn resolve(roles: &[Word]) -> Option<SectionKind> {
    use SectionKind as K;
    let keys: Vec<K> = roles
        .iter()
        .filter_map(|r| if let Word::Key(k) = r { Some(*k) } else { None })
        .collect();
    let has = |k: K| keys.contains(&k);
    let has_word = |w: Word| roles.contains(&w);
    if has_word(Word::Affiliations) {
        return Some(K::VolunteerMarked);
    }
    if has(K::Awards) && (has(K::Volunteer) || has_word(Word::Activities)) {
        return Some(K::AwardsAndVolunteer);
    }
    if has(K::Volunteer) {
        return Some(K::Volunteer);
    }
    if has_word(Word::Activities) && keys.is_empty() {
        return Some(K::VolunteerMarked);
    }
    if has(K::Languages) {
        let programming = has_word(Word::Programming) || has(K::Skills) && keys[0] == K::Skills;
        return Some(if programming { K::Skills } else { K::Languages });
    }
    let training = has_word(Word::Training) && !has(K::Certifications);
    let mixed_training = training && (keys.is_empty() || has(K::Education));
    if (has(K::Certifications) && has(K::Education)) || mixed_training {
        return Some(K::EducationAndCertifications);
    }
    if has(K::Summary) {
        return Some(K::Summary);
    }
    if let Some(first) = keys.first() {
        return Some(*first);
    }
    if has_word(Word::Qualifications) {
        return Some(K::Qualifications);
    }
    if has_word(Word::Academic) {
        return Some(K::Education);
    }
    if has_word(Word::Misc) {
        return Some(K::Ignored);
    }
    if has_word(Word::Training) {
        return Some(K::Certifications);
    }
    None
}

/// A heading followed by content on the same line (`Skills: Go, SQL`).
pub(crate) fn inline_heading(line: &Line) -> Option<(SectionKind, String)> {
    let (head, rest) = line.text.split_once(':')?;
    let rest = rest.trim();
    if rest.is_empty() || head.split_whitespace().count() > 3 {
        return None;
    }
    let probe = Line::plain(head.to_string());
    let kind = heading_kind(&probe)?;
    matches!(
        kind,
        SectionKind::Skills | SectionKind::Languages | SectionKind::Interests
    )
    .then(|| (kind, rest.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Option<SectionKind> {
        heading_kind(&Line::plain(text))
    }

    #[test]
    fn headings_in_many_wordings_are_recognised() {
        use SectionKind as K;
        let cases = [
            ("EXPERIENCE", K::Experience),
            ("Work History", K::Experience),
            ("Professional Experience", K::Experience),
            ("Teaching Experience", K::Experience),
            ("Kitchens", K::Experience),
            ("Technical Skills", K::Skills),
            ("Core Competencies", K::Skills),
            ("Areas of Expertise", K::Skills),
            ("Honors", K::Awards),
            ("Recognition", K::Awards),
            ("Community", K::Volunteer),
            ("Leadership & Volunteering", K::Volunteer),
            ("Affiliations & Community", K::VolunteerMarked),
            ("Academic Background", K::Education),
            ("Educational Background", K::Education),
            ("Academic Projects", K::Projects),
            ("HONORS & ACTIVITIES", K::AwardsAndVolunteer),
            ("Licensure & Certifications", K::Certifications),
            ("Training", K::EducationAndCertifications),
            ("Summary of Qualifications", K::Summary),
            ("Qualifications", K::Qualifications),
            ("ADDITIONAL INFORMATION", K::Ignored),
            ("Professional Development", K::EducationAndCertifications),
            ("Selected Case Studies", K::Projects),
            ("Experiencia profesional", K::Experience),
            ("Expérience professionnelle", K::Experience),
            ("Berufserfahrung", K::Experience),
            ("Formation", K::Education),
            ("Kenntnisse", K::Skills),
            ("Idiomas", K::Languages),
            ("Sprachen:", K::Languages),
            ("E X P E R I E N C E", K::Experience),
        ];
        for (text, expected) in cases {
            assert_eq!(kind(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn sentences_and_labels_are_not_headings() {
        for text in [
            "Nine years of experience building platforms.",
            "Senior Software Engineer",
            "Tools",
            "Research",
            "Experience with Kafka",
            "Portfolio: example.com/work",
        ] {
            assert_eq!(kind(text), None, "{text}");
        }
    }
}
