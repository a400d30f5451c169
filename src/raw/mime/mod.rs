//! Content-Type and Content-Disposition values (RFC 2045 §5, RFC 2183, RFC 2231), read the
//! strict way SES reads them, with its texts (ses-behaviour.md §6; `raw-mime-syntax`).
//!
//! ```text
//! content-type  = type "/" subtype *(";" parameter) [";"]
//! disposition   = disposition-type *(";" parameter) [";"]
//! parameter     = attribute "=" value
//! value         = token / quoted-string
//! token         = 1*<any byte but SP, HTAB, CR, LF and tspecials>
//! tspecials     = "(" / ")" / "<" / ">" / "@" / "," / ";" / ":" / "\" / DQUOTE / "/" /
//!                 "[" / "]" / "?" / "="
//! ```
//!
//! Comments `( )` (nested, `\` escaping one byte) and white space, line breaks of folded values
//! included, separate tokens and are otherwise ignored. The first token that does not fit is
//! named in the error: as it is after the type, subtype and disposition (`Expected '/', got ;`),
//! in double quotes in the parameter list (`Expected ';', got "world.txt"`), and `null` at the
//! end of the value. A value is read in one forward pass; nothing is copied until a parameter
//! is asked for.

use crate::intl::encoded_word::hex_byte;
use crate::texts::raw as msg;
use std::borrow::Cow;

/// A token of a MIME header value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    Atom(&'a [u8]),
    /// The inside of a quoted string, escapes kept.
    Quoted(&'a [u8]),
    Special(u8),
    End,
}

fn is_special(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')'
            | b'<'
            | b'>'
            | b'@'
            | b','
            | b';'
            | b':'
            | b'\\'
            | b'"'
            | b'/'
            | b'['
            | b']'
            | b'?'
            | b'='
    )
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

/// `\x` becomes `x`; everything else is kept.
pub(crate) fn unescape(quoted: &[u8]) -> Cow<'_, [u8]> {
    if !quoted.contains(&b'\\') {
        return Cow::Borrowed(quoted);
    }
    let mut out = Vec::with_capacity(quoted.len());
    let mut i = 0;
    while i < quoted.len() {
        if quoted[i] == b'\\' && i + 1 < quoted.len() {
            i += 1;
        }
        out.push(quoted[i]);
        i += 1;
    }
    Cow::Owned(out)
}

impl Tok<'_> {
    /// The token as the error texts name it.
    fn text(self) -> String {
        match self {
            Tok::Atom(a) => String::from_utf8_lossy(a).into_owned(),
            Tok::Quoted(q) => String::from_utf8_lossy(&unescape(q)).into_owned(),
            Tok::Special(c) => char::from(c).to_string(),
            Tok::End => "null".to_string(),
        }
    }

    /// The token in double quotes, as the parameter list's texts name it.
    fn quoted_text(self) -> String {
        format!("\"{}\"", self.text())
    }
}

struct Tokens<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Tokens<'a> {
    fn next(&mut self) -> Result<Tok<'a>, String> {
        let b = self.b;
        loop {
            while self.i < b.len() && is_space(b[self.i]) {
                self.i += 1;
            }
            if self.i >= b.len() {
                return Ok(Tok::End);
            }
            if b[self.i] != b'(' {
                break;
            }
            // comment = "(" *(ctext / quoted-pair / comment) ")"
            let mut depth = 0usize;
            loop {
                match b.get(self.i) {
                    None => return Err(msg::UNBALANCED_COMMENT.to_string()),
                    Some(b'\\') => self.i += 1,
                    Some(b'(') => depth += 1,
                    Some(b')') => {
                        depth -= 1;
                        if depth == 0 {
                            self.i += 1;
                            break;
                        }
                    }
                    Some(_) => {}
                }
                self.i += 1;
            }
        }
        let start = self.i;
        let c = b[start];
        if c == b'"' {
            let mut i = start + 1;
            loop {
                match b.get(i) {
                    None => return Err(msg::UNBALANCED_QUOTE.to_string()),
                    Some(b'\\') => i += 2,
                    Some(b'"') => break,
                    Some(_) => i += 1,
                }
            }
            self.i = i + 1;
            return Ok(Tok::Quoted(&b[start + 1..i.min(b.len())]));
        }
        if is_special(c) {
            self.i += 1;
            return Ok(Tok::Special(c));
        }
        let mut i = start;
        while i < b.len() && !is_space(b[i]) && !is_special(b[i]) {
            i += 1;
        }
        self.i = i;
        Ok(Tok::Atom(&b[start..i]))
    }
}

/// A parameter as written: its name and its value (an atom, or a quoted string's inside with
/// its escapes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Param<'a> {
    pub name: &'a [u8],
    pub value: &'a [u8],
    pub quoted: bool,
}

impl<'a> Param<'a> {
    /// The value with the escapes of a quoted string undone.
    pub(crate) fn value(&self) -> Cow<'a, [u8]> {
        match self.quoted {
            true => unescape(self.value),
            false => Cow::Borrowed(self.value),
        }
    }
}

/// A parsed Content-Type.
#[derive(Debug, Clone)]
pub(crate) struct ContentType<'a> {
    pub kind: &'a [u8],
    pub subtype: &'a [u8],
    pub params: Vec<Param<'a>>,
}

impl ContentType<'_> {
    pub(crate) fn is(&self, kind: &str, subtype: Option<&str>) -> bool {
        self.kind.eq_ignore_ascii_case(kind.as_bytes())
            && subtype.is_none_or(|s| self.subtype.eq_ignore_ascii_case(s.as_bytes()))
    }
}

/// A parsed Content-Disposition.
#[derive(Debug, Clone)]
pub(crate) struct Disposition<'a> {
    pub params: Vec<Param<'a>>,
}

/// The first parameter named `name` (without case).
pub(crate) fn param<'p, 'a>(params: &'p [Param<'a>], name: &str) -> Option<&'p Param<'a>> {
    params
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name.as_bytes()))
}

// parameters = *(";" attribute "=" value) [";"]
fn parameters<'a>(t: &mut Tokens<'a>) -> Result<Vec<Param<'a>>, String> {
    let mut params = Vec::new();
    loop {
        match t.next()? {
            Tok::End => return Ok(params),
            Tok::Special(b';') => {}
            other => return Err(msg::expected_semicolon(&other.quoted_text())),
        }
        let name = match t.next()? {
            Tok::End => return Ok(params),
            Tok::Atom(name) => name,
            other => return Err(msg::expected_parameter_name(&other.quoted_text())),
        };
        match t.next()? {
            Tok::Special(b'=') => {}
            other => return Err(msg::expected_equals(&other.quoted_text())),
        }
        let (value, quoted) = match t.next()? {
            Tok::Atom(v) => (v, false),
            Tok::Quoted(v) => (v, true),
            other => return Err(msg::expected_parameter_value(&other.quoted_text())),
        };
        params.push(Param {
            name,
            value,
            quoted,
        });
    }
}

/// Reads a Content-Type value, or returns SES's error text.
pub(crate) fn content_type(value: &[u8]) -> Result<ContentType<'_>, String> {
    let mut t = Tokens { b: value, i: 0 };
    let kind = match t.next()? {
        Tok::Atom(kind) => kind,
        other => return Err(msg::expected_type(&other.text())),
    };
    match t.next()? {
        Tok::Special(b'/') => {}
        other => return Err(msg::expected_slash(&other.text())),
    }
    let subtype = match t.next()? {
        Tok::Atom(subtype) => subtype,
        other => return Err(msg::expected_subtype(&other.text())),
    };
    Ok(ContentType {
        kind,
        subtype,
        params: parameters(&mut t)?,
    })
}

/// Reads a Content-Disposition value, or returns SES's error text.
pub(crate) fn disposition(value: &[u8]) -> Result<Disposition<'_>, String> {
    let mut t = Tokens { b: value, i: 0 };
    match t.next()? {
        Tok::Atom(_) => {}
        other => return Err(msg::expected_disposition(&other.text())),
    }
    Ok(Disposition {
        params: parameters(&mut t)?,
    })
}

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

/// Names mail-parser's table knows (it reads `-` and `_` as one, and takes WHATWG labels) that
/// the Java runtime, which matches its names exactly, was seen not to know: JavaMail 1.6.5 keeps
/// RFC 2231 values under them as written (`ansi-x3.4-1968` is in `tests/mime_oracle.rs`; it
/// knows `ANSI_X3.4-1968`); lower-case.
const NOT_JAVA_NAMES: &[&str] = &[
    "ansi-x3.4-1968",
    "ansi_x3.4_1968",
    "latin-1",
    "x-mac-roman",
    "x-gbk",
    "chinese",
    "korean",
    "visual",
    "logical",
    "x-user-defined",
    "replacement",
    "csunicode",
    "iso_8859_15",
];

/// Whether SES's Java runtime knows a charset named in an RFC 2231 value (empty: its default).
fn charset_known(charset: &[u8]) -> bool {
    let Ok(name) = std::str::from_utf8(charset) else {
        return false;
    };
    name.is_empty()
        || (charset_is_supported(name)
            && !NOT_JAVA_NAMES.iter().any(|n| n.eq_ignore_ascii_case(name)))
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

/// Charsets the Java runtime behind SES knows that mail-parser's table lacks
/// (`raw-charset`), lower-case.
const MORE_CHARSETS: &[&str] = &[
    "utf8",
    "utf-32",
    "utf-32be",
    "utf-32le",
    "utf_32",
    "x-utf-32be",
    "x-utf-32le",
    "cp437",
    "ibm437",
    "ibm-437",
    "cp737",
    "cp775",
    "cp852",
    "ibm852",
    "cp855",
    "ibm855",
    "cp857",
    "ibm857",
    "cp858",
    "cp860",
    "cp861",
    "cp862",
    "cp863",
    "cp864",
    "cp865",
    "cp869",
    "cp874",
    "cp949",
    "cp950",
    "ms949",
    "ms950",
    "x-windows-949",
    "x-windows-950",
    "x-mswin-936",
    "iso-2022-jp-2",
    "euc-cn",
    "x-euc-tw",
    "johab",
    "x-johab",
    "koi8",
    "tis620",
    "iso-8859-8-i",
    "x-iso-8859-11",
];

/// Whether SES can decode text in `charset` (`raw-charset`): UTF-8, US-ASCII, every charset
/// mail-parser decodes, and the Java runtime's other common names.
pub(crate) fn charset_is_supported(charset: &str) -> bool {
    crate::charset_is_known(charset)
        || MORE_CHARSETS
            .iter()
            .any(|known| known.eq_ignore_ascii_case(charset))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ct(v: &str) -> Result<String, String> {
        content_type(v.as_bytes()).map(|c| {
            let params: Vec<String> = c
                .params
                .iter()
                .map(|p| {
                    format!(
                        "{}={}",
                        String::from_utf8_lossy(p.name),
                        String::from_utf8_lossy(&p.value())
                    )
                })
                .collect();
            format!(
                "{}/{} {}",
                String::from_utf8_lossy(c.kind),
                String::from_utf8_lossy(c.subtype),
                params.join(" ")
            )
        })
    }

    #[test]
    fn content_types() {
        let ok = [
            (" text/plain", "text/plain "),
            (" text/plain; charset=\"utf-8\"", "text/plain charset=utf-8"),
            (
                " multipart/mixed;\r\n\tboundary=\"a\\\"b\" (comment (nested));",
                "multipart/mixed boundary=a\"b",
            ),
            (" text / html ; a=b;c=d", "text/html a=b c=d"),
        ];
        for (value, expected) in ok {
            assert_eq!(ct(value).as_deref(), Ok(expected), "{value:?}");
        }
        let bad = [
            (" text; charset=UTF-8", "Expected '/', got ;"),
            (" text", "Expected '/', got null"),
            ("", "Expected MIME type, got null"),
            (" /plain", "Expected MIME type, got /"),
            (" text/", "Expected MIME subtype, got null"),
            (" text/plain: x", "Expected ';', got \":\""),
            (
                " text/plain; name=hello world.txt",
                "Expected ';', got \"world.txt\"",
            ),
            (" text/plain; =x", "Expected parameter name, got \"=\""),
            (" text/plain; a b", "Expected '=', got \"b\""),
            (" text/plain; a=", "Expected parameter value, got \"null\""),
            (
                " multipart/mixed; boundary=----=_Part_1",
                "Expected ';', got \"=\"",
            ),
            (" text/plain (open", "Unbalanced comments"),
            (" text/plain; a=\"open", "Unbalanced quoted string"),
        ];
        for (value, expected) in bad {
            assert_eq!(ct(value), Err(expected.to_string()), "{value:?}");
        }
    }

    #[test]
    fn dispositions() {
        assert!(disposition(b" attachment; filename=\"a b.txt\"").is_ok());
        assert_eq!(
            disposition(b" =?utf-8?q?x?=").unwrap_err(),
            "Expected disposition, got ="
        );
        assert_eq!(
            disposition(b" ").unwrap_err(),
            "Expected disposition, got null"
        );
    }

    fn name_of(value: &str) -> Option<String> {
        let d = disposition(value.as_bytes()).unwrap();
        file_name(&d.params, "filename")
    }

    #[test]
    fn file_names() {
        let cases = [
            ("attachment; filename=report.pdf", "report.pdf"),
            ("attachment; FILENAME=\"a \\\"b\\\".exe\"", "a \"b\".exe"),
            (
                "attachment; filename*=UTF-8''%e2%82%ac%20rates.exe",
                "€ rates.exe",
            ),
            ("attachment; filename*=iso-8859-1'en'%E9t%E9.bat", "été.bat"),
            (
                "attachment; filename*1=\"na.\"; filename*0*=UTF-8''%c3%a9; filename*2=js",
                "éna.js",
            ),
            (
                "attachment; filename=\"=?UTF-8?B?w6l2aWwuZXhl?=\"",
                "évil.exe",
            ),
            ("attachment; filename*=x.exe", "x.exe"),
            ("attachment; filename=100%25.txt", "100%25.txt"),
        ];
        for (value, expected) in cases {
            assert_eq!(name_of(value).as_deref(), Some(expected), "{value:?}");
        }
        assert_eq!(name_of("inline"), None);
    }

    #[test]
    fn charsets() {
        for known in [
            "utf-8",
            "UTF8",
            "us-ascii",
            "iso-8859-1",
            "windows-1252",
            "cp850",
        ] {
            assert!(charset_is_supported(known), "{known}");
        }
        for unknown in ["cp-850", "bogus", "", "utf-9"] {
            assert!(!charset_is_supported(unknown), "{unknown}");
        }
    }
}
