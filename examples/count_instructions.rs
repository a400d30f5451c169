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

#[path = "../benches/corpus.rs"]
mod corpus;

use std::hint::black_box;

fn main() {
    let parser = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "ses-presend".to_string());
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
