//! `ses-presend render`: a stored template rendered with data, as SES's `TestRenderTemplate`
//! renders it, or the Rendering Failure SES would report after accepting the send.

use crate::{Failure, Outcome};
use ses_presend::template::{RenderFailure, TemplateStore};
use std::io::{self, Read, Write};
use std::path::PathBuf;

/// How `render` writes its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum RenderFormat {
    /// The subject, then each part after a `--- text ---` / `--- html ---` line.
    Text,
    /// One JSON object: `subject`, `text`, `html`; or `failure`, `reason` and `part`.
    Json,
}

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A directory of templates, one JSON file each, as `aws ses get-template` or
    /// `aws sesv2 get-email-template` prints them.
    #[arg(long, value_name = "DIR")]
    templates: PathBuf,
    /// The template's name (case-sensitive).
    #[arg(long, value_name = "NAME")]
    template: String,
    /// The template data, a JSON object (`-` reads it from standard input).
    #[arg(long, value_name = "JSON")]
    data: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RenderFormat::Text)]
    format: RenderFormat,
}

fn usage(message: String) -> Failure {
    Failure {
        doing: "reading the templates",
        error: io::Error::new(io::ErrorKind::InvalidData, message),
    }
}

pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    let store = TemplateStore::from_dir(&args.templates).map_err(|e| usage(e.to_string()))?;
    let Some(template) = store.get(&args.template) else {
        // SES's TestRenderTemplate answers TemplateDoesNotExist, in words seen in
        // https://github.com/Enase/serverless-ses-template/issues/5 (2018-12-29).
        let message = format!("Template {} does not exist", args.template);
        let mut out = io::stdout().lock();
        let written = match args.format {
            RenderFormat::Text => writeln!(out, "TemplateDoesNotExist: {message}"),
            RenderFormat::Json => writeln!(
                out,
                "{}",
                serde_json::json!({"code": "TemplateDoesNotExist", "message": message})
            ),
        };
        written.map_err(Failure::writing)?;
        return Ok(Outcome::Rejected);
    };
    let data = match args.data.as_str() {
        "-" => {
            let mut text = String::new();
            io::stdin()
                .take(2 * 262_144 + 1)
                .read_to_string(&mut text)
                .map_err(Failure::reading)?;
            text
        }
        text => text.to_string(),
    };
    let mut out = io::stdout().lock();
    let outcome = match template.render(&data) {
        Ok(rendered) => {
            match args.format {
                RenderFormat::Json => writeln!(out, "{}", serde_json::json!(rendered)),
                RenderFormat::Text => {
                    let mut text = format!("Subject: {}\n", rendered.subject);
                    if let Some(t) = &rendered.text {
                        text.push_str(&format!("--- text ---\n{t}\n"));
                    }
                    if let Some(h) = &rendered.html {
                        text.push_str(&format!("--- html ---\n{h}\n"));
                    }
                    out.write_all(text.as_bytes())
                }
            }
            .map_err(Failure::writing)?;
            Outcome::Accepted
        }
        Err(failure) => {
            let (reason, part) = match &failure {
                RenderFailure::MissingAttribute { part, .. } => {
                    ("rendering-failure", Some(part.to_string()))
                }
                RenderFailure::Syntax { part, .. } => {
                    ("template-not-renderable", Some(part.to_string()))
                }
                RenderFailure::InvalidData(_) => ("template-data-not-json", None),
                _ => ("template-not-renderable", None),
            };
            match args.format {
                RenderFormat::Json => writeln!(
                    out,
                    "{}",
                    serde_json::json!({"failure": failure.to_string(), "reason": reason,
                                       "part": part, "template": template.name})
                ),
                RenderFormat::Text => writeln!(
                    out,
                    "{reason}: {failure}{}",
                    match (reason, part) {
                        ("rendering-failure", Some(p)) => format!(
                            " (in the {p} of template {}; SES accepts such a send with a \
                             MessageId and then drops the message)",
                            template.name
                        ),
                        _ => String::new(),
                    }
                ),
            }
            .map_err(Failure::writing)?;
            Outcome::Rejected
        }
    };
    Ok(outcome)
}
