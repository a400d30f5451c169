//! Readers for the public corpora in `tests/data` (see `tests/data/README.md` for their
//! sources), and what several tests share.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A temporary file that is removed when dropped. Its name ends in `name`, after the process
/// id and a counter, so that tests running at once never share one.
pub struct TempFile(PathBuf);

impl TempFile {
    pub fn new(name: &str, bytes: impl AsRef<[u8]>) -> TempFile {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "ses-presend-{}-{}-{name}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, bytes).expect("the temporary file is written");
        TempFile(path)
    }

    /// The file's path, as text for a command line.
    pub fn path(&self) -> &str {
        self.0
            .to_str()
            .expect("the temporary directory's path is UTF-8")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

pub mod query_cases;

/// For a test whose outside tool is missing: prints one `SKIP` line, or fails when the
/// environment variable `CI` is set (CI installs every tool, so a skip there hides a loss).
pub fn skip_unless_ci(test: &str, why: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{test}: {why}; CI is set, so the test fails instead of skipping"
    );
    // Straight to the process's standard error: the harness captures `eprintln!` of a passing
    // test, and a skip must show in a plain `cargo test` run.
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        format!("SKIP {test}: {why}\n").as_bytes(),
    );
}

/// One line on the process's standard error that a plain `cargo test` run shows (the harness
/// captures `eprintln!` of a passing test), for what a test leaves out without failing.
pub fn notice(text: &str) {
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        format!("NOTICE {text}\n").as_bytes(),
    );
}

/// Debian's JavaMail 1.6.5 jar (`SES_PRESEND_JAVAMAIL_JAR` to point elsewhere), or `None`
/// after the skip line (a failure under CI) when java or the jar is missing.
pub fn javamail_jar_or_skip(test: &str) -> Option<PathBuf> {
    let jar = std::env::var_os("SES_PRESEND_JAVAMAIL_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/java/javax.mail.jar"));
    let java = std::process::Command::new("java").arg("-version").output();
    if jar.is_file() && java.is_ok_and(|o| o.status.success()) {
        return Some(jar);
    }
    skip_unless_ci(
        test,
        "java or the JavaMail jar is missing (apt-get install -y libmail-java)",
    );
    None
}

/// Runs the single-file Java program `tests/oracle/<source>` against `jar`, feeding it `input`
/// on standard input; its standard output.
pub fn run_java_oracle(jar: &std::path::Path, source: &str, input: String) -> String {
    use std::process::{Command, Stdio};
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/oracle")
        .join(source);
    let mut child = Command::new("java")
        .arg("-cp")
        .arg(jar)
        .arg(source)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start java");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let writer =
        std::thread::spawn(move || std::io::Write::write_all(&mut stdin, input.as_bytes()));
    let out = child.wait_with_output().expect("the oracle ends");
    writer
        .join()
        .expect("the writer ends")
        .expect("the oracle reads its input");
    assert!(out.status.success(), "the oracle failed");
    String::from_utf8(out.stdout).expect("the oracle writes UTF-8")
}

pub fn data_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// The `<address>` elements of Dominic Sayers' isemail suite. Control characters are written
/// there as U+2400 + n; they are turned back into the characters they stand for.
pub fn isemail_addresses() -> Vec<String> {
    let xml = std::fs::read_to_string(data_path("isemail-tests.xml")).unwrap();
    let mut out = Vec::new();
    let mut rest = xml.as_str();
    while let Some(at) = rest.find("<address") {
        rest = &rest[at + "<address".len()..];
        if rest.starts_with("/>") {
            out.push(String::new());
            continue;
        }
        let body_start = rest.find('>').unwrap() + 1;
        let body_end = rest.find("</address>").unwrap();
        out.push(unescape_xml(&rest[body_start..body_end]));
        rest = &rest[body_end..];
    }
    out
}

fn unescape_xml(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let semi = amp + rest[amp..].find(';').unwrap();
        let entity = &rest[amp + 1..semi];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let hex = entity.strip_prefix("#x").unwrap();
                char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap()
            }
        };
        out.push(c);
        rest = &rest[semi + 1..];
    }
    out.push_str(rest);
    out.chars()
        .map(|c| match c as u32 {
            n @ 0x2400..=0x241F => char::from_u32(n - 0x2400).unwrap(),
            _ => c,
        })
        .collect()
}

/// The `To:` lines of JavaMail's address test list (read as Latin-1 where not UTF-8).
pub fn javamail_to_lines() -> Vec<String> {
    let bytes = std::fs::read(data_path("javamail-addrlist.txt")).unwrap();
    bytes
        .split(|&b| b == b'\n')
        .filter_map(|line| line.strip_prefix(b"To: "))
        .map(|line| match std::str::from_utf8(line) {
            Ok(s) => s.to_string(),
            Err(_) => line.iter().map(|&b| b as char).collect(),
        })
        .collect()
}

/// The inputs of python-email-validator's test cases. A row whose input holds a lone UTF-16
/// surrogate (not a Rust string, and never a valid SES parameter) is left out.
pub fn email_validator_inputs() -> Vec<String> {
    let text = std::fs::read_to_string(data_path("python-email-validator-cases.jsonl")).unwrap();
    text.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .map(|row| {
            let input = row.get("email_input").or_else(|| row.get("s")).unwrap();
            input.as_str().unwrap().to_string()
        })
        .collect()
}

/// Rows of the labelled SES verdict corpus: (source, input, verdict).
pub fn ses_verdict_rows() -> Vec<(String, String, String)> {
    let data = std::fs::read_to_string(data_path("ses-address-verdicts.tsv")).unwrap();
    data.split('\n')
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let mut cols = line.splitn(3, '\t');
            let mut next = || cols.next().unwrap().to_string();
            (next(), next(), next())
        })
        .collect()
}

/// Runs `ses-presend` with `args`, feeding `stdin` from a thread whose write error is ignored
/// (the tool may exit before it reads its input, and a large input must not dead-lock against
/// a full output pipe).
#[cfg(feature = "cli")]
pub fn run_tool(args: &[&str], stdin: &[u8]) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_ses-presend"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the ses-presend binary runs");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().expect("ses-presend finishes");
    writer.join().expect("the writer thread ends");
    output
}

/// Undoes the escapes of the case tables: `\t`, `\r`, `\n`, `\\` and `\u{HEX}`.
pub fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('n') => out.push('\n'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
            }
            other => panic!("bad escape \\{other:?} in {text:?}"),
        }
    }
    out
}

/// The reasons of the encoded-word advisories we raise for `name`, in order
/// (`encoded_words.rs`, `encoded_word_rules.rs`).
pub fn word_reasons(name: &str) -> Vec<&'static str> {
    ses_presend::address::report_friendly_name(name)
        .advisories
        .iter()
        .map(|f| f.reason.as_str())
        .filter(|r| r.starts_with("encoded-word-"))
        .collect()
}

/// The header an input is decoded in by mail-parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Context {
    /// `Subject: <input>` (unstructured text).
    Subject,
    /// `From: <input> <a@example.com>`, the display name (a phrase).
    DisplayName,
}

/// What mail-parser decodes `input` to, written in the header `context` names.
pub fn mail_parser_decode(input: &str, context: Context) -> Option<String> {
    let raw = match context {
        Context::Subject => format!("Subject: {input}\r\n\r\n"),
        Context::DisplayName => format!("From: {input} <a@example.com>\r\n\r\n"),
    };
    let message = mail_parser::MessageParser::new().parse_headers(raw.as_bytes())?;
    match context {
        Context::Subject => message.subject().map(str::to_string),
        Context::DisplayName => message.from()?.first()?.name().map(str::to_string),
    }
}
