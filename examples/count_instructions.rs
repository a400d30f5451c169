//! Runs one address function many times over one of the benches' corpora, for counting
//! instructions with `valgrind --tool=callgrind`, which machine load does not disturb (unlike
//! wall-clock time):
//!
//! ```text
//! cargo build --release --example count_instructions
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/count_instructions ses-presend 200 verdicts 2>&1 | grep refs
//! ```
//!
//! Arguments: the function (`ses-presend`: `parse_address`; `report`: `report_address`;
//! `email_address`: email_address 0.2; `none`: nothing, to subtract the cost of building the
//! corpus), the number of rounds, and the corpus (`mixed`, the default: the benches' mixed
//! corpus; `verdicts`: the inputs of `tests/data/ses-address-verdicts.tsv`).
//!
//! `count_instructions race [mixed|verdicts]` times the three functions in turn over the corpus
//! and keeps each one's best round: the figure least moved by other work on the machine.

#[path = "../benches/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::time::{Duration, Instant};

/// One call of `function` on `input`: whether the address is accepted.
fn run(function: &str, input: &str) -> bool {
    match function {
        "ses-presend" => ses_presend::parse_address(black_box(input)).is_ok(),
        "report" => ses_presend::report_address(black_box(input))
            .errors
            .is_empty(),
        "email_address" => email_address::EmailAddress::parse_with_options(
            black_box(input),
            email_address::Options::default(),
        )
        .is_ok(),
        _ => black_box(input).is_empty(),
    }
}

/// `race`: the three functions in turn over the corpus, `rounds` rounds each, keeping each
/// one's best round.
fn race(corpus: &[String], rounds: usize) {
    let round = |function: &str| {
        let start = Instant::now();
        let accepted = corpus.iter().filter(|input| run(function, input)).count();
        black_box(accepted);
        start.elapsed()
    };
    let mut best = [Duration::MAX; 3];
    let functions = ["ses-presend", "report", "email_address"];
    for _ in 0..rounds {
        for (best, function) in best.iter_mut().zip(functions) {
            *best = (*best).min(round(function));
        }
    }
    let per = |d: Duration| d.as_nanos() as f64 / corpus.len() as f64;
    let [parse, report, theirs] = best.map(per);
    println!(
        "best of {rounds} rounds over {} addresses: parse_address {parse:.1} ns, \
         report_address {report:.1} ns ({:.2}x parse_address), email_address {theirs:.1} ns \
         ({:.2}x slower than parse_address)",
        corpus.len(),
        report / parse,
        theirs / parse,
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    let corpus_of = |name: Option<&str>| match name {
        Some("verdicts") => corpus::ses_verdict_corpus(),
        _ => corpus::mixed_corpus(),
    };
    let function = arg(1).unwrap_or("ses-presend");
    if function == "race" {
        return race(&corpus_of(arg(2)), 200);
    }
    let rounds: usize = arg(2).and_then(|n| n.parse().ok()).unwrap_or(1000);
    let corpus = corpus_of(arg(3));
    let mut accepted = 0usize;
    for _ in 0..rounds {
        accepted += corpus.iter().filter(|input| run(function, input)).count();
    }
    println!(
        "{function}: {} addresses, {accepted} accepted",
        rounds * corpus.len()
    );
}
