//! `ses-presend address`: SES's verdict on each address, streamed in input order.

mod json;

use crate::{Failure, Format, Outcome};
use ses_presend::form::{self, Check};
use ses_presend::report::Certainty;
use ses_presend::{Api, Strictness};
use std::borrow::Cow;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read as _, Write};
use std::sync::{mpsc, Mutex};

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

    /// Also advise on addresses whose mail cannot arrive: special-use domains (`localhost`,
    /// `.test`, …) and, asking DNS, domains that do not exist or take no mail.
    #[arg(long)]
    deliverability: bool,

    /// The DNS server `--deliverability` asks (`ADDR:PORT`); default: the system's resolvers.
    #[arg(long, value_name = "ADDR:PORT", requires = "deliverability")]
    dns_server: Option<std::net::SocketAddr>,
}

/// The size of the input and output buffers.
const BUFFER: usize = 64 * 1024;

/// A line buffer that grew past this is given back after its line, so that one huge line
/// does not keep its memory for the rest of the run.
const KEEP_LINE_CAPACITY: usize = 1 << 20;

/// The input one worker checks at a time: this much, cut after a line end (more only for a
/// line longer than this).
const BATCH: usize = 64 * 1024;

/// How many batches may be read ahead per worker: memory stays within a few batches of input
/// and output whatever the size of the input.
const AHEAD_PER_WORKER: usize = 2;

/// How an address's line is written.
#[derive(Debug, Clone, Copy)]
struct Settings {
    api: Api,
    format: Format,
    strictness: Strictness,
}

/// Checks the addresses of the command line, or every line of standard input.
pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    if args.deliverability {
        deliverability::start(args.dns_server)?;
    }
    let settings = Settings {
        api: args.api,
        format: args.format,
        strictness: crate::strictness(args.strict, args.trust),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(BUFFER, stdout.lock());
    let all_accepted = if !args.addresses.is_empty() {
        let mut report = Verdicts::new(&mut out, settings);
        deliverability::prefetch(args.addresses.iter().map(|a| a.to_string_lossy()));
        for address in &args.addresses {
            let text = address.to_string_lossy();
            let read_as_is = matches!(text, Cow::Borrowed(_));
            report.check(&text, read_as_is).map_err(Failure::writing)?;
        }
        report.all_accepted
    } else {
        let stdin = io::stdin();
        let workers = std::thread::available_parallelism().map_or(1, usize::from);
        // Someone typing addresses wants each answer at once, not when a batch is full.
        if stdin.is_terminal() || workers < 2 {
            line_by_line(stdin.lock(), &mut out, settings, stdin.is_terminal())?
        } else {
            in_batches(stdin.lock(), &mut out, settings, workers)?
        }
    };
    out.flush().map_err(Failure::writing)?;
    Ok(if all_accepted {
        Outcome::Accepted
    } else {
        Outcome::Rejected
    })
}

/// Checks each line of `input` in turn, flushing after each when `interactive`.
fn line_by_line(
    input: impl io::Read,
    out: &mut impl Write,
    settings: Settings,
    interactive: bool,
) -> Result<bool, Failure> {
    let mut report = Verdicts::new(out, settings);
    let mut input = BufReader::with_capacity(BUFFER, input);
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
        report.check_line(&buf).map_err(Failure::writing)?;
        if interactive {
            report.out.flush().map_err(Failure::writing)?;
        }
        if buf.capacity() > KEEP_LINE_CAPACITY {
            buf = Vec::with_capacity(256);
        }
    }
    Ok(report.all_accepted)
}

/// Checks `input` on `workers` threads, a batch of lines at a time, and writes the batches'
/// lines in input order; at most [`AHEAD_PER_WORKER`] batches per worker are in flight.
fn in_batches(
    mut input: impl io::Read,
    out: &mut impl Write,
    settings: Settings,
    workers: usize,
) -> Result<bool, Failure> {
    let (work, jobs) = mpsc::sync_channel::<(usize, Vec<u8>)>(workers);
    let jobs = Mutex::new(jobs);
    let (done, results) = mpsc::channel::<(usize, Vec<u8>, bool)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (jobs, done) = (&jobs, done.clone());
            scope.spawn(move || {
                let mut verdicts = Verdicts::new(Vec::new(), settings);
                // The lock is held only to take a job; a closed channel ends the worker.
                while let Ok((seq, batch)) = jobs.lock().map_or(Err(mpsc::RecvError), |j| j.recv())
                {
                    verdicts.out = Vec::with_capacity(batch.len() * 3);
                    verdicts.all_accepted = true;
                    deliverability::prefetch_lines(&batch);
                    let mut start = 0;
                    for end in memchr::memchr_iter(b'\n', &batch) {
                        // Writing to a Vec does not fail.
                        let _ = verdicts.check_line(&batch[start..=end]);
                        start = end + 1;
                    }
                    if start < batch.len() {
                        let _ = verdicts.check_line(&batch[start..]);
                    }
                    let out = std::mem::take(&mut verdicts.out);
                    if done.send((seq, out, verdicts.all_accepted)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done);
        let mut reader = Batches {
            carry: Vec::new(),
            ended: false,
        };
        let (mut sent, mut written, mut all_accepted) = (0usize, 0usize, true);
        let mut finished = std::collections::BTreeMap::new();
        // After a failure nothing more is read; the batches in flight finish, then it is reported.
        let mut failure = None;
        loop {
            while failure.is_none() && sent - written < workers * AHEAD_PER_WORKER {
                match reader.next(&mut input) {
                    Ok(Some(batch)) => {
                        // The workers live until this sender is dropped.
                        let _ = work.send((sent, batch));
                        sent += 1;
                    }
                    Ok(None) => break,
                    Err(e) => failure = Some(Failure::reading(e)),
                }
            }
            if sent == written {
                break;
            }
            let Ok((seq, lines, accepted)) = results.recv() else {
                break;
            };
            finished.insert(seq, (lines, accepted));
            while let Some((lines, accepted)) = finished.remove(&written) {
                all_accepted &= accepted;
                written += 1;
                if failure.is_none() {
                    if let Err(e) = out.write_all(&lines) {
                        failure = Some(Failure::writing(e));
                    }
                }
            }
        }
        drop(work);
        failure.map_or(Ok(all_accepted), Err)
    })
}

/// Standard input cut into batches of whole lines.
struct Batches {
    /// The start of a line the last batch cut off.
    carry: Vec<u8>,
    /// Whether the input has ended.
    ended: bool,
}

impl Batches {
    /// The next batch: the carried-over start of a line, then at least [`BATCH`] bytes more up
    /// to a line end (or to the end of the input); `None` at the end.
    fn next(&mut self, input: &mut impl io::Read) -> io::Result<Option<Vec<u8>>> {
        if self.ended {
            return Ok(None);
        }
        let mut batch = std::mem::take(&mut self.carry);
        batch.reserve(BATCH);
        loop {
            let start = batch.len();
            let read = input.by_ref().take(BATCH as u64).read_to_end(&mut batch)?;
            if read < BATCH {
                self.ended = true;
                return Ok((!batch.is_empty()).then_some(batch));
            }
            if let Some(end) = memchr::memrchr(b'\n', &batch[start..]) {
                self.carry = batch[start + end + 1..].to_vec();
                batch.truncate(start + end + 1);
                return Ok(Some(batch));
            }
        }
    }
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
    /// The JSON line being written, reused for every input.
    json: Vec<u8>,
    settings: Settings,
    all_accepted: bool,
}

impl<W: Write> Verdicts<W> {
    fn new(out: W, settings: Settings) -> Verdicts<W> {
        Verdicts {
            out,
            line: String::with_capacity(256),
            json: Vec::with_capacity(512),
            settings,
            all_accepted: true,
        }
    }

    /// Checks one line of input, with or without its terminator.
    fn check_line(&mut self, line: &[u8]) -> io::Result<()> {
        let line = without_terminator(line);
        // UTF-8 is checked at memory speed first; only other input is read lossily.
        match std::str::from_utf8(line) {
            Ok(text) => self.check(text, true),
            Err(_) => self.check(&String::from_utf8_lossy(line), false),
        }
    }

    /// Checks one address and writes its line. `read_as_is` is false for input that was not
    /// UTF-8, read with U+FFFD in place of its bad bytes: every fix is the input written back,
    /// so it would lose them (a Latin-1 `Jos\xE9` would become `Jos\u{FFFD}`); none is offered.
    fn check(&mut self, input: &str, read_as_is: bool) -> io::Result<()> {
        let Settings {
            api,
            format,
            strictness,
        } = self.settings;
        // The form module's answer is the JSON line itself, so the two cannot drift.
        let mut check = match deliverability::options() {
            Some(options) => form::address_with(input, api, strictness, options),
            None => form::address(input, api, strictness),
        };
        if !read_as_is {
            check.fix = None;
        }
        self.all_accepted &= check.ok;
        match format {
            Format::Text => {
                self.line.clear();
                text_line(&mut self.line, &check);
                self.out.write_all(self.line.as_bytes())
            }
            Format::Json => {
                self.json.clear();
                json::push_check(&mut self.json, &check);
                self.json.push(b'\n');
                self.out.write_all(&self.json)
            }
        }
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

/// `--deliverability`: its options, set once before any address is checked, and the DNS
/// lookups of a batch made together before its lines are checked.
mod deliverability {
    use crate::Failure;
    use ses_presend::address::dns::{DnsOptions, Resolver};
    use ses_presend::address::{parse_address, Deliverability};
    use std::sync::OnceLock;

    static OPTIONS: OnceLock<Deliverability> = OnceLock::new();

    /// Turns deliverability on, asking `server` or the system's resolvers.
    pub(super) fn start(server: Option<std::net::SocketAddr>) -> Result<(), Failure> {
        let options = server.map_or_else(DnsOptions::default, DnsOptions::server);
        let resolver = Resolver::new(&options).map_err(|error| Failure {
            doing: "setting up the DNS resolver",
            error,
        })?;
        let _ = OPTIONS.set(Deliverability::with_dns(resolver));
        Ok(())
    }

    /// The options, when `--deliverability` was given.
    pub(super) fn options() -> Option<&'static Deliverability> {
        OPTIONS.get()
    }

    /// Looks up the domains of `inputs` at once, so that their checks find them cached.
    pub(super) fn prefetch<S: AsRef<str>>(inputs: impl Iterator<Item = S>) {
        let Some(resolver) = OPTIONS.get().and_then(|o| o.dns.as_ref()) else {
            return;
        };
        let inputs: Vec<S> = inputs.collect();
        let mut domains = Vec::with_capacity(inputs.len());
        for input in &inputs {
            if let Ok(address) = parse_address(input.as_ref()) {
                domains.extend(address.mailboxes().filter_map(|m| m.domain));
            }
        }
        resolver.prefetch(domains.into_iter().filter(|d| {
            d.is_ascii()
                && !d.contains('[')
                && ses_presend::address::special_use_domain(d).is_none()
        }));
    }

    /// [`prefetch`] for a batch of input lines.
    pub(super) fn prefetch_lines(batch: &[u8]) {
        if OPTIONS.get().is_none() {
            return;
        }
        let lines = batch
            .split(|&c| c == b'\n')
            .map(|line| String::from_utf8_lossy(line.strip_suffix(b"\r").unwrap_or(line)));
        prefetch(lines);
    }
}
