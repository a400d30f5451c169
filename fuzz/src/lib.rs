//! Invariants the fuzz targets share: every verdict is deterministic, a check and its report
//! agree, and whatever is rendered for a client (v1 XML, v2 JSON, an SMTP line, a serialized
//! report) is well-formed and carries the error's text unchanged.
#![forbid(unsafe_code)]

pub mod xml;

use ses_presend::{render, Report, SesError};
use std::fmt::Debug;

/// Runs `f` twice and asserts the two answers are equal; returns the first.
pub fn same_twice<T: PartialEq + Debug>(what: &str, f: impl Fn() -> T) -> T {
    let first = f();
    assert_eq!(first, f(), "{what}: the answer changed between runs");
    first
}

/// `check_*` and `report_*` agree: the report has errors exactly when the check rejects, and
/// its first error is the check's error. The report serializes to well-formed JSON.
pub fn check_and_report_agree(what: &str, checked: &Result<(), SesError>, report: &Report) {
    assert_eq!(
        report.first_error(),
        checked.as_ref().err(),
        "{what}: the report's first error is not the check's"
    );
    assert_eq!(
        report.errors.is_empty(),
        checked.is_ok(),
        "{what}: the report has errors but the check accepts, or the other way"
    );
    for finding in &report.errors {
        assert!(
            finding.error.is_some(),
            "{what}: an error finding without its SesError"
        );
    }
    for finding in &report.advisories {
        assert!(
            finding.error.is_none(),
            "{what}: an advisory carrying an SesError"
        );
    }
    let json = serde_json::to_string(report).expect("a report serializes");
    let back: serde_json::Value = serde_json::from_str(&json).expect("a serialized report is JSON");
    assert_eq!(
        back["errors"].as_array().map_or(0, Vec::len),
        report.errors.len(),
        "{what}: serialized report lost errors"
    );
    if let Some(err) = checked.as_ref().err() {
        rendered_error_is_well_formed(err);
    }
}

/// The text a v1 XML body can carry for `text`: XML 1.0 cannot hold some control characters at
/// all, so the renderer writes U+FFFD for them.
pub fn xml_representable(text: &str) -> String {
    text.chars()
        .map(|c| if xml::is_xml_char(c) { c } else { '\u{FFFD}' })
        .collect()
}

/// The error as every client sees it: the v1 XML body is well-formed and its `<Message>` reads
/// back as the message; the v2 JSON body is JSON whose `message` is the message; the SMTP reply
/// is one line.
pub fn rendered_error_is_well_formed(err: &SesError) {
    for apostrophes in [render::Apostrophes::AsWritten, render::Apostrophes::Escaped] {
        let body = render::v1_xml_with(err, "0f5c2a3e-1111-4222-8333-444455556666", apostrophes);
        let doc =
            xml::parse(&body).unwrap_or_else(|e| panic!("v1 XML not well-formed ({e}): {body}"));
        // SES's bare body for a request with no operation at all.
        if err.code == ses_presend::ErrorCode::UnknownOperationException {
            assert_eq!(doc.root, "UnknownOperationException", "{body}");
            continue;
        }
        assert_eq!(doc.root, "ErrorResponse");
        // An error without text has no <Message> (as SES's ServiceUnavailable).
        let expected = (!err.message.is_empty()).then(|| xml_representable(&err.message));
        assert_eq!(
            doc.text_of("Message"),
            expected,
            "v1 XML <Message> does not read back: {body}"
        );
        assert_eq!(doc.text_of("Code").as_deref(), Some(err.code.as_str()));
    }
    let json = render::v2_json(err);
    let value: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("v2 JSON not JSON ({e}): {json}"));
    match err.message.is_empty() {
        // v2 sends an error without text as `{"message":null}`, as SES was seen to.
        true => assert!(value["message"].is_null(), "{json}"),
        false => assert_eq!(value["message"].as_str(), Some(&*err.message), "{json}"),
    }
    let serialized = serde_json::to_string(err).expect("an error serializes");
    serde_json::from_str::<serde_json::Value>(&serialized).expect("a serialized error is JSON");
    let smtp = render::smtp_reply(err);
    assert!(
        !smtp.contains(['\r', '\n']),
        "SMTP reply over two lines: {smtp:?}"
    );
}
