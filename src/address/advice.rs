//! Findings beyond SES's verdict (docs/addresses.md#internationalized-addresses): what SES rejects, with the reason in
//! plain words, and what SES accepts but should not be sent, with a fix where one exists.

use super::{Address, Domains, Mailbox};
use crate::address;
use crate::error::SesError;
use crate::intl::domain::{self, IdnaError};
use crate::intl::encoded_word::{self, EncodedWordProblem, PhraseToken, Piece};
use crate::report::{Collector, Finding, Mode, Reason, Report, MAX_FINDINGS};
use crate::texts::address as msg;
use std::borrow::Cow;

fn finding(field: &str, reason: Reason, message: String) -> Finding {
    Finding::new(field, reason, message)
}

fn join(prefix: &str, field: &str) -> String {
    match prefix.is_empty() {
        true => field.to_string(),
        false => format!("{prefix}.{field}"),
    }
}

/// Checks one address like [`crate::parse_address`] and reports every problem: SES's error
/// with its reason, and the advisories for what SES accepts but should not be sent, each with
/// a fix where one exists.
///
/// ```
/// use ses_presend::{report_address, Reason};
///
/// let report = report_address("José <jose@bücher.de>");
/// assert_eq!(report.errors[0].reason, Reason::NonAsciiDomain);
/// assert_eq!(report.errors[0].fix.as_deref(), Some("xn--bcher-kva.de"));
/// assert_eq!(report.fix.as_deref(), Some("=?UTF-8?B?Sm9zw6k=?= <jose@xn--bcher-kva.de>"));
///
/// let report = report_address("jose@xn--zz-.de");
/// assert!(report.errors.is_empty());
/// assert_eq!(report.advisories[0].reason.as_str(), "invalid-punycode-label");
/// ```
pub fn report_address(input: &str) -> Report {
    capped(address_report(input), "address")
}

/// `report` with at most [`MAX_FINDINGS`] errors and as many advisories, and one advisory on
/// `field` saying how many more there were.
fn capped(mut report: Report, field: &str) -> Report {
    if report.errors.len() <= MAX_FINDINGS && report.advisories.len() <= MAX_FINDINGS {
        return report;
    }
    let fix = report.fix.take();
    let mut out = Collector::new(Mode::All);
    let _ = out.absorb("", report);
    let mut report = out.into_report(field, Reason::FindingsTruncated);
    report.fix = fix;
    report
}

/// [`report_address`] with every finding kept, for a report that holds it and caps its own.
pub(crate) fn address_report(input: &str) -> Report {
    let mut report = Report::default();
    let verdict = address::parse(input, Domains::Ses);
    let shape = match &verdict {
        Ok(addr) => Some(addr.clone()),
        Err(_) => address::parse(input, Domains::Unicode).ok(),
    };
    if let Err(message) = verdict {
        let found = error_finding(input, message, shape.as_ref());
        if found.reason == Reason::NonAsciiLocalPart {
            report.advisories.push(finding(
                &found.field,
                Reason::LocalPartUnfixable,
                "no fix exists for a non-ASCII local part: Punycode is not allowed before the \
                 '@', and SES does not support SMTPUTF8"
                    .to_string(),
            ));
        }
        report.errors.push(found);
    }
    if let Some(addr) = &shape {
        match addr {
            Address::Mailbox(m) => advise_mailbox(m, "", &mut report),
            Address::Group(g) => {
                advise_name(g.name, "group_name", &mut report);
                for (i, m) in g.members.iter().enumerate() {
                    advise_mailbox(m, &format!("members[{i}]"), &mut report);
                }
            }
        }
    }
    report.fix = to_ses_address(input).ok().filter(|fixed| fixed != input);
    // A syntax error the fix removes (`Last, First <…>` quoted) names the fix too, so that a
    // report holding this one (a request's, a message's) offers it.
    if let Some(first) = report.errors.first_mut() {
        if first.reason == Reason::AddressSyntax && first.fix.is_none() {
            first.fix.clone_from(&report.fix);
        }
    }
    report
}

/// The error finding for SES's verdict, with the reason named where it is one of the
/// internationalization rules.
fn error_finding(input: &str, message: &'static str, shape: Option<&Address<'_>>) -> Finding {
    let mut error = SesError::invalid(message);
    let mailbox = shape.and_then(Address::mailbox);
    let non_ascii_domain = mailbox
        .and_then(|m| m.domain)
        .filter(|d| !d.is_ascii() && message == msg::DOMAIN_ILLEGAL_CHARACTER);
    if non_ascii_domain.is_some() {
        // Two texts were seen for a non-ASCII domain; this one is chosen.
        error = error.decided("non-ascii-domain");
    }
    let f = if let Some(domain) = non_ascii_domain {
        let mut f = finding(
            "domain",
            Reason::NonAsciiDomain,
            format!(
                "SES requires 7-bit ASCII addresses: the domain '{domain}' must be sent in its \
                 Punycode form"
            ),
        );
        match domain::check(domain) {
            Ok(ascii) => f.fix = Some(ascii),
            Err(e) => {
                f.message = format!("{}, but it is not a valid domain name: {e}", f.message);
            }
        }
        f
    } else if message == msg::LOCAL_CONTROL_OR_WHITESPACE
        && local_of(input).is_some_and(|l| !l.is_ascii())
    {
        finding(
            "local_part",
            Reason::NonAsciiLocalPart,
            "SES requires 7-bit ASCII addresses: this local part has non-ASCII characters"
                .to_string(),
        )
    } else {
        finding(
            "address",
            Reason::AddressSyntax,
            format!("SES rejects the address: {message}"),
        )
    };
    f.with_error(error)
}

/// The text before the last `@`, for naming a non-ASCII local part.
fn local_of(input: &str) -> Option<&str> {
    let text = input.rsplit_once('<').map_or(input, |(_, a)| a);
    text.rsplit_once('@').map(|(l, _)| l)
}

fn advise_mailbox(m: &Mailbox<'_>, prefix: &str, report: &mut Report) {
    if let Some(name) = m.display_name {
        advise_name(name, &join(prefix, "display_name"), report);
    } else if let Some(comment) = m.comment {
        advise_name(comment, &join(prefix, "comment"), report);
    }
    advise_local(m.local_part, &join(prefix, "local_part"), report);
    if let Some(domain) = m.domain {
        let later = (domain.contains(['[', ']']) && !non_ascii_checked(domain))
            .then(|| address::later_release_rejects(domain, Domains::Ses))
            .flatten();
        if let Some(text) = later {
            report.advisories.push(finding(
                &join(prefix, "domain"),
                Reason::DomainLiteralMisplaced,
                format!(
                    "a domain literal ('[...]') must be the whole domain, in ASCII with no \
                     white space; SES's parser stops checking the domain at the first '[' and \
                     accepts '{domain}', but newer parsers reject it ('{text}') and no mail \
                     server delivers to it"
                ),
            ));
        } else if domain.is_ascii() && !domain.starts_with('[') && !domain::is_plain_ascii(domain) {
            if let Err(e) = domain::check(domain) {
                report
                    .advisories
                    .push(idna_finding(&join(prefix, "domain"), domain, &e));
            }
        }
        let octets = m.local_part.len() + 1 + domain.len();
        if octets > 254 {
            report.advisories.push(finding(
                &join(prefix, "address"),
                Reason::AddressTooLong,
                format!("the address is {octets} octets long; many servers refuse more than 254"),
            ));
        }
    }
}

fn idna_finding(field: &str, domain: &str, e: &IdnaError) -> Finding {
    finding(
        field,
        Reason::Idna(e.problem),
        format!("SES accepts '{domain}', but it is not a deliverable domain name: {e}"),
    )
}

/// `name` with each word that is Punycode (`xn--bcher-kva`) replaced by the Unicode it stands
/// for (`bücher`): what a name that went through a domain converter by mistake meant.
fn without_punycode(name: &str) -> String {
    name.split(' ')
        .map(|word| {
            word.get(4..)
                .filter(|_| starts_with_ace(word))
                .and_then(|puny| idna::punycode::decode_to_string(&puny.to_ascii_lowercase()))
                .filter(|decoded| !decoded.is_ascii())
                .unwrap_or_else(|| word.to_string())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `text` starts with the IDNA ACE prefix `xn--`, in any case.
fn starts_with_ace(text: &str) -> bool {
    text.as_bytes()
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"xn--"))
}

fn advise_local(local: &str, field: &str, report: &mut Report) {
    let mut push = |reason, message: &str| {
        report
            .advisories
            .push(finding(field, reason, message.to_string()));
    };
    if starts_with_ace(local) {
        push(
            Reason::LocalPartPunycode,
            "the local part looks like Punycode, which is not allowed before the '@'",
        );
    }
    if local.contains("=?") && local.contains("?=") {
        push(
            Reason::EncodedWord(EncodedWordProblem::InAddress),
            "an encoded-word in the address itself is never decoded",
        );
    }
    if !local.starts_with('"') {
        if local.starts_with('.') {
            push(
                Reason::LocalPartLeadingDot,
                "the local part starts with '.', which SES accepts but many servers refuse",
            );
        }
        if local.ends_with('.') {
            push(
                Reason::LocalPartTrailingDot,
                "the local part ends with '.', which SES accepts but many servers refuse",
            );
        }
        if local.contains("..") {
            push(
                Reason::LocalPartConsecutiveDots,
                "the local part contains '..', which SES accepts but many servers refuse",
            );
        }
    }
    if local.len() > 64 {
        push(
            Reason::LocalPartTooLong,
            &format!(
                "the local part is {} octets long; the limit is 64",
                local.len()
            ),
        );
    }
}

/// Whether a friendly name as written must be re-encoded to show right: raw non-ASCII, or an
/// encoded-word inside a quoted string.
fn name_needs_encoding(name: &str) -> bool {
    !name.is_ascii()
        || encoded_word::phrase_tokens(name)
            .any(|t| matches!(t, PhraseToken::Quoted(q) if quoted_encoded_word(q)))
        || looks_like_punycode(name)
}

/// Whether a word of the name, outside quotes and encoded-words, starts with `xn--`: the
/// `name-looks-like-punycode` advisory.
fn looks_like_punycode(name: &str) -> bool {
    encoded_word::pieces(name)
        .iter()
        .any(|p| matches!(p, Piece::Text(t) if starts_with_ace(t)))
}

/// The encoded name [`to_ses_address`] writes for a name that needs encoding: the fix the
/// name's advisories offer (Punycode-looking words decoded first).
fn encoded_name(name: &str) -> String {
    let decoded = encoded_word::decode_phrase_meant(name);
    match looks_like_punycode(name) {
        true => encode_friendly_name(&without_punycode(&decoded)),
        false => encode_friendly_name(&decoded),
    }
}

fn quoted_encoded_word(quoted: &str) -> bool {
    quoted.contains("=?") && quoted.contains("?=")
}

/// Advisories for a friendly name as written (a phrase or a comment).
fn advise_name(name: &str, field: &str, report: &mut Report) {
    let mut raw_non_ascii = false;
    let mut not_separated_seen = false;
    for piece in encoded_word::pieces(name) {
        match piece {
            Piece::Space(_) | Piece::Word(_, Ok(_)) => {}
            Piece::Quoted(q) => {
                raw_non_ascii |= !q.is_ascii();
                if quoted_encoded_word(q) {
                    let mut f = finding(
                        field,
                        Reason::EncodedWord(EncodedWordProblem::InQuotedString),
                        "an encoded-word inside a quoted string is shown as written, not decoded"
                            .to_string(),
                    );
                    f.fix = Some(encode_friendly_name(&encoded_word::decode_phrase_meant(
                        name,
                    )));
                    report.advisories.push(f);
                }
            }
            Piece::Word(word, Err(problem)) => {
                report.advisories.push(word_problem(field, word, problem));
            }
            Piece::Glued(text) => {
                raw_non_ascii |= !text.is_ascii();
                if !not_separated_seen {
                    report.advisories.push(not_separated(field));
                    not_separated_seen = true;
                }
            }
            Piece::Text(text) => {
                raw_non_ascii |= !text.is_ascii();
                if starts_with_ace(text) {
                    let mut f = finding(
                        field,
                        Reason::NamePunycode,
                        "the friendly name looks like Punycode, which is not allowed there: use \
                         an RFC 2047 encoded-word"
                            .to_string(),
                    );
                    f.fix = Some(encode_friendly_name(&without_punycode(
                        &encoded_word::decode_phrase_meant(name),
                    )));
                    report.advisories.push(f);
                }
            }
        }
    }
    if raw_non_ascii {
        let mut f = finding(
            field,
            Reason::NameRawNonAscii,
            "SES accepts a raw non-ASCII friendly name but mangles it: encode it as an RFC 2047 \
             encoded-word"
                .to_string(),
        );
        f.fix = Some(encode_friendly_name(&encoded_word::decode_phrase_meant(
            name,
        )));
        report.advisories.push(f);
    }
}

fn not_separated(field: &str) -> Finding {
    finding(
        field,
        Reason::EncodedWord(EncodedWordProblem::NotSeparated),
        "an encoded-word must be separated from other text by white space; mail clients show \
         this one as written"
            .to_string(),
    )
}

fn word_problem(field: &str, word: &str, problem: EncodedWordProblem) -> Finding {
    let why = match problem {
        EncodedWordProblem::Grammar => "it is not of the form =?charset?B|Q?text?=",
        EncodedWordProblem::TooLong => "it is longer than 75 characters",
        EncodedWordProblem::WhiteSpace => "it contains white space",
        EncodedWordProblem::BadBase64 => "its B text is not valid base64 with padding",
        EncodedWordProblem::BadQ => "its Q text has a bad =XX escape or a character Q forbids",
        EncodedWordProblem::UnknownCharset => "its charset is not one mail clients know",
        EncodedWordProblem::InvalidBytes => "its decoded bytes are not valid in its charset",
        _ => "it is misplaced",
    };
    finding(
        field,
        Reason::EncodedWord(problem),
        format!("the encoded-word '{word}' will be shown as written: {why}"),
    )
}

/// Checks a friendly name on its own, as written before the `<` of an address (a phrase:
/// atoms, quoted strings, encoded-words): the advisories of [`report_address`] for its
/// `display_name`, with the encoded fix for a raw non-ASCII name. SES itself rejects nothing
/// here, so the report has no errors.
///
/// ```
/// use ses_presend::address::report_friendly_name;
/// let report = report_friendly_name("Kristóf");
/// assert_eq!(report.advisories[0].reason.as_str(), "name-raw-non-ascii");
/// assert_eq!(report.fix.as_deref(), Some("=?UTF-8?Q?Krist=C3=B3f?="));
/// assert!(report_friendly_name("=?UTF-8?B?Sm9zw6k=?=").advisories.is_empty());
/// ```
pub fn report_friendly_name(name: &str) -> Report {
    let mut report = Report::default();
    advise_name(name, "display_name", &mut report);
    report.fix = report
        .advisories
        .iter()
        .find_map(|f| f.fix.clone())
        .filter(|fixed| fixed != name);
    capped(report, "display_name")
}

/// The mailbox a friendly name is tried with: the name alone decides SES's verdict.
const NAME_PROBE: &str = " <name@example.com>";

/// `name` as the friendly name of an address SES accepts otherwise: SES's verdict on it is
/// the name's.
pub(crate) fn name_probe(name: &str) -> String {
    let mut probe = String::with_capacity(name.len() + NAME_PROBE.len());
    probe.push_str(name);
    probe.push_str(NAME_PROBE);
    probe
}

/// The friendly name to offer in place of `name`, as written before an address's `<`: the fix
/// its advisories offer (`advised`, [`report_friendly_name`]'s), else, when SES rejects the
/// name itself (an unquoted comma: `Last, First`), its quoted or encoded form. The one rule
/// for a name checked on its own ([`crate::form::friendly_name`]) and for the name of an
/// address ([`to_ses_address`]).
pub(crate) fn friendly_name_fix(
    name: &str,
    advised: Option<String>,
    ses_rejects: bool,
) -> Option<String> {
    advised.or_else(|| {
        ses_rejects
            .then(|| encode_friendly_name(name))
            .filter(|encoded| encoded != name)
    })
}

/// The address with its friendly name fixed, for an address SES rejects because of the name
/// (`Last, First <first.last@example.org>` → `"Last, First" <first.last@example.org>`).
fn with_name_fixed(input: &str) -> Option<String> {
    let (name, rest) = input.split_at(input.rfind('<')?);
    let name = name.trim();
    if name.is_empty() || !rest.trim_end().ends_with('>') {
        return None;
    }
    if address::parse(&name_probe(name), Domains::Ses).is_ok() {
        return None;
    }
    let fixed = friendly_name_fix(name, report_friendly_name(name).fix, true)?;
    Some(format!("{fixed} {rest}"))
}

/// A friendly name as mail clients show it: quoted strings unquoted, encoded-words decoded
/// (white space between two adjacent encoded-words dropped). A malformed encoded-word is left
/// as written.
///
/// ```
/// use ses_presend::address::decode_friendly_name;
/// assert_eq!(decode_friendly_name("=?UTF-8?B?Sm9zw6k=?= \"(Ops)\""), "José (Ops)");
/// assert_eq!(decode_friendly_name("=?UTF-8?Q?a?= =?UTF-8?Q?b?="), "ab");
/// ```
pub fn decode_friendly_name(name: &str) -> String {
    encoded_word::decode_phrase(name).into_owned()
}

/// The friendly name as SES needs it: plain printable ASCII as it is (quoted when it holds
/// specials), anything else as UTF-8 encoded-words, B or Q, whichever is shorter, each at most
/// 75 characters and cut on character boundaries.
///
/// ```
/// use ses_presend::address::encode_friendly_name;
/// assert_eq!(encode_friendly_name("José"), "=?UTF-8?B?Sm9zw6k=?=");
/// assert_eq!(encode_friendly_name("Karen Chan"), "Karen Chan");
/// assert_eq!(encode_friendly_name("Chan, Karen"), "\"Chan, Karen\"");
/// ```
pub fn encode_friendly_name(name: &str) -> String {
    let printable = name.bytes().all(|b| (0x20..0x7F).contains(&b));
    // Text that looks like an encoded-word or like Punycode is encoded too, so that no reader
    // mistakes it for one.
    if !printable || name.contains("=?") || name.split(' ').any(starts_with_ace) {
        return encoded_word::encode_words(name);
    }
    let needs_quotes = name.is_empty()
        || name.starts_with(' ')
        || name.ends_with(' ')
        || name.contains("  ")
        || name.bytes().any(|b| b"()<>[]:;@\\,.\"".contains(&b));
    if !needs_quotes {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len() + 2);
    out.push('"');
    for c in name.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The SES-safe form of an address: a Unicode domain in Punycode, a non-ASCII friendly name as
/// an encoded-word (`José <jose@bücher.de>` → `=?UTF-8?B?Sm9zw6k=?= <jose@xn--bcher-kva.de>`),
/// a friendly name SES rejects quoted (`Last, First <a@b.org>` → `"Last, First" <a@b.org>`),
/// or, when no fix exists, the SES error that remains: the one SES gives once the domains are
/// converted (a non-ASCII local part, bad syntax), or SES's error on the input when a domain
/// has no valid Punycode form. An address that needs no fix comes back as it is.
///
/// ```
/// use ses_presend::address::to_ses_address;
/// assert_eq!(to_ses_address("José <jose@bücher.de>").unwrap(),
///            "=?UTF-8?B?Sm9zw6k=?= <jose@xn--bcher-kva.de>");
/// assert_eq!(to_ses_address("dån@example.com").unwrap_err().to_string(),
///            "Local address contains control or whitespace");
/// ```
pub fn to_ses_address(input: &str) -> Result<String, SesError> {
    let fixed = fix_address(input);
    if fixed.is_err() {
        // A friendly name SES rejects as written gets the fix it gets on its own.
        if let Some(Ok(requoted)) = with_name_fixed(input).map(|a| fix_address(&a)) {
            return Ok(requoted);
        }
    }
    fixed
}

/// [`to_ses_address`] with the friendly name left as written when SES rejects it.
fn fix_address(input: &str) -> Result<String, SesError> {
    // SES's own error, for what no fix removes.
    let ses_error = || {
        SesError::invalid(
            address::parse(input, Domains::Ses)
                .err()
                .unwrap_or(msg::ILLEGAL_ADDRESS),
        )
    };
    // The two checks differ only on non-ASCII domains: with ASCII domains, this shape passing
    // means SES accepts the input as it is. Its error is the one converting domains leaves.
    let shape = address::parse(input, Domains::Unicode).map_err(SesError::invalid)?;
    let needs_fix = shape.mailboxes().any(|m| {
        m.domain.is_some_and(non_ascii_checked)
            || m.display_name
                .or(m.comment)
                .is_some_and(name_needs_encoding)
    }) || matches!(&shape, Address::Group(g) if name_needs_encoding(g.name));
    if !needs_fix {
        return Ok(input.to_string());
    }
    let fixed = match &shape {
        Address::Mailbox(m) => fix_mailbox(m).ok_or_else(ses_error)?,
        Address::Group(g) => {
            let members: Option<Vec<String>> = g.members.iter().map(fix_mailbox).collect();
            let name = match name_needs_encoding(g.name) {
                true => encoded_name(g.name),
                false => g.name.to_string(),
            };
            format!("{name}: {};", members.ok_or_else(ses_error)?.join(", "))
        }
    };
    // The fix is only offered when SES accepts it.
    match address::parse(&fixed, Domains::Ses) {
        Ok(_) => Ok(fixed),
        Err(_) => Err(ses_error()),
    }
}

/// Whether SES rejects `domain` for non-ASCII characters: those before its first `[`, where
/// SES's domain check stops (DECISIONS `domain-literal-position`).
fn non_ascii_checked(domain: &str) -> bool {
    domain
        .split('[')
        .next()
        .is_some_and(|head| !head.is_ascii())
}

/// Whether `name`, written in front of `<…>`, is read back as the same friendly name. Not
/// always: a name that starts with a domain literal (`[]x`) had something before it, a control
/// character the name's trim removed, and without it the literal starts no address and is
/// dropped (`[]xn-- <a@b.com>` names `xn--`).
fn reads_back(name: &str) -> bool {
    let probe = name_probe(name);
    address::parse(&probe, Domains::Unicode)
        .ok()
        .and_then(|a| a.mailbox().map(|m| m.display_name == Some(name)))
        .unwrap_or(false)
}

/// One mailbox rewritten with an ASCII domain and an encoded friendly name, or `None` when the
/// domain has no valid Punycode form.
fn fix_mailbox(m: &Mailbox<'_>) -> Option<String> {
    let domain = match m.domain {
        Some(d) if non_ascii_checked(d) => Some(Cow::Owned(domain::check(d).ok()?)),
        other => other.map(Cow::Borrowed),
    };
    let name = match (m.display_name, m.comment) {
        (Some(n), _) if name_needs_encoding(n) || !reads_back(n) => {
            Some(Cow::Owned(encoded_name(n)))
        }
        (Some(n), _) => Some(Cow::Borrowed(n)),
        (None, Some(c)) if looks_like_punycode(c) => {
            Some(Cow::Owned(encode_friendly_name(&without_punycode(c))))
        }
        (None, Some(c)) if name_needs_encoding(c) => Some(Cow::Owned(encode_friendly_name(c))),
        _ => None,
    };
    // `[name ]<[route:]local@domain>`, or the bare addr-spec with its comment.
    let mut out = String::with_capacity(
        name.as_ref().map_or(0, |n| n.len() + 2)
            + m.route.map_or(0, |r| r.len() + 1)
            + m.local_part.len()
            + domain.as_ref().map_or(0, |d| d.len() + 1)
            + m.comment.map_or(0, |c| c.len() + 3)
            + 2,
    );
    let angle = name.is_some() || m.route.is_some() || m.angle_brackets;
    if let Some(name) = &name {
        out.push_str(name);
        out.push(' ');
    }
    if angle {
        out.push('<');
    }
    if let Some(route) = m.route {
        out.push_str(route);
        out.push(':');
    }
    out.push_str(m.local_part);
    if let Some(domain) = &domain {
        out.push('@');
        out.push_str(domain);
    }
    if angle {
        out.push('>');
    } else if let Some(comment) = m.comment {
        out.push_str(" (");
        out.push_str(comment);
        out.push(')');
    }
    Some(out)
}
