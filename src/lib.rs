#![doc = include_str!("../README.md")]
//!
//! ## Where things are
//!
//! The crate root holds the entry point per input — [`parse_address`]/[`report_address`], [`check_email`]/[`report_email`], [`check_raw`]/[`report_raw`],
//! [`check_query`]/[`report_query`] — the error ([`SesError`], [`ErrorCode`], [`Api`]), the
//! report ([`Report`], [`Finding`], [`Reason`], [`Strictness`]) and what a check may know
//! besides its input ([`Context`], [`Account`], [`RawOptions`]). The rest is in modules:
//! [`address`] (parts, friendly names, fixes), [`request`] (request models and builders),
//! [`raw`], [`query`], [`account`] (the account model, its file, quotas), [`error`] (codes,
//! retries), [`render`] (each interface's wire form), [`smtp`] (SES's SMTP session),
//! [`report`] (also the `DECISIONS` table), [`limits`], [`intl`] (IDNA and encoded-words),
//! and with features: `form` and `v2` (`serde`: the form-backend answers, the v2 HTTP answer),
//! `template` (`templates`: SES's templates and the Rendering Failure), `lettre` (a checking
//! transport for lettre).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod account;
pub mod address;
#[cfg(feature = "aws-sdk")]
pub mod aws;
pub mod error;
#[cfg(feature = "serde")]
pub mod form;
pub mod intl;
#[cfg(feature = "lettre")]
pub mod lettre;
pub mod limits;
pub mod query;
pub mod raw;
pub mod render;
pub mod report;
pub mod request;
pub mod smtp;
#[cfg(feature = "templates")]
pub mod template;
mod texts;
#[cfg(feature = "serde")]
pub mod v2;

pub use account::{Account, Context};
pub use address::{parse_address, report_address, Address};
pub use error::{Api, ErrorCode, SesError};
pub use query::{check_query, report_query};
pub use raw::{check_raw, report_raw, RawOptions};
pub use report::{Finding, Reason, Report, Strictness};
pub use request::{check_email, report_email};

/// The guide's examples run as doctests, so the guide keeps up with the API.
#[cfg(doctest)]
#[doc = include_str!("../docs/library.md")]
struct LibraryGuide;

/// The account guide's example runs as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../docs/account.md")]
struct AccountGuide;
