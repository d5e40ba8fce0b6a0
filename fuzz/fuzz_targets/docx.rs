//! DOCX input: seeded with the corpus DOCX files; the bytes go to the extractor as they are.
#![no_main]

use libfuzzer_sys::fuzz_target;
use resume_extract::{Extractor, Limits};

fuzz_target!(|data: &[u8]| {
    let _ = Extractor::new(Limits::default()).extract_bytes(data);
});
