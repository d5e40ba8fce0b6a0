//! Extraction quality on the corpus: word F1 and reading order against each
//! resume's `.txt`, per format and producer, with `pdftotext` beside ours
//! for the PDFs when it is installed.
//!
//! ```sh
//! cargo run --release -p resume-extract --example quality
//! cargo run --release -p resume-extract --example quality -- dump FILE   # print one file's text
//! cargo run --release -p resume-extract --example quality -- time N FILE # extract N times
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use resume_extract::metrics::{order_score, word_f1};
use resume_extract::{Extractor, Limits};

/// A column of the report: a rendering of each resume.
struct Producer {
    label: &'static str,
    suffix: &'static str,
    is_pdf: bool,
}

const PRODUCERS: &[Producer] = &[
    Producer {
        label: "docx",
        suffix: "docx",
        is_pdf: false,
    },
    Producer {
        label: "doc",
        suffix: "doc",
        is_pdf: false,
    },
    Producer {
        label: "odt",
        suffix: "odt",
        is_pdf: false,
    },
    Producer {
        label: "txt",
        suffix: "txt",
        is_pdf: false,
    },
    Producer {
        label: "LibreOffice pdf",
        suffix: "pdf",
        is_pdf: true,
    },
    Producer {
        label: "Chromium pdf",
        suffix: "chromium.pdf",
        is_pdf: true,
    },
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("dump") => args.get(1).into_iter().for_each(|f| dump(Path::new(f))),
        Some("time") => time(&args[1..]),
        _ => report(),
    }
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

fn dump(file: &Path) {
    let bytes = std::fs::read(file).unwrap_or_default();
    match Extractor::new(Limits::default()).extract_bytes(&bytes) {
        Ok(doc) => {
            println!("{}", doc.text);
            for link in doc.links {
                eprintln!("link: {} ({:?})", link.target, link.text);
            }
        }
        Err(err) => eprintln!("error: {err}"),
    }
}

/// Extracts one file N times: the unit the speed script times.
fn time(args: &[String]) {
    let (Some(count), Some(file)) = (
        args.first().and_then(|n| n.parse::<u32>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: quality time N FILE");
        return;
    };
    let bytes = std::fs::read(file).unwrap_or_default();
    let extractor = Extractor::new(Limits::default());
    let started = Instant::now();
    for _ in 0..count {
        let _ = std::hint::black_box(extractor.extract_bytes(&bytes));
    }
    println!(
        "{:.3} ms per extraction",
        started.elapsed().as_secs_f64() * 1000.0 / f64::from(count)
    );
}

/// The resumes whose contact line lives only in the page header, which
/// LibreOffice's text export leaves out.
fn header_only_contact(dir: &Path, name: &str) -> bool {
    std::fs::read_to_string(dir.join("meta.json"))
        .is_ok_and(|m| m.contains("fields_in_page_header"))
        && !name.is_empty()
}

/// The text to compare with the `.txt`: without the leading page-header
/// block when the `.txt` has none.
fn comparable(text: &str, drop_header: bool) -> String {
    if !drop_header {
        return text.to_owned();
    }
    text.split_once("\n\n")
        .map_or_else(|| text.to_owned(), |(_, rest)| rest.to_owned())
}

fn report() {
    let extractor = Extractor::new(Limits::default());
    let pdftotext = Command::new("pdftotext").arg("-v").output().is_ok();
    let mut names: Vec<String> = std::fs::read_dir(corpus().join("resumes"))
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    println!("# Extraction quality against the LibreOffice text export\n");
    println!("F1 = word-multiset F1; order = LCS of word sequences / longer length.\n");
    for producer in PRODUCERS {
        println!("## {}\n", producer.label);
        if producer.is_pdf && pdftotext {
            println!("| resume | F1 | order | pdftotext F1 | pdftotext order |");
            println!("|---|---|---|---|---|");
        } else {
            println!("| resume | F1 | order |");
            println!("|---|---|---|");
        }
        let mut sums = [0.0f64; 4];
        let mut count = 0u32;
        for name in &names {
            let dir = corpus().join("resumes").join(name);
            let file = dir.join(format!("{name}.{}", producer.suffix));
            let Ok(bytes) = std::fs::read(&file) else {
                continue;
            };
            let reference =
                std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap_or_default();
            let drop_header = header_only_contact(&dir, name) && producer.suffix != "txt";
            let ours = extractor
                .extract_bytes(&bytes)
                .map(|d| comparable(&d.text, drop_header && !producer.is_pdf))
                .unwrap_or_else(|e| format!("error: {e}"));
            let scores = [word_f1(&reference, &ours), order_score(&reference, &ours)];
            let mut row = format!("| {name} | {:.4} | {:.4} |", scores[0], scores[1]);
            sums[0] += scores[0];
            sums[1] += scores[1];
            if producer.is_pdf && pdftotext {
                let theirs = run_pdftotext(&file);
                let (f1, order) = (
                    word_f1(&reference, &theirs),
                    order_score(&reference, &theirs),
                );
                row.push_str(&format!(" {f1:.4} | {order:.4} |"));
                sums[2] += f1;
                sums[3] += order;
            }
            println!("{row}");
            count += 1;
        }
        let n = f64::from(count.max(1));
        if producer.is_pdf && pdftotext {
            println!(
                "| **mean** | **{:.4}** | **{:.4}** | **{:.4}** | **{:.4}** |\n",
                sums[0] / n,
                sums[1] / n,
                sums[2] / n,
                sums[3] / n
            );
        } else {
            println!(
                "| **mean** | **{:.4}** | **{:.4}** |\n",
                sums[0] / n,
                sums[1] / n
            );
        }
    }
    rtf(&extractor);
    real_pdfs(&extractor, pdftotext);
}

/// The one RTF of the corpus: karin-ostlund exported by LibreOffice.
fn rtf(extractor: &Extractor) {
    let corpus = corpus();
    let bytes = std::fs::read(corpus.join("edge-cases/rtf-as.doc")).unwrap_or_default();
    let reference = std::fs::read_to_string(corpus.join("resumes/karin-ostlund/karin-ostlund.txt"))
        .unwrap_or_default();
    let ours = extractor
        .extract_bytes(&bytes)
        .map(|d| d.text)
        .unwrap_or_else(|e| format!("error: {e}"));
    println!("## rtf\n");
    println!("| resume | F1 | order |\n|---|---|---|");
    println!(
        "| karin-ostlund (edge-cases/rtf-as.doc) | {:.4} | {:.4} |\n",
        word_f1(&reference, &ours),
        order_score(&reference, &ours)
    );
}

fn run_pdftotext(file: &Path) -> String {
    Command::new("pdftotext")
        .arg(file)
        .arg("-")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

/// Real PDFs have no reference text: words found by us and by pdftotext,
/// and the F1 between the two.
fn real_pdfs(extractor: &Extractor, pdftotext: bool) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus().join("real"))
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "pdf"));
    files.sort();
    println!("## real PDFs (no reference text)\n");
    println!(
        "| file | our words | pdftotext words | F1 ours vs pdftotext | order ours vs pdftotext |"
    );
    println!("|---|---|---|---|---|");
    for file in files {
        let bytes = std::fs::read(&file).unwrap_or_default();
        let ours = extractor
            .extract_bytes(&bytes)
            .map(|d| d.text)
            .unwrap_or_else(|e| format!("error: {e}"));
        let theirs = if pdftotext {
            run_pdftotext(&file)
        } else {
            String::new()
        };
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        println!(
            "| {name} | {} | {} | {:.4} | {:.4} |",
            ours.split_whitespace().count(),
            theirs.split_whitespace().count(),
            word_f1(&theirs, &ours),
            order_score(&theirs, &ours)
        );
    }
}
