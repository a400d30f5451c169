//! Fuzzes friendly names: checking any text never panics and is deterministic; encoding any
//! text gives words SES and mail clients accept (no advisory, at most 75 characters each) that
//! decode back to the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ses_presend::{decode_friendly_name, encode_friendly_name, report_friendly_name};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };

    let report = report_friendly_name(text);
    assert_eq!(
        report,
        report_friendly_name(text),
        "report changed between runs"
    );
    let _ = decode_friendly_name(text);
    if let Some(fix) = &report.fix {
        assert!(
            report_friendly_name(fix).advisories.is_empty(),
            "fix {fix:?} has advisories"
        );
    }

    let encoded = encode_friendly_name(text);
    let advisories = report_friendly_name(&encoded).advisories;
    assert!(advisories.is_empty(), "{encoded:?}: {advisories:?}");
    assert_eq!(
        decode_friendly_name(&encoded),
        text,
        "{encoded:?} does not decode back"
    );
    for word in encoded.split(' ').filter(|w| w.starts_with("=?")) {
        assert!(word.len() <= 75, "word over 75 characters: {word}");
    }
});
