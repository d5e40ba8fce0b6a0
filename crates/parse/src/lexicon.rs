//! Word lists: job-title words, organisation words, degrees, places.
//!
//! The lists are general vocabulary of resumes in English (with the most common
//! Spanish, French and German words), not names from any particular resume.

use crate::text::{starts_upper, words};

/// Words that occur in job titles and roles.
const TITLE_WORDS: &[&str] = &[
    "engineer",
    "engineering",
    "developer",
    "manager",
    "director",
    "analyst",
    "scientist",
    "designer",
    "nurse",
    "teacher",
    "chef",
    "cook",
    "commis",
    "intern",
    "internship",
    "assistant",
    "specialist",
    "coordinator",
    "consultant",
    "accountant",
    "controller",
    "associate",
    "lead",
    "head",
    "officer",
    "administrator",
    "architect",
    "senior",
    "junior",
    "president",
    "vp",
    "founder",
    "co-founder",
    "owner",
    "technician",
    "representative",
    "writer",
    "editor",
    "instructor",
    "professor",
    "lecturer",
    "tutor",
    "substitute",
    "staff",
    "auditor",
    "clerk",
    "agent",
    "advisor",
    "adviser",
    "therapist",
    "physician",
    "pharmacist",
    "attorney",
    "lawyer",
    "paralegal",
    "supervisor",
    "operator",
    "mechanic",
    "electrician",
    "driver",
    "cashier",
    "server",
    "barista",
    "bartender",
    "receptionist",
    "secretary",
    "planner",
    "strategist",
    "researcher",
    "fellow",
    "resident",
    "volunteer",
    "member",
    "chair",
    "trainee",
    "apprentice",
    "programmer",
    "tester",
    "marketer",
    "buyer",
    "recruiter",
    "principal",
    "partner",
    "chief",
    "ceo",
    "cto",
    "cfo",
    "coo",
    "sous",
    "partie",
    "cook",
    "dishwasher",
    "graduate",
    "student",
    "postdoc",
    "postdoctoral",
    "counselor",
    "counsellor",
    "mentor",
    "coach",
    "trainer",
    "educator",
    "librarian",
    "producer",
    "photographer",
    "artist",
    "illustrator",
    "ux",
    "ui",
    "product",
    "sales",
    "marketing",
    "executive",
    "dentist",
    "hygienist",
    "paramedic",
    "surgeon",
    "medic",
    "midwife",
    "caregiver",
    "aide",
    "inspector",
    "estimator",
    "foreman",
    "superintendent",
    "machinist",
    "welder",
    "carpenter",
    "plumber",
    "steward",
    "stewardess",
    "pilot",
    "dispatcher",
    "bookkeeper",
    "treasurer",
    "organizer",
    "organiser",
    "ambassador",
    "handler",
    "worker",
    "expert",
    "leader",
    "scholar",
    "ingeniero",
    "ingénieur",
    "ingenieur",
    "entwickler",
    "gerente",
    "jefe",
    "responsable",
    "berater",
    "leiter",
    "werkstudent",
    "praktikant",
    "becario",
    "stagiaire",
    "chargé",
    "consultor",
    "desarrollador",
    "développeur",
    "analista",
    "diseñador",
    "profesor",
    "enseignant",
];

/// Words that occur in names of employers and other organisations.
const ORG_WORDS: &[&str] = &[
    "inc",
    "llc",
    "llp",
    "ltd",
    "limited",
    "gmbh",
    "ag",
    "corp",
    "corporation",
    "company",
    "co",
    "group",
    "plc",
    "sa",
    "s.a",
    "sas",
    "bv",
    "oy",
    "ab",
    "srl",
    "spa",
    "pty",
    "university",
    "college",
    "school",
    "hospital",
    "center",
    "centre",
    "clinic",
    "bank",
    "agency",
    "agencia",
    "studio",
    "estudio",
    "labs",
    "lab",
    "technologies",
    "technology",
    "systems",
    "solutions",
    "health",
    "healthcare",
    "payments",
    "logistics",
    "analytics",
    "retail",
    "mutual",
    "insurance",
    "grocers",
    "restaurant",
    "ristorante",
    "trattoria",
    "osteria",
    "bistro",
    "cafe",
    "café",
    "hotel",
    "hotels",
    "interactive",
    "mobility",
    "software",
    "partners",
    "associates",
    "foundation",
    "institute",
    "collective",
    "club",
    "society",
    "association",
    "council",
    "department",
    "ministry",
    "office",
    "services",
    "consulting",
    "media",
    "network",
    "networks",
    "industries",
    "international",
    "global",
    "holdings",
    "capital",
    "ventures",
    "enterprises",
    "libraries",
    "library",
    "museum",
    "church",
    "city",
    "county",
    "state",
    "federal",
    "government",
    "authority",
    "trust",
    "fund",
    "pharma",
    "pharmacy",
    "pharmacies",
    "builders",
    "construction",
    "contractors",
    "foods",
    "farms",
    "goods",
    "supermarket",
    "airways",
    "utilities",
    "dental",
    "district",
    "bureau",
    "commission",
    "alliance",
    "distribution",
    "freight",
    "pharmaceuticals",
    "motors",
    "automotive",
    "energy",
    "electric",
    "telecom",
    "communications",
    "airlines",
    "hospitality",
    "academy",
    "akademie",
    "hochschule",
    "medical",
    "regional",
    "components",
    "precision",
    "drive",
    "manufacturing",
    "works",
    "factory",
    "store",
    "stores",
    "shop",
    "market",
    "markets",
    "kitchen",
    "brewery",
    "bakery",
    "press",
    "publishing",
    "news",
    "magazine",
    "radio",
    "tv",
    "television",
    "films",
    "records",
    "games",
    "bio",
    "biotech",
    "therapeutics",
    "diagnostics",
    "care",
    "nonprofit",
    "charity",
    "fahrzeugtechnik",
    "kg",
    "sp",
    "universidad",
    "université",
    "universität",
];

/// Words that name schools and universities.
const INSTITUTION_WORDS: &[&str] = &[
    "university",
    "universidad",
    "universidade",
    "université",
    "universität",
    "universitat",
    "università",
    "universiteit",
    "college",
    "school",
    "institute",
    "institut",
    "instituto",
    "istituto",
    "academy",
    "akademie",
    "academia",
    "hochschule",
    "polytechnic",
    "politecnico",
    "polytechnique",
    "scuola",
    "école",
    "ecole",
    "escuela",
    "conservatory",
    "conservatoire",
    "seminary",
    "gymnasium",
    "lycée",
    "lycee",
    "universiti",
    "fachhochschule",
    "uni",
    "tu",
    "eth",
    "mit",
];

/// Degree abbreviations and words that start a degree.
const DEGREE_WORDS: &[&str] = &[
    "b.s.",
    "b.s",
    "bs",
    "b.a.",
    "b.a",
    "ba",
    "bsc",
    "b.sc.",
    "b.sc",
    "msc",
    "m.sc.",
    "m.sc",
    "ms",
    "m.s.",
    "m.s",
    "ma",
    "m.a.",
    "m.a",
    "mba",
    "m.b.a.",
    "phd",
    "ph.d.",
    "ph.d",
    "dphil",
    "b.eng.",
    "b.eng",
    "beng",
    "m.eng.",
    "m.eng",
    "meng",
    "b.des.",
    "b.des",
    "bdes",
    "m.des.",
    "mdes",
    "bfa",
    "b.f.a.",
    "mfa",
    "m.f.a.",
    "mph",
    "m.p.h.",
    "md",
    "m.d.",
    "jd",
    "j.d.",
    "llb",
    "ll.b.",
    "llm",
    "ll.m.",
    "aas",
    "a.a.s.",
    "a.a.",
    "a.s.",
    "bba",
    "b.b.a.",
    "bcom",
    "b.com.",
    "mcom",
    "macc",
    "m.acc.",
    "med",
    "m.ed.",
    "bed",
    "b.ed.",
    "msn",
    "bsn",
    "adn",
    "edd",
    "ed.d.",
    "dnp",
    "pharmd",
    "dds",
    "dvm",
    "mpa",
    "msw",
    "bsw",
    "mres",
    "mphil",
    "m.phil.",
    "bachelor",
    "bachelor's",
    "bachelors",
    "master",
    "master's",
    "masters",
    "doctor",
    "doctorate",
    "associate",
    "associate's",
    "diploma",
    "diplom",
    "dipl.-ing.",
    "dipl.-ing",
    "licenciatura",
    "licenciado",
    "licence",
    "maîtrise",
    "máster",
    "grado",
    "abitur",
    "baccalauréat",
    "bts",
    "dut",
    "certificate",
    "postgraduate",
    "pgce",
    "hnd",
    "btec",
    "ged",
];

/// US state and Canadian/Australian province codes.
const REGION_CODES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC", "D.C.", "ON", "BC", "QC", "AB", "MB", "NS", "NB", "NL", "PE", "SK", "NSW",
    "VIC", "QLD", "TAS", "ACT", "NT", "UK", "U.K.", "USA", "U.S.A.", "US", "U.S.", "UAE",
];

/// Countries, US states and other regions written out.
const REGION_NAMES: &[&str] = &[
    "united states",
    "united kingdom",
    "england",
    "scotland",
    "wales",
    "ireland",
    "northern ireland",
    "canada",
    "mexico",
    "brazil",
    "argentina",
    "chile",
    "peru",
    "colombia",
    "venezuela",
    "ecuador",
    "uruguay",
    "spain",
    "españa",
    "portugal",
    "france",
    "germany",
    "deutschland",
    "austria",
    "österreich",
    "switzerland",
    "schweiz",
    "suisse",
    "italy",
    "italia",
    "netherlands",
    "belgium",
    "luxembourg",
    "denmark",
    "sweden",
    "norway",
    "finland",
    "iceland",
    "poland",
    "czech republic",
    "czechia",
    "slovakia",
    "hungary",
    "romania",
    "bulgaria",
    "greece",
    "turkey",
    "russia",
    "ukraine",
    "estonia",
    "latvia",
    "lithuania",
    "croatia",
    "serbia",
    "slovenia",
    "israel",
    "egypt",
    "morocco",
    "nigeria",
    "kenya",
    "ghana",
    "south africa",
    "ethiopia",
    "india",
    "pakistan",
    "bangladesh",
    "sri lanka",
    "nepal",
    "china",
    "japan",
    "south korea",
    "korea",
    "taiwan",
    "hong kong",
    "singapore",
    "malaysia",
    "indonesia",
    "philippines",
    "vietnam",
    "thailand",
    "australia",
    "new zealand",
    "saudi arabia",
    "qatar",
    "united arab emirates",
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "rhode island",
    "south carolina",
    "south dakota",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "west virginia",
    "wisconsin",
    "wyoming",
    "ontario",
    "quebec",
    "british columbia",
    "alberta",
    "bavaria",
    "bayern",
    "catalonia",
    "remote",
];

fn contains_word(list: &[&str], text: &str) -> usize {
    words(text).filter(|w| list.contains(&w.as_str())).count()
}

/// How much `text` reads like a job title.
pub(crate) fn title_score(text: &str) -> usize {
    contains_word(TITLE_WORDS, text)
}

/// How much `text` reads like an organisation name.
pub(crate) fn org_score(text: &str) -> usize {
    contains_word(ORG_WORDS, text) + usize::from(text.contains(" & "))
}

/// Whether `text` names a school.
pub(crate) fn is_institution(text: &str) -> bool {
    contains_word(INSTITUTION_WORDS, text) > 0
}

/// Whether `word` (as written) is a degree abbreviation or degree word.
pub(crate) fn is_degree_word(word: &str) -> bool {
    let lower = word.trim_end_matches([',', ';', ':']).to_lowercase();
    DEGREE_WORDS.contains(&lower.as_str())
        || (lower.ends_with('.') && DEGREE_WORDS.contains(&lower.trim_end_matches('.')))
}

/// Whether `part` names a region: a state or province code (optionally with
/// a postcode), a country or a state written out.
fn is_region(part: &str) -> bool {
    let part = part.trim();
    let first = part.split_whitespace().next().unwrap_or("");
    let code_with_zip = REGION_CODES.contains(&first)
        && part
            .split_whitespace()
            .skip(1)
            .all(|w| w.chars().all(|c| c.is_ascii_digit()));
    code_with_zip || REGION_NAMES.contains(&part.to_lowercase().as_str())
}

/// Whether `part` could be a city name (capitalised words, no org words).
fn is_city(part: &str, allow_postcode: bool) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    let names = words
        .iter()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()));
    let postcodes = words.len() - names.clone().count();
    !words.is_empty()
        && words.len() <= 4
        && (postcodes == 0 || allow_postcode)
        && names.clone().count() > 0
        && names.clone().all(|w| starts_upper(w) || is_particle(w))
        && org_score(part) == 0
        && !is_institution(part)
}

fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "del" | "la" | "le" | "am" | "an" | "der" | "upon" | "on" | "sur" | "en"
    )
}

/// Splits a trailing place (`…, Austin, TX`, `…, Wrocław, Poland`, `…, Spain`)
/// off `text`: returns the text before it and the place.
pub(crate) fn split_place(text: &str, allow_postcode: bool) -> (String, Option<String>) {
    // `Saguaro Electric Co. (Phoenix, AZ)`
    if let Some((head, inner)) = text.strip_suffix(')').and_then(|t| t.rsplit_once('(')) {
        let (head, inner) = (head.trim(), inner.trim());
        if !head.is_empty() && is_place_text(inner) {
            return (head.to_string(), Some(inner.to_string()));
        }
    }
    let parts: Vec<&str> = text.split(", ").collect();
    for k in 0..parts.len() {
        let tail = &parts[k..];
        if tail.len() > 3 || !is_place(tail, allow_postcode, k > 0) {
            continue;
        }
        let head = parts[..k].join(", ");
        return (head, Some(tail.join(", ")));
    }
    (text.to_string(), None)
}

fn is_place(tail: &[&str], allow_postcode: bool, has_head: bool) -> bool {
    let Some((last, cities)) = tail.split_last() else {
        return false;
    };
    if !is_region(last) {
        return false;
    }
    if cities.is_empty() {
        return has_head;
    }
    cities.iter().all(|c| is_city(c, allow_postcode))
}

/// Whether the whole of `text` is a place.
pub(crate) fn is_place_text(text: &str) -> bool {
    let text = text.trim();
    text.eq_ignore_ascii_case("remote")
        || matches!(split_place(text, false), (head, Some(_)) if head.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_split_off_the_end() {
        let (head, place) = split_place("Coral Reach Telecom, Miami, FL", false);
        assert_eq!(
            (head.as_str(), place.as_deref()),
            ("Coral Reach Telecom", Some("Miami, FL"))
        );
        let (head, place) = split_place("Universidad Atlántica de Madrid, Spain", false);
        assert_eq!(head, "Universidad Atlántica de Madrid");
        assert_eq!(place.as_deref(), Some("Spain"));
        let (head, place) = split_place("Hollis, Grant & Meyer LLP", false);
        assert_eq!((head.as_str(), place), ("Hollis, Grant & Meyer LLP", None));
        let (head, place) = split_place("Saguaro Electric Co. (Phoenix, AZ)", false);
        assert_eq!(
            (head.as_str(), place.as_deref()),
            ("Saguaro Electric Co.", Some("Phoenix, AZ"))
        );
        let (head, place) = split_place("Parcelwise Inc., Remote", false);
        assert_eq!(
            (head.as_str(), place.as_deref()),
            ("Parcelwise Inc.", Some("Remote"))
        );
        let (head, place) = split_place("Co-op Program (Summer)", false);
        assert_eq!((head.as_str(), place), ("Co-op Program (Summer)", None));
    }

    #[test]
    fn street_addresses_with_postcodes_are_places() {
        let (_, place) = split_place("Leopoldstraße 112, 80802 München, Germany", true);
        assert_eq!(
            place.as_deref(),
            Some("Leopoldstraße 112, 80802 München, Germany")
        );
        assert!(is_place_text("Valparaíso, Chile"));
        assert!(is_place_text("Baton Rouge, LA"));
        assert!(!is_place_text("Staff Nurse II"));
    }
}
