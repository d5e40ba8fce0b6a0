//! Plain-text input: any bytes that are not another format's magic are decoded as text or refused.
#![no_main]

use libfuzzer_sys::fuzz_target;
use resume_extract::{Extractor, Limits};

fuzz_target!(|data: &[u8]| {
    let _ = Extractor::new(Limits::default()).extract_bytes(data);
});
