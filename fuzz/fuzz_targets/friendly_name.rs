//! Fuzzes friendly names (display names and their RFC 2047 encoded-words). On any text:
//! checking never panics and is deterministic; a report's fix has no advisory; decoding is
//! deterministic; encoding gives words SES and mail clients accept (no advisory, at most 75
//! characters each, only printable ASCII) that decode back to the text, and the encoded name in
//! front of an address is accepted by SES with the same mailbox.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ses_presend::parse_address;
use ses_presend::address::{decode_friendly_name, encode_friendly_name, report_friendly_name};
use ses_presend::intl::MAX_ENCODED_WORD;
use ses_presend_fuzz::{check_and_report_agree, same_twice};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };

    let report = same_twice("report_friendly_name", || report_friendly_name(text));
    let checked = match report.first_error() {
        Some(e) => Err(e.clone()),
        None => Ok(()),
    };
    check_and_report_agree("friendly name", &checked, &report);
    same_twice("decode_friendly_name", || decode_friendly_name(text));
    if let Some(fix) = &report.fix {
        let advisories = report_friendly_name(fix).advisories;
        assert!(
            advisories.is_empty(),
            "fix {fix:?} has advisories {advisories:?}"
        );
    }

    let encoded = same_twice("encode_friendly_name", || encode_friendly_name(text));
    let advisories = report_friendly_name(&encoded).advisories;
    assert!(advisories.is_empty(), "{encoded:?}: {advisories:?}");
    assert_eq!(
        decode_friendly_name(&encoded),
        text,
        "{encoded:?} does not decode back"
    );
    for word in encoded.split(' ').filter(|w| w.starts_with("=?")) {
        assert!(
            word.len() <= MAX_ENCODED_WORD,
            "word over 75 characters: {word}"
        );
        assert!(
            word.bytes().all(|b| b.is_ascii_graphic()),
            "an encoded-word with a byte that is not printable ASCII: {word}"
        );
    }
    if encoded.starts_with("=?") {
        let with_address = format!("{encoded} <someone@example.com>");
        let parsed = parse_address(&with_address)
            .unwrap_or_else(|e| panic!("{with_address:?} rejected: {e}"));
        let mailbox = parsed.mailbox().expect("one mailbox");
        assert_eq!(mailbox.addr_spec(), "someone@example.com");
        assert_eq!(mailbox.display_name_decoded().as_deref(), Some(text));
    }
});
