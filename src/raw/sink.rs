//! Where the checks put what they find: the first error only ([`crate::check_raw`]), or
//! every finding up to a bound ([`crate::report_raw`]). Both run the same checks in the same
//! order, so the report's first error is the check's error.

use super::RawProblem;
use crate::error::SesError;
use crate::report::{Finding, Reason};

pub(crate) use crate::report::{Collector as Sink, Flow, Stop};

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
