//! Raw messages: what SES checks on `SendRawEmail`, v2 `SendEmail` with Raw content and SMTP
//! `DATA` (docs/raw.md, with docs/addresses.md for every address header).
//!
//! [`check_raw`] answers with the error SES would return, [`report_raw`] with every error and
//! advisory. Both take any bytes: a message is read in one forward pass over offsets into it,
//! bodies are never decoded or copied, the MIME tree is walked without recursion and opened at
//! most [`MAX_MIME_DEPTH`] levels deep, and the address headers go through the same address
//! check as a Source or Destination entry.
//!
//! The checks run in this order, and the first error is SES's answer (`raw-check-order`):
//!
//! 1. the message size (10485760 bytes on v1, 41943040 on v2 and SMTP);
//! 2. the Source, then each Destination;
//! 3. the header section: its length (256 KiB), then each line that is not a header field,
//!    in order;
//! 4. singleton headers given twice;
//! 5. the `From` and `To` headers, missing or empty (unless Source, or Destinations, stand in);
//! 6. every address of the address headers (`From`, `Sender`, `Reply-To`, `Return-Path`, `To`,
//!    `Cc`, `Bcc`), in the order they appear;
//! 7. the recipient count (`To`, `Cc`, `Bcc` and the Destinations, deduplicated; group members
//!    count one by one);
//! 8. the MIME structure, part by part in document order: Content-Type and
//!    Content-Disposition syntax, a multipart's start boundary, a text part's charset;
//! 9. attachments with a blocked file extension (`MessageRejected`).

pub(crate) mod attachment;
mod header;
mod headers_check;
mod lines;
mod mime;
pub(crate) use mime::charset_is_supported;
mod options;
pub use options::RawOptions;
pub(crate) use options::{envelope_field, EnvelopeField};
mod recipients;
mod sink;

pub use crate::report::RawProblem;
mod walk;

use crate::account::checks::{self, Identity, SendFacts};
use crate::error::{Api, ErrorCode, SesError};
use crate::report::{Finding, Mode, Reason, Report};
use crate::texts::raw as msg;
use header::Section;
use headers_check::{address_headers, duplicates, header_section, is_named, required, unfolded};
use options::envelope;
use sink::{finding, Flow, Sink};
use std::borrow::Cow;

pub use crate::limits::{
    MAX_HEADER_SECTION, MAX_MIME_DEPTH, V1_MAX_MESSAGE_SIZE, V2_MAX_MESSAGE_SIZE,
};

/// Checks a raw message the way SES checks `SendRawEmail`, v2 Raw content or SMTP `DATA`, and
/// returns the error SES would answer with: its code and its exact text.
///
/// Any bytes are taken: CRLF, LF or mixed line endings, 8-bit text, hostile nesting. The time
/// is linear in the message's length, and bodies are neither decoded nor copied.
///
/// ```
/// use ses_presend::{check_raw, Api, ErrorCode, RawOptions};
///
/// let good = b"From: Sender <sender@example.com>\r\nTo: a@example.com\r\n\
///              Subject: Hello\r\n\r\nHi!\r\n";
/// assert!(check_raw(good, &RawOptions::new(Api::V1)).is_ok());
///
/// let err = check_raw(b"To: a@example.com\r\n\r\nHi!", &RawOptions::new(Api::V1)).unwrap_err();
/// assert_eq!(err.code, ErrorCode::InvalidParameterValue);
/// assert_eq!(err.message, "Missing required header 'From'.");
///
/// // With a Source, the From header may be left out.
/// let options = RawOptions::new(Api::V1).source("sender@example.com");
/// assert!(check_raw(b"To: a@example.com\r\n\r\nHi!", &options).is_ok());
///
/// let twice = b"From: s@example.com\nTo: a@example.com\nSubject: a\nSUBJECT: b\n\nHi";
/// assert_eq!(check_raw(twice, &RawOptions::new(Api::V1)).unwrap_err().message,
///            "Duplicate header 'Subject'.");
/// ```
pub fn check_raw(raw: &[u8], options: &RawOptions<'_>) -> Result<(), SesError> {
    let mut sink = Sink::new(Mode::First);
    let _ = run(raw, options, &mut sink);
    match sink.into_first() {
        Some(err) => Err(err),
        None => Ok(()),
    }
}

/// Checks a raw message like [`check_raw`] and reports every problem: the errors SES would
/// return (the first is its answer), each with a field path (`headers.To[1].domain`,
/// `part[2].headers.Content-Disposition`, `headers.line[7]`), and advisories for what SES
/// accepts but should not be sent: address advisories
/// (docs/addresses.md#internationalized-addresses), 8-bit header bytes, lines over 1000
/// octets, multiparts without their close delimiter.
///
/// ```
/// use ses_presend::{report_raw, Api, RawOptions, Strictness};
///
/// let msg = "From: José <jose@example.com>\r\nTo: a@example.com, b@bücher.de\r\n\r\nHi";
/// let report = report_raw(msg.as_bytes(), &RawOptions::new(Api::V1));
/// assert_eq!(report.first_error().unwrap().message, "Domain contains illegal character");
/// assert_eq!(report.errors[0].field, "headers.To[1].domain");
/// assert_eq!(report.errors[0].fix.as_deref(), Some("xn--bcher-kva.de"));
/// let reasons: Vec<_> = report.advisories.iter().map(|a| a.reason.as_str()).collect();
/// assert!(reasons.contains(&"name-raw-non-ascii"));
/// assert!(reasons.contains(&"header-8bit"));
/// assert!(!report.passes(Strictness::Ses));
/// ```
pub fn report_raw(raw: &[u8], options: &RawOptions<'_>) -> Report {
    let mut sink = Sink::new(Mode::All);
    let _ = run(raw, options, &mut sink);
    sink.into_report("message", Reason::Raw(RawProblem::FindingsTruncated))
}

/// Every check, in SES's order.
fn run(b: &[u8], options: &RawOptions<'_>, sink: &mut Sink) -> Flow {
    size(b, options.api, sink)?;
    let mut keys = Vec::new();
    envelope(options, sink, &mut keys)?;
    let section = header::split_top(b);
    header_section(b, &section, sink)?;
    duplicates(b, &section, sink)?;
    required(b, &section, options, sink)?;
    address_headers(b, &section, sink, &mut keys)?;
    let count = recipients::distinct(&keys);
    if count > crate::limits::MAX_RECIPIENTS {
        sink.error(|| {
            finding(
                "recipients".to_string(),
                RawProblem::TooManyRecipients,
                format!(
                    "the message has {count} distinct recipients (To, Cc, Bcc and Destinations); \
                     SES takes at most 50"
                ),
                Some(SesError::invalid(msg::RECIPIENT_COUNT_EXCEEDED)),
            )
        })?;
    }
    walk::walk(b, header::top_mime_fields(b, &section), sink)?;
    sink.flush_deferred()?;
    if options.context.account().is_some() || options.context.quota().is_some() {
        // A quota without an account: the account's checks know nothing, and skip.
        account_stages(b, &section, options, sink)?;
    }
    if sink.advising() {
        if let Some((line, count)) = lines::long_lines(b) {
            sink.advise(|| {
                finding(
                    format!("line[{line}]"),
                    RawProblem::LineTooLong,
                    format!(
                        "{count} line(s) are longer than 1000 octets with their CRLF, the first \
                         on line {line}; mail servers may break or refuse them: use a \
                         Content-Transfer-Encoding (quoted-printable or base64)"
                    ),
                    None,
                )
            });
        }
    }
    Ok(())
}

/// The account's checks (docs/account.md), on the message's sender, Return-Path, recipients and
/// configuration set (`raw-account`): after every check of the message itself.
fn account_stages(b: &[u8], section: &Section, options: &RawOptions<'_>, sink: &mut Sink) -> Flow {
    let header = |name: &str| {
        section
            .fields
            .iter()
            .find(|f| is_named(b, f, name))
            .map(|f| unfolded(b, f).trim().to_string())
    };
    let entries_of = |names: &[&str]| {
        let mut out = Vec::new();
        for field in section
            .fields
            .iter()
            .filter(|f| names.iter().any(|n| is_named(b, f, n)))
        {
            let text = unfolded(b, field);
            let _ = recipients::entries(&text, |range| {
                out.push(text[range].to_string());
                Ok::<(), ()>(())
            });
        }
        out
    };
    // SES checks the From header's mailboxes and the envelope sender independently, each
    // listed as written (`raw-account`).
    let from_header = entries_of(&["From"]);
    let (sender_field, sender) = match options.source {
        Some(source) => ("Source", Some(source.to_string())),
        None => ("headers.From", from_header.first().cloned()),
    };
    let (recipients, recipient_fields) = match options.destinations.is_empty() {
        true => (
            [
                entries_of(&["To"]),
                entries_of(&["Cc"]),
                entries_of(&["Bcc"]),
            ],
            ["headers.To", "headers.Cc", "headers.Bcc"],
        ),
        false => (
            [
                options.destinations.iter().map(|d| d.to_string()).collect(),
                Vec::new(),
                Vec::new(),
            ],
            ["Destinations", "headers.Cc", "headers.Bcc"],
        ),
    };
    let return_path = header("Return-Path");
    // Sending authorization (docs/account.md): an identity ARN stands in for the address's
    // own verification, as SourceArn, FromArn and ReturnPathArn do for a request. SES reads
    // the first of each header (documented).
    let source_arn = header("X-SES-SOURCE-ARN").filter(|a| !a.is_empty());
    let from_arn = header("X-SES-FROM-ARN").filter(|a| !a.is_empty());
    let return_path_arn = header("X-SES-RETURN-PATH-ARN").filter(|a| !a.is_empty());
    let sender_arn = match options.source {
        Some(_) => source_arn.as_deref(),
        None => from_arn.as_deref(),
    };
    let (configuration_set_field, configuration_set) = match options.configuration_set {
        Some(name) => ("ConfigurationSetName", Some(name.to_string())),
        None => (
            "headers.X-SES-CONFIGURATION-SET",
            header("X-SES-CONFIGURATION-SET"),
        ),
    };
    let facts = SendFacts {
        sender: Identity {
            field: sender_field,
            address: sender.as_deref(),
            arn: sender_arn,
        },
        header_senders: &from_header,
        header_senders_arn: from_arn.as_deref(),
        return_path: Identity {
            field: "headers.Return-Path",
            address: return_path.as_deref().filter(|p| !p.is_empty()),
            arn: return_path_arn.as_deref(),
        },
        recipients: [
            (recipient_fields[0], &recipients[0]),
            (recipient_fields[1], &recipients[1]),
            (recipient_fields[2], &recipients[2]),
        ],
        configuration_set: configuration_set
            .as_deref()
            .map(|name| (name, configuration_set_field)),
        template: None,
    };
    checks::check(&options.context, &facts, sink)
}

/// The message against the interface's size limit (`raw-message-size`).
fn size(b: &[u8], api: Api, sink: &mut Sink) -> Flow {
    let limit = match api {
        Api::V1 => V1_MAX_MESSAGE_SIZE,
        Api::V2 | Api::Smtp => V2_MAX_MESSAGE_SIZE,
    };
    if b.len() <= limit {
        return Ok(());
    }
    let text = match api {
        Api::Smtp => msg::SMTP_MESSAGE_TOO_LONG.to_string(),
        Api::V1 | Api::V2 => msg::message_too_long(limit as u64, b.len() as u64),
    };
    sink.error(|| {
        finding(
            "message".to_string(),
            RawProblem::MessageTooLong,
            format!(
                "the message is {} bytes; SES takes at most {limit}",
                b.len()
            ),
            Some(SesError::new(ErrorCode::InvalidParameterValue, text)),
        )
    })
}

/// The bytes of a raw message as SES's APIs carry it (`RawMessage.Data`, v2 `Content.Raw.Data`):
/// standard base64, CR, LF, space and tab skipped, padding optional (DECISIONS
/// `query-raw-message`). `None` when it is not base64, the case SES answers with
/// `RawMessage.Data is not valid base64.` (v1) or `Content.Raw.Data is not valid base64.` (v2).
///
/// ```
/// use ses_presend::raw::decode_base64_message;
/// assert_eq!(decode_base64_message("VG86IGFAYi5jb20=").unwrap(), b"To: a@b.com");
/// assert_eq!(decode_base64_message("VG86IGFA\r\nYi5jb20").unwrap(), b"To: a@b.com");
/// assert_eq!(decode_base64_message("!!"), None);
/// ```
pub fn decode_base64_message(text: &str) -> Option<Vec<u8>> {
    let blank = |b: u8| matches!(b, b'\r' | b'\n' | b' ' | b'\t');
    // Without white space (what SDKs send), the text is decoded where it is: a 40 MiB
    // message's 53 MiB of base64 is not copied first.
    let mut compact: Cow<'_, [u8]> = if text.bytes().any(blank) {
        Cow::Owned(text.bytes().filter(|&b| !blank(b)).collect())
    } else {
        Cow::Borrowed(text.as_bytes())
    };
    if compact.last() != Some(&b'=') {
        let missing = (4 - compact.len() % 4) % 4;
        if missing > 0 {
            compact.to_mut().extend(std::iter::repeat_n(b'=', missing));
        }
    }
    crate::intl::encoded_word::decode_b_bytes(&compact).ok()
}

/// An address finding for check mode, where only its error counts.
fn address_error(field: &str, err: SesError) -> Finding {
    Finding::new(
        field.to_string(),
        Reason::AddressSyntax,
        format!("SES rejects the address: {}", err.message),
    )
    .with_error(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(raw: &str) -> Option<String> {
        check_raw(raw.as_bytes(), &RawOptions::new(Api::V1))
            .err()
            .map(|e| e.message.into_owned())
    }

    #[test]
    fn report_and_check_agree_on_simple_cases() {
        let cases = [
            "From: a@b.com\r\nTo: c@d.com\r\n\r\nbody",
            "To: c@d.com\r\n\r\nbody",
            "From: a@b.com\r\nTo: \r\n\r\nbody",
            "From: a@b.com\r\nTo: c@d.com\r\nContent-Type: text\r\n\r\nbody",
            "From: a@b.com\nTo: c@d.com, e@\n\nbody",
        ];
        for raw in cases {
            let report = report_raw(raw.as_bytes(), &RawOptions::new(Api::V1));
            assert_eq!(
                report.first_error().map(|e| e.message.to_string()),
                first(raw),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn base64_message() {
        let decode = decode_base64_message;
        assert_eq!(decode("aGk=").unwrap(), b"hi");
        assert_eq!(decode("aGk").unwrap(), b"hi");
        assert_eq!(decode("aG\r\nk=").unwrap(), b"hi");
        assert_eq!(decode("//79/A==").unwrap(), b"\xff\xfe\xfd\xfc");
        assert_eq!(decode("").unwrap(), b"");
        for bad in ["a", "aGk==", "aG=k", "a*k=", "aGk==="] {
            assert_eq!(decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn no_fix_from_bytes_that_are_not_utf8() {
        let options = RawOptions::new(Api::V1);
        let name_advice = |raw: &[u8]| {
            report_raw(raw, &options)
                .advisories
                .into_iter()
                .find(|f| f.reason == Reason::NameRawNonAscii)
                .expect("the raw name is advised against")
        };
        // Latin-1 é: the name's characters are unknown, so no encoded-word is offered.
        let latin1 =
            name_advice(b"From: Jos\xe9 <jose@example.com>\r\nTo: a@example.com\r\n\r\nHi\r\n");
        assert_eq!(latin1.field, "headers.From[0].display_name");
        assert_eq!(latin1.fix, None);
        assert!(latin1
            .message
            .ends_with("not UTF-8, so which characters they stand for is unknown)"));
        // The same name in UTF-8 gets its fix.
        let utf8 = name_advice(
            "From: José <jose@example.com>\r\nTo: a@example.com\r\n\r\nHi\r\n".as_bytes(),
        );
        assert_eq!(utf8.fix.as_deref(), Some("=?UTF-8?B?Sm9zw6k=?="));
    }
}
