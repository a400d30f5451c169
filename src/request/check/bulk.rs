//! Bulk sends' checks: the request's own, then each destination's (docs/requests.md#bulk-sends;
//! which failure goes where is decided, `bulk-request-or-entry`).

use super::content::{check_attachments, check_header_list, check_template_data};
use super::shape::Missing;
use super::*;
use crate::request::bulk::{
    BulkReport, BulkRequest, EntryResult, SendBulkTemplatedEmailRequest, V2SendBulkEmailRequest,
};

/// The most destinations one bulk send takes.
const MAX_DESTINATIONS: usize = 50;

/// SES's answer: the request's error, or each destination's result.
pub(crate) fn check(
    req: &BulkRequest,
    context: &Context<'_>,
) -> Result<Vec<EntryResult>, SesError> {
    let mut out = Collector::new(Mode::First);
    let _ = request_level(
        &mut Run {
            context,
            out: &mut out,
        },
        req,
    );
    if let Some(error) = out.into_first() {
        return Err(error);
    }
    let results = (0..req.len())
        .map(|i| {
            let mut out = Collector::new(Mode::First);
            let _ = entry(
                &mut Run {
                    context,
                    out: &mut out,
                },
                req,
                i,
                true,
            );
            EntryResult::of(out.into_first())
        })
        .collect();
    Ok(results)
}

/// Every finding: the request's, then each destination's.
pub(crate) fn report(req: &BulkRequest, context: &Context<'_>) -> BulkReport {
    let truncated = Reason::Request(RequestProblem::FindingsTruncated);
    let mut out = Collector::new(Mode::All);
    let _ = request_level(
        &mut Run {
            context,
            out: &mut out,
        },
        req,
    );
    let request = out.into_report("request", truncated);
    let request_ok = request.errors.is_empty();
    let entries = (0..req.len())
        .map(|i| {
            let mut out = Collector::new(Mode::All);
            let _ = entry(
                &mut Run {
                    context,
                    out: &mut out,
                },
                req,
                i,
                request_ok,
            );
            out.into_report("entry", truncated)
        })
        .collect();
    BulkReport { request, entries }
}

/// The request-level facts: the sender, Reply-To, return path, default tags and the set.
fn request_facts(req: &BulkRequest) -> Facts<'_> {
    match req {
        BulkRequest::V1(r) => Facts {
            api: Api::V1,
            sender: ("Source", r.source.as_deref(), r.source_arn.as_deref()),
            destination: None,
            reply_to: &r.reply_to_addresses,
            return_path: (
                "ReturnPath",
                r.return_path.as_deref(),
                r.return_path_arn.as_deref(),
            ),
            tags: ("DefaultTags", "defaultTags", &r.default_tags),
            configuration_set: r.configuration_set_name.as_deref(),
            configuration_set_field: "ConfigurationSetName",
            destination_fields: DESTINATION_FIELDS,
        },
        BulkRequest::V2(r) => Facts {
            api: Api::V2,
            sender: (
                "FromEmailAddress",
                r.from_email_address.as_deref(),
                r.from_email_address_identity_arn.as_deref(),
            ),
            destination: None,
            reply_to: &r.reply_to_addresses,
            return_path: (
                "FeedbackForwardingEmailAddress",
                r.feedback_forwarding_email_address.as_deref(),
                r.feedback_forwarding_email_address_identity_arn.as_deref(),
            ),
            tags: (
                "DefaultEmailTags",
                "defaultEmailTags",
                &r.default_email_tags,
            ),
            configuration_set: r.configuration_set_name.as_deref(),
            configuration_set_field: "ConfigurationSetName",
            destination_fields: DESTINATION_FIELDS,
        },
    }
}

/// The request's checks, in SES's order for a send (`request-check-order`).
fn request_level(run: &mut Run, req: &BulkRequest) -> Flow {
    // The shared stages look at the request only for v2 SendEmail's content: a neutral view.
    let empty = SendEmailRequest::default();
    let view = Req::SendEmail(&empty);
    let facts = request_facts(req);
    match req {
        BulkRequest::V1(r) => shape_v1(run, r)?,
        BulkRequest::V2(r) => shape_v2(run, r)?,
    }
    tags_stage(run, view, &facts)?;
    configuration_set_name(run, view, &facts)?;
    if let BulkRequest::V2(r) = req {
        if r.from_email_address.is_none() {
            run.error_explained(
                "FromEmailAddress",
                RequestProblem::MissingFrom,
                invalid(msg::SOURCE_CANNOT_BE_EMPTY),
                "FromEmailAddress is required in a bulk send".to_string(),
            )?;
        }
    }
    address_syntax(run, view, &facts)?;
    destination_count(run, req)?;
    match req {
        BulkRequest::V1(r) => check_template_data(
            run,
            r.default_template_data.as_deref(),
            "DefaultTemplateData",
        )?,
        BulkRequest::V2(r) => {
            let template = r.default_content.as_ref().and_then(|c| c.template.as_ref());
            if let Some(t) = template {
                const FIELD: &str = "DefaultContent.Template";
                check_header_list(run, &t.headers, "DefaultContent.Template.Headers")?;
                check_attachments(run, &t.attachments, FIELD)?;
                let data = t.template_data.as_deref();
                check_template_data(run, data, "DefaultContent.Template.TemplateData")?;
                #[cfg(feature = "templates")]
                if let Some(content) = &t.template_content {
                    let field = "DefaultContent.Template.TemplateContent";
                    super::templates::inline_checks(run, content, field)?;
                }
            }
        }
    }
    request_account(run, req, &facts)
}

/// Renders one destination's message (SES's merge of the default and the replacement data
/// first): a `rendering-failure` advisory when SES would drop it (docs/rendering.md).
#[cfg(feature = "templates")]
fn render_entry(run: &mut Run, req: &BulkRequest, i: usize) {
    use super::templates::{inline_template, render_entry, Source};
    match req {
        BulkRequest::V1(r) => {
            let Some(name) = r.template.as_deref() else {
                return;
            };
            let d = &r.destinations.as_deref().unwrap_or_default()[i];
            let replacement = d.replacement_template_data.as_deref();
            let defaults = r.default_template_data.as_deref();
            render_entry(
                run,
                &Source::Stored(name),
                defaults,
                replacement,
                "ReplacementTemplateData",
            );
        }
        BulkRequest::V2(r) => {
            let Some(t) = r.default_content.as_ref().and_then(|c| c.template.as_ref()) else {
                return;
            };
            let source = match (&t.template_content, t.template_name.as_deref()) {
                (Some(content), _) => Source::Inline(inline_template(content)),
                (None, Some(name)) => Source::Stored(name),
                (None, None) => return,
            };
            let e = &r.bulk_email_entries.as_deref().unwrap_or_default()[i];
            let replacement = e.replacement_email_content.as_ref().and_then(|c| {
                c.replacement_template
                    .as_ref()?
                    .replacement_template_data
                    .as_deref()
            });
            let field = "ReplacementEmailContent.ReplacementTemplate.ReplacementTemplateData";
            render_entry(run, &source, t.template_data.as_deref(), replacement, field);
        }
    }
}

/// v1: the absent members (one ValidationError), Template with TemplateArn, a destination
/// without replacement data.
fn shape_v1(run: &mut Run, r: &SendBulkTemplatedEmailRequest) -> Flow {
    let mut missing = Missing::default();
    // The reverse of the model's order, as for SendEmail (`validation-member-order`).
    missing.need(&r.destinations, "destinations", "Destinations");
    let data = &r.default_template_data;
    missing.need(data, "defaultTemplateData", "DefaultTemplateData");
    missing.need(&r.template, "template", "Template");
    missing.need(&r.source, "source", "Source");
    missing.tags(&r.default_tags, "defaultTags", "DefaultTags");
    for (i, d) in r.destinations.iter().flatten().enumerate() {
        let (ses, field) = (
            format!("destinations.{}.member", i + 1),
            format!("Destinations[{i}]"),
        );
        missing.need(
            &d.destination,
            format!("{ses}.destination"),
            format!("{field}.Destination"),
        );
        missing.tags(
            &d.replacement_tags,
            &format!("{ses}.replacementTags"),
            &format!("{field}.ReplacementTags"),
        );
    }
    missing.report(run)?;
    if r.template.is_some() && r.template_arn.is_some() {
        let error = SesError::new(
            ErrorCode::InvalidParameterCombination,
            msg::parameters_exclusive("Template", "TemplateArn"),
        );
        run.error("TemplateArn", RequestProblem::ExclusiveMembers, error)?;
    }
    for (i, d) in r.destinations.iter().flatten().enumerate() {
        if d.replacement_template_data.is_none() {
            run.error_explained(
                format!("Destinations[{i}].ReplacementTemplateData"),
                RequestProblem::ReplacementDataAbsent,
                invalid(msg::BULK_TEMPLATE_DATA_INVALID),
                "every destination needs ReplacementTemplateData (\"{}\" takes the \
                 DefaultTemplateData): SES answers The template data is invalid"
                    .to_string(),
            )?;
        }
    }
    Ok(())
}

/// v2: the absent members (one ValidationError), then the default content's form.
fn shape_v2(run: &mut Run, r: &V2SendBulkEmailRequest) -> Flow {
    let mut missing = Missing::default();
    let entries = &r.bulk_email_entries;
    missing.need(entries, "bulkEmailEntries", "BulkEmailEntries");
    missing.need(&r.default_content, "defaultContent", "DefaultContent");
    let template = r.default_content.as_ref().and_then(|c| c.template.as_ref());
    if let Some(t) = template {
        let (ses, field) = ("defaultContent.template", "DefaultContent.Template");
        missing.headers(&t.headers, ses, field);
        missing.attachments(&t.attachments, ses, field);
    }
    missing.tags(
        &r.default_email_tags,
        "defaultEmailTags",
        "DefaultEmailTags",
    );
    for (i, e) in entries.iter().flatten().enumerate() {
        let ses = format!("bulkEmailEntries.{}.member", i + 1);
        let field = format!("BulkEmailEntries[{i}]");
        missing.need(
            &e.destination,
            format!("{ses}.destination"),
            format!("{field}.Destination"),
        );
        missing.tags(
            &e.replacement_tags,
            &format!("{ses}.replacementTags"),
            &format!("{field}.ReplacementTags"),
        );
        missing.names_and_values(
            e.replacement_headers.iter().map(|h| (&h.name, &h.value)),
            &format!("{ses}.replacementHeaders"),
            &format!("{field}.ReplacementHeaders"),
        );
    }
    missing.report(run)?;
    let Some(content) = &r.default_content else {
        return Ok(());
    };
    match &content.template {
        None => run.error(
            "DefaultContent",
            RequestProblem::BulkContent,
            invalid(msg::BULK_NO_TEMPLATE),
        ),
        Some(t) => {
            let named = t.template_name.is_some() || t.template_arn.is_some();
            match named == t.template_content.is_some() {
                true => run.error(
                    "DefaultContent.Template",
                    RequestProblem::ContentShape,
                    invalid(msg::TEMPLATE_SHAPE),
                ),
                false => Ok(()),
            }
        }
    }
}

/// More than 50 destinations; an empty list only advises (`bulk-no-destinations`).
fn destination_count(run: &mut Run, req: &BulkRequest) -> Flow {
    let (field, present) = match req {
        BulkRequest::V1(r) => ("Destinations", r.destinations.is_some()),
        BulkRequest::V2(r) => ("BulkEmailEntries", r.bulk_email_entries.is_some()),
    };
    if present && req.len() == 0 {
        let error = invalid(msg::BULK_NO_DESTINATIONS);
        run.error(field, RequestProblem::NoDestinations, error)?;
    }
    if req.len() > MAX_DESTINATIONS {
        let error = invalid(msg::BULK_TOO_MANY_DESTINATIONS);
        run.error(field, RequestProblem::TooManyDestinations, error)?;
    }
    Ok(())
}

/// The account's checks that concern the whole request: the template's and configuration
/// set's existence, the sender's identities, the sending state, MAIL FROM. The quota is the
/// destinations'.
fn request_account(run: &mut Run, req: &BulkRequest, facts: &Facts<'_>) -> Flow {
    let mut context = Context::new().with_time(run.context.time());
    if let Some(account) = run.context.account() {
        context = context.with_account(account);
    }
    #[cfg(feature = "templates")]
    if let Some(store) = run.context.templates() {
        context = context.with_templates(store);
    }
    let template = match req {
        BulkRequest::V1(r) => r.template.as_deref().map(|t| (t, "Template")),
        BulkRequest::V2(r) => r
            .default_content
            .as_ref()
            .and_then(|c| c.template.as_ref()?.template_name.as_deref())
            .map(|t| (t, "DefaultContent.Template.TemplateName")),
    };
    let send = SendFacts {
        sender: Identity {
            field: facts.sender.0,
            address: facts.sender.1,
            arn: facts.sender.2,
        },
        return_path: Identity {
            field: facts.return_path.0,
            address: facts.return_path.1,
            arn: facts.return_path.2,
        },
        configuration_set: facts
            .configuration_set
            .map(|name| (name, facts.configuration_set_field)),
        template,
        ..SendFacts::default()
    };
    checks::check(&context, &send, run.out)
}

/// One destination's checks, its fields relative to it: its replacement tags, its addresses,
/// its recipient count, its replacement data and headers, then (when the request has no
/// error) the sandbox's recipients and the quota.
fn entry(run: &mut Run, req: &BulkRequest, i: usize, request_ok: bool) -> Flow {
    let empty = SendEmailRequest::default();
    let view = Req::SendEmail(&empty);
    let (destination, tags) = match req {
        BulkRequest::V1(r) => {
            let d = &r.destinations.as_deref().unwrap_or_default()[i];
            (d.destination.as_ref(), &d.replacement_tags)
        }
        BulkRequest::V2(r) => {
            let e = &r.bulk_email_entries.as_deref().unwrap_or_default()[i];
            (e.destination.as_ref(), &e.replacement_tags)
        }
    };
    let facts = Facts {
        api: req.api(),
        sender: ("Source", None, None),
        destination,
        reply_to: &[],
        return_path: ("ReturnPath", None, None),
        tags: ("ReplacementTags", "replacementTags", tags),
        configuration_set: None,
        configuration_set_field: "ConfigurationSetName",
        destination_fields: DESTINATION_FIELDS,
    };
    tags_stage(run, view, &facts)?;
    address_syntax(run, view, &facts)?;
    recipient_count_stage(run, view, &facts)?;
    match req {
        BulkRequest::V1(r) => {
            let d = &r.destinations.as_deref().unwrap_or_default()[i];
            let data = d.replacement_template_data.as_deref();
            check_template_data(run, data, "ReplacementTemplateData")?;
        }
        BulkRequest::V2(r) => {
            let e = &r.bulk_email_entries.as_deref().unwrap_or_default()[i];
            check_header_list(run, &e.replacement_headers, "ReplacementHeaders")?;
            let data = e.replacement_email_content.as_ref().and_then(|c| {
                c.replacement_template
                    .as_ref()?
                    .replacement_template_data
                    .as_deref()
            });
            let field = "ReplacementEmailContent.ReplacementTemplate.ReplacementTemplateData";
            check_template_data(run, data, field)?;
        }
    }
    #[cfg(feature = "templates")]
    if request_ok {
        render_entry(run, req, i);
    }
    let (true, Some(destination)) = (request_ok, destination) else {
        return Ok(());
    };
    let lists = destination.lists();
    let send = SendFacts {
        recipients: [
            (facts.destination_fields[0], lists[0].1),
            (facts.destination_fields[1], lists[1].1),
            (facts.destination_fields[2], lists[2].1),
        ],
        ..SendFacts::default()
    };
    checks::check(run.context, &send, run.out)
}
