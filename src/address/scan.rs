//! The first stage of SES's address check: the whole text is tokenized as an address list
//! (docs/addresses.md, step 1). Comments, quoted strings, route-addrs, domain literals and
//! groups are found here; each address of the list is handed, as it ends, to `check` with
//! `Validate::Lenient`, so a problem early in the list wins over one later in it.
//!
//! Everything this stage compares is ASCII, so it works on bytes: a UTF-8 continuation byte
//! never equals a delimiter.

use super::check::{check_addr, CheckedAddr, Domains, Validate};
use crate::texts::address as msg;
use std::ops::Range;

/// One address of a list, as the tokenizer delimits it.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// The address text, trimmed of characters `<= 0x20` at both ends. For a route-addr, the
    /// text inside `< >`; for a group, the whole group up to its `;`.
    pub text: Range<usize>,
    /// The address came from a `< >` route-addr.
    pub route_addr: bool,
    /// The phrase before `<`, trimmed, when not empty.
    pub phrase: Option<Range<usize>>,
    /// The inside of the first comment.
    pub comment: Option<Range<usize>>,
    /// What the lenient check found, when the item is not a group.
    pub checked: Option<CheckedAddr>,
}

/// The bytes the tokenizer passes over: all but the delimiters and white space it acts on.
pub(crate) const PLAIN: [bool; 256] = {
    let mut t = [true; 256];
    let special = b"()<>\"[,:; \t\r\n";
    let mut i = 0;
    while i < special.len() {
        t[special[i] as usize] = false;
        i += 1;
    }
    t
};

/// Trims characters `<= 0x20` (control characters and space) from both ends, as the parser SES
/// runs does; Unicode white space is kept.
#[inline]
pub(crate) fn trim(bytes: &[u8], mut range: Range<usize>) -> Range<usize> {
    while range.start < range.end && bytes[range.start] <= b' ' {
        range.start += 1;
    }
    while range.end > range.start && bytes[range.end - 1] <= b' ' {
        range.end -= 1;
    }
    range
}

// comment = "(" *(ctext / quoted-pair / comment) ")"   (nesting counted, `\` escapes one byte)
fn comment_end(b: &[u8], open: usize) -> Result<usize, &'static str> {
    let mut depth = 0usize;
    let mut i = open;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    Err(msg::MISSING_CLOSE_PAREN)
}

// route-addr = "<" *(quoted-string / ctext) ">"   (a `>` inside quotes does not close it)
fn angle_end(b: &[u8], open: usize) -> Result<usize, &'static str> {
    let mut in_quote = false;
    let mut i = open + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'"' => in_quote = !in_quote,
            b'>' if !in_quote => return Ok(i),
            _ => {}
        }
        i += 1;
    }
    Err(if in_quote {
        msg::MISSING_QUOTE
    } else {
        msg::MISSING_CLOSE_ANGLE
    })
}

// quoted-string = DQUOTE *(qtext / quoted-pair) DQUOTE ; domain-literal = "[" *dtext "]"
fn closing(b: &[u8], open: usize, close: u8, missing: &'static str) -> Result<usize, &'static str> {
    let mut i = open + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            c if c == close => return Ok(i),
            _ => {}
        }
        i += 1;
    }
    Err(missing)
}

/// Tokenizes `b[range]` as an address list and calls `each` with every address in order.
/// The first problem found, in the tokenizer or in an address as it ends, is returned.
///
/// Linear time: every delimiter's partner is searched forward from it and the scan resumes
/// after the partner, so each byte is visited a bounded number of times.
pub(crate) fn scan_list(
    input: &str,
    range: Range<usize>,
    domains: Domains,
    mut each: impl FnMut(Item) -> Result<(), &'static str>,
) -> Result<(), &'static str> {
    let input = &input[..range.end];
    let b = input.as_bytes();
    let mut start: Option<usize> = None;
    let mut end: Option<usize> = None;
    let mut route_addr = false;
    let mut in_group = false;
    let mut phrase: Option<Range<usize>> = None;
    let mut comment: Option<Range<usize>> = None;

    // Ends the current address at `stop` and hands it on.
    let mut emit = |start: usize,
                    stop: usize,
                    route_addr: bool,
                    group: bool,
                    phrase: Option<Range<usize>>,
                    comment: Option<Range<usize>>|
     -> Result<(), &'static str> {
        let text = trim(b, start..stop);
        let checked = if group {
            None
        } else {
            Some(check_addr(
                input,
                text.clone(),
                route_addr,
                Validate::Lenient,
                domains,
            )?)
        };
        each(Item {
            text,
            route_addr,
            phrase,
            comment,
            checked,
        })
    };

    let mut i = range.start;
    let stop = range.end;
    while i < stop {
        // The run of bytes that have no meaning here, and the space, are most of the text: two
        // predictable tests before the match, whose jump table mispredicts on mixed input.
        if PLAIN[b[i] as usize] {
            start.get_or_insert(i);
            while i + 1 < stop && PLAIN[b[i + 1] as usize] {
                i += 1;
            }
            i += 1;
            continue;
        }
        if b[i] == b' ' {
            i += 1;
            continue;
        }
        match b[i] {
            b'(' => {
                if start.is_some() && end.is_none() {
                    end = Some(i);
                }
                let close = comment_end(b, i)?;
                if comment.is_none() {
                    comment = Some(i + 1..close);
                }
                i = close;
            }
            b')' => return Err(msg::MISSING_OPEN_PAREN),
            b'<' => {
                if route_addr {
                    return Err(msg::EXTRA_ROUTE_ADDR);
                }
                let close = angle_end(b, i)?;
                if in_group {
                    // Inside an unfinished group a route-addr forgets where a comment ended
                    // the address: were the group never closed, the address runs to the end
                    // of the list (`To(): "a, b" <c@d>` is checked whole, its `(` illegal).
                    end = None;
                } else {
                    phrase = start.map(|s| trim(b, s..i)).filter(|p| !p.is_empty());
                    start = Some(i + 1);
                    end = Some(close);
                }
                route_addr = true;
                i = close;
            }
            b'>' => return Err(msg::MISSING_OPEN_ANGLE),
            b'"' => {
                start.get_or_insert(i);
                i = closing(b, i, b'"', msg::MISSING_QUOTE)?;
            }
            // Unlike the quote, a domain literal does not start an address: SES accepts
            // `[xxx]foo@bar.org` (labelled corpus) where JavaMail 1.6 rejects it.
            b'[' => {
                i = closing(b, i, b']', msg::MISSING_CLOSE_BRACKET)?;
            }
            b',' => match start {
                None => {
                    route_addr = false;
                    end = None;
                    phrase = None;
                    comment = None;
                }
                Some(_) if in_group => route_addr = false,
                Some(s) => {
                    emit(
                        s,
                        end.unwrap_or(i),
                        route_addr,
                        false,
                        phrase.take(),
                        comment.take(),
                    )?;
                    start = None;
                    end = None;
                    route_addr = false;
                }
            },
            b':' => {
                if in_group {
                    return Err(msg::NESTED_GROUP);
                }
                in_group = true;
                start.get_or_insert(i);
            }
            b';' => match start {
                None => {
                    route_addr = false;
                    end = None;
                    phrase = None;
                    comment = None;
                }
                Some(s) if in_group => {
                    in_group = false;
                    emit(s, i + 1, route_addr, true, phrase.take(), comment.take())?;
                    start = None;
                    end = None;
                    route_addr = false;
                }
                Some(_) => return Err(msg::ILLEGAL_SEMICOLON),
            },
            // White space, and (taken above) the bytes with no meaning here.
            _ => {}
        }
        i += 1;
    }
    if let Some(s) = start {
        emit(s, end.unwrap_or(stop), route_addr, false, phrase, comment)?;
    }
    Ok(())
}
