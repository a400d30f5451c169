//! The error codes SES sends and the one table of what each means on the wire: HTTP status,
//! fault, v2 name, SMTP reply, retry and the actions that raise it.

use super::{Action, Api, Fault, RaisedBy, Retry, SmtpReply};
use std::fmt;

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

/// The error codes SES sends (`docs/codes.md`): the 18 documented ones, the six more
/// that SES is seen to send, and the two of `TestRenderTemplate`.
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
    /// `TestRenderTemplate`: the data misses a value the template needs.
    MissingRenderingAttribute,
    /// `TestRenderTemplate`: the template data is not usable (not JSON).
    InvalidRenderingParameter,
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

/// The table of `docs/codes.md`, in [`ErrorCode::ALL`] order.
const INFO: [CodeInfo; 26] = [
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
    // TestRenderTemplate's own codes (no send raises them); v2's TestRenderEmailTemplate
    // answers BadRequestException (docs/rendering.md).
    code(
        "MissingRenderingAttribute",
        400,
        Some(("BadRequestException", 400)),
        TransactionFailed,
        Never,
        Only(&[]),
    ),
    code(
        "InvalidRenderingParameter",
        400,
        Some(("BadRequestException", 400)),
        TransactionFailed,
        Never,
        Only(&[]),
    ),
];

impl ErrorCode {
    /// Every code, in the order of `docs/codes.md`.
    pub const ALL: [ErrorCode; 26] = [
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
        ErrorCode::MissingRenderingAttribute,
        ErrorCode::InvalidRenderingParameter,
    ];

    /// Everything known about the code, from the one table.
    ///
    /// ```
    /// use ses_presend::ErrorCode;
    /// use ses_presend::error::Fault;
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
    /// use ses_presend::ErrorCode;
    /// use ses_presend::error::Fault;
    /// assert_eq!(ErrorCode::InternalFailure.fault(), Fault::Receiver);
    /// ```
    pub fn fault(self) -> Fault {
        self.info().fault
    }

    /// Whether and how to retry.
    ///
    /// ```
    /// use ses_presend::ErrorCode;
    /// use ses_presend::error::Retry;
    /// assert_eq!(ErrorCode::Throttling.retry(), Retry::WithBackOff);
    /// ```
    pub fn retry(self) -> Retry {
        self.info().retry
    }

    /// Which actions raise the code.
    ///
    /// ```
    /// use ses_presend::ErrorCode;
    /// use ses_presend::error::RaisedBy;
    /// assert_eq!(ErrorCode::InvalidAction.raised_by(), RaisedBy::AllActions);
    /// ```
    pub fn raised_by(self) -> RaisedBy {
        self.info().raised_by
    }

    /// The SMTP reply prefix.
    ///
    /// ```
    /// use ses_presend::ErrorCode;
    /// use ses_presend::error::SmtpReply;
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

#[cfg(feature = "serde")]
impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
