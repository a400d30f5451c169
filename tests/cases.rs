//! Table-driven cases from `tests/cases/`: the observed SES answers of docs/addresses.md and
//! the error model of §1–2.

mod common;

use common::unescape;
use ses_presend::address::check_address;
use ses_presend::error::{Fault, Retry};
use ses_presend::{render, Api, ErrorCode, SesError};

fn rows(name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/cases")
            .join(name),
    )
    .unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn api(name: &str) -> Api {
    match name {
        "v1" => Api::V1,
        "v2" => Api::V2,
        "smtp" => Api::Smtp,
        other => panic!("unknown api {other}"),
    }
}

#[test]
fn observed_address_verdicts() {
    let rows = rows("addresses.tsv");
    assert!(rows.len() >= 50);
    let mut failures = Vec::new();
    for row in &rows {
        let (api, input, expected) = (api(&row[0]), unescape(&row[1]), row[2].as_str());
        let got = match check_address(&input, api) {
            Ok(()) => "OK".to_string(),
            Err(e) => format!("{}: {}", e.code.name_on(api), e.message),
        };
        if got != expected {
            failures.push(format!(
                "{input:?} ({}): expected {expected}, got {got}",
                row[0]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn fault(name: &str) -> Fault {
    match name {
        "Sender" => Fault::Sender,
        "Receiver" => Fault::Receiver,
        other => panic!("unknown fault {other}"),
    }
}

fn retry(name: &str) -> Retry {
    match name {
        "no" => Retry::Never,
        "yes" => Retry::Schedule,
        "backoff" => Retry::WithBackOff,
        other => panic!("unknown retry {other}"),
    }
}

/// Every code of §1 with its HTTP status, fault, v2 name and status, SMTP prefix and retry,
/// against the table transcribed from the reference.
#[test]
fn error_code_table() {
    let rows = rows("error-codes.tsv");
    assert_eq!(rows.len(), ErrorCode::ALL.len());
    for (row, code) in rows.iter().zip(ErrorCode::ALL) {
        let info = code.info();
        assert_eq!(row[0], info.name);
        assert_eq!(ErrorCode::from_name(&row[0]), Some(code));
        assert_eq!(
            row[1].parse::<u16>().unwrap(),
            info.http_status,
            "{}",
            row[0]
        );
        assert_eq!(fault(&row[2]), info.fault, "{}", row[0]);
        assert_eq!(row[3], info.v2_name, "{}", row[0]);
        assert_eq!(
            row[4].parse::<u16>().unwrap(),
            info.v2_http_status,
            "{}",
            row[0]
        );
        assert_eq!(row[5], info.smtp.prefix().trim_end(), "{}", row[0]);
        assert_eq!(retry(&row[6]), info.retry, "{}", row[0]);
        let err = SesError::new(code, "x");
        assert_eq!(err.is_retryable(), row[6] != "no", "{}", row[0]);
    }
}

/// The envelopes of §2: the v1 XML with the message escaped, v2 JSON and headers, SMTP.
#[test]
fn envelopes() {
    let err = SesError::new(
        ErrorCode::InvalidParameterValue,
        "Invalid tag name <a&b>: \"x\"",
    );
    let resp = render::v1_response(&err, Some("f28c2325-5c09-11e6-9156-ef3e33b8e223"));
    assert_eq!(resp.status, 400);
    assert_eq!(
        resp.body,
        "<ErrorResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">\n  <Error>\n    \
         <Type>Sender</Type>\n    <Code>InvalidParameterValue</Code>\n    \
         <Message>Invalid tag name &lt;a&amp;b&gt;: &quot;x&quot;</Message>\n  </Error>\n  \
         <RequestId>f28c2325-5c09-11e6-9156-ef3e33b8e223</RequestId>\n</ErrorResponse>\n"
    );
    assert_eq!(
        resp.headers,
        vec![
            ("Content-Type", "text/xml".to_string()),
            (
                "x-amzn-RequestId",
                "f28c2325-5c09-11e6-9156-ef3e33b8e223".to_string()
            ),
        ]
    );

    // Decided (`xml-apostrophe`): `'` as written, as SES's bodies of 2011 and 2019 show it.
    let apostrophe = SesError::new(
        ErrorCode::InvalidParameterValue,
        "Missing required header 'To'.",
    );
    assert!(render::v1_xml(&apostrophe, "r")
        .contains("<Message>Missing required header 'To'.</Message>"));

    let busy = SesError::new(ErrorCode::ServiceUnavailable, "Service unavailable.");
    assert!(render::v1_xml(&busy, "r").contains("<Type>Receiver</Type>"));
    assert_eq!(render::v1_response(&busy, None).status, 503);

    let throttled = SesError::new(ErrorCode::Throttling, "Maximum sending rate exceeded.");
    let v2 = render::v2_response(&throttled, Some("r"));
    assert_eq!(v2.status, 429);
    assert_eq!(v2.body, r#"{"message":"Maximum sending rate exceeded."}"#);
    assert!(v2
        .headers
        .contains(&("x-amzn-ErrorType", "TooManyRequestsException".to_string())));
    assert_eq!(
        render::smtp_reply(&throttled),
        "454 Throttling failure: Maximum sending rate exceeded."
    );

    let rejected = SesError::new(ErrorCode::MessageRejected, "Email address is not verified.");
    assert_eq!(
        render::smtp_reply(&rejected),
        "554 Message rejected: Email address is not verified."
    );
    let control = SesError::new(ErrorCode::InvalidParameterValue, "a\u{1}\"\\\n");
    assert_eq!(render::v2_json(&control), r#"{"message":"a\u0001\"\\\n"}"#);
}

/// A generated request id has the UUID shape SES uses.
#[test]
fn request_ids_are_uuid_shaped() {
    for _ in 0..100 {
        let id = render::request_id();
        let groups: Vec<&str> = id.split('-').collect();
        let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
        assert_eq!(lens, [8, 4, 4, 4, 12], "{id}");
        assert!(id
            .chars()
            .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert!(
            groups[2].starts_with('4') && "89ab".contains(&groups[3][..1]),
            "{id}"
        );
    }
}
