//! SES's error model: every error code of the v1 Query API, what it means on the wire, and
//! [`SesError`], an error code with the exact message SES sends.
//!
//! Everything about a code (HTTP status, fault, v2 name, SMTP reply, retry) is derived from the
//! one table [`ErrorCode::info`] reads; a message never changes with the API it is sent on.

mod codes;
pub(crate) mod footing;
mod retry;

pub use codes::{CodeInfo, ErrorCode};
pub use retry::RetryPolicy;

use crate::texts::Certainty;
use footing::Footing;
use std::borrow::Cow;

/// Which SES interface a request goes through. The message text is the same on all three;
/// the code's name, the HTTP status and the envelope differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Api {
    /// The v1 Query API (`Action=SendEmail`, version 2010-12-01), XML errors.
    #[default]
    V1,
    /// The v2 REST API (`POST /v2/email/outbound-emails`), JSON errors.
    V2,
    /// The SMTP interface: a reply line.
    Smtp,
}

impl Api {
    /// The API's name as the command line and `ses-presend serve` spell it: `v1`, `v2` or
    /// `smtp` (the names [`FromStr`](std::str::FromStr) and, with `serde`, deserialization
    /// take).
    ///
    /// ```
    /// assert_eq!(ses_presend::Api::Smtp.as_str(), "smtp");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Api::V1 => "v1",
            Api::V2 => "v2",
            Api::Smtp => "smtp",
        }
    }
}

/// The API's name: `v1`, `v2` or `smtp`.
///
/// ```
/// assert_eq!(ses_presend::Api::V2.to_string(), "v2");
/// ```
impl std::fmt::Display for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An API from its name, `v1`, `v2` or `smtp`; any other name is an error that lists them.
///
/// ```
/// use ses_presend::Api;
/// assert_eq!("smtp".parse::<Api>(), Ok(Api::Smtp));
/// assert_eq!(
///     "v3".parse::<Api>().unwrap_err(),
///     "unknown API `v3`: expected one of v1, v2, smtp"
/// );
/// # #[cfg(feature = "serde")] {
/// // Deserialization takes the same names.
/// assert_eq!(serde_json::from_str::<Api>(r#""v2""#).unwrap(), Api::V2);
/// assert!(serde_json::from_str::<Api>(r#""V2""#).is_err());
/// # }
/// ```
impl std::str::FromStr for Api {
    type Err = String;

    fn from_str(name: &str) -> Result<Api, String> {
        [Api::V1, Api::V2, Api::Smtp]
            .into_iter()
            .find(|api| api.as_str() == name)
            .ok_or_else(|| format!("unknown API `{name}`: expected one of v1, v2, smtp"))
    }
}

/// Who is at fault for an error, as the v1 envelope's `<Type>` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Fault {
    /// The request is wrong: fix it before trying again (4xx).
    Sender,
    /// SES failed (5xx): the same request may succeed later.
    Receiver,
}

impl Fault {
    /// The word the v1 envelope uses.
    ///
    /// ```
    /// assert_eq!(ses_presend::error::Fault::Receiver.as_str(), "Receiver");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Fault::Sender => "Sender",
            Fault::Receiver => "Receiver",
        }
    }
}

/// Whether and how to retry a request that got an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Retry {
    /// Do not retry: the same request fails the same way.
    Never,
    /// Retry on the documented schedule (5 s, 10 s, 30 s, then again after 20 minutes).
    Schedule,
    /// Retry on the schedule, and slow down: the account's sending rate was exceeded.
    WithBackOff,
}

/// The prefix of the SMTP reply an error is sent with (`docs/codes.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum SmtpReply {
    /// `554 Transaction failed: <text>` (the InvalidParameterValue class; seen).
    TransactionFailed,
    /// `554 Message rejected: <text>` (seen).
    MessageRejected,
    /// `454 Throttling failure: <text>` (seen).
    ThrottlingFailure,
    /// `451 Temporary service failure: <text>` (decided, `smtp-reply-classes`: SES's 5xx errors).
    TemporaryFailure,
}

impl SmtpReply {
    /// The reply code and text before the message.
    ///
    /// ```
    /// assert_eq!(ses_presend::error::SmtpReply::MessageRejected.prefix(), "554 Message rejected: ");
    /// ```
    pub fn prefix(self) -> &'static str {
        match self {
            SmtpReply::TransactionFailed => "554 Transaction failed: ",
            SmtpReply::MessageRejected => "554 Message rejected: ",
            SmtpReply::ThrottlingFailure => "454 Throttling failure: ",
            SmtpReply::TemporaryFailure => "451 Temporary service failure: ",
        }
    }
}

/// An SES action (operation) that can raise an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Action {
    /// v1 `SendEmail` and v2 `SendEmail` with Simple content.
    SendEmail,
    /// v1 `SendRawEmail`, v2 `SendEmail` with Raw content, and SMTP.
    SendRawEmail,
    /// v1 `SendTemplatedEmail` and v2 `SendEmail` with Template content.
    SendTemplatedEmail,
    /// v1 `SendBulkTemplatedEmail` and v2 `SendBulkEmail`.
    SendBulkTemplatedEmail,
}

/// Which actions raise an error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RaisedBy {
    /// Every action of the API.
    AllActions,
    /// Only these actions.
    Only(&'static [Action]),
}

impl RaisedBy {
    /// Whether `action` can raise the code.
    ///
    /// ```
    /// use ses_presend::ErrorCode;
    /// use ses_presend::error::Action;
    /// assert!(ErrorCode::MessageRejected.raised_by().includes(Action::SendRawEmail));
    /// assert!(!ErrorCode::TemplateDoesNotExist.raised_by().includes(Action::SendEmail));
    /// ```
    pub fn includes(self, action: Action) -> bool {
        match self {
            RaisedBy::AllActions => true,
            RaisedBy::Only(actions) => actions.contains(&action),
        }
    }
}

/// An error exactly as SES would return it: a code and the message text, word for word.
///
/// `Display` writes the message alone, as SES's `<Message>` holds it.
///
/// ```
/// let err = ses_presend::parse_address("bob").unwrap_err();
/// assert_eq!(err.code, ses_presend::ErrorCode::InvalidParameterValue);
/// assert_eq!(err.to_string(), "Missing final '@domain'");
/// ```
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct SesError {
    /// The v1 error code; the names on other APIs derive from it.
    pub code: ErrorCode,
    /// The message text, verbatim.
    pub message: Cow<'static, str>,
    /// How sure we are of this answer, when the place that raised it knows better than the
    /// catalogue of texts (the same words can be seen in one situation and decided in another).
    footing: Option<Footing>,
}

/// Two errors are the same when SES's answer is the same: code and text. How sure we are of
/// the answer is not part of it.
impl PartialEq for SesError {
    fn eq(&self, other: &SesError) -> bool {
        self.code == other.code && self.message == other.message
    }
}

impl Eq for SesError {}

impl std::hash::Hash for SesError {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.code.hash(state);
        self.message.hash(state);
    }
}

impl SesError {
    /// An error with `code` and `message`. Its [`certainty`](SesError::certainty) is the one
    /// the crate's catalogue of SES texts gives the message.
    ///
    /// ```
    /// use ses_presend::{ErrorCode, SesError};
    /// use ses_presend::report::Certainty;
    /// let err = SesError::new(ErrorCode::Throttling, "Maximum sending rate exceeded.");
    /// assert_eq!(err.message, "Maximum sending rate exceeded.");
    /// assert_eq!(err.certainty(), Certainty::Seen);
    /// ```
    pub fn new(code: ErrorCode, message: impl Into<Cow<'static, str>>) -> SesError {
        SesError {
            code,
            message: message.into(),
            footing: None,
        }
    }

    /// Whether the same request may succeed if sent again later (5xx and Throttling).
    ///
    /// ```
    /// use ses_presend::{ErrorCode, SesError};
    /// assert!(SesError::new(ErrorCode::ServiceUnavailable, "").is_retryable());
    /// assert!(!ses_presend::parse_address("bob").unwrap_err().is_retryable());
    /// ```
    pub fn is_retryable(&self) -> bool {
        self.code.retry() != Retry::Never
    }

    /// How sure we are that SES answers so: [`Certainty::Seen`] when the words were quoted
    /// from a real SES answer or AWS's documentation, [`Certainty::Documented`] when the rule
    /// is documented but the words were not seen, [`Certainty::Decided`] when it is the
    /// project's choice (then [`decision`](SesError::decision) names its row of
    /// [`crate::report::DECISIONS`]).
    ///
    /// ```
    /// use ses_presend::report::Certainty;
    /// let err = ses_presend::parse_address("bob").unwrap_err();
    /// assert_eq!(err.certainty(), Certainty::Seen);
    /// ```
    pub fn certainty(&self) -> Certainty {
        self.footing().certainty
    }

    /// The id of the [`crate::report::DECISIONS`] row behind a decided answer.
    ///
    /// ```
    /// use ses_presend::{ErrorCode, SesError};
    /// let err = SesError::new(ErrorCode::MailFromDomainNotVerified,
    ///                         "Mail FROM domain is not verified.");
    /// assert_eq!(err.decision(), Some("mail-from-not-verified"));
    /// ```
    pub fn decision(&self) -> Option<&'static str> {
        self.footing().decision
    }

    pub(crate) fn footing(&self) -> Footing {
        self.footing
            .unwrap_or_else(|| crate::error::footing::of_text(self.code, &self.message))
    }

    /// The same error, decided by the `DECISIONS` row `id` whatever its words.
    pub(crate) fn decided(mut self, id: &'static str) -> SesError {
        self.footing = Some(Footing::decided(id));
        self
    }

    pub(crate) const fn invalid(message: &'static str) -> SesError {
        SesError {
            code: ErrorCode::InvalidParameterValue,
            message: Cow::Borrowed(message),
            footing: None,
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for SesError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let footing = self.footing();
        let mut st = s.serialize_struct("SesError", 4)?;
        st.serialize_field("code", &self.code)?;
        st.serialize_field("message", &self.message)?;
        st.serialize_field("certainty", &footing.certainty)?;
        match footing.decision {
            Some(id) => st.serialize_field("decision", id)?,
            None => st.skip_field("decision")?,
        }
        st.end()
    }
}
