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
