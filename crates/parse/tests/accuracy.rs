//! The parser's field accuracy on every labelled corpus resume, from every
//! rendering, held to the targets the README quotes: F1 at least 0.98
//! overall and at least 0.95 for every field and every format.
//!
//! `cargo run --release -p resume-parse --example accuracy` prints the
//! tables this test checks.

mod support;

#[test]
fn field_accuracy_meets_the_targets_for_every_field_and_format() {
    let report = support::measure();

    // Seventeen resumes in up to six renderings each: an empty corpus must not pass.
    assert!(
        report.by_resume.len() >= 18,
        "{:?}",
        report.by_resume.keys()
    );
    assert!(report.by_format.len() >= 6, "{:?}", report.by_format.keys());
    assert!(
        report.overall.tp > 3500,
        "only {} fields matched",
        report.overall.tp
    );

    let table = report.markdown();
    assert!(
        report.overall.f1() >= 0.98,
        "overall F1 {:.3}\n{table}",
        report.overall.f1()
    );
    for (field, counts) in &report.by_field {
        assert!(
            counts.f1() >= 0.95,
            "{field}: F1 {:.3}\n{table}",
            counts.f1()
        );
    }
    for (format, counts) in &report.by_format {
        assert!(
            counts.f1() >= 0.95,
            "{format}: F1 {:.3}\n{table}",
            counts.f1()
        );
    }
}
