//! SES's texts for raw messages: SendRawEmail, v2 Raw content and SMTP DATA
//! (`docs/raw.md`). Each says how sure it is; decided ones have a `raw-…` row in
//! [`DECISIONS`].
//!
//! [`DECISIONS`]: super::DECISIONS

/// Seen: `Missing required header 'From'.`, `Missing required header 'To'.`.
pub fn missing_header(name: &str) -> String {
    format!("Missing required header '{name}'.")
}

/// Seen for `To`; decided for `From` (`raw-required-headers`).
pub fn empty_header(name: &str) -> String {
    format!("Empty required header '{name}'.")
}

/// Seen (`Duplicate header 'Subject'.`); the name as AWS spells it (`raw-duplicate-header`).
pub fn duplicate_header(name: &str) -> String {
    format!("Duplicate header '{name}'.")
}

/// Seen.
pub const EMPTY_HEADER_NAME: &str = "Empty header names are illegal.";

/// Seen: the text before the first colon of a line that is not a header
/// (`raw-header-lines`).
pub fn illegal_header(text: &str) -> String {
    format!("Illegal header '{text}'.")
}

/// Seen; the limit is decided (`raw-header-section-limit`).
pub const HEADER_SECTION_TOO_LONG: &str = "Header section too long.";

pub use super::send::{attachment_type_not_supported, message_too_long};

/// Doc: the SMTP interface's `552 Message is too long.` (`raw-message-size`).
pub const SMTP_MESSAGE_TOO_LONG: &str = "Message is too long.";

/// Doc: the whole SMTP reply line to a message over the size limit.
pub const SMTP_TOO_LONG_REPLY: &str = "552 Message is too long.";

/// Doc: the SMTP reply to a bad `MAIL FROM` (`smtp-envelope-replies`).
pub fn smtp_bad_mail_from(address: &str) -> String {
    format!("553 {address} Invalid email address")
}

/// Doc: the SMTP reply to a bad `RCPT TO` (`smtp-envelope-replies`).
pub fn smtp_bad_rcpt_to(address: &str) -> String {
    format!("553 {address} address unknown")
}

pub use super::send::RECIPIENT_COUNT_EXCEEDED;

/// Seen: `Expected '/', got ;` (the token found, as it is; `raw-mime-syntax`).
pub fn expected_slash(got: &str) -> String {
    format!("Expected '/', got {got}")
}

/// Decided (`raw-mime-syntax`): a Content-Type that does not start with a type.
pub fn expected_type(got: &str) -> String {
    format!("Expected MIME type, got {got}")
}

/// Decided (`raw-mime-syntax`): no subtype after the `/`.
pub fn expected_subtype(got: &str) -> String {
    format!("Expected MIME subtype, got {got}")
}

/// Seen: `Expected disposition, got =` (the token found, as it is).
pub fn expected_disposition(got: &str) -> String {
    format!("Expected disposition, got {got}")
}

/// Seen: `Expected ';', got ":"` and `Expected ';', got "hello.txt"` (the token found, in
/// double quotes; `raw-mime-syntax`).
pub fn expected_semicolon(got: &str) -> String {
    format!("Expected ';', got {got}")
}

/// Decided (`raw-mime-syntax`): no parameter name after a `;`.
pub fn expected_parameter_name(got: &str) -> String {
    format!("Expected parameter name, got {got}")
}

/// Decided (`raw-mime-syntax`): no `=` after a parameter name.
pub fn expected_equals(got: &str) -> String {
    format!("Expected '=', got {got}")
}

/// Decided (`raw-mime-syntax`): no value after a parameter's `=`.
pub fn expected_parameter_value(got: &str) -> String {
    format!("Expected parameter value, got {got}")
}

/// Decided (`raw-mime-syntax`): a comment left open in Content-Type or
/// Content-Disposition.
pub const UNBALANCED_COMMENT: &str = "Unbalanced comments";

/// Decided (`raw-mime-syntax`): a quoted string left open in Content-Type or
/// Content-Disposition.
pub const UNBALANCED_QUOTE: &str = "Unbalanced quoted string";

/// Seen (no final period).
pub const MISSING_START_BOUNDARY: &str = "Missing start boundary";

/// Seen: `Unsupported encoding cp-850.` (the charset as written; `raw-charset`).
pub fn unsupported_encoding(charset: &str) -> String {
    format!("Unsupported encoding {charset}.")
}
