//! Rendering a bulk send: 10 000 destinations of a 20 KB HTML template, each with its own data
//! (SES's per-destination merge of default and replacement data first), as the Rendering
//! Failure prediction does for `SendBulkTemplatedEmail`/`SendBulkEmail`. The template and the
//! data are built in code, so every run measures the same work.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::{json, Value};
use ses_presend::template::{merge, Template};
use std::hint::black_box;
use std::time::Duration;

const SENDS: usize = 10_000;

/// A 20 KB HTML newsletter: a header, 55 article blocks, an `#each` over the reader's
/// interests, conditionals, and a footer.
fn template() -> Template {
    let mut html = String::from("<html><body><h1>Hello {{contact.firstName}},</h1>");
    for i in 0..55 {
        html.push_str(&format!(
            "<div class=\"article\"><h2>Story {i}: {{{{headline}}}}</h2><p>{}</p>\
             {{{{#if vip}}}}<p>Early access for you, {{{{contact.firstName}}}}.</p>{{{{/if}}}}</div>",
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor \
             incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud \
             exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat."

        ));
    }
    html.push_str(
        "<ul>{{#each interests}}<li>{{name}} ({{@index}})</li>{{else}}<li>all</li>{{/each}}</ul>\
         <p>Unsubscribe: {{unsubscribeUrl}}</p></body></html>",
    );
    assert!(
        (18_000..24_000).contains(&html.len()),
        "{} bytes",
        html.len()
    );
    Template::new("newsletter")
        .with_subject("{{headline}}, {{contact.firstName}}")
        .with_text("Hi {{contact.firstName}}, read {{headline}} at {{unsubscribeUrl}}")
        .with_html(html)
}

/// The default data and one replacement per destination.
fn data() -> (Value, Vec<Value>) {
    let defaults = json!({"headline": "This week", "vip": false, "interests": [],
                          "unsubscribeUrl": "https://example.com/u"});
    let replacements = (0..SENDS)
        .map(|i| {
            json!({"contact": {"firstName": format!("Reader{i}")}, "vip": i % 7 == 0,
                   "interests": (0..i % 4).map(|k| json!({"name": format!("topic{k}")})).collect::<Vec<_>>()})
        })
        .collect();
    (defaults, replacements)
}

fn bulk(c: &mut Criterion) {
    let template = template();
    let (defaults, replacements) = data();
    let mut group = c.benchmark_group("template");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Elements(SENDS as u64));
    group.bench_function("render_10000_sends_20kb_html", |b| {
        b.iter(|| {
            let compiled = template.compile().unwrap();
            let mut bytes = 0;
            for replacement in &replacements {
                let merged = merge(&defaults, replacement);
                let rendered = compiled.render_value(&merged).unwrap();
                bytes += rendered.html.map_or(0, |h| h.len());
            }
            black_box(bytes)
        })
    });
    group.finish();
}

criterion_group!(benches, bulk);
criterion_main!(benches);
