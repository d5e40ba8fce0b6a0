//! RTF input: the bytes get an `{\rtf1` header so that every input reaches the RTF reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use resume_extract::{Extractor, Limits};

fuzz_target!(|data: &[u8]| {
    let mut input = b"{\\rtf1 ".to_vec();
    input.extend_from_slice(data);
    let _ = Extractor::new(Limits::default()).extract_bytes(&input);
});
