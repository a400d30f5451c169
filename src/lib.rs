//! # ses-presend
//!
//! Check an email before it is sent through Amazon SES and get **exactly the error SES would
//! return** — same code, same HTTP status, same message text — or an acceptance.
//!
//! SES checks every address with an old JavaMail parser; [`parse_address`] reproduces its
//! verdicts message for message (see `ses-behaviour.md` §3 in the repository for the rules and
//! how sure each one is).
//!
//! ```
//! use ses_presend::{parse_address, render, Api, ErrorCode};
//!
//! // Accepted: the parts are borrowed from the input.
//! let addr = parse_address("José <jose@example.com>").unwrap();
//! assert_eq!(addr.mailbox().unwrap().domain, Some("example.com"));
//!
//! // Rejected: the code and the message SES sends.
//! let err = parse_address("user@bücher.de").unwrap_err();
//! assert_eq!(err.code, ErrorCode::InvalidParameterValue);
//! assert_eq!(err.message, "Domain contains illegal character");
//! assert_eq!(render::smtp_reply(&err),
//!            "554 Transaction failed: Domain contains illegal character");
//! assert_eq!(err.code.name_on(Api::V2), "BadRequestException");
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod account;
mod address;
mod advice;
mod error;
mod footing;
#[cfg(feature = "serde")]
pub mod form;
mod intl;
pub mod query;
mod quota;
mod raw;
pub mod render;
pub mod request;
mod retry;
mod texts;
#[cfg(feature = "serde")]
pub mod v2;

pub use address::{check_address, parse_address, Address, Group, Mailbox};
pub use advice::{
    decode_friendly_name, encode_friendly_name, report_address, report_friendly_name,
    to_ses_address, Finding, Reason, Report, Strictness,
};
pub use error::{Action, Api, CodeInfo, ErrorCode, Fault, RaisedBy, Retry, SesError, SmtpReply};
pub use intl::domain::{domain_to_ascii, IdnaError, IdnaProblem};
pub use intl::encoded_word::{charset_is_known, EncodedWordProblem, MAX_ENCODED_WORD};
pub use texts::{Certainty, Decision, Effect, DECISIONS};

pub use account::{
    Account, AccountError, AccountMode, AccountSending, DailyLimit, MailFromDomain, MailFromStatus,
    MxFailureBehavior, SendLimits, Subscription,
};
pub use query::{check_query, report_query, HttpRequest, QueryOptions};
pub use quota::{Clock, ManualClock, MonotonicClock, SendQuota};
pub use request::{
    check_email, report_email, JsonError, Request, RequestKind, RequestProblem, SendEmailRequest,
    SendRequest, SendTemplatedEmailRequest, V2SendEmailRequest, Validator,
};
pub use retry::RetryPolicy;

pub use raw::{
    check_raw, decode_base64_message, report_raw, RawOptions, RawProblem, MAX_HEADER_SECTION,
    MAX_MIME_DEPTH, V1_MAX_MESSAGE_SIZE, V2_MAX_MESSAGE_SIZE,
};

/// The README's examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
