//! Our encoder and the RFC 2047 rules for friendly names: generated Unicode names that we
//! encode must decode back, by us and by mail-parser 0.11.9 (`cargo test --test
//! encoded_word_rules -- --nocapture` prints the figures), and the tests at the end pin three
//! RFC 2047 rules that an earlier version missed (white space inside a word, specials in Q
//! text, a word glued to a quoted string). The cross-checks against CPython and mail-parser's
//! own data are in `encoded_words.rs`.

mod common;

use common::{mail_parser_decode, word_reasons, Context};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use ses_presend::address::{decode_friendly_name, encode_friendly_name, report_friendly_name};

/// Names of 1 to 81 characters, at least one of them not ASCII: either any characters (mostly
/// printable ASCII, CJK and the rest of Unicode, which encode as B) or Latin names, letters and
/// spaces with one or two accented letters (which encode as Q); long ones take several words.
fn unicode_names() -> impl Strategy<Value = String> {
    fn around(
        chars: BoxedStrategy<char>,
        middle: BoxedStrategy<String>,
    ) -> impl Strategy<Value = String> {
        (vec(chars.clone(), 0..40), middle, vec(chars, 0..40)).prop_map(
            |(before, middle, after)| {
                let mut name: String = before.into_iter().collect();
                name.push_str(&middle);
                name.extend(after);
                name
            },
        )
    }
    let any_chars = prop_oneof![
        3 => proptest::char::range(' ', '~'),
        2 => any::<char>(),
        1 => proptest::char::range('\u{4E00}', '\u{9FFF}'),
    ]
    .boxed();
    let non_ascii = any::<char>()
        .prop_filter("not ASCII", |c| !c.is_ascii())
        .prop_map(String::from)
        .boxed();
    let letters = prop_oneof![
        6 => proptest::char::range('a', 'z'),
        1 => proptest::char::range('A', 'Z'),
        1 => Just(' '),
    ]
    .boxed();
    let accented = vec(proptest::char::range('\u{C0}', '\u{17F}'), 1..3)
        .prop_map(|cs| cs.into_iter().collect::<String>())
        .boxed();
    prop_oneof![around(any_chars, non_ascii), around(letters, accented)]
}

#[test]
fn generated_names_round_trip() {
    const NAMES: usize = 2_000;
    let mut runner = TestRunner::deterministic();
    let strategy = unicode_names();
    let (mut words, mut b_words, mut multi) = (0, 0, 0);
    for _ in 0..NAMES {
        let name = strategy.new_tree(&mut runner).unwrap().current();
        let encoded = encode_friendly_name(&name);
        let count = encoded.split(' ').count();
        words += count;
        b_words += encoded.matches("?B?").count();
        multi += usize::from(count > 1);
        let report = report_friendly_name(&encoded);
        assert!(
            report.advisories.is_empty(),
            "{name:?} → {encoded:?}: {:?}",
            report.advisories
        );
        assert_eq!(decode_friendly_name(&encoded), name, "ours, {encoded:?}");
        for context in [Context::Subject, Context::DisplayName] {
            assert_eq!(
                mail_parser_decode(&encoded, context).as_deref(),
                Some(name.as_str()),
                "mail-parser {context:?}, {encoded:?}"
            );
        }
    }
    println!(
        "\ngenerated: {NAMES} Unicode names encoded ({words} words: {b_words} B, {} Q; {multi} \
         names of several words), all decoded back by us and by mail-parser (Subject and \
         display name)",
        words - b_words
    );
}

// ---------------------------------------------------------------------------------------------
// Bugs found by the cross-checks. These tests assert what RFC 2047 requires and FAIL until
// src/intl/encoded_word.rs and src/advice.rs are fixed.
// ---------------------------------------------------------------------------------------------

/// Records a failure unless an encoded-word advisory for `name` has the reason `want`.
fn expect_reason(name: &str, want: &str, wrong: &mut Vec<String>) {
    let reasons = word_reasons(name);
    if !reasons.contains(&want) {
        wrong.push(format!("{name:?}: advisories {reasons:?}, want {want}"));
    }
}

/// A word with a space inside is flagged. RFC 2047 §2: "unencoded white space characters
/// (such as SPACE and HTAB) are FORBIDDEN within an 'encoded-word'", and
/// docs/addresses.md#internationalized-addresses lists "no spaces inside" among the
/// advisories. The phrase reader joins the two halves (`=?UTF-8?Q?a` and `b?=`) into one
/// malformed word; mail-parser decodes them ("a b"), we show them as written and say why.
#[test]
fn a_space_inside_a_word_is_flagged() {
    let mut wrong = Vec::new();
    for name in [
        "=?UTF-8?Q?a b?=",
        "=?UTF-8?B?Sm9z w6k=?=",
        "=?iso-8859-1?q?this is some text?=",
        "=?utf-8?Q?Hello\r\n _there!?=",
        "Dear =?UTF-8?Q?a\tb?= friend",
    ] {
        assert_eq!(decode_friendly_name(name), name, "shown as written");
        expect_reason(name, "encoded-word-white-space", &mut wrong);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Q text with a character that is special in a phrase is flagged. RFC 2047 §5 (3):
/// in a phrase (a display name) Q text may hold only letters, digits, "!", "*", "+", "-", "/",
/// "=" and "_". The others are RFC 5322 specials, which a parser that does not decode
/// encoded-words (SES among them) reads as syntax: `=?UTF-8?Q?Doe,_John?= <a@b.com>` is two
/// addresses to it, and our own SES model (`parse_address`) rejects it with "Illegal address",
/// while `report_friendly_name("=?UTF-8?Q?Doe,_John?=")` finds nothing wrong; with `(b)` the
/// model sees a comment. Our encoder already keeps to the §5 (3) set. (§5 (3) also excludes "."
/// and atext such as "'" or "#"; those parse fine as a phrase, so flagging them is a choice
/// left out of this test.)
#[test]
fn q_specials_in_a_phrase_are_flagged() {
    let mut wrong = Vec::new();
    for name in [
        "=?UTF-8?Q?Doe,_John?=",
        "=?UTF-8?Q?a(b)?=",
        "=?UTF-8?Q?a<b>?=",
        "=?UTF-8?Q?a@b?=",
        "=?UTF-8?Q?a:b?=",
        "=?UTF-8?Q?a;b?=",
        "=?UTF-8?Q?a[b]?=",
        "=?UTF-8?Q?a\\b?=",
    ] {
        expect_reason(name, "encoded-word-bad-q", &mut wrong);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A word glued to a quoted string is flagged and shown as written. RFC 2047 §5 (3): "An 'encoded-word' that appears
/// within a 'phrase' MUST be separated from any adjacent 'word', 'text' or 'special' by
/// 'linear-white-space'." A quoted string before the word is flagged (`not-separated`, "mail
/// clients show this one as written"), yet `decode_friendly_name` decodes that word ("xa"),
/// contradicting both the advisory and its own doc ("a malformed encoded-word is left as
/// written"). A quoted string after the word is not flagged at all, and decoded ("ax"). Either
/// both are malformed (flag both, show both as written: asserted here, as the docs say), or the
/// advisory's wording must change; mail-parser decodes both.
#[test]
fn a_word_glued_to_a_quoted_string_is_flagged_and_shown_as_written() {
    let mut wrong = Vec::new();
    for (name, shown) in [
        ("\"x\"=?UTF-8?Q?a?=", "x=?UTF-8?Q?a?="),
        ("=?UTF-8?Q?a?=\"x\"", "=?UTF-8?Q?a?=x"),
    ] {
        let reasons = word_reasons(name);
        if !reasons.contains(&"encoded-word-not-separated") {
            wrong.push(format!(
                "{name:?}: advisories {reasons:?}, want not-separated"
            ));
        }
        let decoded = decode_friendly_name(name);
        if decoded != shown {
            wrong.push(format!("{name:?}: decoded {decoded:?}, want {shown:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
