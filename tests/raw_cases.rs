//! Raw messages (docs/raw.md): the table `tests/cases/raw-messages.tsv`, run by one
//! loop, and the size limits, which are too large for a table.

mod common;

use common::unescape;
use ses_presend::raw::{MAX_HEADER_SECTION, V1_MAX_MESSAGE_SIZE, V2_MAX_MESSAGE_SIZE};
use ses_presend::report::DECISIONS;
use ses_presend::{check_raw, render, report_raw, Api, ErrorCode, RawOptions, SesError};

fn answer(result: &Result<(), SesError>, api: Api) -> String {
    match result {
        Ok(()) => "OK".to_string(),
        Err(e) => format!("{}: {}", e.code.name_on(api), e.message),
    }
}

#[test]
fn table() {
    let table = include_str!("cases/raw-messages.tsv");
    let mut failures = Vec::new();
    let mut count = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 6, "bad row {line:?}");
        let (name, opts, raw, expected, reasons) = (
            cols[0],
            cols[1],
            unescape(cols[2]),
            unescape(cols[3]),
            cols[4],
        );
        let mut parts = opts.split('|');
        let api = match parts.next() {
            Some("v1") => Api::V1,
            Some("v2") => Api::V2,
            Some("smtp") => Api::Smtp,
            other => panic!("{name}: bad api {other:?}"),
        };
        let mut options = RawOptions::new(api);
        for part in parts {
            match part.split_once('=') {
                Some(("source", a)) => options = options.source(a),
                Some(("dest", a)) => options = options.destination(a),
                _ => panic!("{name}: bad option {part:?}"),
            }
        }
        count += 1;
        let verdict = check_raw(raw.as_bytes(), &options);
        let got = answer(&verdict, api);
        if got != expected {
            failures.push(format!("{name}: expected {expected:?}, got {got:?}"));
        }
        let report = report_raw(raw.as_bytes(), &options);
        if report.first_error() != verdict.as_ref().err() {
            failures.push(format!(
                "{name}: report's first error {:?} differs from check_raw's {:?}",
                report.first_error(),
                verdict
            ));
        }
        let found: Vec<&str> = report
            .errors
            .iter()
            .chain(&report.advisories)
            .map(|f| f.reason.as_str())
            .collect();
        for reason in reasons.split(',').filter(|r| *r != "-") {
            if !found.contains(&reason) {
                failures.push(format!("{name}: no {reason} in {found:?}"));
            }
        }
        if reasons == "-" && expected == "OK" && !report.advisories.is_empty() {
            failures.push(format!("{name}: unexpected advisories {found:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{count} raw-message cases");
}

/// A message of exactly `len` bytes: headers, then a body of short lines.
fn message_of(len: usize) -> Vec<u8> {
    let mut raw = b"From: s@example.com\r\nTo: a@example.com\r\n\r\n".to_vec();
    let line = b"0123456789012345678901234567890123456789012345678901234567890123456789012\r\n";
    while raw.len() + line.len() <= len {
        raw.extend_from_slice(line);
    }
    raw.resize(len, b'x');
    raw
}

#[test]
fn size_limits() {
    let v1 = RawOptions::new(Api::V1);
    assert_eq!(check_raw(&message_of(V1_MAX_MESSAGE_SIZE), &v1), Ok(()));
    let err = check_raw(&message_of(12_078_147), &v1).unwrap_err();
    // The text seen from SES, for the size seen.
    assert_eq!(
        err.message,
        "Message length is more than 10485760 bytes long: '12078147'."
    );
    assert_eq!(err.code, ErrorCode::InvalidParameterValue);

    let over = message_of(V2_MAX_MESSAGE_SIZE + 1);
    let v2 = RawOptions::new(Api::V2);
    assert_eq!(check_raw(&message_of(V2_MAX_MESSAGE_SIZE), &v2), Ok(()));
    let err = check_raw(&over, &v2).unwrap_err();
    assert_eq!(
        err.message,
        "Message length is more than 41943040 bytes long: '41943041'."
    );
    assert_eq!(err.code.name_on(Api::V2), "BadRequestException");
    let err = check_raw(&over, &RawOptions::new(Api::Smtp)).unwrap_err();
    assert_eq!(err.message, "Message is too long.");
    // The size comes before everything else.
    let mut broken = over.clone();
    broken.splice(0..0, b": bad\r\n".iter().copied());
    assert_eq!(
        check_raw(&broken, &RawOptions::new(Api::Smtp))
            .unwrap_err()
            .message,
        "Message is too long."
    );
}

#[test]
fn header_section_limit() {
    let head = "From: s@example.com\r\nTo: a@example.com\r\nX-Pad: ";
    let fill = |total: usize| {
        let mut raw = head.to_string();
        while raw.len() + 2 < total {
            raw.push_str(&"y".repeat(70.min(total - raw.len() - 2)));
            if raw.len() + 2 < total {
                raw.push_str("\r\n ");
            }
        }
        raw.push_str("\r\n");
        assert_eq!(raw.len(), total);
        raw.push_str("\r\nbody");
        raw
    };
    // The section ends before its blank line.
    let at_limit = fill(MAX_HEADER_SECTION);
    assert_eq!(
        check_raw(at_limit.as_bytes(), &RawOptions::new(Api::V1)),
        Ok(())
    );
    // Past it SES's limit is not known (DECISIONS `raw-header-section-limit` only advises):
    // accepted, with an advisory naming the text SES may answer.
    let over = fill(MAX_HEADER_SECTION + 1);
    let options = RawOptions::new(Api::V1);
    assert_eq!(check_raw(over.as_bytes(), &options), Ok(()));
    let report = report_raw(over.as_bytes(), &options);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let advice = &report.advisories[0];
    assert_eq!(advice.reason.as_str(), "header-section-too-long");
    assert_eq!(advice.decision, Some("raw-header-section-limit"));
    assert_eq!(advice.certainty, ses_presend::report::Certainty::Decided);
}

#[test]
fn wire_forms() {
    let raw = b"To: a@example.com\r\n\r\nx";
    let err = check_raw(raw, &RawOptions::new(Api::Smtp)).unwrap_err();
    assert_eq!(
        render::smtp_reply(&err),
        "554 Transaction failed: Missing required header 'From'."
    );
    let raw = b"From: s@example.com\r\nTo: a@example.com\r\nContent-Type: text/plain; name=x.exe\r\n\r\nx";
    let err = check_raw(raw, &RawOptions::new(Api::Smtp)).unwrap_err();
    assert_eq!(
        render::smtp_reply(&err),
        "554 Message rejected: Attachment type not supported: x.exe."
    );
    assert!(render::v2_response(&err, None)
        .headers
        .contains(&("x-amzn-ErrorType", "MessageRejected".to_string())));
}

#[test]
fn every_raw_decision_named_in_the_code_is_in_the_table() {
    let ids: Vec<&str> = DECISIONS.iter().map(|d| d.id).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "a DECISIONS id is repeated");
    let sources = [
        include_str!("../src/texts/mod.rs"),
        include_str!("../src/texts/decisions.rs"),
        include_str!("../src/texts/decisions/send.rs"),
        include_str!("../src/texts/decisions/raw.rs"),
        include_str!("../src/texts/decisions/query.rs"),
        include_str!("../src/texts/address.rs"),
        include_str!("../src/texts/send.rs"),
        include_str!("../src/texts/request.rs"),
        include_str!("../src/texts/account.rs"),
        include_str!("../src/texts/raw.rs"),
        include_str!("../src/texts/query.rs"),
        include_str!("../src/texts/v2.rs"),
        include_str!("../src/raw/mod.rs"),
        include_str!("../src/raw/header.rs"),
        include_str!("../src/raw/mime/mod.rs"),
        include_str!("../src/raw/mime/rfc2231.rs"),
        include_str!("../src/raw/mime/charset.rs"),
        include_str!("../src/raw/walk.rs"),
        include_str!("../src/raw/recipients.rs"),
        include_str!("../src/raw/attachment.rs"),
    ];
    let mut named = 0;
    for source in sources {
        for (at, _) in source.match_indices("`raw-") {
            let id: String = source[at + 1..]
                .chars()
                .take_while(|&c| c.is_ascii_alphanumeric() || c == '-')
                .collect();
            if id.ends_with('-') {
                continue; // `raw-…`, the family's name
            }
            named += 1;
            assert!(ids.contains(&id.as_str()), "{id} is not in DECISIONS");
        }
    }
    assert!(named >= 13);
}
