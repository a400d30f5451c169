//! SendEmail, SendTemplatedEmail and v2 SendEmail: the request models and SES's checks on them
//! (ses-behaviour.md §5 and §7).
//!
//! The models read exactly the JSON of `aws ses send-email --cli-input-json`,
//! `aws ses send-templated-email --cli-input-json` and `aws sesv2 send-email --cli-input-json`
//! (feature `serde`; an unknown field is an error that names it), or are made in code with
//! their builders. [`check_email`] answers with the one error SES returns, [`report_email`]
//! with every problem and the address advisories, each at its field path
//! (`Destination.ToAddresses[3]`, `Tags[0].Name`, `Content.Simple.Headers[1].Value`).
//!
//! The checks run in SES's order (decided where not seen: `request-check-order` in
//! [`crate::DECISIONS`]): request shape, tags, configuration-set name, addresses (Source or
//! From, To, Cc, Bcc, ReplyTo, ReturnPath or the feedback address, each in list order),
//! recipient count, content (v2 subject, headers and attachments; template data), size,
//! configuration-set and template existence, identity verification, account state, throttling.
//! The last four need what the caller knows about the account ([`Validator`]); without it they
//! are skipped.
//!
//! ```
//! use ses_presend::{check_email, report_email, SendEmailRequest};
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
pub(crate) mod check;
mod model;

pub use builder::{SendEmailBuilder, SendTemplatedEmailBuilder, V2SendEmailBuilder};
pub use model::{
    Attachment, Body, Content, ContentDisposition, Destination, EmailContent,
    ListManagementOptions, Message, MessageHeader, MessageTag, RawMessage, SendEmailRequest,
    SendTemplatedEmailRequest, SimpleMessage, Template, TemplateContent, TransferEncoding,
    V2SendEmailRequest,
};

use crate::account::Account;
use crate::advice::Report;
use crate::error::{Action, Api, SesError};
use crate::quota::SendQuota;
use std::fmt;
use std::sync::Arc;

/// Which request a value is: the API and the operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestKind {
    /// v1 `SendEmail`.
    SendEmail,
    /// v1 `SendTemplatedEmail`.
    SendTemplatedEmail,
    /// v2 `SendEmail` (Simple, Raw or Template content).
    V2SendEmail,
}

impl RequestKind {
    /// The API the request goes through.
    ///
    /// ```
    /// use ses_presend::{Api, RequestKind};
    /// assert_eq!(RequestKind::V2SendEmail.api(), Api::V2);
    /// ```
    pub fn api(self) -> Api {
        match self {
            RequestKind::SendEmail | RequestKind::SendTemplatedEmail => Api::V1,
            RequestKind::V2SendEmail => Api::V2,
        }
    }

    /// The operation's name as the AWS CLI spells it.
    ///
    /// ```
    /// use ses_presend::RequestKind;
    /// assert_eq!(RequestKind::SendTemplatedEmail.cli_name(), "send-templated-email");
    /// ```
    pub fn cli_name(self) -> &'static str {
        match self {
            RequestKind::SendEmail | RequestKind::V2SendEmail => "send-email",
            RequestKind::SendTemplatedEmail => "send-templated-email",
        }
    }
}

/// Where the private view of a request lives: a trait only this crate implements.
mod sealed {
    use super::*;

    /// A borrowed view of any of the three requests.
    #[derive(Debug, Clone, Copy)]
    pub enum Req<'a> {
        SendEmail(&'a SendEmailRequest),
        SendTemplatedEmail(&'a SendTemplatedEmailRequest),
        V2(&'a V2SendEmailRequest),
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
    /// use ses_presend::{RequestKind, SendRequest, SendTemplatedEmailRequest};
    /// assert_eq!(SendTemplatedEmailRequest::default().kind(), RequestKind::SendTemplatedEmail);
    /// ```
    fn kind(&self) -> RequestKind {
        match self.view() {
            Req::SendEmail(_) => RequestKind::SendEmail,
            Req::SendTemplatedEmail(_) => RequestKind::SendTemplatedEmail,
            Req::V2(_) => RequestKind::V2SendEmail,
        }
    }

    /// The action whose errors the request can raise (v2 Raw content counts as
    /// `SendRawEmail`, Template content as `SendTemplatedEmail`).
    ///
    /// ```
    /// use ses_presend::{Action, SendRequest, V2SendEmailRequest};
    /// let req = V2SendEmailRequest::builder().template("welcome", "{}").build();
    /// assert_eq!(req.action(), Action::SendTemplatedEmail);
    /// ```
    fn action(&self) -> Action {
        match self.view() {
            Req::SendEmail(_) => Action::SendEmail,
            Req::SendTemplatedEmail(_) => Action::SendTemplatedEmail,
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

/// Any of the three requests, for code that learns which one at run time (the CLI).
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
}

impl sealed::Sealed for Request {
    fn view(&self) -> Req<'_> {
        match self {
            Request::SendEmail(r) => Req::SendEmail(r),
            Request::SendTemplatedEmail(r) => Req::SendTemplatedEmail(r),
            Request::V2SendEmail(r) => Req::V2(r),
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
/// let err = ses_presend::SendEmailRequest::from_json("{\n  \"Sender\": \"a@b.com\"\n}").unwrap_err();
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
    /// let err = ses_presend::SendEmailRequest::from_json("[]").unwrap_err();
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
    /// assert_eq!(ses_presend::SendEmailRequest::from_json("{").unwrap_err().line(), 1);
    /// # }
    /// ```
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column (from 1).
    ///
    /// ```
    /// # #[cfg(feature = "serde")] {
    /// assert_eq!(ses_presend::SendEmailRequest::from_json("{").unwrap_err().column(), 1);
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

/// Why a request finding was raised. [`RequestProblem::as_str`] is the stable name, also given
/// by [`crate::Reason::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RequestProblem {
    /// A required member is absent (`ValidationError`).
    MissingMember,
    /// Members that exclude each other were given together.
    ExclusiveMembers,
    /// v2 Content or Template does not have exactly one form.
    ContentShape,
    /// v2 Simple or Template content without `FromEmailAddress`.
    MissingFrom,
    /// A tag name that is empty, too long or has other characters.
    TagName,
    /// A tag value that is empty, too long or has other characters.
    TagValue,
    /// A configuration-set name that is too long or has other characters.
    ConfigurationSetName,
    /// No recipients at all.
    NoRecipients,
    /// More than 50 recipients.
    TooManyRecipients,
    /// A subject with non-ASCII characters and no Charset (an advisory: SES accepts it).
    SubjectNotAscii,
    /// A Charset SES cannot encode in.
    UnsupportedCharset,
    /// More than 15 v2 custom headers.
    TooManyHeaders,
    /// A v2 custom header name that is empty, too long or has other characters.
    HeaderName,
    /// A v2 custom header value that is too long or not printable ASCII.
    HeaderValue,
    /// A v2 custom header whose name and value together are too long.
    HeaderTooLong,
    /// A v2 attachment file name over 255 characters.
    AttachmentFileName,
    /// A v2 attachment with a blocked file extension.
    BlockedAttachment,
    /// A v2 attachment content type not 1 to 78 characters.
    AttachmentContentType,
    /// A v2 attachment content ID not 1 to 78 characters.
    AttachmentContentId,
    /// Template data over 262144 characters.
    TemplateDataTooLong,
    /// A message over SES's size limit.
    MessageTooLong,
    /// A body with neither text nor HTML (an advisory).
    EmptyBody,
    /// The configuration set does not exist in the account.
    ConfigurationSetDoesNotExist,
    /// The template does not exist in the account.
    TemplateDoesNotExist,
    /// An identity the send needs is not verified.
    IdentityNotVerified,
    /// AWS paused the account's sending.
    AccountPaused,
    /// Sending is disabled for the account.
    AccountSendingDisabled,
    /// Sending is disabled for the configuration set.
    ConfigurationSetSendingDisabled,
    /// The sender's MAIL FROM domain is not verified and set to reject.
    MailFromNotVerified,
    /// The account's maximum sending rate would be exceeded.
    SendingRateExceeded,
    /// The account's 24-hour quota would be exceeded.
    DailyQuotaExceeded,
    /// v2 Raw content whose Data is not base64.
    RawMessageNotBase64,
    /// v2 Raw content whose message SES rejects (the raw check's error).
    RawMessage,
    /// More findings than a report keeps ([`crate::query::MAX_FINDINGS`] errors and as many
    /// advisories): how many more were dropped.
    FindingsTruncated,
}

impl RequestProblem {
    /// The stable machine-readable name, such as `too-many-recipients`.
    ///
    /// ```
    /// assert_eq!(ses_presend::RequestProblem::TooManyRecipients.as_str(), "too-many-recipients");
    /// ```
    pub fn as_str(self) -> &'static str {
        use RequestProblem::*;
        match self {
            MissingMember => "missing-member",
            ExclusiveMembers => "exclusive-members",
            ContentShape => "content-shape",
            MissingFrom => "missing-from",
            TagName => "tag-name",
            TagValue => "tag-value",
            ConfigurationSetName => "configuration-set-name",
            NoRecipients => "no-recipients",
            TooManyRecipients => "too-many-recipients",
            SubjectNotAscii => "subject-without-charset",
            UnsupportedCharset => "unsupported-charset",
            TooManyHeaders => "too-many-headers",
            HeaderName => "header-name",
            HeaderValue => "header-value",
            HeaderTooLong => "header-too-long",
            AttachmentFileName => "attachment-file-name",
            BlockedAttachment => "blocked-attachment-type",
            AttachmentContentType => "attachment-content-type",
            AttachmentContentId => "attachment-content-id",
            TemplateDataTooLong => "template-data-too-long",
            MessageTooLong => "message-too-long",
            EmptyBody => "empty-body",
            ConfigurationSetDoesNotExist => "configuration-set-does-not-exist",
            TemplateDoesNotExist => "template-does-not-exist",
            IdentityNotVerified => "identity-not-verified",
            AccountPaused => "account-sending-paused",
            AccountSendingDisabled => "account-sending-disabled",
            ConfigurationSetSendingDisabled => "configuration-set-sending-disabled",
            MailFromNotVerified => "mail-from-domain-not-verified",
            SendingRateExceeded => "sending-rate-exceeded",
            DailyQuotaExceeded => "daily-quota-exceeded",
            RawMessageNotBase64 => "raw-message-not-base64",
            RawMessage => "raw-message",
            FindingsTruncated => "findings-truncated",
        }
    }
}

/// Checks requests against what is known of the account: its identities, configuration sets,
/// templates, sending state and, with a [`SendQuota`], its sending rate and 24-hour quota.
/// [`Validator::new`] knows nothing, and checks what SES checks of the request alone.
///
/// A validator is `Send` and `Sync`: share one between the threads that send.
///
/// ```
/// use ses_presend::{Account, AccountMode, SendEmailRequest, Validator};
///
/// let account = Account::new()
///     .region("us-east-1")
///     .mode(AccountMode::Sandbox)
///     .verified_identities(["example.com"]);
/// let validator = Validator::new().with_account(account);
/// let req = SendEmailRequest::builder()
///     .source("ops@example.com")
///     .to("Bob <bob@example.org>")
///     .subject("Hi")
///     .text("Hello")
///     .build();
/// assert_eq!(
///     validator.check_email(&req).unwrap_err().to_string(),
///     "Email address is not verified. The following identities failed the check in region \
///      US-EAST-1: Bob <bob@example.org>"
/// );
/// ```
#[derive(Debug, Clone, Default)]
pub struct Validator {
    account: Account,
    quota: Option<Arc<SendQuota>>,
}

impl Validator {
    /// A validator that knows nothing about the account.
    ///
    /// ```
    /// assert!(ses_presend::Validator::new().account().region_name().is_none());
    /// ```
    pub fn new() -> Validator {
        Validator::default()
    }

    /// Uses what is known of `account`.
    ///
    /// ```
    /// let v = ses_presend::Validator::new().with_account(ses_presend::Account::new().region("eu-west-1"));
    /// assert_eq!(v.account().region_name(), Some("eu-west-1"));
    /// ```
    #[must_use]
    pub fn with_account(mut self, account: Account) -> Validator {
        self.account = account;
        self
    }

    /// Predicts throttling with `quota`: [`check_email`](Self::check_email) takes a request's
    /// recipients from it when the request passes everything else, as SES does when it
    /// accepts a send; [`report_email`](Self::report_email) only looks.
    ///
    /// ```
    /// use ses_presend::{SendEmailRequest, SendQuota, Validator};
    /// use std::sync::Arc;
    /// let v = Validator::new().with_quota(Arc::new(SendQuota::sandbox()));
    /// let req = SendEmailRequest::builder()
    ///     .source("a@example.com").to("b@example.com").subject("s").text("t").build();
    /// assert!(v.check_email(&req).is_ok());
    /// assert_eq!(v.check_email(&req).unwrap_err().to_string(), "Maximum sending rate exceeded.");
    /// ```
    #[must_use]
    pub fn with_quota(mut self, quota: Arc<SendQuota>) -> Validator {
        self.quota = Some(quota);
        self
    }

    /// What is known of the account.
    ///
    /// ```
    /// assert!(ses_presend::Validator::new().account().identities().is_none());
    /// ```
    pub fn account(&self) -> &Account {
        &self.account
    }

    /// The quota, when one is attached.
    ///
    /// ```
    /// assert!(ses_presend::Validator::new().quota().is_none());
    /// ```
    pub fn quota(&self) -> Option<&SendQuota> {
        self.quota.as_deref()
    }

    /// The error SES would return for `req`, or `Ok` when it would accept it.
    ///
    /// ```
    /// use ses_presend::{SendEmailRequest, Validator};
    /// let req = SendEmailRequest::builder().source("bob").build();
    /// assert_eq!(
    ///     Validator::new().check_email(&req).unwrap_err().to_string(),
    ///     "2 validation errors detected: Value null at 'message' failed to satisfy constraint: \
    ///      Member must not be null; Value null at 'destination' failed to satisfy constraint: \
    ///      Member must not be null"
    /// );
    /// ```
    pub fn check_email(&self, req: &(impl SendRequest + ?Sized)) -> Result<(), SesError> {
        let report = check::run(req.view(), &self.account, self.quota(), check::Mode::First);
        match report.errors.into_iter().find_map(|f| f.error) {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// Every error SES would find in `req`, in SES's order (the first is the one SES returns),
    /// and the advisories, each at its field path.
    ///
    /// ```
    /// use ses_presend::{SendEmailRequest, Validator};
    /// let req = SendEmailRequest::builder()
    ///     .source("ops@example.com").to("bob").to("dån@example.org").subject("s").text("t").build();
    /// let report = Validator::new().report_email(&req);
    /// assert_eq!(report.errors[0].field, "Destination.ToAddresses[0]");
    /// assert_eq!(report.errors[1].field, "Destination.ToAddresses[1].local_part");
    /// ```
    pub fn report_email(&self, req: &(impl SendRequest + ?Sized)) -> Report {
        check::report(req.view(), &self.account, self.quota())
    }
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
/// use ses_presend::{check_email, SendEmailRequest};
/// let req = SendEmailRequest::builder()
///     .source("ops@example.com")
///     .to("Karen, Chan <karen@example.org>")
///     .subject("Hi")
///     .text("Hello")
///     .build();
/// assert_eq!(check_email(&req).unwrap_err().to_string(), "Illegal address");
/// ```
pub fn check_email(req: &(impl SendRequest + ?Sized)) -> Result<(), SesError> {
    let report = check::run(req.view(), &Account::default(), None, check::Mode::First);
    match report.errors.into_iter().find_map(|f| f.error) {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// Every error SES would find in `req` (knowing nothing about the account) and the advisories,
/// each at its field path: at most [`MAX_FINDINGS`](crate::query::MAX_FINDINGS) errors and as
/// many advisories, then one `findings-truncated` advisory saying how many more there were.
///
/// ```
/// use ses_presend::{report_email, V2SendEmailRequest};
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
    check::report(req.view(), &Account::default(), None)
}
