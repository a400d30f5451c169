//! Properties of the fixes (docs/addresses.md#internationalized-addresses): for any Unicode friendly name and any domain
//! IDNA accepts, the fixed address is accepted by SES's check with no advisory, and its name
//! decodes to the original.

use proptest::prelude::*;
use ses_presend::address::{encode_friendly_name, report_friendly_name, to_ses_address};
use ses_presend::intl::domain_to_ascii;
use ses_presend::{parse_address, report_address};

/// A label of letters from several scripts, with ASCII letters and digits mixed in.
fn label() -> impl Strategy<Value = String> {
    "[a-z0-9àéöüßçñøåłœ]{1,8}|[а-яё]{1,8}|[α-ω]{1,8}|[\u{3041}-\u{3093}]{1,5}|[一-龥]{1,4}|[a-z]{1,6}-[a-z]{1,6}"
}

fn idna_domain() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(label(), 1..3),
        "com|de|jp|org|рф|中国",
    )
        .prop_map(|(labels, tld)| format!("{}.{tld}", labels.join(".")))
        .prop_filter("IDNA accepts it", |d| domain_to_ascii(d).is_ok())
}

/// Any name: Unicode text, ASCII with specials, names that look like encoded-words.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "\\PC{1,40}",
        2 => "[ -~]{1,30}",
        1 => "[A-Za-zé]{1,8}, [A-Za-z]{1,8} \"[A-Za-z]{1,5}\"",
        1 => "=\\?[a-zA-Z0-9-]{1,8}\\?[BQ]\\?[a-zA-Z0-9=]{0,8}\\?=",
        1 => "\\PC{60,200}",
    ]
}

/// The name as a person would write it before `<`: one quoted string, escapes where needed.
fn quoted(name: &str) -> String {
    let mut out = String::from("\"");
    for c in name.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    #[test]
    fn a_fixed_address_is_accepted_with_no_advisory_and_keeps_its_name(
        name in name(),
        local in "[a-z0-9_+-]{1,10}(\\.[a-z0-9]{1,5}){0,2}",
        domain in idna_domain(),
    ) {
        // A quoted name that is itself an encoded-word means its decoded text (its own test:
        // quoted_encoded_word_is_fixed_to_the_name_it_meant).
        prop_assume!(!name.contains("=?"));
        let input = format!("{} <{local}@{domain}>", quoted(&name));
        let fixed = to_ses_address(&input).expect("a fix exists");
        let report = report_address(&fixed);
        prop_assert!(report.errors.is_empty(), "{fixed}: {:?}", report.errors);
        prop_assert!(report.advisories.is_empty(), "{fixed}: {:?}", report.advisories);
        let addr = parse_address(&fixed).expect("SES accepts the fix");
        let mailbox = addr.mailbox().unwrap();
        prop_assert_eq!(mailbox.display_name_decoded().unwrap(), name.as_str());
        prop_assert_eq!(mailbox.domain.unwrap(), domain_to_ascii(&domain).unwrap());
        prop_assert_eq!(mailbox.local_part, local.as_str());
    }

    #[test]
    fn an_encoded_name_has_no_advisory_and_decodes_to_itself(name in name()) {
        let encoded = encode_friendly_name(&name);
        let report = report_friendly_name(&encoded);
        prop_assert!(report.advisories.is_empty(), "{encoded}: {:?}", report.advisories);
        prop_assert_eq!(ses_presend::address::decode_friendly_name(&encoded), name);
        for word in encoded.split(' ').filter(|w| w.starts_with("=?")) {
            prop_assert!(word.len() <= 75, "{word}");
        }
    }
}

#[test]
fn fixes_of_the_specification() {
    let cases = [
        (
            "José <jose@bücher.de>",
            "=?UTF-8?B?Sm9zw6k=?= <jose@xn--bcher-kva.de>",
        ),
        ("jose@bücher.de", "jose@xn--bcher-kva.de"),
        (
            "José <jose@example.com>",
            "=?UTF-8?B?Sm9zw6k=?= <jose@example.com>",
        ),
        ("a@example.com", "a@example.com"),
        ("Bob <bob@例え.jp>", "Bob <bob@xn--r8jz45g.jp>"),
        (
            "team: José <j@bücher.de>, b@c.com;",
            "team: =?UTF-8?B?Sm9zw6k=?= <j@xn--bcher-kva.de>, b@c.com;",
        ),
        // SES rejects the unquoted comma; the fix quotes the name.
        (
            "Karen, Chan <karen@bücher.de>",
            "\"Karen, Chan\" <karen@xn--bcher-kva.de>",
        ),
    ];
    for (input, fixed) in cases {
        assert_eq!(to_ses_address(input).unwrap(), fixed, "{input}");
    }
    let unfixable = [
        (
            "dån@example.com",
            "Local address contains control or whitespace",
        ),
        // Quoting the name leaves a domain with no Punycode form: SES's own error stays.
        (
            "Karen, Chan <karen@bü_cher.de>",
            "Domain contains illegal character",
        ),
        ("a@bü_cher.de", "Domain contains illegal character"),
    ];
    for (input, message) in unfixable {
        assert_eq!(
            to_ses_address(input).unwrap_err().to_string(),
            message,
            "{input}"
        );
    }
}

/// With the `serde` feature, a report serializes with stable reason names and the SES error.
#[cfg(feature = "serde")]
#[test]
fn reports_serialize() {
    let json = serde_json::to_value(report_address("José <jose@bücher.de>")).unwrap();
    assert_eq!(json["errors"][0]["reason"], "non-ascii-domain");
    assert_eq!(json["errors"][0]["field"], "domain");
    assert_eq!(json["errors"][0]["fix"], "xn--bcher-kva.de");
    assert_eq!(json["errors"][0]["error"]["code"], "InvalidParameterValue");
    assert_eq!(
        json["errors"][0]["error"]["message"],
        "Domain contains illegal character"
    );
    assert_eq!(json["advisories"][0]["reason"], "name-raw-non-ascii");
    assert_eq!(json["fix"], "=?UTF-8?B?Sm9zw6k=?= <jose@xn--bcher-kva.de>");
}

/// Inputs the fuzzer found (fuzz/corpus/address keeps them too): each fix is accepted and
/// leaves nothing to fix.
#[test]
fn fixes_found_by_fuzzing() {
    let inputs = [
        // A group name quoting an encoded-word: the name is re-encoded as a mailbox's is.
        "\"=?UTF-8?B?Sm9zw6k=?=\": a@example.com;",
        "if@y(\n\r\n\n\niter!\u{7f}\"\"\"@]eia@hanjmse@a.8F-UH?B?Sm9zw6k=?=@a.dea.\"@i.\"na).\"na.6k\":;",
    ];
    for input in inputs {
        let fixed = to_ses_address(input).unwrap();
        let report = report_address(&fixed);
        assert!(report.errors.is_empty(), "{fixed:?}: {:?}", report.errors);
        assert!(
            report.advisories.iter().all(|a| a.fix.is_none()),
            "{fixed:?}: {:?}",
            report.advisories
        );
    }
    assert_eq!(
        to_ses_address("\"=?UTF-8?B?Sm9zw6k=?=\": a@example.com;").unwrap(),
        "=?UTF-8?B?Sm9zw6k=?=: a@example.com;"
    );
}

/// The display name of `address`, as a mail client shows it.
fn shown_name(address: &str) -> String {
    let parsed = parse_address(address).unwrap();
    let name = parsed.mailbox().unwrap().display_name.unwrap();
    ses_presend::address::decode_friendly_name(name)
}

/// An encoded-word inside a quoted string is shown as written; the fix is the name it was
/// meant to be, not the quoted text encoded again (which would show `=?UTF-8?B?Sm9zw6k=?=`).
#[test]
fn quoted_encoded_word_is_fixed_to_the_name_it_meant() {
    let input = "\"=?UTF-8?B?Sm9zw6k=?=\" <j@example.com>";
    assert_eq!(shown_name(input), "=?UTF-8?B?Sm9zw6k=?=");
    let report = report_address(input);
    let advisory = &report.advisories[0];
    assert_eq!(advisory.reason.as_str(), "encoded-word-in-quoted-string");
    assert_eq!(advisory.fix.as_deref(), Some("=?UTF-8?B?Sm9zw6k=?="));
    let fixed = "=?UTF-8?B?Sm9zw6k=?= <j@example.com>";
    assert_eq!(report.fix.as_deref(), Some(fixed));
    assert_eq!(to_ses_address(input).as_deref(), Ok(fixed));
    assert_eq!(shown_name(fixed), "José");
    // With text around it, and as a name on its own.
    let fixed = to_ses_address("\"=?UTF-8?B?Sm9zw6k=?= (Ops)\" Müller <j@example.com>").unwrap();
    assert_eq!(shown_name(&fixed), "José (Ops) Müller");
    let name = report_friendly_name("\"=?UTF-8?Q?Jos=C3=A9?=\"");
    assert_eq!(name.fix.as_deref(), Some("=?UTF-8?B?Sm9zw6k=?="));
}

/// SES rejects an unquoted comma in a friendly name (`Illegal address`); the fix quotes the
/// name, in an address as for the name alone (`/validate/friendly-name`): one rule for both.
#[test]
fn name_ses_rejects_is_quoted_in_the_fix() {
    let input = "Last, First <first.last@example.org>";
    let fixed = "\"Last, First\" <first.last@example.org>";
    assert_eq!(to_ses_address(input).as_deref(), Ok(fixed));
    let report = report_address(input);
    assert_eq!(report.first_error().unwrap().message, "Illegal address");
    assert_eq!(report.fix.as_deref(), Some(fixed));
    assert_eq!(report.errors[0].fix.as_deref(), Some(fixed));
    assert_eq!(to_ses_address(fixed).as_deref(), Ok(fixed));
    assert!(report_address(fixed).advisories.is_empty());
    // With a domain to convert and a name to encode too.
    assert_eq!(
        to_ses_address("Müller, Hans <h@bücher.de>").as_deref(),
        Ok("=?UTF-8?Q?M=C3=BCller=2C_Hans?= <h@xn--bcher-kva.de>")
    );
    // What no fix of the name removes keeps SES's error.
    assert_eq!(
        to_ses_address("Last, First <first.last@>")
            .unwrap_err()
            .message,
        "Missing domain"
    );
    // A request offers it at the address's field.
    let req = ses_presend::request::SendEmailRequest::builder()
        .source("ops@example.com")
        .to(input)
        .subject("s")
        .text("t")
        .build();
    let report = ses_presend::report_email(&req);
    assert_eq!(report.errors[0].field, "Destination.ToAddresses[0]");
    assert_eq!(report.errors[0].fix.as_deref(), Some(fixed));
    #[cfg(feature = "serde")]
    {
        use ses_presend::{form, Api, Strictness};
        let alone = form::friendly_name("Last, First", Api::V1, Strictness::Ses);
        assert_eq!(alone.fix.as_deref(), Some("\"Last, First\""));
        let address = form::address(input, Api::V1, Strictness::Ses);
        assert_eq!(address.fix.as_deref(), Some(fixed));
    }
}

/// A name that went through a Punycode converter: the fix is the Unicode it stands for, encoded;
/// encoding the literal text keeps it and raises nothing (found by the friendly_name fuzzer).
#[test]
fn punycode_looking_names() {
    let report = report_friendly_name("Team xn--bcher-kva");
    assert_eq!(
        report.advisories[0].reason.as_str(),
        "name-looks-like-punycode"
    );
    assert_eq!(report.fix.as_deref(), Some("=?UTF-8?Q?Team_b=C3=BCcher?="));
    let literal = encode_friendly_name("xn--bcher-kva");
    assert!(
        report_friendly_name(&literal).advisories.is_empty(),
        "{literal}"
    );
    assert_eq!(
        ses_presend::address::decode_friendly_name(&literal),
        "xn--bcher-kva"
    );
}
