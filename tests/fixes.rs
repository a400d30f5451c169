//! Properties of the fixes (ses-behaviour.md §4): for any Unicode friendly name and any domain
//! IDNA accepts, the fixed address is accepted by SES's check with no advisory, and its name
//! decodes to the original.

use proptest::prelude::*;
use ses_presend::{
    domain_to_ascii, encode_friendly_name, parse_address, report_address, report_friendly_name,
    to_ses_address,
};

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
        prop_assert_eq!(ses_presend::decode_friendly_name(&encoded), name);
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
    ];
    for (input, fixed) in cases {
        assert_eq!(to_ses_address(input).unwrap(), fixed, "{input}");
    }
    let unfixable = [
        (
            "dån@example.com",
            "Local address contains control or whitespace",
        ),
        ("Karen, Chan <karen@bücher.de>", "Illegal address"),
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
        "=?UTF-8?B?PT9VVEYtOD9CP1NtOXp3Nms9Pz0=?=: a@example.com;"
    );
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
    assert_eq!(ses_presend::decode_friendly_name(&literal), "xn--bcher-kva");
}
