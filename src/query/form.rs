//! `application/x-www-form-urlencoded` text (a query string or a POST body) read into
//! parameters, within bounds.

use crate::intl::encoded_word::hex_byte;

/// The most parameters one request may carry, query string and body together (decided:
/// `query-bounds`).
pub const MAX_PARAMETERS: usize = 1000;

/// Why the parameters could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FormError {
    /// A `%` not followed by two hex digits, or bytes that are not UTF-8 once decoded.
    Undecodable,
    /// More than [`MAX_PARAMETERS`] parameters.
    TooMany,
}

/// Reads `input` (`name=value` pairs joined by `&`; `+` is a space, `%XX` a byte) and appends
/// its parameters to `out`. An empty pair is skipped; a pair without `=` is a name with an
/// empty value.
pub(crate) fn decode_into(input: &[u8], out: &mut Vec<(String, String)>) -> Result<(), FormError> {
    for pair in input.split(|&b| b == b'&') {
        if pair.is_empty() {
            continue;
        }
        if out.len() == MAX_PARAMETERS {
            return Err(FormError::TooMany);
        }
        let (name, value) = match pair.iter().position(|&b| b == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &[][..]),
        };
        out.push((unescape(name)?, unescape(value)?));
    }
    Ok(())
}

/// One name or value, decoded.
fn unescape(text: &[u8]) -> Result<String, FormError> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'+' => bytes.push(b' '),
            b'%' => {
                let byte = text.get(i + 1..i + 3).and_then(hex_byte);
                bytes.push(byte.ok_or(FormError::Undecodable)?);
                i += 2;
            }
            b => bytes.push(b),
        }
        i += 1;
    }
    String::from_utf8(bytes).map_err(|_| FormError::Undecodable)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Vec<(String, String)>, FormError> {
        let mut out = Vec::new();
        decode_into(text.as_bytes(), &mut out).map(|()| out)
    }

    #[test]
    fn decodes() {
        let got = read("Action=Send%45mail&&Message.Subject.Data=a+b%2Bc&Flag").unwrap();
        assert_eq!(
            got,
            [
                ("Action".into(), "SendEmail".into()),
                ("Message.Subject.Data".into(), "a b+c".into()),
                ("Flag".into(), String::new()),
            ]
        );
        assert_eq!(read("a=%4"), Err(FormError::Undecodable));
        assert_eq!(read("a=%zz"), Err(FormError::Undecodable));
        assert_eq!(read("a=%FF"), Err(FormError::Undecodable));
        assert_eq!(read("a=%C3%A9").unwrap()[0].1, "é");
        let many = "a=1&".repeat(MAX_PARAMETERS + 1);
        assert_eq!(read(&many), Err(FormError::TooMany));
        assert!(read(&"a=1&".repeat(MAX_PARAMETERS)).is_ok());
    }
}
