//! The Handlebars engine configured to SES's rules: no HTML escaping, names case-sensitive, a
//! value that is absent or `null` is a missing attribute, an unknown helper reads as a missing
//! attribute of its name, inline partials per part, and bounds on size, nesting and output.

use super::{
    Part, RenderFailure, Rendered, Template, MAX_BLOCK_DEPTH, MAX_RENDERED_SIZE, MAX_TEMPLATE_SIZE,
};
use handlebars::{
    Context as HbContext, Handlebars, Helper, Output, RenderContext, RenderError, RenderErrorReason,
};
use serde_json::Value;
use std::io;

/// Marks the engine's complaint about a missing value (followed by its name), told apart from
/// every other error the engine can raise.
const MISSING: &str = "\u{0}ses-presend:missing:";
/// Marks a block named after a value that is there (`{{#section}}` with `section` given): SES's
/// answer is not known.
const UNKNOWN_BLOCK: &str = "\u{0}ses-presend:block:";
/// The most partial inclusions a part may write when it defines inline partials.
const MAX_PARTIAL_INCLUSIONS: usize = 32;
/// The most `#each` iterations a render may need, estimated before it starts (the longest
/// list in the data, to the power of how deep `#each` blocks nest).
const MAX_ITERATIONS: f64 = 1_000_000.0;

/// Reads template data: a JSON object.
pub(super) fn parse_data(text: &str) -> Result<Value, RenderFailure> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| RenderFailure::InvalidData(format!("not JSON: {e}")))?;
    if !value.is_object() {
        return Err(RenderFailure::InvalidData("not a JSON object".to_string()));
    }
    Ok(value)
}

/// `value` with every object member whose value is `null` removed, at every depth: SES treats
/// a `null` like an absent value (seen: a send with `"website": null` was never delivered).
fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// The length of the longest list anywhere in `value`.
fn longest_list(value: &Value) -> usize {
    match value {
        Value::Array(items) => items
            .iter()
            .map(longest_list)
            .max()
            .unwrap_or(0)
            .max(items.len()),
        Value::Object(map) => map.values().map(longest_list).max().unwrap_or(0),
        _ => 0,
    }
}

/// A writer that refuses to grow past a budget shared by the parts of one render.
struct Bounded<'b> {
    out: Vec<u8>,
    budget: &'b mut usize,
}

impl io::Write for Bounded<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.len() > *self.budget {
            return Err(io::Error::other("the render is over its size bound"));
        }
        *self.budget -= buf.len();
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A template made ready to render many times (the engine reads each part once).
pub(super) struct Engine {
    hb: Handlebars<'static>,
    /// How deep `#each` blocks nest, over every part.
    each_depth: usize,
}

/// Checks the bounds of `template` and compiles its parts.
pub(super) fn compile(template: &Template) -> Result<Engine, RenderFailure> {
    if template.size() > MAX_TEMPLATE_SIZE {
        return Err(RenderFailure::TooLarge(format!(
            "the template is {} bytes; SES takes at most {MAX_TEMPLATE_SIZE}",
            template.size()
        )));
    }
    let mut hb = Handlebars::new();
    hb.register_escape_fn(handlebars::no_escape);
    // Not the engine's strict mode: it also refuses a block whose argument is absent, which
    // is decided to read as false here (`template-missing-block-argument`). The engine calls
    // `helperMissing` for a value `{{name}}` that is absent (and for an unknown helper), and
    // `blockHelperMissing` for an unknown block helper: both name what SES reports missing.
    hb.register_helper("helperMissing", Box::new(helper_missing));
    hb.register_helper("blockHelperMissing", Box::new(block_helper_missing));
    let mut each_depth = 0;
    for part in Part::ALL {
        if let Some(source) = template.part(part) {
            each_depth = each_depth.max(check_shape(source, part)?);
            hb.register_template_string(part_name(part), source)
                .map_err(|e| RenderFailure::Syntax {
                    part,
                    detail: e.reason().to_string(),
                })?;
        }
    }
    Ok(Engine { hb, each_depth })
}

/// Renders every part of `template`, compiled as `engine`, with `data`.
pub(super) fn render(
    engine: &Engine,
    template: &Template,
    data: &Value,
) -> Result<Rendered, RenderFailure> {
    let data = without_nulls(data);
    // Nested `#each` over long lists can loop without writing a byte: bounded beforehand.
    if engine.each_depth >= 2 {
        let longest = longest_list(&data) as f64;
        if longest.powi(engine.each_depth as i32) > MAX_ITERATIONS {
            return Err(RenderFailure::TooLarge(format!(
                "`#each` blocks nested {} deep over a list of {longest} items would loop more \
                 than {MAX_ITERATIONS} times",
                engine.each_depth
            )));
        }
    }
    let mut budget = MAX_RENDERED_SIZE;
    let mut rendered = Rendered::default();
    for part in Part::ALL {
        if template.part(part).is_none() {
            continue;
        }
        let text = render_part(&engine.hb, part, &data, &mut budget)?;
        match part {
            Part::Subject => rendered.subject = text,
            Part::Text => rendered.text = Some(text),
            Part::Html => rendered.html = Some(text),
        }
    }
    Ok(rendered)
}

fn part_name(part: Part) -> &'static str {
    part.v1_name()
}

fn helper_missing(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &HbContext,
    _: &mut RenderContext<'_, '_>,
    _: &mut dyn Output,
) -> Result<(), RenderError> {
    Err(RenderErrorReason::Other(format!("{MISSING}{}", h.name())).into())
}

/// An unknown block helper: seen read as a missing attribute of its name (`{{#IF X}}` →
/// `Attribute 'IF' …`) when no such value is there; with the value there, not predicted.
fn block_helper_missing(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    ctx: &HbContext,
    _: &mut RenderContext<'_, '_>,
    _: &mut dyn Output,
) -> Result<(), RenderError> {
    let name = h.name();
    let marker = match ctx.data().get(name) {
        Some(_) => UNKNOWN_BLOCK,
        None => MISSING,
    };
    Err(RenderErrorReason::Other(format!("{marker}{name}")).into())
}

/// Renders one part.
fn render_part(
    hb: &Handlebars<'_>,
    part: Part,
    data: &Value,
    budget: &mut usize,
) -> Result<String, RenderFailure> {
    let before = *budget;
    let mut out = Bounded {
        out: Vec::new(),
        budget,
    };
    let error = match hb.render_to_write(part_name(part), data, &mut out) {
        Ok(()) => return Ok(String::from_utf8_lossy(&out.out).into_owned()),
        Err(e) => e,
    };
    *budget = before;
    Err(match error.reason() {
        RenderErrorReason::Other(text) if text.starts_with(MISSING) => {
            RenderFailure::MissingAttribute {
                name: text[MISSING.len()..].to_string(),
                part,
            }
        }
        RenderErrorReason::Other(text) if text.starts_with(UNKNOWN_BLOCK) => {
            RenderFailure::Syntax {
                part,
                detail: format!(
                    "`{{{{#{}}}}}` names a value, not a helper SES is known to have",
                    &text[UNKNOWN_BLOCK.len()..]
                ),
            }
        }
        RenderErrorReason::IOError(_) => RenderFailure::TooLarge(format!(
            "the rendered message would be over {MAX_RENDERED_SIZE} bytes"
        )),
        other => RenderFailure::Syntax {
            part,
            detail: other.to_string(),
        },
    })
}

/// Bounds the engine cannot keep itself: block nesting (the parser recurses), and inline
/// partials that include each other (the renderer would recurse without end).
/// Returns how deep `#each` blocks nest in the part.
fn check_shape(source: &str, part: Part) -> Result<usize, RenderFailure> {
    let mut open: Vec<bool> = Vec::new();
    let mut deepest = 0usize;
    let mut deepest_each = 0usize;
    let mut partials = 0usize;
    let mut rest = source;
    while let Some(at) = rest.find("{{") {
        let tag = rest[at + 2..].trim_start_matches('~').trim_start();
        if tag.starts_with('#') || tag.starts_with('^') {
            open.push(tag.starts_with("#each"));
            deepest = deepest.max(open.len());
            deepest_each = deepest_each.max(open.iter().filter(|e| **e).count());
        } else if tag.starts_with('/') {
            open.pop();
        }
        if tag.starts_with('>') || tag.starts_with("#>") {
            partials += 1;
        }
        rest = &rest[at + 2..];
    }
    // Inline partials that include others many times can multiply without a cycle
    // (`p1` = `p0 p0`, `p2` = `p1 p1`, …): a bound on inclusions keeps the work small.
    if partials > MAX_PARTIAL_INCLUSIONS && source.contains("#*inline") {
        return Err(RenderFailure::TooLarge(format!(
            "the {part} includes partials {partials} times; at most {MAX_PARTIAL_INCLUSIONS} are \
             rendered when it defines its own"
        )));
    }
    if deepest > MAX_BLOCK_DEPTH {
        return Err(RenderFailure::TooLarge(format!(
            "the {part} nests blocks {deepest} deep; at most {MAX_BLOCK_DEPTH} are rendered"
        )));
    }
    if partials_recurse(source) {
        return Err(RenderFailure::Syntax {
            part,
            detail: "inline partials include each other".to_string(),
        });
    }
    Ok(deepest_each)
}

/// Whether the part's inline partials can include themselves (directly or through others), or
/// a partial is chosen at render time while inline partials exist.
fn partials_recurse(source: &str) -> bool {
    let definitions = inline_definitions(source);
    if definitions.is_empty() {
        return false;
    }
    if source.contains("{{> (") || source.contains("{{>(") {
        return true;
    }
    // Depth-first search for a cycle over at most the definitions' count of steps.
    let refs = |body: &str| -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = body;
        while let Some(at) = rest.find('>') {
            let before = &rest[..at];
            let before = before.trim_end().trim_end_matches('~');
            if before.ends_with("{{") || before.ends_with("{{#") {
                let name: String = rest[at + 1..]
                    .trim_start()
                    .chars()
                    .take_while(|c| !c.is_whitespace() && *c != '}' && *c != '~')
                    .collect();
                out.push(name.trim_matches('"').to_string());
            }
            rest = &rest[at + 1..];
        }
        out
    };
    let index: std::collections::HashMap<&str, usize> = definitions
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (name.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = definitions
        .iter()
        .map(|(_, body)| {
            refs(body)
                .iter()
                .filter_map(|r| index.get(r.as_str()).copied())
                .collect()
        })
        .collect();
    // Colours: 0 unvisited, 1 on the current path, 2 done. Iterative, so a long chain of
    // partials cannot deepen the stack.
    let mut colour = vec![0u8; edges.len()];
    for start in 0..edges.len() {
        if colour[start] != 0 {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        colour[start] = 1;
        while let Some(top) = stack.last_mut() {
            let node = top.0;
            let step = edges[node].get(top.1).copied();
            if let Some(to) = step {
                top.1 += 1;
                match colour[to] {
                    1 => return true,
                    0 => {
                        colour[to] = 1;
                        stack.push((to, 0));
                    }
                    _ => {}
                }
            } else {
                colour[node] = 2;
                stack.pop();
            }
        }
    }
    false
}

/// The inline partials a part defines: `{{#*inline "name"}}body{{/inline}}`.
fn inline_definitions(source: &str) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("#*inline") {
        let after = &rest[at + "#*inline".len()..];
        let name: String = after
            .trim_start()
            .trim_start_matches('"')
            .chars()
            .take_while(|c| *c != '"' && *c != '}')
            .collect();
        let end = after.find("{{/inline").unwrap_or(after.len());
        out.push((name, &after[..end]));
        rest = &after[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recursive_partials_are_found() {
        let cycle =
            "{{#*inline \"a\"}}{{> b}}{{/inline}}{{#*inline \"b\"}}{{> a}}{{/inline}}{{> a}}";
        assert!(partials_recurse(cycle));
        let fine = "{{#*inline \"a\"}}{{x}}{{/inline}}{{> a}}";
        assert!(!partials_recurse(fine));
    }
}
