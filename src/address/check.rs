//! The second stage of SES's address check: one address (an addr-spec, with an optional
//! source route) scanned left to right, the first problem winning (docs/addresses.md, step 4).
//!
//! The local part is scanned in UTF-16 code units, as the parser SES runs does: a backslash
//! escapes exactly one unit, so an escaped character outside the Basic Multilingual Plane leaves
//! its second half unescaped. Any unit `>= 0x7F` is an error there, so SES rejects every
//! non-ASCII local part.

use crate::texts::address as msg;
use std::ops::Range;

/// Whether an address without `@domain` is acceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Validate {
    /// The check run on each address while the list is tokenized, and on group members: a
    /// bare local part passes.
    Lenient,
    /// The final check of the one address: `@domain` is required.
    Full,
}

/// Which domains pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Domains {
    /// SES's rule: ASCII letters, digits, `-` and `.` only.
    Ses,
    /// SES's rule, but any non-ASCII character that is not white space or a control character
    /// passes too: the shape of an address whose Unicode domain a fix will convert.
    Unicode,
}

/// Where the parts of a checked address lie in the input.
#[derive(Debug, Clone)]
pub(crate) struct CheckedAddr {
    /// The source route (`@a.example,@b.example`), without its final `:`.
    pub route: Option<Range<usize>>,
    pub local: Range<usize>,
    /// `None` when the address has no `@` (accepted only by `Validate::Lenient`).
    pub domain: Option<Range<usize>>,
    /// The misplaced-quote error only the final check raises.
    pub misplaced_quote: Option<&'static str>,
}

impl CheckedAddr {
    /// The final check's verdict from the lenient check's result, without scanning again.
    pub(crate) fn finish(self) -> Result<CheckedAddr, &'static str> {
        if let Some(m) = self.misplaced_quote {
            return Err(m);
        }
        if self.domain.is_none() {
            return Err(msg::MISSING_FINAL_DOMAIN);
        }
        Ok(self)
    }
}

// specials minus "." (RFC 822): these may not appear unquoted in a local part.
fn is_special_no_dot(c: u32) -> bool {
    matches!(
        c,
        0x28 | 0x29 | 0x3C | 0x3E | 0x2C | 0x3B | 0x3A | 0x5C | 0x22 | 0x5B | 0x5D | 0x40
    )
}

/// What the scan of a local part found.
struct LocalScan {
    /// Where the `@` that ends the local part is.
    at: Option<usize>,
    /// Whether a quoted string was left open.
    in_quote: bool,
    /// The last unit scanned.
    last: u32,
    /// A misplaced quote is only reported by the final check, and only after the domain has
    /// been checked: the parser SES runs finds it here but raises it last.
    misplaced_quote: Option<&'static str>,
}

impl LocalScan {
    fn new() -> LocalScan {
        LocalScan {
            at: None,
            in_quote: false,
            last: 0,
            misplaced_quote: None,
        }
    }

    /// One UTF-16 unit `c` at byte `i` of `addr`: `Ok(true)` when it is the `@` that ends the
    /// local part, `Ok(false)` to go on.
    #[inline(always)]
    fn step(&mut self, addr: &[u8], i: usize, c: u32) -> Result<bool, &'static str> {
        // The common character (printable ASCII, no special, no `\`, `"` or `@`) changes
        // nothing but `last`, escaped or not.
        if c < 0x80 && super::CLASS[c as usize] & super::LOCAL != 0 {
            self.last = c;
            return Ok(false);
        }
        let len = addr.len();
        let prev = self.last;
        self.last = c;
        if c == u32::from(b'\\') || prev == u32::from(b'\\') {
            return Ok(false);
        }
        if c == u32::from(b'"') {
            let misplaced = if self.in_quote {
                (i + 1 < len && addr[i + 1] != b'@').then_some(msg::QUOTE_NOT_AT_END)
            } else {
                (i != 0).then_some(msg::QUOTE_NOT_AT_START)
            };
            self.misplaced_quote = self.misplaced_quote.or(misplaced);
            self.in_quote = !self.in_quote;
            return Ok(false);
        }
        // A line break must be folding white space (CRLF then SP or HT), quoted or not,
        // although the message says "Quoted".
        if c == u32::from(b'\r') && i + 1 < len && addr[i + 1] != b'\n' {
            return Err(msg::QUOTED_CR_WITHOUT_LF);
        }
        if c == u32::from(b'\n') && i + 1 < len && !matches!(addr[i + 1], b' ' | b'\t') {
            return Err(msg::QUOTED_NEWLINE_WITHOUT_WSP);
        }
        if self.in_quote {
            return Ok(false);
        }
        if c == u32::from(b'@') {
            if i == 0 {
                return Err(msg::MISSING_LOCAL_NAME);
            }
            self.at = Some(i);
            return Ok(true);
        }
        if c <= 0x20 || c >= 0x7F {
            return Err(msg::LOCAL_CONTROL_OR_WHITESPACE);
        }
        if is_special_no_dot(c) {
            return Err(msg::LOCAL_ILLEGAL_CHARACTER);
        }
        Ok(false)
    }
}

/// Scans the local part of `text` (whose bytes are `addr`) from byte `start`, unit by unit.
/// An ASCII byte is its own unit; only a non-ASCII character is decoded into its units.
fn scan_local(text: &str, addr: &[u8], start: usize) -> Result<LocalScan, &'static str> {
    let mut scan = LocalScan::new();
    let mut i = start;
    while i < addr.len() {
        // Runs of common characters only move `last` (see `step`).
        let run = addr[i..]
            .iter()
            .position(|&c| super::CLASS[c as usize] & super::LOCAL == 0)
            .unwrap_or(addr.len() - i);
        if run > 0 {
            scan.last = u32::from(addr[i + run - 1]);
            i += run;
            if i == addr.len() {
                break;
            }
        }
        if addr[i].is_ascii() {
            if scan.step(addr, i, u32::from(addr[i]))? {
                break;
            }
            i += 1;
            continue;
        }
        // `i` is at a character boundary: runs and steps cross whole characters.
        let Some(ch) = text[i..].chars().next() else {
            break;
        };
        let c = ch as u32;
        let at_end = if c > 0xFFFF {
            let v = c - 0x1_0000;
            scan.step(addr, i, 0xD800 + (v >> 10))? || scan.step(addr, i, 0xDC00 + (v & 0x3FF))?
        } else {
            scan.step(addr, i, c)?
        };
        if at_end {
            break;
        }
        i += ch.len_utf8();
    }
    Ok(scan)
}

/// Checks `input[range]` as one address (the tokenizer only cuts next to ASCII bytes).
pub(crate) fn check_addr(
    input: &str,
    range: Range<usize>,
    route_addr: bool,
    validate: Validate,
    domains: Domains,
) -> Result<CheckedAddr, &'static str> {
    let base = range.start;
    // The tokenizer only cuts next to ASCII bytes, so the slice is whole characters.
    let text = input.get(range).ok_or(msg::ILLEGAL_ADDRESS)?;
    let addr = text.as_bytes();
    if addr.is_empty() {
        return Err(msg::EMPTY_ADDRESS);
    }

    // route = 1#("@" domain) ":"   — each list element must start with '@'.
    let mut start = 0;
    if route_addr && addr[0] == b'@' {
        while let Some(off) = addr[start..].iter().position(|&c| c == b',' || c == b':') {
            let delim = start + off;
            if addr[start] != b'@' {
                return Err(msg::ILLEGAL_ROUTE_ADDR);
            }
            start = delim + 1;
            if addr[delim] == b':' {
                break;
            }
        }
    }

    // local-part = word *("." word), scanned unit by unit; ASCII text is its own units.
    let len = addr.len();
    let local = scan_local(text, addr, start)?;
    let LocalScan {
        at,
        in_quote,
        last,
        misplaced_quote,
    } = local;
    if in_quote {
        return Err(msg::UNTERMINATED_QUOTE);
    }
    let route = (start > 0).then(|| base..base + start - 1);
    let raw_misplaced = misplaced_quote;
    let misplaced_quote = match validate {
        Validate::Full => misplaced_quote.map_or(Ok(()), Err),
        Validate::Lenient => Ok(()),
    };
    // An escaped `@` as the very last character counts as the `@` with nothing after it.
    if at.is_none() && last == u32::from(b'@') {
        return Err(msg::MISSING_DOMAIN);
    }
    let Some(at) = at else {
        misplaced_quote?;
        return match validate {
            Validate::Full => Err(msg::MISSING_FINAL_DOMAIN),
            Validate::Lenient => Ok(CheckedAddr {
                route,
                local: base + start..base + len,
                domain: None,
                misplaced_quote: raw_misplaced,
            }),
        };
    };

    check_domain(&text[at + 1..], domains)?;
    misplaced_quote?;
    Ok(CheckedAddr {
        route,
        local: base + start..base + at,
        domain: Some(base + at + 1..base + len),
        misplaced_quote: raw_misplaced,
    })
}

/// How a release of the parser treats a domain literal (`[...]`) in the domain check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Literals {
    /// Releases before 1.5.2: the check stops at the first `[`, whatever follows it. What
    /// ses-presend takes SES to run (decided: `domain-literal-position`).
    StopAtFirst,
    /// Release 1.5.2 and later: a literal must be the whole domain
    /// (`Domain literal not at start of domain`, `Domain literal end not at end of domain`),
    /// and white space inside it is still rejected.
    WholeDomain,
}

// domain = dot-atom / domain-literal, as SES checks it: letters, digits, '-' and '.', no
// leading, doubled or trailing dot, up to the first `[`, where the check stops.
fn check_domain(domain: &str, domains: Domains) -> Result<(), &'static str> {
    check_domain_with(domain, domains, Literals::StopAtFirst)
}

/// The verdict a release from 1.5.2 on gives a domain that SES accepts: `Some(message)` when
/// that release rejects it (a misplaced literal, or white space inside one).
pub(crate) fn later_release_rejects(domain: &str, domains: Domains) -> Option<&'static str> {
    check_domain_with(domain, domains, Literals::WholeDomain).err()
}

fn check_domain_with(
    domain: &str,
    domains: Domains,
    literals: Literals,
) -> Result<(), &'static str> {
    let bytes = domain.as_bytes();
    let Some(&first) = bytes.first() else {
        return Err(msg::MISSING_DOMAIN);
    };
    if first == b'.' {
        return Err(msg::DOMAIN_STARTS_WITH_DOT);
    }
    // The common domain holds letters, digits, '-' and '.' only: then only the dot rules can
    // fail. At the first other byte the full rules take over from there: the bytes before it
    // changed nothing but the last character (no literal, no dot-dot).
    let mut prev = 0u8;
    let mut k = 0;
    while k < bytes.len() {
        let c = bytes[k];
        if super::CLASS[c as usize] & super::DOMAIN == 0 {
            break;
        }
        if c == b'.' && prev == b'.' {
            return Err(msg::DOMAIN_DOT_DOT);
        }
        prev = c;
        k += 1;
    }
    if k == bytes.len() {
        return match prev {
            b'.' => Err(msg::DOMAIN_ENDS_WITH_DOT),
            _ => Ok(()),
        };
    }
    if bytes[k..].is_ascii() {
        return check_ascii_domain(bytes, k, prev, literals);
    }
    let mut in_literal = false;
    let mut last = char::from(prev);
    for (i, ch) in domain[k..].char_indices() {
        let i = k + i;
        match ch {
            // Nothing after it is checked, not even a non-ASCII character (labelled corpus:
            // `x@[11.198.70.75]x y@✖x.de` is accepted up to 1.5.1).
            '[' if literals == Literals::StopAtFirst => return Ok(()),
            '[' => {
                if i != 0 {
                    return Err(msg::DOMAIN_LITERAL_NOT_AT_START);
                }
                in_literal = true;
            }
            // A `]` as the last character passes in 1.5.2 and later; elsewhere, before any
            // `[`, releases before 1.5.2 have no literal to end and it is an illegal character.
            ']' if i == bytes.len() - 1 => in_literal = false,
            ']' if literals == Literals::WholeDomain => {
                return Err(msg::DOMAIN_LITERAL_END_NOT_AT_END);
            }
            '\0'..=' ' | '\x7F' => return Err(msg::DOMAIN_CONTROL_OR_WHITESPACE),
            // Decided (`unicode-space-in-domain`, `non-ascii-domain`).
            _ if !ch.is_ascii() => {
                if ch.is_whitespace() || ch.is_control() {
                    return Err(msg::DOMAIN_CONTROL_OR_WHITESPACE);
                }
                if domains == Domains::Ses {
                    return Err(msg::DOMAIN_ILLEGAL_CHARACTER);
                }
            }
            _ if in_literal => {}
            _ if !(ch.is_ascii_alphanumeric() || ch == '-' || ch == '.') => {
                return Err(msg::DOMAIN_ILLEGAL_CHARACTER);
            }
            '.' if last == '.' => return Err(msg::DOMAIN_DOT_DOT),
            _ => {}
        }
        last = ch;
    }
    if last == '.' {
        return Err(msg::DOMAIN_ENDS_WITH_DOT);
    }
    Ok(())
}

/// [`check_domain_with`] for a domain whose bytes from `from` on are ASCII, byte by byte (the
/// same rules in the same order); the bytes before `from` are letters, digits, '-' and '.'
/// without a dot-dot, the last of them `prev`.
fn check_ascii_domain(
    bytes: &[u8],
    from: usize,
    prev: u8,
    literals: Literals,
) -> Result<(), &'static str> {
    let mut in_literal = false;
    let mut last = prev;
    for (i, &c) in bytes.iter().enumerate().skip(from) {
        match c {
            b'[' if literals == Literals::StopAtFirst => return Ok(()),
            b'[' => {
                if i != 0 {
                    return Err(msg::DOMAIN_LITERAL_NOT_AT_START);
                }
                in_literal = true;
            }
            b']' if i == bytes.len() - 1 => in_literal = false,
            b']' if literals == Literals::WholeDomain => {
                return Err(msg::DOMAIN_LITERAL_END_NOT_AT_END);
            }
            0..=b' ' | 0x7F => return Err(msg::DOMAIN_CONTROL_OR_WHITESPACE),
            _ if in_literal => {}
            _ if !(c.is_ascii_alphanumeric() || c == b'-' || c == b'.') => {
                return Err(msg::DOMAIN_ILLEGAL_CHARACTER);
            }
            b'.' if last == b'.' => return Err(msg::DOMAIN_DOT_DOT),
            _ => {}
        }
        last = c;
    }
    if last == b'.' {
        return Err(msg::DOMAIN_ENDS_WITH_DOT);
    }
    Ok(())
}
