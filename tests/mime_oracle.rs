//! The differential test of the MIME walk (DECISIONS `raw-boundary`): generated
//! multipart messages, checked by the crate and walked by Debian's JavaMail 1.6.5 through
//! `tests/oracle/MimeOracle.java`, must fall in the same class: OK, MISSING_START_BOUNDARY or
//! PARSE_ERROR. Classes, not words, are compared: 1.6.5's parse-error texts differ from the older
//! release SES runs, and the crate's texts stay SES's.
//!
//! The messages vary what decides a multipart's structure: how the boundary parameter is written
//! (token, quoted string, a quoted string folded over two lines, RFC 2231 extended values and
//! continuations, https://www.rfc-editor.org/rfc/rfc2231#section-3 and §4; several of them; none
//! at all), the delimiter lines (https://www.rfc-editor.org/rfc/rfc2046#section-5.1.1: trailing
//! white space, trailing junk, a close delimiter before the first boundary, none at the end),
//! part header sections without their blank line, nesting through multiparts and
//! `message/rfc822`, preambles and epilogues, and LF-only line ends. Parts whose Content-Type
//! cannot be read (`Content-Type: text`) are put where a misread structure would (or would not)
//! reach them, so that a walk that splits parts differently shows as a different class.
//!
//! Skipped with one line when `java` or the jar is missing, unless `CI` is set: then it fails.
//! The jar can be pointed to with `SES_PRESEND_JAVAMAIL_JAR`.

mod common;

use common::query_cases::base64;
use ses_presend::{check_raw, Api, ErrorCode, RawOptions};
use std::collections::BTreeMap;
use std::path::Path;

const MESSAGES: usize = 3000;

/// Runs the oracle over `messages`: one `(class, text)` per message.
fn oracle(jar: &Path, messages: &[Vec<u8>]) -> Vec<(String, String)> {
    let payload: String = messages.iter().map(|m| base64(m) + "\n").collect();
    let text = common::run_java_oracle(jar, "MimeOracle.java", payload);
    let answers: Vec<(String, String)> = text
        .lines()
        .map(|line| {
            let (class, rest) = line.split_once(' ').unwrap_or((line, ""));
            (class.to_string(), rest.to_string())
        })
        .collect();
    assert_eq!(answers.len(), messages.len(), "one answer per message");
    answers
}

/// The crate's answer, as a class.
fn ours(message: &[u8]) -> (String, String) {
    let options = RawOptions::new(Api::V1)
        .source("sender@example.com")
        .destination("someone@example.com");
    match check_raw(message, &options) {
        Ok(()) => ("OK".to_string(), String::new()),
        Err(e) if e.message == "Missing start boundary" => {
            ("MISSING_START_BOUNDARY".to_string(), e.message.into_owned())
        }
        Err(e)
            if e.code == ErrorCode::InvalidParameterValue
                && (e.message.starts_with("Expected") || e.message.starts_with("Unbalanced")) =>
        {
            ("PARSE_ERROR".to_string(), e.message.into_owned())
        }
        Err(e) => (format!("OTHER({})", e.code), e.message.into_owned()),
    }
}

/// xorshift64*: https://vigna.di.unimi.it/ftp/papers/xorshift.pdf
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` %.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// How a boundary parameter was written, and the boundary JavaMail takes from it (`None`: no
/// boundary, the first line starting with `--` is taken).
struct Written {
    text: String,
    boundary: Option<String>,
    /// Strings a careless reader might take for the boundary instead.
    decoys: Vec<String>,
}

struct Gen {
    rng: Rng,
    nl: &'static str,
    /// Line ends picked per line (CRLF or LF).
    mixed: bool,
}

const TOKEN_BOUNDARIES: &[&str] = &[
    "b1",
    "abc",
    "_Part_0_1234.5678",
    "----_NextPart_000_0001_01D2",
    "Apple-Mail-1",
    "x",
    "000000000000a1b2c3",
    "_----------_1",
];
const QUOTED_BOUNDARIES: &[&str] = &[
    "simple boundary",
    "a=b",
    "what?:/(x)",
    "foo bar",
    "it's",
    "----=_Part_1_2.3",
    "=_NextPart_000_0001",
    "end with space ",
];
const CHARSETS: &[&str] = &["us-ascii", "utf-8", "UTF-8", "iso-8859-1", "", "US-ASCII"];
const UNKNOWN_CHARSETS: &[&str] = &["x-bogus", "ansi-x3.4-1968"];

impl Gen {
    fn nl(&mut self) -> &'static str {
        if self.mixed && self.rng.chance(50) {
            if self.nl == "\n" {
                "\r\n"
            } else {
                "\n"
            }
        } else {
            self.nl
        }
    }

    fn token(&mut self) -> String {
        let base = *self.rng.pick(TOKEN_BOUNDARIES);
        format!("{base}{}", self.rng.below(100))
    }

    /// RFC 2231 percent-encoding of some of `text`'s bytes (all that a token cannot hold).
    fn percent(&mut self, text: &str) -> String {
        let mut out = String::new();
        for c in text.bytes() {
            let must = !(c.is_ascii_alphanumeric() || b"-_.!#$&+^`{|}~".contains(&c));
            if must || self.rng.chance(25) {
                if self.rng.chance(50) {
                    out.push_str(&format!("%{c:02X}"));
                } else {
                    out.push_str(&format!("%{c:02x}"));
                }
            } else {
                out.push(char::from(c));
            }
        }
        out
    }

    /// Splits `text` into 2 or 3 non-empty pieces (text of 3 or more bytes).
    fn pieces(&mut self, text: &str) -> Vec<String> {
        let n = if text.len() >= 3 && self.rng.chance(50) {
            3
        } else {
            2
        };
        let mut cuts: Vec<usize> = Vec::new();
        while cuts.len() < n - 1 {
            let c = 1 + self.rng.below(text.len() - 1);
            if !cuts.contains(&c) {
                cuts.push(c);
            }
        }
        cuts.sort();
        let mut out = Vec::new();
        let mut at = 0;
        for c in cuts.into_iter().chain([text.len()]) {
            out.push(text[at..c].to_string());
            at = c;
        }
        out
    }

    /// Joins `params` in a random order.
    fn shuffled(&mut self, mut params: Vec<String>) -> String {
        for i in (1..params.len()).rev() {
            let j = self.rng.below(i + 1);
            params.swap(i, j);
        }
        params.join("; ")
    }

    fn boundary_param(&mut self) -> Written {
        let t = self.token();
        let q = format!("{}{}", self.rng.pick(QUOTED_BOUNDARIES), self.rng.below(10));
        let w = |text: String, boundary: Option<&str>, decoys: &[&str]| Written {
            text,
            boundary: boundary.map(str::to_string),
            decoys: decoys.iter().map(|d| d.to_string()).collect(),
        };
        match self.rng.below(22) {
            0 | 1 => w(format!("boundary={t}"), Some(&t), &[]),
            2 | 3 => w(format!("boundary=\"{q}\""), Some(&q), &[]),
            4 => w(
                "boundary=\"a\\\"b\\\\c\"".to_string(),
                Some("a\"b\\c"),
                &["a\\\"b\\\\c"],
            ),
            5 | 6 => {
                // A quoted string folded over two lines: the line break goes, the white space
                // stays.
                let cut = 1 + self.rng.below(q.len() - 1);
                let ws = *self.rng.pick(&[" ", "\t", "  "]);
                let nl = self.nl();
                let text = format!("boundary=\"{}{nl}{ws}{}\"", &q[..cut], &q[cut..]);
                let unfolded = format!("{}{ws}{}", &q[..cut], &q[cut..]);
                let plain = format!("{}{}", &q[..cut], &q[cut..]);
                w(text, Some(&unfolded), &[&plain, &q[..cut]])
            }
            7 | 8 => {
                let charset = *self.rng.pick(CHARSETS);
                let enc = self.percent(&q);
                let text = match self.rng.chance(50) {
                    true => format!("boundary*=\"{charset}''{enc}\""),
                    false => format!("boundary*={charset}''{enc}"),
                };
                w(text, Some(&q), &[&enc])
            }
            9 => {
                // An unknown charset leaves the value as written.
                let charset = *self.rng.pick(UNKNOWN_CHARSETS);
                let enc = self.percent(&t);
                w(format!("boundary*={charset}''{enc}"), Some(&enc), &[&t])
            }
            10 => {
                let enc = self.percent(&t);
                let form = match self.rng.below(3) {
                    0 => format!("boundary*={enc}"),
                    1 => format!("boundary*=us-ascii'en'{enc}"),
                    _ => format!("boundary*=\"utf-8'en-US'{enc}\""),
                };
                w(form, Some(&t), &[&enc])
            }
            11 | 12 => {
                let parts = self.pieces(&q);
                let params = parts
                    .iter()
                    .enumerate()
                    .map(|(i, p)| format!("boundary*{i}=\"{p}\""))
                    .collect();
                let text = self.shuffled(params);
                w(text, Some(&q), &[&parts[0]])
            }
            13 | 14 => {
                let parts = self.pieces(&q);
                let charset = *self.rng.pick(CHARSETS);
                let mut params = Vec::new();
                for (i, p) in parts.iter().enumerate() {
                    let enc = self.percent(p);
                    params.push(match i {
                        0 => format!("boundary*0*={charset}''{enc}"),
                        _ if p.bytes().all(|c| c.is_ascii_alphanumeric())
                            && self.rng.chance(50) =>
                        {
                            format!("boundary*{i}={p}")
                        }
                        _ => format!("boundary*{i}*={enc}"),
                    });
                }
                let text = self.shuffled(params);
                w(text, Some(&q), &[&parts[0]])
            }
            15 => {
                let parts = self.pieces(&t);
                let text = match self.rng.below(4) {
                    // A gap: the segments after it are not read.
                    0 if parts.len() == 3 => {
                        let text = format!("boundary*0={}; boundary*2={}", parts[0], parts[2]);
                        return w(text, Some(&parts[0]), &[&t]);
                    }
                    // No segment 0: no boundary at all, even with a plain one.
                    1 => format!("boundary={t}; boundary*1={}", parts[1]),
                    2 => format!("boundary*1={}", parts[1]),
                    _ => format!("boundary*00={t}"),
                };
                w(text, None, &[&t])
            }
            16 => {
                // Segments win over a plain value, whatever the order.
                let parts = self.pieces(&t);
                let mut params: Vec<String> = parts
                    .iter()
                    .enumerate()
                    .map(|(i, p)| format!("boundary*{i}={p}"))
                    .collect();
                params.push("boundary=plain".to_string());
                let text = self.shuffled(params);
                w(text, Some(&t), &["plain"])
            }
            17 | 18 => w(String::new(), None, &[]),
            19 => w("boundary=\"\"".to_string(), Some(""), &["x"]),
            20 => {
                // The last of several values wins.
                let (text, old) = match self.rng.below(4) {
                    0 => (format!("boundary=old; boundary={t}"), "old"),
                    1 => (format!("boundary*=us-ascii''old; BOUNDARY={t}"), "old"),
                    2 => (format!("Boundary=old; boundary*=us-ascii''{t}"), "old"),
                    _ => (format!("BOUNDARY={t}"), "x"),
                };
                w(text, Some(&t), &[old])
            }
            _ => {
                let bad = match self.rng.below(5) {
                    0 => format!("boundary={t} x"),
                    1 => format!("boundary=\"{t}"),
                    2 => format!("boundary={t}=x"),
                    3 => format!("boundary*=us-ascii''{t} x"),
                    _ => format!("boundary*=us-ascii''a%zz{t}"),
                };
                let boundary = bad
                    .strip_prefix("boundary*=us-ascii''a%zz")
                    .map(|t| format!("a%zz{t}"));
                Written {
                    text: bad,
                    boundary,
                    decoys: vec![t],
                }
            }
        }
    }

    /// A Content-Type value for a multipart, and the boundary its body should use (`None`: a
    /// line starting with `--` of the body's choice).
    fn multipart_type(&mut self) -> (String, Option<String>) {
        let p = self.boundary_param();
        let subtype = *self.rng.pick(&["mixed", "alternative", "related", "MIXED"]);
        let text = match (p.text.is_empty(), self.rng.below(3)) {
            (true, _) => format!(" multipart/{subtype}"),
            (false, 0) => {
                let nl = self.nl();
                format!(" multipart/{subtype};{nl}\t{}", p.text)
            }
            (false, _) => format!(" multipart/{subtype}; {}", p.text),
        };
        let used = match (&p.boundary, self.rng.chance(15)) {
            (Some(b), false) => Some(b.clone()),
            _ if !p.decoys.is_empty() => Some(self.rng.pick(&p.decoys).clone()),
            _ => None,
        };
        (text, used)
    }

    /// A part: its header section, blank line and body.
    fn part(&mut self, depth: usize, out: &mut Vec<u8>) {
        let nl = self.nl();
        let kind = if depth >= 3 {
            self.rng.below(5)
        } else {
            self.rng.below(9)
        };
        match kind {
            0 | 1 => {
                out.extend_from_slice(
                    format!("Content-Type: text/plain{nl}{nl}hello{nl}").as_bytes(),
                );
            }
            2 => out.extend_from_slice(format!("{nl}no headers{nl}").as_bytes()),
            3 if self.rng.chance(30) => {
                // No body: before an outer boundary line, the blank line is that line's.
                out.extend_from_slice(format!("Content-Type: text{nl}{nl}").as_bytes())
            }
            3 => out.extend_from_slice(format!("Content-Type: text{nl}{nl}poison{nl}").as_bytes()),
            4 => {
                // No blank line: the header section runs on.
                out.extend_from_slice(
                    format!("Content-Type: text/html{nl}X-Note: y{nl}").as_bytes(),
                )
            }
            5 | 6 => {
                let (ct, used) = self.multipart_type();
                out.extend_from_slice(format!("Content-Type:{ct}{nl}{nl}").as_bytes());
                self.multipart_body(used, depth + 1, out);
            }
            7 => {
                let (ct, used) = self.multipart_type();
                out.extend_from_slice(
                    format!("Content-Type: message/rfc822{nl}{nl}Subject: inner{nl}Content-Type:{ct}{nl}{nl}")
                        .as_bytes(),
                );
                self.multipart_body(used, depth + 1, out);
            }
            _ => out.extend_from_slice(format!("Content-Type: text/plain{nl}{nl}").as_bytes()),
        }
    }

    fn line(&mut self, text: &str, out: &mut Vec<u8>) {
        out.extend_from_slice(text.as_bytes());
        out.extend_from_slice(self.nl().as_bytes());
    }

    fn multipart_body(&mut self, used: Option<String>, depth: usize, out: &mut Vec<u8>) {
        let d = used.unwrap_or_else(|| self.token());
        match self.rng.below(8) {
            0 => self.line("This is a multi-part message in MIME format.", out),
            1 => self.line("", out),
            2 => {
                // Taken for the boundary when there is no boundary parameter.
                let decoy = format!("--{}", self.token());
                self.line(&decoy, out)
            }
            3 => {
                self.line("Content-Type: text", out);
                self.line("", out)
            }
            4 => self.line("- -not a boundary", out),
            _ => {}
        }
        let ws = *self.rng.pick(&["", "", "", " ", "\t", " \t "]);
        match self.rng.below(20) {
            0 => self.line(&format!("--{d} junk"), out),
            1 => self.line(&format!("--{d}--"), out),
            2 => {}
            _ => self.line(&format!("--{d}{ws}"), out),
        }
        let parts = 1 + self.rng.below(3);
        for i in 0..parts {
            if i > 0 {
                match self.rng.below(14) {
                    0 => self.line(&format!("--{d}x"), out),
                    1 => self.line(&format!("--{d} x"), out),
                    2 => self.line(&format!("--{d}-- junk"), out),
                    3 => self.line(&format!("--{d}-"), out),
                    4 => self.line(&format!("--{d}---"), out),
                    _ => {}
                }
                let ws = *self.rng.pick(&["", "", "", " ", "\t"]);
                self.line(&format!("--{d}{ws}"), out);
            }
            self.part(depth, out);
        }
        match self.rng.below(10) {
            0 => {}
            1 => self.line(&format!("--{d}-- junk"), out),
            _ => {
                let ws = *self.rng.pick(&["", "", " ", "\t"]);
                self.line(&format!("--{d}--{ws}"), out)
            }
        }
        match self.rng.below(6) {
            0 => self.line("epilogue", out),
            1 => {
                self.line(&format!("--{d}"), out);
                self.line("Content-Type: text", out);
                self.line("", out);
            }
            _ => {}
        }
    }

    fn message(&mut self) -> Vec<u8> {
        self.nl = if self.rng.chance(30) { "\n" } else { "\r\n" };
        self.mixed = self.rng.chance(5);
        let mut out = Vec::new();
        for header in [
            "From: sender@example.com",
            "To: someone@example.com",
            "Subject: test",
            "MIME-Version: 1.0",
        ] {
            self.line(header, &mut out);
        }
        let (ct, used) = self.multipart_type();
        self.line(&format!("Content-Type:{ct}"), &mut out);
        self.line("", &mut out);
        self.multipart_body(used, 1, &mut out);
        out
    }
}

/// The two corpus files this test was written for, in short: a quoted boundary folded over two
/// lines (mail-parser's `thirdparty/012.eml`) and an RFC 2231 boundary (CPython's `msg_33.txt`).
fn fixed() -> Vec<Vec<u8>> {
    vec![
        b"From: a@example.com\r\nContent-Type: multipart/mixed; boundary=\"foo\r\n bar\"\r\n\r\n\
          --foo bar\r\nContent-Type: text/plain\r\n\r\nx\r\n--foo bar--\r\n"
            .to_vec(),
        b"From: a@example.com\nContent-Type: multipart/mixed;\n\
          \tboundary*=\"ansi-x3.4-1968''EeQfGwPcQSOJBaQU\"\n\n--EeQfGwPcQSOJBaQU\n\
          Content-Type: text/plain\n\nx\n--EeQfGwPcQSOJBaQU--\n"
            .to_vec(),
        b"From: a@example.com\r\nContent-Type: multipart/mixed\r\n\r\npreamble\r\n--abc\r\n\
          Content-Type: text/plain\r\n\r\nx\r\n--abc--\r\n"
            .to_vec(),
    ]
}

fn escape(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .replace('\r', "\\r")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
}

#[test]
fn classes_agree_with_javamail() {
    let Some(jar) = common::javamail_jar_or_skip("mime_oracle") else {
        return;
    };
    let mut gen = Gen {
        rng: Rng(0x5E5_C0DE_2046_2231),
        nl: "\r\n",
        mixed: false,
    };
    let mut messages = fixed();
    while messages.len() < MESSAGES {
        messages.push(gen.message());
    }
    let answers = oracle(&jar, &messages);
    // Per JavaMail class: (agreed, disagreed).
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut disagreements = Vec::new();
    for (message, (theirs, text)) in messages.iter().zip(&answers) {
        assert_ne!(
            theirs,
            "CRASH",
            "JavaMail crashed on {}: {text}",
            escape(message)
        );
        let (class, words) = ours(message);
        let slot = counts.entry(theirs.clone()).or_default();
        if &class == theirs {
            slot.0 += 1;
        } else {
            slot.1 += 1;
            disagreements.push(format!(
                "JavaMail {theirs} ({text}), crate {class} ({words}): {}",
                escape(message)
            ));
        }
    }
    for (class, (agreed, disagreed)) in &counts {
        eprintln!("mime_oracle: {class}: {agreed} agree, {disagreed} disagree");
    }
    for d in disagreements.iter().take(20) {
        eprintln!("DISAGREE {d}");
    }
    assert!(
        disagreements.is_empty(),
        "{} of {} messages are classed differently from JavaMail",
        disagreements.len(),
        messages.len()
    );
}
