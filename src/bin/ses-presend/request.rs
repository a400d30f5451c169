//! `ses-presend request`: SES's answer to a SendEmail, SendTemplatedEmail or v2 SendEmail
//! request, read as the JSON the AWS CLI's `--cli-input-json` takes.

use crate::{Failure, Outcome};
use ses_presend::account::SendQuota;
use ses_presend::request::{Request, RequestKind};
use ses_presend::{form, render, Account, Api, Context, Report};
use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::path::Path;

/// The arguments of `ses-presend request`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The API the request is for: v1 (`aws ses`) or v2 (`aws sesv2`).
    #[arg(long, value_parser = crate::api_v1_or_v2(), default_value_t = Api::V1)]
    api: Api,

    /// The operation (v2 has only send-email; its Template content is the templated send).
    #[arg(long, value_enum, default_value_t = Operation::SendEmail)]
    operation: Operation,

    /// A TOML file of what is known about the account (region, sandbox, verified identities,
    /// configuration sets, sending state, quotas). Without it, account checks are skipped.
    #[arg(long, value_name = "FILE")]
    account: Option<OsString>,

    /// How to write the answer.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// Which answers may reject: `documented` makes every error whose answer the project
    /// decided (a `DECISIONS` row) an advisory.
    #[arg(long, value_enum, default_value_t = crate::Trust::Decided)]
    trust: crate::Trust,

    /// The request's JSON (as for `--cli-input-json`), or `-` for standard input.
    #[arg(value_name = "FILE.json")]
    file: OsString,
}

/// The operation of a v1 request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Operation {
    /// `send-email`.
    SendEmail,
    /// `send-templated-email` (v1 only).
    SendTemplatedEmail,
}

/// How the answer is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// `OK`, or `<code>: <message>` as SES words it; then one line per problem found.
    Text,
    /// The whole report as one JSON document.
    Json,
    /// The v1 XML error envelope (`OK` when accepted).
    Xml,
    /// The SMTP reply line (`250 Ok` when accepted).
    Smtp,
}

/// Reads a file, or standard input for `-`.
fn read_input(path: &OsString, doing: &'static str) -> Result<String, Failure> {
    let failure = |error| Failure { doing, error };
    if path == "-" {
        let mut text = String::new();
        io::stdin()
            .lock()
            .read_to_string(&mut text)
            .map_err(failure)?;
        Ok(text)
    } else {
        std::fs::read_to_string(Path::new(path)).map_err(|e| {
            failure(io::Error::new(
                e.kind(),
                format!("{}: {e}", Path::new(path).display()),
            ))
        })
    }
}

/// Reads the account file given with `--account` (TOML; `-` for standard input).
pub(crate) fn load_account(path: &OsString) -> Result<Account, Failure> {
    let text = read_input(path, "reading the account file")?;
    Account::from_toml(&text)
        .map_err(|e| invalid_data("reading the account file", path, e.to_string()))
}

fn invalid_data(doing: &'static str, path: &OsString, message: String) -> Failure {
    Failure {
        doing,
        error: io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: {message}", Path::new(path).display()),
        ),
    }
}

/// The fields only the other API has, for a hint when one is used on the wrong API.
const V2_ONLY: &[&str] = &["FromEmailAddress", "Content", "EmailTags"];
const V1_ONLY: &[&str] = &["Source", "Message", "Tags", "Template"];

/// Checks the request and writes the answer.
pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    let kind = match (args.api, args.operation) {
        // `--api` is v1 or v2 (`api_v1_or_v2`).
        (Api::V1 | Api::Smtp, Operation::SendEmail) => RequestKind::SendEmail,
        (Api::V1 | Api::Smtp, Operation::SendTemplatedEmail) => RequestKind::SendTemplatedEmail,
        (Api::V2, Operation::SendEmail) => RequestKind::V2SendEmail,
        (Api::V2, Operation::SendTemplatedEmail) => {
            use clap::CommandFactory;
            crate::Cli::command()
                .error(
                    clap::error::ErrorKind::ArgumentConflict,
                    "v2 has no send-templated-email: use --operation send-email with Template \
                     content",
                )
                .exit()
        }
    };
    let account = args.account.as_ref().map(load_account).transpose()?;
    let quota = account
        .as_ref()
        .and_then(Account::limits)
        .map(SendQuota::new);
    let mut context = Context::new();
    if let Some(account) = &account {
        context = context.with_account(account);
    }
    if let Some(quota) = &quota {
        context = context.with_quota(quota);
    }
    let text = read_input(&args.file, "reading the request")?;
    let request = Request::from_json(kind, &text).map_err(|e| {
        let mut message = e.to_string();
        let other = match kind.api() {
            Api::V2 => V1_ONLY,
            _ => V2_ONLY,
        };
        // `Unknown parameter in input: "Name", must be one of: ...` for a top-level member.
        let unknown = e
            .message()
            .strip_prefix("Unknown parameter in input: \"")
            .and_then(|rest| rest.split_once('"'))
            .map(|(name, _)| name);
        if unknown.is_some_and(|name| other.contains(&name)) {
            message.push_str(match kind.api() {
                Api::V2 => " (a v1 request? try --api v1)",
                _ => " (a v2 request? try --api v2)",
            });
        }
        invalid_data("reading the request", &args.file, message)
    })?;
    let report = context
        .report_email(&request)
        .under(crate::strictness(false, args.trust));
    let api = kind.api();
    let outcome = match report.first_error() {
        Some(_) => Outcome::Rejected,
        None => Outcome::Accepted,
    };
    let out = match args.format {
        Format::Text => text_answer(&report, api),
        Format::Json => json_answer(report, kind),
        Format::Xml => match report.first_error() {
            Some(err) => render::v1_xml(err, &render::request_id()),
            None => "OK\n".to_string(),
        },
        // The reply SES's SMTP interface gives a message that breaks the same rule; `250 Ok`
        // on acceptance, as `message --format smtp` writes.
        Format::Smtp => match report.first_error() {
            Some(err) => format!("{}\n", render::smtp_reply(err)),
            None => "250 Ok\n".to_string(),
        },
    };
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(Failure::writing)?;
    Ok(outcome)
}

/// `OK` or `<code>: <message>`, then `  error <field> (<reason>): <message>` for every error and
/// `  advice <field> (<reason>): <message>` for every advisory, each on one line.
fn text_answer(report: &Report, api: Api) -> String {
    let mut out = String::new();
    crate::message::push_report(&mut out, report, api);
    out
}

/// The whole report as one JSON document: the form module's answer for a request.
fn json_answer(report: Report, kind: RequestKind) -> String {
    let answer = form::RequestCheck::new(report, kind);
    let mut out = serde_json::to_string_pretty(&answer).expect("the answer always serializes");
    out.push('\n');
    out
}
