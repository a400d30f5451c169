//! The one place checks put what they find. In [`Mode::First`] the collector keeps the first
//! error and tells the check to stop ([`Stop`]), with no advisory work done; in [`Mode::All`]
//! it keeps every finding up to [`MAX_FINDINGS`] of each kind and counts the rest. Both modes
//! see the same checks in the same order, so a report's first error is the check's error.

use super::{Finding, Reason, Report, MAX_FINDINGS};
use crate::error::SesError;

/// Whether to stop at the first error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Stop at the first error: what SES returns.
    First,
    /// Gather every error and advisory.
    All,
}

/// The checks stop: the first error is known.
#[derive(Debug)]
pub(crate) struct Stop;

/// What a check returns: go on, or stop.
pub(crate) type Flow = Result<(), Stop>;

/// Findings gathered so far.
#[derive(Debug)]
pub(crate) struct Collector {
    mode: Mode,
    /// In first-error mode, the first error found during a phase whose errors count after
    /// the phase's own (held until [`Collector::flush_deferred`]).
    deferred_first: Option<Finding>,
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

impl Collector {
    /// An empty collector.
    pub(crate) fn new(mode: Mode) -> Collector {
        Collector {
            mode,
            deferred_first: None,
            errors: Vec::new(),
            deferred: Vec::new(),
            advisories: Vec::new(),
            dropped: 0,
        }
    }

    /// Whether advisories are wanted (a report), so that work for them can be skipped.
    pub(crate) fn advising(&self) -> bool {
        self.mode == Mode::All
    }

    /// How many errors were found so far.
    pub(crate) fn error_count(&self) -> usize {
        self.errors.len()
    }

    /// Whether the answer is known: first-error mode, and an error found.
    pub(crate) fn done(&self) -> bool {
        self.mode == Mode::First && !self.errors.is_empty()
    }

    /// An error SES would return; in first-error mode the checks stop here. An error whose
    /// decided rule only advises (`DECISIONS`) becomes an advisory: a decided rule never
    /// rejects.
    pub(crate) fn error(&mut self, make: impl FnOnce() -> Finding) -> Flow {
        let f = make();
        if crate::error::footing::only_advises(f.decision) {
            self.advise(|| f.demoted());
            return Ok(());
        }
        if self.mode == Mode::First {
            if self.errors.is_empty() {
                self.errors.push(f);
            }
            return Err(Stop);
        }
        push(&mut self.errors, &mut self.dropped, || f);
        Ok(())
    }

    /// An error of a later phase found early (blocked attachments found during the MIME walk):
    /// it counts after every error of the current phase.
    pub(crate) fn deferred_error(&mut self, make: impl FnOnce() -> Finding) {
        if self.mode == Mode::First {
            if self.deferred_first.is_none() {
                self.deferred_first = Some(make());
            }
            return;
        }
        push(&mut self.deferred, &mut self.dropped, make);
    }

    /// The deferred errors, now that their phase has come.
    pub(crate) fn flush_deferred(&mut self) -> Flow {
        if self.mode == Mode::First {
            return match self.deferred_first.take() {
                Some(f) => self.error(|| f),
                None => Ok(()),
            };
        }
        for f in std::mem::take(&mut self.deferred) {
            push(&mut self.errors, &mut self.dropped, || f);
        }
        Ok(())
    }

    /// Something SES accepts but should not be sent (kept only in a report).
    pub(crate) fn advise(&mut self, make: impl FnOnce() -> Finding) {
        if self.mode == Mode::All {
            push(&mut self.advisories, &mut self.dropped, make);
        }
    }

    /// The findings of another report, their fields put under `prefix`, in its order: errors
    /// first, then advisories.
    pub(crate) fn absorb(&mut self, prefix: &str, report: Report) -> Flow {
        for mut f in report.errors {
            if !prefix.is_empty() {
                f.field = join(prefix, &f.field);
            }
            self.error(|| f)?;
        }
        for mut f in report.advisories {
            if !prefix.is_empty() {
                f.field = join(prefix, &f.field);
            }
            self.advise(|| f);
        }
        Ok(())
    }

    /// The error SES returns, if one was found.
    pub(crate) fn into_first(self) -> Option<SesError> {
        self.errors.into_iter().next().and_then(|f| f.error)
    }

    /// The report; when findings were dropped, one more advisory of `reason` on `field` says
    /// how many.
    pub(crate) fn into_report(mut self, field: &str, reason: Reason) -> Report {
        if self.dropped > 0 {
            let dropped = self.dropped;
            self.advisories.push(Finding::new(
                field,
                reason,
                format!(
                    "{dropped} more findings were not kept: a report keeps at most \
                     {MAX_FINDINGS} errors and {MAX_FINDINGS} advisories"
                ),
            ));
        }
        Report {
            errors: self.errors,
            advisories: self.advisories,
            fix: None,
        }
    }
}

/// `prefix.field`, or the one that is not empty.
fn join(prefix: &str, field: &str) -> String {
    match (prefix.is_empty(), field.is_empty()) {
        (_, true) => prefix.to_string(),
        (true, false) => field.to_string(),
        (false, false) => format!("{prefix}.{field}"),
    }
}
