//! SendEmail, SendTemplatedEmail and v2 SendEmail: the request models and SES's checks on them
//! (docs/requests.md and docs/account.md).
//!
//! The models read exactly the JSON of `aws ses send-email --cli-input-json`,
//! `aws ses send-templated-email --cli-input-json` and `aws sesv2 send-email --cli-input-json`
//! (feature `serde`; an unknown field is an error that names it), or are made in code with
//! their builders. [`check_email`] answers with the one error SES returns, [`report_email`]
//! with every problem and the address advisories, each at its field path
//! (`Destination.ToAddresses[3]`, `Tags[0].Name`, `Content.Simple.Headers[1].Value`).
//!
//! The checks run in SES's order (decided where not seen: `request-check-order` in
//! [`crate::report::DECISIONS`]): request shape, tags, configuration-set name, addresses (Source or
//! From, To, Cc, Bcc, ReplyTo, ReturnPath or the feedback address, each in list order),
//! recipient count, content (v2 subject, headers and attachments; template data), size,
//! configuration-set and template existence, identity verification, account state, throttling.
//! The last four need what the caller knows about the account ([`Context`]); without it they
//! are skipped.
//!
//! ```
//! use ses_presend::{check_email, report_email};
//! use ses_presend::request::SendEmailRequest;
//!
//! let mut req = SendEmailRequest::builder()
//!     .source("ops@example.com")
//!     .subject("Hello")
//!     .text("Hi")
//!     .tag("campaign", "spring sale");
//! for i in 0..51 {
//!     req = req.to(format!("user{i}@example.org"));
//! }
//! let req = req.build();
//! // SES's one error: tags are checked before recipients.
//! assert_eq!(
//!     check_email(&req).unwrap_err().to_string(),
//!     "Invalid tag value <spring sale>: only alphanumeric ASCII characters, '_',  '-' , '.', '@' are allowed."
//! );
//! // Every problem, with where it is.
//! let report = report_email(&req);
//! let fields: Vec<&str> = report.errors.iter().map(|f| f.field.as_str()).collect();
//! assert_eq!(fields, ["Tags[0].Value", "Destination"]);
//! ```

mod builder;
pub mod bulk;
pub(crate) mod check;
mod model;
mod raw_request;

pub use crate::report::RequestProblem;
pub use builder::{SendEmailBuilder, SendTemplatedEmailBuilder, V2SendEmailBuilder};
pub use model::{
    Attachment, Body, Content, ContentDisposition, Destination, EmailContent,
    ListManagementOptions, Message, MessageHeader, MessageTag, RawMessage, SendEmailRequest,
    SendTemplatedEmailRequest, SimpleMessage, Template, TemplateContent, TransferEncoding,
    V2SendEmailRequest,
};
pub use raw_request::SendRawEmailRequest;

use crate::account::Context;
use crate::error::{Action, Api, SesError};
use crate::report::{Collector, Mode, Report};
use std::fmt;

/// Which request a value is: the API and the operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestKind {
    /// v1 `SendEmail`.
    SendEmail,
    /// v1 `SendTemplatedEmail`.
    SendTemplatedEmail,
    /// v2 `SendEmail` (Simple, Raw or Template content).
    V2SendEmail,
    /// v1 `SendRawEmail`.
    SendRawEmail,
}

impl RequestKind {
    /// The API the request goes through.
    ///
    /// ```
    /// use ses_presend::Api;
    /// use ses_presend::request::RequestKind;
    /// assert_eq!(RequestKind::V2SendEmail.api(), Api::V2);
    /// ```
    pub fn api(self) -> Api {
        match self {
            RequestKind::SendEmail
            | RequestKind::SendTemplatedEmail
            | RequestKind::SendRawEmail => Api::V1,
            RequestKind::V2SendEmail => Api::V2,
        }
    }

    /// The operation's name as the AWS CLI spells it.
    ///
    /// ```
    /// use ses_presend::request::RequestKind;
    /// assert_eq!(RequestKind::SendTemplatedEmail.cli_name(), "send-templated-email");
    /// ```
    pub fn cli_name(self) -> &'static str {
        match self {
            RequestKind::SendEmail | RequestKind::V2SendEmail => "send-email",
            RequestKind::SendTemplatedEmail => "send-templated-email",
            RequestKind::SendRawEmail => "send-raw-email",
        }
    }
}

/// Where the private view of a request lives: a trait only this crate implements.
mod sealed {
    use super::*;

    /// A borrowed view of any of the requests.
    #[derive(Debug, Clone, Copy)]
    pub enum Req<'a> {
        SendEmail(&'a SendEmailRequest),
        SendTemplatedEmail(&'a SendTemplatedEmailRequest),
        V2(&'a V2SendEmailRequest),
        SendRaw(&'a SendRawEmailRequest),
    }

    pub trait Sealed {
        fn view(&self) -> Req<'_>;
    }
}

pub(crate) use sealed::Req;

/// A request [`check_email`] and [`report_email`] can check: [`SendEmailRequest`],
/// [`SendTemplatedEmailRequest`], [`V2SendEmailRequest`], or a [`Request`] holding one.
pub trait SendRequest: sealed::Sealed {
    /// Which request this is.
    ///
    /// ```
    /// use ses_presend::request::{RequestKind, SendRequest, SendTemplatedEmailRequest};
    /// assert_eq!(SendTemplatedEmailRequest::default().kind(), RequestKind::SendTemplatedEmail);
    /// ```
    fn kind(&self) -> RequestKind {
        match self.view() {
            Req::SendEmail(_) => RequestKind::SendEmail,
            Req::SendTemplatedEmail(_) => RequestKind::SendTemplatedEmail,
            Req::V2(_) => RequestKind::V2SendEmail,
            Req::SendRaw(_) => RequestKind::SendRawEmail,
        }
    }

    /// The action whose errors the request can raise (v2 Raw content counts as
    /// `SendRawEmail`, Template content as `SendTemplatedEmail`).
    ///
    /// ```
    /// use ses_presend::error::Action;
    /// use ses_presend::request::{SendRequest, V2SendEmailRequest};
    /// let req = V2SendEmailRequest::builder().template("welcome", "{}").build();
    /// assert_eq!(req.action(), Action::SendTemplatedEmail);
    /// ```
    fn action(&self) -> Action {
        match self.view() {
            Req::SendEmail(_) => Action::SendEmail,
            Req::SendTemplatedEmail(_) => Action::SendTemplatedEmail,
            Req::SendRaw(_) => Action::SendRawEmail,
            Req::V2(r) => match r.content.as_ref() {
                Some(c) if c.raw.is_some() => Action::SendRawEmail,
                Some(c) if c.template.is_some() => Action::SendTemplatedEmail,
                _ => Action::SendEmail,
            },
        }
    }
}

macro_rules! send_request {
    ($ty:ty, $variant:ident) => {
        impl sealed::Sealed for $ty {
            fn view(&self) -> Req<'_> {
                Req::$variant(self)
            }
        }
        impl SendRequest for $ty {}
    };
}

send_request!(SendEmailRequest, SendEmail);
send_request!(SendTemplatedEmailRequest, SendTemplatedEmail);
send_request!(V2SendEmailRequest, V2);
send_request!(SendRawEmailRequest, SendRaw);

/// Any of the requests, for code that learns which one at run time (the CLI).
// Requests are checked one at a time: boxing the larger variant would only add an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// v1 `SendEmail`.
    SendEmail(SendEmailRequest),
    /// v1 `SendTemplatedEmail`.
    SendTemplatedEmail(SendTemplatedEmailRequest),
    /// v2 `SendEmail`.
    V2SendEmail(V2SendEmailRequest),
    /// v1 `SendRawEmail`.
    SendRawEmail(SendRawEmailRequest),
}

impl sealed::Sealed for Request {
    fn view(&self) -> Req<'_> {
        match self {
            Request::SendEmail(r) => Req::SendEmail(r),
            Request::SendTemplatedEmail(r) => Req::SendTemplatedEmail(r),
            Request::V2SendEmail(r) => Req::V2(r),
            Request::SendRawEmail(r) => Req::SendRaw(r),
        }
    }
}

impl SendRequest for Request {}

impl From<SendEmailRequest> for Request {
    fn from(r: SendEmailRequest) -> Request {
        Request::SendEmail(r)
    }
}

impl From<SendTemplatedEmailRequest> for Request {
    fn from(r: SendTemplatedEmailRequest) -> Request {
        Request::SendTemplatedEmail(r)
    }
}

impl From<SendRawEmailRequest> for Request {
    fn from(r: SendRawEmailRequest) -> Request {
        Request::SendRawEmail(r)
    }
}

impl From<V2SendEmailRequest> for Request {
    fn from(r: V2SendEmailRequest) -> Request {
        Request::V2SendEmail(r)
    }
}

/// Why a request's JSON could not be read: bad JSON, an unknown parameter (named), or a value
/// of the wrong type, with the line and column where it starts (rules: [`Request::from_json`]).
///
/// ```
/// # #[cfg(feature = "serde")] {
/// let err = ses_presend::request::SendEmailRequest::from_json("{\n  \"Sender\": \"a@b.com\"\n}").unwrap_err();
/// assert!(err.message().starts_with("Unknown parameter in input: \"Sender\", must be one of: Source,"));
/// assert_eq!((err.line(), err.column()), (2, 3));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    message: String,
    line: usize,
    column: usize,
}

impl JsonError {
    /// What is wrong, without the position.
    ///
    /// ```
    /// # #[cfg(feature = "serde")] {
    /// let err = ses_presend::request::SendEmailRequest::from_json("[]").unwrap_err();
    /// assert_eq!(err.message(), "Invalid type: expecting map, received <class 'list'>");
    /// # }
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The line (from 1).
    ///
    /// ```
    /// # #[cfg(feature = "serde")] {
    /// assert_eq!(ses_presend::request::SendEmailRequest::from_json("{").unwrap_err().line(), 1);
    /// # }
    /// ```
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column (from 1).
    ///
    /// ```
    /// # #[cfg(feature = "serde")] {
    /// assert_eq!(ses_presend::request::SendEmailRequest::from_json("{").unwrap_err().column(), 1);
    /// # }
    /// ```
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for JsonError {}

#[cfg(feature = "serde")]
mod json;

impl Context<'_> {
    /// Checks a send request like [`crate::check_email`], with what this context knows; with
    /// a quota, a request SES would accept takes its recipients from it.
    ///
    /// ```
    /// use ses_presend::account::AccountSending;
    /// use ses_presend::request::SendEmailRequest;
    /// use ses_presend::{Account, Context};
    /// let account = Account::new().with_sending(AccountSending::PausedByAws);
    /// let req = SendEmailRequest::builder()
    ///     .source("a@example.com").to("b@example.com").subject("s").text("t").build();
    /// let err = Context::new().with_account(&account).check_email(&req).unwrap_err();
    /// assert_eq!(err.code.as_str(), "MessageRejected");
    /// ```
    pub fn check_email(&self, req: &(impl SendRequest + ?Sized)) -> Result<(), SesError> {
        crate::request::check_in(req, self)
    }

    /// Reports every problem of a send request like [`crate::report_email`], with what this
    /// context knows; a quota is only looked at.
    ///
    /// ```
    /// use ses_presend::request::SendEmailRequest;
    /// use ses_presend::{Account, Context};
    /// let account = Account::new().with_configuration_sets(["marketing"]);
    /// let req = SendEmailRequest::builder()
    ///     .source("a@example.com").to("b@example.com").subject("s").text("t")
    ///     .configuration_set("sales").build();
    /// let report = Context::new().with_account(&account).report_email(&req);
    /// assert_eq!(report.errors[0].field, "ConfigurationSetName");
    /// ```
    pub fn report_email(&self, req: &(impl SendRequest + ?Sized)) -> Report {
        crate::request::report_in(req, self)
    }
}

/// The first error of `req` in `context`.
pub(crate) fn check_in(
    req: &(impl SendRequest + ?Sized),
    context: &Context<'_>,
) -> Result<(), SesError> {
    let mut out = Collector::new(Mode::First);
    let _ = check::run(req.view(), context, &mut out);
    match out.into_first() {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// Every finding of `req` in `context`.
pub(crate) fn report_in(req: &(impl SendRequest + ?Sized), context: &Context<'_>) -> Report {
    check::report(req.view(), context)
}

/// The error SES would return for `req`, knowing nothing about the account, or `Ok`.
///
/// **Limits** (SES's, each answered with its `InvalidParameterValue` text): 50 recipients
/// (*Recipient count exceeds 50.*), 15 v2 custom headers, 255 characters in a tag name or
/// value, 262 144 characters of template data (*Template data cannot exceed 262144
/// characters.*), and the built message's size, 10 485 760 bytes on v1 and 41 943 040 on v2
/// (*Message length is more than … bytes long: '…'.*). Beyond them the check has none of its
/// own: time is linear in the request's size.
///
/// ```
/// use ses_presend::check_email;
/// use ses_presend::request::SendEmailRequest;
/// let req = SendEmailRequest::builder()
///     .source("ops@example.com")
///     .to("Karen, Chan <karen@example.org>")
///     .subject("Hi")
///     .text("Hello")
///     .build();
/// assert_eq!(check_email(&req).unwrap_err().to_string(), "Illegal address");
/// ```
pub fn check_email(req: &(impl SendRequest + ?Sized)) -> Result<(), SesError> {
    check_in(req, &Context::new())
}

/// Every error SES would find in `req` (knowing nothing about the account) and the advisories,
/// each at its field path: at most [`MAX_FINDINGS`](crate::report::MAX_FINDINGS) errors and as
/// many advisories, then one `findings-truncated` advisory saying how many more there were.
///
/// ```
/// use ses_presend::report_email;
/// use ses_presend::request::V2SendEmailRequest;
/// let req = V2SendEmailRequest::builder()
///     .from("José <jose@bücher.de>")
///     .to("")
///     .subject("Hi")
///     .text("Hello")
///     .build();
/// let report = report_email(&req);
/// assert_eq!(report.errors[0].field, "FromEmailAddress.domain");
/// assert_eq!(report.errors[0].fix.as_deref(), Some("xn--bcher-kva.de"));
/// assert_eq!(report.errors[1].error.as_ref().unwrap().to_string(), "Invalid email address .");
/// assert_eq!(report.advisories[0].field, "FromEmailAddress.display_name");
/// ```
pub fn report_email(req: &(impl SendRequest + ?Sized)) -> Report {
    check::report(req.view(), &Context::new())
}
