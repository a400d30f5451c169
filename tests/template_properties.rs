//! Properties of the renderer: for any template built from variables, `#if`/`else` and
//! `#each` blocks, and any data, rendering answers without panicking, and it predicts no
//! failure exactly when every variable the template evaluates is present (not absent, not
//! `null`). The evaluated variables are found by a small evaluator of the generated template,
//! written here independently of the engine.
#![cfg(feature = "templates")]

use proptest::prelude::*;
use serde_json::{Map, Value};
use ses_presend::template::{RenderFailure, Template};

const NAMES: [&str; 5] = ["a", "b", "c", "d", "e"];

/// A generated template.
#[derive(Debug, Clone)]
enum Node {
    Text(String),
    Var(usize),
    If(usize, Vec<Node>, Vec<Node>),
    /// `{{#each name}}` over a list of objects; inside, `{{name}}` looks in the item first.
    Each(usize, Vec<Node>),
}

fn node() -> impl Strategy<Value = Node> {
    let leaf = prop_oneof![
        "[a-z <>&]{0,6}".prop_map(Node::Text),
        (0..NAMES.len()).prop_map(Node::Var),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            (
                0..NAMES.len(),
                prop::collection::vec(inner.clone(), 0..4),
                prop::collection::vec(inner.clone(), 0..3)
            )
                .prop_map(|(c, t, e)| Node::If(c, t, e)),
            (0..NAMES.len(), prop::collection::vec(inner, 0..3))
                .prop_map(|(l, body)| Node::Each(l, body)),
        ]
    })
}

fn source(nodes: &[Node]) -> String {
    let mut out = String::new();
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Var(v) => out.push_str(&format!("{{{{{}}}}}", NAMES[*v])),
            Node::If(c, t, e) => {
                out.push_str(&format!("{{{{#if {}}}}}{}", NAMES[*c], source(t)));
                if !e.is_empty() {
                    out.push_str(&format!("{{{{else}}}}{}", source(e)));
                }
                out.push_str("{{/if}}");
            }
            Node::Each(l, body) => out.push_str(&format!(
                "{{{{#each {}}}}}{}{{{{/each}}}}",
                NAMES[*l],
                source(body)
            )),
        }
    }
    out
}

/// Handlebars truthiness: absent, null, false, 0, "" and [] are false.
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(_) => true,
    }
}

/// Whether every variable the template evaluates is present, under SES's rules as the
/// project decided them: `null` is missing; a block's argument may be missing (a false
/// value); inside `#each`, a name is looked up in the item (the engine's context is the item).
fn all_present(nodes: &[Node], scope: &Map<String, Value>) -> bool {
    nodes.iter().all(|n| match n {
        Node::Text(_) => true,
        Node::Var(v) => scope.get(NAMES[*v]).is_some_and(|x| !x.is_null()),
        Node::If(c, t, e) => match truthy(scope.get(NAMES[*c])) {
            true => all_present(t, scope),
            false => all_present(e, scope),
        },
        Node::Each(l, body) => match scope.get(NAMES[*l]) {
            Some(Value::Array(items)) => items.iter().all(|item| match item {
                Value::Object(map) => all_present(body, map),
                _ => false,
            }),
            _ => true,
        },
    })
}

/// Whether an evaluated `#each` goes over a value that is there but not a list: the engine
/// then declines to predict (`template-not-renderable`), as SES's answer is not known.
fn each_over_other(nodes: &[Node], scope: &Map<String, Value>) -> bool {
    nodes.iter().any(|n| match n {
        Node::Text(_) | Node::Var(_) => false,
        Node::If(c, t, e) => match truthy(scope.get(NAMES[*c])) {
            true => each_over_other(t, scope),
            false => each_over_other(e, scope),
        },
        Node::Each(l, body) => match scope.get(NAMES[*l]) {
            None | Some(Value::Null) => false,
            Some(Value::Array(items)) => items.iter().any(|item| match item {
                Value::Object(map) => each_over_other(body, map),
                _ => true,
            }),
            Some(_) => true,
        },
    })
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        "[a-z]{0,3}".prop_map(Value::String),
        (0..3i64).prop_map(|n| Value::Number(n.into())),
    ]
}

fn scope() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::btree_map(prop::sample::select(NAMES.to_vec()), value(), 0..5)
        .prop_map(|m| m.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn data() -> impl Strategy<Value = Map<String, Value>> {
    (
        scope(),
        prop::option::of(prop::collection::vec(scope(), 0..3)),
        0..NAMES.len(),
    )
        .prop_map(|(mut top, list, at)| {
            if let Some(list) = list {
                let items = list.into_iter().map(Value::Object).collect();
                top.insert(NAMES[at].to_string(), Value::Array(items));
            }
            top
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn no_failure_exactly_when_every_evaluated_variable_is_present(
        nodes in prop::collection::vec(node(), 0..6),
        data in data(),
    ) {
        let text = source(&nodes);
        let template = Template::new("p").with_subject("s").with_html(text.clone());
        let result = template.render_value(&Value::Object(data.clone()));
        if each_over_other(&nodes, &data) {
            // Not predicted either way; it must still answer.
            prop_assume!(false);
        }
        match &result {
            Ok(_) | Err(RenderFailure::MissingAttribute { .. }) => {}
            Err(other) => prop_assert!(false, "{text}: {other:?}"),
        }
        prop_assert_eq!(result.is_ok(), all_present(&nodes, &data), "{} with {:?}: {:?}", text, data, result);
    }

    #[test]
    fn any_text_renders_or_fails_without_panicking(source in ".{0,200}", data in ".{0,60}") {
        let template = Template::new("p").with_subject(source.clone()).with_text(source);
        let _ = template.render(&data);
        let _ = template.render("{}");
    }
}
