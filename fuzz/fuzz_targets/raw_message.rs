//! Fuzzes the raw-message check. The first byte picks the API and whether a Source and a
//! Destination come with the message; the rest is the message. On any bytes: no panic; the
//! same verdict every time; `report_raw`'s first error is `check_raw`'s error, and it has
//! errors exactly when `check_raw` rejects.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ses_presend::{check_raw, report_raw, Api, RawOptions};

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

    let verdict = check_raw(raw, &options);
    assert_eq!(
        verdict,
        check_raw(raw, &options),
        "verdict changed between runs"
    );
    let report = report_raw(raw, &options);
    assert_eq!(
        report.first_error(),
        verdict.as_ref().err(),
        "report_raw disagrees"
    );
    assert_eq!(report.errors.is_empty(), verdict.is_ok());
});
