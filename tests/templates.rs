//! Template rendering as SES renders it, and the Rendering Failure it reports after accepting a
//! send: the table `tests/cases/templates.jsonl` (each row with its source), the v2 bulk merge,
//! inline templates, template files, and hostile templates.
#![cfg(feature = "templates")]

use serde_json::{json, Value};
use ses_presend::template::{
    check_inline, merge, InlineProblem, Part, RenderFailure, Template, TemplateStore,
};

fn part_of(name: &str) -> Part {
    match name {
        "subject" => Part::Subject,
        "text" => Part::Text,
        "html" => Part::Html,
        other => panic!("unknown part {other}"),
    }
}

#[test]
fn table_of_renders_and_failures() {
    let text = std::fs::read_to_string("tests/cases/templates.jsonl").unwrap();
    let mut rows = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let row: Value = serde_json::from_str(line).unwrap();
        let what = row["what"].as_str().unwrap();
        assert!(
            row["source"].as_str().is_some_and(|s| !s.is_empty()),
            "{what}: no source"
        );
        let t = &row["template"];
        let mut template = Template::new("row");
        if let Some(s) = t["subject"].as_str() {
            template = template.with_subject(s);
        }
        if let Some(s) = t["text"].as_str() {
            template = template.with_text(s);
        }
        if let Some(s) = t["html"].as_str() {
            template = template.with_html(s);
        }
        let result = template.render(row["data"].as_str().unwrap());
        match (&row["failure"], &row["rendered"]) {
            (Value::String(failure), _) => {
                let err = result.expect_err(what);
                assert_eq!(&err.to_string(), failure, "{what}");
                let part = part_of(row["part"].as_str().unwrap());
                assert!(
                    matches!(err, RenderFailure::MissingAttribute { part: p, .. } if p == part),
                    "{what}: {err:?}"
                );
            }
            (_, Value::Object(expected)) => {
                let rendered = result.unwrap_or_else(|e| panic!("{what}: {e}"));
                assert_eq!(
                    rendered.subject,
                    expected["subject"].as_str().unwrap(),
                    "{what}"
                );
                assert_eq!(
                    rendered.text.as_deref(),
                    expected.get("text").and_then(Value::as_str),
                    "{what}"
                );
                assert_eq!(
                    rendered.html.as_deref(),
                    expected.get("html").and_then(Value::as_str),
                    "{what}"
                );
            }
            _ => panic!("{what}: neither failure nor rendered"),
        }
        rows += 1;
    }
    assert!(rows >= 13, "only {rows} rows");
}

/// Seen against SES v2 (aws-ses-v2-local's test checked on real SES, 2026-07-24): per-key merge.
#[test]
fn bulk_merge_then_render() {
    let defaults =
        json!({"name": "Default", "d": {"e": {"f": "defF", "g": "defG"}}, "items": ["a", "b"]});
    let replacement = json!({"name": "Ann", "d": {"e": {"f": "repF"}}, "items": ["c"]});
    let merged = merge(&defaults, &replacement);
    let template = Template::new("t")
        .with_subject("s")
        .with_text("f={{d.e.f}} g={{d.e.g}} items=[{{#each items}}{{this}},{{/each}}]");
    let rendered = template.render_value(&merged).unwrap();
    assert_eq!(rendered.text.as_deref(), Some("f=repF g=defG items=[c,]"));
    // An empty replacement keeps the defaults.
    assert_eq!(merge(&defaults, &json!({})), defaults);
}

#[test]
fn inline_templates_take_simple_substitution_only() {
    // Seen refused: https://github.com/aws/aws-sdk-js-v3/issues/6657 (2024-11-13).
    for refused in [
        "{{#if var}}{{var}}{{/if}}",
        "{{no_reply}}",
        "{{contact.name}}",
    ] {
        assert!(
            matches!(check_inline(refused), Err(InlineProblem::Unsupported(_))),
            "{refused}"
        );
    }
    // camelCase was seen to pass.
    assert!(check_inline("Hi {{noReply}}, {{firstName}}").is_ok());
    for unknown in [
        "{{{raw}}}",
        "{{> p}}",
        "{{x-y}}",
        "{{open",
        "{{! see example.com }}",
        "{{> my_partial}}",
        "{{{first_name}}}",
        "{{x \"a.b\"}}",
    ] {
        assert!(
            matches!(check_inline(unknown), Err(InlineProblem::Unknown(_))),
            "{unknown}"
        );
    }
}

#[test]
fn template_files_of_both_clis() {
    let dir = std::env::temp_dir().join(format!("ses-presend-templates-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("welcome.json"),
        r#"{"Template": {"TemplateName": "welcome", "SubjectPart": "Hi {{name}}", "TextPart": "x", "HtmlPart": "<p>{{name}}</p>"}}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("news.json"),
        r#"{"TemplateName": "news", "TemplateContent": {"Subject": "News", "Html": "{{story}}"}}"#,
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "not a template").unwrap();
    let store = TemplateStore::from_dir(&dir).unwrap();
    assert_eq!(store.names().collect::<Vec<_>>(), ["news", "welcome"]);
    let failure = store.get("news").unwrap().render("{}").unwrap_err();
    assert_eq!(
        failure.to_string(),
        "Attribute 'story' is not present in the rendering data."
    );
    std::fs::write(
        dir.join("bad.json"),
        r#"{"Template": {"SubjectPart": "x"}}"#,
    )
    .unwrap();
    let err = TemplateStore::from_dir(&dir).unwrap_err();
    assert!(err.to_string().contains("bad.json") && err.to_string().contains("TemplateName"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Hostile templates and data get an answer, never a panic, a hang or unbounded memory.
#[test]
fn hostile_templates_are_bounded() {
    let deep = "{{#if a}}".repeat(10_000) + &"{{/if}}".repeat(10_000);
    let err = Template::new("t")
        .with_subject(deep)
        .render("{}")
        .unwrap_err();
    assert!(matches!(err, RenderFailure::TooLarge(_)), "{err:?}");

    let cycle = "{{#*inline \"a\"}}{{> b}}{{/inline}}{{#*inline \"b\"}}{{> a}}{{/inline}}{{> a}}";
    let err = Template::new("t")
        .with_subject(cycle)
        .render("{}")
        .unwrap_err();
    assert!(matches!(err, RenderFailure::Syntax { .. }), "{err:?}");

    // 100 000 items × a 1 KB body: over the output bound, stopped.
    let big = "x".repeat(1024);
    let items: Vec<u32> = (0..100_000).collect();
    let data = json!({ "items": items }).to_string();
    let t = Template::new("t")
        .with_subject("s")
        .with_html(format!("{{{{#each items}}}}{big}{{{{/each}}}}"));
    assert!(matches!(
        t.render(&data).unwrap_err(),
        RenderFailure::TooLarge(_)
    ));

    // Partials that multiply without a cycle, and nested `#each` over a long list: bounded
    // before any work (found by review).
    let mut chain = String::from("{{#*inline \"p0\"}}x{{/inline}}");
    for i in 1..40 {
        let (a, b) = (i, i - 1);
        chain.push_str(&format!(
            "{{{{#*inline \"p{a}\"}}}}{{{{> p{b}}}}}{{{{> p{b}}}}}{{{{/inline}}}}"
        ));
    }
    chain.push_str("{{> p39}}");
    let err = Template::new("t")
        .with_subject(chain)
        .render("{}")
        .unwrap_err();
    assert!(matches!(err, RenderFailure::TooLarge(_)), "{err:?}");
    let items: Vec<u32> = (0..2_000).collect();
    let data = json!({ "a": items }).to_string();
    let nested = "{{#each @root.a}}{{#each @root.a}}{{/each}}{{/each}}";
    let err = Template::new("t")
        .with_subject(nested)
        .render(&data)
        .unwrap_err();
    assert!(matches!(err, RenderFailure::TooLarge(_)), "{err:?}");

    let err = Template::new("t")
        .with_subject("x".repeat(600 * 1024))
        .render("{}")
        .unwrap_err();
    assert!(matches!(err, RenderFailure::TooLarge(_)));
    assert!(matches!(
        Template::new("t")
            .with_subject("{{x")
            .render("{}")
            .unwrap_err(),
        RenderFailure::Syntax {
            part: Part::Subject,
            ..
        }
    ));
    assert!(matches!(
        Template::new("t")
            .with_subject("x")
            .render("[1]")
            .unwrap_err(),
        RenderFailure::InvalidData(_)
    ));
}

fn store() -> TemplateStore {
    let mut store = TemplateStore::new();
    store.insert(
        Template::new("welcome")
            .with_subject("Welcome, {{name}}")
            .with_html("<p>Your favorite color is {{favoritecolor}}</p>"),
    );
    store
}

fn advice_of(report: &ses_presend::Report, reason: &str) -> Vec<(String, String)> {
    report
        .advisories
        .iter()
        .filter(|f| f.reason.as_str() == reason)
        .map(|f| (f.field.clone(), f.message.clone()))
        .collect()
}

/// SES accepts the send (check_email is Ok) and the report says the message will be dropped.
#[test]
fn templated_sends_with_the_stored_templates() {
    use ses_presend::request::{Request, RequestKind};
    use ses_presend::Context;
    let store = store();
    let context = Context::new().with_templates(&store);
    let json = r#"{"Source": "ops@example.com", "Destination": {"ToAddresses": ["bob@example.org"]},
                   "Template": "welcome", "TemplateData": "{\"name\": \"Bob\"}"}"#;
    let req = Request::from_json(RequestKind::SendTemplatedEmail, json).unwrap();
    assert!(context.check_email(&req).is_ok());
    let report = context.report_email(&req);
    assert!(report.errors.is_empty());
    let lost = advice_of(&report, "rendering-failure");
    assert_eq!(lost.len(), 1);
    assert_eq!(lost[0].0, "TemplateData");
    assert!(lost[0]
        .1
        .contains("Attribute 'favoritecolor' is not present in the rendering data."));
    assert!(lost[0].1.contains("MessageId") && lost[0].1.contains("HTML part of template welcome"));

    // With every attribute, nothing to say; a template the store lacks does not exist.
    let full = json.replace(
        r#"\"name\": \"Bob\""#,
        r#"\"name\": \"Bob\", \"favoritecolor\": \"red\""#,
    );
    let req = Request::from_json(RequestKind::SendTemplatedEmail, &full).unwrap();
    assert!(advice_of(&context.report_email(&req), "rendering-failure").is_empty());
    let other = json.replace("welcome", "goodbye");
    let req = Request::from_json(RequestKind::SendTemplatedEmail, &other).unwrap();
    assert_eq!(
        context.check_email(&req).unwrap_err().message,
        "Template goodbye does not exist"
    );
    // v1 data that is not JSON: SES's answer is not known, so advice only.
    let broken = json.replace(r#"{\"name\": \"Bob\"}"#, "{");
    let req = Request::from_json(RequestKind::SendTemplatedEmail, &broken).unwrap();
    assert!(context.check_email(&req).is_ok());
    assert_eq!(
        advice_of(&context.report_email(&req), "template-data-not-json").len(),
        1
    );
}

#[test]
fn v2_inline_templates_and_their_data() {
    use ses_presend::request::{Request, RequestKind};
    use ses_presend::{check_email, report_email};
    let request = |content: &str, data: &str| {
        let json = format!(
            r#"{{"FromEmailAddress": "ops@example.com", "Destination": {{"ToAddresses": ["b@example.org"]}},
                "Content": {{"Template": {{"TemplateContent": {content}, "TemplateData": {data}}}}}}}"#
        );
        Request::from_json(RequestKind::V2SendEmail, &json).unwrap()
    };
    // Seen: https://github.com/aws/aws-sdk-js-v3/issues/6657 (2024-11-13).
    let req = request(
        r#"{"Subject": "Hi", "Html": "{{#if vip}}VIP{{/if}}"}"#,
        r#""{}""#,
    );
    let err = check_email(&req).unwrap_err();
    assert_eq!(
        (err.code.name_on(ses_presend::Api::V2), err.message.as_ref()),
        (
            "BadRequestException",
            "Template contains unsupported operations."
        )
    );
    // Seen: https://github.com/aws/aws-cli/issues/6349 (2021-08-22).
    let req = request(r#"{"Subject": "Hi {{name}}"}"#, r#""{\"name\": ""#);
    assert_eq!(
        check_email(&req).unwrap_err().message,
        "Unable to parse template data (invalid JSON)."
    );
    // An inline template renders too: a missing attribute loses the message.
    let req = request(r#"{"Subject": "Hi {{name}}", "Text": "x"}"#, r#""{}""#);
    assert!(check_email(&req).is_ok());
    let lost = advice_of(&report_email(&req), "rendering-failure");
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert!(lost[0].1.contains("Attribute 'name' is not present"));
}

/// Each destination is rendered with SES's merge of the default and its replacement data.
#[test]
fn bulk_destinations_are_rendered_one_by_one() {
    use ses_presend::request::bulk::{report_bulk, BulkRequest};
    use ses_presend::{Api, Context};
    let store = store();
    let context = Context::new().with_templates(&store);
    let json = r#"{"FromEmailAddress": "ops@example.com",
        "DefaultContent": {"Template": {"TemplateName": "welcome", "TemplateData": "{\"name\": \"friend\"}"}},
        "BulkEmailEntries": [
            {"Destination": {"ToAddresses": ["a@example.org"]},
             "ReplacementEmailContent": {"ReplacementTemplate": {"ReplacementTemplateData": "{\"favoritecolor\": \"red\"}"}}},
            {"Destination": {"ToAddresses": ["b@example.org"]},
             "ReplacementEmailContent": {"ReplacementTemplate": {"ReplacementTemplateData": "{\"name\": \"Bo\"}"}}}
        ]}"#;
    let req = BulkRequest::from_json(Api::V2, json).unwrap();
    let report = report_bulk(&req, &context);
    assert!(report.request.errors.is_empty());
    assert!(advice_of(&report.entries[0], "rendering-failure").is_empty());
    let lost = advice_of(&report.entries[1], "rendering-failure");
    assert_eq!(lost.len(), 1, "{:?}", report.entries[1]);
    assert!(lost[0]
        .1
        .contains("Attribute 'favoritecolor' is not present"));
}
