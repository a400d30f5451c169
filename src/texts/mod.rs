//! Every text SES answers with, and every choice the project made where SES's behaviour is
//! unknown, in one place.
//!
//! Each entry says how sure we are of it (see the files of `docs/`):
//! [`Certainty::Seen`] means the exact text was quoted from a real SES response or AWS's
//! documentation, [`Certainty::Documented`] that the rule is documented but the words were not
//! seen, and [`Certainty::Decided`] that SES's behaviour is unknown or contradictory and this is
//! the project's choice. [`DECISIONS`] is the one table of such choices; change them there.
//!
//! The principle of the table: **where SES's behaviour is unknown, never reject what SES may
//! accept.** A decided row rejects ([`Effect::Rejects`]) only where a source shows SES, or the
//! JavaMail parser SES runs, rejecting the condition, and the row names that source; every
//! other decided rule only advises ([`Effect::Advises`]) or only chooses the words, order or
//! form of an answer SES is known to give ([`Effect::Words`]).

pub(crate) mod decisions;

pub(crate) use decisions::Certainty;
pub use decisions::{Decision, Effect, DECISIONS};

pub(crate) mod account;
pub(crate) mod address;
pub(crate) mod query;
pub(crate) mod raw;
pub(crate) mod request;
pub(crate) mod send;
pub(crate) mod smtp;
#[cfg_attr(not(feature = "templates"), allow(dead_code))]
pub(crate) mod template;
#[cfg(feature = "serde")]
pub(crate) mod v2;
