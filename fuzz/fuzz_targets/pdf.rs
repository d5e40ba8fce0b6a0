//! PDF input: the bytes get a `%PDF-` header so that every input reaches the PDF reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use resume_extract::{Extractor, Limits};

fuzz_target!(|data: &[u8]| {
    let mut input = b"%PDF-1.7\n".to_vec();
    input.extend_from_slice(data);
    let _ = Extractor::new(Limits::default()).extract_bytes(&input);
});
