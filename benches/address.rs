//! Address-check benchmarks.
//!
//! * `plain_ascii`: `parse_address` on bare `local@domain` ASCII addresses (the fast path).
//!   Criterion's time per iteration divided by the number of addresses is the cost of one
//!   address; the `one_address` bench measures a single address directly.
//! * `mixed_corpus`: `parse_address` and `email_address::EmailAddress::parse_with_options` over
//!   the same mixed corpus (valid and invalid, with and without display names), reported in
//!   elements per second so the two can be compared.
//! * `ses_verdicts`: `parse_address`, `report_address` and email_address over the inputs of
//!   `tests/data/ses-address-verdicts.tsv`, a corpus the fast paths were not tuned to (5 366
//!   generated and collected address-like strings, two thirds of them rejected).
//!
//! The corpora (`benches/corpus.rs`) are built in code from hand-written addresses and a seeded
//! xorshift generator, so every run measures the same inputs. `examples/count_instructions.rs`
//! counts instructions on the same corpus, a figure that machine load does not move.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use email_address::{EmailAddress, Options};
use ses_presend::parse_address;
use std::time::Duration;

mod corpus;

use corpus::{mixed_corpus, plain_corpus, ses_verdict_corpus};

fn bench_plain_ascii(c: &mut Criterion) {
    let corpus = plain_corpus();
    for s in &corpus {
        let addr = parse_address(s).unwrap_or_else(|e| panic!("{s:?}: {e}"));
        assert!(addr.mailbox().is_some_and(|m| m.display_name.is_none()));
    }
    let mean_len = corpus.iter().map(String::len).sum::<usize>() as f64 / corpus.len() as f64;
    eprintln!(
        "plain_ascii: {} addresses, mean length {mean_len:.1} bytes",
        corpus.len()
    );

    let mut group = c.benchmark_group("plain_ascii");
    group.bench_function("one_address", |b| {
        b.iter(|| parse_address(black_box("jane.doe@example.com")).is_ok())
    });
    group.throughput(Throughput::Elements(corpus.len() as u64));
    group.bench_function(BenchmarkId::new("ses_presend", corpus.len()), |b| {
        b.iter(|| {
            corpus
                .iter()
                .filter(|s| parse_address(black_box(s)).is_ok())
                .count()
        })
    });
    group.finish();
}

fn bench_mixed_corpus(c: &mut Criterion) {
    bench_corpus(c, "mixed_corpus", &mixed_corpus());
}

fn bench_ses_verdicts(c: &mut Criterion) {
    bench_corpus(c, "ses_verdicts", &ses_verdict_corpus());
}

/// `parse_address`, `report_address` and email_address over the same corpus, in elements per
/// second.
fn bench_corpus(c: &mut Criterion, name: &str, corpus: &[String]) {
    let ours = corpus.iter().filter(|s| parse_address(s).is_ok()).count();
    let theirs = corpus
        .iter()
        .filter(|s| EmailAddress::parse_with_options(s, Options::default()).is_ok())
        .count();
    eprintln!(
        "{name}: {} addresses; accepted by ses-presend {ours}, by email_address {theirs}",
        corpus.len()
    );

    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Elements(corpus.len() as u64));
    group.bench_function(BenchmarkId::new("ses_presend", corpus.len()), |b| {
        b.iter(|| {
            corpus
                .iter()
                .filter(|s| parse_address(black_box(s)).is_ok())
                .count()
        })
    });
    group.bench_function(BenchmarkId::new("report_address", corpus.len()), |b| {
        b.iter(|| {
            corpus
                .iter()
                .filter(|s| ses_presend::report_address(black_box(s)).errors.is_empty())
                .count()
        })
    });
    group.bench_function(BenchmarkId::new("email_address", corpus.len()), |b| {
        b.iter(|| {
            corpus
                .iter()
                .filter(|s| {
                    EmailAddress::parse_with_options(black_box(s), Options::default()).is_ok()
                })
                .count()
        })
    });
    group.finish();
}

/// Unicode-domain addresses, with and without a non-ASCII friendly name, as users type them.
const UNICODE_DOMAINS: &[&str] = &[
    "jose@bücher.de",
    "José <jose@bücher.de>",
    "info@münchen.de",
    "kontakt@straße.de",
    "user@例え.jp",
    "山田 太郎 <taro@例え.jp>",
    "support@пример.рф",
    "Zoë <zoe@café.fr>",
];

/// `to_ses_address` (the SES-safe form, Punycode domain and encoded name) on Unicode-domain
/// addresses: the cost of offering the fix. Target: at most 500 ns per address.
fn bench_unicode_domain(c: &mut Criterion) {
    for input in UNICODE_DOMAINS {
        assert!(
            ses_presend::address::to_ses_address(input).is_ok(),
            "{input}"
        );
    }
    let mut group = c.benchmark_group("unicode_domain");
    group.throughput(Throughput::Elements(UNICODE_DOMAINS.len() as u64));
    group.bench_function(
        BenchmarkId::new("to_ses_address", UNICODE_DOMAINS.len()),
        |b| {
            b.iter(|| {
                for input in UNICODE_DOMAINS {
                    black_box(ses_presend::address::to_ses_address(black_box(input)).ok());
                }
            })
        },
    );
    group.bench_function(
        BenchmarkId::new("report_address", UNICODE_DOMAINS.len()),
        |b| {
            b.iter(|| {
                for input in UNICODE_DOMAINS {
                    black_box(ses_presend::report_address(black_box(input)));
                }
            })
        },
    );
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(40)
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_plain_ascii, bench_mixed_corpus, bench_ses_verdicts, bench_unicode_domain
}
criterion_main!(benches);
