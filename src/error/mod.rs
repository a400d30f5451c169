//! SES's error model: every error code of the v1 Query API, what it means on the wire, and
//! [`SesError`], an error code with the exact message SES sends.
//!
//! Everything about a code (HTTP status, fault, v2 name, SMTP reply, retry) is derived from the
//! one table [`ErrorCode::info`] reads; a message never changes with the API it is sent on.

use crate::footing::Footing;
use crate::texts::Certainty;
use std::borrow::Cow;
use std::fmt;

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
    /// assert_eq!(ses_presend::Fault::Receiver.as_str(), "Receiver");
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

/// The prefix of the SMTP reply an error is sent with (ses-behaviour.md §1).
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
    /// assert_eq!(ses_presend::SmtpReply::MessageRejected.prefix(), "554 Message rejected: ");
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
    /// use ses_presend::{Action, ErrorCode};
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

/// Everything the wire needs to know about one error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    /// The v1 code, as in `<Code>`.
    pub name: &'static str,
    /// The v1 HTTP status.
    pub http_status: u16,
    /// The v1 `<Type>`.
    pub fault: Fault,
    /// The v2 error type (`x-amzn-ErrorType`).
    pub v2_name: &'static str,
    /// The v2 HTTP status.
    pub v2_http_status: u16,
    /// The SMTP reply prefix.
    pub smtp: SmtpReply,
    /// Whether to retry.
    pub retry: Retry,
    /// Which actions raise it.
    pub raised_by: RaisedBy,
}

/// The error codes SES sends (ses-behaviour.md §1): the 18 documented ones and the six more
/// that SES is seen to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ErrorCode {
    /// The configuration set named in the request does not exist.
    ConfigurationSetDoesNotExist,
    /// The request signature is incomplete.
    IncompleteSignature,
    /// SES failed internally.
    InternalFailure,
    /// The action is unknown.
    InvalidAction,
    /// The access key is not known.
    InvalidClientTokenId,
    /// Parameters that exclude each other were given together.
    InvalidParameterCombination,
    /// A parameter value is invalid: most address and request errors.
    InvalidParameterValue,
    /// A query parameter is unknown or malformed.
    InvalidQueryParameter,
    /// The MAIL FROM domain is not verified.
    MailFromDomainNotVerified,
    /// The query string cannot be decoded.
    MalformedQueryString,
    /// The message was rejected (unverified identity, paused account, blocked attachment).
    MessageRejected,
    /// The request has no `Action`.
    MissingAction,
    /// The request carries no signature material.
    MissingAuthenticationToken,
    /// A required parameter is absent.
    MissingParameter,
    /// The account has not opted in to the service.
    OptInRequired,
    /// The request's timestamp is too far from now.
    RequestExpired,
    /// SES is unavailable.
    ServiceUnavailable,
    /// The sending rate or the daily quota was exceeded.
    Throttling,
    /// Sending is disabled for the account.
    AccountSendingPausedException,
    /// Sending is disabled for the configuration set.
    ConfigurationSetSendingPausedException,
    /// The template named in the request does not exist.
    TemplateDoesNotExist,
    /// A required member is absent (what SES sends instead of MissingParameter).
    ValidationError,
    /// A Signature V4 date outside the allowed window.
    SignatureDoesNotMatch,
    /// A request with no Action at all (an empty body).
    UnknownOperationException,
}

const SEND: &[Action] = &[
    Action::SendEmail,
    Action::SendRawEmail,
    Action::SendTemplatedEmail,
    Action::SendBulkTemplatedEmail,
];
const SEND_SIMPLE_AND_RAW: &[Action] = &[Action::SendEmail, Action::SendRawEmail];
const TEMPLATED: &[Action] = &[Action::SendTemplatedEmail, Action::SendBulkTemplatedEmail];

const fn code(
    name: &'static str,
    http_status: u16,
    v2: Option<(&'static str, u16)>,
    smtp: SmtpReply,
    retry: Retry,
    raised_by: RaisedBy,
) -> CodeInfo {
    // Decided (`v2-names-of-other-codes`): a code with no observed v2 name keeps its v1 name
    // and status.
    let (v2_name, v2_http_status) = match v2 {
        Some(v2) => v2,
        None => (name, http_status),
    };
    CodeInfo {
        name,
        http_status,
        fault: if http_status >= 500 {
            Fault::Receiver
        } else {
            Fault::Sender
        },
        v2_name,
        v2_http_status,
        smtp,
        retry,
        raised_by,
    }
}

use RaisedBy::{AllActions, Only};
use Retry::{Never, Schedule, WithBackOff};
use SmtpReply::{MessageRejected, TemporaryFailure, ThrottlingFailure, TransactionFailed};

/// The table of §1, in [`ErrorCode::ALL`] order.
const INFO: [CodeInfo; 24] = [
    code(
        "ConfigurationSetDoesNotExist",
        400,
        Some(("NotFoundException", 404)),
        TransactionFailed,
        Never,
        Only(SEND),
    ),
    code(
        "IncompleteSignature",
        400,
        None,
        TransactionFailed,
        Never,
        AllActions,
    ),
    code(
        "InternalFailure",
        500,
        None,
        TemporaryFailure,
        Schedule,
        AllActions,
    ),
    code(
        "InvalidAction",
        400,
        None,
        TransactionFailed,
        Never,
        AllActions,
    ),
    code(
        "InvalidClientTokenId",
        403,
        None,
        TransactionFailed,
        Never,
        AllActions,
    ),
    code(
        "InvalidParameterCombination",
        400,
        None,
        TransactionFailed,
        Never,
        AllActions,
    ),
    code(
        "InvalidParameterValue",
        400,
        Some(("BadRequestException", 400)),
        TransactionFailed,
        Never,
        AllActions,
    ),
    code(
        "InvalidQueryParameter",
        400,
        None,
        TransactionFailed,
        Never,
        AllActions,
    ),
    code(
        "MailFromDomainNotVerified",
        400,
        Some(("MailFromDomainNotVerifiedException", 400)),
        MessageRejected,
        Never,
        Only(SEND_SIMPLE_AND_RAW),
    ),
    code(
        "MalformedQueryString",
        404,
        None,
        TransactionFailed,
        Never,
        AllActions,
    ),
    code(
        "MessageRejected",
        400,
        Some(("MessageRejected", 400)),
        MessageRejected,
        Never,
        Only(SEND_SIMPLE_AND_RAW),
    ),
    code(
        "MissingAction",
        400,
        None,
        TransactionFailed,
        Never,
        AllActions,
    ),
    code(
        "MissingAuthenticationToken",
        403,
        Some(("MissingAuthenticationTokenException", 403)),
        TransactionFailed,
        Never,
        AllActions,
    ),
    code(
        "MissingParameter",
        400,
        None,
        TransactionFailed,
        Never,
        AllActions,
    ),
    code(
        "OptInRequired",
        403,
        None,
        TransactionFailed,
        Never,
        AllActions,
    ),
    code(
        "RequestExpired",
        400,
        None,
        TransactionFailed,
        Never,
        AllActions,
    ),
    code(
        "ServiceUnavailable",
        503,
        None,
        TemporaryFailure,
        Schedule,
        AllActions,
    ),
    code(
        "Throttling",
        400,
        Some(("TooManyRequestsException", 429)),
        ThrottlingFailure,
        WithBackOff,
        AllActions,
    ),
    code(
        "AccountSendingPausedException",
        400,
        Some(("SendingPausedException", 400)),
        MessageRejected,
        Never,
        Only(SEND),
    ),
    code(
        "ConfigurationSetSendingPausedException",
        400,
        Some(("SendingPausedException", 400)),
        MessageRejected,
        Never,
        Only(SEND),
    ),
    code(
        "TemplateDoesNotExist",
        400,
        Some(("NotFoundException", 404)),
        TransactionFailed,
        Never,
        Only(TEMPLATED),
    ),
    code(
        "ValidationError",
        400,
        None,
        TransactionFailed,
        Never,
        AllActions,
    ),
    code(
        "SignatureDoesNotMatch",
        403,
        None,
        TransactionFailed,
        Never,
        AllActions,
    ),
    code(
        "UnknownOperationException",
        404,
        None,
        TransactionFailed,
        Never,
        AllActions,
    ),
];

impl ErrorCode {
    /// Every code, in the order of ses-behaviour.md §1.
    pub const ALL: [ErrorCode; 24] = [
        ErrorCode::ConfigurationSetDoesNotExist,
        ErrorCode::IncompleteSignature,
        ErrorCode::InternalFailure,
        ErrorCode::InvalidAction,
        ErrorCode::InvalidClientTokenId,
        ErrorCode::InvalidParameterCombination,
        ErrorCode::InvalidParameterValue,
        ErrorCode::InvalidQueryParameter,
        ErrorCode::MailFromDomainNotVerified,
        ErrorCode::MalformedQueryString,
        ErrorCode::MessageRejected,
        ErrorCode::MissingAction,
        ErrorCode::MissingAuthenticationToken,
        ErrorCode::MissingParameter,
        ErrorCode::OptInRequired,
        ErrorCode::RequestExpired,
        ErrorCode::ServiceUnavailable,
        ErrorCode::Throttling,
        ErrorCode::AccountSendingPausedException,
        ErrorCode::ConfigurationSetSendingPausedException,
        ErrorCode::TemplateDoesNotExist,
        ErrorCode::ValidationError,
        ErrorCode::SignatureDoesNotMatch,
        ErrorCode::UnknownOperationException,
    ];

    /// Everything known about the code, from the one table.
    ///
    /// ```
    /// use ses_presend::{ErrorCode, Fault};
    /// let info = ErrorCode::ServiceUnavailable.info();
    /// assert_eq!((info.http_status, info.fault), (503, Fault::Receiver));
    /// ```
    pub fn info(self) -> &'static CodeInfo {
        &INFO[self as usize]
    }

    /// The v1 code as sent on the wire (`<Code>`).
    ///
    /// ```
    /// assert_eq!(ses_presend::ErrorCode::InvalidParameterValue.as_str(), "InvalidParameterValue");
    /// ```
    pub fn as_str(self) -> &'static str {
        self.info().name
    }

    /// The name of the code on `api`: the v1 code, or the v2 error type (the SMTP interface has
    /// no names; it gets the v1 code).
    ///
    /// ```
    /// use ses_presend::{Api, ErrorCode};
    /// assert_eq!(ErrorCode::InvalidParameterValue.name_on(Api::V2), "BadRequestException");
    /// ```
    pub fn name_on(self, api: Api) -> &'static str {
        match api {
            Api::V2 => self.info().v2_name,
            Api::V1 | Api::Smtp => self.info().name,
        }
    }

    /// The v1 HTTP status.
    ///
    /// ```
    /// assert_eq!(ses_presend::ErrorCode::MalformedQueryString.http_status(), 404);
    /// ```
    pub fn http_status(self) -> u16 {
        self.info().http_status
    }

    /// The HTTP status on `api` (the SMTP interface gets the v1 status).
    ///
    /// ```
    /// use ses_presend::{Api, ErrorCode};
    /// assert_eq!(ErrorCode::Throttling.http_status_on(Api::V2), 429);
    /// ```
    pub fn http_status_on(self, api: Api) -> u16 {
        match api {
            Api::V2 => self.info().v2_http_status,
            Api::V1 | Api::Smtp => self.info().http_status,
        }
    }

    /// Sender (4xx) or Receiver (5xx).
    ///
    /// ```
    /// use ses_presend::{ErrorCode, Fault};
    /// assert_eq!(ErrorCode::InternalFailure.fault(), Fault::Receiver);
    /// ```
    pub fn fault(self) -> Fault {
        self.info().fault
    }

    /// Whether and how to retry.
    ///
    /// ```
    /// use ses_presend::{ErrorCode, Retry};
    /// assert_eq!(ErrorCode::Throttling.retry(), Retry::WithBackOff);
    /// ```
    pub fn retry(self) -> Retry {
        self.info().retry
    }

    /// Which actions raise the code.
    ///
    /// ```
    /// use ses_presend::{ErrorCode, RaisedBy};
    /// assert_eq!(ErrorCode::InvalidAction.raised_by(), RaisedBy::AllActions);
    /// ```
    pub fn raised_by(self) -> RaisedBy {
        self.info().raised_by
    }

    /// The SMTP reply prefix.
    ///
    /// ```
    /// use ses_presend::{ErrorCode, SmtpReply};
    /// assert_eq!(ErrorCode::Throttling.smtp_reply(), SmtpReply::ThrottlingFailure);
    /// ```
    pub fn smtp_reply(self) -> SmtpReply {
        self.info().smtp
    }

    /// Reads a code by its v1 name, or by the API model's `MailFromDomainNotVerifiedException`
    /// (decided: `mail-from-code-name`). v2 names are ambiguous and not read.
    ///
    /// ```
    /// use ses_presend::ErrorCode;
    /// assert_eq!(ErrorCode::from_name("Throttling"), Some(ErrorCode::Throttling));
    /// assert_eq!(
    ///     ErrorCode::from_name("MailFromDomainNotVerifiedException"),
    ///     Some(ErrorCode::MailFromDomainNotVerified)
    /// );
    /// ```
    pub fn from_name(name: &str) -> Option<ErrorCode> {
        if name == "MailFromDomainNotVerifiedException" {
            return Some(ErrorCode::MailFromDomainNotVerified);
        }
        ErrorCode::ALL
            .into_iter()
            .find(|code| code.as_str() == name)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
    /// use ses_presend::{Certainty, ErrorCode, SesError};
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
    /// [`crate::DECISIONS`]).
    ///
    /// ```
    /// use ses_presend::Certainty;
    /// let err = ses_presend::parse_address("bob").unwrap_err();
    /// assert_eq!(err.certainty(), Certainty::Seen);
    /// ```
    pub fn certainty(&self) -> Certainty {
        self.footing().certainty
    }

    /// The id of the [`crate::DECISIONS`] row behind a decided answer.
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
            .unwrap_or_else(|| crate::footing::of_text(self.code, &self.message))
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
impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
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
