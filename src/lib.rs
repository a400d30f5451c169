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

pub mod account;
pub mod address;
pub mod error;
#[cfg(feature = "serde")]
pub mod form;
pub mod intl;
pub mod limits;
pub mod query;
pub mod raw;
pub mod render;
pub mod report;
pub mod request;
pub mod texts;
#[cfg(feature = "serde")]
pub mod v2;

pub use account::{Account, Context};
pub use address::{check_address, parse_address, report_address, Address};
pub use error::{Api, ErrorCode, SesError};
pub use query::{check_query, report_query};
pub use raw::{check_raw, report_raw, RawOptions};
pub use report::{Finding, Reason, Report, Strictness};
pub use request::{check_email, report_email};

/// The README's examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
