//! Content-Type and Content-Disposition values (RFC 2045 §5, RFC 2183, RFC 2231), read the
//! strict way SES reads them, with its texts (`docs/raw.md`; `raw-mime-syntax`).
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

use crate::texts::raw as msg;
use std::borrow::Cow;

mod charset;
mod rfc2231;

pub(crate) use charset::charset_is_supported;
pub(crate) use rfc2231::{boundary, file_name};

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
