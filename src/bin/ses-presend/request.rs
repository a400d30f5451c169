//! `ses-presend request`: SES's answer to a SendEmail, SendTemplatedEmail, SendRawEmail, v2
//! SendEmail or bulk send (v1 SendBulkTemplatedEmail, v2 SendBulkEmail) request, read as the
//! JSON the AWS CLI's `--cli-input-json` takes.

use crate::{Failure, Outcome};
use ses_presend::account::SendQuota;
use ses_presend::request::{RawMessage, Request, RequestKind};
use ses_presend::template::TemplateStore;
use ses_presend::{form, render, Account, Api, Context, Report};
use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::path::Path;

mod bulk;

/// The arguments of `ses-presend request`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The API the request is for: v1 (`aws ses`) or v2 (`aws sesv2`).
    #[arg(long, value_parser = crate::api_v1_or_v2(), default_value_t = Api::V1)]
    api: Api,

    /// The operation (v2 has send-email, whose Template content is the templated send, and
    /// send-bulk-email; send-bulk-email is always v2's).
    #[arg(long, value_enum, default_value_t = Operation::SendEmail)]
    operation: Operation,

    /// How `RawMessage.Data` of send-raw-email is read: as base64 (the AWS CLI v2's default),
    /// or as the message's text itself (`raw-in-base64-out`, what the AWS CLI v1 does).
    #[arg(long, value_enum, default_value_t = BinaryFormat::Base64)]
    cli_binary_format: BinaryFormat,

    /// A TOML file of what is known about the account (region, sandbox, verified identities,
    /// configuration sets, sending state, quotas). Without it, account checks are skipped.
    #[arg(long, value_name = "FILE")]
    account: Option<OsString>,

    /// A directory of the account's stored templates, one `aws ses get-template` or `aws sesv2
    /// get-email-template` output per file (the account file's `templates_dir` otherwise): a
    /// templated send whose data misses what its template needs is reported (SES accepts it,
    /// then drops the message), and a template not there does not exist.
    #[arg(long, value_name = "DIR")]
    templates: Option<std::path::PathBuf>,

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

/// The operation of a request, as the AWS CLI names it.
#[allow(clippy::enum_variant_names)] // the AWS CLI's names
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Operation {
    /// `send-email`.
    SendEmail,
    /// `send-templated-email` (v1 only).
    SendTemplatedEmail,
    /// `send-raw-email` (v1 only; v2's is send-email with Raw content).
    SendRawEmail,
    /// `send-bulk-templated-email` (v1 only).
    SendBulkTemplatedEmail,
    /// `send-bulk-email` (v2).
    SendBulkEmail,
}

/// How a blob of the request file is read, as the AWS CLI's `--cli-binary-format` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum BinaryFormat {
    /// Base64 text.
    Base64,
    /// The text itself (base64-encoded before it is checked).
    RawInBase64Out,
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
    let conflict = |message: &str| -> ! {
        use clap::CommandFactory;
        crate::Cli::command()
            .error(clap::error::ErrorKind::ArgumentConflict, message)
            .exit()
    };
    let kind = match (args.api, args.operation) {
        // `--api` is v1 or v2 (`api_v1_or_v2`).
        (Api::V1 | Api::Smtp, Operation::SendEmail) => RequestKind::SendEmail,
        (Api::V1 | Api::Smtp, Operation::SendTemplatedEmail) => RequestKind::SendTemplatedEmail,
        (Api::V1 | Api::Smtp, Operation::SendRawEmail) => RequestKind::SendRawEmail,
        (Api::V2, Operation::SendEmail) => RequestKind::V2SendEmail,
        (Api::V2, Operation::SendTemplatedEmail) => conflict(
            "v2 has no send-templated-email: use --operation send-email with Template content",
        ),
        (Api::V2, Operation::SendRawEmail) => {
            conflict("v2 has no send-raw-email: use --operation send-email with Raw content")
        }
        (Api::V2, Operation::SendBulkTemplatedEmail) => {
            conflict("v2 has no send-bulk-templated-email: use --operation send-bulk-email")
        }
        (_, Operation::SendBulkTemplatedEmail) => return bulk::run(args, Api::V1),
        (_, Operation::SendBulkEmail) => return bulk::run(args, Api::V2),
    };
    let (account, quota) = account_and_quota(args)?;
    let store = templates_of(args, account.as_ref())?;
    let context = context_of(account.as_ref(), quota.as_ref(), store.as_ref());
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
    let request = match (request, args.cli_binary_format) {
        (Request::SendRawEmail(mut raw), BinaryFormat::RawInBase64Out) => {
            if let Some(data) = raw.raw_message.as_mut().and_then(|m| m.data.as_mut()) {
                *data = RawMessage::from_bytes(data.as_bytes())
                    .data
                    .unwrap_or_default();
            }
            Request::SendRawEmail(raw)
        }
        (request, _) => request,
    };
    let report = context
        .report_email(&request)
        .under(crate::strictness(false, args.trust));
    let api = kind.api();
    let lost = dropped_after_acceptance(&report);
    let outcome = match (report.first_error(), lost) {
        (None, false) => Outcome::Accepted,
        _ => Outcome::Rejected,
    };
    let out = match args.format {
        Format::Text if lost && report.first_error().is_none() => format!(
            "{}NOT DELIVERED: SES accepts this send and answers with a MessageId, then drops \
             the message (rendering-failure above)\n",
            text_answer(&report, api)
        ),
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

/// The account file of `--account`, and the quota its limits make.
fn account_and_quota(args: &Args) -> Result<(Option<Account>, Option<SendQuota>), Failure> {
    let account = args.account.as_ref().map(load_account).transpose()?;
    let quota = account
        .as_ref()
        .and_then(Account::limits)
        .map(SendQuota::new);
    Ok((account, quota))
}

/// Whether SES would accept the send and then drop the message (its template cannot be
/// rendered with the data: `rendering-failure`).
pub(crate) fn dropped_after_acceptance(report: &Report) -> bool {
    report
        .advisories
        .iter()
        .any(|f| f.reason.as_str() == "rendering-failure")
}

/// The stored templates of `--templates`, or of the account file's `templates_dir` (relative
/// to the account file).
fn templates_of(args: &Args, account: Option<&Account>) -> Result<Option<TemplateStore>, Failure> {
    let dir = match (&args.templates, account.and_then(Account::templates_dir)) {
        (Some(dir), _) => dir.clone(),
        (None, Some(dir)) => {
            let base = args
                .account
                .as_ref()
                .map(std::path::Path::new)
                .and_then(std::path::Path::parent)
                .unwrap_or(std::path::Path::new(""));
            base.join(dir)
        }
        (None, None) => return Ok(None),
    };
    TemplateStore::from_dir(&dir)
        .map(Some)
        .map_err(|e| Failure {
            doing: "reading the templates",
            error: io::Error::new(io::ErrorKind::InvalidData, e.to_string()),
        })
}

/// What the checks know: the account file, its quota and the stored templates.
fn context_of<'a>(
    account: Option<&'a Account>,
    quota: Option<&'a SendQuota>,
    templates: Option<&'a TemplateStore>,
) -> Context<'a> {
    let mut context = Context::new();
    if let Some(templates) = templates {
        context = context.with_templates(templates);
    }
    if let Some(account) = account {
        context = context.with_account(account);
    }
    if let Some(quota) = quota {
        context = context.with_quota(quota);
    }
    context
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
