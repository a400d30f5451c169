//! Domains under UTS #46 (IDNA): the Punycode form of a Unicode domain, and why a domain SES
//! accepts may still be undeliverable.
//!
//! The profile is strict, as for registration and delivery: non-transitional processing, STD3
//! rules (letters, digits and hyphens only), no hyphen at either end of a label, labels of at
//! most 63 octets and names of at most 253.

use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};
use std::fmt;

/// Why a domain is not a valid internationalized domain name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdnaProblem {
    /// An `xn--` label whose Punycode cannot be decoded.
    UndecodablePunycode,
    /// An `xn--` label that decodes to plain ASCII, which IDNA never produces.
    PunycodeDecodesToAscii,
    /// An `xn--` label whose decoded form starts with `xn--` again.
    NestedAcePrefix,
    /// A label that is not in the form IDNA maps it to (not NFC, upper case, or a character
    /// IDNA replaces by another).
    NotNormalized,
    /// A character IDNA disallows in domain names (symbols, spaces, punctuation, …).
    DisallowedCodePoint,
    /// A label that starts or ends with `-`.
    Hyphen,
    /// The contextual rules: right-to-left text (RFC 5893), joiners (RFC 5892), or a label
    /// starting with a combining mark.
    ContextualRule,
    /// A label longer than 63 octets.
    LabelTooLong,
    /// A name longer than 253 octets.
    NameTooLong,
    /// An empty label.
    EmptyLabel,
}

impl IdnaProblem {
    /// A stable machine-readable name.
    ///
    /// ```
    /// assert_eq!(ses_presend::intl::IdnaProblem::Hyphen.reason(), "domain-label-hyphen");
    /// ```
    pub fn reason(self) -> &'static str {
        match self {
            IdnaProblem::UndecodablePunycode => "invalid-punycode-label",
            IdnaProblem::PunycodeDecodesToAscii => "punycode-decodes-to-ascii",
            IdnaProblem::NestedAcePrefix => "punycode-nested-ace-prefix",
            IdnaProblem::NotNormalized => "idna-not-normalized",
            IdnaProblem::DisallowedCodePoint => "idna-disallowed-code-point",
            IdnaProblem::Hyphen => "domain-label-hyphen",
            IdnaProblem::ContextualRule => "idna-contextual-rule",
            IdnaProblem::LabelTooLong => "domain-label-too-long",
            IdnaProblem::NameTooLong => "domain-too-long",
            IdnaProblem::EmptyLabel => "domain-empty-label",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            IdnaProblem::UndecodablePunycode => "its Punycode cannot be decoded",
            IdnaProblem::PunycodeDecodesToAscii => "its Punycode decodes to plain ASCII",
            IdnaProblem::NestedAcePrefix => "its Punycode decodes to a label starting with 'xn--'",
            IdnaProblem::NotNormalized => {
                "it is not in the normalized form IDNA requires (NFC, lower case, mapped)"
            }
            IdnaProblem::DisallowedCodePoint => "it contains a character IDNA disallows",
            IdnaProblem::Hyphen => "it starts or ends with '-'",
            IdnaProblem::ContextualRule => {
                "it breaks IDNA's contextual rules (right-to-left text, joiners or a leading \
                 combining mark)"
            }
            IdnaProblem::LabelTooLong => "it is longer than 63 octets",
            IdnaProblem::NameTooLong => "the domain is longer than 253 octets",
            IdnaProblem::EmptyLabel => "it is empty",
        }
    }
}

/// A domain that is not a valid internationalized domain name: which label, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe())]
pub struct IdnaError {
    /// The first offending label (the whole domain for [`IdnaProblem::NameTooLong`] and
    /// rules that span labels).
    pub label: String,
    /// What is wrong with it.
    pub problem: IdnaProblem,
}

impl IdnaError {
    fn describe(&self) -> String {
        match self.problem {
            IdnaProblem::NameTooLong => self.problem.describe().to_string(),
            problem => format!("the label '{}': {}", self.label, problem.describe()),
        }
    }
}

const UTS46: Uts46 = Uts46::new();

fn strict_to_ascii(domain: &str) -> Option<String> {
    UTS46
        .to_ascii(
            domain.as_bytes(),
            AsciiDenyList::STD3,
            Hyphens::CheckFirstLast,
            DnsLength::Verify,
        )
        .ok()
        .map(|c| c.into_owned())
}

/// Whether IDNA would leave the characters of `label` alone (no error, no mapping).
fn unicode_label_problem(label: &str, from_punycode: bool) -> Option<IdnaProblem> {
    let (mapped, result) = UTS46.to_unicode(label.as_bytes(), AsciiDenyList::STD3, Hyphens::Allow);
    if result.is_err() {
        // A character that is disallowed on its own, rather than only in this context.
        let disallowed = label.chars().any(|c| {
            let alone = c.to_string();
            let (_, r) = UTS46.to_unicode(alone.as_bytes(), AsciiDenyList::STD3, Hyphens::Allow);
            let (_, after_letter) = UTS46.to_unicode(
                format!("a{alone}").as_bytes(),
                AsciiDenyList::STD3,
                Hyphens::Allow,
            );
            r.is_err()
                && after_letter.is_err()
                && !matches!(c, '\u{200C}' | '\u{200D}')
                && !is_right_to_left(c)
        });
        return Some(if disallowed {
            IdnaProblem::DisallowedCodePoint
        } else {
            IdnaProblem::ContextualRule
        });
    }
    if from_punycode && mapped != label {
        return Some(IdnaProblem::NotNormalized);
    }
    None
}

/// Characters of the right-to-left scripts (Hebrew, Arabic and their neighbours), whose
/// failures are the bidi rule's, not their own.
fn is_right_to_left(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x1_0800..=0x1_0FFF | 0x1_E800..=0x1_EFFF)
}

fn starts_with_ace(label: &str) -> bool {
    label
        .as_bytes()
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"xn--"))
}

fn label_problem(label: &str) -> Option<IdnaProblem> {
    if label.is_empty() {
        return Some(IdnaProblem::EmptyLabel);
    }
    let lower = label.to_ascii_lowercase();
    let unicode = if let Some(puny) = lower.strip_prefix("xn--") {
        let decoded = match idna::punycode::decode_to_string(puny) {
            Some(d) if !puny.is_empty() && !puny.ends_with('-') => d,
            _ => return Some(IdnaProblem::UndecodablePunycode),
        };
        if decoded.is_ascii() {
            return Some(IdnaProblem::PunycodeDecodesToAscii);
        }
        if starts_with_ace(&decoded) {
            return Some(IdnaProblem::NestedAcePrefix);
        }
        if let Some(problem) = unicode_label_problem(&decoded, true) {
            return Some(problem);
        }
        decoded
    } else if label.is_ascii() {
        if !label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Some(IdnaProblem::DisallowedCodePoint);
        }
        label.to_string()
    } else {
        if let Some(problem) = unicode_label_problem(label, false) {
            return Some(problem);
        }
        label.to_string()
    };
    if unicode.starts_with('-') || unicode.ends_with('-') || label.ends_with('-') {
        return Some(IdnaProblem::Hyphen);
    }
    let ascii_len = match label.is_ascii() {
        true => label.len(),
        false => strict_to_ascii(label).map_or(label.len(), |a| a.len()),
    };
    if ascii_len > 63 {
        return Some(IdnaProblem::LabelTooLong);
    }
    strict_to_ascii(label)
        .is_none()
        .then_some(IdnaProblem::ContextualRule)
}

/// Whether `domain` is a plain ASCII host name that IDNA leaves alone: letters, digits and
/// inner hyphens, no `xn--` label, within the DNS lengths. The common case, answered without
/// UTS #46 processing.
pub(crate) fn is_plain_ascii(domain: &str) -> bool {
    // One pass over the bytes, each label judged at its end (a `split('.')` searches for each
    // dot again).
    let b = domain.as_bytes();
    if b.len() > 253 {
        return false;
    }
    let mut start = 0;
    for i in 0..=b.len() {
        match b.get(i) {
            None | Some(b'.') => {
                let label = &b[start..i];
                let (Some(&first), Some(&last)) = (label.first(), label.last()) else {
                    return false;
                };
                if label.len() > 63
                    || first == b'-'
                    || last == b'-'
                    || label
                        .get(..4)
                        .is_some_and(|p| p.eq_ignore_ascii_case(b"xn--"))
                {
                    return false;
                }
                start = i + 1;
            }
            Some(c) if c.is_ascii_alphanumeric() || *c == b'-' => {}
            Some(_) => return false,
        }
    }
    true
}

/// The Punycode form of the common Unicode domain, without UTS #46 processing: written in
/// ASCII and Latin-1 letters, Cyrillic, CJK ideographs, kana or Hangul syllables. Those
/// characters are valid in IDNA, already normalized, left-to-right, without joiner context,
/// and (upper case) map to their lower-case partner, so plain Punycode of each label is the
/// answer. `None` for anything else, which takes the full path. A property test holds it equal
/// to idna's answer.
fn common_to_ascii(domain: &str) -> Option<String> {
    if domain.is_ascii() {
        return None;
    }
    let mut out = String::with_capacity(domain.len() + 16);
    let mut label = String::with_capacity(64);
    for (i, raw) in domain.split('.').enumerate() {
        label.clear();
        for c in raw.chars() {
            label.push(match c {
                'a'..='z' | '0'..='9' | '-' => c,
                'A'..='Z' => c.to_ascii_lowercase(),
                '\u{DF}'..='\u{FF}' if c != '\u{F7}' => c,
                '\u{C0}'..='\u{DE}' if c != '\u{D7}' => char::from_u32(c as u32 + 0x20)?,
                // Cyrillic: а-я and ё; А-Я and Ё map to them.
                '\u{430}'..='\u{44F}' | '\u{451}' => c,
                '\u{410}'..='\u{42F}' => char::from_u32(c as u32 + 0x20)?,
                '\u{401}' => '\u{451}',
                // Hiragana, katakana (not the middle dot U+30FB, which has context rules),
                // CJK unified ideographs, Hangul syllables.
                '\u{3041}'..='\u{3096}'
                | '\u{30A1}'..='\u{30FA}'
                | '\u{30FC}'
                | '\u{4E00}'..='\u{9FFF}'
                | '\u{AC00}'..='\u{D7A3}' => c,
                _ => return None,
            });
        }
        if label.is_empty()
            || label.starts_with('-')
            || label.ends_with('-')
            || starts_with_ace(&label)
        {
            return None;
        }
        if i > 0 {
            out.push('.');
        }
        let start = out.len();
        if label.is_ascii() {
            out.push_str(&label);
        } else {
            out.push_str("xn--");
            out.push_str(&idna::punycode::encode_str(&label)?);
        }
        if out.len() - start > 63 {
            return None;
        }
    }
    (out.len() <= 253).then_some(out)
}

/// [`check`] for an ASCII domain without an `xn--` label, answered without UTS #46: IDNA
/// only lower-cases such a domain, so the first problem is that of the first label that is
/// empty, holds a character other than a letter, digit or `-`, starts or ends with `-`, or is
/// over 63 octets; then the name's length. `None` for any other domain. A property test holds
/// it equal to the full check.
fn ascii_without_ace(domain: &str) -> Option<Result<String, IdnaError>> {
    if !domain.is_ascii() || domain.split('.').any(starts_with_ace) {
        return None;
    }
    for label in domain.split('.') {
        let b = label.as_bytes();
        let problem = if b.is_empty() {
            IdnaProblem::EmptyLabel
        } else if !b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-') {
            IdnaProblem::DisallowedCodePoint
        } else if b[0] == b'-' || b[b.len() - 1] == b'-' {
            IdnaProblem::Hyphen
        } else if b.len() > 63 {
            IdnaProblem::LabelTooLong
        } else {
            continue;
        };
        return Some(Err(IdnaError {
            label: label.to_string(),
            problem,
        }));
    }
    Some(match domain.len() > 253 {
        true => Err(IdnaError {
            label: domain.to_string(),
            problem: IdnaProblem::NameTooLong,
        }),
        false => Ok(domain.to_ascii_lowercase()),
    })
}

/// Checks `domain` under the strict IDNA profile and returns its ASCII (Punycode) form, or
/// the first problem.
pub(crate) fn check(domain: &str) -> Result<String, IdnaError> {
    match ascii_without_ace(domain) {
        Some(answer) => answer,
        None => uts46_check(domain),
    }
}

/// [`check`] without its ASCII shortcut: the common Unicode domains, then UTS #46.
fn uts46_check(domain: &str) -> Result<String, IdnaError> {
    if let Some(ascii) = common_to_ascii(domain) {
        return Ok(ascii);
    }
    if let Some(ascii) = strict_to_ascii(domain) {
        // UTS #46 (V4) forbids what idna 1.1 lets through: an `xn--` label whose decoded
        // form is itself an ACE label.
        let nested = domain.split('.').find(|label| {
            label
                .get(..4)
                .is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
                .then(|| idna::punycode::decode_to_string(&label[4..].to_ascii_lowercase()))
                .flatten()
                .is_some_and(|d| starts_with_ace(&d))
        });
        return match nested {
            None => Ok(ascii),
            Some(label) => Err(IdnaError {
                label: label.to_string(),
                problem: IdnaProblem::NestedAcePrefix,
            }),
        };
    }
    for label in domain.split(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}']) {
        if let Some(problem) = label_problem(label) {
            return Err(IdnaError {
                label: label.to_string(),
                problem,
            });
        }
    }
    // Every label is fine alone: the name is too long, or a rule spans labels (bidi).
    let whole = UTS46.to_ascii(
        domain.as_bytes(),
        AsciiDenyList::STD3,
        Hyphens::CheckFirstLast,
        DnsLength::Ignore,
    );
    Err(IdnaError {
        label: domain.to_string(),
        problem: match whole {
            Ok(_) => IdnaProblem::NameTooLong,
            Err(_) => IdnaProblem::ContextualRule,
        },
    })
}

/// The Punycode (ASCII) form of a domain, under the strict IDNA profile SES's recipients
/// expect: `bücher.de` → `xn--bcher-kva.de`. An ASCII domain comes back lower-cased.
///
/// ```
/// use ses_presend::intl::{domain_to_ascii, IdnaProblem};
/// assert_eq!(domain_to_ascii("bücher.de").unwrap(), "xn--bcher-kva.de");
/// assert_eq!(domain_to_ascii("例え.jp").unwrap(), "xn--r8jz45g.jp");
/// assert_eq!(domain_to_ascii("a_b.com").unwrap_err().problem, IdnaProblem::DisallowedCodePoint);
/// ```
pub fn domain_to_ascii(domain: &str) -> Result<String, IdnaError> {
    check(domain)
}

impl fmt::Display for IdnaProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// The ASCII shortcut answers as UTS #46 does, on labels near every limit.
        #[test]
        fn ascii_shortcut_agrees_with_uts46(
            labels in prop::collection::vec("[a-zA-Z0-9_-]{0,3}|[a-z0-9-]{60,66}|xn--[a-z0-9-]{0,8}|[A-Z]{1,4}-", 0..6),
            padding in 0usize..4,
            trailing_dot in any::<bool>(),
        ) {
            let mut domain = labels.join(".");
            if padding > 0 {
                // Names near 253 octets.
                let long = vec!["a".repeat(63); 4].join(".");
                domain = format!("{}.{domain}", &long[..long.len() - padding * 3]);
            }
            if trailing_dot {
                domain.push('.');
            }
            if let Some(fast) = ascii_without_ace(&domain) {
                prop_assert_eq!(fast, uts46_check(&domain), "{:?}", domain);
            }
        }

        /// The one-pass plain-domain test answers as the label-by-label rules it replaced.
        #[test]
        fn plain_ascii_agrees_with_its_label_rules(domain in "([a-zA-Z0-9_-]{0,4}|xN--a|[a-z]{62,64}|\\.)([a-z0-9.-]{0,3}|[a-z]{62,64}\\.){0,5}") {
            let by_labels = domain.len() <= 253
                && domain.split('.').all(|label| {
                    let b = label.as_bytes();
                    !b.is_empty()
                        && b.len() <= 63
                        && b[0] != b'-'
                        && b[b.len() - 1] != b'-'
                        && !starts_with_ace(label)
                        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
                });
            prop_assert_eq!(is_plain_ascii(&domain), by_labels, "{:?}", domain);
        }
    }
}
