//! Hostile raw messages: each is checked and fully reported in linear time, without deep
//! recursion and without memory beyond a small multiple of its size. Each test times both
//! calls against a bound that only catches the failures this file is about: quadratic work on
//! these megabyte inputs takes hours, while the debug build's figures printed are under a
//! second. The bound (60 s debug, 10 s optimized) leaves room for a CI machine that is paused
//! or shared; speed itself is measured by `benches/adversarial.rs`, not here.

use ses_presend::{check_raw, report_raw, Api, RawOptions, Report, SesError};
use std::time::{Duration, Instant};

const LIMIT: Duration = if cfg!(debug_assertions) {
    Duration::from_secs(60)
} else {
    Duration::from_secs(10)
};

/// Checks and reports `raw` on `api`, prints the times, and returns both answers.
fn run(name: &str, raw: &[u8], api: Api) -> (Result<(), SesError>, Report) {
    let options = RawOptions::new(api);
    let started = Instant::now();
    let verdict = check_raw(raw, &options);
    let check_time = started.elapsed();
    let started = Instant::now();
    let report = report_raw(raw, &options);
    let report_time = started.elapsed();
    eprintln!(
        "{name}: {} bytes, check_raw {check_time:?}, report_raw {report_time:?}",
        raw.len()
    );
    assert!(check_time < LIMIT, "{name}: check_raw took {check_time:?}");
    assert!(
        report_time < LIMIT,
        "{name}: report_raw took {report_time:?}"
    );
    assert_eq!(report.first_error(), verdict.as_ref().err(), "{name}");
    (verdict, report)
}

fn reasons(report: &Report) -> Vec<&'static str> {
    report
        .errors
        .iter()
        .chain(&report.advisories)
        .map(|f| f.reason.as_str())
        .collect()
}

const HEAD: &str = "From: sender@example.com\r\nTo: someone@example.com\r\n";

#[test]
fn nested_multiparts_100_000() {
    let mut raw = String::from(HEAD);
    for i in 0..100_000 {
        raw.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n"
        ));
    }
    raw.push_str("Content-Type: text/plain\r\n\r\nthe bottom\r\n");
    let (verdict, report) = run("100 000 nested multiparts", raw.as_bytes(), Api::V2);
    assert_eq!(verdict, Ok(()));
    let reasons = reasons(&report);
    assert!(reasons.contains(&"mime-too-deep"), "{reasons:?}");
    assert!(reasons.contains(&"missing-end-boundary"), "{reasons:?}");
}

#[test]
fn nested_multiparts_with_one_boundary() {
    // Every level uses the same boundary: each `--b` line belongs to the outermost multipart,
    // so the one inside its first part never starts.
    let mut raw = String::from(HEAD);
    for _ in 0..100_000 {
        raw.push_str("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n");
    }
    let (verdict, report) = run("100 000 multiparts, one boundary", raw.as_bytes(), Api::V2);
    assert_eq!(verdict.unwrap_err().message, "Missing start boundary");
    assert!(report.errors.len() <= 1000);
}

#[test]
fn nested_messages_100_000() {
    let mut raw = String::from(HEAD);
    for _ in 0..100_000 {
        raw.push_str("Content-Type: message/rfc822\r\n\r\n");
    }
    raw.push_str("Subject: the bottom\r\n\r\nhello\r\n");
    let (verdict, report) = run("100 000 nested message/rfc822", raw.as_bytes(), Api::V2);
    assert_eq!(verdict, Ok(()));
    assert!(reasons(&report).contains(&"mime-too-deep"));
}

#[test]
fn header_of_commas_10_mb() {
    let mut raw = String::from("From: sender@example.com\r\nTo: ");
    raw.push_str(&",".repeat(10_000_000));
    raw.push_str("\r\n\r\nbody\r\n");
    let (verdict, report) = run("10 MB header of commas", raw.as_bytes(), Api::V1);
    // The header section's size only advises (DECISIONS raw-header-section-limit): the
    // message's own error comes first.
    assert_eq!(verdict.unwrap_err().message, "Empty required header 'To'.");
    let reasons = reasons(&report);
    assert!(reasons.contains(&"header-section-too-long"), "{reasons:?}");
    assert!(reasons.contains(&"empty-required-header"), "{reasons:?}");
    assert!(reasons.contains(&"line-too-long"), "{reasons:?}");
}

#[test]
fn open_parentheses_1_mb() {
    let parens = "(".repeat(1_000_000);
    // In an address header.
    let raw = format!("From: sender@example.com\r\nTo: {parens}\r\n\r\nbody\r\n");
    let (verdict, report) = run("1 MB of ( in To", raw.as_bytes(), Api::V1);
    assert_eq!(verdict.unwrap_err().message, "Missing ')'");
    assert!(report
        .errors
        .iter()
        .any(|f| f.error.as_ref().is_some_and(|e| e.message == "Missing ')'")));
    // In a part's Content-Type, where check_raw must read it too.
    let raw = format!(
        "{HEAD}Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: {parens}\r\n\
         \r\nx\r\n--b--\r\n"
    );
    let (verdict, _) = run(
        "1 MB of ( in a part's Content-Type",
        raw.as_bytes(),
        Api::V1,
    );
    assert_eq!(verdict.unwrap_err().message, "Unbalanced comments");
    // In a display name.
    let raw = format!("From: sender@example.com\r\nTo: {parens} <a@b.com>\r\n\r\nbody\r\n");
    let (verdict, report) = run("1 MB of ( in a display name", raw.as_bytes(), Api::V2);
    assert_eq!(verdict.unwrap_err().message, "Missing ')'");
    assert!(report
        .errors
        .iter()
        .any(|f| f.error.as_ref().is_some_and(|e| e.message == "Missing ')'")));
}

#[test]
fn headers_100_000() {
    let mut raw = String::from(HEAD);
    for i in 0..100_000 {
        raw.push_str(&format!("X-Header-{i}: value {i}\r\n"));
    }
    raw.push_str("\r\nbody\r\n");
    let (verdict, report) = run("100 000 headers", raw.as_bytes(), Api::V1);
    assert_eq!(verdict, Ok(()));
    assert!(reasons(&report).contains(&"header-section-too-long"));
    // 100 000 repeated singletons: one duplicate error each, the report bounded.
    let mut raw = String::from(HEAD);
    for _ in 0..100_000 {
        raw.push_str("Subject: again\r\n");
    }
    let (_, report) = run("100 000 Subject headers", raw.as_bytes(), Api::V1);
    assert!(report.errors.len() <= 1000);
    assert!(reasons(&report).contains(&"findings-truncated"));
}

#[test]
fn many_recipients_and_garbage() {
    let list: Vec<String> = (0..100_000).map(|i| format!("u{i}@example.com")).collect();
    let raw = format!(
        "From: s@example.com\r\nTo: {}\r\n\r\nhi\r\n",
        list.join(", ")
    );
    let (_, report) = run("100 000 recipients", raw.as_bytes(), Api::V2);
    assert!(reasons(&report).contains(&"too-many-recipients"));
    // Bytes that are not a message at all.
    let garbage: Vec<u8> = (0..2_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let (verdict, _) = run("2 MB of noise", &garbage, Api::V2);
    assert!(verdict.is_err());
    let dashes = "--\r\n".repeat(500_000);
    let raw = format!("{HEAD}Content-Type: multipart/mixed; boundary=\"-\"\r\n\r\n{dashes}");
    let (verdict, _) = run("500 000 lines of --", raw.as_bytes(), Api::V2);
    assert_eq!(verdict.unwrap_err().message, "Missing start boundary");
}
