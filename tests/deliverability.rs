//! Deliverability against a real DNS server on loopback (hickory's authoritative server,
//! started in-process by the test; never the internet): NXDOMAIN, null MX, no mail server,
//! a domain with only an address record, a refused query and a server that never answers.

#[path = "deliverability/server.rs"]
mod server;

use server::Rec;
use ses_presend::address::dns::{DnsOptions, MailDomain, Resolver};
use ses_presend::address::{report_address_with, Deliverability};
use std::net::{Ipv4Addr, Ipv6Addr};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const ZONE: &str = "presend-dns.net.";

/// The zone: one name per case.
fn records() -> Vec<(String, Rec)> {
    let r = |name: &str, rec| (name.to_string(), rec);
    vec![
        r("mx", Rec::Mx(10, "mx1")),
        r("mx1", Rec::A(Ipv4Addr::new(192, 0, 2, 25))),
        r("two-mx", Rec::Mx(10, "mx1")),
        r("two-mx", Rec::Mx(20, "mx2")),
        r("nullmx", Rec::Mx(0, ".")),
        r("a-only", Rec::A(Ipv4Addr::new(192, 0, 2, 1))),
        r(
            "aaaa-only",
            Rec::Aaaa(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)),
        ),
        r("txt-only", Rec::Txt("v=spf1 -all")),
        r("alias", Rec::Cname("mx")),
        r("sub.empty-parent", Rec::A(Ipv4Addr::new(192, 0, 2, 2))),
    ]
}

/// The one server of this test binary.
fn dns() -> &'static server::DnsServer {
    static SERVER: OnceLock<server::DnsServer> = OnceLock::new();
    SERVER.get_or_init(|| server::start(ZONE, &records()))
}

fn resolver() -> Resolver {
    Resolver::new(&DnsOptions::server(dns().addr)).expect("a resolver")
}

#[test]
fn verdicts_per_domain() {
    let resolver = resolver();
    let failed = |v: &MailDomain| matches!(v, MailDomain::LookupFailed(_));
    let cases: &[(&str, MailDomain)] = &[
        ("mx.presend-dns.net", MailDomain::Accepts),
        ("MX.Presend-DNS.net", MailDomain::Accepts),
        ("two-mx.presend-dns.net", MailDomain::Accepts),
        ("nullmx.presend-dns.net", MailDomain::NullMx),
        ("a-only.presend-dns.net", MailDomain::Accepts),
        ("aaaa-only.presend-dns.net", MailDomain::Accepts),
        ("txt-only.presend-dns.net", MailDomain::NoMailServer),
        // A name with nothing but names below it exists (NOERROR, no data).
        ("empty-parent.presend-dns.net", MailDomain::NoMailServer),
        ("alias.presend-dns.net", MailDomain::Accepts),
        ("missing.presend-dns.net", MailDomain::DoesNotExist),
        ("presend-dns.net", MailDomain::NoMailServer),
    ];
    for (domain, expected) in cases {
        assert_eq!(&resolver.mail_domain(domain), expected, "{domain}");
    }
    // Outside the server's zone, it refuses: a failed lookup, not a verdict.
    assert!(failed(&resolver.mail_domain("elsewhere.org")));
    // A name DNS cannot carry (a label over 63 octets) is a failed lookup too, not a panic.
    let long = format!("{}.presend-dns.net", "a".repeat(70));
    assert!(failed(&resolver.mail_domain(&long)), "{long}");
    assert!(failed(&resolver.mail_domain(&"a.".repeat(200))));
}

#[test]
fn reports_name_each_reason_exactly() {
    let options = Deliverability::with_dns(resolver());
    /// An advisory: its field, reason and message.
    type Advice = (&'static str, &'static str, &'static str);
    let cases: &[(&str, &[Advice])] = &[
        ("bob@mx.presend-dns.net", &[]),
        ("Bob <bob@a-only.presend-dns.net>", &[]),
        (
            "bob@nullmx.presend-dns.net",
            &[(
                "domain",
                "domain-accepts-no-mail",
                "SES accepts 'nullmx.presend-dns.net', but mail to it will bounce: the domain publishes a null MX record: it takes no mail (RFC 7505)",
            )],
        ),
        (
            "bob@missing.presend-dns.net",
            &[(
                "domain",
                "domain-does-not-exist",
                "SES accepts 'missing.presend-dns.net', but mail to it will bounce: the domain does not exist (NXDOMAIN)",
            )],
        ),
        (
            "bob@txt-only.presend-dns.net",
            &[(
                "domain",
                "no-mail-server",
                "SES accepts 'txt-only.presend-dns.net', but mail to it will bounce: the domain has no MX record and no address record, so no server takes its mail (RFC 5321, section 5.1)",
            )],
        ),
        (
            "bob@localhost",
            &[(
                "domain",
                "special-use-domain",
                "SES accepts 'localhost', but no mail can arrive there: it names the sending machine itself (RFC 6761, section 6.3)",
            )],
        ),
        (
            "team: a@mx.presend-dns.net, b@missing.presend-dns.net, c@printer.local;",
            &[
                ("members[1].domain", "domain-does-not-exist", "SES accepts 'missing.presend-dns.net', but mail to it will bounce: the domain does not exist (NXDOMAIN)"),
                ("members[2].domain", "special-use-domain", "SES accepts 'printer.local', but no mail can arrive there: it is resolved by multicast DNS on the local link only (RFC 6762)"),
            ],
        ),
        // SES rejects it: no lookup, only SES's error.
        ("bob@missing.presend-dns.net.", &[]),
    ];
    for (input, expected) in cases {
        let report = report_address_with(input, &options);
        let got: Vec<(&str, &str, &str)> = report
            .advisories
            .iter()
            .map(|f| (f.field.as_str(), f.reason.as_str(), f.message.as_str()))
            .collect();
        assert_eq!(&got, expected, "{input}");
        assert!(
            report.advisories.iter().all(|f| f.error.is_none()),
            "{input}"
        );
    }
}

#[test]
fn a_silent_server_is_a_failed_lookup_within_the_timeout() {
    let (addr, _socket) = server::silent();
    let mut options = DnsOptions::server(addr);
    options.timeout = Duration::from_millis(200);
    options.attempts = 1;
    let resolver = Resolver::new(&options).expect("a resolver");
    let started = Instant::now();
    let verdict = resolver.mail_domain("mx.presend-dns.net");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert!(
        matches!(verdict, MailDomain::LookupFailed(_)),
        "{verdict:?}"
    );
    let report = report_address_with(
        "bob@mx.presend-dns.net",
        &Deliverability::with_dns(resolver),
    );
    assert!(report.errors.is_empty());
    let advisory = &report.advisories[0];
    assert_eq!(advisory.reason.as_str(), "dns-lookup-failed");
    assert_eq!(advisory.decision, Some("dns-lookup-failed"));
    assert!(
        advisory
            .message
            .starts_with("DNS did not say whether 'mx.presend-dns.net' takes mail: "),
        "{}",
        advisory.message
    );
}

#[test]
fn prefetch_fills_the_cache_for_many_domains() {
    let resolver = resolver();
    let domains: Vec<String> = (0..200)
        .map(|i| match i % 3 {
            0 => "mx.presend-dns.net".to_string(),
            1 => format!("missing{i}.presend-dns.net"),
            _ => "nullmx.presend-dns.net".to_string(),
        })
        .collect();
    resolver.prefetch(domains.iter().map(String::as_str));
    // Every answer now comes from the cache: no lookup, so far below any round trip.
    let started = Instant::now();
    for (i, domain) in domains.iter().enumerate() {
        let expected = match i % 3 {
            0 => MailDomain::Accepts,
            1 => MailDomain::DoesNotExist,
            _ => MailDomain::NullMx,
        };
        assert_eq!(resolver.mail_domain(domain), expected, "{domain}");
    }
    assert!(
        started.elapsed() < Duration::from_millis(200),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn the_cli_advises_and_still_accepts() {
    let output = Command::new(env!("CARGO_BIN_EXE_ses-presend"))
        .args([
            "address",
            "--deliverability",
            "--dns-server",
            &dns().addr.to_string(),
            "--",
        ])
        .args([
            "bob@mx.presend-dns.net",
            "bob@nullmx.presend-dns.net",
            "bob@missing.presend-dns.net",
            "bob@test",
            "bob@",
        ])
        .output()
        .expect("ses-presend runs");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "OK\tbob@mx.presend-dns.net\n\
         OK\tbob@nullmx.presend-dns.net\tadvice: domain-accepts-no-mail\n\
         OK\tbob@missing.presend-dns.net\tadvice: domain-does-not-exist\n\
         OK [decided: special-use-domains]\tbob@test\tadvice: special-use-domain\n\
         InvalidParameterValue: Missing domain [seen]\tbob@\n"
    );
    // Standard input, in batches on every core, gives the same lines in order.
    let mut child = Command::new(env!("CARGO_BIN_EXE_ses-presend"))
        .args([
            "address",
            "--deliverability",
            "--strict",
            "--format",
            "json",
        ])
        .args(["--dns-server", &dns().addr.to_string()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("ses-presend runs");
    let input: String = (0..3000)
        .map(|i| match i % 3 {
            0 => "a@mx.presend-dns.net\n",
            1 => "b@a-only.presend-dns.net\r\n",
            _ => "c@nullmx.presend-dns.net\n",
        })
        .collect();
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        stdin.write_all(input.as_bytes()).expect("written");
    });
    let output = child.wait_with_output().expect("it ends");
    writer.join().expect("the writer");
    let lines: Vec<&str> = std::str::from_utf8(&output.stdout)
        .expect("UTF-8")
        .lines()
        .collect();
    assert_eq!(lines.len(), 3000);
    for (i, line) in lines.iter().enumerate() {
        let ok = i % 3 != 2;
        assert!(line.contains(&format!("\"ok\":{ok}")), "{i}: {line}");
        assert_eq!(line.contains("domain-accepts-no-mail"), !ok, "{i}: {line}");
    }
    // --strict fails on an advisory.
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn the_cli_refuses_a_dns_server_without_deliverability() {
    let output = Command::new(env!("CARGO_BIN_EXE_ses-presend"))
        .args(["address", "--dns-server", "127.0.0.1:53", "a@b.com"])
        .output()
        .expect("ses-presend runs");
    assert_eq!(output.status.code(), Some(2));
}

#[cfg(feature = "server")]
#[path = "server/mod.rs"]
mod http;

/// `/validate/address` takes `"deliverability": true` and answers as the CLI's JSON line.
/// A special-use name needs no DNS, so the server's system resolvers are never asked.
#[cfg(feature = "server")]
#[test]
fn serve_takes_deliverability_as_a_flag() {
    let server = http::Server::start(&[]);
    let reply = server.post_json(
        "/validate/address",
        r#"{"address":"bob@printer.local","deliverability":true}"#,
    );
    assert_eq!(reply.status, 200);
    let cli = Command::new(env!("CARGO_BIN_EXE_ses-presend"))
        .args([
            "address",
            "--format",
            "json",
            "--deliverability",
            "--",
            "bob@printer.local",
        ])
        .output()
        .expect("ses-presend runs");
    assert_eq!(
        reply.text(),
        String::from_utf8_lossy(&cli.stdout).trim_end_matches('\n')
    );
    assert_eq!(
        reply.text(),
        r#"{"input":"bob@printer.local","ok":true,"certainty":"decided","decision":"special-use-domains","advisories":[{"reason":"special-use-domain","field":"domain","message":"SES accepts 'printer.local', but no mail can arrive there: it is resolved by multicast DNS on the local link only (RFC 6762)","certainty":"decided","decision":"special-use-domains"}]}"#
    );
    // Without the flag, the answer is as before.
    let reply = server.post_json("/validate/address", r#"{"address":"bob@printer.local"}"#);
    assert_eq!(
        reply.text(),
        r#"{"input":"bob@printer.local","ok":true,"certainty":"documented"}"#
    );
    // With `--dns-server`, DNS answers through the test's server, as for the CLI.
    let dns_server = dns().addr.to_string();
    let server = http::Server::start(&["--dns-server", &dns_server]);
    for address in ["bob@nullmx.presend-dns.net", "bob@mx.presend-dns.net"] {
        let body = format!(r#"{{"address":"{address}","deliverability":true}}"#);
        let reply = server.post_json("/validate/address", &body);
        let cli = Command::new(env!("CARGO_BIN_EXE_ses-presend"))
            .args(["address", "--format", "json", "--deliverability"])
            .args(["--dns-server", &dns_server, "--", address])
            .output()
            .expect("ses-presend runs");
        assert_eq!(
            reply.text(),
            String::from_utf8_lossy(&cli.stdout).trim_end_matches('\n'),
            "{address}"
        );
        let advised = reply
            .text()
            .contains("\"reason\":\"domain-accepts-no-mail\"");
        assert_eq!(
            advised,
            address.starts_with("bob@nullmx"),
            "{}",
            reply.text()
        );
    }
    // Unknown members are still refused.
    let reply = server.post_json("/validate/address", r#"{"address":"a@b.c","dns":true}"#);
    assert_eq!(reply.status, 400);
}
