//! Stages 1 to 3: the request's shape (required and exclusive members), its tags, and its
//! configuration set's name.

use super::*;

/// Required members that are absent: SES's path (`message.subject`) and ours
/// (`Message.Subject`).
#[derive(Default)]
pub(super) struct Missing(Vec<(String, String)>);

impl Missing {
    pub(super) fn need<T>(
        &mut self,
        value: &Option<T>,
        ses: impl fmt::Display,
        field: impl fmt::Display,
    ) {
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
    pub(super) fn names_and_values<'a>(
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

    pub(super) fn tags(&mut self, tags: &[MessageTag], ses: &str, field: &str) {
        let pairs = tags.iter().map(|t| (&t.name, &t.value));
        self.names_and_values(pairs, ses, field);
    }

    pub(super) fn headers(&mut self, headers: &[MessageHeader], ses: &str, field: &str) {
        let pairs = headers.iter().map(|h| (&h.name, &h.value));
        self.names_and_values(
            pairs,
            &format!("{ses}.headers"),
            &format!("{field}.Headers"),
        );
    }

    pub(super) fn attachments(&mut self, attachments: &[Attachment], ses: &str, field: &str) {
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
    pub(super) fn report(self, run: &mut Run) -> Flow {
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
pub(super) fn shape(run: &mut Run, req: Req<'_>, facts: &Facts<'_>) -> Flow {
    let mut missing = Missing::default();
    match req {
        Req::SendEmail(r) => shape_send_email(r, &mut missing),
        Req::SendTemplatedEmail(r) => shape_templated(r, &mut missing),
        Req::V2(r) => shape_v2(r, &mut missing),
        Req::SendRaw(_) => {}
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
pub(super) fn tags_stage(run: &mut Run, _: Req<'_>, facts: &Facts<'_>) -> Flow {
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
pub(super) fn configuration_set_name(run: &mut Run, _: Req<'_>, facts: &Facts<'_>) -> Flow {
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
