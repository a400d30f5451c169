//! The address check SES runs on every Source and Destination entry (docs/addresses.md).
//!
//! SES parses an address with an old JavaMail parser: the text is tokenized as an address list,
//! there must be exactly one address, and that address is checked character by character, the
//! first problem winning. [`parse_address`] reproduces that verdict, message for message, and
//! returns the parts of an accepted address borrowed from the input.
//!
//! Grammar actually enforced (simpler and looser than RFC 5322 in places, stricter in others):
//!
//! ```text
//! address     = mailbox / group
//! mailbox     = [phrase] "<" [route ":"] addr-spec ">" / addr-spec [comment]
//! group       = phrase ":" [mailbox-list] ";"     (members need no @domain)
//! addr-spec   = local-part "@" domain
//! local-part  = quoted-string / 1*(any ASCII 0x21-0x7E but ()<>,;:\"[]@, or "\" any)
//!               (no dot rules: ".a", "a." and "a..b" are accepted)
//! domain      = 1*(ALPHA / DIGIT / "-" / ".") with no leading, doubled or final "."
//!             / *(ALPHA / DIGIT / "-" / ".") "[" *(anything)  (no leading or doubled ".")
//! ```
//!
//! The domain check stops at the first `[`, as JavaMail's releases before 1.5.2 do: a domain
//! literal passes wherever it stands (`a@x[1.2.3.4]`, `a@[1.2.3.4]x`), while later releases
//! reject it (decided: `domain-literal-position`; `report_address` gives an advisory).

mod advice;
mod check;
mod deliverability;
#[cfg(feature = "deliverability")]
pub mod dns;
mod names;
mod scan;

pub(crate) use advice::address_report;
pub use advice::report_address;
pub use deliverability::{
    report_address_with, special_use_domain, Deliverability, SpecialUse, SPECIAL_USE,
};
pub use names::{decode_friendly_name, encode_friendly_name, report_friendly_name, to_ses_address};
pub(crate) use names::{friendly_name_fix, name_probe};

use crate::error::{Api, SesError};
use crate::texts::address as msg;
use check::{check_addr, CheckedAddr, Validate};
pub(crate) use check::{later_release_rejects, Domains};
use scan::{scan_list, Item};
use std::borrow::Cow;
use std::ops::Range;

/// One mailbox: an address with its optional display name, as written in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox<'a> {
    /// The phrase before `<`, as written (quotes and escapes kept), when there is one.
    pub display_name: Option<&'a str>,
    /// The inside of the first comment (`a@b.com (Bob)` gives `Bob`), as written.
    pub comment: Option<&'a str>,
    /// The obsolete source route (`@relay.example` of `<@relay.example:a@b.com>`), when there
    /// is one; SES accepts and ignores it.
    pub route: Option<&'a str>,
    /// The local part, as written (quotes and escapes kept).
    pub local_part: &'a str,
    /// The domain. `None` only for a group member written without one, which SES accepts.
    pub domain: Option<&'a str>,
    /// Whether the address was written inside `< >`.
    pub angle_brackets: bool,
}

impl<'a> Mailbox<'a> {
    /// The display name with its quotes and backslash escapes removed, or the comment when
    /// there is no phrase. RFC 2047 encoded-words are left as written.
    ///
    /// ```
    /// let addr = ses_presend::parse_address(r#""Chan, Karen \"KC\"" <karen@example.com>"#).unwrap();
    /// let mailbox = addr.mailbox().unwrap();
    /// assert_eq!(mailbox.display_name, Some(r#""Chan, Karen \"KC\"""#));
    /// assert_eq!(mailbox.display_name_unquoted().unwrap(), r#"Chan, Karen "KC""#);
    /// ```
    pub fn display_name_unquoted(&self) -> Option<Cow<'a, str>> {
        let raw = self.display_name.or(self.comment)?;
        if !raw.contains(['"', '\\']) {
            return Some(Cow::Borrowed(raw));
        }
        let mut out = String::with_capacity(raw.len());
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => {}
                '\\' => out.extend(chars.next()),
                c => out.push(c),
            }
        }
        Some(Cow::Owned(out))
    }

    /// The display name as mail clients show it: quotes and escapes removed and RFC 2047
    /// encoded-words decoded; the comment when there is no phrase.
    ///
    /// ```
    /// let addr = ses_presend::parse_address("=?UTF-8?B?Sm9zw6k=?= <jose@example.com>").unwrap();
    /// assert_eq!(addr.mailbox().unwrap().display_name_decoded().unwrap(), "José");
    /// ```
    pub fn display_name_decoded(&self) -> Option<Cow<'a, str>> {
        self.display_name
            .or(self.comment)
            .map(crate::intl::encoded_word::decode_phrase)
    }

    /// `local@domain` as written, without display name or route.
    ///
    /// ```
    /// let addr = ses_presend::parse_address("Bob <@relay.example:bob@example.com>").unwrap();
    /// assert_eq!(addr.mailbox().unwrap().addr_spec(), "bob@example.com");
    /// ```
    pub fn addr_spec(&self) -> String {
        match self.domain {
            Some(domain) => format!("{}@{}", self.local_part, domain),
            None => self.local_part.to_string(),
        }
    }
}

/// A group: `name: member, member;`. SES accepts a group when every member passes the
/// lenient check (a member needs no `@domain`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group<'a> {
    /// The group's name, as written, before the `:`.
    pub name: &'a str,
    /// The members, in order.
    pub members: Vec<Mailbox<'a>>,
}

/// An address SES accepts, its parts borrowed from the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address<'a> {
    /// A single mailbox.
    Mailbox(Mailbox<'a>),
    /// A group of mailboxes.
    Group(Group<'a>),
}

impl<'a> Address<'a> {
    /// The mailbox, when the address is not a group.
    ///
    /// ```
    /// let addr = ses_presend::parse_address("Bob <bob@example.com>").unwrap();
    /// assert_eq!(addr.mailbox().unwrap().domain, Some("example.com"));
    /// ```
    pub fn mailbox(&self) -> Option<&Mailbox<'a>> {
        match self {
            Address::Mailbox(m) => Some(m),
            Address::Group(_) => None,
        }
    }

    /// Every mailbox: the one mailbox, or the members of the group. This is what SES counts
    /// as recipients.
    ///
    /// ```
    /// let addr = ses_presend::parse_address("team: a@example.com, b@example.com;").unwrap();
    /// assert_eq!(addr.mailboxes().count(), 2);
    /// ```
    pub fn mailboxes(&self) -> impl Iterator<Item = &Mailbox<'a>> {
        let (one, many) = match self {
            Address::Mailbox(m) => (Some(m), &[][..]),
            Address::Group(g) => (None, &g.members[..]),
        };
        one.into_iter().chain(many)
    }
}

// The fast path's byte classes: 1 = allowed in an unquoted local part (ASCII 0x21-0x7E except
// the specials), 2 = allowed in a domain (letter, digit, '-', '.'); both bits for most.
pub(crate) const LOCAL: u8 = 1;
pub(crate) const DOMAIN: u8 = 2;
pub(crate) const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0x21;
    while c < 0x7F {
        if !matches!(
            c as u8,
            b'(' | b')' | b'<' | b'>' | b',' | b';' | b':' | b'\\' | b'"' | b'[' | b']' | b'@'
        ) {
            t[c] |= LOCAL;
        }
        if (c as u8).is_ascii_alphanumeric() || c == b'-' as usize || c == b'.' as usize {
            t[c] |= DOMAIN;
        }
        c += 1;
    }
    t
};

/// The common case, `local@domain` in plain ASCII with nothing to tokenize: answered without
/// the tokenizer. `None` means "not that simple", never "rejected".
#[inline]
fn fast_path(input: &str) -> Option<Mailbox<'_>> {
    let b = input.as_bytes();
    let mut i = 0;
    while i < b.len() && CLASS[b[i] as usize] & LOCAL != 0 {
        i += 1;
    }
    if i == 0 || i >= b.len() || b[i] != b'@' {
        return None;
    }
    let domain = &b[i + 1..];
    let (&first, &last) = (domain.first()?, domain.last()?);
    if first == b'.' || last == b'.' {
        return None;
    }
    // No loop-carried load: the class of each byte, and whether it and the one before are dots.
    let mut prev = 0u8;
    for &c in domain {
        if CLASS[c as usize] & DOMAIN == 0 || (c == b'.' && prev == b'.') {
            return None;
        }
        prev = c;
    }
    Some(Mailbox {
        display_name: None,
        comment: None,
        route: None,
        local_part: &input[..i],
        domain: Some(&input[i + 1..]),
        angle_brackets: false,
    })
}

/// `phrase <local@domain>` where the phrase holds nothing the tokenizer acts on (a quoted
/// string is skipped whole) and the inside takes the fast path: answered without the tokenizer.
#[inline]
fn fast_angle(input: &str) -> Option<Mailbox<'_>> {
    let body = input.strip_suffix('>')?;
    let b = body.as_bytes();
    let mut i = 0;
    let open = loop {
        match *b.get(i)? {
            b'<' => break i,
            b'"' => loop {
                i += 1;
                match *b.get(i)? {
                    b'\\' => i += 1,
                    b'"' => break,
                    _ => {}
                }
            },
            b'(' | b')' | b'>' | b'[' | b',' | b':' | b';' => return None,
            _ => {}
        }
        i += 1;
    };
    let inner = fast_path(&body[open + 1..])?;
    let phrase = &input[scan::trim(b, 0..open)];
    Some(Mailbox {
        display_name: (!phrase.is_empty()).then_some(phrase),
        angle_brackets: true,
        ..inner
    })
}

/// `local@domain (comment)`: a fast-path addr-spec, white space, one comment without nesting
/// or escapes, and nothing after it but white space.
#[inline]
fn fast_comment(input: &str) -> Option<Mailbox<'_>> {
    let is_space = |c: char| matches!(c, ' ' | '\t' | '\r' | '\n');
    let open = input.find('(')?;
    let spec = fast_path(input[..open].trim_end_matches(is_space))?;
    let close = open + 1 + input[open + 1..].find(')')?;
    let comment = &input[open + 1..close];
    if comment.contains(['(', '\\']) || !input[close + 1..].chars().all(is_space) {
        return None;
    }
    Some(Mailbox {
        comment: Some(comment),
        ..spec
    })
}

/// The bytes of a simple group (see [`fast_group`]): 1 for a space or a byte the tokenizer passes
/// over, 2 for a comma, 0 for anything else.
const GROUP_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        if c == b' ' as usize || (c > b' ' as usize && scan::PLAIN[c]) {
            t[c] = 1;
        }
        c += 1;
    }
    t[b',' as usize] = 2;
    t
};

/// `name: local@domain, local@domain;`: a group whose name and members hold nothing the
/// tokenizer acts on but `:`, `,` and spaces; each member takes the fast path or, failing that,
/// the one-address check the tokenizer would give it.
fn fast_group(input: &str, domains: Domains) -> Option<Result<Group<'_>, &'static str>> {
    let b = input.as_bytes();
    let start = b.iter().position(|&c| c != b' ')?;
    let end = b.iter().rposition(|&c| c != b' ')?;
    if b[end] != b';' {
        return None;
    }
    let colon = start
        + b[start..end]
            .iter()
            .position(|&c| GROUP_BYTE[c as usize] != 1)?;
    if colon == start || b[colon] != b':' {
        return None;
    }
    let mut members = Vec::with_capacity(4);
    let mut member = |range: Range<usize>| -> Result<(), &'static str> {
        let range = trim_spaces(b, range);
        if range.is_empty() {
            return Ok(());
        }
        let mailbox = match fast_path(&input[range.clone()]) {
            Some(mailbox) => mailbox,
            // A member the fast path does not take (no `@`, a source route, a literal, an
            // error) gets the check the tokenizer would give it. The name and the body hold
            // nothing else for the tokenizer to act on, so the full check would see one group
            // and check its members in this order: the first member rejected here is the one
            // whose error SES reports.
            None => {
                let checked = check_addr(input, range, false, Validate::Lenient, domains)?;
                Mailbox {
                    display_name: None,
                    comment: None,
                    route: slice(input, checked.route),
                    local_part: &input[checked.local],
                    domain: slice(input, checked.domain),
                    angle_brackets: false,
                }
            }
        };
        members.push(mailbox);
        Ok(())
    };
    // Two tight passes (every byte allowed, then the commas) cost fewer instructions per byte
    // than one loop that does both.
    let body = &b[colon + 1..end];
    if !body.iter().all(|&c| GROUP_BYTE[c as usize] != 0) {
        return None;
    }
    let mut piece = colon + 1;
    let mut members_in_order = || {
        for comma in memchr::memchr_iter(b',', body) {
            let i = colon + 1 + comma;
            member(piece..i)?;
            piece = i + 1;
        }
        member(piece..end)
    };
    if let Err(message) = members_in_order() {
        return Some(Err(message));
    }
    let name = trim_spaces(b, start..colon);
    Some(Ok(Group {
        name: &input[name],
        members,
    }))
}

/// `range` without the spaces at its ends.
fn trim_spaces(b: &[u8], mut range: Range<usize>) -> Range<usize> {
    while range.start < range.end && b[range.start] == b' ' {
        range.start += 1;
    }
    while range.end > range.start && b[range.end - 1] == b' ' {
        range.end -= 1;
    }
    range
}

fn slice(input: &str, range: Option<Range<usize>>) -> Option<&str> {
    range.map(|r| &input[r])
}

fn mailbox<'a>(input: &'a str, item: &Item, checked: CheckedAddr) -> Mailbox<'a> {
    Mailbox {
        display_name: slice(input, item.phrase.clone()),
        comment: slice(input, item.comment.clone()),
        route: slice(input, checked.route),
        local_part: &input[checked.local],
        domain: slice(input, checked.domain),
        angle_brackets: item.route_addr,
    }
}

/// A group is text that ends with `;` and has a `:` after its first character.
fn group_colon(text: &str) -> Option<usize> {
    if !text.ends_with(';') {
        return None;
    }
    text.find(':').filter(|&colon| colon > 0)
}

/// Checks one address; with `Domains::Unicode`, a Unicode domain passes (for fixes).
pub(crate) fn parse(input: &str, domains: Domains) -> Result<Address<'_>, &'static str> {
    // Each fast path is tried only on the text it can take, told by its last byte.
    let fast = match input.as_bytes().last() {
        Some(b'>') => fast_angle(input).map(|mailbox| Ok(Address::Mailbox(mailbox))),
        Some(b')') => fast_comment(input).map(|mailbox| Ok(Address::Mailbox(mailbox))),
        Some(b';') => fast_group(input, domains).map(|group| group.map(Address::Group)),
        Some(b' ' | b'\t' | b'\r' | b'\n') => fast_comment(input)
            .map(|mailbox| Ok(Address::Mailbox(mailbox)))
            .or_else(|| fast_group(input, domains).map(|group| group.map(Address::Group))),
        _ => fast_path(input).map(|mailbox| Ok(Address::Mailbox(mailbox))),
    };
    match fast {
        Some(verdict) => verdict,
        None => parse_slow(input, domains),
    }
}

/// [`parse`] without the fast paths: the tokenizer and the check, for every input.
fn parse_slow(input: &str, domains: Domains) -> Result<Address<'_>, &'static str> {
    let b = input.as_bytes();
    // Text with nothing for the tokenizer to act on (no delimiter, no white space, nothing to
    // trim) is one address, the whole text: check it without tokenizing.
    let untrimmed = |c: Option<&u8>| c.is_some_and(|&c| c > b' ');
    if untrimmed(b.first()) && untrimmed(b.last()) && b.iter().all(|&c| scan::PLAIN[c as usize]) {
        let checked = check_addr(input, 0..b.len(), false, Validate::Lenient, domains)?.finish()?;
        let item = Item {
            text: 0..b.len(),
            route_addr: false,
            phrase: None,
            comment: None,
            checked: None,
        };
        return Ok(Address::Mailbox(mailbox(input, &item, checked)));
    }
    let mut count = 0usize;
    let mut first: Option<Item> = None;
    scan_list(input, 0..b.len(), domains, |item| {
        count += 1;
        if first.is_none() {
            first = Some(item);
        }
        Ok(())
    })?;
    let item = match first {
        Some(item) if count == 1 => item,
        _ => return Err(msg::ILLEGAL_ADDRESS),
    };
    let text = &input[item.text.clone()];
    if let Some(colon) = group_colon(text) {
        let members_range = item.text.start + colon + 1..item.text.end - 1;
        let mut members =
            Vec::with_capacity(text[colon..].bytes().filter(|&c| c == b',').count() + 1);
        scan_list(input, members_range, domains, |member| {
            let checked = member.checked.clone().ok_or(msg::ILLEGAL_ADDRESS)?;
            members.push(mailbox(input, &member, checked));
            Ok(())
        })?;
        return Ok(Address::Group(Group {
            name: text[..colon].trim_end_matches(|c: char| c <= ' '),
            members,
        }));
    }
    // The lenient check of the one address already scanned it; only the verdict differs.
    let checked = match item.checked.clone() {
        Some(lenient) => lenient.finish()?,
        None => check_addr(input, item.text.clone(), true, Validate::Full, domains)?,
    };
    Ok(Address::Mailbox(mailbox(input, &item, checked)))
}

/// Checks one address the way SES checks a `Source` or `Destination` entry, and returns its
/// parts or SES's error (`InvalidParameterValue` with the exact message).
///
/// Accepts a bare addr-spec, a display name with `<route-addr>`, comments, source routes and
/// groups, exactly as far as SES does; for example SES has **no** dot rules in the local part
/// and rejects every non-ASCII character in it.
///
/// **Limits**: none. SES's parser has no length limit, so neither has this one: any text gets
/// its verdict in one left-to-right pass (linear time, no recursion), and a megabyte of `(`
/// gets `Missing ')'` in about a millisecond. An address over 254 octets (or a local part over
/// 64) is accepted, as SES accepts it; [`report_address`] adds the
/// advisory `address-too-long` (`local-part-too-long`).
///
/// ```
/// use ses_presend::parse_address;
/// # assert!(parse_address(&format!("{}@example.com", "a".repeat(100_000))).is_ok());
///
/// let addr = parse_address("\"Karen, Chan\" <karen@example.com>").unwrap();
/// assert_eq!(addr.mailbox().unwrap().local_part, "karen");
///
/// let err = parse_address("Karen, Chan <karen@example.com>").unwrap_err();
/// assert_eq!(err.to_string(), "Illegal address");
/// assert_eq!(parse_address("dån@example.com").unwrap_err().to_string(),
///            "Local address contains control or whitespace");
/// ```
pub fn parse_address(input: &str) -> Result<Address<'_>, SesError> {
    parse(input, Domains::Ses).map_err(SesError::invalid)
}

/// Checks one address as an entry of a request made through `api`: like [`parse_address`],
/// but an empty entry of a v1 or v2 request gets SES's own text, `Invalid email address .`.
///
/// ```
/// use ses_presend::Api;
/// use ses_presend::address::check_address;
/// assert_eq!(check_address("", Api::V1).unwrap_err().to_string(), "Invalid email address .");
/// assert_eq!(check_address("", Api::V2).unwrap_err().to_string(), "Invalid email address .");
/// assert_eq!(check_address(" ", Api::V1).unwrap_err().to_string(), "Illegal address");
/// assert!(check_address("a@example.com", Api::V2).is_ok());
/// ```
pub fn check_address(input: &str, api: Api) -> Result<(), SesError> {
    // An empty string is refused before the parser runs, on v2 (seen) and on v1 (seen for an
    // empty ReturnPath: https://github.com/awsdocs/aws-doc-sdk-examples/issues/1725, 2021).
    if api != Api::Smtp && input.is_empty() {
        return Err(SesError::invalid(msg::V2_EMPTY_ADDRESS));
    }
    parse(input, Domains::Ses)
        .map(drop)
        .map_err(SesError::invalid)
}

/// How many recipients an entry is: a group's members, else one.
pub(crate) fn recipients_of(entry: &str) -> usize {
    match parse_address(entry) {
        Ok(Address::Group(g)) => g.members.len(),
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// The fast paths answer exactly as the tokenizer and the check do, parts included,
        /// on the shapes they take and on near misses.
        #[test]
        fn fast_paths_agree_with_the_full_check(
            input in "[a-z ]{1,6}:( ?[a-z.@,\\[\\]+_-]{0,12}){0,3};? ?|[ a-z.\"(<]{0,3}[a-zA-Z0-9._+\\\\-]{0,8}[@ ]{0,2}[a-z0-9.-]{0,8}[ >)(\t\"]{0,3}[a-z ()\\\\]{0,6}|\"[a-z ,\\\\\"]{0,6}\" ?<[a-z.]{1,5}@[a-z.-]{1,6}>[ ]?|[a-z]{1,4}@[a-z.]{1,5} ?\\([a-z ()\\\\\"]{0,6}\\)?[ \t\r\n]{0,2}[a-z]?"
        ) {
            for domains in [Domains::Ses, Domains::Unicode] {
                prop_assert_eq!(parse(&input, domains), parse_slow(&input, domains), "{:?}", input);
            }
        }
    }
}
