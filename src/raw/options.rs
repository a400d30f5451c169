//! What comes with a raw message besides its bytes ([`RawOptions`]), and the envelope's checks:
//! the Source and each Destination, as request parameters (docs/raw.md).

use super::sink::{Flow, Sink};
use super::{address_error, recipients};
use crate::account::Context;
use crate::address::address_report;
use crate::error::Api;
use crate::render::SmtpCommand;

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
    /// accept is counted against the rate and the 24-hour quota
    /// ([`check_raw`](super::check_raw) takes its recipients, [`report_raw`](super::report_raw)
    /// only looks). Without them, nothing is known and nothing is guessed.
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

    /// The SMTP command whose reply answers a finding of [`report_raw`](super::report_raw) at
    /// `field`: an error in the Source is `MAIL FROM`'s, one in a Destination that `RCPT TO`'s,
    /// anything else `DATA`'s. Hand it to [`render::smtp_reply_to`](crate::render::smtp_reply_to).
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

/// One Source or Destination entry, as a request parameter on `api`.
fn envelope_entry(text: &str, api: Api, field: &str, sink: &mut Sink) -> Flow {
    if !sink.advising() {
        return match crate::address::check_address(text, api) {
            Ok(()) => Ok(()),
            Err(err) => sink.error(|| address_error(field, err)),
        };
    }
    // An empty entry gets SES's own text, not the parser's (the one rule of check_address).
    if text.is_empty() {
        if let Err(err) = crate::address::check_address(text, api) {
            return sink.error(|| address_error(field, err));
        }
    }
    sink.absorb(field, address_report(text))
}

/// The Source and the Destinations.
pub(super) fn envelope(options: &RawOptions<'_>, sink: &mut Sink, keys: &mut Vec<String>) -> Flow {
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
