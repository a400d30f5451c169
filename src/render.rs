//! An [`SesError`] as it travels: the v1 XML envelope, the v2 JSON error, the SMTP reply line
//! (docs/codes.md#envelopes). Everything is derived from the error's code and message.

use crate::error::{Api, ErrorCode, SesError};
use std::collections::hash_map::RandomState;
use std::fmt::Write as _;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

/// The XML namespace of the v1 Query API's responses.
pub const V1_NAMESPACE: &str = "http://ses.amazonaws.com/doc/2010-12-01/";

/// An HTTP error response: status, headers and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The HTTP status code.
    pub status: u16,
    /// The response headers, in order.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: String,
}

/// How the v1 XML envelope writes an apostrophe. SES's bodies of 2011 and 2019 show it as
/// written (`Missing required header 'To'.`), one 2026 source as `&apos;`; decided
/// (`xml-apostrophe`): as written, with the other form on request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Apostrophes {
    /// `'` as written.
    #[default]
    AsWritten,
    /// `&apos;`.
    Escaped,
}

/// Escapes `text` for XML character data and double-quoted attribute values; an apostrophe is
/// left as written (see [`Apostrophes`]).
///
/// ```
/// assert_eq!(ses_presend::render::xml_escape("a<b & \"c\" 'd'"), "a&lt;b &amp; &quot;c&quot; 'd'");
/// ```
pub fn xml_escape(text: &str) -> String {
    xml_escape_with(text, Apostrophes::AsWritten)
}

fn xml_escape_with(text: &str, apostrophes: Apostrophes) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' if apostrophes == Apostrophes::Escaped => out.push_str("&apos;"),
            // XML 1.0 cannot carry these characters at all, escaped or not.
            '\u{0}'..='\u{8}'
            | '\u{B}'
            | '\u{C}'
            | '\u{E}'..='\u{1F}'
            | '\u{FFFE}'
            | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Writes `text` as a JSON string literal, quotes included, into `out`.
///
/// ```
/// let mut out = String::new();
/// ses_presend::render::json_string(&mut out, "say \"hi\"\n");
/// assert_eq!(out, r#""say \"hi\"\n""#);
/// ```
pub fn json_string(out: &mut String, text: &str) {
    out.push('"');
    let mut rest = text;
    while let Some(at) = rest
        .bytes()
        .position(|b| b < 0x20 || b == b'"' || b == b'\\')
    {
        out.push_str(&rest[..at]);
        match rest.as_bytes()[at] {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            b => {
                let _ = write!(out, "\\u{:04x}", b);
            }
        }
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

/// A fresh request id in the shape SES uses (a version-4 UUID, lower-case hex).
///
/// ```
/// let id = ses_presend::render::request_id();
/// assert_eq!(id.len(), 36);
/// assert_eq!(id.matches('-').count(), 4);
/// assert_ne!(id, ses_presend::render::request_id());
/// ```
pub fn request_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let random = |salt: u64| {
        let mut h = RandomState::new().build_hasher();
        h.write_u64(salt);
        h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        h.finish()
    };
    let (hi, lo) = (random(1), random(2));
    let hi = (hi & !0xF000) | 0x4000; // version 4
    let lo = (lo & !(0xC << 60)) | (0x8 << 60); // RFC 4122 variant
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xFFFF,
        hi & 0xFFFF,
        lo >> 48,
        lo & 0xFFFF_FFFF_FFFF
    )
}

/// The v1 Query API error body:
///
/// ```
/// use ses_presend::{render, parse_address};
/// let err = parse_address("a <b@c.com> <d@e.com>").unwrap_err();
/// let xml = render::v1_xml(&err, "f28c2325-5c09-11e6-9156-ef3e33b8e223");
/// assert_eq!(xml, "<ErrorResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">\n  \
///     <Error>\n    <Type>Sender</Type>\n    <Code>InvalidParameterValue</Code>\n    \
///     <Message>Extra route-addr</Message>\n  </Error>\n  \
///     <RequestId>f28c2325-5c09-11e6-9156-ef3e33b8e223</RequestId>\n</ErrorResponse>\n");
/// ```
pub fn v1_xml(err: &SesError, request_id: &str) -> String {
    v1_xml_with(err, request_id, Apostrophes::AsWritten)
}

/// The v1 XML error body, with apostrophes written as `apostrophes` says. Two shapes SES is
/// seen to send are kept: an error without text has no `<Message>` (ServiceUnavailable), and
/// UnknownOperationException is the bare element `<UnknownOperationException/>`
/// (docs/query.md).
///
/// ```
/// use ses_presend::render::{v1_xml_with, Apostrophes};
/// use ses_presend::{ErrorCode, SesError};
/// let err = SesError::new(ErrorCode::InvalidParameterValue, "Missing required header 'To'.");
/// assert!(v1_xml_with(&err, "r", Apostrophes::AsWritten).contains("header 'To'."));
/// assert!(v1_xml_with(&err, "r", Apostrophes::Escaped).contains("header &apos;To&apos;."));
///
/// let busy = SesError::new(ErrorCode::ServiceUnavailable, "");
/// assert!(!v1_xml_with(&busy, "r", Apostrophes::AsWritten).contains("<Message>"));
/// let none = SesError::new(ErrorCode::UnknownOperationException, "");
/// assert_eq!(v1_xml_with(&none, "r", Apostrophes::AsWritten), "<UnknownOperationException/>");
/// ```
pub fn v1_xml_with(err: &SesError, request_id: &str, apostrophes: Apostrophes) -> String {
    if err.code == ErrorCode::UnknownOperationException {
        return crate::texts::query::UNKNOWN_OPERATION_BODY.to_string();
    }
    let message = match err.message.is_empty() {
        true => String::new(),
        false => format!(
            "    <Message>{}</Message>\n",
            xml_escape_with(&err.message, apostrophes)
        ),
    };
    format!(
        "<ErrorResponse xmlns=\"{V1_NAMESPACE}\">\n  <Error>\n    <Type>{}</Type>\n    \
         <Code>{}</Code>\n{message}  </Error>\n  \
         <RequestId>{}</RequestId>\n</ErrorResponse>\n",
        err.code.fault().as_str(),
        err.code.as_str(),
        xml_escape_with(request_id, apostrophes),
    )
}

/// A MessageId in the shape SES gives a sent message today (`0100`, the send time in
/// milliseconds as 12 hex digits, a UUID, `-000000`), for dry runs. Never the id of a real
/// message: nothing was sent.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// let id = ses_presend::render::message_id(UNIX_EPOCH + Duration::from_millis(0x14a));
/// assert!(id.starts_with("010000000000014a-") && id.ends_with("-000000"));
/// assert_eq!(id.len(), 16 + 1 + 36 + 7);
/// ```
pub fn message_id(now: std::time::SystemTime) -> String {
    let millis = now
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    format!(
        "0100{:012x}-{}-000000",
        millis & 0xFFFF_FFFF_FFFF,
        request_id()
    )
}

/// The whole v1 HTTP error response: status, `Content-Type: text/xml`, `x-amzn-RequestId`
/// and the XML body. `request_id` `None` generates one.
///
/// ```
/// use ses_presend::{render, parse_address};
/// let err = parse_address("bob").unwrap_err();
/// let resp = render::v1_response(&err, Some("id-1"));
/// assert_eq!(resp.status, 400);
/// assert!(resp.headers.contains(&("x-amzn-RequestId", "id-1".to_string())));
/// ```
pub fn v1_response(err: &SesError, request_id: Option<&str>) -> HttpResponse {
    let id = request_id.map_or_else(self::request_id, str::to_string);
    HttpResponse {
        status: err.code.http_status(),
        body: v1_xml(err, &id),
        headers: vec![
            ("Content-Type", "text/xml".to_string()),
            ("x-amzn-RequestId", id),
        ],
    }
}

/// The v2 JSON error body, `{"message":"…"}`; `{"message":null}` for an error without text.
///
/// ```
/// use ses_presend::{check_email, render};
/// use ses_presend::request::V2SendEmailRequest;
///
/// let err = ses_presend::parse_address("user@").unwrap_err();
/// assert_eq!(render::v2_json(&err), r#"{"message":"Missing domain"}"#);
///
/// let no_from = V2SendEmailRequest::builder().to("a@example.com").subject("s").text("t").build();
/// assert_eq!(render::v2_json(&check_email(&no_from).unwrap_err()), r#"{"message":null}"#);
/// ```
pub fn v2_json(err: &SesError) -> String {
    // An error SES sends without words (v2 Simple content without From was seen answered
    // `{"message":null}`, DECISIONS `v2-missing-from`) has a null message, not an empty one.
    if err.message.is_empty() {
        return "{\"message\":null}".to_string();
    }
    let mut out = String::with_capacity(err.message.len() + 16);
    out.push_str("{\"message\":");
    json_string(&mut out, &err.message);
    out.push('}');
    out
}

/// The whole v2 HTTP error response: the v2 status, `x-amzn-ErrorType`, a request id and the
/// JSON body.
///
/// ```
/// use ses_presend::{render, parse_address};
/// let resp = render::v2_response(&parse_address("user@").unwrap_err(), Some("id-2"));
/// assert_eq!(resp.status, 400);
/// assert!(resp.headers.contains(&("x-amzn-ErrorType", "BadRequestException".to_string())));
/// ```
pub fn v2_response(err: &SesError, request_id: Option<&str>) -> HttpResponse {
    HttpResponse {
        status: err.code.http_status_on(Api::V2),
        body: v2_json(err),
        headers: vec![
            ("Content-Type", "application/json".to_string()),
            ("x-amzn-ErrorType", err.code.name_on(Api::V2).to_string()),
            (
                "x-amzn-RequestId",
                request_id.map_or_else(self::request_id, str::to_string),
            ),
        ],
    }
}

/// The SMTP reply line (without CRLF).
///
/// ```
/// use ses_presend::{render, ErrorCode, SesError};
/// let err = SesError::new(ErrorCode::Throttling, "Daily message quota exceeded.");
/// assert_eq!(render::smtp_reply(&err), "454 Throttling failure: Daily message quota exceeded.");
/// ```
pub fn smtp_reply(err: &SesError) -> String {
    smtp_reply_to(err, SmtpCommand::Data)
}

/// The SMTP command an error answers: the envelope's commands have replies of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpCommand<'a> {
    /// `MAIL FROM:<address>`, with the address as the client gave it.
    MailFrom(&'a str),
    /// `RCPT TO:<address>`, with the address as the client gave it.
    RcptTo(&'a str),
    /// `DATA`: the message itself.
    Data,
}

/// The SMTP reply line (without CRLF) to `command`: a bad envelope address gets `553 <address>
/// Invalid email address` or `553 <address> address unknown`, a message over the size limit
/// `552 Message is too long.`, everything else its class's prefix and SES's text
/// (docs/codes.md; decided `smtp-envelope-replies`).
///
/// ```
/// use ses_presend::render::{smtp_reply_to, SmtpCommand};
/// use ses_presend::{check_raw, parse_address, Api, RawOptions};
///
/// let bad = parse_address("bob@").unwrap_err();
/// assert_eq!(smtp_reply_to(&bad, SmtpCommand::MailFrom("bob@")), "553 bob@ Invalid email address");
/// assert_eq!(smtp_reply_to(&bad, SmtpCommand::RcptTo("bob@")), "553 bob@ address unknown");
/// assert_eq!(smtp_reply_to(&bad, SmtpCommand::Data), "554 Transaction failed: Missing domain");
///
/// let huge = vec![b'a'; 41_943_041];
/// let err = check_raw(&huge, &RawOptions::new(Api::Smtp)).unwrap_err();
/// assert_eq!(smtp_reply_to(&err, SmtpCommand::Data), "552 Message is too long.");
/// ```
pub fn smtp_reply_to(err: &SesError, command: SmtpCommand<'_>) -> String {
    use crate::texts::raw as msg;
    let one_line = |text: &str| -> String {
        text.chars()
            .map(|c| if c == '\r' || c == '\n' { ' ' } else { c })
            .collect()
    };
    let invalid = err.code == ErrorCode::InvalidParameterValue;
    match command {
        SmtpCommand::MailFrom(address) if invalid => msg::smtp_bad_mail_from(&one_line(address)),
        SmtpCommand::RcptTo(address) if invalid => msg::smtp_bad_rcpt_to(&one_line(address)),
        SmtpCommand::Data if invalid && err.message == msg::SMTP_MESSAGE_TOO_LONG => {
            msg::SMTP_TOO_LONG_REPLY.to_string()
        }
        _ => format!(
            "{}{}",
            err.code.smtp_reply().prefix(),
            one_line(&err.message)
        ),
    }
}
