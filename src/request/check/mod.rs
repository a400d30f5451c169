//! SES's checks of a send request, in SES's order (docs/requests.md, docs/account.md).
//!
//! One pass serves both answers: in [`Mode::First`] it stops at the first error (what SES
//! returns, with no advisory work); in [`Mode::All`] it goes on and gathers every error and
//! the address advisories.

use super::model::{
    Attachment, Body, Content, Destination, MessageHeader, MessageTag, SendEmailRequest,
    SendTemplatedEmailRequest, V2SendEmailRequest,
};
use super::{Req, RequestProblem};
use crate::account::checks::{self, Identity, SendFacts};
use crate::account::Context;
use crate::address::{address_report, check_address, recipients_of};
use crate::error::{Api, ErrorCode, SesError};
use crate::limits::{
    MAX_HEADERS, MAX_RECIPIENTS, MAX_TAG, MAX_TEMPLATE_DATA, V1_MAX_MESSAGE_SIZE,
    V2_MAX_MESSAGE_SIZE,
};
use crate::raw::attachment::blocked_extension;
use crate::raw::{
    check_raw, decode_base64_message, envelope_field, report_raw, EnvelopeField, RawOptions,
};
use crate::report::{Collector, Finding, Flow, Mode, Reason, Report};
use crate::texts::request as msg;
use std::borrow::Cow;
use std::fmt;

mod addresses;
pub(super) mod bulk;
mod content;
mod shape;
#[cfg(feature = "templates")]
mod templates;

use addresses::{address_syntax, recipient_count_stage};
use content::{raw_content, size};
use shape::{configuration_set_name, tags_stage};
pub(crate) use shape::{raw_request_stages, tag_problem};

/// The largest message v1 builds and v2 accepts, as the sizes are counted.
const MAX_V1_MESSAGE: u64 = V1_MAX_MESSAGE_SIZE as u64;
const MAX_V2_MESSAGE: u64 = V2_MAX_MESSAGE_SIZE as u64;

/// A field that holds one address, or one entry of an address list, named lazily.
#[derive(Debug, Clone, Copy)]
struct Slot {
    name: &'static str,
    index: Option<usize>,
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.index {
            Some(i) => write!(f, "{}[{i}]", self.name),
            None => f.write_str(self.name),
        }
    }
}

/// Who an address is to SES, for identity verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Sender,
    Recipient,
    ReplyTo,
}

/// The facts of a request the stages share, whichever request it is.
struct Facts<'a> {
    api: Api,
    sender: (&'static str, Option<&'a str>, Option<&'a str>),
    destination: Option<&'a Destination>,
    reply_to: &'a [String],
    return_path: (&'static str, Option<&'a str>, Option<&'a str>),
    /// JSON name and model name of the tag list.
    tags: (&'static str, &'static str, &'a [MessageTag]),
    /// The configuration set and the field that names it.
    configuration_set: Option<&'a str>,
    configuration_set_field: &'static str,
    /// The field names of the To, Cc and Bcc lists.
    destination_fields: [&'static str; 3],
}

/// The field names of a request's recipient lists.
const DESTINATION_FIELDS: [&str; 3] = [
    "Destination.ToAddresses",
    "Destination.CcAddresses",
    "Destination.BccAddresses",
];

impl<'a> Req<'a> {
    fn facts(self) -> Facts<'a> {
        // SendEmail and SendTemplatedEmail name these members alike.
        macro_rules! v1 {
            ($r:expr) => {
                Facts {
                    api: Api::V1,
                    sender: ("Source", $r.source.as_deref(), $r.source_arn.as_deref()),
                    destination: $r.destination.as_ref(),
                    reply_to: &$r.reply_to_addresses,
                    return_path: (
                        "ReturnPath",
                        $r.return_path.as_deref(),
                        $r.return_path_arn.as_deref(),
                    ),
                    tags: ("Tags", "tags", &$r.tags),
                    configuration_set: $r.configuration_set_name.as_deref(),
                    configuration_set_field: "ConfigurationSetName",
                    destination_fields: DESTINATION_FIELDS,
                }
            };
        }
        match self {
            Req::SendEmail(r) => v1!(r),
            Req::SendTemplatedEmail(r) => v1!(r),
            // Its checks are the Query API's SendRawEmail ([`run`]): only the sender is named.
            Req::SendRaw(r) => Facts {
                api: Api::V1,
                sender: ("Source", r.source.as_deref(), r.source_arn.as_deref()),
                destination: None,
                reply_to: &[],
                return_path: ("ReturnPath", None, None),
                tags: ("Tags", "tags", &r.tags),
                configuration_set: r.configuration_set_name.as_deref(),
                configuration_set_field: "ConfigurationSetName",
                destination_fields: DESTINATION_FIELDS,
            },
            Req::V2(r) => Facts {
                api: Api::V2,
                sender: (
                    "FromEmailAddress",
                    r.from_email_address.as_deref(),
                    r.from_email_address_identity_arn.as_deref(),
                ),
                destination: r.destination.as_ref(),
                reply_to: &r.reply_to_addresses,
                return_path: (
                    "FeedbackForwardingEmailAddress",
                    r.feedback_forwarding_email_address.as_deref(),
                    r.feedback_forwarding_email_address_identity_arn.as_deref(),
                ),
                tags: ("EmailTags", "emailTags", &r.email_tags),
                configuration_set: r.configuration_set_name.as_deref(),
                configuration_set_field: "ConfigurationSetName",
                destination_fields: DESTINATION_FIELDS,
            },
        }
    }
}

/// Every address of the request in SES's order, with its slot and role.
fn addresses<'a>(facts: &Facts<'a>) -> Vec<(Slot, &'a str, Role)> {
    let mut out = Vec::new();
    let one = |name| Slot { name, index: None };
    if let (name, Some(sender), _) = facts.sender {
        out.push((one(name), sender, Role::Sender));
    }
    if let Some(dest) = facts.destination {
        for ((_, list), name) in dest.lists().into_iter().zip(facts.destination_fields) {
            for (i, entry) in list.iter().enumerate() {
                let slot = Slot {
                    name,
                    index: Some(i),
                };
                out.push((slot, entry.as_str(), Role::Recipient));
            }
        }
    }
    for (i, entry) in facts.reply_to.iter().enumerate() {
        let slot = Slot {
            name: "ReplyToAddresses",
            index: Some(i),
        };
        out.push((slot, entry.as_str(), Role::ReplyTo));
    }
    if let (name, Some(path), _) = facts.return_path {
        out.push((one(name), path, Role::Sender));
    }
    out
}

/// One run of the checks.
struct Run<'a> {
    context: &'a Context<'a>,
    out: &'a mut Collector,
}

impl Run<'_> {
    fn error(
        &mut self,
        field: impl Into<String>,
        problem: RequestProblem,
        error: SesError,
    ) -> Flow {
        let message = match error.message.is_empty() {
            true => format!("SES answers {} with no message text", error.code),
            false => error.message.to_string(),
        };
        self.error_explained(field, problem, error, message)
    }

    fn error_explained(
        &mut self,
        field: impl Into<String>,
        problem: RequestProblem,
        error: SesError,
        message: String,
    ) -> Flow {
        self.out
            .error(|| Finding::new(field, Reason::Request(problem), message).with_error(error))
    }

    fn advisory(&mut self, field: impl Into<String>, problem: RequestProblem, message: &str) {
        self.out
            .advise(|| Finding::new(field, Reason::Request(problem), message.to_string()));
    }
}

fn invalid(message: impl Into<Cow<'static, str>>) -> SesError {
    SesError::new(ErrorCode::InvalidParameterValue, message)
}

/// One stage of the checks.
type Stage = fn(&mut Run, Req<'_>, &Facts<'_>) -> Flow;

/// Runs every stage in SES's order.
pub(crate) fn run(req: Req<'_>, context: &Context<'_>, out: &mut Collector) -> Flow {
    if let Req::SendRaw(r) = req {
        return super::raw_request::run(r, context, out);
    }
    let mut run = Run { context, out };
    let facts = req.facts();
    let stages: [Stage; 8] = [
        shape::shape,
        tags_stage,
        configuration_set_name,
        address_syntax,
        recipient_count_stage,
        content::content,
        size,
        account_stages,
    ];
    run_stages(&mut run, &stages, req, &facts)
}

/// Every finding of a request ([`crate::report_email`]), at most
/// [`MAX_FINDINGS`](crate::limits::MAX_FINDINGS) errors and as many advisories, and then one
/// advisory saying how many more were found.
pub(crate) fn report(req: Req<'_>, context: &Context<'_>) -> Report {
    let mut out = Collector::new(Mode::All);
    let _ = run(req, context, &mut out);
    out.into_report(
        "request",
        Reason::Request(RequestProblem::FindingsTruncated),
    )
}

/// Runs `stages` in order, until the first error in first-error mode.
fn run_stages(run: &mut Run, stages: &[Stage], req: Req<'_>, facts: &Facts<'_>) -> Flow {
    for stage in stages {
        stage(run, req, facts)?;
    }
    Ok(())
}

/// The template a request names, and where.
fn template_name(req: Req<'_>) -> Option<(&str, &'static str)> {
    match req {
        Req::SendTemplatedEmail(r) => r.template.as_deref().map(|t| (t, "Template")),
        Req::V2(r) => r
            .content
            .as_ref()?
            .template
            .as_ref()?
            .template_name
            .as_deref()
            .map(|t| (t, "Content.Template.TemplateName")),
        Req::SendEmail(_) | Req::SendRaw(_) => None,
    }
}

/// Stages 8 to 11: what the account allows (docs/account.md). For v2 Raw content the raw
/// message's own account checks ran in the content stage; only the feedback address, which the
/// message does not carry, is left for here.
fn account_stages(run: &mut Run, req: Req<'_>, facts: &Facts<'_>) -> Flow {
    let return_path = Identity {
        field: facts.return_path.0,
        address: facts.return_path.1,
        arn: facts.return_path.2,
    };
    if raw_content(req).is_some() {
        let only = SendFacts {
            return_path,
            ..SendFacts::default()
        };
        return checks::identities(run.context, &only, run.out);
    }
    let lists = facts.destination.map(Destination::lists);
    let list = |k: usize| lists.as_ref().map_or(&[][..], |l| l[k].1);
    let send = SendFacts {
        sender: Identity {
            field: facts.sender.0,
            address: facts.sender.1,
            arn: facts.sender.2,
        },
        header_senders: &[],
        header_senders_arn: None,
        return_path,
        recipients: [
            (facts.destination_fields[0], list(0)),
            (facts.destination_fields[1], list(1)),
            (facts.destination_fields[2], list(2)),
        ],
        configuration_set: facts
            .configuration_set
            .map(|name| (name, facts.configuration_set_field)),
        template: template_name(req),
    };
    checks::check(run.context, &send, run.out)
}
