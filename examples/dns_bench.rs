//! Deliverability over DNS, measured: 10 000 addresses over a few hundred domains, checked with
//! `address::report_address_with` against hickory's DNS server on loopback (never the
//! internet), with the resolver's cache, without it, and with the domains looked up together
//! first (`Resolver::prefetch`). docs/deliverability.md has the figures.
//!
//! `cargo run --release --features deliverability --example dns_bench [ADDRESSES] [DOMAINS]`

#[path = "../tests/deliverability/server.rs"]
mod server;

use server::Rec;
use ses_presend::address::dns::{DnsOptions, Resolver};
use ses_presend::address::{report_address_with, Deliverability};
use std::net::Ipv4Addr;
use std::time::Instant;

/// The zone: of every ten domains one has a null MX, one does not exist, one has only an A
/// record and seven have MX records.
fn records(domains: usize) -> Vec<(String, Rec)> {
    let mut records = vec![("mx1".to_string(), Rec::A(Ipv4Addr::new(192, 0, 2, 25)))];
    for i in 0..domains {
        let name = format!("d{i}.bench");
        match i % 10 {
            0 => records.push((name, Rec::Mx(0, "."))),
            1 => {}
            2 => records.push((name, Rec::A(Ipv4Addr::new(192, 0, 2, 1)))),
            _ => records.push((name, Rec::Mx(10, "mx1"))),
        }
    }
    records
}

/// Checks every address in turn; returns addresses per second and how many had advice.
fn run(addresses: &[String], options: &Deliverability, prefetch: bool) -> (f64, usize) {
    let started = Instant::now();
    if prefetch {
        if let Some(resolver) = &options.dns {
            let domains = addresses
                .iter()
                .filter_map(|a| a.split_once('@').map(|(_, d)| d));
            resolver.prefetch(domains);
        }
    }
    let advised = addresses
        .iter()
        .filter(|a| !report_address_with(a, options).advisories.is_empty())
        .count();
    (
        addresses.len() as f64 / started.elapsed().as_secs_f64(),
        advised,
    )
}

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .map(|a| a.parse::<usize>().expect("a number"));
    let count = args.next().unwrap_or(10_000);
    let domains = args.next().unwrap_or(500);
    let dns = server::start("presend-dns.net.", &records(domains));
    let addresses: Vec<String> = (0..count)
        .map(|i| format!("user{i}@d{}.bench.presend-dns.net", i % domains))
        .collect();
    let with_cache = DnsOptions::server(dns.addr);
    let mut without_cache = DnsOptions::server(dns.addr);
    without_cache.cache_size = 0;
    println!(
        "{count} addresses over {domains} domains, hickory's server on {}",
        dns.addr
    );
    for (name, options, prefetch) in [
        ("no cache, one lookup after another", &without_cache, false),
        ("cache, one lookup after another", &with_cache, false),
        ("cache, domains prefetched together", &with_cache, true),
    ] {
        let resolver = Resolver::new(options).expect("a resolver");
        let (rate, advised) = run(&addresses, &Deliverability::with_dns(resolver), prefetch);
        println!("{name:<36} {rate:>10.0} addresses/s ({advised} with advice)");
    }
    let resolver = Resolver::new(&with_cache).expect("a resolver");
    let options = Deliverability::with_dns(resolver);
    run(&addresses, &options, true);
    let (rate, _) = run(&addresses, &options, false);
    println!(
        "{:<36} {rate:>10.0} addresses/s",
        "cache, every domain already cached"
    );
    let (rate, _) = run(&addresses, &Deliverability::special_use(), false);
    println!(
        "{:<36} {rate:>10.0} addresses/s",
        "special-use names only, no DNS"
    );
    let (rate, _) = run(&addresses, &Deliverability::default(), false);
    println!(
        "{:<36} {rate:>10.0} addresses/s",
        "no deliverability (report_address)"
    );
}
