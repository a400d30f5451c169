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
mod lines;
mod mime;
pub(crate) use mime::charset_is_supported;
mod recipients;
mod sink;

pub use crate::report::RawProblem;
mod walk;

use crate::account::checks::{self, Identity, SendFacts};
use crate::account::Context;
use crate::address::{self, address_report, Domains};
use crate::error::{Api, ErrorCode, SesError};
use crate::render::SmtpCommand;
use crate::report::{Finding, Mode, Reason, Report};
use crate::texts::raw as msg;
use header::{LineProblem, Section};
use memchr::memchr_iter;
use sink::{finding, Flow, Sink};
use std::borrow::Cow;

pub use crate::limits::{
    MAX_HEADER_SECTION, MAX_MIME_DEPTH, V1_MAX_MESSAGE_SIZE, V2_MAX_MESSAGE_SIZE,
};

/// What comes with a raw message besides its bytes: the interface it is sent through and the
/// envelope.
///
/// ```
/// use ses_presend::{Api, RawOptions};
/// let options = RawOptions::new(Api::V2)
///     .source("sender@example.com")
///     .destination("a@example.com")
///     .destination("b@example.com");
/// assert_eq!(options.api, Api::V2);
/// assert_eq!(options.destinations, ["a@example.com", "b@example.com"]);
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct RawOptions<'a> {
    /// The interface: v1 `SendRawEmail`, v2 `SendEmail` with Raw content, or SMTP.
    pub api: Api,
    /// `Source` (v1), `FromEmailAddress` (v2) or `MAIL FROM` (SMTP); when given, the message
    /// needs no `From` header.
    pub source: Option<&'a str>,
    /// `Destinations` (v1), the Destination's addresses (v2) or `RCPT TO` (SMTP); when any is
    /// given, the message needs no `To` header.
    pub destinations: Vec<&'a str>,
    /// What the caller knows besides the message ([`Context`]): with an account, the
    /// configuration set (`X-SES-CONFIGURATION-SET`), the verified identities (the sender,
    /// `Return-Path` and, in the sandbox, the recipients) and the sending state are checked
    /// after the message, as for a request (docs/account.md); with a quota, a message SES would
    /// accept is counted against the rate and the 24-hour quota ([`check_raw`] takes its
    /// recipients, [`report_raw`] only looks). Without them, nothing is known and nothing is
    /// guessed.
    pub context: Context<'a>,
    /// The request's `ConfigurationSetName`, checked with the account; without it, the
    /// message's `X-SES-CONFIGURATION-SET` header is (decided `raw-configuration-set`: the
    /// parameter wins over the header).
    pub configuration_set: Option<&'a str>,
}

impl<'a> RawOptions<'a> {
    /// Options for `api`, with no Source and no Destinations.
    ///
    /// ```
    /// let options = ses_presend::RawOptions::new(ses_presend::Api::Smtp);
    /// assert!(options.source.is_none() && options.destinations.is_empty());
    /// ```
    pub fn new(api: Api) -> RawOptions<'a> {
        RawOptions {
            api,
            ..RawOptions::default()
        }
    }

    /// Checks with what `context` knows: the account's identities, configuration sets and
    /// sending state, and its quota.
    ///
    /// ```
    /// use ses_presend::{check_raw, Account, Api, Context, RawOptions};
    /// let account = Account::new().with_verified_identities(["example.com"]);
    /// let msg = b"From: a@example.org\r\nTo: b@example.com\r\n\r\nHi";
    /// let options = RawOptions::new(Api::V1).context(Context::new().with_account(&account));
    /// let err = check_raw(msg, &options).unwrap_err();
    /// assert_eq!(err.message, "Email address is not verified. The following identities \
    ///     failed the check in region US-EAST-1: a@example.org");
    ///
    /// use ses_presend::account::{DailyLimit, ManualClock, SendLimits, SendQuota};
    /// let limits = SendLimits { max_send_rate: 1.0, max_24_hour_send: DailyLimit::Recipients(200),
    ///                           sent_last_24_hours: 0 };
    /// let quota = SendQuota::with_clock(limits, ManualClock::new());
    /// let msg = b"From: a@example.com\r\nTo: b@example.com, c@example.com\r\n\r\nHi";
    /// let options = RawOptions::new(Api::V1).context(Context::new().with_quota(&quota));
    /// assert!(check_raw(msg, &options).is_ok());
    /// // The clock has not moved: at one recipient per second, two more are too many.
    /// assert_eq!(check_raw(msg, &options).unwrap_err().message, "Maximum sending rate exceeded.");
    /// ```
    #[must_use]
    pub fn context(mut self, context: Context<'a>) -> RawOptions<'a> {
        self.context = context;
        self
    }

    /// The SMTP command whose reply answers a finding of [`report_raw`] at `field`: an error
    /// in the Source is `MAIL FROM`'s, one in a Destination that `RCPT TO`'s, anything else
    /// `DATA`'s. Hand it to [`render::smtp_reply_to`](crate::render::smtp_reply_to).
    ///
    /// ```
    /// use ses_presend::render::{smtp_reply_to, SmtpCommand};
    /// use ses_presend::{report_raw, Api, RawOptions};
    ///
    /// let options = RawOptions::new(Api::Smtp).source("ops@example.com").destination("bob@");
    /// let report = report_raw(b"Subject: hi\r\n\r\nHello", &options);
    /// let first = &report.errors[0];
    /// assert_eq!(options.smtp_command(&first.field), SmtpCommand::RcptTo("bob@"));
    /// let reply = smtp_reply_to(first.error.as_ref().unwrap(), options.smtp_command(&first.field));
    /// assert_eq!(reply, "553 bob@ address unknown");
    /// ```
    pub fn smtp_command(&self, field: &str) -> SmtpCommand<'a> {
        let command = match envelope_field(field) {
            Some(EnvelopeField::Source(_)) => self.source.map(SmtpCommand::MailFrom),
            Some(EnvelopeField::Destination(i, _)) => {
                self.destinations.get(i).map(|d| SmtpCommand::RcptTo(d))
            }
            None => None,
        };
        command.unwrap_or(SmtpCommand::Data)
    }

    /// Sets the request's configuration set (`ConfigurationSetName`).
    ///
    /// ```
    /// use ses_presend::{check_raw, Account, Api, Context, RawOptions};
    /// let account = Account::new().with_configuration_sets(["marketing"]);
    /// let msg = b"From: a@example.com\r\nTo: b@example.com\r\n\r\nHi";
    /// let options = RawOptions::new(Api::V1)
    ///     .context(Context::new().with_account(&account))
    ///     .configuration_set("sales");
    /// assert_eq!(check_raw(msg, &options).unwrap_err().message,
    ///            "Configuration set <sales> does not exist.");
    /// ```
    #[must_use]
    pub fn configuration_set(mut self, name: &'a str) -> RawOptions<'a> {
        self.configuration_set = Some(name);
        self
    }

    /// Sets the Source.
    ///
    /// ```
    /// let options = ses_presend::RawOptions::default().source("a@example.com");
    /// assert_eq!(options.source, Some("a@example.com"));
    /// ```
    #[must_use]
    pub fn source(mut self, source: &'a str) -> RawOptions<'a> {
        self.source = Some(source);
        self
    }

    /// Adds a Destination.
    ///
    /// ```
    /// let options = ses_presend::RawOptions::default().destination("a@example.com");
    /// assert_eq!(options.destinations, ["a@example.com"]);
    /// ```
    #[must_use]
    pub fn destination(mut self, destination: &'a str) -> RawOptions<'a> {
        self.destinations.push(destination);
        self
    }

    /// Adds Destinations.
    ///
    /// ```
    /// let options = ses_presend::RawOptions::default().destinations(["a@x.com", "b@x.com"]);
    /// assert_eq!(options.destinations.len(), 2);
    /// ```
    #[must_use]
    pub fn destinations(mut self, destinations: impl IntoIterator<Item = &'a str>) -> Self {
        self.destinations.extend(destinations);
        self
    }
}

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
/// accepts but should not be sent: address advisories (§4), 8-bit header bytes, lines over
/// 1000 octets, multiparts without their close delimiter.
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
            arn: None,
        },
        header_senders: &from_header,
        return_path: Identity {
            field: "headers.Return-Path",
            address: return_path.as_deref().filter(|p| !p.is_empty()),
            arn: None,
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

/// What a report's finding about the envelope points at, with the rest of its field path
/// (`.domain`, or empty).
pub(crate) enum EnvelopeField<'f> {
    /// `Source…`.
    Source(&'f str),
    /// `Destinations[i]…`.
    Destination(usize, &'f str),
}

/// Reads the field paths the raw check gives the envelope (`Source`, `Destinations[i]`, each
/// maybe followed by `.part`); `None` for the message's own fields.
pub(crate) fn envelope_field(field: &str) -> Option<EnvelopeField<'_>> {
    if let Some(rest) = field.strip_prefix("Source") {
        return (rest.is_empty() || rest.starts_with('.')).then_some(EnvelopeField::Source(rest));
    }
    let rest = field.strip_prefix("Destinations[")?;
    let close = rest.find(']')?;
    let index = rest[..close].parse().ok()?;
    Some(EnvelopeField::Destination(index, &rest[close + 1..]))
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

/// SES's InvalidParameterValue with a text made for this message.
fn invalid(text: String) -> SesError {
    SesError::new(ErrorCode::InvalidParameterValue, text)
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

/// One Source or Destination entry, as a request parameter on `api`.
fn envelope_entry(text: &str, api: Api, field: &str, sink: &mut Sink) -> Flow {
    if !sink.advising() {
        return match crate::check_address(text, api) {
            Ok(()) => Ok(()),
            Err(err) => sink.error(|| address_error(field, err)),
        };
    }
    // An empty entry gets SES's own text, not the parser's (the one rule of check_address).
    if text.is_empty() {
        if let Err(err) = crate::check_address(text, api) {
            return sink.error(|| address_error(field, err));
        }
    }
    sink.absorb(field, address_report(text))
}

/// The Source and the Destinations.
fn envelope(options: &RawOptions<'_>, sink: &mut Sink, keys: &mut Vec<String>) -> Flow {
    if let Some(source) = options.source {
        envelope_entry(source, options.api, "Source", sink)?;
    }
    for (i, destination) in options.destinations.iter().enumerate() {
        envelope_entry(
            destination,
            options.api,
            &format!("Destinations[{i}]"),
            sink,
        )?;
        recipients::keys_of(destination, keys);
    }
    Ok(())
}

/// The name of a field as written (8-bit bytes shown as U+FFFD).
fn name_of<'a>(b: &'a [u8], field: &header::Field) -> Cow<'a, str> {
    String::from_utf8_lossy(&b[field.name.clone()])
}

/// The header section's length and its lines, and the 8-bit advisories.
fn header_section(b: &[u8], section: &Section, sink: &mut Sink) -> Flow {
    if section.end > MAX_HEADER_SECTION {
        let len = section.end;
        sink.error(|| {
            finding(
                "headers".to_string(),
                RawProblem::HeaderSectionTooLong,
                format!(
                    "the header section is {len} bytes; SES takes at most {MAX_HEADER_SECTION}"
                ),
                Some(
                    SesError::invalid(msg::HEADER_SECTION_TOO_LONG)
                        .decided("raw-header-section-limit"),
                ),
            )
        })?;
    }
    // Line numbers, counted once across the problems (they come in order).
    let (mut line, mut counted) = (1usize, 0usize);
    for (at, problem) in &section.problems {
        line += memchr_iter(b'\n', &b[counted..*at]).count();
        counted = *at;
        let field = format!("headers.line[{line}]");
        let (kind, text, why) = match problem {
            LineProblem::EmptyName => (
                RawProblem::EmptyHeaderName,
                msg::EMPTY_HEADER_NAME.to_string(),
                "this header line has nothing before its colon (or is a continuation with no \
                 field above it)"
                    .to_string(),
            ),
            LineProblem::BareCr => (
                RawProblem::EmptyHeaderName,
                msg::EMPTY_HEADER_NAME.to_string(),
                "this header line has a CR that is not followed by LF; SES reads it as a line \
                 break followed by a line with no name"
                    .to_string(),
            ),
            LineProblem::Illegal(range) => {
                let text = String::from_utf8_lossy(&b[range.clone()]).into_owned();
                let why = format!(
                    "'{text}' is not a header field name: is the blank line between the \
                     headers and the body missing?"
                );
                (RawProblem::IllegalHeader, msg::illegal_header(&text), why)
            }
        };
        sink.error(|| finding(field, kind, why, Some(invalid(text))))?;
    }
    if sink.advising() {
        for field in &section.fields {
            if !b[field.value.clone()].is_ascii() {
                let name = name_of(b, field);
                sink.advise(|| {
                    finding(
                        format!("headers.{name}"),
                        RawProblem::EightBitHeader,
                        "the header has 8-bit bytes, which SES passes on as they are: encode \
                         them as RFC 2047 encoded-words"
                            .to_string(),
                        None,
                    )
                });
            }
        }
    }
    Ok(())
}

/// Singleton headers given more than once, one error per repeat (`raw-duplicate-header`).
fn duplicates(b: &[u8], section: &Section, sink: &mut Sink) -> Flow {
    let mut seen = [false; header::SINGLETON_SLOTS];
    for field in &section.fields {
        let Some(slot) = header::singleton(&b[field.name.clone()]) else {
            continue;
        };
        if !std::mem::replace(&mut seen[slot], true) {
            continue;
        }
        // SES names the header as AWS spells it, whatever the message's spelling: `from:`
        // then `From:` gets `Duplicate header 'From'.`, `MIME-Version` then `mime-version`
        // gets `'MIME-Version'` (both seen; `raw-duplicate-header`).
        let name = name_of(b, field);
        let canonical = header::singleton_name(slot);
        sink.error(|| {
            finding(
                format!("headers.{name}"),
                RawProblem::DuplicateHeader,
                format!("the header '{canonical}' may appear only once (here: '{name}')"),
                Some(invalid(msg::duplicate_header(canonical))),
            )
        })?;
    }
    Ok(())
}

/// A field's value unfolded (line breaks removed, the white space after them kept), as text.
fn unfolded<'a>(b: &'a [u8], field: &header::Field) -> Cow<'a, str> {
    let raw = &b[field.value.clone()];
    if !raw.contains(&b'\n') && !raw.contains(&b'\r') {
        return String::from_utf8_lossy(raw);
    }
    let bytes: Vec<u8> = raw
        .iter()
        .copied()
        .filter(|&c| c != b'\r' && c != b'\n')
        .collect();
    Cow::Owned(String::from_utf8_lossy(&bytes).into_owned())
}

/// Whether an address list holds no entry.
fn holds_no_address(text: &str) -> bool {
    recipients::entries(text, |_| Err(())).is_ok()
}

fn is_named(b: &[u8], field: &header::Field, name: &str) -> bool {
    b[field.name.clone()].eq_ignore_ascii_case(name.as_bytes())
}

/// `From` and `To`, unless the envelope stands in for them (`raw-required-headers`).
fn required(b: &[u8], section: &Section, options: &RawOptions<'_>, sink: &mut Sink) -> Flow {
    let checks = [
        ("From", options.source.is_none()),
        ("To", options.destinations.is_empty()),
    ];
    for (name, needed) in checks {
        if !needed {
            continue;
        }
        let mut fields = section.fields.iter().filter(|f| is_named(b, f, name));
        let Some(first) = fields.next() else {
            sink.error(|| {
                finding(
                    format!("headers.{name}"),
                    RawProblem::MissingHeader,
                    format!(
                        "the message has no '{name}' header and the request does not give {}",
                        if name == "From" {
                            "a Source"
                        } else {
                            "Destinations"
                        }
                    ),
                    Some(invalid(msg::missing_header(name))),
                )
            })?;
            continue;
        };
        let empty = std::iter::once(first)
            .chain(fields)
            .all(|f| holds_no_address(&unfolded(b, f)));
        if empty {
            sink.error(|| {
                finding(
                    format!("headers.{name}"),
                    RawProblem::EmptyHeader,
                    format!("the '{name}' header holds no address"),
                    Some(invalid(msg::empty_header(name))),
                )
            })?;
        }
    }
    Ok(())
}

/// The headers whose addresses SES checks, and whether they name recipients.
const ADDRESS_HEADERS: [(&str, bool); 7] = [
    ("From", false),
    ("Sender", false),
    ("Reply-To", false),
    ("Return-Path", false),
    ("To", true),
    ("Cc", true),
    ("Bcc", true),
];

/// A header that is not UTF-8 is read with U+FFFD in place of its bad bytes: a fix built
/// from that text would lose them (`Jos\xE9` would become `Jos\u{FFFD}`, encoded or not), so
/// none is offered.
fn without_lossy_fixes(report: &mut Report) {
    for finding in report.errors.iter_mut().chain(report.advisories.iter_mut()) {
        let lossy = |fix: &String| {
            fix.contains('\u{FFFD}')
                || crate::address::decode_friendly_name(fix).contains('\u{FFFD}')
        };
        if finding.fix.as_ref().is_some_and(lossy) {
            finding.fix = None;
            finding.message.push_str(
                " (no fix offered: the header's bytes are not UTF-8, so which characters they \
                 stand for is unknown)",
            );
        }
    }
}

/// Every address of every address header, in message order (`raw-address-headers`).
fn address_headers(b: &[u8], section: &Section, sink: &mut Sink, keys: &mut Vec<String>) -> Flow {
    for field in &section.fields {
        let Some(&(_, recipient)) = ADDRESS_HEADERS
            .iter()
            .find(|(name, _)| is_named(b, field, name))
        else {
            continue;
        };
        let text = unfolded(b, field);
        let name = name_of(b, field);
        let not_utf8 = std::str::from_utf8(&b[field.value.clone()]).is_err();
        let mut index = 0usize;
        recipients::entries(&text, |range| {
            let entry = &text[range];
            let path = format!("headers.{name}[{index}]");
            index += 1;
            if sink.advising() {
                let mut report = address_report(entry);
                if not_utf8 {
                    without_lossy_fixes(&mut report);
                }
                sink.absorb(&path, report)?;
                if recipient {
                    recipients::keys_of(entry, keys);
                }
                return Ok(());
            }
            match address::parse(entry, Domains::Ses) {
                Ok(addr) if recipient => recipients::push_keys(&addr, keys),
                Ok(_) => {}
                Err(message) => {
                    sink.error(|| address_error(&path, SesError::invalid(message)))?;
                }
            }
            Ok(())
        })?;
    }
    Ok(())
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
