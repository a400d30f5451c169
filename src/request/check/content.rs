//! Stages 6 and 7: the content (v2 subject, headers and attachments; template data; v2 Raw
//! content's message) and the size of the message SES builds.

use super::*;

/// The v2 custom headers' problems.
fn check_headers(run: &mut Run, headers: &[MessageHeader], field: &str) -> Flow {
    check_header_list(run, headers, &format!("{field}.Headers"))
}

/// The problems of the v2 custom headers at `field` (`Content.Simple.Headers`).
pub(super) fn check_header_list(run: &mut Run, headers: &[MessageHeader], field: &str) -> Flow {
    if headers.len() > MAX_HEADERS {
        run.error(
            field,
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
                    format!("{field}[{i}].Name"),
                    RequestProblem::HeaderName,
                    invalid(msg::header_name_invalid(n)),
                )?;
            }
        }
        if let Some(v) = header.value.as_deref() {
            let valid = v.len() <= 995 && v.bytes().all(|b| (0x20..=0x7E).contains(&b));
            if !valid {
                run.error(
                    format!("{field}[{i}].Value"),
                    RequestProblem::HeaderValue,
                    invalid(msg::header_value_invalid(name.unwrap_or_default())),
                )?;
            } else if let Some(n) = name {
                if n.len() + v.len() > 996 {
                    run.error(
                        format!("{field}[{i}]"),
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
pub(super) fn check_attachments(run: &mut Run, attachments: &[Attachment], field: &str) -> Flow {
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

pub(super) fn check_template_data(run: &mut Run, data: Option<&str>, field: &str) -> Flow {
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
pub(super) fn content(run: &mut Run, req: Req<'_>, facts: &Facts<'_>) -> Flow {
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
            #[cfg(feature = "templates")]
            super::templates::templated(run, req)?;
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
                #[cfg(feature = "templates")]
                super::templates::templated(run, req)?;
            }
            if let Some(data) = content.raw.as_ref().and_then(|raw| raw.data.as_deref()) {
                check_raw_content(run, decode_base64_message(data), facts)?;
            }
        }
        Req::SendRaw(_) => {}
    }
    Ok(())
}

/// v2 Raw content's base64 text, when the request has it.
pub(super) fn raw_content(req: Req<'_>) -> Option<&str> {
    match req {
        Req::V2(r) => r.content.as_ref()?.raw.as_ref()?.data.as_deref(),
        Req::SendEmail(_) | Req::SendTemplatedEmail(_) | Req::SendRaw(_) => None,
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
pub(super) fn size(run: &mut Run, req: Req<'_>, _: &Facts<'_>) -> Flow {
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
        Req::SendTemplatedEmail(_) | Req::SendRaw(_) => return Ok(()),
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
