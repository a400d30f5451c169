//! Every public entry point on arbitrary input: no panic, one stable verdict, a check and its
//! report agreeing; and the inputs the fuzz targets found, kept as regression tests (each is
//! also in `fuzz/corpus/<target>`).

use proptest::prelude::*;
use ses_presend::address::check_address;
use ses_presend::address::{
    decode_friendly_name, encode_friendly_name, report_friendly_name, to_ses_address,
};
use ses_presend::intl::domain_to_ascii;
use ses_presend::{
    check_raw, parse_address, report_address, report_raw, Api, RawOptions, Report, SesError,
};

const APIS: [Api; 3] = [Api::V1, Api::V2, Api::Smtp];

/// The report has errors exactly when the check rejects, and its first is the check's.
fn agree(checked: &Result<(), SesError>, report: &Report) -> Result<(), TestCaseError> {
    prop_assert_eq!(report.first_error(), checked.as_ref().err());
    prop_assert_eq!(report.errors.is_empty(), checked.is_ok());
    Ok(())
}

/// Text of every kind: any Unicode, printable ASCII, ASCII with controls, bytes read lossily,
/// and runs of the characters address syntax is made of.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,80}",
        "[\\x00-\\x7f]{0,60}",
        proptest::collection::vec(any::<u8>(), 0..80)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        "[<>()\\[\\]:;@\\\\,.\" \ta-z=?é日-]{0,60}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn addresses(input in any_text()) {
        let parsed = parse_address(&input);
        prop_assert_eq!(&parsed, &parse_address(&input));
        let verdict = parsed.as_ref().map(drop).map_err(Clone::clone);
        for api in APIS {
            prop_assert_eq!(check_address(&input, api).is_ok(), verdict.is_ok());
        }
        let report = report_address(&input);
        prop_assert_eq!(&report, &report_address(&input));
        agree(&verdict, &report)?;
        if let Ok(fixed) = to_ses_address(&input) {
            let again = report_address(&fixed);
            prop_assert!(again.errors.is_empty(), "{:?} is rejected", fixed);
            prop_assert!(again.advisories.iter().all(|a| a.fix.is_none()), "{:?}", again);
            prop_assert_eq!(to_ses_address(&fixed), Ok(fixed));
        }
    }

    #[test]
    fn friendly_names(input in any_text()) {
        let report = report_friendly_name(&input);
        prop_assert!(report.errors.is_empty());
        prop_assert_eq!(decode_friendly_name(&input), decode_friendly_name(&input));
        let encoded = encode_friendly_name(&input);
        prop_assert_eq!(decode_friendly_name(&encoded), input);
        prop_assert!(report_friendly_name(&encoded).advisories.is_empty());
    }

    #[test]
    fn domains(input in any_text()) {
        let first = domain_to_ascii(&input);
        prop_assert_eq!(&first, &domain_to_ascii(&input));
        if let Ok(ascii) = first {
            prop_assert!(ascii.is_ascii(), "{:?}", ascii);
        }
    }

    #[test]
    fn raw_messages(raw in raw_message(), api in 0..3usize, envelope in any::<bool>()) {
        let mut options = RawOptions::new(APIS[api]);
        if envelope {
            options = options.source("sender@example.com").destination("a@example.com");
        }
        let verdict = check_raw(&raw, &options);
        prop_assert_eq!(&verdict, &check_raw(&raw, &options));
        agree(&verdict, &report_raw(&raw, &options))?;
    }
}

/// Arbitrary bytes, or a message put together from header lines, separators, boundaries and
/// noise, so that the generated inputs get past the header section.
fn raw_message() -> impl Strategy<Value = Vec<u8>> {
    const PIECES: &[&[u8]] = &[
        b"From: a@example.com",
        b"To: b@example.com, c@example.com",
        b"Subject: =?UTF-8?Q?hi?=",
        b"Content-Type: multipart/mixed; boundary=x",
        b"Content-Type: message/rfc822",
        b"Content-Type: text/plain; charset=cp-850",
        b"Content-Disposition: attachment; filename*0=a; filename*1=.exe",
        b"--x",
        b"--x--",
        b"\r\n",
        b"\n",
        b" folded",
        b":",
    ];
    let piece = prop_oneof![
        proptest::sample::select(PIECES).prop_map(<[u8]>::to_vec),
        proptest::collection::vec(any::<u8>(), 0..12),
    ];
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..200),
        proptest::collection::vec(piece, 0..30).prop_map(|p| p.concat()),
    ]
}

#[cfg(feature = "serde")]
mod requests {
    use super::*;
    use ses_presend::request::{Request, RequestKind};
    use ses_presend::{check_email, report_email};

    const KINDS: [RequestKind; 3] = [
        RequestKind::SendEmail,
        RequestKind::SendTemplatedEmail,
        RequestKind::V2SendEmail,
    ];

    /// The members the three requests have (and their shapes' members).
    const MEMBERS: &[&str] = &[
        "Source",
        "Destination",
        "ToAddresses",
        "CcAddresses",
        "BccAddresses",
        "Message",
        "Subject",
        "Body",
        "Text",
        "Html",
        "Data",
        "Charset",
        "ReplyToAddresses",
        "ReturnPath",
        "SourceArn",
        "ReturnPathArn",
        "Tags",
        "Name",
        "Value",
        "ConfigurationSetName",
        "Template",
        "TemplateData",
        "TemplateArn",
        "FromEmailAddress",
        "Content",
        "Simple",
        "Raw",
        "Headers",
        "Attachments",
        "RawContent",
        "FileName",
        "ContentDisposition",
        "ContentTransferEncoding",
        "ContentType",
        "ContentId",
        "EmailTags",
        "TemplateName",
        "TemplateContent",
        "FeedbackForwardingEmailAddress",
        "ListManagementOptions",
    ];

    /// Arbitrary JSON whose object keys are mostly the requests' members.
    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            super::any_text().prop_map(Value::String),
            Just(Value::String("a@example.com".into())),
        ];
        leaf.prop_recursive(5, 48, 6, |inner| {
            let key = prop_oneof![
                4 => proptest::sample::select(MEMBERS).prop_map(str::to_string),
                1 => "[A-Za-z]{0,8}",
            ];
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::btree_map(key, inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    fn request_text() -> impl Strategy<Value = String> {
        prop_oneof![super::any_text(), json_value().prop_map(|v| v.to_string()),]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1500))]

        #[test]
        fn requests_from_any_json(text in request_text()) {
            for kind in KINDS {
                let read = Request::from_json(kind, &text);
                prop_assert_eq!(&read, &Request::from_json(kind, &text));
                let Ok(req) = read else { continue };
                let verdict = check_email(&req);
                prop_assert_eq!(&verdict, &check_email(&req));
                agree(&verdict, &report_email(&req))?;
            }
        }
    }

    /// Deep nesting is no risk: the syntax is checked by serde_json's iterative `IgnoredAny`
    /// reader, the request shapes are at most six levels deep, and a value of the wrong type is
    /// refused where it starts (shown cut after 200 characters), unknown members by name.
    /// (serde_json's own recursion limit, 128, is never reached.)
    #[test]
    fn deep_nesting_is_refused_where_it_starts() {
        for depth in [127, 128, 129, 100_000] {
            let nest =
                |open: &str, close: &str| format!("{}1{}", open.repeat(depth), close.repeat(depth));
            let cases = [
                (format!("{{\"Source\": {}}}", nest("[", "]")), "Invalid type for parameter Source, value: [[[[", "type: <class 'list'>, valid types: <class 'str'>"),
                (format!("{{\"Source\": {}}}", nest("{\"a\":", "}")), "Invalid type for parameter Source, value: {'a': {'a': ", "type: <class 'dict'>, valid types: <class 'str'>"),
                (format!("{{\"Tags\": [{}]}}", nest("[", "]")), "Invalid type for parameter Tags[0], value: [[[[", "type: <class 'list'>, valid types: <class 'dict'>"),
                (format!("{{\"Destination\": {{\"Deep\": {}}}}}", nest("[", "]")), "Unknown parameter in Destination: \"Deep\", must be one of: ToAddresses, CcAddresses, BccAddresses", ""),
                (nest("[", "]"), "Invalid type: expecting map, received <class 'list'>", ""),
            ];
            for (text, start, end) in cases {
                let err = Request::from_json(KINDS[0], &text).unwrap_err();
                let message = err.message();
                assert!(
                    message.starts_with(start) && message.ends_with(end),
                    "depth {depth}: {message}"
                );
                assert!(message.len() < 400, "depth {depth}: {message}");
                // Where the nesting starts, not where it ends.
                assert!(err.line() == 1 && err.column() < 30, "depth {depth}: {err}");
            }
        }
    }
}

mod query {
    use super::*;
    use ses_presend::account::Subscription;
    use ses_presend::query::{answer, check_query, report_query, HttpRequest, QueryOptions};
    use ses_presend::Account;
    use ses_presend::Context;
    use std::time::{Duration, UNIX_EPOCH};

    /// Query-string and form text: arbitrary, or `name=value` pairs from the parameters a
    /// send has, with percent-escapes good and bad.
    fn form() -> impl Strategy<Value = String> {
        let name = proptest::sample::select(
            &[
                "Action",
                "Version",
                "Source",
                "Destination.ToAddresses.member.1",
                "Destination.ToAddresses.member.1001",
                "Message.Subject.Data",
                "Message.Body.Text.Data",
                "RawMessage.Data",
                "Tags.member.1.Name",
                "X-Amz-Date",
                "X-Amz-Credential",
                "X-Amz-Signature",
                "X-Amz-Algorithm",
                "AWSAccessKeyId",
                "Signature",
                "Timestamp",
                "Template",
                "TemplateData",
                "%41ction",
                "",
            ][..],
        );
        let value = prop_oneof![
            proptest::sample::select(
                &[
                    "SendEmail",
                    "SendRawEmail",
                    "SendTemplatedEmail",
                    "GetSendQuota",
                    "2010-12-01",
                    "a%40example.com",
                    "%ZZ",
                    "%E9",
                    "%",
                    "20181107T005554Z",
                    "AWS4-HMAC-SHA256",
                    "AKIDEXAMPLE%2F20181107%2Fus-east-1%2Fses%2Faws4_request",
                    "RnJvbTogYUBiLmNvbQ0KDQpoaQ%3D%3D",
                ][..]
            )
            .prop_map(str::to_string),
            "[ -~]{0,12}",
        ];
        prop_oneof![
            any_text(),
            proptest::collection::vec((name, value), 0..12).prop_map(|pairs| {
                pairs
                    .iter()
                    .map(|(n, v)| format!("{n}={v}"))
                    .collect::<Vec<_>>()
                    .join("&")
            }),
        ]
    }

    fn header() -> impl Strategy<Value = (String, String)> {
        let name = proptest::sample::select(
            &[
                "Content-Type",
                "X-Amz-Date",
                "Authorization",
                "Date",
                "X-Amzn-Authorization",
                "Host",
            ][..],
        );
        let value =
            prop_oneof![
            proptest::sample::select(&[
                "application/x-www-form-urlencoded",
                "20181107T005554Z",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20181107/us-east-1/ses/aws4_request, \
                 SignedHeaders=host;x-amz-date, Signature=abc",
                "AWS4-HMAC-SHA256 Credential=",
            ][..])
            .prop_map(str::to_string),
            any_text(),
        ];
        (name.prop_map(str::to_string), value)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn query_requests(
            method in prop_oneof![Just("POST".to_string()), Just("GET".to_string()), any_text()],
            query in form(),
            headers in proptest::collection::vec(header(), 0..5),
            body in prop_oneof![form().prop_map(String::into_bytes), proptest::collection::vec(any::<u8>(), 0..100)],
            with_account in any::<bool>(),
        ) {
            let req = HttpRequest {
                method: &method,
                path: "/",
                query: &query,
                headers: headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect(),
                body: &body,
            };
            let account = Account::new()
                .with_access_keys(["AKIDEXAMPLE"])
                .with_subscription(Subscription::Subscribed);
            let mut options = QueryOptions::new().context(Context::new().with_time(UNIX_EPOCH + Duration::from_secs(1_541_552_154)));
            if with_account {
                options.context = options.context.with_account(&account);
            }
            let checked = check_query(&req, &options);
            prop_assert_eq!(&checked, &check_query(&req, &options));
            let verdict = checked.as_ref().map(drop).map_err(Clone::clone);
            agree(&verdict, &report_query(&req, &options))?;
            prop_assert_eq!(answer(&req, &options).status == 200, checked.is_ok());
        }
    }
}

/// Found by the `address` fuzz target: a friendly name that looks like Punycode got an
/// advisory with a fix, but `to_ses_address` left it as it was, so its "SES-safe" output still
/// had something to fix. Now the fix is the advisory's.
#[test]
fn punycode_looking_name_is_fixed_by_to_ses_address() {
    for (input, fixed) in [
        ("xn--a <a@b.com>", "=?UTF-8?B?woA=?= <a@b.com>"),
        (
            "xn--bcher-kva <a@b.com>",
            "=?UTF-8?Q?b=C3=BCcher?= <a@b.com>",
        ),
        ("a\txn--b <a@b.com>", "=?UTF-8?Q?a=09xn--b?= <a@b.com>"),
        (
            "xn--bcher-kva: a@b.com;",
            "=?UTF-8?Q?b=C3=BCcher?=: a@b.com;",
        ),
    ] {
        let report = report_address(input);
        assert_eq!(to_ses_address(input).as_deref(), Ok(fixed), "{input:?}");
        assert_eq!(report.fix.as_deref(), Some(fixed), "{input:?}");
        let again = report_address(fixed);
        assert!(
            again.errors.is_empty() && again.advisories.is_empty(),
            "{again:?}"
        );
    }
    let crash = "+=?UTF-8?B?Sm\t\t\t\txn--\t\t\t9zs6k=?= <j/se@-n--bcher-kva.de>";
    let fixed = to_ses_address(crash).unwrap();
    assert!(report_address(&fixed)
        .advisories
        .iter()
        .all(|a| a.fix.is_none()));
}

/// A domain literal starts no address (SES accepts `[xxx]foo@bar.org`, labelled corpus), so
/// it is part of a display name only when another byte came first, even a control character
/// that the name's trim then removes. The address fuzz target found this; its write-back
/// check leaves such names out.
#[test]
fn leading_literal_belongs_to_the_name_only_after_another_byte() {
    let name = |text: &str| {
        ses_presend::parse_address(text)
            .unwrap()
            .mailbox()
            .unwrap()
            .display_name
            .map(str::to_string)
    };
    assert_eq!(name("\0[x] y <a@b.com>").as_deref(), Some("[x] y"));
    assert_eq!(name("z[x] y <a@b.com>").as_deref(), Some("z[x] y"));
    assert_eq!(name("[x] y <a@b.com>").as_deref(), Some("y"));
    assert_eq!(name(" [x] y <a@b.com>").as_deref(), Some("y"));
}

/// After `<…>`, an unfinished group (`x: e, g`, no `;`) leaves SES's parser one address, whose
/// route-addr flag the group's comma cleared: `angle_brackets` is false though the address was
/// in angle brackets. With a domain literal left open (`[d`), only angle brackets can hold it
/// when it is written back; the address fuzz target found this.
#[test]
fn unfinished_group_clears_the_angle_brackets_flag() {
    for (text, domain) in [
        ("Bob <c@[d>x: e, g", "[d"),
        ("Bob <c@d.com>x: e, g", "d.com"),
    ] {
        let address = ses_presend::parse_address(text).unwrap();
        let mailbox = address.mailbox().unwrap();
        assert_eq!(
            (mailbox.local_part, mailbox.domain, mailbox.angle_brackets),
            ("c", Some(domain), false),
            "{text}"
        );
    }
    assert_eq!(
        ses_presend::parse_address("c@[d").unwrap_err().to_string(),
        "Missing ']'"
    );
    assert!(ses_presend::parse_address("<c@[d>").is_ok());
}

/// Found by the `address` fuzz target: a friendly name that starts with a domain literal
/// belongs to the name only after another byte (`\0`, which the name's trim removes), so
/// `to_ses_address` wrote back a name (`[]xn--`) that read again as a different one (`xn--`,
/// Punycode-looking, with a fix of its own). Its output must be its own fix.
#[test]
fn fix_of_a_name_starting_with_a_literal_is_its_own_fix() {
    for input in [
        "\0[]xn--<a@\u{499}>",
        "\0\0\0[\u{1}\0\0\0\u{1}\"\0\0\x009719\u{f}2r@.\0\0]xn--a <a@b\u{499}om>",
    ] {
        let fixed = to_ses_address(input).unwrap();
        let again = report_address(&fixed);
        assert!(again.errors.is_empty(), "{fixed:?}: {again:?}");
        assert!(
            again.advisories.iter().all(|a| a.fix.is_none()),
            "{fixed:?}: {again:?}"
        );
        assert_eq!(to_ses_address(&fixed).as_ref(), Ok(&fixed), "{input:?}");
    }
    // The name is quoted, so that it reads back whole.
    assert_eq!(
        to_ses_address("\0[]xn--<a@\u{499}>").as_deref(),
        Ok("\"[]xn--\" <a@xn--83a>")
    );
}
