//! The vocabulary every check reports in: a [`Finding`] (where, why, how sure, the SES error
//! if SES rejects it), a [`Report`] of errors and advisories, the [`Strictness`] a caller reads
//! it under, and the one collector every check fills (the finding cap and the early stop at
//! SES's first error live there).
//!
//! This module sits at the bottom of the crate: it names no check.

mod collect;
mod reason;

pub use crate::texts::decisions::Certainty;
pub use crate::texts::{Decision, Effect, DECISIONS};
pub(crate) use collect::{Collector, Flow, Mode, Stop};
pub use reason::{QueryProblem, RawProblem, Reason, RequestProblem};

use crate::error::SesError;

pub use crate::limits::MAX_FINDINGS;

/// One problem: where, why, in plain words, and the fix when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Finding {
    /// Where the problem is, as a path: `domain`, `display_name`, `members[1].local_part`, …
    pub field: String,
    /// Why, as a stable name.
    pub reason: Reason,
    /// What is wrong, for a person.
    pub message: String,
    /// How sure we are: of SES's answer for an error, of the advice for an advisory.
    pub certainty: Certainty,
    /// The [`crate::report::DECISIONS`] row behind a decided finding.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub decision: Option<&'static str>,
    /// The SES error, for a finding SES rejects (`None` for an advisory).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub error: Option<SesError>,
    /// The corrected text for the field, when a fix exists.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub fix: Option<String>,
}

impl Finding {
    /// An advisory finding; its certainty is the one its reason carries.
    pub(crate) fn new(field: impl Into<String>, reason: Reason, message: String) -> Finding {
        let footing = crate::error::footing::of_advice(reason.as_str());
        Finding {
            field: field.into(),
            reason,
            message,
            certainty: footing.certainty,
            decision: footing.decision,
            error: None,
            fix: None,
        }
    }

    /// The finding made an error: SES answers `error`, as sure as `error` is.
    pub(crate) fn with_error(mut self, error: SesError) -> Finding {
        let footing = error.footing();
        self.certainty = footing.certainty;
        self.decision = footing.decision;
        self.error = Some(error);
        self
    }

    /// How sure the finding is, with its decision.
    pub(crate) fn footing(&self) -> crate::error::footing::Footing {
        crate::error::footing::Footing {
            certainty: self.certainty,
            decision: self.decision,
        }
    }

    /// An error finding whose decided rule only advises, made the advisory it should be: the
    /// error is dropped and the message says it is advice.
    pub(crate) fn demoted(mut self) -> Finding {
        if self.error.take().is_some() {
            self.message = format!(
                "{} (the project's decided answer, not one SES was seen or documented to give: \
                 advice, not a rejection)",
                self.message
            );
        }
        self
    }
}

/// Everything found in one check: the errors SES would return and the advisories for what it
/// accepts but should not be sent, plus the fixed input when one exists.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Report {
    /// What SES rejects; the first is the error SES returns.
    pub errors: Vec<Finding>,
    /// What SES accepts but will bounce, display wrongly, or be refused downstream.
    pub advisories: Vec<Finding>,
    /// The SES-safe form of the whole input, when it differs from the input.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub fix: Option<String>,
}

impl Report {
    /// The error SES would return, if any.
    ///
    /// ```
    /// let report = ses_presend::report_address("user@bücher.de");
    /// assert_eq!(report.first_error().unwrap().message, "Domain contains illegal character");
    /// ```
    pub fn first_error(&self) -> Option<&SesError> {
        self.errors.iter().find_map(|f| f.error.as_ref())
    }

    /// Whether the input passes: no error; under [`Strictness::Deliverable`] no advisory either;
    /// under [`Strictness::Documented`] no error but decided ones.
    ///
    /// ```
    /// use ses_presend::{report_address, Strictness};
    /// let report = report_address("a..b@example.com");
    /// assert!(report.passes(Strictness::Ses));
    /// assert!(!report.passes(Strictness::Deliverable));
    /// ```
    pub fn passes(&self, strictness: Strictness) -> bool {
        match strictness {
            Strictness::Ses => self.errors.is_empty(),
            Strictness::Deliverable => self.errors.is_empty() && self.advisories.is_empty(),
            Strictness::Documented => self
                .errors
                .iter()
                .all(|f| f.certainty == Certainty::Decided),
        }
    }

    /// The report as `strictness` reads it: under [`Strictness::Documented`] every error whose
    /// answer the project decided is an advisory (its message says so); otherwise unchanged.
    ///
    /// ```
    /// use ses_presend::{report_address, Strictness};
    /// // Two texts were seen for a non-ASCII domain; the one answered is decided.
    /// let report = report_address("user@bücher.de").under(Strictness::Documented);
    /// assert!(report.errors.is_empty());
    /// assert_eq!(report.advisories[0].decision, Some("non-ascii-domain"));
    /// // A seen answer stays an error.
    /// assert!(!report_address("bob").under(Strictness::Documented).errors.is_empty());
    /// ```
    pub fn under(mut self, strictness: Strictness) -> Report {
        if strictness == Strictness::Documented {
            let (decided, kept) = std::mem::take(&mut self.errors)
                .into_iter()
                .partition(|f| f.certainty == Certainty::Decided);
            self.errors = kept;
            let decided: Vec<Finding> = decided;
            let mut advisories: Vec<Finding> = decided.into_iter().map(Finding::demoted).collect();
            advisories.append(&mut self.advisories);
            self.advisories = advisories;
        }
        self
    }
}

/// How much must hold for an input to pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Strictness {
    /// What SES accepts passes.
    #[default]
    Ses,
    /// Advisories count as rejections too: only what will be delivered and shown right passes.
    Deliverable,
    /// Only answers SES was seen or documented to give reject: an error whose answer the
    /// project decided (`DECISIONS`) counts as an advisory (`--trust documented`).
    Documented,
}

impl Strictness {
    /// The strictness's name as `ses-presend serve` spells it: `ses`, `deliverable` or
    /// `documented` (the names [`FromStr`](std::str::FromStr) and, with `serde`,
    /// deserialization take).
    ///
    /// ```
    /// assert_eq!(ses_presend::Strictness::Deliverable.as_str(), "deliverable");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Strictness::Ses => "ses",
            Strictness::Deliverable => "deliverable",
            Strictness::Documented => "documented",
        }
    }
}

/// The strictness's name: `ses`, `deliverable` or `documented`.
///
/// ```
/// assert_eq!(ses_presend::Strictness::Documented.to_string(), "documented");
/// ```
impl std::fmt::Display for Strictness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A strictness from its name, `ses`, `deliverable` or `documented`; any other name is an
/// error that lists them.
///
/// ```
/// use ses_presend::Strictness;
/// assert_eq!("deliverable".parse::<Strictness>(), Ok(Strictness::Deliverable));
/// assert_eq!(
///     "strict".parse::<Strictness>().unwrap_err(),
///     "unknown strictness `strict`: expected one of ses, deliverable, documented"
/// );
/// # #[cfg(feature = "serde")] {
/// // Deserialization takes the same names.
/// let s: Strictness = serde_json::from_str(r#""documented""#).unwrap();
/// assert_eq!(s, Strictness::Documented);
/// # }
/// ```
impl std::str::FromStr for Strictness {
    type Err = String;

    fn from_str(name: &str) -> Result<Strictness, String> {
        [
            Strictness::Ses,
            Strictness::Deliverable,
            Strictness::Documented,
        ]
        .into_iter()
        .find(|s| s.as_str() == name)
        .ok_or_else(|| {
            format!("unknown strictness `{name}`: expected one of ses, deliverable, documented")
        })
    }
}
