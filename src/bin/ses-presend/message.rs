//! `ses-presend message`: SES's answer to raw messages (`.eml` files) sent with SendRawEmail,
//! v2 Raw content or SMTP.

use crate::address::{push_certainty, push_escaped};
use crate::{Failure, Outcome};
use ses_presend::{form, render, report_raw, Api, Context, RawOptions, Report};
use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

/// The arguments of `ses-presend message`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The interface the message is sent through.
    #[arg(long, value_parser = message_api(), default_value_t = Api::V1)]
    api: Api,

    /// The envelope sender (`Source`, `FromEmailAddress`, `MAIL FROM`); with it, the message
    /// needs no From header.
    #[arg(long, value_name = "ADDR")]
    source: Option<String>,

    /// An envelope recipient (`Destinations`, `RCPT TO`); may be repeated. With any, the
    /// message needs no To header.
    #[arg(long = "destination", value_name = "ADDR")]
    destinations: Vec<String>,

    /// How to write the answers.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// Count advisories (what SES accepts but should not be sent) as rejections.
    #[arg(long)]
    strict: bool,

    /// Which answers may reject: `documented` makes every error whose answer the project
    /// decided (a `DECISIONS` row) an advisory.
    #[arg(long, value_enum, default_value_t = crate::Trust::Decided, conflicts_with = "strict")]
    trust: crate::Trust,

    /// A TOML file of what is known about the account (region, sandbox, verified identities,
    /// configuration sets, sending state); see the README. Without it, account checks are
    /// skipped.
    #[arg(long, value_name = "FILE")]
    account: Option<OsString>,

    /// The messages to check, or `-` for standard input.
    #[arg(value_name = "FILE.eml", required = true)]
    files: Vec<OsString>,
}

/// `--api`: every [`Api`], as the interface a raw message goes through.
fn message_api() -> impl clap::builder::TypedValueParser<Value = Api> {
    use clap::builder::PossibleValue;
    crate::api_parser([
        PossibleValue::new("v1").help("v1 `SendRawEmail` (10485760 bytes at most)"),
        PossibleValue::new("v2").help("v2 `SendEmail` with Raw content (40 MiB)"),
        PossibleValue::new("smtp").help("The SMTP interface's `DATA` (40 MiB)"),
    ])
}

/// How the answers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// `FILE: OK` or `FILE: <code>: <message>`, then one indented line per problem found.
    Text,
    /// JSON Lines: one object per file with `file`, `ok`, `code`, `message`, `errors` and
    /// `advisories`.
    Json,
    /// The v1 XML error envelope (`OK` when accepted); each answer after a `<!-- FILE -->`
    /// line when several files are checked.
    Xml,
    /// The SMTP reply line (`250 Ok` when accepted); `FILE: ` before it when several files
    /// are checked.
    Smtp,
}

/// Reads a file whole, or standard input for `-`.
fn read(path: &OsString) -> Result<Vec<u8>, Failure> {
    if path == "-" {
        let mut raw = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut raw)
            .map_err(Failure::reading)?;
        return Ok(raw);
    }
    std::fs::read(Path::new(path)).map_err(|e| Failure {
        doing: "reading a message",
        error: io::Error::new(e.kind(), format!("{}: {e}", Path::new(path).display())),
    })
}

/// Checks each file and writes its answer.
pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    let api = args.api;
    let mut options =
        RawOptions::new(api).destinations(args.destinations.iter().map(String::as_str));
    if let Some(source) = &args.source {
        options = options.source(source);
    }
    let account = args
        .account
        .as_ref()
        .map(crate::request::load_account)
        .transpose()?;
    if let Some(account) = &account {
        options = options.context(Context::new().with_account(account));
    }
    let strictness = crate::strictness(args.strict, args.trust);
    let several = args.files.len() > 1;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut all_accepted = true;
    let mut text = String::new();
    for path in &args.files {
        let raw = read(path)?;
        let name = match path == "-" {
            true => "-".to_string(),
            false => Path::new(path).display().to_string(),
        };
        text.clear();
        if args.format == Format::Json {
            // The form module's answer, after the file's name.
            let check = form::message(&raw, &options, strictness);
            all_accepted &= check.ok;
            let line = JsonLine { file: &name, check };
            text = serde_json::to_string(&line).expect("the answer always serializes");
            text.push('\n');
            out.write_all(text.as_bytes()).map_err(Failure::writing)?;
            continue;
        }
        let report = report_raw(&raw, &options).under(strictness);
        all_accepted &= report.passes(strictness);
        match args.format {
            Format::Text | Format::Json => text_answer(&mut text, &name, &report, api),
            Format::Xml => {
                if several {
                    let _ = writeln!(text, "<!-- {} -->", name.replace("--", "- -"));
                }
                match report.first_error() {
                    Some(err) => text.push_str(&render::v1_xml(err, &render::request_id())),
                    None => text.push_str("OK\n"),
                }
            }
            Format::Smtp => {
                if several {
                    push_escaped(&mut text, &name);
                    text.push_str(": ");
                }
                let first = report.errors.iter().find(|f| f.error.is_some());
                match first.and_then(|f| Some((f.error.as_ref()?, &f.field))) {
                    Some((err, field)) => {
                        text.push_str(&render::smtp_reply_to(err, options.smtp_command(field)))
                    }
                    None => text.push_str("250 Ok"),
                }
                text.push('\n');
            }
        }
        out.write_all(text.as_bytes()).map_err(Failure::writing)?;
    }
    out.flush().map_err(Failure::writing)?;
    Ok(match all_accepted {
        true => Outcome::Accepted,
        false => Outcome::Rejected,
    })
}

/// `FILE: OK` or `FILE: <code>: <message> [certainty]`, then the report's lines
/// ([`push_report`]).
fn text_answer(out: &mut String, name: &str, report: &Report, api: Api) {
    push_escaped(out, name);
    out.push_str(": ");
    push_report(out, report, api);
}

/// `OK` or `<code>: <message> [certainty]`, then `  error <field> (<reason>): <message>
/// [certainty]` for each error and `  advice <field> (<reason>): <message> [certainty]` for
/// each advisory; shared by `message` and `request`.
pub(crate) fn push_report(out: &mut String, report: &Report, api: Api) {
    match report.errors.iter().find(|f| f.error.is_some()) {
        Some(first) => {
            let err = first.error.as_ref().expect("found by its error");
            out.push_str(err.code.name_on(api));
            out.push_str(": ");
            push_escaped(out, &err.message);
            push_certainty(out, first.certainty, first.decision);
        }
        None => out.push_str("OK"),
    }
    out.push('\n');
    let lines = report
        .errors
        .iter()
        .map(|f| ("error", f))
        .chain(report.advisories.iter().map(|f| ("advice", f)));
    for (kind, finding) in lines {
        out.push_str("  ");
        out.push_str(kind);
        out.push(' ');
        push_escaped(out, &finding.field);
        out.push_str(" (");
        out.push_str(finding.reason.as_str());
        out.push_str("): ");
        push_escaped(out, &finding.message);
        if let Some(fix) = &finding.fix {
            out.push_str(" (fix: ");
            push_escaped(out, fix);
            out.push(')');
        }
        push_certainty(out, finding.certainty, finding.decision);
        out.push('\n');
    }
}

/// One line of JSON: `{"file":…}` then the form module's answer for the message
/// (`ok`, `code`, `message`, `errors`, `advisories`).
#[derive(serde::Serialize)]
struct JsonLine<'a> {
    file: &'a str,
    #[serde(flatten)]
    check: form::MessageCheck,
}
