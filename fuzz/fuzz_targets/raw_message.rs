//! Fuzzes the raw-message check. The first byte picks the API and whether a Source and a
//! Destination come with the message; the rest is the message. On any bytes: no panic; the
//! same verdict every time; `report_raw` has errors exactly when `check_raw` rejects, and its
//! first error is `check_raw`'s; the report serializes to JSON and the error renders to
//! well-formed v1 XML, v2 JSON and one SMTP line; a message without U+FFFD gets no fix that
//! has one, plain or in an encoded-word (its bytes that are not UTF-8 are never replaced).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ses_presend::{check_raw, report_raw, Api, RawOptions};
use ses_presend::address::decode_friendly_name;
use ses_presend_fuzz::{check_and_report_agree, same_twice};

fuzz_target!(|data: &[u8]| {
    let (selector, raw) = data.split_first().map_or((0, data), |(s, r)| (*s, r));
    let api = [Api::V1, Api::V2, Api::Smtp][usize::from(selector % 3)];
    let mut options = RawOptions::new(api);
    if selector & 0x10 != 0 {
        options = options.source("sender@example.com");
    }
    if selector & 0x20 != 0 {
        options = options.destination("someone@example.com");
    }

    let verdict = same_twice("check_raw", || check_raw(raw, &options));
    let report = same_twice("report_raw", || report_raw(raw, &options));
    check_and_report_agree("raw message", &verdict, &report);

    let replacement = "\u{FFFD}".as_bytes();
    if !raw.windows(3).any(|w| w == replacement) {
        for finding in report.errors.iter().chain(&report.advisories) {
            if let Some(fix) = &finding.fix {
                assert!(
                    !fix.contains('\u{FFFD}') && !decode_friendly_name(fix).contains('\u{FFFD}'),
                    "a fix that replaces bytes: {finding:?}"
                );
            }
        }
    }
});
