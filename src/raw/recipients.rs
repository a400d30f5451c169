//! Address headers and recipients (docs/raw.md with docs/addresses.md; `raw-address-headers`,
//! `raw-recipient-count`).
//!
//! An address header holds a list. It is cut into entries where the parser SES runs cuts an
//! address list: at each comma outside quotes, comments, `< >`, `[ ]` and groups
//! (`name: a@b.com, c@d.com;` is one entry); empty entries (`a@b.com,,c@d.com`) are skipped.
//! Each entry is then checked exactly as a Source or Destination entry is ([`parse_address`]),
//! in list order, and the first problem is SES's answer. A delimiter left open runs to the end
//! of the header, so that entry gets the parser's `Missing …` error.
//!
//! [`parse_address`]: crate::parse_address

use crate::address::{self, Address, Domains};
use std::ops::Range;

/// Skips from the opening delimiter at `open` to its partner; the end of `b` when it is left
/// open. A backslash escapes the next byte; comments nest; quotes hide `>` inside `< >`.
fn partner(b: &[u8], open: usize) -> usize {
    let close = match b[open] {
        b'"' => b'"',
        b'(' => b')',
        b'<' => b'>',
        _ => b']',
    };
    let mut depth = 0usize;
    let mut in_quote = false;
    let mut i = open + 1;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\\' => i += 1,
            b'"' if close == b'>' => in_quote = !in_quote,
            b'(' if close == b')' => depth += 1,
            _ if c == close && !in_quote => {
                if depth == 0 {
                    return i;
                }
                depth -= 1;
            }
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// `range` without the characters `<= 0x20` at its ends, as the address parser trims.
fn trim(b: &[u8], mut range: Range<usize>) -> Range<usize> {
    while range.start < range.end && b[range.start] <= b' ' {
        range.start += 1;
    }
    while range.end > range.start && b[range.end - 1] <= b' ' {
        range.end -= 1;
    }
    range
}

/// Calls `each` with the range of every non-empty entry of the address list `text`, in order,
/// trimmed of characters `<= 0x20`, until it returns an error.
pub(crate) fn entries<E>(
    text: &str,
    mut each: impl FnMut(Range<usize>) -> Result<(), E>,
) -> Result<(), E> {
    let b = text.as_bytes();
    let mut emit = |range: Range<usize>| {
        let trimmed = trim(b, range);
        match trimmed.is_empty() {
            true => Ok(()),
            false => each(trimmed),
        }
    };
    let mut start = 0;
    let mut in_group = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' | b'(' | b'<' | b'[' => i = partner(b, i),
            b':' => in_group = true,
            b';' => in_group = false,
            b',' if !in_group => {
                emit(start..i)?;
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    emit(start..b.len())
}

/// The recipients' identity for counting: `local@domain` with the domain in lower case (a
/// group member without a domain is its local part).
pub(crate) fn key(local: &str, domain: Option<&str>) -> String {
    match domain {
        Some(d) => format!("{local}@{}", d.to_ascii_lowercase()),
        None => local.to_string(),
    }
}

/// Every mailbox of an accepted address, as counting keys.
pub(crate) fn keys_of(text: &str, out: &mut Vec<String>) {
    if let Ok(addr) = address::parse(text, Domains::Ses) {
        push_keys(&addr, out);
    }
}

pub(crate) fn push_keys(addr: &Address<'_>, out: &mut Vec<String>) {
    for m in addr.mailboxes() {
        out.push(key(m.local_part, m.domain));
    }
}

/// The number of distinct recipients among `keys`. Fifty keys or fewer cannot pass the limit
/// however many repeat, so they are not compared.
pub(crate) fn distinct(keys: &[String]) -> usize {
    if keys.len() <= crate::limits::MAX_RECIPIENTS {
        // Few enough that a duplicate cannot matter to the limit.
        return keys.len();
    }
    let mut seen = std::collections::HashSet::with_capacity(keys.len());
    keys.iter().filter(|k| seen.insert(k.as_str())).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        entries::<()>(text, |r| {
            out.push(&text[r]);
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn lists() {
        assert_eq!(
            split(" a@b.com, \"Chan, Karen\" <k@c.com> ,, (x, y) d@e.com "),
            ["a@b.com", "\"Chan, Karen\" <k@c.com>", "(x, y) d@e.com"]
        );
        assert_eq!(
            split("team: a@b.com, c@d.com;, e@f.com"),
            ["team: a@b.com, c@d.com;", "e@f.com"]
        );
        assert_eq!(
            split("<a,\">\"@b.com>, c@d.com"),
            ["<a,\">\"@b.com>", "c@d.com"]
        );
        assert_eq!(
            split("a@b.com, (open, c@d.com"),
            ["a@b.com", "(open, c@d.com"]
        );
        assert_eq!(split(" , ,,, "), Vec::<&str>::new());
        assert_eq!(
            split("undisclosed-recipients:;"),
            ["undisclosed-recipients:;"]
        );
    }

    #[test]
    fn counting() {
        let mut keys = Vec::new();
        keys_of("team: a@B.com, b@c.com;", &mut keys);
        keys_of("A@b.COM", &mut keys);
        assert_eq!(keys, ["a@b.com", "b@c.com", "A@b.com"]);
        let many: Vec<String> = (0..60).map(|i| format!("u{}@x.com", i % 30)).collect();
        assert_eq!(distinct(&many), 30);
    }
}
