//! Where the checks put what they find: the first error only ([`crate::check_raw`]), or
//! every finding up to a bound ([`crate::report_raw`]). Both run the same checks in the same
//! order, so the report's first error is the check's error.

use super::RawProblem;
use crate::advice::{Finding, Reason, Report};
use crate::error::SesError;

/// Errors, and advisories, kept in a report: a hostile message can have one per line.
pub(crate) use crate::query::MAX_FINDINGS;

/// The checks stop: the first error is known.
#[derive(Debug)]
pub(crate) struct Stop;

/// What a check returns: go on, or stop.
pub(crate) type Flow = Result<(), Stop>;

/// A finding for a raw-message problem.
pub(crate) fn finding(
    field: String,
    problem: RawProblem,
    message: String,
    error: Option<SesError>,
) -> Finding {
    let f = Finding::new(field, Reason::Raw(problem), message);
    match error {
        Some(error) => f.with_error(error),
        None => f,
    }
}

pub(crate) struct Sink {
    report: bool,
    first: Option<SesError>,
    /// The first error of the last phase (blocked attachments), held until the MIME walk ends.
    deferred_first: Option<SesError>,
    errors: Vec<Finding>,
    deferred: Vec<Finding>,
    advisories: Vec<Finding>,
    dropped: usize,
}

/// Adds a finding, made only when the list has room.
fn push(list: &mut Vec<Finding>, dropped: &mut usize, make: impl FnOnce() -> Finding) {
    if list.len() < MAX_FINDINGS {
        list.push(make());
    } else {
        *dropped += 1;
    }
}

impl Sink {
    /// Keeps the first error only, and stops there.
    pub(crate) fn first_error() -> Sink {
        Sink::new(false)
    }

    /// Keeps every finding.
    pub(crate) fn report() -> Sink {
        Sink::new(true)
    }

    fn new(report: bool) -> Sink {
        Sink {
            report,
            first: None,
            deferred_first: None,
            errors: Vec::new(),
            deferred: Vec::new(),
            advisories: Vec::new(),
            dropped: 0,
        }
    }

    /// Whether advisories are wanted (a report), so that work for them can be skipped.
    pub(crate) fn advising(&self) -> bool {
        self.report
    }

    /// An error SES would return: the check stops at the first one.
    /// An error whose decided rule only advises (`DECISIONS`) becomes an advisory.
    pub(crate) fn error(&mut self, make: impl FnOnce() -> Finding) -> Flow {
        let f = make();
        if crate::footing::only_advises(f.decision) {
            self.advise(|| f.demoted());
            return Ok(());
        }
        if !self.report {
            self.first = f.error;
            return Err(Stop);
        }
        push(&mut self.errors, &mut self.dropped, || f);
        Ok(())
    }

    /// An error of the last phase, found during the MIME walk: it counts after every error of
    /// the walk's own phase.
    pub(crate) fn deferred_error(&mut self, make: impl FnOnce() -> Finding) {
        if !self.report {
            if self.deferred_first.is_none() {
                self.deferred_first = make().error;
            }
            return;
        }
        push(&mut self.deferred, &mut self.dropped, make);
    }

    /// The deferred errors, now that the walk is over.
    pub(crate) fn flush_deferred(&mut self) -> Flow {
        if !self.report {
            return match self.deferred_first.take() {
                Some(err) => {
                    self.first = Some(err);
                    Err(Stop)
                }
                None => Ok(()),
            };
        }
        for f in std::mem::take(&mut self.deferred) {
            push(&mut self.errors, &mut self.dropped, || f);
        }
        Ok(())
    }

    /// Something SES accepts but should not be sent.
    pub(crate) fn advise(&mut self, make: impl FnOnce() -> Finding) {
        if self.report {
            push(&mut self.advisories, &mut self.dropped, make);
        }
    }

    /// The findings of a report on one address, their fields put under `prefix`.
    pub(crate) fn absorb(&mut self, prefix: &str, report: Report) -> Flow {
        for mut f in report.errors {
            f.field = join(prefix, &f.field);
            self.error(|| f)?;
        }
        for mut f in report.advisories {
            f.field = join(prefix, &f.field);
            self.advise(|| f);
        }
        Ok(())
    }

    pub(crate) fn into_first(self) -> Option<SesError> {
        self.first
    }

    pub(crate) fn into_report(mut self) -> Report {
        if self.dropped > 0 {
            let dropped = self.dropped;
            self.advisories.push(finding(
                "message".to_string(),
                RawProblem::FindingsTruncated,
                format!(
                    "{dropped} more findings were not kept: a report keeps at most \
                     {MAX_FINDINGS} errors and {MAX_FINDINGS} advisories"
                ),
                None,
            ));
        }
        Report {
            errors: self.errors,
            advisories: self.advisories,
            fix: None,
        }
    }
}

/// `prefix.field`, or `prefix` alone for an empty field.
pub(crate) fn join(prefix: &str, field: &str) -> String {
    match (prefix.is_empty(), field.is_empty()) {
        (_, true) => prefix.to_string(),
        (true, false) => field.to_string(),
        (false, false) => format!("{prefix}.{field}"),
    }
}
