//! How sure every answer is: each `DECISIONS` row that rejects names its evidence, and every
//! error and advisory of every entry point carries a certainty, with its decision when it is
//! decided, and no decided rule that only advises ever rejects (a property test over
//! arbitrary input).

use proptest::prelude::*;
use ses_presend::address::check_address;
use ses_presend::address::report_friendly_name;
use ses_presend::query::{HttpRequest, QueryOptions};
use ses_presend::report::Certainty;
use ses_presend::report::{Effect, DECISIONS};
use ses_presend::request::{Request, RequestKind};
use ses_presend::{
    check_query, check_raw, report_address, report_email, report_query, report_raw, Api, Finding,
    RawOptions, Report, SesError, Strictness,
};

/// The principle of the table: a decided rule rejects only on evidence, and the evidence says
/// where it comes from (a URL, or a text quoted from SES).
#[test]
fn every_rejecting_decision_names_its_evidence() {
    let mut rejecting = 0;
    for d in DECISIONS {
        if let Effect::Rejects(evidence) = d.effect {
            rejecting += 1;
            assert!(
                evidence.contains("https://") || evidence.contains("seen"),
                "{}: the evidence names neither a source nor a seen answer: {evidence}",
                d.id
            );
        }
    }
    let advising = DECISIONS
        .iter()
        .filter(|d| d.effect == Effect::Advises)
        .count();
    assert!(rejecting > 20 && advising >= 5, "{rejecting} {advising}");
    let mut ids: Vec<&str> = DECISIONS.iter().map(|d| d.id).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "a DECISIONS id is used twice");
}

fn decision(id: &str) -> &'static ses_presend::report::Decision {
    DECISIONS
        .iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("{id} is not in DECISIONS"))
}

/// An error's footing: decided ones name a row, and that row does not only advise.
fn error_is_footed(err: &SesError, what: &str) {
    match (err.certainty(), err.decision()) {
        (Certainty::Decided, None) => panic!("{what}: decided without a row: {err:?}"),
        (Certainty::Decided, Some(id)) => assert_ne!(
            decision(id).effect,
            Effect::Advises,
            "{what}: {id} only advises but rejected {err:?}"
        ),
        (_, Some(id)) => panic!("{what}: a decision {id} on a certain answer"),
        _ => {}
    }
}

fn finding_is_footed(f: &Finding, what: &str) {
    match (f.certainty, f.decision) {
        (Certainty::Decided, None) => panic!("{what}: decided without a row: {f:?}"),
        (Certainty::Decided, Some(id)) => {
            decision(id);
        }
        (_, Some(id)) => panic!("{what}: a decision {id} on a certain finding"),
        _ => {}
    }
    if let Some(err) = &f.error {
        error_is_footed(err, what);
        assert_eq!(
            (f.certainty, f.decision),
            (err.certainty(), err.decision()),
            "{what}: the finding and its error disagree"
        );
    }
}

fn report_is_footed(report: &Report, what: &str) {
    for f in report.errors.iter().chain(&report.advisories) {
        finding_is_footed(f, what);
    }
    for f in &report.errors {
        assert!(
            f.error.is_some(),
            "{what}: an error finding without its error"
        );
    } // `--trust documented`: no decided error is left, nothing else moves.
    let trusted = report.clone().under(Strictness::Documented);
    assert!(
        trusted
            .errors
            .iter()
            .all(|f| f.certainty != Certainty::Decided),
        "{what}"
    );
    assert_eq!(
        trusted.errors.len() + trusted.advisories.len(),
        report.errors.len() + report.advisories.len(),
        "{what}"
    );
    assert_eq!(
        report.passes(Strictness::Documented),
        trusted.errors.is_empty(),
        "{what}"
    );
}

fn address_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{0,40}",
        r#"[a-z@.<>()\[\]":;, \\\u{e9}\u{fc}-]{0,30}"#,
        "(=\\?UTF-8\\?[BQ]\\?[A-Za-z0-9=+/]{0,12}\\?= )?[a-z]{1,5}@[a-z\u{fc}]{1,6}\\.(com|de)",
    ]
}

fn message_text() -> impl Strategy<Value = String> {
    let header = prop_oneof![
        "From: [ -~]{0,30}",
        "To: [ -~]{0,30}",
        "Subject: [ -~]{0,20}",
        "subject: x",
        "Content-Type: [ -~]{0,40}",
        "X-SES-CONFIGURATION-SET: [a-z ]{0,8}",
        "[ -~]{0,20}",
    ];
    (proptest::collection::vec(header, 0..6), "[ -~\r\n]{0,60}")
        .prop_map(|(headers, body)| format!("{}\r\n\r\n{body}", headers.join("\r\n")))
}

fn request_json() -> impl Strategy<Value = (RequestKind, String)> {
    let address = prop_oneof![
        Just("a@example.com".to_string()),
        Just("".to_string()),
        "[ -~]{0,20}",
    ];
    let kind = prop_oneof![Just(RequestKind::SendEmail), Just(RequestKind::V2SendEmail)];
    (
        kind,
        address.clone(),
        address,
        "[ -~\u{e9}]{0,12}",
        prop_oneof![Just(None), Just(Some("UTF-8")), Just(Some("string"))],
        "[a-z _.-]{0,8}",
    )
        .prop_map(|(kind, from, to, subject, charset, tag)| {
            let subject = match charset {
                Some(c) => serde_json::json!({"Data": subject, "Charset": c}),
                None => serde_json::json!({"Data": subject}),
            };
            let body = serde_json::json!({"Text": {"Data": "hi"}});
            let json = match kind {
                RequestKind::V2SendEmail => serde_json::json!({
                    "FromEmailAddress": from,
                    "Destination": {"ToAddresses": [to]},
                    "Content": {"Simple": {"Subject": subject, "Body": body}},
                    "EmailTags": [{"Name": tag, "Value": "v"}],
                }),
                _ => serde_json::json!({
                    "Source": from,
                    "Destination": {"ToAddresses": [to]},
                    "Message": {"Subject": subject, "Body": body},
                    "Tags": [{"Name": tag, "Value": "v"}],
                }),
            };
            (kind, json.to_string())
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn addresses_and_names_are_footed(input in address_text()) {
        for api in [Api::V1, Api::V2] {
            if let Err(e) = check_address(&input, api) {
                error_is_footed(&e, "check_address");
            }
        }
        report_is_footed(&report_address(&input), "report_address");
        report_is_footed(&report_friendly_name(&input), "report_friendly_name");
    }

    #[test]
    fn raw_messages_are_footed(message in message_text(), source in any::<bool>()) {
        for api in [Api::V1, Api::V2, Api::Smtp] {
            let mut options = RawOptions::new(api);
            if source {
                options = options.source("ops@example.com");
            }
            if let Err(e) = check_raw(message.as_bytes(), &options) {
                error_is_footed(&e, "check_raw");
            }
            report_is_footed(&report_raw(message.as_bytes(), &options), "report_raw");
        }
    }

    #[test]
    fn requests_are_footed((kind, json) in request_json()) {
        if let Ok(req) = Request::from_json(kind, &json) {
            let report = report_email(&req);
            report_is_footed(&report, "report_email");
        }
    }

    #[test]
    fn query_requests_are_footed(body in "(Action=[A-Za-z]{0,10}&)?(Version=2010-12-01&)?([A-Za-z.0-9]{1,12}=[ -~]{0,10}&){0,5}") {
        let req = HttpRequest {
            method: "POST",
            path: "/",
            query: "",
            headers: vec![("Content-Type", "application/x-www-form-urlencoded")],
            body: body.as_bytes(),
        };
        let options = QueryOptions::new();
        if let Err(e) = check_query(&req, &options) {
            error_is_footed(&e, "check_query");
        }
        report_is_footed(&report_query(&req, &options), "report_query");
    }
}
