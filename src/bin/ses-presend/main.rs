//! `ses-presend`: check what you are about to send through Amazon SES and see exactly the error
//! SES would answer with.
//!
//! Each subcommand lives in its own module and returns an [`Outcome`]; this file only parses
//! the command line and turns the outcome into the process's exit status:
//!
//! * 0: everything checked was accepted;
//! * 1: at least one thing was rejected;
//! * 2: the command line was wrong, or reading or writing failed.

mod address;
mod message;
mod render;
mod request;
#[cfg(feature = "server")]
mod serve;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use ses_presend::Api;
use std::io::{self, Write as _};
use std::process::ExitCode;

/// Check an email before it is sent through Amazon SES and get exactly the error SES would
/// return.
#[derive(Debug, Parser)]
#[command(name = "ses-presend", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check email addresses the way SES checks a Source or Destination entry.
    ///
    /// Checks each ADDRESS given, or, with none, every line of standard input (only the line
    /// terminator, `\n` or `\r\n`, is removed). Prints one line per address, in input order.
    /// Exits with 0 when all are accepted and 1 when any is rejected.
    Address(address::Args),

    /// Check a SendEmail, SendTemplatedEmail or v2 SendEmail request the way SES does.
    ///
    /// Reads the request's JSON, as `aws ses send-email --cli-input-json` (or
    /// `send-templated-email`, or `aws sesv2 send-email`) takes it, and prints the error SES
    /// would return, or OK, then every problem found with its field path. With `--account`, also
    /// checks identities, configuration sets, the account's state and its quotas. Exits with 0
    /// when SES would accept the request, 1 when it would reject it, 2 when the request or the
    /// account file cannot be read.
    Request(request::Args),

    /// Check raw messages (.eml files) the way SES checks SendRawEmail, v2 Raw content or SMTP.
    ///
    /// Prints, for each FILE (or standard input for `-`), the error SES would return, or OK,
    /// then every problem found with its place in the message. Exits with 0 when SES would
    /// accept every message, 1 when it would reject any, 2 when a file cannot be read.
    Message(message::Args),

    /// Render a stored template with data, as SES's TestRenderTemplate does.
    ///
    /// Reads the templates of DIR (one `aws ses get-template` or `aws sesv2
    /// get-email-template` output per file) and prints the rendered subject, text and HTML, or
    /// the Rendering Failure SES would report after accepting a send with that data (SES then
    /// drops the message). Exits with 0 when it renders, 1 when it does not, 2 when the
    /// templates cannot be read.
    Render(render::Args),

    /// Serve the checks over HTTP (feature `server`): SES's v1 Query API and v2 SendEmail as a
    /// dry run, one-field checks under /validate/, and a form page at /.
    ///
    /// Prints the address it listens on, then serves until Ctrl-C. Nothing is ever sent.
    #[cfg(feature = "server")]
    Serve(serve::Args),
}

/// `--api` of `address` and `request`: the library's [`Api`], `v1` or `v2` (SMTP has no
/// request of its own and no other text for an address).
fn api_v1_or_v2() -> impl TypedValueParser<Value = Api> {
    api_parser([
        PossibleValue::new("v1").help("The v1 Query API (`InvalidParameterValue`)"),
        PossibleValue::new("v2").help(
            "The v2 REST API (`BadRequestException`; an empty address gets v2's own message)",
        ),
    ])
}

/// A parser of the [`Api`] names in `values`, each listed with its help in `--help`.
fn api_parser(
    values: impl IntoIterator<Item = PossibleValue>,
) -> impl TypedValueParser<Value = Api> {
    PossibleValuesParser::new(values).map(|name| {
        name.parse::<Api>()
            .expect("every possible value names an API")
    })
}

/// Which answers may reject (`--trust`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Trust {
    /// Every answer, the project's decided ones included (see `ses_presend::report::DECISIONS`).
    Decided,
    /// Only answers SES was seen or documented to give: a decided rejection is advice.
    Documented,
}

/// The strictness that `--strict` and `--trust` ask for (clap refuses the two together).
fn strictness(strict: bool, trust: Trust) -> ses_presend::Strictness {
    match (strict, trust) {
        (true, _) => ses_presend::Strictness::Deliverable,
        (false, Trust::Documented) => ses_presend::Strictness::Documented,
        (false, Trust::Decided) => ses_presend::Strictness::Ses,
    }
}

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One line per input: `OK` or `<code>: <message>`, a tab, then the input (control
    /// characters and `\` escaped).
    Text,
    /// JSON Lines: one object per input with `input`, `ok` and, when rejected, `code` and
    /// `message`.
    Json,
}

/// What a subcommand found, when it ran to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Everything checked was accepted.
    Accepted,
    /// At least one thing was rejected.
    Rejected,
}

/// A failure that stopped a subcommand: what it was doing, and the I/O error.
#[derive(Debug)]
struct Failure {
    doing: &'static str,
    error: io::Error,
}

impl Failure {
    fn reading(error: io::Error) -> Failure {
        Failure {
            doing: "reading standard input",
            error,
        }
    }

    fn writing(error: io::Error) -> Failure {
        Failure {
            doing: "writing standard output",
            error,
        }
    }
}

fn main() -> ExitCode {
    // Usage errors print clap's message and exit with 2; --help and --version exit with 0.
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Address(args) => address::run(&args),
        Command::Request(args) => request::run(&args),
        Command::Message(args) => message::run(&args),
        Command::Render(args) => render::run(&args),
        #[cfg(feature = "server")]
        Command::Serve(args) => serve::run(&args),
    };
    match result {
        Ok(Outcome::Accepted) => ExitCode::SUCCESS,
        Ok(Outcome::Rejected) => ExitCode::from(1),
        Err(failure) => {
            // A reader that went away (`| head`) is not worth a message.
            if failure.error.kind() != io::ErrorKind::BrokenPipe {
                let _ = writeln!(
                    io::stderr().lock(),
                    "ses-presend: error {}: {}",
                    failure.doing,
                    failure.error
                );
            }
            ExitCode::from(2)
        }
    }
}
