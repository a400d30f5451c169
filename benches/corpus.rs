//! The benches' address corpora, built in code from hand-written addresses and a seeded
//! xorshift generator, so every run measures the same inputs. Shared by `benches/address.rs`
//! and `examples/count_instructions.rs`.
#![allow(dead_code)]

/// How many generated addresses each corpus gets on top of the hand-written ones.
const GENERATED: usize = 400;

/// Addresses written by hand: the shapes people actually send, good and bad.
const HANDWRITTEN: &[&str] = &[
    "jane.doe@example.com",
    "support+tag@mail.example.org",
    "\"Doe, Jane\" <jane@example.co.uk>",
    "Jane Doe <jane.doe@example.com>",
    "Bob <bob@@x.com>",
    "user@",
    "@example.com",
    "dån@example.com",
    "user@bücher.de",
    "Karen, Chan <karen@example.com>",
    "\"Karen, Chan\" <karen@example.com>",
    "José <jose@example.com>",
    "=?UTF-8?B?Sm9zw6k=?= <jose@example.com>",
    "no-reply@notifications.example.net",
    "first.last@sub.domain.example.com",
    "a@b.co",
    "user.name@example..com",
    "user@.example.com",
    "user@example.com.",
    "user name@example.com",
    "user@exa_mple.com",
    "user@[192.0.2.1]",
    "\"very.unusual.@.unusual.com\"@example.com",
    "bob@example.com (Bob Smith)",
    "Bob Smith <bob@example.com",
    "Bob Smith bob@example.com>",
    "team: alice@example.com, bob@example.com;",
    "undisclosed-recipients:;",
    "alice@example.com, bob@example.com",
    "<@relay.example:bob@example.com>",
    "",
    "   ",
    "plainaddress",
    "#@%^%#$@#$@#.com",
    "email@example@example.com",
    ".email@example.com",
    "email.@example.com",
    "email..email@example.com",
    "あいうえお@example.com",
    "email@example.com (Joe Smith",
    "email@-example.com",
    "email@111.222.333.44444",
    "\"email\"@example.com",
    "1234567890@example.com",
    "_______@example.com",
    "firstname-lastname@example.com",
];

/// A small deterministic xorshift64 generator.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const FIRST: &[&str] = &[
    "jane", "john", "maria", "wei", "olga", "ahmed", "lucas", "emma", "noah", "sofia", "karen",
    "bob",
];
const LAST: &[&str] = &[
    "doe", "smith", "garcia", "chen", "ivanova", "khan", "martin", "brown", "rossi", "chan",
];
const ROLES: &[&str] = &[
    "support", "info", "billing", "no-reply", "sales", "admin", "hello", "team",
];
const TAGS: &[&str] = &["news", "2024", "promo", "x", "alerts"];
const LABELS: &[&str] = &[
    "example",
    "mail",
    "corp",
    "acme",
    "shop",
    "mx1",
    "eu-west",
    "notifications",
    "lists",
];
const TLDS: &[&str] = &["com", "org", "net", "io", "de", "co.uk", "fr", "jp"];

/// A plain ASCII `local@domain`: what the fast path is for.
fn plain(rng: &mut XorShift) -> String {
    let local = match rng.below(4) {
        0 => format!("{}.{}", rng.pick(FIRST), rng.pick(LAST)),
        1 => format!("{}{}", rng.pick(FIRST), rng.below(100)),
        2 => format!("{}+{}", rng.pick(ROLES), rng.pick(TAGS)),
        _ => rng.pick(ROLES).to_string(),
    };
    let mut domain = String::new();
    if rng.chance(40) {
        domain.push_str(rng.pick(LABELS));
        domain.push('.');
    }
    domain.push_str(rng.pick(LABELS));
    domain.push('.');
    domain.push_str(rng.pick(TLDS));
    format!("{local}@{domain}")
}

/// A display name: a bare phrase, a quoted one (possibly with a comma), or an encoded-word.
fn display_name(rng: &mut XorShift) -> String {
    let (first, last) = (rng.pick(FIRST), rng.pick(LAST));
    match rng.below(5) {
        0 => format!("{first} {last}"),
        1 => format!("\"{last}, {first}\""),
        // Unquoted comma: SES sees two addresses.
        2 => format!("{last}, {first}"),
        3 => format!("{first} Müller"),
        _ => "=?UTF-8?B?Sm9zw6k=?=".to_string(),
    }
}

/// Breaks a good address in one of the ways real input is broken.
fn break_it(rng: &mut XorShift, good: &str) -> String {
    let at = good.find('@').unwrap_or(0);
    match rng.below(10) {
        0 => good.replacen('@', "@@", 1),
        1 => good[..=at].to_string(),
        2 => good[at..].to_string(),
        3 => format!("{}ø{}", &good[..1], &good[1..]),
        4 => good.replacen('.', "..", 1),
        5 => format!("{good}."),
        6 => good.replacen('@', " @", 1),
        7 => format!("{}_{}", &good[..=at], &good[at + 1..]),
        8 => good.replace('@', ""),
        _ => format!("{}ü{}", &good[..=at], &good[at + 1..]),
    }
}

/// One address of the mixed corpus.
fn mixed_address(rng: &mut XorShift) -> String {
    let addr = plain(rng);
    let addr = if rng.chance(25) {
        break_it(rng, &addr)
    } else {
        addr
    };
    // Roughly what a sender passes: mostly bare addresses and `Name <address>`.
    match rng.below(20) {
        0..=9 => addr,
        10..=15 => format!("{} <{addr}>", display_name(rng)),
        16 | 17 => format!("{addr} ({})", rng.pick(FIRST)),
        18 => format!("{} <{addr}", display_name(rng)),
        _ => format!("{}: {addr}, {};", rng.pick(ROLES), plain(rng)),
    }
}

pub fn plain_corpus() -> Vec<String> {
    let mut rng = XorShift(0x5E5_0001);
    (0..GENERATED).map(|_| plain(&mut rng)).collect()
}

pub fn mixed_corpus() -> Vec<String> {
    let mut rng = XorShift(0x5E5_0002);
    HANDWRITTEN
        .iter()
        .map(|s| s.to_string())
        .chain((0..GENERATED).map(|_| mixed_address(&mut rng)))
        .collect()
}

/// The inputs of `tests/data/ses-address-verdicts.tsv` (5 366 generated and collected
/// address-like strings, labelled with SES's verdict; docs/corpora.md): a corpus the fast paths
/// were not tuned to.
pub fn ses_verdict_corpus() -> Vec<String> {
    include_str!("../tests/data/ses-address-verdicts.tsv")
        .split('\n')
        .skip(1)
        .filter_map(|line| line.split('\t').nth(1))
        .map(str::to_string)
        .collect()
}
