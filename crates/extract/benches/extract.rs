//! Extraction speed: one corpus resume per format, through the public API.

use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use resume_extract::{Extractor, Limits};

/// (label, path under tests/corpus) of the file benchmarked per format.
const FILES: &[(&str, &str)] = &[
    ("docx", "resumes/marcus-adeyemi/marcus-adeyemi.docx"),
    ("doc", "resumes/marcus-adeyemi/marcus-adeyemi.doc"),
    ("odt", "resumes/marcus-adeyemi/marcus-adeyemi.odt"),
    ("txt", "resumes/marcus-adeyemi/marcus-adeyemi.txt"),
    ("rtf", "edge-cases/rtf-as.doc"),
    ("pdf", "resumes/marcus-adeyemi/marcus-adeyemi.pdf"),
    (
        "chromium-pdf",
        "resumes/sofia-villanueva/sofia-villanueva.chromium.pdf",
    ),
];

fn extract(c: &mut Criterion) {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let extractor = Extractor::new(Limits::default());
    let mut group = c.benchmark_group("extract");
    for (label, path) in FILES {
        let Ok(bytes) = std::fs::read(corpus.join(path)) else {
            continue;
        };
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &bytes, |b, bytes| {
            b.iter(|| extractor.extract_bytes(std::hint::black_box(bytes)));
        });
    }
    group.finish();
}

criterion_group!(benches, extract);
criterion_main!(benches);
