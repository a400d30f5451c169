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
    let mut run = Run { context, out };
    let facts = req.facts();
    let stages: [Stage; 8] = [
        shape,
        tags_stage,
        configuration_set_name,
        address_syntax,
        recipient_count_stage,
        content,
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

/// SendRawEmail's request stages before its message (decided `query-raw-message`): the
/// shape (`RawMessage.Data` and each tag's name and value present; one ValidationError lists
/// every absent member), the tags, then the configuration set's name, with the texts of
/// SendEmail. `data_missing` says whether `RawMessage.Data` is absent.
pub(crate) fn raw_request_stages(
    data_missing: bool,
    tags: &[MessageTag],
    configuration_set: Option<&str>,
    out: &mut Collector,
) -> Flow {
    let nothing = Context::new();
    let mut run = Run {
        context: &nothing,
        out,
    };
    let mut missing = Missing::default();
    if data_missing {
        missing
            .0
            .push(("rawMessage.data".into(), "RawMessage.Data".into()));
    }
    missing.tags(tags, "tags", "Tags");
    missing.report(&mut run)?;
    let facts = Facts {
        api: Api::V1,
        sender: ("Source", None, None),
        destination: None,
        reply_to: &[],
        return_path: ("ReturnPath", None, None),
        tags: ("Tags", "tags", tags),
        configuration_set,
        configuration_set_field: "ConfigurationSetName",
        destination_fields: DESTINATION_FIELDS,
    };
    let empty = SendEmailRequest::default();
    let stages: [Stage; 2] = [tags_stage, configuration_set_name];
    run_stages(&mut run, &stages, Req::SendEmail(&empty), &facts)
}

/// Required members that are absent: SES's path (`message.subject`) and ours
/// (`Message.Subject`).
#[derive(Default)]
struct Missing(Vec<(String, String)>);

impl Missing {
    fn need<T>(&mut self, value: &Option<T>, ses: impl fmt::Display, field: impl fmt::Display) {
        if value.is_none() {
            self.0.push((ses.to_string(), field.to_string()));
        }
    }

    fn body(&mut self, body: &Body, ses: &str, field: &str) {
        if let Some(text) = &body.text {
            self.need(
                &text.data,
                format!("{ses}.text.data"),
                format!("{field}.Text.Data"),
            );
        }
        if let Some(html) = &body.html {
            self.need(
                &html.data,
                format!("{ses}.html.data"),
                format!("{field}.Html.Data"),
            );
        }
    }

    /// A list of name-value members (tags, headers) at SES's path `ses` and our `field`.
    fn names_and_values<'a>(
        &mut self,
        pairs: impl Iterator<Item = (&'a Option<String>, &'a Option<String>)>,
        ses: &str,
        field: &str,
    ) {
        for (i, (name, value)) in pairs.enumerate() {
            let n = i + 1;
            self.need(
                name,
                format!("{ses}.{n}.member.name"),
                format!("{field}[{i}].Name"),
            );
            self.need(
                value,
                format!("{ses}.{n}.member.value"),
                format!("{field}[{i}].Value"),
            );
        }
    }

    fn tags(&mut self, tags: &[MessageTag], ses: &str, field: &str) {
        let pairs = tags.iter().map(|t| (&t.name, &t.value));
        self.names_and_values(pairs, ses, field);
    }

    fn headers(&mut self, headers: &[MessageHeader], ses: &str, field: &str) {
        let pairs = headers.iter().map(|h| (&h.name, &h.value));
        self.names_and_values(
            pairs,
            &format!("{ses}.headers"),
            &format!("{field}.Headers"),
        );
    }

    fn attachments(&mut self, attachments: &[Attachment], ses: &str, field: &str) {
        for (i, a) in attachments.iter().enumerate() {
            let n = i + 1;
            self.need(
                &a.raw_content,
                format!("{ses}.attachments.{n}.member.rawContent"),
                format!("{field}.Attachments[{i}].RawContent"),
            );
            self.need(
                &a.file_name,
                format!("{ses}.attachments.{n}.member.fileName"),
                format!("{field}.Attachments[{i}].FileName"),
            );
        }
    }

    /// Reports the absent members as one `ValidationError`, one finding per member.
    fn report(self, run: &mut Run) -> Flow {
        if self.0.is_empty() {
            return Ok(());
        }
        let paths: Vec<String> = self.0.iter().map(|(ses, _)| ses.clone()).collect();
        // The first finding carries SES's answer, which lists every absent member; each other
        // one the error its member alone would get. Copying the whole list into every finding
        // grew with the square of the members (a request of 100 000 nameless tags).
        let mut whole = Some(SesError::new(
            ErrorCode::ValidationError,
            msg::validation_error(&paths),
        ));
        for (ses, field) in self.0 {
            let error = whole.take().unwrap_or_else(|| {
                SesError::new(ErrorCode::ValidationError, msg::validation_error(&[ses]))
            });
            let message = format!("{field} is required: {}", error.message);
            run.error_explained(field, RequestProblem::MissingMember, error, message)?;
        }
        Ok(())
    }
}

/// Stage 1: required members, members that exclude each other, v2 content's form.
fn shape(run: &mut Run, req: Req<'_>, facts: &Facts<'_>) -> Flow {
    let mut missing = Missing::default();
    match req {
        Req::SendEmail(r) => shape_send_email(r, &mut missing),
        Req::SendTemplatedEmail(r) => shape_templated(r, &mut missing),
        Req::V2(r) => shape_v2(r, &mut missing),
    }
    let (field, ses, tags) = facts.tags;
    if !matches!(req, Req::V2(_)) {
        missing.tags(tags, ses, field);
    }
    missing.report(run)?;
    match req {
        Req::SendTemplatedEmail(r) if r.template.is_some() && r.template_arn.is_some() => {
            let error = SesError::new(
                ErrorCode::InvalidParameterCombination,
                msg::parameters_exclusive("Template", "TemplateArn"),
            );
            run.error("TemplateArn", RequestProblem::ExclusiveMembers, error)?;
        }
        Req::V2(r) => {
            let Some(content) = &r.content else {
                return Ok(());
            };
            let forms = [
                content.simple.is_some(),
                content.raw.is_some(),
                content.template.is_some(),
            ];
            if forms.iter().filter(|&&f| f).count() != 1 {
                run.error(
                    "Content",
                    RequestProblem::ContentShape,
                    invalid(msg::CONTENT_SHAPE),
                )?;
            }
            if let Some(t) = &content.template {
                let named = t.template_name.is_some() || t.template_arn.is_some();
                if named == t.template_content.is_some() {
                    run.error(
                        "Content.Template",
                        RequestProblem::ContentShape,
                        invalid(msg::TEMPLATE_SHAPE),
                    )?;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

fn shape_send_email(r: &SendEmailRequest, missing: &mut Missing) {
    // Decided (`validation-member-order`): the reverse of the model's order.
    missing.need(&r.message, "message", "Message");
    missing.need(&r.destination, "destination", "Destination");
    missing.need(&r.source, "source", "Source");
    if let Some(m) = &r.message {
        missing.need(&m.subject, "message.subject", "Message.Subject");
        if let Some(subject) = &m.subject {
            missing.need(
                &subject.data,
                "message.subject.data",
                "Message.Subject.Data",
            );
        }
        missing.need(&m.body, "message.body", "Message.Body");
        if let Some(body) = &m.body {
            missing.body(body, "message.body", "Message.Body");
        }
    }
}

fn shape_templated(r: &SendTemplatedEmailRequest, missing: &mut Missing) {
    missing.need(&r.template_data, "templateData", "TemplateData");
    missing.need(&r.template, "template", "Template");
    missing.need(&r.destination, "destination", "Destination");
    missing.need(&r.source, "source", "Source");
}

fn shape_v2(r: &V2SendEmailRequest, missing: &mut Missing) {
    missing.need(&r.content, "content", "Content");
    if let Some(content) = &r.content {
        if let Some(simple) = &content.simple {
            let (ses, field) = ("content.simple", "Content.Simple");
            missing.need(
                &simple.subject,
                "content.simple.subject",
                "Content.Simple.Subject",
            );
            if let Some(subject) = &simple.subject {
                missing.need(
                    &subject.data,
                    "content.simple.subject.data",
                    "Content.Simple.Subject.Data",
                );
            }
            missing.need(&simple.body, "content.simple.body", "Content.Simple.Body");
            if let Some(body) = &simple.body {
                missing.body(body, "content.simple.body", "Content.Simple.Body");
            }
            missing.headers(&simple.headers, ses, field);
            missing.attachments(&simple.attachments, ses, field);
        }
        if let Some(raw) = &content.raw {
            missing.need(&raw.data, "content.raw.data", "Content.Raw.Data");
        }
        if let Some(template) = &content.template {
            let (ses, field) = ("content.template", "Content.Template");
            missing.headers(&template.headers, ses, field);
            missing.attachments(&template.attachments, ses, field);
        }
    }
    missing.tags(&r.email_tags, "emailTags", "EmailTags");
    if let Some(options) = &r.list_management_options {
        missing.need(
            &options.contact_list_name,
            "listManagementOptions.contactListName",
            "ListManagementOptions.ContactListName",
        );
    }
}

/// A tag name's or value's problem, as SES words it.
pub(crate) fn tag_problem(text: &str, value: bool) -> Option<SesError> {
    let message: Cow<'static, str> = if text.is_empty() {
        (if value {
            msg::TAG_VALUE_EMPTY
        } else {
            msg::TAG_NAME_EMPTY
        })
        .into()
    } else if text.len() > MAX_TAG && text.chars().count() > MAX_TAG {
        (if value {
            msg::TAG_VALUE_TOO_LONG
        } else {
            msg::TAG_NAME_TOO_LONG
        })
        .into()
    } else if !text.bytes().all(|b| {
        b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || (value && (b == b'.' || b == b'@'))
    }) {
        if value {
            msg::tag_value_invalid(text).into()
        } else {
            msg::tag_name_invalid(text).into()
        }
    } else {
        return None;
    };
    Some(invalid(message))
}

/// Stage 2: each tag, name before value.
fn tags_stage(run: &mut Run, _: Req<'_>, facts: &Facts<'_>) -> Flow {
    let (field, _, tags) = facts.tags;
    for (i, tag) in tags.iter().enumerate() {
        if let Some(error) = tag.name.as_deref().and_then(|n| tag_problem(n, false)) {
            run.error(format!("{field}[{i}].Name"), RequestProblem::TagName, error)?;
        }
        if let Some(error) = tag.value.as_deref().and_then(|v| tag_problem(v, true)) {
            run.error(
                format!("{field}[{i}].Value"),
                RequestProblem::TagValue,
                error,
            )?;
        }
    }
    Ok(())
}

/// Stage 3: the configuration set's name.
fn configuration_set_name(run: &mut Run, _: Req<'_>, facts: &Facts<'_>) -> Flow {
    if let Some(error) = facts
        .configuration_set
        .and_then(checks::configuration_set_problem)
    {
        run.error(
            "ConfigurationSetName",
            RequestProblem::ConfigurationSetName,
            error,
        )?;
    }
    Ok(())
}

/// A finding's field inside an address: `address` is the slot itself.
fn within(slot: Slot, inner: &str) -> String {
    match inner {
        "" | "address" => slot.to_string(),
        inner => format!("{slot}.{inner}"),
    }
}

/// Stage 4: every address, in SES's order.
fn address_syntax(run: &mut Run, req: Req<'_>, facts: &Facts<'_>) -> Flow {
    if let (name, None, _) = facts.sender {
        if let Req::V2(r) = req {
            let content = r.content.as_ref();
            if content.is_some_and(|c| c.simple.is_some()) {
                run.error_explained(
                    name,
                    RequestProblem::MissingFrom,
                    invalid(msg::V2_FROM_MISSING),
                    "FromEmailAddress is required with Simple content (SES answers \
                     BadRequestException with no message text)"
                        .to_string(),
                )?;
            } else if content.is_some_and(|c| c.template.is_some()) {
                run.error_explained(
                    name,
                    RequestProblem::MissingFrom,
                    invalid(msg::SOURCE_CANNOT_BE_EMPTY),
                    "FromEmailAddress is required with Template content".to_string(),
                )?;
            }
        }
    }
    for (slot, input, _) in addresses(facts) {
        let verdict = check_address(input, facts.api);
        if !run.out.advising() {
            if let Err(error) = verdict {
                run.out.error(|| {
                    let message = error.message.to_string();
                    Finding::new(slot.to_string(), Reason::AddressSyntax, message).with_error(error)
                })?;
            }
            continue;
        }
        let found = address_report(input);
        if let Err(error) = verdict {
            let mut f = found.errors.into_iter().next().unwrap_or_else(|| {
                Finding::new(String::new(), Reason::AddressSyntax, String::new())
            });
            f.field = within(slot, &f.field);
            if f.reason == Reason::AddressSyntax {
                f.message = format!("SES rejects the address: {}", error.message);
            }
            f.error = Some(error);
            run.out.error(|| f)?;
        }
        for mut advisory in found.advisories {
            advisory.field = within(slot, &advisory.field);
            run.out.advise(|| advisory);
        }
    }
    Ok(())
}

/// The recipients of the destination, counted up to just past the limit.
fn recipient_count(destination: &Destination) -> usize {
    let mut count = 0;
    for (_, list) in destination.lists() {
        for entry in list {
            count += recipients_of(entry);
            if count > MAX_RECIPIENTS {
                return count;
            }
        }
    }
    count
}

/// Stage 5: no recipients, or too many.
fn recipient_count_stage(run: &mut Run, req: Req<'_>, facts: &Facts<'_>) -> Flow {
    match facts.destination {
        Some(dest) if dest.entry_count() == 0 => {
            run.error(
                "Destination",
                RequestProblem::NoRecipients,
                invalid(msg::NO_RECIPIENTS),
            )?;
        }
        Some(dest) => {
            if recipient_count(dest) > MAX_RECIPIENTS {
                run.error(
                    "Destination",
                    RequestProblem::TooManyRecipients,
                    invalid(msg::RECIPIENT_COUNT_EXCEEDED),
                )?;
            }
        }
        None => {
            // v1 already answered ValidationError; v2 Raw content carries its own recipients.
            if let Req::V2(r) = req {
                if r.content
                    .as_ref()
                    .is_some_and(|c| c.simple.is_some() || c.template.is_some())
                {
                    run.error(
                        "Destination",
                        RequestProblem::NoRecipients,
                        invalid(msg::NO_RECIPIENTS),
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// The v2 custom headers' problems.
fn check_headers(run: &mut Run, headers: &[MessageHeader], field: &str) -> Flow {
    if headers.len() > MAX_HEADERS {
        run.error(
            format!("{field}.Headers"),
            RequestProblem::TooManyHeaders,
            invalid(msg::TOO_MANY_HEADERS),
        )?;
    }
    for (i, header) in headers.iter().enumerate() {
        let name = header.name.as_deref();
        if let Some(n) = name {
            let valid = (1..=126).contains(&n.len())
                && n.bytes().all(|b| (0x21..=0x7E).contains(&b) && b != b':');
            if !valid {
                run.error(
                    format!("{field}.Headers[{i}].Name"),
                    RequestProblem::HeaderName,
                    invalid(msg::header_name_invalid(n)),
                )?;
            }
        }
        if let Some(v) = header.value.as_deref() {
            let valid = v.len() <= 995 && v.bytes().all(|b| (0x20..=0x7E).contains(&b));
            if !valid {
                run.error(
                    format!("{field}.Headers[{i}].Value"),
                    RequestProblem::HeaderValue,
                    invalid(msg::header_value_invalid(name.unwrap_or_default())),
                )?;
            } else if let Some(n) = name {
                if n.len() + v.len() > 996 {
                    run.error(
                        format!("{field}.Headers[{i}]"),
                        RequestProblem::HeaderTooLong,
                        invalid(msg::header_too_long(n)),
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// The v2 attachments' problems: file name length, blocked type, content type, content ID.
fn check_attachments(run: &mut Run, attachments: &[Attachment], field: &str) -> Flow {
    let between = |text: &str| (1..=78).contains(&text.chars().count());
    for (i, a) in attachments.iter().enumerate() {
        if let Some(name) = a.file_name.as_deref() {
            if name.chars().count() > 255 {
                run.error(
                    format!("{field}.Attachments[{i}].FileName"),
                    RequestProblem::AttachmentFileName,
                    invalid(msg::ATTACHMENT_FILE_NAME_TOO_LONG),
                )?;
            } else if blocked_extension(name).is_some() {
                run.error(
                    format!("{field}.Attachments[{i}].FileName"),
                    RequestProblem::BlockedAttachment,
                    invalid(msg::attachment_type_not_supported(name)),
                )?;
            }
        }
        if a.content_type.as_deref().is_some_and(|t| !between(t)) {
            run.error(
                format!("{field}.Attachments[{i}].ContentType"),
                RequestProblem::AttachmentContentType,
                invalid(msg::ATTACHMENT_CONTENT_TYPE),
            )?;
        }
        if a.content_id.as_deref().is_some_and(|t| !between(t)) {
            run.error(
                format!("{field}.Attachments[{i}].ContentId"),
                RequestProblem::AttachmentContentId,
                invalid(msg::ATTACHMENT_CONTENT_ID),
            )?;
        }
    }
    Ok(())
}

fn check_template_data(run: &mut Run, data: Option<&str>, field: &str) -> Flow {
    if let Some(data) = data {
        if data.len() > MAX_TEMPLATE_DATA && data.chars().count() > MAX_TEMPLATE_DATA {
            run.error(
                field,
                RequestProblem::TemplateDataTooLong,
                invalid(msg::TEMPLATE_DATA_TOO_LONG),
            )?;
        }
    }
    Ok(())
}

fn advise_body(run: &mut Run, body: Option<&Body>, field: &str) {
    if body.is_some_and(|b| b.text.is_none() && b.html.is_none()) {
        run.advisory(
            field,
            RequestProblem::EmptyBody,
            "the body has neither a Text nor an Html part: the message will arrive empty",
        );
    }
}

/// The Charsets of a subject and body: one SES's Java runtime does not know is refused (seen:
/// `Unsupported charset 'string'.`, https://github.com/Netflix/lemur/pull/841, 2017; which
/// names are known is decided, `request-charset`, as for raw messages).
fn check_charsets(
    run: &mut Run,
    subject: Option<&Content>,
    body: Option<&Body>,
    field: &str,
) -> Flow {
    let parts = [
        ("Subject", subject),
        ("Body.Text", body.and_then(|b| b.text.as_ref())),
        ("Body.Html", body.and_then(|b| b.html.as_ref())),
    ];
    for (name, content) in parts {
        let Some(charset) = content.and_then(|c| c.charset.as_deref()) else {
            continue;
        };
        if charset.is_empty() || crate::raw::charset_is_supported(charset.trim()) {
            continue;
        }
        run.error(
            format!("{field}.{name}.Charset"),
            RequestProblem::UnsupportedCharset,
            invalid(msg::unsupported_charset(charset)),
        )?;
    }
    Ok(())
}

/// A subject with non-ASCII text is accepted: SES encodes it with the Content's `Charset`
/// (decided `v2-subject-charset`). Without a Charset how SES encodes it is not documented, so an
/// advisory asks for one.
fn advise_subject(run: &mut Run, subject: Option<&Content>, field: &str) {
    let Some(subject) = subject else { return };
    let charset_given = subject
        .charset
        .as_deref()
        .is_some_and(|c| !c.trim().is_empty());
    if subject.data.as_deref().is_some_and(|s| !s.is_ascii()) && !charset_given {
        run.advisory(
            format!("{field}.Charset"),
            RequestProblem::SubjectNotAscii,
            "the subject has non-ASCII text but no Charset: give Charset UTF-8 so SES encodes \
             it, or it may arrive garbled",
        );
    }
}

/// Stage 6: v2 subject, headers and attachments; template data; v2 Raw content's message.
fn content(run: &mut Run, req: Req<'_>, facts: &Facts<'_>) -> Flow {
    match req {
        Req::SendEmail(r) => {
            let subject = r.message.as_ref().and_then(|m| m.subject.as_ref());
            let body = r.message.as_ref().and_then(|m| m.body.as_ref());
            check_charsets(run, subject, body, "Message")?;
            advise_subject(run, subject, "Message.Subject");
            advise_body(run, body, "Message.Body");
        }
        Req::SendTemplatedEmail(r) => {
            check_template_data(run, r.template_data.as_deref(), "TemplateData")?;
        }
        Req::V2(r) => {
            let Some(content) = &r.content else {
                return Ok(());
            };
            if let Some(simple) = &content.simple {
                check_charsets(
                    run,
                    simple.subject.as_ref(),
                    simple.body.as_ref(),
                    "Content.Simple",
                )?;
                advise_subject(run, simple.subject.as_ref(), "Content.Simple.Subject");
                check_headers(run, &simple.headers, "Content.Simple")?;
                check_attachments(run, &simple.attachments, "Content.Simple")?;
                advise_body(run, simple.body.as_ref(), "Content.Simple.Body");
            }
            if let Some(template) = &content.template {
                check_headers(run, &template.headers, "Content.Template")?;
                check_attachments(run, &template.attachments, "Content.Template")?;
                check_template_data(
                    run,
                    template.template_data.as_deref(),
                    "Content.Template.TemplateData",
                )?;
            }
            if let Some(data) = content.raw.as_ref().and_then(|raw| raw.data.as_deref()) {
                check_raw_content(run, decode_base64_message(data), facts)?;
            }
        }
    }
    Ok(())
}

/// v2 Raw content's base64 text, when the request has it.
fn raw_content(req: Req<'_>) -> Option<&str> {
    match req {
        Req::V2(r) => r.content.as_ref()?.raw.as_ref()?.data.as_deref(),
        Req::SendEmail(_) | Req::SendTemplatedEmail(_) => None,
    }
}

/// v2 Raw content: the message gets SendRawEmail's checks, with the request's envelope, its
/// configuration set and the account (decided `v2-raw-content`); the account's checks are
/// the raw message's, so the request's own account stages step aside for it.
fn check_raw_content(run: &mut Run, decoded: Option<Vec<u8>>, facts: &Facts<'_>) -> Flow {
    const FIELD: &str = "Content.Raw.Data";
    let Some(message) = decoded else {
        run.error(
            FIELD,
            RequestProblem::RawMessageNotBase64,
            invalid(msg::V2_RAW_NOT_BASE64),
        )?;
        return Ok(());
    };
    let mut options = RawOptions::new(Api::V2).context(*run.context);
    if let Some(source) = facts.sender.1 {
        options = options.source(source);
    }
    if let Some(destination) = facts.destination {
        for (_, list) in destination.lists() {
            options = options.destinations(list.iter().map(String::as_str));
        }
    }
    if let Some(name) = facts.configuration_set {
        options = options.configuration_set(name);
    }
    if !run.out.advising() {
        if let Err(error) = check_raw(&message, &options) {
            run.error(FIELD, RequestProblem::RawMessage, error)?;
        }
        return Ok(());
    }
    let report = report_raw(&message, &options);
    let mut place = |mut finding: Finding, errors: bool| {
        let envelope = envelope_field(&finding.field).is_some();
        // The envelope's address syntax was reported by the address stage already; its
        // account findings (an unverified sender or recipient) are the request's own.
        if envelope && !matches!(finding.reason, Reason::Request(_)) {
            return Ok(());
        }
        finding.field = match request_field(&finding.field, facts) {
            Some(field) => field,
            None => format!("{FIELD}.{}", finding.field),
        };
        match errors {
            true => run.out.error(|| finding),
            false => {
                run.out.advise(|| finding);
                Ok(())
            }
        }
    };
    for finding in report.errors {
        place(finding, true)?;
    }
    for finding in report.advisories {
        place(finding, false)?;
    }
    Ok(())
}

/// The request's own field for a raw report's envelope field: `Source` is the sender's field,
/// `Destinations[i]` the i-th address of the Destination's lists, `ConfigurationSetName` and
/// `account.quota` the request's. `None` for the message's own fields.
fn request_field(field: &str, facts: &Facts<'_>) -> Option<String> {
    if field == "ConfigurationSetName" || field.starts_with("account.") {
        return Some(field.to_string());
    }
    let (mut index, tail) = match envelope_field(field)? {
        EnvelopeField::Source(rest) => return Some(format!("{}{rest}", facts.sender.0)),
        EnvelopeField::Destination(index, tail) => (index, tail),
    };
    for (k, (_, list)) in facts.destination?.lists().into_iter().enumerate() {
        if index < list.len() {
            return Some(format!("{}[{index}]{tail}", facts.destination_fields[k]));
        }
        index -= list.len();
    }
    None
}

fn len(text: Option<&str>) -> u64 {
    text.map_or(0, |t| t.len() as u64)
}

fn body_len(body: Option<&Body>) -> u64 {
    body.map_or(0, |b| {
        len(b.text.as_ref().and_then(|c| c.data.as_deref()))
            + len(b.html.as_ref().and_then(|c| c.data.as_deref()))
    })
}

fn attachments_len(attachments: &[Attachment]) -> u64 {
    attachments
        .iter()
        .map(|a| len(a.raw_content.as_deref()))
        .sum()
}

/// Stage 7: the size of the message SES builds (decided: `simple-message-size`).
fn size(run: &mut Run, req: Req<'_>, _: &Facts<'_>) -> Flow {
    let (size, limit, field) = match req {
        Req::SendEmail(r) => {
            let Some(m) = &r.message else { return Ok(()) };
            let subject = len(m.subject.as_ref().and_then(|s| s.data.as_deref()));
            (
                subject + body_len(m.body.as_ref()),
                MAX_V1_MESSAGE,
                "Message",
            )
        }
        // The template's own size is not known here.
        Req::SendTemplatedEmail(_) => return Ok(()),
        Req::V2(r) => {
            let Some(content) = &r.content else {
                return Ok(());
            };
            let mut size = 0;
            if let Some(s) = &content.simple {
                size += len(s.subject.as_ref().and_then(|s| s.data.as_deref()));
                size += body_len(s.body.as_ref()) + attachments_len(&s.attachments);
            }
            // Raw content's size is the raw check's (content stage), on the decoded bytes.
            if let Some(t) = &content.template {
                if let Some(c) = &t.template_content {
                    size += len(c.subject.as_deref()) + len(c.text.as_deref());
                    size += len(c.html.as_deref());
                }
                size += attachments_len(&t.attachments);
            }
            (size, MAX_V2_MESSAGE, "Content")
        }
    };
    if size > limit {
        run.error(
            field,
            RequestProblem::MessageTooLong,
            invalid(msg::message_too_long(limit, size)),
        )?;
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
        Req::SendEmail(_) => None,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots() {
        let slot = Slot {
            name: "Destination.ToAddresses",
            index: Some(3),
        };
        assert_eq!(slot.to_string(), "Destination.ToAddresses[3]");
        assert_eq!(within(slot, "address"), "Destination.ToAddresses[3]");
        assert_eq!(within(slot, "domain"), "Destination.ToAddresses[3].domain");
    }
}
