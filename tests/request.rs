//! Request models, builders and reports (reading them from JSON is in `request_json.rs`; the
//! tables of docs/requests.md and docs/account.md are in `request_cases.rs`).

use ses_presend::error::Action;
use ses_presend::report::DECISIONS;
use ses_presend::request::{Attachment, MessageTag};
use ses_presend::request::{
    RequestKind, RequestProblem, SendEmailRequest, SendRequest, SendTemplatedEmailRequest,
    V2SendEmailRequest,
};
use ses_presend::{check_email, report_email, Api, ErrorCode, Reason};

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
