//! Parameter values as RFC 2231 writes them (<https://www.rfc-editor.org/rfc/rfc2231>): the
//! file name of an attachment and the boundary of a multipart, as JavaMail reads them.

use super::charset::charset_known;
use super::{unescape, Param};
use crate::intl::encoded_word::hex_byte;
use std::borrow::Cow;

/// `%XX` decoded; a `%` not followed by two hex digits is kept.
fn percent_decode(text: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < text.len() {
        if text[i] == b'%' {
            if let Some(byte) = text.get(i + 1..i + 3).and_then(hex_byte) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(text[i]);
        i += 1;
    }
}

/// Bytes in a charset, as text (UTF-8 when the charset is unknown or absent).
fn decode_charset(charset: &[u8], bytes: &[u8]) -> String {
    let utf8 = charset.is_empty()
        || charset.eq_ignore_ascii_case(b"utf-8")
        || charset.eq_ignore_ascii_case(b"utf8")
        || charset.eq_ignore_ascii_case(b"us-ascii");
    if !utf8 {
        if let Some(decoder) = mail_parser::decoders::charsets::map::charset_decoder(charset) {
            return decoder(bytes);
        }
    }
    String::from_utf8_lossy(bytes).into_owned()
}

/// An RFC 2231 extended value, `charset'language'%XX…`.
fn extended_value(value: &[u8]) -> String {
    let mut parts = value.splitn(3, |&c| c == b'\'');
    let (charset, text) = match (parts.next(), parts.next(), parts.next()) {
        (Some(charset), Some(_), Some(text)) => (charset, text),
        _ => (&b""[..], value),
    };
    let mut bytes = Vec::with_capacity(text.len());
    percent_decode(text, &mut bytes);
    decode_charset(charset, &bytes)
}

/// Continuations kept per parameter: more than any real file name needs, few enough that a
/// hostile list costs little to sort.
const MAX_SECTIONS: usize = 10_000;

/// The file name a parameter family gives (`filename` or `name`): the RFC 2231 extended form
/// (`filename*=UTF-8''…`) first, then continuations (`filename*0*=…`, `filename*1=…`, in
/// section order), then the plain value, whose encoded-words are decoded.
pub(crate) fn file_name(params: &[Param<'_>], base: &str) -> Option<String> {
    let base = base.as_bytes();
    // name* / name*N / name*N*
    let mut sections: Vec<(u32, bool, Cow<'_, [u8]>)> = Vec::new();
    let mut plain: Option<Cow<'_, [u8]>> = None;
    let mut extended: Option<Cow<'_, [u8]>> = None;
    for p in params {
        let Some(rest) = p
            .name
            .get(..base.len())
            .filter(|head| head.eq_ignore_ascii_case(base))
            .map(|_| &p.name[base.len()..])
        else {
            continue;
        };
        match rest {
            b"" => {
                plain.get_or_insert_with(|| p.value());
            }
            b"*" => {
                extended.get_or_insert_with(|| p.value());
            }
            [b'*', digits @ ..] => {
                let (digits, encoded) = match digits.strip_suffix(b"*") {
                    Some(d) => (d, true),
                    None => (digits, false),
                };
                let number = std::str::from_utf8(digits)
                    .ok()
                    .filter(|d| !d.is_empty() && d.bytes().all(|c| c.is_ascii_digit()))
                    .and_then(|d| d.parse::<u32>().ok());
                if let Some(n) = number {
                    if sections.len() < MAX_SECTIONS {
                        sections.push((n, encoded, p.value()));
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(value) = extended {
        return Some(extended_value(&value));
    }
    if !sections.is_empty() {
        sections.sort_by_key(|s| s.0);
        let mut charset: &[u8] = b"";
        let mut bytes = Vec::new();
        for (i, (_, encoded, value)) in sections.iter().enumerate() {
            if !encoded {
                bytes.extend_from_slice(value);
                continue;
            }
            let mut text: &[u8] = value;
            if i == 0 {
                let mut parts = value.splitn(3, |&c| c == b'\'');
                if let (Some(cs), Some(_), Some(rest)) = (parts.next(), parts.next(), parts.next())
                {
                    charset = cs;
                    text = rest;
                }
            }
            percent_decode(text, &mut bytes);
        }
        return Some(decode_charset(charset, &bytes));
    }
    let value = plain?;
    let text = String::from_utf8_lossy(&value);
    if !(text.contains("=?") && text.contains("?=")) {
        return Some(text.into_owned());
    }
    Some(crate::intl::encoded_word::decode_phrase(&text).into_owned())
}

/// A quoted value with its line breaks removed (a quoted string folded over two lines keeps the
/// white space that starts the second line) and its escapes undone; an atom as it is.
fn unfolded(p: &Param<'_>) -> Vec<u8> {
    if !p.quoted {
        return p.value.to_vec();
    }
    let kept: Vec<u8> = p
        .value
        .iter()
        .copied()
        .filter(|&c| c != b'\r' && c != b'\n')
        .collect();
    unescape(&kept).into_owned()
}

/// Text decoded from `bytes` in a charset SES's Java runtime knows (`None`: its default,
/// UTF-8), as the bytes of a boundary: each UTF-16 unit's low byte, the way a Java string of
/// ASCII and Latin-1 text is turned back into bytes.
fn boundary_bytes(charset: Option<&[u8]>, bytes: Vec<u8>) -> Vec<u8> {
    let utf8 = charset.is_none_or(|c| {
        c.is_empty() || c.eq_ignore_ascii_case(b"utf-8") || c.eq_ignore_ascii_case(b"utf8")
    });
    let text: String = if utf8 {
        String::from_utf8_lossy(&bytes).into_owned()
    } else if bytes.is_ascii() {
        return bytes;
    } else {
        match charset.and_then(mail_parser::decoders::charsets::map::charset_decoder) {
            Some(decoder) => decoder(&bytes),
            None => return bytes,
        }
    };
    let mut out = Vec::with_capacity(text.len());
    let mut units = [0u16; 2];
    for c in text.chars() {
        out.extend(c.encode_utf16(&mut units).iter().map(|&u| u as u8));
    }
    out
}

/// `charset'language'text` split at its first two apostrophes, or `None` without two.
fn split_extended(value: &[u8]) -> Option<(&[u8], &[u8])> {
    let first = value.iter().position(|&c| c == b'\'')?;
    let second = first + 1 + value[first + 1..].iter().position(|&c| c == b'\'')?;
    Some((&value[..first], &value[second + 1..]))
}

/// The value of `boundary*=`: with a known charset (or none named) percent-decoded and
/// decoded; with an unknown one, the text after the language as written.
fn extended_boundary(value: &[u8]) -> Vec<u8> {
    let (charset, text) = match split_extended(value) {
        Some((charset, text)) if !charset_known(charset) => return text.to_vec(),
        Some((charset, text)) => (Some(charset), text),
        None => (None, value),
    };
    let mut bytes = Vec::with_capacity(text.len());
    percent_decode(text, &mut bytes);
    boundary_bytes(charset, bytes)
}

/// The boundary of a multipart's parameters, as JavaMail takes it, or `None` when there is
/// none (the walk then takes the first line that starts with `--`; `raw-boundary`). Observed
/// with JavaMail (`tests/mime_oracle.rs`), after RFC 2231 §3-4
/// (https://www.rfc-editor.org/rfc/rfc2231#section-3):
///
/// - `boundary=` and `boundary*=` (the extended form, `charset'language'%XX…`) share one
///   slot: the last written wins. A quoted value loses its line breaks.
/// - Any other parameter whose name starts with `boundary*` makes the value the continuations'
///   (`boundary*0`, `boundary*1*`, …, numbers written without leading zeros, the last of a
///   number winning), whatever the order: segment 0 and those after it up to the first missing
///   one. Without segment 0 there is no boundary, even when `boundary=` is there.
/// - In continuations an encoded segment (`*N*=`) is percent-decoded; segment 0 may name the
///   charset, and without one the encoded segments after it end the value. The bytes are then
///   decoded in that charset (an unknown one leaves them as they are).
/// - `%` not followed by two hex digits is kept.
pub(crate) fn boundary(params: &[Param<'_>]) -> Option<Vec<u8>> {
    const NAME: &[u8] = b"boundary";
    let mut single: Option<Vec<u8>> = None;
    let mut segmented = false;
    // (number, encoded, index of the parameter), the last of a number kept after sorting.
    let mut segments: Vec<(u32, bool, usize)> = Vec::new();
    for (index, p) in params.iter().enumerate() {
        let Some(rest) = p
            .name
            .get(..NAME.len())
            .filter(|head| head.eq_ignore_ascii_case(NAME))
            .map(|_| &p.name[NAME.len()..])
        else {
            continue;
        };
        match rest {
            b"" => single = Some(unfolded(p)),
            b"*" => single = Some(extended_boundary(&unfolded(p))),
            [b'*', number @ ..] => {
                segmented = true;
                let (digits, encoded) = match number.strip_suffix(b"*") {
                    Some(d) => (d, true),
                    None => (number, false),
                };
                let canonical = !digits.is_empty()
                    && digits.iter().all(u8::is_ascii_digit)
                    && (digits == b"0" || digits[0] != b'0');
                let n = std::str::from_utf8(digits)
                    .ok()
                    .filter(|_| canonical)
                    .and_then(|d| d.parse::<u32>().ok());
                if let Some(n) = n.filter(|&n| (n as usize) < MAX_SECTIONS) {
                    if segments.len() < MAX_SECTIONS {
                        segments.push((n, encoded, index));
                    }
                }
            }
            _ => {}
        }
    }
    if !segmented {
        return single;
    }
    // Stable: of segments with one number, the last written comes last.
    segments.sort_by_key(|s| s.0);
    if segments.first().is_none_or(|s| s.0 != 0) {
        return None;
    }
    let mut latest: Vec<(u32, bool, usize)> = Vec::with_capacity(segments.len());
    for s in segments {
        match latest.last_mut() {
            Some(last) if last.0 == s.0 => *last = s,
            _ => latest.push(s),
        }
    }
    let mut bytes = Vec::new();
    let mut charset: Option<Vec<u8>> = None;
    for (expected, &(n, encoded, index)) in latest.iter().enumerate() {
        if n as usize != expected {
            break;
        }
        let value = unfolded(&params[index]);
        if !encoded {
            bytes.extend_from_slice(&value);
            continue;
        }
        let text: &[u8] = if n == 0 {
            match split_extended(&value) {
                Some((cs, text)) => {
                    charset = Some(cs.to_vec());
                    text
                }
                None => &value,
            }
        } else if charset.is_none() {
            break;
        } else {
            &value
        };
        percent_decode(text, &mut bytes);
    }
    Some(match charset {
        Some(cs) if !charset_known(&cs) => bytes,
        cs => boundary_bytes(cs.as_deref(), bytes),
    })
}
