//! The Query API table `tests/cases/query.tsv`: every request-level condition of
//! docs/query.md and the hand-off to the request and raw checks, run by one loop; the
//! envelopes of `answer`; and properties over arbitrary requests. The rows are read by
//! `tests/common/query_cases.rs`, which `tests/serve_codes.rs` shares to run them over HTTP.

use proptest::prelude::*;
use ses_presend::account::{
    AccountSending, MailFromDomain, MailFromStatus, MxFailureBehavior, SendQuota, Subscription,
};
use ses_presend::query::{
    answer, check_query, error_response, report_query, success_response, ClientTokenText,
    HttpRequest, InvalidActionNamespace, Operation, QueryOptions, MAX_PARAMETERS,
};
use ses_presend::Context;
use ses_presend::{Account, ErrorCode, SesError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

mod common;
use common::query_cases::{cases, form_base64, Case, AUTHORIZATION, SEND, SIGV4_DATE};

/// 2018-11-07T00:55:54Z: the clock of the seen `Signature expired` text.
fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_541_552_154)
}

fn account(context: &[String]) -> Option<Account> {
    let verified = || {
        Account::new()
            .with_region("us-east-1")
            .with_verified_identities(["example.com"])
    };
    context.iter().find_map(|c| match c.as_str() {
        "keys" => Some(
            Account::new()
                .with_access_keys(["AKIDEXAMPLE"])
                .with_subscription(Subscription::Subscribed),
        ),
        "unsubscribed" => Some(Account::new().with_subscription(Subscription::NotSubscribed)),
        "full" => Some(
            verified()
                .with_configuration_sets(["marketing", "frozen"])
                .with_disabled_configuration_sets(["frozen"])
                .with_templates(["welcome"]),
        ),
        "mail-from" => Some(verified().with_mail_from(MailFromDomain {
            identity: "example.com".into(),
            domain: "bounce.example.com".into(),
            status: MailFromStatus::Failed,
            on_mx_failure: MxFailureBehavior::RejectMessage,
        })),
        "disabled" => Some(verified().with_sending(AccountSending::Disabled)),
        _ => None,
    })
}

fn request(case: &Case) -> HttpRequest<'_> {
    HttpRequest {
        method: &case.method,
        path: "/",
        query: &case.query,
        headers: case
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect(),
        body: case.body.as_bytes(),
    }
}

#[test]
fn table() {
    let cases = cases();
    let mut codes = std::collections::BTreeSet::new();
    for case in &cases {
        let account = account(&case.context);
        let quota = SendQuota::sandbox();
        let mut options = QueryOptions::new().context(Context::new().with_time(now()));
        if let Some(account) = &account {
            options.context = options.context.with_account(account);
        }
        if case.has("quota-spent") {
            quota.try_acquire(1).unwrap();
            options.context = options.context.with_quota(&quota);
        }
        if case.has("no-period") {
            options = options.client_token_text(ClientTokenText::WithoutPeriod);
        }
        let req = request(case);
        let what = case.what();
        let report = report_query(&req, &options);
        let got = check_query(&req, &options);
        match got {
            Ok(accepted) => {
                assert_eq!(case.code, "OK", "{what}: accepted as {:?}", accepted.action);
                assert_eq!(accepted.action.name(), case.message, "{what}");
                assert_eq!(case.status, 200, "{what}");
                assert!(
                    report.first_error().is_none(),
                    "{what}: {:?}",
                    report.errors
                );
            }
            Err(err) => {
                assert_eq!(
                    (err.code.as_str(), err.message.as_ref()),
                    (case.code.as_str(), case.message.as_str()),
                    "{what}"
                );
                assert_eq!(err.code.http_status(), case.status, "{what}");
                assert_eq!(report.first_error(), Some(&err), "{what}");
                codes.insert(err.code.as_str());
            }
        }
        for reason in case
            .context
            .iter()
            .filter_map(|c| c.strip_prefix("advises:"))
        {
            assert!(
                report
                    .advisories
                    .iter()
                    .any(|f| f.reason.as_str() == reason),
                "{what}: no {reason} advisory in {:?}",
                report.advisories
            );
        }
        let resp = answer(&req, &options);
        assert_eq!(resp.status, case.status, "{what}: answer");
    }
    // Every code of docs/codes.md that a request can produce appears in the table.
    let expected = [
        "MissingAuthenticationToken",
        "IncompleteSignature",
        "SignatureDoesNotMatch",
        "RequestExpired",
        "UnknownOperationException",
        "MissingAction",
        "InvalidAction",
        "ValidationError",
        "MissingParameter",
        "InvalidParameterCombination",
        // InvalidQueryParameter is not here: an unknown parameter only advises
        // (DECISIONS `query-unknown-parameter`), since SES's answer to one is not known.
        "MalformedQueryString",
        "InvalidClientTokenId",
        "OptInRequired",
        "InvalidParameterValue",
        "MessageRejected",
        "ConfigurationSetDoesNotExist",
        "TemplateDoesNotExist",
        "MailFromDomainNotVerified",
        "AccountSendingPausedException",
        "ConfigurationSetSendingPausedException",
        "Throttling",
    ];
    let missing: Vec<_> = expected.iter().filter(|c| !codes.contains(*c)).collect();
    assert!(missing.is_empty(), "codes without a row: {missing:?}");
}

fn post(body: &[u8]) -> HttpRequest<'_> {
    HttpRequest {
        method: "POST",
        path: "/",
        query: "",
        headers: vec![
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("X-Amz-Date", SIGV4_DATE),
            ("Authorization", AUTHORIZATION),
        ],
        body,
    }
}

fn request_id(resp: &ses_presend::render::HttpResponse) -> String {
    resp.headers
        .iter()
        .find(|(n, _)| *n == "x-amzn-RequestId")
        .map(|(_, v)| v.clone())
        .expect("a request id")
}

#[test]
fn envelopes() {
    let options = QueryOptions::new().context(Context::new().with_time(now()));

    // The bare UnknownOperationException, 404.
    let resp = answer(&post(b""), &options);
    assert_eq!(resp.status, 404);
    assert_eq!(resp.body, "<UnknownOperationException/>");
    assert!(resp
        .headers
        .contains(&("Content-Type", "text/xml".to_string())));

    // A normal error: the envelope of render.rs with the same request id as the header.
    let resp = answer(&post(b"Action=SendEmai&Version=2010-12-01"), &options);
    let id = request_id(&resp);
    assert_eq!(
        resp.body,
        format!(
            "<ErrorResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">\n  <Error>\n    \
             <Type>Sender</Type>\n    <Code>InvalidAction</Code>\n    <Message>Could not find \
             operation SendEmai for version 2010-12-01</Message>\n  </Error>\n  \
             <RequestId>{id}</RequestId>\n</ErrorResponse>\n"
        )
    );

    // InvalidAction under the AWSFault namespace, on request.
    let fault = options.invalid_action_namespace(InvalidActionNamespace::AwsFault);
    let resp = answer(&post(b"Action=SendEmai&Version=2010-12-01"), &fault);
    assert!(resp.body.starts_with(
        "<ErrorResponse xmlns=\"http://webservices.amazon.com/AWSFault/2005-15-09\">"
    ));
    // Other errors keep SES's namespace under that option.
    let resp = answer(&post(b"Action=&Version=2010-12-01"), &fault);
    assert!(resp
        .body
        .contains("xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\""));

    // Apostrophes as written, or escaped on request.
    let raw = format!(
        "Action=SendRawEmail&Version=2010-12-01&RawMessage.Data={}",
        form_base64("From: ops@example.com\r\n\r\nHi")
    );
    let resp = answer(&post(raw.as_bytes()), &options);
    assert!(resp
        .body
        .contains("<Message>Missing required header 'To'.</Message>"));
    let escaped = options.apostrophes(ses_presend::render::Apostrophes::Escaped);
    let resp = answer(&post(raw.as_bytes()), &escaped);
    assert!(resp
        .body
        .contains("<Message>Missing required header &apos;To&apos;.</Message>"));

    // ServiceUnavailable with no message has no <Message>.
    let err = SesError::new(ErrorCode::ServiceUnavailable, "");
    let resp = error_response(&err, "r-1", &options);
    assert_eq!(
        (resp.status, resp.body.as_str()),
        (
            503,
            "<ErrorResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">\n  <Error>\n    \
             <Type>Receiver</Type>\n    <Code>ServiceUnavailable</Code>\n  </Error>\n  \
             <RequestId>r-1</RequestId>\n</ErrorResponse>\n"
        )
    );

    // Success: SES's shape, a MessageId for a send, an empty result otherwise.
    let resp = answer(&post(SEND.as_bytes()), &options);
    assert_eq!(resp.status, 200);
    let id = request_id(&resp);
    let prefix = "<SendEmailResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">\
                  <SendEmailResult><MessageId>";
    let suffix = format!(
        "</MessageId></SendEmailResult><ResponseMetadata><RequestId>{id}</RequestId>\
         </ResponseMetadata></SendEmailResponse>"
    );
    assert!(resp.body.starts_with(prefix), "{}", resp.body);
    assert!(resp.body.ends_with(&suffix), "{}", resp.body);
    let message_id = &resp.body[prefix.len()..resp.body.len() - suffix.len()];
    // 16 hex digits of the time in milliseconds (1541552154000), a UUID, `-000000`.
    assert_eq!(message_id.len(), 16 + 1 + 36 + 7, "{message_id}");
    assert!(message_id.starts_with("01000166ebab2590-"), "{message_id}");
    assert!(message_id.ends_with("-000000"));

    let resp = success_response(Operation::ListIdentities, "r-2", now());
    assert_eq!(
        resp.body,
        "<ListIdentitiesResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">\
         <ListIdentitiesResult/><ResponseMetadata><RequestId>r-2</RequestId>\
         </ResponseMetadata></ListIdentitiesResponse>"
    );
}

#[test]
fn report_gathers_every_problem() {
    let options = QueryOptions::new().context(Context::new().with_time(now()));
    let body = "Action=SendEmail&Version=2010-12-01&Sorce=a%40example.com\
                &Destination.ToAddresses.member.x=b%40example.com\
                &Destination.ToAddresses.member.1=bob&Message.Subject.Data=Hi\
                &Message.Body.Text.Data=Hello";
    let req = HttpRequest {
        headers: vec![("Content-Type", "application/x-www-form-urlencoded")],
        ..post(body.as_bytes())
    };
    let report = report_query(&req, &options);
    let fields = fields_and_reasons(&report);
    assert_eq!(fields[0], ("Authorization", "missing-authentication"));
    // Then the request model's own findings: Source is absent.
    assert_eq!(report.errors[1].field, "Source");
    // The parameters SES may not know only advise (DECISIONS `query-unknown-parameter`).
    let advised: Vec<(&str, &str)> = report
        .advisories
        .iter()
        .map(|f| (f.field.as_str(), f.reason.as_str()))
        .collect();
    assert_eq!(
        advised[..2],
        [
            ("Sorce", "unknown-parameter"),
            ("Destination.ToAddresses.member.x", "unknown-parameter"),
        ]
    );
    assert_eq!(
        check_query(&req, &options).unwrap_err().code,
        ErrorCode::MissingAuthenticationToken
    );
}

#[test]
fn too_many_parameters() {
    let options = QueryOptions::new().context(Context::new().with_time(now()));
    let body = format!("{SEND}{}", "&Tags.member.1.Name=a".repeat(MAX_PARAMETERS));
    let err = check_query(&post(body.as_bytes()), &options).unwrap_err();
    assert_eq!(err.code, ErrorCode::MalformedQueryString);
    // Up to the bound, a repeated name keeps its first value.
    let body = format!("{SEND}{}", "&Source=x".repeat(MAX_PARAMETERS - 6));
    assert!(check_query(&post(body.as_bytes()), &options).is_ok());
}

#[test]
fn quota_is_taken_by_check_only() {
    let quota = SendQuota::sandbox();
    let options = QueryOptions::new().context(Context::new().with_time(now()).with_quota(&quota));
    let req = post(SEND.as_bytes());
    assert!(report_query(&req, &options).errors.is_empty());
    assert!(check_query(&req, &options).is_ok());
    let err = check_query(&req, &options).unwrap_err();
    assert_eq!(err.message, "Maximum sending rate exceeded.");
}

#[cfg(feature = "serde")]
#[test]
fn account_file_keys_and_subscription() {
    let account =
        Account::from_toml("access_keys = [\"AKIDEXAMPLE\"]\nsubscribed = false\n").unwrap();
    assert_eq!(account.has_access_key("AKIDEXAMPLE"), Some(true));
    assert_eq!(account.subscription(), Some(Subscription::NotSubscribed));
    let options =
        QueryOptions::new().context(Context::new().with_time(now()).with_account(&account));
    let err = check_query(&post(SEND.as_bytes()), &options).unwrap_err();
    assert_eq!(err.code, ErrorCode::OptInRequired);
}

/// Pieces requests are made of, so that arbitrary requests often get deep into the checks.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Action=SendEmail".to_string()),
        Just("Action=SendRawEmail".to_string()),
        Just("Action=SendTemplatedEmail".to_string()),
        Just("Version=2010-12-01".to_string()),
        Just(SEND.to_string()),
        Just("Destination.ToAddresses.member.1=a%40b.c".to_string()),
        Just("Tags.member.2.Value=x".to_string()),
        Just("RawMessage.Data=RnJvbTogYUBiLmMNCg0KSGk%3D".to_string()),
        Just("AWSAccessKeyId=AKIDEXAMPLE&Signature=x".to_string()),
        Just("Timestamp=2018-11-07T00:55:54Z".to_string()),
        Just("X-Amz-Algorithm=AWS4-HMAC-SHA256".to_string()),
        "[A-Za-z.%=&+0-9-]{0,24}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics_and_agrees(
        pieces in prop::collection::vec(piece(), 0..8),
        query in any::<String>(),
        body_bytes in prop::collection::vec(any::<u8>(), 0..64),
        bytes_body in any::<bool>(),
        authorization in prop_oneof![Just(None), Just(Some(AUTHORIZATION.to_string())), any::<String>().prop_map(Some)],
        date in prop_oneof![Just(SIGV4_DATE.to_string()), "[0-9TZ:-]{0,20}"],
        keys in any::<bool>(),
    ) {
        let body: Vec<u8> = if bytes_body { body_bytes } else { pieces.join("&").into_bytes() };
        let mut headers = vec![
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("X-Amz-Date", date.as_str()),
        ];
        if let Some(a) = &authorization {
            headers.push(("Authorization", a.as_str()));
        }
        let req = HttpRequest { method: "POST", path: "/", query: &query, headers, body: &body };
        let account = Account::new().with_access_keys(["AKIDEXAMPLE"]);
        let mut options = QueryOptions::new().context(Context::new().with_time(now()));
        if keys {
            options.context = options.context.with_account(&account);
        }
        let checked = check_query(&req, &options);
        let report = report_query(&req, &options);
        match checked {
            Ok(_) => prop_assert!(report.first_error().is_none(), "{:?}", report.errors),
            Err(err) => prop_assert_eq!(report.first_error(), Some(&err)),
        }
        let _ = answer(&req, &options);
    }
}

/// Every `query-…` decision the code and the texts name is a row of the one table.
#[test]
fn every_query_decision_named_is_in_the_table() {
    let ids: Vec<&str> = ses_presend::report::DECISIONS
        .iter()
        .map(|d| d.id)
        .collect();
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
        include_str!("../src/query/mod.rs"),
        include_str!("../src/query/auth.rs"),
        include_str!("../src/query/form.rs"),
        include_str!("../src/query/send.rs"),
    ];
    let mut named = 0;
    for source in sources {
        for (at, _) in source.match_indices("`query-") {
            let id: String = source[at + 1..]
                .chars()
                .take_while(|&c| c.is_ascii_alphanumeric() || c == '-')
                .collect();
            if id.ends_with('-') {
                continue; // `query-…`, the family's name
            }
            named += 1;
            assert!(ids.contains(&id.as_str()), "{id} is not in DECISIONS");
        }
    }
    assert!(named >= 15, "{named}");
}

/// A report keeps at most 1000 errors and says how many more it dropped.
#[test]
fn report_is_bounded() {
    let options = QueryOptions::new().context(Context::new().with_time(now()));
    // 1500 lines that are not headers, each an error of the raw check, after the missing
    // signature's error: more than a report keeps.
    let message = format!(
        "From: a@example.com\r\n{}\r\nbody",
        "x y: z\r\n".repeat(1500)
    );
    let body = format!(
        "Action=SendRawEmail&Version=2010-12-01&RawMessage.Data={}",
        form_base64(&message)
    );
    let report = report_query(&post(body.as_bytes()), &options);
    assert_eq!(report.errors.len(), ses_presend::limits::MAX_FINDINGS);
    let last = report.advisories.last().unwrap();
    assert_eq!(last.reason.as_str(), "findings-truncated");
    assert!(
        last.message.ends_with(
            "more findings were not kept: a report keeps at most 1000 errors and 1000 advisories"
        ),
        "{}",
        last.message
    );
}

/// SendRawEmail's report: a badly named ConfigurationSetName is one finding, and the message's
/// X-SES-CONFIGURATION-SET header does not stand in for it (DECISIONS raw-configuration-set),
/// while the message's own problems are still reported after it.
#[test]
fn raw_report_keeps_the_configuration_set_parameter() {
    let full = account(&["full".to_string()]).unwrap();
    let options = QueryOptions::new().context(Context::new().with_time(now()).with_account(&full));
    let message = "From: ops@example.com\r\nX-SES-CONFIGURATION-SET: nope\r\n\r\nHello\r\n";
    let body = format!(
        "Action=SendRawEmail&Version=2010-12-01&ConfigurationSetName=my%20set\
         &Tags.member.1.Name=a%2Fb&Tags.member.1.Value=x&RawMessage.Data={}",
        form_base64(message)
    );
    let req = post(body.as_bytes());
    let report = report_query(&req, &options);
    assert_eq!(
        fields_and_reasons(&report),
        [
            ("Tags[0].Name", "tag-name"),
            ("ConfigurationSetName", "configuration-set-name"),
            ("headers.To", "missing-required-header"),
        ],
        "{report:#?}"
    );
    let first = check_query(&req, &options).unwrap_err();
    assert_eq!(Some(&first), report.errors[0].error.as_ref());
    assert_eq!(
        first.message,
        "Invalid tag name <a/b>: only alphanumeric ASCII characters, '_',  '-' are allowed."
    );
}

/// Each error's field and reason name, in order.
fn fields_and_reasons(report: &ses_presend::Report) -> Vec<(&str, &str)> {
    report
        .errors
        .iter()
        .map(|f| (f.field.as_str(), f.reason.as_str()))
        .collect()
}
