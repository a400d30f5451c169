//! The differential test against the reference oracle (ses-behaviour.md §3): Debian's JavaMail
//! 1.6.5 `new InternetAddress(text, true)`, run by `tests/oracle/AddressOracle.java`.
//!
//! 1.6.5 equals SES for ASCII input except for the differences listed in `KNOWN_DIFFERENCES`;
//! inputs that reach one of them are not compared (they are counted and printed). Non-ASCII
//! input is SES's own rule (1.6.5 accepts it) and is covered by the labelled corpus instead.
//!
//! Skipped with a notice when `java` or the jar is missing; `.ci/run` installs both. The jar
//! can be pointed to with `SES_PRESEND_JAVAMAIL_JAR`.

mod common;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use ses_presend::parse_address;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The ways SES differs from JavaMail 1.6.5 on ASCII input, each deliberate.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[
    (
        "dot-rules",
        "1.6.5 rejects `.a@x`, `a.@x`, `a..b@x` with `Local address starts with dot`, \
         `… ends with dot`, `… contains dot-dot`; SES accepts them",
    ),
    (
        "leading-domain-literal",
        "1.6.5 starts an address at a `[` that comes before any other character of it; the \
         release SES runs skips the literal (labelled corpus: `[xxx]foo@bar.org` is accepted)",
    ),
];

const DOT_MESSAGES: [&str; 3] = [
    "Local address starts with dot",
    "Local address ends with dot",
    "Local address contains dot-dot",
];

fn jar() -> Option<PathBuf> {
    let jar = std::env::var_os("SES_PRESEND_JAVAMAIL_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/java/javax.mail.jar"));
    let java = Command::new("java").arg("-version").output();
    (jar.is_file() && java.is_ok_and(|o| o.status.success())).then_some(jar)
}

/// Runs the oracle over `inputs`: `None` for accepted, `Some(message)` for rejected.
fn oracle(jar: &Path, inputs: &[String]) -> Vec<Option<String>> {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracle/AddressOracle.java");
    let mut child = Command::new("java")
        .arg("-cp")
        .arg(jar)
        .arg(source)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start java");
    let mut stdin = child.stdin.take().unwrap();
    let payload: String = inputs
        .iter()
        .map(|s| s.bytes().map(|b| format!("{b:02x}")).collect::<String>() + "\n")
        .collect();
    let writer = std::thread::spawn(move || stdin.write_all(payload.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success(), "the oracle failed");
    let text = String::from_utf8(out.stdout).unwrap();
    let answers: Vec<Option<String>> = text
        .lines()
        .map(|line| match line {
            "OK" => None,
            _ => Some(
                line.strip_prefix("ERR ")
                    .unwrap_or_else(|| panic!("oracle: {line}"))
                    .to_string(),
            ),
        })
        .collect();
    assert_eq!(answers.len(), inputs.len());
    answers
}

/// An address starts at a `[` when the `[` is the first thing of it (of the list or of a
/// group's member list) that is neither white space, a comment, nor a separator. Only then do
/// 1.6.5 and SES part ways.
fn starts_with_literal(input: &str) -> bool {
    let mut depth = 0usize;
    let mut quoted = false;
    let mut escaped = false;
    let mut fresh = true;
    for c in input.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if depth > 0 || quoted => escaped = true,
            '"' if depth == 0 => {
                quoted = !quoted;
                fresh = false;
            }
            _ if quoted => {}
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            '[' if fresh => return true,
            ',' | ';' | ':' => fresh = true,
            ' ' | '\t' | '\r' | '\n' => {}
            _ => fresh = false,
        }
    }
    false
}

#[derive(Default)]
struct Tally {
    compared: usize,
    agreed: usize,
    non_ascii: usize,
    dot_rules: usize,
    leading_literal: usize,
    disagreements: Vec<String>,
}

fn compare(jar: &Path, name: &str, inputs: Vec<String>) -> Tally {
    let mut tally = Tally::default();
    let ascii: Vec<String> = inputs
        .into_iter()
        .filter(|s| {
            let keep = s.is_ascii();
            tally.non_ascii += usize::from(!keep);
            keep
        })
        .collect();
    for (input, expected) in ascii.iter().zip(oracle(jar, &ascii)) {
        if expected
            .as_deref()
            .is_some_and(|m| DOT_MESSAGES.contains(&m))
        {
            tally.dot_rules += 1;
            continue;
        }
        if starts_with_literal(input) {
            tally.leading_literal += 1;
            continue;
        }
        tally.compared += 1;
        let ours = parse_address(input).err().map(|e| e.message.into_owned());
        if ours == expected {
            tally.agreed += 1;
        } else {
            tally.disagreements.push(format!(
                "{name}: {input:?}: JavaMail {expected:?}, ses-presend {ours:?}"
            ));
        }
    }
    println!(
        "{name}: {}/{} agree ({:.2} %); not compared: {} non-ASCII, {} dot rules, {} leading literal",
        tally.agreed,
        tally.compared,
        100.0 * tally.agreed as f64 / tally.compared.max(1) as f64,
        tally.non_ascii,
        tally.dot_rules,
        tally.leading_literal
    );
    tally
}

/// Address-like text: atoms, quoted strings, escapes, comments, angle brackets, groups, dots,
/// domain literals, specials, white space and non-ASCII, in any order.
fn token_soup() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        4 => "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]{1,6}",
        3 => Just("@".to_string()),
        3 => Just(".".to_string()),
        2 => "\"[a-z @.,:;<>()\\\\]{0,5}\"",
        1 => "\\\\[ -~]",
        2 => "\\([a-z @()\\\\]{0,5}\\)",
        2 => "[<>:;,]",
        1 => "[()\\[\\]\"\\\\]",
        2 => "[ \t]{1,2}",
        1 => "\r\n[ \t]?|\r|\n",
        1 => "\\[[0-9.a-z]{0,7}\\]",
        1 => "@[a-z0-9-]{1,6}(\\.[a-z]{2,3}){0,2}",
        1 => "[\u{0}-\u{1f}\u{7f}]",
        1 => "[é✖日\u{a0}\u{200b}]",
    ];
    prop::collection::vec(token, 0..14).prop_map(|tokens| tokens.concat())
}

/// Mostly well-formed mailboxes and groups, with a small mutation.
fn near_valid() -> impl Strategy<Value = String> {
    let local = "[a-zA-Z0-9._%+-]{0,8}|\"[a-zA-Z0-9 ,.@]{0,6}\"";
    let domain = "[a-z0-9-]{0,6}(\\.[a-z0-9-]{0,5}){0,3}|\\[[0-9.]{0,15}\\]";
    let name =
        "|[A-Za-z]{1,6}( [A-Za-z]{1,6})?|\"[A-Za-z ,:;<>@]{0,8}\"|=\\?UTF-8\\?B\\?Sm9zw6k=\\?=";
    let mailbox = (local, domain, name, 0..4usize).prop_map(|(l, d, n, form)| match form {
        0 => format!("{l}@{d}"),
        1 => format!("{n} <{l}@{d}>"),
        2 => format!("<@relay.example:{l}@{d}>"),
        _ => format!("{l}@{d} ({n})"),
    });
    let address = prop_oneof![
        3 => mailbox.clone(),
        1 => ("[a-z]{1,5}", prop::collection::vec(mailbox, 0..3))
            .prop_map(|(g, m)| format!("{g}: {};", m.join(", "))),
    ];
    let mutation = (any::<prop::sample::Index>(), "[ -~]{0,2}|", any::<bool>());
    (address, mutation).prop_map(|(addr, (at, insert, cut))| {
        if addr.is_empty() {
            return insert;
        }
        let at = at.index(addr.len() + 1);
        let at = (0..=at)
            .rev()
            .find(|&i| addr.is_char_boundary(i))
            .unwrap_or(0);
        let tail = if cut {
            addr[at..].chars().skip(1).collect()
        } else {
            addr[at..].to_string()
        };
        format!("{}{insert}{tail}", &addr[..at])
    })
}

fn generated(count: usize) -> Vec<String> {
    // The same inputs on every run; `SES_PRESEND_ORACLE_RANDOM=1` draws fresh ones.
    let mut runner = match std::env::var_os("SES_PRESEND_ORACLE_RANDOM") {
        Some(_) => TestRunner::new(Config::default()),
        None => TestRunner::deterministic(),
    };
    let soup = token_soup();
    let near = near_valid();
    (0..count)
        .map(|i| {
            let tree = if i % 2 == 0 {
                soup.new_tree(&mut runner).map(|t| t.current())
            } else {
                near.new_tree(&mut runner).map(|t| t.current())
            };
            tree.unwrap()
        })
        .collect()
}

#[test]
fn javamail_oracle_agreement() {
    let Some(jar) = jar() else {
        eprintln!(
            "NOTICE: java or the JavaMail jar is missing; the oracle test is skipped \
             (apt-get install -y libmail-java)"
        );
        return;
    };
    for (id, text) in KNOWN_DIFFERENCES {
        println!("known difference {id}: {text}");
    }
    let corpora = [
        ("isemail", common::isemail_addresses()),
        ("javamail-addrlist", common::javamail_to_lines()),
        ("python-email-validator", common::email_validator_inputs()),
        ("generated", generated(14_000)),
    ];
    let mut disagreements = Vec::new();
    for (name, inputs) in corpora {
        let tally = compare(&jar, name, inputs);
        if name == "generated" {
            assert!(
                tally.compared >= 10_000,
                "only {} generated inputs compared",
                tally.compared
            );
        }
        disagreements.extend(tally.disagreements);
    }
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}
