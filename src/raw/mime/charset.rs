//! Which charsets SES's Java runtime knows (`raw-charset`).

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
    crate::intl::charset_is_known(charset)
        || MORE_CHARSETS
            .iter()
            .any(|known| known.eq_ignore_ascii_case(charset))
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
pub(super) fn charset_known(charset: &[u8]) -> bool {
    let Ok(name) = std::str::from_utf8(charset) else {
        return false;
    };
    name.is_empty()
        || (charset_is_supported(name)
            && !NOT_JAVA_NAMES.iter().any(|n| n.eq_ignore_ascii_case(name)))
}
