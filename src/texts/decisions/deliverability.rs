//! The decided rows of deliverability (`address::report_address_with`, docs/deliverability.md).

use super::{Decision, Effect};

/// The deliverability rows.
pub(super) const DELIVERABILITY: &[Decision] = &[
    Decision {
        id: "special-use-domains",
        situation: "an address at a special-use or reserved name; SES's answer to such an \
                    address is not documented, and no mail can arrive there from SES. The IANA \
                    Special-Use Domain Names registry (https://www.iana.org/assignments/special-use-domain-names/) \
                    lists names whose rules differ: some are never resolved (`invalid`), some \
                    only on a local link (`local`), in a home network (`home.arpa`), through \
                    Tor (`onion`) or outside the DNS (`alt`), some are documentation names \
                    whose owner announces a null MX (`example.com`, `.net`, `.org`)",
        choice: "the advisory `special-use-domain` (never an error) for a domain that is or \
                 ends in `localhost`, `invalid`, `test`, `example`, `example.com`, \
                 `example.net`, `example.org`, `local` (RFC 6761, RFC 6762), `onion` (RFC \
                 7686), `alt` (RFC 9476), `home.arpa` (RFC 8375), `arpa` (every registry entry \
                 under it: reverse zones, `ipv4only.arpa`, `resolver.arpa`, `service.arpa`; RFC \
                 3172) and `internal` (ICANN's private-use name, not in the registry); the \
                 names RFC 6762 Appendix G lists as in private use (`lan`, `corp`, `home`, \
                 `intranet`, `private`) are not reserved and get none; the check is opt-in \
                 (`deliverability-opt-in`)",
        effect: Effect::Advises,
    },
    Decision {
        id: "deliverability-opt-in",
        situation: "`report_address`, the form backend and the CLI were answering without \
                    deliverability advice, and documentation names such as `example.com` are \
                    what examples and tests use",
        choice: "deliverability is asked for: `address::report_address_with` with \
                 `address::Deliverability` (special-use names, and DNS with feature \
                 `deliverability`), `form::address_with`, `ses-presend address \
                 --deliverability [--dns-server ADDR:PORT]` and `\"deliverability\": true` on \
                 `/validate/address`; without it every answer is as before",
        effect: Effect::Words,
    },
    Decision {
        id: "dns-lookup-failed",
        situation: "DNS does not answer whether a domain takes mail (a timeout after the \
                    configured attempts, a server failure, a refused query); SES would send, \
                    and whether the mail bounces is unknown",
        choice: "the advisory `dns-lookup-failed` with the resolver's words, never a rejection \
                 and never cached; NXDOMAIN gives `domain-does-not-exist`, MX records that are \
                 all null (`0 .`) `domain-accepts-no-mail` (RFC 7505), no MX and no A or AAAA \
                 record `no-mail-server`, and a domain with only an A or AAAA record takes mail \
                 (RFC 5321, section 5.1); under `--strict` (`Strictness::Deliverable`) every \
                 advisory fails, this one too",
        effect: Effect::Advises,
    },
];
