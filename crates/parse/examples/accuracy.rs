//! Prints the parser's field accuracy on the labelled corpus as markdown
//! tables (per field, per format, per resume) and lists the mismatches.
//!
//! `cargo run --release -p resume-parse --example accuracy [-- --misses]`
//!
//! `LABELLED_RESUMES=DIR` measures another labelled set laid out like
//! `tests/corpus/resumes`.

#[path = "../tests/support/mod.rs"]
mod support;

fn main() {
    let report = support::measure();
    println!("{}", report.markdown());
    if std::env::args().any(|a| a == "--misses") {
        println!("| resume | format | field | expected | got |\n|---|---|---|---|---|");
        for (resume, format, field, expected, got) in &report.misses {
            println!("| {resume} | {format} | {field} | {expected} | {got} |");
        }
    }
}
