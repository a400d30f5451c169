//! Stage 6, templates (docs/rendering.md): template data SES cannot read, v2 inline templates
//! beyond simple substitution, and — with the stored templates in the context — the
//! Rendering Failure SES reports only after it has accepted the send.

use super::*;
use crate::report::Stop;
use crate::template::{check_inline, merge, InlineProblem, Part, RenderFailure, Template};
use crate::texts::template as tmsg;
use serde_json::Value;

/// What a templated send renders.
pub(super) enum Source<'a> {
    /// A stored template, by name.
    Stored(&'a str),
    /// v2 inline content.
    Inline(Template),
}

/// An inline template made from v2 `TemplateContent`.
pub(super) fn inline_template(content: &crate::request::TemplateContent) -> Template {
    Template {
        name: "(inline)".to_string(),
        subject: content.subject.clone(),
        text: content.text.clone(),
        html: content.html.clone(),
    }
}

/// SendTemplatedEmail and v2 SendEmail with Template content.
pub(super) fn templated(run: &mut Run, req: Req<'_>) -> Flow {
    match req {
        Req::SendTemplatedEmail(r) => {
            let data = data_of(run, r.template_data.as_deref(), "TemplateData", Api::V1)?;
            if let (Some(data), Some(name)) = (data, r.template.as_deref()) {
                render(run, &Source::Stored(name), &data, "TemplateData");
            }
            Ok(())
        }
        Req::V2(r) => {
            let Some(t) = r.content.as_ref().and_then(|c| c.template.as_ref()) else {
                return Ok(());
            };
            let source = match (&t.template_content, t.template_name.as_deref()) {
                (Some(content), _) => {
                    let before = run.out.error_count();
                    inline_checks(run, content, "Content.Template.TemplateContent")?;
                    if run.out.error_count() > before {
                        // SES refuses the send: there is nothing to render.
                        return Ok(());
                    }
                    Source::Inline(inline_template(content))
                }
                (None, Some(name)) => Source::Stored(name),
                (None, None) => return Ok(()),
            };
            let field = "Content.Template.TemplateData";
            let data = match t.template_data.as_deref() {
                Some(text) => data_of(run, Some(text), field, Api::V2)?,
                None => Some(Value::Object(Default::default())),
            };
            if let Some(data) = data {
                render(run, &source, &data, field);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// v2 inline content: a refused form is SES's error, an unknown one an advisory.
pub(super) fn inline_checks(
    run: &mut Run,
    content: &crate::request::TemplateContent,
    field: &str,
) -> Flow {
    let parts = [
        ("Subject", content.subject.as_deref()),
        ("Text", content.text.as_deref()),
        ("Html", content.html.as_deref()),
    ];
    for (name, text) in parts {
        let Some(text) = text else { continue };
        match check_inline(text) {
            Ok(()) => {}
            Err(problem @ InlineProblem::Unsupported(_)) => {
                let error = invalid(tmsg::UNSUPPORTED_OPERATIONS);
                let message = format!("{problem}: SES answers {}", tmsg::UNSUPPORTED_OPERATIONS);
                run.error_explained(
                    format!("{field}.{name}"),
                    RequestProblem::InlineTemplateUnsupported,
                    error,
                    message,
                )?;
            }
            Err(problem @ InlineProblem::Unknown(_)) => run.advisory(
                format!("{field}.{name}"),
                RequestProblem::InlineTemplateForm,
                &problem.to_string(),
            ),
        }
    }
    Ok(())
}

/// The data as SES reads it: `None` when it cannot be read (v2: SES's error, seen; v1: an
/// advisory, decided `v1-template-data-json`).
pub(super) fn data_of(
    run: &mut Run,
    text: Option<&str>,
    field: &str,
    api: Api,
) -> Result<Option<Value>, Stop> {
    let Some(text) = text else { return Ok(None) };
    if text.len() > MAX_TEMPLATE_DATA && text.chars().count() > MAX_TEMPLATE_DATA {
        // Over SES's limit: that error comes first, and the data is not read.
        return Ok(None);
    }
    match serde_json::from_str::<Value>(text) {
        Ok(value) if value.is_object() => Ok(Some(value)),
        Ok(_) => {
            run.advisory(
                field,
                RequestProblem::TemplateDataNotJson,
                "the template data is JSON but not an object: SES cannot render a template with it",
            );
            Ok(None)
        }
        Err(e) if api == Api::V2 => {
            let message = format!(
                "the template data is not JSON ({e}): SES answers {}",
                tmsg::UNABLE_TO_PARSE_TEMPLATE_DATA
            );
            let error = invalid(tmsg::UNABLE_TO_PARSE_TEMPLATE_DATA);
            run.error_explained(field, RequestProblem::TemplateDataNotJson, error, message)?;
            Ok(None)
        }
        Err(e) => {
            run.advisory(
                field,
                RequestProblem::TemplateDataNotJson,
                &format!("the template data is not JSON ({e}): SES cannot render the message"),
            );
            Ok(None)
        }
    }
}

/// Renders the template with `data` and reports what SES would do with the message: nothing
/// when it renders or the template is not known here.
pub(super) fn render(run: &mut Run, source: &Source<'_>, data: &Value, field: &str) {
    if !run.out.advising() {
        return;
    }
    let stored;
    let template = match source {
        Source::Inline(t) => t,
        Source::Stored(name) => {
            let Some(found) = run.context.templates().and_then(|s| s.get(name)) else {
                return;
            };
            stored = found;
            stored
        }
    };
    if let Err(failure) = template.render_value(data) {
        report_failure(run, &template.name, &failure, field);
    }
}

/// Renders a bulk destination: SES's merge of the default and the replacement data first.
pub(super) fn render_entry(
    run: &mut Run,
    source: &Source<'_>,
    defaults: Option<&str>,
    replacement: Option<&str>,
    field: &str,
) {
    if !run.out.advising() {
        return;
    }
    let parse = |text: Option<&str>| {
        text.map_or(Some(Value::Object(Default::default())), |t| {
            serde_json::from_str::<Value>(t)
                .ok()
                .filter(Value::is_object)
        })
    };
    // Unreadable data is the request's own finding (or the destination's error).
    let (Some(defaults), Some(replacement)) = (parse(defaults), parse(replacement)) else {
        return;
    };
    render(run, source, &merge(&defaults, &replacement), field);
}

fn report_failure(run: &mut Run, name: &str, failure: &RenderFailure, field: &str) {
    match failure {
        RenderFailure::MissingAttribute { part, .. } => {
            let which = match part {
                Part::Subject => "subject",
                Part::Text => "text part",
                Part::Html => "HTML part",
            };
            run.advisory(
                field,
                RequestProblem::RenderingFailure,
                &format!(
                    "SES accepts this send and answers with a MessageId, but cannot render the \
                     {which} of template {name} and drops the message; its Rendering Failure \
                     event says: {failure}"
                ),
            );
        }
        other => run.advisory(
            field,
            RequestProblem::TemplateNotRenderable,
            &format!("template {name} is not rendered here: {other}"),
        ),
    }
}
