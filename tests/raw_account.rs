//! A raw message checked against what the caller knows of the account (docs/account.md;
//! DECISIONS `raw-account`): the same texts as for a request, read from the message's headers.

use ses_presend::account::{AccountMode, AccountSending};
use ses_presend::{check_raw, report_raw, Account, Api, Context, RawOptions};

const NOT_VERIFIED: &str =
    "Email address is not verified. The following identities failed the check in region ";

fn account() -> Account {
    Account::new()
        .with_region("eu-west-1")
        .with_verified_identities(["example.com", "ops@example.org"])
        .with_configuration_sets(["marketing"])
}

/// What a case shows, the account, the message, the Source, the Destinations, and SES's answer
/// (code and text, or OK).
type Case<'a> = (
    &'a str,
    &'a Account,
    &'a str,
    Option<&'a str>,
    Vec<&'a str>,
    String,
);

#[test]
fn account_checks_of_raw_messages() {
    let plain = account();
    let sandbox = account().with_mode(AccountMode::Sandbox);
    let paused = account().with_sending(AccountSending::PausedByAws);
    let disabled = account().with_sending(AccountSending::Disabled);
    let cases: Vec<Case<'_>> = vec![
        (
            "a verified From domain",
            &plain,
            "From: Ann <ann@example.com>\r\nTo: x@elsewhere.net\r\n\r\nHi",
            None,
            vec![],
            "OK".into(),
        ),
        (
            "an unverified From, written as it is, region upper-case",
            &plain,
            "From: Bob <bob@other.net>\r\nTo: x@elsewhere.net\r\n\r\nHi",
            None,
            vec![],
            format!("MessageRejected: {NOT_VERIFIED}EU-WEST-1: Bob <bob@other.net>"),
        ),
        (
            // A verified Source does not excuse the From header: both are checked
            // (https://github.com/mailcow/mailcow-dockerized/issues/2944, 2019).
            "a verified Source, an unverified From header",
            &plain,
            "From: Bob <bob@other.net>\r\nTo: x@elsewhere.net\r\n\r\nHi",
            Some("ops@example.org"),
            vec![],
            format!("MessageRejected: {NOT_VERIFIED}EU-WEST-1: Bob <bob@other.net>"),
        ),
        (
            // Header entries first, as written; the same address written otherwise is another
            // entry (https://github.com/WPManageNinja/fluent-smtp/issues/90, 2022).
            "an unverified From header and Source, both listed",
            &plain,
            "From: Bob <bob@other.net>, carol@third.net\r\nTo: x@elsewhere.net\r\n\r\nHi",
            Some("bob@other.net"),
            vec![],
            format!(
                "MessageRejected: {NOT_VERIFIED}EU-WEST-1: Bob <bob@other.net>, carol@third.net, \
                 bob@other.net"
            ),
        ),
        (
            "the same text in the header and the Source is listed once",
            &plain,
            "From: bob@other.net\r\nTo: x@elsewhere.net\r\n\r\nHi",
            Some("bob@other.net"),
            vec![],
            format!("MessageRejected: {NOT_VERIFIED}EU-WEST-1: bob@other.net"),
        ),
        (
            "an unverified Return-Path",
            &plain,
            "From: ann@example.com\r\nReturn-Path: <bounce@other.net>\r\nTo: x@y.net\r\n\r\nHi",
            None,
            vec![],
            format!("MessageRejected: {NOT_VERIFIED}EU-WEST-1: <bounce@other.net>"),
        ),
        (
            "in the sandbox, unverified recipients too, each header in order",
            &sandbox,
            "From: ann@example.com\r\nTo: a@one.net, ops@example.org\r\nCc: c@two.net\r\n\r\nHi",
            None,
            vec![],
            format!("MessageRejected: {NOT_VERIFIED}EU-WEST-1: a@one.net, c@two.net"),
        ),
        (
            "in the sandbox, the Destinations stand for the headers",
            &sandbox,
            "From: ann@example.com\r\nTo: a@one.net\r\n\r\nHi",
            None,
            vec!["ops@example.org"],
            "OK".into(),
        ),
        (
            "a configuration set the account does not have",
            &plain,
            "From: ann@example.com\r\nTo: x@y.net\r\nX-SES-CONFIGURATION-SET: promo\r\n\r\nHi",
            None,
            vec![],
            "ConfigurationSetDoesNotExist: Configuration set <promo> does not exist.".into(),
        ),
        (
            "a configuration set the account has",
            &plain,
            "From: ann@example.com\r\nTo: x@y.net\r\nX-SES-CONFIGURATION-SET: marketing\r\n\r\nHi",
            None,
            vec![],
            "OK".into(),
        ),
        (
            "an account paused by AWS",
            &paused,
            "From: ann@example.com\r\nTo: x@y.net\r\n\r\nHi",
            None,
            vec![],
            "MessageRejected: Sending paused for this account. For more information, please \
             check the inbox of the email address associated with your AWS account."
                .into(),
        ),
        (
            "an account whose sending is disabled",
            &disabled,
            "From: ann@example.com\r\nTo: x@y.net\r\n\r\nHi",
            None,
            vec![],
            "AccountSendingPausedException: Email sending is disabled for this account.".into(),
        ),
        (
            "the message's own errors come first",
            &plain,
            "From: bob@other.net\r\nTo: x@y.net\r\nSubject: a\r\nSubject: b\r\n\r\nHi",
            None,
            vec![],
            "InvalidParameterValue: Duplicate header 'Subject'.".into(),
        ),
    ];
    for (what, account, message, source, destinations, expected) in cases {
        let mut options = RawOptions::new(Api::V1)
            .context(Context::new().with_account(account))
            .destinations(destinations);
        if let Some(source) = source {
            options = options.source(source);
        }
        let verdict = match check_raw(message.as_bytes(), &options) {
            Ok(()) => "OK".to_string(),
            Err(e) => format!("{}: {}", e.code, e.message),
        };
        assert_eq!(verdict, expected, "{what}");
        let report = report_raw(message.as_bytes(), &options);
        assert_eq!(
            report
                .first_error()
                .map(|e| format!("{}: {}", e.code, e.message)),
            (expected != "OK").then_some(expected),
            "{what}: the report's first error"
        );
    }
}

/// Without an account nothing is known, and nothing is checked.
#[test]
fn without_an_account_identities_are_not_checked() {
    let message = b"From: bob@other.net\r\nTo: x@y.net\r\nX-SES-CONFIGURATION-SET: promo\r\n\r\nHi";
    assert!(check_raw(message, &RawOptions::new(Api::V1)).is_ok());
}

/// Sending authorization: `X-SES-FROM-ARN`, `X-SES-SOURCE-ARN` and `X-SES-RETURN-PATH-ARN`
/// stand in for the verification of the address they cover, as FromArn, SourceArn and
/// ReturnPathArn do for a request (documented for SMTP and SendRawEmail:
/// https://docs.aws.amazon.com/ses/latest/dg/sending-authorization-delegate-sender-tasks-email.html).
#[test]
fn identity_arn_headers_stand_in_for_verification() {
    let account = Account::new()
        .with_mode(AccountMode::Production)
        .with_verified_identities(["example.com"]);
    let context = Context::new().with_account(&account);
    let check = |headers: &str, source: Option<&str>| {
        let msg = format!("{headers}To: a@example.com\r\nSubject: s\r\n\r\nHi");
        let mut options = RawOptions::new(Api::V1).context(context);
        if let Some(source) = source {
            options = options.source(source);
        }
        check_raw(msg.as_bytes(), &options)
            .err()
            .map(|e| e.message.to_string())
    };
    let unverified = |who: &str| {
        Some(format!(
            "Email address is not verified. The following identities failed the check in region \
             US-EAST-1: {who}"
        ))
    };
    let arn = "arn:aws:ses:us-east-1:123456789012:identity/other.org";
    assert_eq!(
        check("From: x@other.org\r\n", None),
        unverified("x@other.org")
    );
    assert_eq!(
        check(
            &format!("From: x@other.org\r\nX-SES-FROM-ARN: {arn}\r\n"),
            None
        ),
        None
    );
    // The envelope sender has its own ARN header; the From entry still needs its own.
    let both = format!("From: x@other.org\r\nX-SES-SOURCE-ARN: {arn}\r\n");
    assert_eq!(check(&both, Some("y@other.org")), unverified("x@other.org"));
    let both = format!("From: x@other.org\r\nX-SES-FROM-ARN: {arn}\r\nX-SES-SOURCE-ARN: {arn}\r\n");
    assert_eq!(check(&both, Some("y@other.org")), None);
    let path = "From: ops@example.com\r\nReturn-Path: <b@other.org>\r\n";
    assert_eq!(check(path, None), unverified("<b@other.org>"));
    let path_arn = format!("{path}X-SES-RETURN-PATH-ARN: {arn}\r\n");
    assert_eq!(check(&path_arn, None), None);
}
