//! Deliverability (docs/deliverability.md): advice about addresses SES accepts but whose mail
//! cannot arrive. Special-use and reserved names are told from the name alone; with the
//! `deliverability` feature, [`super::dns`] asks DNS whether the domain exists and takes mail.
//!
//! Every finding here is an advisory, never an SES error: SES accepts these addresses and the
//! mail bounces afterwards (which counts against the account's bounce rate).

use super::{advice, Address};
use crate::report::{Finding, Reason, Report};

/// A special-use or reserved domain name that cannot receive mail from SES, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpecialUse {
    /// The reserved name the domain is or ends in, such as `test` or `home.arpa`.
    pub name: &'static str,
    /// Why mail for it cannot arrive, with the document that reserves it.
    pub why: &'static str,
}

const fn entry(name: &'static str, why: &'static str) -> SpecialUse {
    SpecialUse { name, why }
}

/// The names that mean "cannot receive mail" (decided: `special-use-domains`), from the IANA
/// Special-Use Domain Names registry and ICANN's private-use name; a domain that is one of
/// them or ends in `.` and one of them matches. `arpa` stands for every registry entry under
/// it (reverse zones, `home.arpa`, `ipv4only.arpa`, `resolver.arpa`, `service.arpa`, …).
pub const SPECIAL_USE: &[SpecialUse] = &[
    entry("localhost", "it names the sending machine itself (RFC 6761, section 6.3)"),
    entry("invalid", "it is reserved to never exist (RFC 6761, section 6.4)"),
    entry("test", "it is reserved for testing and not in the public DNS (RFC 6761, section 6.2)"),
    entry("example", "it is reserved for documentation and not in the public DNS (RFC 6761, section 6.5)"),
    entry("example.com", "it is reserved for documentation and announces that it takes no mail (RFC 6761, section 6.5)"),
    entry("example.net", "it is reserved for documentation and announces that it takes no mail (RFC 6761, section 6.5)"),
    entry("example.org", "it is reserved for documentation and announces that it takes no mail (RFC 6761, section 6.5)"),
    entry("local", "it is resolved by multicast DNS on the local link only (RFC 6762)"),
    entry("onion", "it is reachable through Tor only, never through the public DNS (RFC 7686)"),
    entry("alt", "it is reserved for names outside the DNS (RFC 9476)"),
    entry("home.arpa", "it is resolved inside residential networks only (RFC 8375)"),
    entry("arpa", "it is the DNS's infrastructure domain, where no one receives mail (RFC 3172)"),
    entry("internal", "it is reserved by ICANN for private networks and not in the public DNS"),
];

/// The special-use name `domain` is or ends in, if any: a case-insensitive match on whole
/// labels, without allocating. A final `.` (a fully qualified name) is allowed.
///
/// ```
/// use ses_presend::address::special_use_domain;
/// assert_eq!(special_use_domain("printer.LOCAL").unwrap().name, "local");
/// assert_eq!(special_use_domain("router.home.arpa").unwrap().name, "home.arpa");
/// assert_eq!(special_use_domain("mail.example.com").unwrap().name, "example.com");
/// assert!(special_use_domain("example.co").is_none());
/// assert!(special_use_domain("mytest").is_none());
/// assert!(special_use_domain("gmail.com").is_none());
/// ```
pub fn special_use_domain(domain: &str) -> Option<&'static SpecialUse> {
    let domain = domain.strip_suffix('.').unwrap_or(domain).as_bytes();
    // Told by the last label first: the common case (`com`, `de`, …) costs one comparison
    // per entry's last label and no more.
    let tld_start = domain.iter().rposition(|&c| c == b'.').map_or(0, |i| i + 1);
    let tld = &domain[tld_start..];
    SPECIAL_USE.iter().find(|entry| {
        let name = entry.name.as_bytes();
        let last = name
            .iter()
            .rposition(|&c| c == b'.')
            .map_or(name, |i| &name[i + 1..]);
        if !tld.eq_ignore_ascii_case(last) || domain.len() < name.len() {
            return false;
        }
        let cut = domain.len() - name.len();
        domain[cut..].eq_ignore_ascii_case(name) && (cut == 0 || domain[cut - 1] == b'.')
    })
}

/// What [`report_address_with`] checks beyond [`super::report_address`]. Nothing by default:
/// the plain report is unchanged (decided: `deliverability-opt-in`).
///
/// ```
/// use ses_presend::address::Deliverability;
/// let options = Deliverability::special_use();
/// assert!(options.special_use && !options.checks_dns());
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Deliverability {
    /// Advise on special-use and reserved domains ([`special_use_domain`]).
    pub special_use: bool,
    /// Ask DNS whether each domain exists and takes mail.
    #[cfg(feature = "deliverability")]
    pub dns: Option<super::dns::Resolver>,
}

impl Deliverability {
    /// Special-use names only, no DNS.
    ///
    /// ```
    /// let report = ses_presend::address::report_address_with(
    ///     "bob@localhost",
    ///     &ses_presend::address::Deliverability::special_use(),
    /// );
    /// assert_eq!(report.advisories[0].reason.as_str(), "special-use-domain");
    /// ```
    pub fn special_use() -> Deliverability {
        Deliverability {
            special_use: true,
            ..Deliverability::default()
        }
    }

    /// Special-use names, and DNS through `resolver`.
    ///
    /// ```no_run
    /// use ses_presend::address::{dns::{DnsOptions, Resolver}, Deliverability};
    /// let options = Deliverability::with_dns(Resolver::new(&DnsOptions::default()).unwrap());
    /// assert!(options.checks_dns());
    /// ```
    #[cfg(feature = "deliverability")]
    pub fn with_dns(resolver: super::dns::Resolver) -> Deliverability {
        Deliverability {
            special_use: true,
            dns: Some(resolver),
        }
    }

    /// Whether DNS is asked.
    ///
    /// ```
    /// assert!(!ses_presend::address::Deliverability::default().checks_dns());
    /// ```
    pub fn checks_dns(&self) -> bool {
        #[cfg(feature = "deliverability")]
        return self.dns.is_some();
        #[cfg(not(feature = "deliverability"))]
        false
    }

    /// Whether anything is checked beyond the plain report.
    fn any(&self) -> bool {
        self.special_use || self.checks_dns()
    }
}

/// [`super::report_address`] with the deliverability advisories `options` ask for, on each
/// mailbox's domain (`domain`, or `members[i].domain` in a group): `special-use-domain`, and
/// with DNS `domain-does-not-exist`, `domain-accepts-no-mail`, `no-mail-server` or
/// `dns-lookup-failed`. An address SES rejects gets no DNS lookup.
///
/// ```
/// use ses_presend::address::{report_address_with, Deliverability};
/// let report = report_address_with("Team: a@x.test, b@gmail.com;", &Deliverability::special_use());
/// assert!(report.errors.is_empty());
/// assert_eq!(report.advisories[0].field, "members[0].domain");
/// assert_eq!(
///     report.advisories[0].message,
///     "SES accepts 'x.test', but no mail can arrive there: it is reserved for testing and not in the public DNS (RFC 6761, section 6.2)"
/// );
/// // Without options, the plain report.
/// assert!(report_address_with("a@x.test", &Deliverability::default()).advisories.is_empty());
/// ```
pub fn report_address_with(input: &str, options: &Deliverability) -> Report {
    let mut report = advice::address_report(input);
    if options.any() {
        if let Ok(address) = super::parse(input, super::Domains::Ses) {
            let rejected = !report.errors.is_empty();
            advise_address(&address, options, rejected, &mut report);
        }
    }
    advice::capped(report, "address")
}

fn advise_address(
    address: &Address<'_>,
    options: &Deliverability,
    rejected: bool,
    report: &mut Report,
) {
    let group = matches!(address, Address::Group(_));
    // A group's domains are looked up together, then read from the cache one by one.
    #[cfg(feature = "deliverability")]
    if let (Some(resolver), true, false) = (&options.dns, group, rejected) {
        let looked_up = |d: &&str| {
            let special = options.special_use && special_use_domain(d).is_some();
            !special && !d.contains('[')
        };
        resolver.prefetch(
            address
                .mailboxes()
                .filter_map(|m| m.domain)
                .filter(looked_up),
        );
    }
    for (i, mailbox) in address.mailboxes().enumerate() {
        let Some(domain) = mailbox.domain.filter(|d| !d.contains('[')) else {
            continue;
        };
        let field = || match group {
            true => format!("members[{i}].domain"),
            false => "domain".to_string(),
        };
        if options.special_use {
            if let Some(special) = special_use_domain(domain) {
                report.advisories.push(Finding::new(
                    field(),
                    Reason::SpecialUseDomain,
                    format!(
                        "SES accepts '{domain}', but no mail can arrive there: {}",
                        special.why
                    ),
                ));
                continue;
            }
        }
        #[cfg(feature = "deliverability")]
        if let (Some(resolver), false) = (&options.dns, rejected) {
            if let Some((reason, message)) = resolver.mail_domain(domain).advice(domain) {
                report
                    .advisories
                    .push(Finding::new(field(), reason, message));
            }
        }
        let _ = rejected;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_whole_labels_in_any_case() {
        let cases: &[(&str, Option<&str>)] = &[
            ("localhost", Some("localhost")),
            ("LocalHost.", Some("localhost")),
            ("a.b.test", Some("test")),
            ("test.com", None),
            ("contest", None),
            ("x.invalid", Some("invalid")),
            ("example", Some("example")),
            ("example.com", Some("example.com")),
            ("mail.EXAMPLE.org", Some("example.org")),
            ("myexample.com", None),
            ("example.com.au", None),
            ("example.edu", None),
            ("printer.local", Some("local")),
            ("locale", None),
            ("abc.onion", Some("onion")),
            ("x.alt", Some("alt")),
            ("salt", None),
            ("nas.home.arpa", Some("home.arpa")),
            ("1.10.in-addr.arpa", Some("arpa")),
            ("arpa", Some("arpa")),
            ("db.internal", Some("internal")),
            ("gmail.com", None),
            ("", None),
            (".", None),
            ("com", None),
        ];
        for (domain, expected) in cases {
            assert_eq!(
                special_use_domain(domain).map(|s| s.name),
                *expected,
                "{domain:?}"
            );
        }
    }
}
