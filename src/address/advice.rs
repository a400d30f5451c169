//! Findings beyond SES's verdict (docs/addresses.md#internationalized-addresses): what SES rejects, with the reason in
//! plain words, and what SES accepts but should not be sent, with a fix where one exists.

use super::names::{
    encode_friendly_name, has_pair, non_ascii_checked, quoted_encoded_word, ses_form,
    starts_with_ace, without_punycode, Known,
};
use super::{Address, Domains, Mailbox};
use crate::address;
use crate::error::SesError;
use crate::intl::domain::{self, IdnaError};
use crate::intl::encoded_word::{self, EncodedWordProblem, Piece};
use crate::report::{Collector, Finding, Mode, Reason, Report, MAX_FINDINGS};
use crate::texts::address as msg;
use std::borrow::Cow;

fn finding(field: &str, reason: Reason, message: String) -> Finding {
    Finding::new(field, reason, message)
}

/// Where a finding is: a part of the address, or of one member of a group. Its path
/// (`domain`, `members[1].local_part`) is written only when a finding is made.
#[derive(Debug, Clone, Copy)]
pub(super) struct Field {
    /// The group member, when the address is a group.
    member: Option<usize>,
    name: &'static str,
}

impl Field {
    /// The part `name` of the address itself.
    pub(super) const fn top(name: &'static str) -> Field {
        Field { member: None, name }
    }

    /// The part `name` of the same address or member.
    fn part(self, name: &'static str) -> Field {
        Field { name, ..self }
    }

    fn path(self) -> Cow<'static, str> {
        match self.member {
            None => Cow::Borrowed(self.name),
            Some(i) => Cow::Owned(format!("members[{i}].{}", self.name)),
        }
    }
}

/// An advisory at `field`.
fn advisory(field: Field, reason: Reason, message: String) -> Finding {
    Finding::new(field.path(), reason, message)
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
pub(super) fn capped(mut report: Report, field: &str) -> Report {
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
    // The shape under `Domains::Unicode`. The two rules differ only where a non-ASCII domain
    // character fails SES's check, and the first failure ends the check: an address SES
    // accepts has the same shape under both, and so has text SES rejects for anything else.
    let unicode;
    let shape: Result<&Address<'_>, &'static str> = match &verdict {
        Ok(addr) => Ok(addr),
        Err(message) if *message != msg::DOMAIN_ILLEGAL_CHARACTER || input.is_ascii() => {
            Err(message)
        }
        Err(_) => {
            unicode = address::parse(input, Domains::Unicode);
            unicode.as_ref().map_err(|&m| m)
        }
    };
    if let Err(message) = verdict {
        let found = error_finding(input, message, shape.ok());
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
    match shape {
        Ok(Address::Mailbox(m)) => advise_mailbox(m, None, &mut report),
        Ok(Address::Group(g)) => {
            advise_name(g.name, Field::top("group_name"), &mut report);
            for (i, m) in g.members.iter().enumerate() {
                advise_mailbox(m, Some(i), &mut report);
            }
        }
        Err(_) => {}
    }
    report.fix = ses_form(input, shape, &known(&shape, &report))
        .ok()
        .flatten()
        .filter(|fixed| fixed != input);
    // A syntax error the fix removes (`Last, First <…>` quoted) names the fix too, so that a
    // report holding this one (a request's, a message's) offers it.
    if let Some(first) = report.errors.first_mut() {
        if first.reason == Reason::AddressSyntax && first.fix.is_none() {
            first.fix.clone_from(&report.fix);
        }
    }
    report
}

/// What the report's findings hold that the fix needs again: the Punycode domain of a
/// non-ASCII-domain error and the encoded name of a raw non-ASCII display name, for a mailbox.
fn known<'a>(shape: &Result<&Address<'a>, &'static str>, report: &Report) -> Known<'a> {
    let Ok(Address::Mailbox(m)) = shape else {
        return Known::default();
    };
    let fix_of = |reason: Reason, field: &str, findings: &[Finding]| {
        findings
            .iter()
            .find(|f| f.reason == reason && f.field == field)
            .and_then(|f| f.fix.clone())
    };
    Known {
        domain: m
            .domain
            .zip(fix_of(Reason::NonAsciiDomain, "domain", &report.errors)),
        name: m.display_name.zip(fix_of(
            Reason::NameRawNonAscii,
            "display_name",
            &report.advisories,
        )),
    }
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
            ["SES rejects the address: ", message].concat(),
        )
    };
    f.with_error(error)
}

/// The text before the last `@`, for naming a non-ASCII local part.
fn local_of(input: &str) -> Option<&str> {
    let text = input.rsplit_once('<').map_or(input, |(_, a)| a);
    text.rsplit_once('@').map(|(l, _)| l)
}

fn advise_mailbox(m: &Mailbox<'_>, member: Option<usize>, report: &mut Report) {
    let field = Field {
        member,
        name: "address",
    };
    if let Some(name) = m.display_name {
        advise_name(name, field.part("display_name"), report);
    } else if let Some(comment) = m.comment {
        advise_name(comment, field.part("comment"), report);
    }
    advise_local(m.local_part, field.part("local_part"), report);
    if let Some(domain) = m.domain {
        let later = (domain.contains(['[', ']']) && !non_ascii_checked(domain))
            .then(|| address::later_release_rejects(domain, Domains::Ses))
            .flatten();
        if let Some(text) = later {
            report.advisories.push(advisory(
                field.part("domain"),
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
                    .push(idna_finding(field.part("domain"), domain, &e));
            }
        }
        let octets = m.local_part.len() + 1 + domain.len();
        if octets > 254 {
            report.advisories.push(advisory(
                field,
                Reason::AddressTooLong,
                format!("the address is {octets} octets long; many servers refuse more than 254"),
            ));
        }
    }
}

fn idna_finding(field: Field, domain: &str, e: &IdnaError) -> Finding {
    advisory(
        field,
        Reason::Idna(e.problem),
        format!("SES accepts '{domain}', but it is not a deliverable domain name: {e}"),
    )
}

fn advise_local(local: &str, field: Field, report: &mut Report) {
    let mut push = |reason, message: &str| {
        report
            .advisories
            .push(advisory(field, reason, message.to_string()));
    };
    if starts_with_ace(local) {
        push(
            Reason::LocalPartPunycode,
            "the local part looks like Punycode, which is not allowed before the '@'",
        );
    }
    if has_pair(local, *b"=?") && has_pair(local, *b"?=") {
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
        if has_pair(local, *b"..") {
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
/// Advisories for a friendly name as written (a phrase or a comment).
pub(super) fn advise_name(name: &str, field: Field, report: &mut Report) {
    // Without `=?` there is no encoded-word, and without `--` no word starting with `xn--`:
    // the only possible finding is raw non-ASCII text, which any non-ASCII byte is (white
    // space pieces are ASCII).
    if !has_pair(name, *b"=?") && !has_pair(name, *b"--") {
        if !name.is_ascii() {
            report.advisories.push(raw_non_ascii_name(name, field));
        }
        return;
    }
    let mut raw_non_ascii = false;
    let mut not_separated_seen = false;
    for piece in encoded_word::pieces(name) {
        match piece {
            Piece::Space(_) | Piece::Word(_, Ok(_)) => {}
            Piece::Quoted(q) => {
                raw_non_ascii |= !q.is_ascii();
                if quoted_encoded_word(q) {
                    let mut f = advisory(
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
                    let mut f = advisory(
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
        report.advisories.push(raw_non_ascii_name(name, field));
    }
}

/// The advisory for a friendly name with raw non-ASCII text, with its encoded fix.
fn raw_non_ascii_name(name: &str, field: Field) -> Finding {
    let mut f = advisory(
        field,
        Reason::NameRawNonAscii,
        "SES accepts a raw non-ASCII friendly name but mangles it: encode it as an RFC 2047 \
         encoded-word"
            .to_string(),
    );
    f.fix = Some(encode_friendly_name(&encoded_word::decode_phrase_meant(
        name,
    )));
    f
}

fn not_separated(field: Field) -> Finding {
    advisory(
        field,
        Reason::EncodedWord(EncodedWordProblem::NotSeparated),
        "an encoded-word must be separated from other text by white space; mail clients show \
         this one as written"
            .to_string(),
    )
}

fn word_problem(field: Field, word: &str, problem: EncodedWordProblem) -> Finding {
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
    advisory(
        field,
        Reason::EncodedWord(problem),
        format!("the encoded-word '{word}' will be shown as written: {why}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `address_report` relies on to skip the second parse: under `Domains::Unicode` the
    /// verdict differs from SES's only when SES rejects a non-ASCII domain character.
    #[test]
    fn the_unicode_shape_differs_only_for_a_non_ascii_domain() {
        let corpus = include_str!("../../tests/data/ses-address-verdicts.tsv");
        for input in corpus.split('\n').filter_map(|l| l.split('\t').nth(1)) {
            let ses = address::parse(input, Domains::Ses);
            if ses != Err(msg::DOMAIN_ILLEGAL_CHARACTER) {
                assert_eq!(address::parse(input, Domains::Unicode), ses, "{input:?}");
            }
        }
    }
}
