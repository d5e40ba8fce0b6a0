//! Every corpus resume read by the real parser from its `.txt` rendering,
//! then tailored to every corpus posting: no truthfulness violation, and
//! never a lower score than the source.

mod support;

use std::sync::Arc;

use resume_domain::ports::{ResumeParser, SourceResume};
use resume_domain::truth::check_as_of;
use resume_domain::{DocumentFormat, ExtractedDocument};
use resume_enhance_offline::OfflineEnhancer;
use resume_parse::ResumeTextParser;
use resume_skills::Taxonomy;

use support::{corpus_jobs, fixed_clock, resume_text, today};

fn parsed(name: &str, taxonomy: &Taxonomy) -> SourceResume {
    let text = resume_text(name);
    let document = ExtractedDocument {
        format: DocumentFormat::Text,
        text: text.clone(),
        links: Vec::new(),
        page_count: None,
    };
    let content = ResumeTextParser::new(Arc::new(taxonomy.clone())).parse(&document);
    SourceResume { text, content }
}

#[test]
fn parsed_corpus_resumes_are_tailored_truthfully_to_every_posting() {
    let taxonomy = Taxonomy::builtin();
    let enhancer = OfflineEnhancer::new(taxonomy.clone(), fixed_clock());
    let jobs = corpus_jobs();
    let mut pairs = 0;
    for (name, _) in support::corpus_resumes() {
        let source = parsed(&name, &taxonomy);
        assert!(
            !source.content.experience.is_empty(),
            "{name}: the parser found no job"
        );
        for (slug, job) in &jobs {
            let result = enhancer.tailor(&source, job);
            let violations = check_as_of(&source, &result.content, &taxonomy, today().as_ref());
            assert_eq!(violations, [], "{name} for {slug}");
            assert!(result.warnings.is_empty(), "{name} for {slug}");
            let report = &result.report;
            assert!(
                report.score_after >= report.score_before,
                "{name} for {slug}: {report:?}"
            );
            pairs += 1;
        }
    }
    assert_eq!(pairs, 18 * 8);
}
