//! Time per byte on hostile address inputs of 1 KB, 100 KB and 10 MB: the check must scale
//! linearly (criterion reports bytes per second; a flat figure across sizes is linear time).

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ses_presend::{parse_address, report_address};
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

fn bench(c: &mut Criterion) {
    for kind in KINDS {
        let mut group = c.benchmark_group(format!("hostile/{kind}"));
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(300));
        group.measurement_time(Duration::from_secs(1));
        for n in SIZES {
            let input = hostile(kind, n);
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_with_input(BenchmarkId::new("parse_address", n), &input, |b, s| {
                b.iter(|| parse_address(black_box(s)).is_ok())
            });
            group.bench_with_input(BenchmarkId::new("report_address", n), &input, |b, s| {
                b.iter(|| report_address(black_box(s)).errors.len())
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
