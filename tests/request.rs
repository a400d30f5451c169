//! Request models, JSON reading, builders and reports (the tables of ses-behaviour.md §5 and §7
//! are in `request_cases.rs`).

use ses_presend::error::Action;
use ses_presend::request::{Attachment, ContentDisposition, MessageTag, TransferEncoding};
use ses_presend::request::{
    RequestKind, RequestProblem, SendEmailRequest, SendRequest, SendTemplatedEmailRequest,
    V2SendEmailRequest,
};
use ses_presend::texts::DECISIONS;
use ses_presend::{check_email, report_email, Api, ErrorCode, Reason};

#[cfg(feature = "serde")]
mod json {
    use super::*;
    use ses_presend::request::{Request, SendRequest};
    use std::path::Path;

    fn example(name: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/requests")
            .join(name);
        std::fs::read_to_string(path).unwrap()
    }

    /// The shipped examples read, and SES would answer them as their names say.
    #[test]
    fn example_files() {
        let cases = [
            ("send-email.json", RequestKind::SendEmail, "OK"),
            (
                "send-templated-email.json",
                RequestKind::SendTemplatedEmail,
                "OK",
            ),
            ("sesv2-send-email.json", RequestKind::V2SendEmail, "OK"),
            (
                "too-many-recipients.json",
                RequestKind::SendEmail,
                "Recipient count exceeds 50.",
            ),
            (
                "sesv2-many-problems.json",
                RequestKind::V2SendEmail,
                "Invalid tag name <campaign name>: only alphanumeric ASCII characters, '_',  '-' \
                 are allowed.",
            ),
        ];
        for (file, kind, expected) in cases {
            let req = Request::from_json(kind, &example(file)).unwrap_or_else(|e| panic!("{e}"));
            let got = check_email(&req)
                .err()
                .map_or("OK".into(), |e| e.to_string());
            assert_eq!(got, expected, "{file}");
        }
    }

    /// Every member of the AWS CLI's skeletons reads, with AWS's names.
    #[test]
    fn every_member_reads() {
        let v1 = SendEmailRequest::from_json(
            r#"{
            "Source": "a@example.com",
            "Destination": {"ToAddresses": ["b@example.com"], "CcAddresses": [], "BccAddresses": []},
            "Message": {"Subject": {"Data": "s", "Charset": "UTF-8"},
                        "Body": {"Text": {"Data": "t", "Charset": "UTF-8"},
                                 "Html": {"Data": "<p>h</p>", "Charset": "UTF-8"}}},
            "ReplyToAddresses": ["c@example.com"],
            "ReturnPath": "d@example.com",
            "SourceArn": "arn:aws:ses:us-east-1:1:identity/example.com",
            "ReturnPathArn": "arn:aws:ses:us-east-1:1:identity/example.com",
            "Tags": [{"Name": "n", "Value": "v"}],
            "ConfigurationSetName": "set"
        }"#,
        )
        .unwrap();
        assert_eq!(
            v1.return_path_arn.as_deref(),
            Some("arn:aws:ses:us-east-1:1:identity/example.com")
        );
        assert_eq!(v1.tags, [MessageTag::new("n", "v")]);
        let t = SendTemplatedEmailRequest::from_json(
            r#"{
            "Source": "a@example.com", "Destination": {"ToAddresses": ["b@example.com"]},
            "ReplyToAddresses": [], "ReturnPath": "d@example.com", "SourceArn": "x", "ReturnPathArn": "y",
            "Tags": [], "ConfigurationSetName": "set", "Template": "t", "TemplateArn": "z", "TemplateData": "{}"
        }"#,
        )
        .unwrap();
        assert_eq!(t.template_arn.as_deref(), Some("z"));
        let v2 = V2SendEmailRequest::from_json(
            r#"{
            "FromEmailAddress": "a@example.com",
            "FromEmailAddressIdentityArn": "arn1",
            "Destination": {"ToAddresses": ["b@example.com"]},
            "ReplyToAddresses": ["c@example.com"],
            "FeedbackForwardingEmailAddress": "d@example.com",
            "FeedbackForwardingEmailAddressIdentityArn": "arn2",
            "Content": {
                "Simple": {"Subject": {"Data": "s", "Charset": "UTF-8"},
                           "Body": {"Text": {"Data": "t"}, "Html": {"Data": "h"}},
                           "Headers": [{"Name": "X-A", "Value": "1"}],
                           "Attachments": [{"RawContent": "aGk=", "ContentDisposition": "INLINE",
                                            "FileName": "a.png", "ContentDescription": "logo",
                                            "ContentId": "logo", "ContentTransferEncoding": "QUOTED_PRINTABLE",
                                            "ContentType": "image/png"}]},
                "Raw": {"Data": "aGk="},
                "Template": {"TemplateName": "t", "TemplateArn": "arn3", "TemplateData": "{}",
                             "TemplateContent": {"Subject": "s", "Text": "t", "Html": "h"},
                             "Headers": [], "Attachments": []}
            },
            "EmailTags": [{"Name": "n", "Value": "v"}],
            "ConfigurationSetName": "set",
            "ListManagementOptions": {"ContactListName": "list", "TopicName": "topic"},
            "EndpointId": "abc.123",
            "TenantName": "tenant"
        }"#,
        )
        .unwrap();
        let content = v2.content.as_ref().unwrap();
        let attachment = &content.simple.as_ref().unwrap().attachments[0];
        assert_eq!(
            attachment.content_disposition,
            Some(ContentDisposition::Inline)
        );
        assert_eq!(
            attachment.content_transfer_encoding,
            Some(TransferEncoding::QuotedPrintable)
        );
        assert_eq!(v2.endpoint_id.as_deref(), Some("abc.123"));
        assert_eq!(
            v2.list_management_options.unwrap().topic_name.as_deref(),
            Some("topic")
        );
    }

    /// An unknown member is an error that names it and points at it, at any depth.
    #[test]
    fn unknown_fields_are_named() {
        let cases = [
            (
                RequestKind::SendEmail,
                "{\n  \"Source\": \"a@b.com\",\n  \"From\": \"x\"\n}",
                "From",
                3,
            ),
            (
                RequestKind::SendEmail,
                "{\"Message\": {\n\"Subject\": {\"Data\": \"s\", \"Encoding\": \"x\"}}}",
                "Encoding",
                2,
            ),
            (
                RequestKind::SendEmail,
                "{\"Destination\": {\"To\": []}}",
                "To",
                1,
            ),
            (
                RequestKind::SendTemplatedEmail,
                "{\"Message\": {}}",
                "Message",
                1,
            ),
            (
                RequestKind::V2SendEmail,
                "{\"Content\": {\"Simple\": {\"Subject\": {\"Data\": \"s\"}},\n\n \"Html\": {}}}",
                "Html",
                3,
            ),
            (
                RequestKind::V2SendEmail,
                "{\"Source\": \"a@b.com\"}",
                "Source",
                1,
            ),
        ];
        for (kind, text, field, line) in cases {
            let err = Request::from_json(kind, text).unwrap_err();
            assert!(
                err.message().starts_with("Unknown parameter in ")
                    && err
                        .message()
                        .contains(&format!(": \"{field}\", must be one of: ")),
                "{text}: {err}"
            );
            assert_eq!(err.line(), line, "{text}");
            assert!(err
                .to_string()
                .starts_with(&format!("line {line}, column ")));
        }
    }

    /// Values of the wrong type, bad enum values and bad JSON are errors with a position.
    #[test]
    fn wrong_values() {
        let cases = [
            (
                "{\"Source\": 5}",
                "Invalid type for parameter Source, value: 5, type: <class 'int'>, valid types: \
                 <class 'str'>",
            ),
            (
                "{\"Tags\": {}}",
                "Invalid type for parameter Tags, value: {}, type: <class 'dict'>, valid types: \
                 <class 'list'>, <class 'tuple'>",
            ),
            ("{\"Source\": \"a\",}", "trailing comma"),
            ("", "EOF while parsing a value"),
            // Only an object is a request, though serde could read a struct from an array.
            ("[]", "Invalid type: expecting map, received <class 'list'>"),
            (
                "  [\"a@b.com\"]",
                "Invalid type: expecting map, received <class 'list'>",
            ),
            (
                "null",
                "Invalid type: expecting map, received <class 'NoneType'>",
            ),
            ("[1,", "EOF while parsing a value"),
        ];
        for (text, message) in cases {
            let err = SendEmailRequest::from_json(text).unwrap_err();
            assert!(err.message().contains(message), "{text}: {err}");
        }
        let err = V2SendEmailRequest::from_json(
            r#"{"Content": {"Simple": {"Attachments": [{"ContentDisposition": "attachment"}]}}}"#,
        )
        .unwrap_err();
        assert_eq!(
            err.message(),
            "Invalid value for parameter Content.Simple.Attachments[0].ContentDisposition, value: \
             attachment, valid values: ATTACHMENT, INLINE"
        );
    }

    /// JSON `null` is refused, as the AWS CLI refuses it; an absent member is read, and is
    /// SES's `Value null` when it is required.
    #[test]
    fn null_is_refused_absent_is_read() {
        let err = SendEmailRequest::from_json(
            r#"{"Destination": {"ToAddresses": null, "CcAddresses": ["a@b.com"]}}"#,
        )
        .unwrap_err();
        assert_eq!(
            err.message(),
            "Invalid type for parameter Destination.ToAddresses, value: None, type: \
             <class 'NoneType'>, valid types: <class 'list'>, <class 'tuple'>"
        );
        let req = SendEmailRequest::from_json(
            r#"{"Destination": {"CcAddresses": ["a@b.com"]},
                "Message": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}}"#,
        )
        .unwrap();
        assert_eq!(
            check_email(&req).unwrap_err().to_string(),
            "1 validation error detected: Value null at 'source' failed to satisfy constraint: \
             Member must not be null"
        );
    }

    /// Built requests equal the same request read from JSON.
    #[test]
    fn builders_match_json() {
        let built = SendEmailRequest::builder()
            .source("a@example.com")
            .to("b@example.com")
            .bcc("c@example.com")
            .reply_to("d@example.com")
            .return_path("e@example.com")
            .subject("s")
            .text("t")
            .html("h")
            .tag("n", "v")
            .configuration_set("set")
            .build();
        let read = SendEmailRequest::from_json(
            r#"{"Source": "a@example.com",
                "Destination": {"ToAddresses": ["b@example.com"], "BccAddresses": ["c@example.com"]},
                "ReplyToAddresses": ["d@example.com"], "ReturnPath": "e@example.com",
                "Message": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}, "Html": {"Data": "h"}}},
                "Tags": [{"Name": "n", "Value": "v"}], "ConfigurationSetName": "set"}"#,
        )
        .unwrap();
        assert_eq!(built, read);

        let built = V2SendEmailRequest::builder()
            .from("a@example.com")
            .to("b@example.com")
            .template("welcome", "{}")
            .header("X-A", "1")
            .tag("n", "v")
            .list_management("list", None)
            .build();
        let read = V2SendEmailRequest::from_json(
            r#"{"FromEmailAddress": "a@example.com", "Destination": {"ToAddresses": ["b@example.com"]},
                "Content": {"Template": {"TemplateName": "welcome", "TemplateData": "{}",
                                         "Headers": [{"Name": "X-A", "Value": "1"}]}},
                "EmailTags": [{"Name": "n", "Value": "v"}],
                "ListManagementOptions": {"ContactListName": "list"}}"#,
        )
        .unwrap();
        assert_eq!(built, read);
    }

    /// A report serializes with the stable reason names (feature `serde`).
    #[test]
    fn report_serializes() {
        let req = SendEmailRequest::builder()
            .source("a@example.com")
            .to("b@example.com")
            .subject("s")
            .text("t")
            .tag("a b", "c")
            .build();
        let json = serde_json::to_value(report_email(&req)).unwrap();
        assert_eq!(json["errors"][0]["field"], "Tags[0].Name");
        assert_eq!(json["errors"][0]["reason"], "tag-name");
        assert_eq!(json["errors"][0]["error"]["code"], "InvalidParameterValue");
    }

    #[test]
    fn request_kinds() {
        let req = Request::from_json(RequestKind::SendTemplatedEmail, "{}").unwrap();
        assert_eq!(req.kind(), RequestKind::SendTemplatedEmail);
        assert_eq!(req.action(), Action::SendTemplatedEmail);
    }
}

/// `report_email` finds every error in SES's order, each at its field path, and the
/// advisories of every address; `check_email` is its first error.
#[test]
fn multi_error_report() {
    let req = V2SendEmailRequest::builder()
        .from("José <jose@bücher.de>")
        .to("alice@example.com")
        .to("")
        .cc("team: a..b@example.com, c@example.com;")
        .bcc("Karen, Chan <karen@example.org>")
        .reply_to("dån@example.com")
        .feedback_forwarding("bounces@example.com")
        .subject("Café")
        .text("Hello")
        .header("Bad:Name", "x")
        .attachment(Attachment::from_bytes("setup.exe", b"MZ"))
        .tag("", "x")
        .tag("ok", "a b")
        .configuration_set("my set")
        .build();
    let report = report_email(&req);
    let errors: Vec<(&str, &str)> = report
        .errors
        .iter()
        .map(|f| (f.field.as_str(), f.reason.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            ("EmailTags[0].Name", "tag-name"),
            ("EmailTags[1].Value", "tag-value"),
            ("ConfigurationSetName", "configuration-set-name"),
            ("FromEmailAddress.domain", "non-ascii-domain"),
            ("Destination.ToAddresses[1]", "address-syntax"),
            ("Destination.BccAddresses[0]", "address-syntax"),
            ("ReplyToAddresses[0].local_part", "non-ascii-local-part"),
            // A non-ASCII subject is accepted (DECISIONS `v2-subject-charset`): see below.
            ("Content.Simple.Headers[0].Name", "header-name"),
            (
                "Content.Simple.Attachments[0].FileName",
                "blocked-attachment-type"
            ),
        ]
    );
    let advisories: Vec<(&str, &str)> = report
        .advisories
        .iter()
        .map(|f| (f.field.as_str(), f.reason.as_str()))
        .collect();
    assert_eq!(
        advisories,
        [
            ("FromEmailAddress.display_name", "name-raw-non-ascii"),
            (
                "Destination.CcAddresses[0].members[0].local_part",
                "local-part-consecutive-dots"
            ),
            (
                "ReplyToAddresses[0].local_part",
                "local-part-cannot-be-fixed"
            ),
            ("Content.Simple.Subject.Charset", "subject-without-charset"),
        ]
    );
    // The fix travels with the finding.
    assert_eq!(report.errors[3].fix.as_deref(), Some("xn--bcher-kva.de"));
    // v2's own text for the empty entry.
    let empty = report.errors[4].error.as_ref().unwrap();
    assert_eq!(empty.message, "Invalid email address .");
    assert_eq!(empty.code.name_on(Api::V2), "BadRequestException");
    // SES's one error is the first.
    assert_eq!(
        check_email(&req).unwrap_err(),
        *report.first_error().unwrap()
    );
    assert_eq!(
        report.first_error().unwrap().to_string(),
        "The tag name must be specified."
    );
}

/// A ValidationError lists every absent member, and each member is its own finding.
#[test]
fn validation_error_findings() {
    let req = SendTemplatedEmailRequest::default();
    let report = report_email(&req);
    let fields: Vec<&str> = report.errors.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        ["TemplateData", "Template", "Destination", "Source"]
    );
    let error = report.first_error().unwrap();
    assert_eq!(error.code, ErrorCode::ValidationError);
    assert!(error.message.starts_with("4 validation errors detected: "));
    assert_eq!(check_email(&req).unwrap_err(), *error);
    // The others carry the error their member alone would get.
    let alone: Vec<String> = report.errors[1..]
        .iter()
        .map(|f| f.error.as_ref().unwrap().message.to_string())
        .collect();
    assert_eq!(
        alone,
        ["template", "destination", "source"].map(|m| format!(
            "1 validation error detected: Value null at '{m}' failed to satisfy constraint: \
             Member must not be null"
        ))
    );
    assert!(report
        .errors
        .iter()
        .all(|f| f.reason == Reason::Request(RequestProblem::MissingMember)));
}

/// Many absent members cost memory in proportion to their number: each finding does not
/// repeat the whole list (100 000 nameless tags once took gigabytes).
#[test]
fn validation_error_findings_stay_linear() {
    let tags = vec![MessageTag::default(); 20_000];
    let req = SendEmailRequest {
        tags,
        ..SendEmailRequest::builder()
            .source("a@example.com")
            .to("b@example.com")
            .subject("s")
            .text("t")
            .build()
    };
    let report = report_email(&req);
    let whole = report.first_error().unwrap().message.len();
    let total: usize = report
        .errors
        .iter()
        .map(|f| f.message.len() + f.error.as_ref().map_or(0, |e| e.message.len()))
        .sum();
    assert!(whole > 20_000 * 50, "{whole}");
    assert!(total < 3 * whole + 1_000 * report.errors.len(), "{total}");
}

#[test]
fn kinds_and_actions() {
    let simple = V2SendEmailRequest::builder().subject("s").build();
    let raw = V2SendEmailRequest::builder().raw("aGk=").build();
    assert_eq!(simple.action(), Action::SendEmail);
    assert_eq!(raw.action(), Action::SendRawEmail);
    assert_eq!(SendEmailRequest::default().kind(), RequestKind::SendEmail);
    assert_eq!(RequestKind::SendEmail.api(), Api::V1);
    assert_eq!(RequestKind::V2SendEmail.cli_name(), "send-email");
}

/// The checks need no allocation-heavy work for a plain valid request, and a hostile one is
/// answered: 100 000 recipients stop counting at 51.
#[test]
fn hostile_sizes() {
    let mut b = SendEmailRequest::builder()
        .source("a@example.com")
        .subject("s")
        .text("t");
    for i in 0..100_000 {
        b = b.to(format!("u{i}@example.com"));
    }
    let req = b.build();
    assert_eq!(
        check_email(&req).unwrap_err().to_string(),
        "Recipient count exceeds 50."
    );
    let report = report_email(&req);
    assert_eq!(report.errors.len(), 1);
}

/// Every decision this work made is in the one table.
#[test]
fn decisions_are_recorded() {
    let ids: Vec<&str> = DECISIONS.iter().map(|d| d.id).collect();
    for id in [
        "request-check-order",
        "no-recipients",
        "validation-member-order",
        "validation-nested-paths",
        "template-and-arn",
        "v2-content-shape",
        "v2-missing-from",
        "tag-check-order",
        "configuration-set-name",
        "v2-subject-charset",
        "v2-custom-headers",
        "v2-attachments",
        "template-data-size",
        "simple-message-size",
        "template-does-not-exist",
        "identity-matching",
        "identity-list",
        "unknown-region",
        "sending-disabled",
        "mail-from-not-verified",
        "quota-model",
        "retry-sets",
    ] {
        assert!(ids.contains(&id), "{id} is not in DECISIONS");
    }
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "duplicate decision ids");
}

mod properties {
    use super::*;
    use proptest::prelude::*;
    use ses_presend::account::AccountMode;
    use ses_presend::{Account, Context};

    fn address() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z]{1,5}@example\\.(com|org)",
            "[A-Z][a-z]{0,4} <[a-z]{1,4}@example\\.com>",
            "[a-z]{1,4}: [a-z]{1,3}@example\\.com, [a-z]{1,3}@example\\.net;",
            "[a-zé ,.<>@\"]{0,10}",
        ]
    }

    fn tag_text() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9_.@ -]{0,6}"
    }

    /// v2 Raw content: accepted, without To, a sender of another domain, a configuration-set
    /// header, a broken Content-Type.
    const RAW_MESSAGES: &[&str] = &[
        "From: a@example.com\r\nTo: b@example.com\r\n\r\nhi",
        "From: a@example.com\r\n\r\nhi",
        "From: a@example.org\r\nTo: b@example.net\r\n\r\nhi",
        "From: a@example.com\r\nTo: b@example.com\r\nX-SES-CONFIGURATION-SET: zz\r\n\r\nhi",
        "From: a@example.com\r\nTo: b@example.com\r\nContent-Type: text\r\n\r\nhi",
    ];

    /// Standard base64, as the request model writes an attachment's content.
    fn base64(bytes: &[u8]) -> String {
        Attachment::from_bytes("message", bytes)
            .raw_content
            .expect("base64 content")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Whatever the request, the check's error is the report's first, and the report's
        /// errors all carry an SES error.
        #[test]
        fn check_is_the_reports_first_error(
            source in proptest::option::of(address()),
            to in proptest::collection::vec(address(), 0..30),
            cc in proptest::collection::vec(address(), 0..30),
            tags in proptest::collection::vec((tag_text(), tag_text()), 0..3),
            set in proptest::option::of("[a-z .]{0,4}"),
            shape in 0..3u8,
            raw in proptest::sample::select(RAW_MESSAGES),
            sandbox in any::<bool>(),
        ) {
            // A sandbox account that knows some identities and configuration sets, or nothing.
            let account = Account::new()
                .with_region("us-east-1")
                .with_mode(AccountMode::Sandbox)
                .with_verified_identities(["example.com"])
                .with_configuration_sets(["abc"]);
            let validator = match sandbox {
                true => Context::new().with_account(&account),
                false => Context::new(),
            };
            let (check, report) = if shape > 0 {
                let mut b = match shape {
                    1 => V2SendEmailRequest::builder().subject("s").text("t"),
                    _ => V2SendEmailRequest::builder().raw(base64(raw.as_bytes())),
                };
                if let Some(s) = &source { b = b.from(s.clone()); }
                for a in &to { b = b.to(a.clone()); }
                for a in &cc { b = b.cc(a.clone()); }
                for (n, v) in &tags { b = b.tag(n.clone(), v.clone()); }
                if let Some(s) = &set { b = b.configuration_set(s.clone()); }
                let req = b.build();
                (validator.check_email(&req), validator.report_email(&req))
            } else {
                let mut b = SendEmailRequest::builder().subject("s").text("t");
                if let Some(s) = &source { b = b.source(s.clone()); }
                for a in &to { b = b.to(a.clone()); }
                for a in &cc { b = b.cc(a.clone()); }
                for (n, v) in &tags { b = b.tag(n.clone(), v.clone()); }
                if let Some(s) = &set { b = b.configuration_set(s.clone()); }
                let req = b.build();
                (validator.check_email(&req), validator.report_email(&req))
            };
            prop_assert_eq!(check.as_ref().err(), report.first_error());
            prop_assert!(report.errors.iter().all(|f| f.error.is_some()));
        }
    }
}

/// A report keeps at most 1000 errors and 1000 advisories, then one `findings-truncated`
/// advisory says how many more there were, in the words `report_raw` and `report_query` use.
#[test]
fn report_email_keeps_at_most_the_finding_cap() {
    let max = ses_presend::limits::MAX_FINDINGS;
    let mut builder = SendEmailRequest::builder()
        .source("a@example.com")
        .to("b@example.com")
        .subject("s")
        .text("t");
    for i in 0..3000 {
        builder = builder.tag(format!("bad name {i}"), "v");
    }
    let report = report_email(&builder.build());
    assert_eq!(report.errors.len(), max);
    assert_eq!(report.errors[0].field, "Tags[0].Name");
    let last = report.advisories.last().unwrap();
    assert_eq!(report.advisories.len(), 1);
    assert_eq!(last.reason.as_str(), "findings-truncated");
    assert_eq!(last.field, "request");
    assert_eq!(
        last.message,
        "2000 more findings were not kept: a report keeps at most 1000 errors and 1000 advisories"
    );
    // Advisories too: 1500 addresses with `..` each get one.
    let mut builder = SendEmailRequest::builder()
        .source("a@example.com")
        .subject("s")
        .text("t");
    for i in 0..1500 {
        builder = builder.to(format!("a..{i}@example.com"));
    }
    let report = report_email(&builder.build());
    assert_eq!(report.advisories.len(), max + 1);
    assert!(report
        .advisories
        .last()
        .unwrap()
        .message
        .starts_with("500 more findings"));
}

/// One address, or one friendly name, can hold more findings than the cap: a group of 1500
/// members, a name of 1500 malformed encoded-words.
#[test]
fn address_and_name_reports_keep_at_most_the_finding_cap() {
    let max = ses_presend::limits::MAX_FINDINGS;
    let members: Vec<String> = (0..1500).map(|i| format!("a..{i}@example.com")).collect();
    let group = format!("team: {};", members.join(", "));
    let report = ses_presend::report_address(&group);
    assert_eq!(report.advisories.len(), max + 1);
    let last = report.advisories.last().unwrap();
    assert_eq!(
        (last.field.as_str(), last.reason.as_str()),
        ("address", "findings-truncated")
    );
    assert_eq!(
        last.message,
        "500 more findings were not kept: a report keeps at most 1000 errors and 1000 advisories"
    );
    let name = vec!["=?x?Q?a=ZZ?="; 1500].join(" ");
    let report = ses_presend::address::report_friendly_name(&name);
    assert_eq!(report.advisories.len(), max + 1);
    assert_eq!(
        report.advisories.last().unwrap().reason.as_str(),
        "findings-truncated"
    );
    #[cfg(feature = "serde")]
    {
        use ses_presend::{form, Api, Strictness};
        let check = form::address(&group, Api::V1, Strictness::Ses);
        assert_eq!(check.advisories.len(), max + 1);
        let check = form::friendly_name(&name, Api::V1, Strictness::Ses);
        assert_eq!(check.advisories.len(), max + 1);
        let list = form::addresses(members.iter().map(String::as_str), Api::V1, Strictness::Ses);
        assert!(list.addresses.iter().all(|c| c.advisories.len() == 1));
    }
}
