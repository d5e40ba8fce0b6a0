//! A seeded mutation fuzzer over the corpus: bit flips, truncations and
//! splices of real files must give a document or a typed error, never a
//! panic, within the time budget.

use std::time::Duration;

use resume_extract::{Extractor, Limits};

use crate::{corpus_dir, layout_bytes, resume_bytes};

/// Mutations tried per seed file, unless `EXTRACT_FUZZ_ROUNDS` says more.
const ROUNDS: usize = 300;

fn rounds(default: usize) -> usize {
    std::env::var("EXTRACT_FUZZ_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(default)
}

/// A xorshift64 generator: small, seeded, reproducible.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(rng: &mut XorShift, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    match rng.below(4) {
        0 => {
            for _ in 0..=rng.below(16) {
                let at = rng.below(bytes.len());
                bytes[at] ^= 1 << rng.below(8);
            }
        }
        1 => bytes.truncate(rng.below(bytes.len())),
        2 => {
            let at = rng.below(bytes.len());
            let from = rng.below(other.len());
            let len = rng.below(512).min(other.len() - from);
            bytes.splice(at..at, other[from..from + len].iter().copied());
        }
        _ => {
            let at = rng.below(bytes.len());
            let len = rng.below(64).min(bytes.len() - at);
            for b in &mut bytes[at..at + len] {
                *b = (rng.next() & 0xff) as u8;
            }
        }
    }
    bytes
}

fn fuzz(seed: &[u8], rounds_default: usize, salt: u64) {
    let limits = Limits {
        time_budget: Duration::from_secs(2),
        ..Limits::default()
    };
    let extractor = Extractor::new(limits);
    let other = resume_bytes("sofia-villanueva", "docx");
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15 ^ salt);
    for _ in 0..rounds(rounds_default) {
        let input = mutate(&mut rng, seed, &other);
        if let Ok(doc) = extractor.extract_bytes(&input) {
            assert!(!doc.text.trim().is_empty(), "a document always has text");
        }
    }
}

#[test]
fn mutated_docx_files_never_panic() {
    fuzz(&resume_bytes("priya-raghunathan", "docx"), ROUNDS, 1);
}

#[test]
fn mutated_doc_files_never_panic() {
    fuzz(&resume_bytes("camila-munoz", "doc"), ROUNDS, 2);
}

#[test]
fn mutated_doc_files_with_text_boxes_never_panic() {
    fuzz(&layout_bytes("text-frame", "doc"), ROUNDS, 6);
}

#[test]
fn mutated_odt_files_never_panic() {
    fuzz(&resume_bytes("sofia-villanueva", "odt"), ROUNDS, 3);
}

#[test]
fn mutated_rtf_files_never_panic() {
    let rtf = std::fs::read(corpus_dir().join("edge-cases/rtf-as.doc")).unwrap();
    fuzz(&rtf, ROUNDS, 4);
}

#[test]
fn mutated_rtf_files_with_shapes_never_panic() {
    fuzz(&layout_bytes("text-frame", "rtf"), ROUNDS, 7);
}

#[test]
fn mutated_text_files_never_panic() {
    fuzz(&resume_bytes("tyler-nguyen", "txt"), ROUNDS, 5);
}

#[test]
fn mutated_pdf_files_never_panic() {
    fuzz(&resume_bytes("luca-bianchi", "pdf"), 60, 6);
}
