//! Parses the benches' mixed corpus many times with one parser, for counting instructions with
//! `valgrind --tool=callgrind`, which machine load does not disturb (unlike wall-clock time):
//!
//! ```text
//! cargo build --release --example count_instructions
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/count_instructions ses-presend 2>&1 | grep refs
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/count_instructions email_address 2>&1 | grep refs
//! ```
//!
//! Each run also parses nothing (`none`) to subtract the cost of building the corpus.
//! `count_instructions race` times both parsers in turn and keeps each one's best round.

#[path = "../benches/corpus.rs"]
mod corpus;

use std::hint::black_box;

/// `race`: both parsers in turn over the corpus, 200 rounds each, keeping each one's best
/// round: the figure least moved by other work on the machine.
fn race(corpus: &[String]) {
    let round = |ses: bool| {
        let start = std::time::Instant::now();
        let mut accepted = 0usize;
        for input in corpus {
            accepted += match ses {
                true => ses_presend::parse_address(black_box(input)).is_ok(),
                false => email_address::EmailAddress::parse_with_options(
                    black_box(input),
                    email_address::Options::default(),
                )
                .is_ok(),
            } as usize;
        }
        black_box(accepted);
        start.elapsed()
    };
    let (mut ours, mut theirs) = (std::time::Duration::MAX, std::time::Duration::MAX);
    for _ in 0..200 {
        ours = ours.min(round(true));
        theirs = theirs.min(round(false));
    }
    let per = |d: std::time::Duration| d.as_nanos() as f64 / corpus.len() as f64;
    println!(
        "best of 200 rounds: ses-presend {:.1} ns/address, email_address {:.1} ns/address, {:.2}x",
        per(ours),
        per(theirs),
        per(theirs) / per(ours)
    );
}

fn main() {
    let parser = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "ses-presend".to_string());
    if parser == "race" {
        return race(&corpus::mixed_corpus());
    }
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let corpus = corpus::mixed_corpus();
    let mut accepted = 0usize;
    for _ in 0..rounds {
        for input in &corpus {
            accepted += match parser.as_str() {
                "ses-presend" => ses_presend::parse_address(black_box(input)).is_ok(),
                "email_address" => email_address::EmailAddress::parse_with_options(
                    black_box(input),
                    email_address::Options::default(),
                )
                .is_ok(),
                _ => black_box(input).is_empty(),
            } as usize;
        }
    }
    println!(
        "{parser}: {} addresses, {accepted} accepted",
        rounds * corpus.len()
    );
}
