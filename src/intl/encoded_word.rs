//! RFC 2047 encoded-words in friendly names: validate, decode, encode.
//!
//! ```text
//! encoded-word = "=?" charset ["*" language] "?" encoding "?" encoded-text "?="
//! charset      = token            ; a charset mail clients know (see `charset_is_known`)
//! encoding     = "B" / "Q"        ; either case
//! encoded-text = 1*<printable ASCII but "?" and SP>
//! ```
//! A word is at most 75 characters long and holds no white space. B text is base64 with its
//! padding; Q text is `_` for a space and `=XX` for any byte, other characters as themselves.

use std::borrow::Cow;

/// The longest encoded-word RFC 2047 allows, in characters.
pub const MAX_ENCODED_WORD: usize = 75;

/// What is wrong with an encoded-word (RFC 2047) in a friendly name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EncodedWordProblem {
    /// Not `=?charset?B|Q?text?=`.
    Grammar,
    /// Longer than 75 characters.
    TooLong,
    /// White space inside the word.
    WhiteSpace,
    /// B text that is not base64 with its padding.
    BadBase64,
    /// Q text with a bad `=XX` escape or a character Q does not allow.
    BadQ,
    /// A charset mail clients do not know.
    UnknownCharset,
    /// Bytes that are not valid in the word's charset.
    InvalidBytes,
    /// Inside a quoted string, where mail clients show it as written.
    InQuotedString,
    /// Joined to other text without white space, where mail clients show it as written.
    NotSeparated,
    /// In the address itself, where it is never decoded.
    InAddress,
}

/// One well-formed encoded-word, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub charset: String,
    pub text: String,
}

fn is_token_char(b: u8) -> bool {
    b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?.=".contains(&b)
}

/// Whether `word` (a run of text without white space, or with it when malformed) starts and
/// ends like an encoded-word, `=?…?=`: the shape a mail client would try to decode.
pub(crate) fn looks_encoded(word: &str) -> bool {
    word.len() >= 4 && word.starts_with("=?") && word.ends_with("?=")
}

/// Validates and decodes one encoded-word.
pub(crate) fn decode_word(word: &str) -> Result<Decoded, EncodedWordProblem> {
    let inner = word
        .strip_prefix("=?")
        .and_then(|w| w.strip_suffix("?="))
        .ok_or(EncodedWordProblem::Grammar)?;
    if word.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(EncodedWordProblem::WhiteSpace);
    }
    let mut parts = inner.splitn(3, '?');
    let (charset_lang, encoding, text) = match (parts.next(), parts.next(), parts.next()) {
        (Some(c), Some(e), Some(t)) => (c, e, t),
        _ => return Err(EncodedWordProblem::Grammar),
    };
    let charset = charset_lang
        .split_once('*')
        .map_or(charset_lang, |(c, _)| c);
    let lang_ok = charset_lang.split_once('*').is_none_or(|(_, l)| {
        !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    });
    if charset.is_empty()
        || !charset.bytes().all(is_token_char)
        || !lang_ok
        || text.is_empty()
        || text.contains('?')
        || !text.bytes().all(|b| b.is_ascii_graphic())
    {
        return Err(EncodedWordProblem::Grammar);
    }
    let bytes = match encoding {
        "B" | "b" => decode_b(text)?,
        "Q" | "q" => decode_q(text)?,
        _ => return Err(EncodedWordProblem::Grammar),
    };
    if word.chars().count() > MAX_ENCODED_WORD {
        return Err(EncodedWordProblem::TooLong);
    }
    let text = decode_charset(charset, &bytes)?;
    Ok(Decoded {
        charset: charset.to_string(),
        text,
    })
}

fn b64_value(b: u8) -> Option<u8> {
    Some(match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    })
}

// B encoding: base64 in groups of four, `=` padding only at the very end.
pub(crate) fn decode_b(text: &str) -> Result<Vec<u8>, EncodedWordProblem> {
    decode_b_bytes(text.as_bytes())
}

/// [`decode_b`] on bytes.
pub(crate) fn decode_b_bytes(b: &[u8]) -> Result<Vec<u8>, EncodedWordProblem> {
    if !b.len().is_multiple_of(4) {
        return Err(EncodedWordProblem::BadBase64);
    }
    let padding = b.iter().rev().take_while(|&&c| c == b'=').count();
    if padding > 2 {
        return Err(EncodedWordProblem::BadBase64);
    }
    let mut out = Vec::with_capacity(b.len() / 4 * 3);
    let mut acc = 0u32;
    let data = &b[..b.len() - padding];
    for (i, &c) in data.iter().enumerate() {
        acc = (acc << 6) | u32::from(b64_value(c).ok_or(EncodedWordProblem::BadBase64)?);
        if i % 4 == 3 {
            out.extend_from_slice(&acc.to_be_bytes()[1..]);
            acc = 0;
        }
    }
    match data.len() % 4 {
        0 => {}
        2 => out.push((acc >> 4) as u8),
        3 => out.extend_from_slice(&((acc >> 2) as u16).to_be_bytes()),
        _ => return Err(EncodedWordProblem::BadBase64),
    }
    Ok(out)
}

/// The byte two hex digits write (`=XX` in Q encoding, `%XX` in a URL or an RFC 2231
/// parameter); `None` unless `pair` is exactly two hex digits.
pub(crate) fn hex_byte(pair: &[u8]) -> Option<u8> {
    match pair {
        [hi, lo] => {
            let digit = |c: u8| (c as char).to_digit(16);
            Some((digit(*hi)? << 4 | digit(*lo)?) as u8)
        }
        _ => None,
    }
}

// Q encoding: `_` is a space, `=XX` a byte, any other printable but `?`, `=` and SP itself.
fn decode_q(text: &str) -> Result<Vec<u8>, EncodedWordProblem> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'_' => out.push(b' '),
            b'=' => {
                let byte = b.get(i + 1..i + 3).and_then(hex_byte);
                out.push(byte.ok_or(EncodedWordProblem::BadQ)?);
                i += 2;
            }
            // In a phrase, the specials would end the word for a parser (RFC 2047 §5 (3)).
            b'(' | b')' | b'<' | b'>' | b'@' | b',' | b';' | b':' | b'"' | b'\\' | b'[' | b']' => {
                return Err(EncodedWordProblem::BadQ)
            }
            c if c.is_ascii_graphic() && c != b'?' => out.push(c),
            _ => return Err(EncodedWordProblem::BadQ),
        }
        i += 1;
    }
    Ok(out)
}

/// Whether mail clients know `charset` (the charsets mail-parser decodes: UTF-8, US-ASCII,
/// ISO-8859-*, Windows-125*, KOI8, the CJK charsets, …).
///
/// ```
/// assert!(ses_presend::intl::charset_is_known("iso-8859-1"));
/// assert!(!ses_presend::intl::charset_is_known("bogus"));
/// ```
pub fn charset_is_known(charset: &str) -> bool {
    charset.eq_ignore_ascii_case("utf-8")
        || charset.eq_ignore_ascii_case("us-ascii")
        || mail_parser::decoders::charsets::map::charset_decoder(charset.as_bytes()).is_some()
}

/// Decodes `bytes` in `charset`, or says why it cannot: an unknown charset, or bytes that are
/// not valid in it.
fn decode_charset(charset: &str, bytes: &[u8]) -> Result<String, EncodedWordProblem> {
    if charset.eq_ignore_ascii_case("utf-8") || charset.eq_ignore_ascii_case("utf8") {
        return String::from_utf8(bytes.to_vec()).map_err(|_| EncodedWordProblem::InvalidBytes);
    }
    if charset.eq_ignore_ascii_case("us-ascii") || charset.eq_ignore_ascii_case("ascii") {
        return match bytes.is_ascii() {
            true => Ok(String::from_utf8_lossy(bytes).into_owned()),
            false => Err(EncodedWordProblem::InvalidBytes),
        };
    }
    let decoder = mail_parser::decoders::charsets::map::charset_decoder(charset.as_bytes())
        .ok_or(EncodedWordProblem::UnknownCharset)?;
    let text = decoder(bytes);
    // The decoders replace what they cannot map with U+FFFD.
    match text.contains('\u{FFFD}') {
        true => Err(EncodedWordProblem::InvalidBytes),
        false => Ok(text),
    }
}

/// Decodes a phrase (a display name as written) the way mail clients show it: quoted strings
/// unquoted, encoded-words decoded, white space between two adjacent encoded-words dropped.
/// A malformed encoded-word, or one glued to other text, is left as written.
pub(crate) fn decode_phrase(phrase: &str) -> Cow<'_, str> {
    decode(phrase, false)
}

/// Decodes a phrase as its writer meant it: as [`decode_phrase`] does, and an encoded-word
/// inside a quoted string (`"=?UTF-8?B?Sm9zw6k=?="`), which mail clients show as written,
/// decoded too (`José`). The text a fix encodes, so that it shows what was meant.
pub(crate) fn decode_phrase_meant(phrase: &str) -> Cow<'_, str> {
    decode(phrase, true)
}

fn decode(phrase: &str, quoted_words: bool) -> Cow<'_, str> {
    if !phrase.contains(['"', '\\', '=']) {
        return Cow::Borrowed(phrase);
    }
    let mut out = String::with_capacity(phrase.len());
    let mut pending_space = "";
    let mut last_was_word = false;
    for piece in pieces(phrase) {
        let (text, is_word) = match &piece {
            Piece::Space(s) => {
                pending_space = s;
                continue;
            }
            Piece::Word(_, Ok(decoded)) => (Cow::Borrowed(decoded.text.as_str()), true),
            Piece::Quoted(q) => match quoted_words {
                true => (Cow::Owned(decode_quoted_words(&unescape(q))), false),
                false => (Cow::Owned(unescape(q)), false),
            },
            Piece::Word(raw, Err(_)) | Piece::Glued(raw) | Piece::Text(raw) => {
                (Cow::Borrowed(*raw), false)
            }
        };
        if !(last_was_word && is_word) {
            out.push_str(pending_space);
        }
        pending_space = "";
        out.push_str(&text);
        last_was_word = is_word;
    }
    out.push_str(pending_space);
    Cow::Owned(out)
}

/// The inside of a quoted string (unescaped) with each well-formed encoded-word that stands
/// between white space or the ends decoded, and the white space between two of them dropped;
/// everything else as it is.
fn decode_quoted_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = "";
    let mut last_was_word = false;
    let mut rest = text;
    while !rest.is_empty() {
        let space = rest.len() - rest.trim_start_matches([' ', '\t', '\r', '\n']).len();
        if space > 0 {
            (pending_space, rest) = rest.split_at(space);
            continue;
        }
        let end = rest.find([' ', '\t', '\r', '\n']).unwrap_or(rest.len());
        let (atom, after) = rest.split_at(end);
        rest = after;
        let decoded = outline(atom).then(|| decode_word(atom).ok()).flatten();
        let is_word = decoded.is_some();
        if !(last_was_word && is_word) {
            out.push_str(pending_space);
        }
        pending_space = "";
        match &decoded {
            Some(d) => out.push_str(&d.text),
            None => out.push_str(atom),
        }
        last_was_word = is_word;
    }
    out.push_str(pending_space);
    out
}

fn unescape(quoted: &str) -> String {
    let mut out = String::with_capacity(quoted.len());
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

/// A phrase as a mail client reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    /// White space.
    Space(&'a str),
    /// The inside of a quoted string, escapes kept.
    Quoted(&'a str),
    /// Text that starts and ends like an encoded-word, standing alone between white space or
    /// the ends: decoded, or why not. A word broken by white space is one piece, with
    /// [`EncodedWordProblem::WhiteSpace`].
    Word(&'a str, Result<Decoded, EncodedWordProblem>),
    /// An encoded-word glued to other text or to another word: shown as written.
    Glued(&'a str),
    /// Any other text.
    Text(&'a str),
}

/// Whether `text` has the outline of an encoded-word: `=?`, three more `?`, `?=`.
fn outline(text: &str) -> bool {
    looks_encoded(text) && text.bytes().filter(|&b| b == b'?').count() >= 4
}

/// Reads a phrase into pieces (see [`Piece`]).
pub(crate) fn pieces(phrase: &str) -> Vec<Piece<'_>> {
    let tokens: Vec<(usize, PhraseToken<'_>)> = phrase_tokens(phrase)
        .map(|t| {
            let text = match t {
                PhraseToken::Space(x) | PhraseToken::Quoted(x) | PhraseToken::Atom(x) => x,
            };
            (text.as_ptr() as usize - phrase.as_ptr() as usize, t)
        })
        .collect();
    let mut out = Vec::with_capacity(tokens.len());
    let mut k = 0;
    while k < tokens.len() {
        let (at, token) = tokens[k];
        let atom = match token {
            PhraseToken::Space(x) => {
                out.push(Piece::Space(x));
                k += 1;
                continue;
            }
            PhraseToken::Quoted(x) => {
                out.push(Piece::Quoted(x));
                k += 1;
                continue;
            }
            PhraseToken::Atom(x) => x,
        };
        // A word broken by white space: `=?UTF-8?Q?a` `b?=`.
        if atom.starts_with("=?") && !outline(atom) {
            let end = tokens[k + 1..]
                .iter()
                .take_while(|(_, t)| !matches!(t, PhraseToken::Quoted(_)))
                .enumerate()
                .find_map(|(n, (a, t))| match t {
                    PhraseToken::Atom(x) if outline(&phrase[at..a + x.len()]) => {
                        Some((k + 1 + n, a + x.len()))
                    }
                    _ => None,
                });
            if let Some((last, end)) = end {
                out.push(Piece::Word(
                    &phrase[at..end],
                    Err(EncodedWordProblem::WhiteSpace),
                ));
                k = last + 1;
                continue;
            }
        }
        let quoted_before = k > 0 && matches!(tokens[k - 1].1, PhraseToken::Quoted(_));
        let quoted_after = matches!(tokens.get(k + 1), Some((_, PhraseToken::Quoted(_))));
        let piece = if outline(atom) {
            let glued = quoted_before || quoted_after || atom[2..atom.len() - 2].contains("?==?");
            match glued {
                true => Piece::Glued(atom),
                false => Piece::Word(atom, decode_word(atom)),
            }
        } else if atom
            .find("=?")
            .is_some_and(|i| atom[i + 2..].contains("?="))
        {
            Piece::Glued(atom)
        } else {
            Piece::Text(atom)
        };
        out.push(piece);
        k += 1;
    }
    out
}

/// A piece of a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PhraseToken<'a> {
    /// White space.
    Space(&'a str),
    /// The inside of a quoted string, escapes kept.
    Quoted(&'a str),
    /// A run of anything else.
    Atom(&'a str),
}

/// Splits a phrase into white space, quoted strings and atoms.
pub(crate) fn phrase_tokens(phrase: &str) -> impl Iterator<Item = PhraseToken<'_>> {
    let b = phrase.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        if i >= b.len() {
            return None;
        }
        let start = i;
        let token = match b[i] {
            b' ' | b'\t' | b'\r' | b'\n' => {
                while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\r' | b'\n') {
                    i += 1;
                }
                PhraseToken::Space(&phrase[start..i])
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                let end = i.min(b.len());
                i = (i + 1).min(b.len());
                PhraseToken::Quoted(&phrase[start + 1..end])
            }
            _ => {
                while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\r' | b'\n' | b'"') {
                    i += 1;
                }
                PhraseToken::Atom(&phrase[start..i])
            }
        };
        Some(token)
    })
}

// The characters Q may leave as themselves inside a phrase (RFC 2047 §5 (3)).
fn q_literal(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'!' | b'*' | b'+' | b'-' | b'/')
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b_len(bytes: usize) -> usize {
    bytes.div_ceil(3) * 4
}

fn q_len(text: &str) -> usize {
    text.bytes()
        .map(|b| if q_literal(b) || b == b' ' { 1 } else { 3 })
        .sum()
}

/// Appends `bytes` in standard base64 with padding (the B encoding; also the request
/// model's attachment content).
pub(crate) fn push_b(out: &mut String, bytes: &[u8]) {
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
}

fn push_q(out: &mut String, text: &str) {
    for b in text.bytes() {
        match b {
            b' ' => out.push('_'),
            b if q_literal(b) => out.push(b as char),
            b => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('=');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xF)]));
            }
        }
    }
}

const PREFIX_LEN: usize = "=?UTF-8?B?".len() + "?=".len();

/// Encodes `name` as UTF-8 encoded-words, B or Q (whichever makes the shorter text), each word
/// at most 75 characters and cut on character boundaries, separated by single spaces (which
/// decoders drop between adjacent encoded-words).
pub(crate) fn encode_words(name: &str) -> String {
    let use_q = q_len(name) <= b_len(name.len());
    let budget = MAX_ENCODED_WORD - PREFIX_LEN;
    let mut out = String::with_capacity(name.len() * 2);
    let mut rest = name;
    while !rest.is_empty() {
        // The longest prefix of whole characters whose encoding fits the budget.
        let (mut cut, mut q) = (0, 0);
        for (at, c) in rest.char_indices() {
            let end = at + c.len_utf8();
            // The Q length of `rest[..end]`, counted one character at a time.
            let len = if use_q {
                q += q_len(&rest[at..end]);
                q
            } else {
                b_len(end)
            };
            if len > budget {
                break;
            }
            cut = end;
        }
        if cut == 0 {
            // Cannot happen for UTF-8 (a character is at most 12 encoded characters), but never
            // loop forever.
            cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(if use_q { "=?UTF-8?Q?" } else { "=?UTF-8?B?" });
        if use_q {
            push_q(&mut out, &rest[..cut]);
        } else {
            push_b(&mut out, &rest.as_bytes()[..cut]);
        }
        out.push_str("?=");
        rest = &rest[cut..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_bytes() {
        assert_eq!(hex_byte(b"3D"), Some(b'='));
        assert_eq!(hex_byte(b"fF"), Some(0xFF));
        for bad in [
            &b"G0"[..],
            b"0",
            b"",
            b"123",
            b"+1",
            b" 1",
            "\u{e9}".as_bytes(),
        ] {
            assert_eq!(hex_byte(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn words() {
        let ok = [
            ("=?UTF-8?B?Sm9zw6k=?=", "José"),
            ("=?utf-8?q?Jos=C3=A9?=", "José"),
            ("=?ISO-8859-1?Q?Andr=E9?=", "André"),
            ("=?us-ascii*en?Q?a_b?=", "a b"),
            ("=?UTF-8?B?YQ==?=", "a"),
        ];
        for (word, text) in ok {
            assert_eq!(
                decode_word(word).map(|d| d.text),
                Ok(text.to_string()),
                "{word}"
            );
        }
        let bad = [
            ("=?UTF-8?B?Sm9zw6k?=", EncodedWordProblem::BadBase64),
            ("=?UTF-8?B?Sm9z=w6k?=", EncodedWordProblem::BadBase64),
            ("=?UTF-8?X?abc?=", EncodedWordProblem::Grammar),
            ("=??B?YQ==?=", EncodedWordProblem::Grammar),
            ("=?UTF-8?Q?a=G1?=", EncodedWordProblem::BadQ),
            ("=?UTF-8?Q?a b?=", EncodedWordProblem::WhiteSpace),
            ("=?bogus?Q?x?=", EncodedWordProblem::UnknownCharset),
            ("=?UTF-8?Q?=FF?=", EncodedWordProblem::InvalidBytes),
            ("=?us-ascii?Q?=E9?=", EncodedWordProblem::InvalidBytes),
        ];
        for (word, problem) in bad {
            assert_eq!(decode_word(word), Err(problem), "{word}");
        }
        let long = format!("=?UTF-8?Q?{}?=", "a".repeat(70));
        assert_eq!(decode_word(&long), Err(EncodedWordProblem::TooLong));
    }

    #[test]
    fn encoding_round_trips() {
        for name in [
            "José",
            "山田 太郎",
            "a",
            "Kristóf Ármin, \"Jr.\"",
            &"é".repeat(100),
        ] {
            let encoded = encode_words(name);
            for word in encoded.split(' ') {
                assert!(word.len() <= MAX_ENCODED_WORD, "{word}");
                decode_word(word).unwrap();
            }
            assert_eq!(decode_phrase(&encoded), name);
        }
        assert_eq!(encode_words("José"), "=?UTF-8?B?Sm9zw6k=?=");
    }
}
