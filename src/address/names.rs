//! Friendly names: checked on their own, decoded as mail clients show them, encoded as SES
//! needs them, and the SES-safe form of a whole address
//! (docs/addresses.md#internationalized-addresses).

use super::advice::{advise_name, capped, Field};
use super::{Address, Domains, Mailbox};
use crate::address;
use crate::error::SesError;
use crate::intl::domain;
use crate::intl::encoded_word::{self, PhraseToken, Piece};
use crate::report::Report;
use crate::texts::address as msg;
use std::borrow::Cow;

/// `name` with each word that is Punycode (`xn--bcher-kva`) replaced by the Unicode it stands
/// for (`bücher`): what a name that went through a domain converter by mistake meant.
pub(super) fn without_punycode(name: &str) -> String {
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

/// Whether `text` holds the two bytes `pair`: for the short patterns of the advice, cheaper
/// than a general substring search.
pub(super) fn has_pair(text: &str, pair: [u8; 2]) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == pair[0] && w[1] == pair[1])
}

/// Whether `text` starts with the IDNA ACE prefix `xn--`, in any case.
pub(super) fn starts_with_ace(text: &str) -> bool {
    text.as_bytes()
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"xn--"))
}
/// Whether a friendly name as written must be re-encoded to show right: raw non-ASCII, or an
/// encoded-word inside a quoted string.
fn name_needs_encoding(name: &str) -> bool {
    // Plain ASCII without `=?` or `--` holds no encoded-word and no word starting with `xn--`.
    if name.is_ascii() && !has_pair(name, *b"=?") && !has_pair(name, *b"--") {
        return false;
    }
    !name.is_ascii()
        || encoded_word::phrase_tokens(name)
            .any(|t| matches!(t, PhraseToken::Quoted(q) if quoted_encoded_word(q)))
        || looks_like_punycode(name)
}

/// Whether a word of the name, outside quotes and encoded-words, starts with `xn--`: the
/// `name-looks-like-punycode` advisory.
fn looks_like_punycode(name: &str) -> bool {
    // `xn--` needs a `--`: most names are answered without reading them into pieces.
    has_pair(name, *b"--")
        && encoded_word::pieces(name)
            .iter()
            .any(|p| matches!(p, Piece::Text(t) if starts_with_ace(t)))
}

/// The encoded name [`to_ses_address`] writes for a name that needs encoding: the fix the
/// name's advisories offer (Punycode-looking words decoded first).
fn encoded_name(name: &str, known: &Known<'_>) -> String {
    if looks_like_punycode(name) {
        let decoded = encoded_word::decode_phrase_meant(name);
        return encode_friendly_name(&without_punycode(&decoded));
    }
    match known.name {
        Some((n, ref encoded)) if n == name => encoded.clone(),
        _ => encode_friendly_name(&encoded_word::decode_phrase_meant(name)),
    }
}

/// What a report already worked out that the fix needs again, each with the text it was made
/// from: a domain's Punycode form ([`domain::check`]) and a friendly name's encoded form
/// (`encode_friendly_name` of the name as meant, the `name-raw-non-ascii` fix).
#[derive(Debug, Default)]
pub(super) struct Known<'a> {
    pub(super) domain: Option<(&'a str, String)>,
    pub(super) name: Option<(&'a str, String)>,
}

pub(super) fn quoted_encoded_word(quoted: &str) -> bool {
    has_pair(quoted, *b"=?") && has_pair(quoted, *b"?=")
}
/// Checks a friendly name on its own, as written before the `<` of an address (a phrase:
/// atoms, quoted strings, encoded-words): the advisories of
/// [`report_address`](super::report_address) for its `display_name`, with the encoded fix for
/// a raw non-ASCII name. SES itself rejects nothing here, so the report has no errors.
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
    advise_name(name, Field::top("display_name"), &mut report);
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
    if takes_fast_path(name) {
        return None;
    }
    // The fixed name is a plain phrase (a quoted string or encoded-words): the tokenizer
    // leaves the route-addr after it as it finds it alone, so when `<…>` alone has no shape,
    // the address with any name has none, and no fix would be offered. Asked before the name
    // probe, which costs more.
    if address::parse(rest, Domains::Unicode).is_err()
        || address::parse(&name_probe(name), Domains::Ses).is_ok()
    {
        return None;
    }
    let fixed = friendly_name_fix(name, report_friendly_name(name).fix, true)?;
    Some(format!("{fixed} {rest}"))
}

/// Whether the name probe of `name` takes the parser's `Name <addr>` fast path, and so passes,
/// told without building it: no `<`, `>`, `(`, `)`, `[`, `,`, `:` or `;` outside quoted
/// strings, and every quoted string closed. `false` only means "not told".
fn takes_fast_path(name: &str) -> bool {
    let b = name.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => loop {
                i += 1;
                match b.get(i) {
                    None => return false,
                    Some(b'\\') => i += 1,
                    Some(b'"') => break,
                    Some(_) => {}
                }
            },
            b'<' | b'>' | b'(' | b')' | b'[' | b',' | b':' | b';' => return false,
            _ => {}
        }
        i += 1;
    }
    true
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
    if !printable || has_pair(name, *b"=?") || name.split(' ').any(starts_with_ace) {
        return encoded_word::encode_words(name);
    }
    let needs_quotes = name.is_empty()
        || name.starts_with(' ')
        || name.ends_with(' ')
        || has_pair(name, *b"  ")
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
    let shape = address::parse(input, Domains::Unicode);
    ses_form(input, shape.as_ref().map_err(|&m| m), &Known::default())
        .map(|fixed| as_is_or(input, fixed))
}

/// The fixed text, or the input itself when it needs no fix.
fn as_is_or(input: &str, fixed: Option<String>) -> String {
    fixed.unwrap_or_else(|| input.to_string())
}

/// [`to_ses_address`] given the input's `shape` under `Domains::Unicode`, as the report already
/// has it; `Ok(None)` when the input needs no fix.
pub(super) fn ses_form(
    input: &str,
    shape: Result<&Address<'_>, &'static str>,
    known: &Known<'_>,
) -> Result<Option<String>, SesError> {
    let fixed = fix_shaped(input, shape, known);
    if fixed.is_err() {
        // A friendly name SES rejects as written gets the fix it gets on its own.
        if let Some(Ok(requoted)) = with_name_fixed(input).map(|a| fix_address(&a)) {
            return Ok(Some(requoted));
        }
    }
    fixed
}

/// [`to_ses_address`] with the friendly name left as written when SES rejects it.
fn fix_address(input: &str) -> Result<String, SesError> {
    let shape = address::parse(input, Domains::Unicode);
    fix_shaped(input, shape.as_ref().map_err(|&m| m), &Known::default())
        .map(|fixed| as_is_or(input, fixed))
}

/// [`fix_address`] given the input's shape under `Domains::Unicode`; `Ok(None)` when the input
/// needs no fix.
fn fix_shaped(
    input: &str,
    shape: Result<&Address<'_>, &'static str>,
    known: &Known<'_>,
) -> Result<Option<String>, SesError> {
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
    let shape = shape.map_err(SesError::invalid)?;
    let needs_fix = shape.mailboxes().any(|m| {
        m.domain.is_some_and(non_ascii_checked)
            || m.display_name
                .or(m.comment)
                .is_some_and(name_needs_encoding)
    }) || matches!(shape, Address::Group(g) if name_needs_encoding(g.name));
    if !needs_fix {
        return Ok(None);
    }
    let fixed = match shape {
        Address::Mailbox(m) => fix_mailbox(m, known).ok_or_else(ses_error)?,
        Address::Group(g) => {
            let members: Option<Vec<String>> =
                g.members.iter().map(|m| fix_mailbox(m, known)).collect();
            let name = match name_needs_encoding(g.name) {
                true => encoded_name(g.name, known),
                false => g.name.to_string(),
            };
            format!("{name}: {};", members.ok_or_else(ses_error)?.join(", "))
        }
    };
    // The fix is only offered when SES accepts it.
    match address::parse(&fixed, Domains::Ses) {
        Ok(_) => Ok(Some(fixed)),
        Err(_) => Err(ses_error()),
    }
}

/// Whether SES rejects `domain` for non-ASCII characters: those before its first `[`, where
/// SES's domain check stops (DECISIONS `domain-literal-position`).
pub(super) fn non_ascii_checked(domain: &str) -> bool {
    domain
        .bytes()
        .take_while(|&b| b != b'[')
        .any(|b| !b.is_ascii())
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
fn fix_mailbox(m: &Mailbox<'_>, known: &Known<'_>) -> Option<String> {
    let domain = match m.domain {
        Some(d) if non_ascii_checked(d) => Some(Cow::Owned(match known.domain {
            Some((k, ref ascii)) if k == d => ascii.clone(),
            _ => domain::check(d).ok()?,
        })),
        other => other.map(Cow::Borrowed),
    };
    let name = match (m.display_name, m.comment) {
        (Some(n), _) if name_needs_encoding(n) || !reads_back(n) => {
            Some(Cow::Owned(encoded_name(n, known)))
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
