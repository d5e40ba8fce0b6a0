//! Every corpus resume tailored to every corpus posting: no truthfulness
//! violation, and never a lower score than the source.
//!
//! The source content comes from the labels (`<name>.expected.json`), with
//! each job's bullets and the summary taken from the `.txt` rendering, since
//! the labels do not record them.

mod support;

use resume_domain::truth::check_as_of;
use resume_enhance_offline::OfflineEnhancer;
use resume_skills::Taxonomy;

use support::{corpus_jobs, corpus_resumes, fixed_clock, today};

#[test]
fn every_corpus_pairing_is_truthful_and_never_scores_lower() {
    let taxonomy = Taxonomy::builtin();
    let enhancer = OfflineEnhancer::new(taxonomy.clone(), fixed_clock());
    let jobs = corpus_jobs();
    let resumes = corpus_resumes();
    assert_eq!((resumes.len(), jobs.len()), (18, 8));

    for (name, source) in &resumes {
        for (slug, job) in &jobs {
            let result = enhancer.tailor(source, job);
            let violations = check_as_of(source, &result.content, &taxonomy, today().as_ref());
            assert_eq!(violations, [], "{name} for {slug}");
            assert!(
                result.warnings.is_empty(),
                "{name} for {slug}: {:?}",
                result.warnings
            );
            let report = &result.report;
            assert!(
                report.score_after >= report.score_before,
                "{name} for {slug}: {report:?}"
            );
        }
    }
}

#[test]
fn each_resume_gains_against_the_posting_written_for_it() {
    let enhancer = OfflineEnhancer::new(Taxonomy::builtin(), fixed_clock());
    let jobs = corpus_jobs();
    let resumes = corpus_resumes();
    for (job, own) in support::PAIRS {
        let source = &resumes.iter().find(|(name, _)| name == own).unwrap().1;
        let posting = &jobs.iter().find(|(slug, _)| slug == job).unwrap().1;
        let report = enhancer.tailor(source, posting).report;
        eprintln!(
            "{own} for {job}: {} -> {}",
            report.score_before, report.score_after
        );
        assert!(
            report.score_after > report.score_before,
            "{own} for {job}: {report:?}"
        );
        assert!(report.score_after >= 50.0, "{own} for {job}: {report:?}");
    }
}

#[test]
fn the_same_input_gives_the_same_output() {
    let enhancer = OfflineEnhancer::new(Taxonomy::builtin(), fixed_clock());
    let jobs = corpus_jobs();
    for (_, source) in corpus_resumes() {
        let first = enhancer.tailor(&source, &jobs[0].1);
        let second = enhancer.tailor(&source, &jobs[0].1);
        assert_eq!(first, second);
    }
}
