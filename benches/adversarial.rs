//! Time per byte on hostile inputs of 1 KB, 100 KB and 10 MB: addresses, raw messages and
//! request JSON. Every check must scale linearly (criterion reports bytes per second; a flat
//! figure across sizes is linear time, a rising one means the check stopped early).
//!
//! `cargo bench --bench adversarial -- --warm-up-time 1 --measurement-time 3`; one family:
//! `cargo bench --bench adversarial -- raw/`.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ses_presend::{check_raw, parse_address, report_address, report_raw, Api, RawOptions};
use std::time::Duration;

const SIZES: [usize; 3] = [1 << 10, 100 << 10, 10 << 20];

/// Inputs built to make a careless parser quadratic, deeply recursive or allocation-heavy,
/// each `n` bytes long (or about).
fn hostile(kind: &str, n: usize) -> String {
    let repeat = |unit: &str| unit.repeat(n / unit.len());
    match kind {
        "open-parens" => repeat("("),
        "nested-comments" => format!("{}{}a@b.com", "(".repeat(n / 2), ")".repeat(n / 2)),
        "open-quote" => format!("\"{}", repeat("a")),
        "backslashes" => repeat("\\"),
        "angles" => repeat("<"),
        "commas" => repeat(","),
        "long-domain" => format!("a@{}com", repeat("b.")),
        "big-group" => format!("g: {};", repeat("a@b.c, ")),
        "escaped-quotes" => format!("\"{}\"@x.com", repeat("\\\"")),
        "non-ascii-name" => format!("{} <a@b.com>", repeat("é")),
        _ => unreachable!(),
    }
}

const KINDS: &[&str] = &[
    "open-parens",
    "nested-comments",
    "open-quote",
    "backslashes",
    "angles",
    "commas",
    "long-domain",
    "big-group",
    "escaped-quotes",
    "non-ascii-name",
];

/// A raw message of about `n` bytes built to be deep, wide or long where a careless reader
/// recurses, rescans or copies.
fn hostile_raw(kind: &str, n: usize) -> Vec<u8> {
    let head = "From: a@example.com\r\nTo: b@example.com\r\n";
    let repeat = |unit: &str| unit.repeat(n.saturating_sub(head.len()) / unit.len());
    let text = match kind {
        // Multiparts inside multiparts, each part opening the next.
        "deep-multipart" => format!(
            "{head}{}",
            repeat("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n")
        ),
        "deep-rfc822" => format!("{head}{}", repeat("Content-Type: message/rfc822\r\n\r\n")),
        // One header line as long as the message (past the 256 KiB header limit at 10 MB).
        "long-header" => format!("{head}Subject: {}\r\n\r\nbody", repeat("x")),
        "many-headers" => format!("{head}{}\r\nbody", repeat("X-Header: value\r\n")),
        // One multipart with a boundary line every few bytes: an empty part each.
        "many-boundaries" => format!(
            "{head}Content-Type: multipart/mixed; boundary=b\r\n\r\n{}--b--\r\n",
            repeat("--b\r\n\r\n")
        ),
        "commas" => format!("From: a@example.com\r\nTo: {}\r\n\r\n", repeat(",")),
        _ => unreachable!(),
    };
    text.into_bytes()
}

const RAW_KINDS: &[&str] = &[
    "deep-multipart",
    "deep-rfc822",
    "long-header",
    "many-headers",
    "many-boundaries",
    "commas",
];

/// Request JSON of about `n` bytes: deeply nested arrays (at the top and in a member), a
/// huge list of addresses, and one long string full of escapes.
#[cfg(feature = "serde")]
fn hostile_json(kind: &str, n: usize) -> String {
    let repeat = |unit: &str| unit.repeat(n / unit.len());
    match kind {
        "deep-top" => format!("{}{}", "[".repeat(n / 2), "]".repeat(n / 2)),
        "deep-member" => format!(
            "{{\"Source\": {}1{}}}",
            "[".repeat(n / 2),
            "]".repeat(n / 2)
        ),
        "many-addresses" => format!(
            "{{\"Source\": \"a@example.com\", \"Destination\": {{\"ToAddresses\": [{}\"z@example.com\"]}}, \
             \"Message\": {{\"Subject\": {{\"Data\": \"Hi\"}}, \"Body\": {{\"Text\": {{\"Data\": \"x\"}}}}}}}}",
            repeat("\"user@example.com\", ")
        ),
        "long-string" => format!(
            "{{\"Source\": \"a@example.com\", \"Destination\": {{\"ToAddresses\": [\"b@example.com\"]}}, \
             \"Message\": {{\"Subject\": {{\"Data\": \"Hi\"}}, \"Body\": {{\"Text\": {{\"Data\": \"{}\"}}}}}}}}",
            repeat("\\u00e9\\n\\\"")
        ),
        _ => unreachable!(),
    }
}

#[cfg(feature = "serde")]
const JSON_KINDS: &[&str] = &["deep-top", "deep-member", "many-addresses", "long-string"];

fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(300));
    group.measurement_time(Duration::from_secs(1));
    group
}

/// One function under test: its name and how it is run on an input.
type Run<'a, I> = (&'static str, &'a dyn Fn(&I) -> usize);

/// Benches each of `runs` on the input `make` builds for every kind and size, in groups
/// `family/kind`, with the input's length as the throughput.
fn family<I: AsRef<[u8]>>(
    c: &mut Criterion,
    family: &str,
    kinds: &[&str],
    make: impl Fn(&str, usize) -> I,
    runs: &[Run<'_, I>],
) {
    for kind in kinds {
        let mut group = group(c, &format!("{family}/{kind}"));
        for n in SIZES {
            let input = make(kind, n);
            group.throughput(Throughput::Bytes(input.as_ref().len() as u64));
            for (name, run) in runs {
                group.bench_with_input(BenchmarkId::new(*name, n), &input, |b, input| {
                    b.iter(|| run(black_box(input)))
                });
            }
        }
        group.finish();
    }
}

fn bench_raw(c: &mut Criterion) {
    // v2: its 40 MiB limit lets the 10 MB inputs be read to the end.
    let options = RawOptions::new(Api::V2);
    let check = |m: &Vec<u8>| check_raw(m, &options).is_ok() as usize;
    let report = |m: &Vec<u8>| report_raw(m, &options).errors.len();
    family(
        c,
        "raw",
        RAW_KINDS,
        hostile_raw,
        &[("check_raw", &check), ("report_raw", &report)],
    );
}

#[cfg(feature = "serde")]
fn bench_json(c: &mut Criterion) {
    use ses_presend::request::{Request, RequestKind};
    use ses_presend::{check_email, report_email};
    // Read, then checked and reported: what `ses-presend request` does.
    let run = |s: &String| match Request::from_json(RequestKind::SendEmail, s) {
        Ok(req) => check_email(&req).is_ok() as usize + report_email(&req).errors.len(),
        Err(e) => e.column(),
    };
    family(
        c,
        "json",
        JSON_KINDS,
        hostile_json,
        &[("read_check_report", &run)],
    );
}

#[cfg(not(feature = "serde"))]
fn bench_json(_: &mut Criterion) {}

fn bench(c: &mut Criterion) {
    let parse = |s: &String| parse_address(s).is_ok() as usize;
    let report = |s: &String| report_address(s).errors.len();
    family(
        c,
        "hostile",
        KINDS,
        hostile,
        &[("parse_address", &parse), ("report_address", &report)],
    );
}

criterion_group!(benches, bench, bench_raw, bench_json);
criterion_main!(benches);
