//! `ses-presend address`: SES's verdict on each address, streamed in input order.

use crate::{Failure, Format, Outcome};
use ses_presend::form::{self, Check};
use ses_presend::report::Certainty;
use ses_presend::{Api, Strictness};
use std::borrow::Cow;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Write};

/// The arguments of `ses-presend address`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The API whose error names are reported.
    #[arg(long, value_parser = crate::api_v1_or_v2(), default_value_t = Api::V1)]
    api: Api,

    /// How to write the results.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// Count advisories (what SES accepts but will bounce or display wrongly) as rejections.
    #[arg(long)]
    strict: bool,

    /// Which answers may reject: `documented` makes every error whose answer the project
    /// decided (a `DECISIONS` row) an advisory.
    #[arg(long, value_enum, default_value_t = crate::Trust::Decided, conflicts_with = "strict")]
    trust: crate::Trust,

    /// Addresses to check; without any, standard input is read, one address per line. Put
    /// `--` before an address that starts with `-`.
    #[arg(value_name = "ADDRESS")]
    addresses: Vec<OsString>,
}

/// The size of the input and output buffers.
const BUFFER: usize = 64 * 1024;

/// A line buffer that grew past this is given back after its line, so that one huge line
/// does not keep its memory for the rest of the run.
const KEEP_LINE_CAPACITY: usize = 1 << 20;

/// Checks the addresses of the command line, or every line of standard input.
pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    let stdout = io::stdout();
    let mut report = Verdicts {
        out: BufWriter::with_capacity(BUFFER, stdout.lock()),
        line: String::with_capacity(256),
        api: args.api,
        format: args.format,
        strictness: crate::strictness(args.strict, args.trust),
        all_accepted: true,
    };
    if args.addresses.is_empty() {
        let stdin = io::stdin();
        // Someone typing addresses wants each answer at once, not when the buffer fills.
        let interactive = stdin.is_terminal();
        let mut input = BufReader::with_capacity(BUFFER, stdin.lock());
        let mut buf = Vec::with_capacity(256);
        loop {
            buf.clear();
            if input
                .read_until(b'\n', &mut buf)
                .map_err(Failure::reading)?
                == 0
            {
                break;
            }
            let line = without_terminator(&buf);
            let text = String::from_utf8_lossy(line);
            let read_as_is = matches!(text, Cow::Borrowed(_));
            report.check(&text, read_as_is)?;
            if interactive {
                report.out.flush().map_err(Failure::writing)?;
            }
            if buf.capacity() > KEEP_LINE_CAPACITY {
                buf = Vec::with_capacity(256);
            }
        }
    } else {
        for address in &args.addresses {
            let text = address.to_string_lossy();
            let read_as_is = matches!(text, Cow::Borrowed(_));
            report.check(&text, read_as_is)?;
        }
    }
    report.out.flush().map_err(Failure::writing)?;
    Ok(if report.all_accepted {
        Outcome::Accepted
    } else {
        Outcome::Rejected
    })
}

/// The line without its terminator, `\n` or `\r\n`; any other `\r` is kept.
fn without_terminator(line: &[u8]) -> &[u8] {
    match line {
        [rest @ .., b'\r', b'\n'] | [rest @ .., b'\n'] => rest,
        _ => line,
    }
}

/// Where verdicts are written, and whether all were acceptances so far.
struct Verdicts<W: Write> {
    out: W,
    /// The line being formatted, reused for every input.
    line: String,
    api: Api,
    format: Format,
    strictness: Strictness,
    all_accepted: bool,
}

impl<W: Write> Verdicts<W> {
    /// Checks one address and writes its line. `read_as_is` is false for input that was not
    /// UTF-8, read with U+FFFD in place of its bad bytes: every fix is the input written back,
    /// so it would lose them (a Latin-1 `Jos\xE9` would become `Jos\u{FFFD}`); none is offered.
    fn check(&mut self, input: &str, read_as_is: bool) -> Result<(), Failure> {
        // The form module's answer is the JSON line itself, so the two cannot drift.
        let mut check = form::address(input, self.api, self.strictness);
        if !read_as_is {
            check.fix = None;
        }
        self.all_accepted &= check.ok;
        match self.format {
            Format::Text => {
                self.line.clear();
                text_line(&mut self.line, &check);
                self.out.write_all(self.line.as_bytes())
            }
            Format::Json => serde_json::to_writer(&mut self.out, &check)
                .map_err(io::Error::from)
                .and_then(|()| self.out.write_all(b"\n")),
        }
        .map_err(Failure::writing)
    }
}

/// `OK<TAB>input` or `Code: message [certainty]<TAB>input` (an acceptance a decided rule let
/// pass is `OK [decided: id]`; one SES accepts but `--strict` fails for an advisory is
/// `Advisory: <the first advisory's message><TAB>input`), then `<TAB>advice: reason, …` and
/// `<TAB>fix: …` when there are any, and a newline.
fn text_line(out: &mut String, check: &Check<'_>) {
    match (check.code, &check.message) {
        (Some(code), Some(message)) => {
            out.push_str(code);
            out.push_str(": ");
            push_escaped(out, message);
            push_certainty(out, check.certainty, check.decision);
        }
        // SES accepts it, but --strict fails it for an advisory: not `OK`.
        _ if !check.ok => {
            out.push_str("Advisory: ");
            let first = check.advisories.first().map(|a| a.message.as_str());
            push_escaped(out, first.unwrap_or_default());
        }
        _ => {
            out.push_str("OK");
            if check.decision.is_some() {
                push_certainty(out, check.certainty, check.decision);
            }
        }
    }
    out.push('\t');
    push_escaped(out, check.input);
    for (i, advisory) in check.advisories.iter().enumerate() {
        out.push_str(if i == 0 { "\tadvice: " } else { ", " });
        out.push_str(advisory.reason);
    }
    if let Some(fix) = &check.fix {
        out.push_str("\tfix: ");
        push_escaped(out, fix);
    }
    out.push('\n');
}

/// The short certainty marker of a verdict: ` [seen]`, ` [documented]` or
/// ` [decided: <DECISIONS id>]`.
pub(crate) fn push_certainty(out: &mut String, certainty: Certainty, decision: Option<&str>) {
    out.push_str(match certainty {
        Certainty::Seen => " [seen",
        Certainty::Documented => " [documented",
        Certainty::Decided => " [decided",
    });
    if let Some(id) = decision {
        out.push_str(": ");
        out.push_str(id);
    }
    out.push(']');
}

/// Writes `text` with `\` and every character that could break or hide the line escaped:
/// `\\`, `\t`, `\n`, `\r`, and `\u{…}` for the other control characters and the Unicode line
/// and paragraph separators. Everything else, spaces and non-ASCII letters included, is kept.
pub(crate) fn push_escaped(out: &mut String, text: &str) {
    if text
        .bytes()
        .all(|b| (0x20..0x7F).contains(&b) && b != b'\\')
    {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminators() {
        let cases: &[(&[u8], &[u8])] = &[
            (b"a\n", b"a"),
            (b"a\r\n", b"a"),
            (b"a", b"a"),
            (b"a\r", b"a\r"),
            (b"a\r\r\n", b"a\r"),
            (b"a \t\n", b"a \t"),
            (b"\n", b""),
            (b"\r\n", b""),
            (b"", b""),
        ];
        for (line, expected) in cases {
            assert_eq!(without_terminator(line), *expected, "{line:?}");
        }
    }

    #[test]
    fn escaping() {
        let cases = [
            ("a@b.com", "a@b.com"),
            ("a b\tc", "a b\\tc"),
            ("\r\n", "\\r\\n"),
            ("a\\b", "a\\\\b"),
            ("\u{0}\u{7f}\u{85}", "\\u{0}\\u{7f}\\u{85}"),
            ("dån \u{2028}", "dån \\u{2028}"),
            ("\"Karen, Chan\"", "\"Karen, Chan\""),
        ];
        for (text, expected) in cases {
            let mut out = String::new();
            push_escaped(&mut out, text);
            assert_eq!(out, expected, "{text:?}");
        }
    }
}
