//! DOC input: the bytes get the OLE2 magic so that every input reaches the compound-file reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use resume_extract::{Extractor, Limits};

fuzz_target!(|data: &[u8]| {
    let mut input = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    input.extend_from_slice(data.get(8..).unwrap_or_default());
    let _ = Extractor::new(Limits::default()).extract_bytes(&input);
});
