//! The documented retry schedule (docs/codes.md): after a failure SES may recover from
//! (a 5xx, or `Throttling`), wait 5, 10 and 30 seconds between tries; if the third retry fails
//! too, start another set of retries after 20 minutes. Errors that are the request's fault
//! (every other 4xx) are never retried.

use super::SesError;
use std::num::NonZeroU32;
use std::time::Duration;

/// The waits between the tries of one set.
const WAITS: [Duration; 3] = [
    Duration::from_secs(5),
    Duration::from_secs(10),
    Duration::from_secs(30),
];
/// The wait before another set.
const PAUSE: Duration = Duration::from_secs(20 * 60);

/// How long to wait before each retry.
///
/// ```
/// use ses_presend::error::RetryPolicy;
/// use std::time::Duration;
/// let waits: Vec<Duration> = RetryPolicy::documented().waits().collect();
/// let secs: Vec<u64> = waits.iter().map(Duration::as_secs).collect();
/// assert_eq!(secs, [5, 10, 30, 1200, 5, 10, 30]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RetryPolicy {
    sets: NonZeroU32,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy::documented()
    }
}

impl RetryPolicy {
    /// The documented schedule: retries after 5, 10 and 30 seconds; when the third fails, a
    /// pause of 20 minutes and another set: a try, then retries after 5, 10 and 30 seconds
    /// (decided: `retry-sets`, two sets in all, so seven retries).
    ///
    /// ```
    /// assert_eq!(ses_presend::error::RetryPolicy::documented().max_retries(), 7);
    /// ```
    pub fn documented() -> RetryPolicy {
        RetryPolicy {
            sets: NonZeroU32::new(2).expect("two is not zero"),
        }
    }

    /// The same schedule with `sets` sets, 20 minutes apart.
    ///
    /// ```
    /// use std::num::NonZeroU32;
    /// let one = ses_presend::error::RetryPolicy::documented().with_sets(NonZeroU32::MIN);
    /// assert_eq!(one.waits().count(), 3);
    /// ```
    #[must_use]
    pub fn with_sets(self, sets: NonZeroU32) -> RetryPolicy {
        RetryPolicy { sets }
    }

    /// How many retries the schedule allows in all: three in the first set, four (the try
    /// after the pause and its three retries) in each later one.
    ///
    /// ```
    /// use std::num::NonZeroU32;
    /// let three = ses_presend::error::RetryPolicy::documented().with_sets(NonZeroU32::new(3).unwrap());
    /// assert_eq!(three.max_retries(), 11);
    /// ```
    pub fn max_retries(&self) -> u32 {
        self.sets.get().saturating_mul(4) - 1
    }

    /// The wait before retry number `retry` (from 1), or `None` when the schedule is over.
    ///
    /// ```
    /// use ses_presend::error::RetryPolicy;
    /// use std::time::Duration;
    /// let policy = RetryPolicy::documented();
    /// assert_eq!(policy.wait_before(1), Some(Duration::from_secs(5)));
    /// assert_eq!(policy.wait_before(4), Some(Duration::from_secs(20 * 60)));
    /// assert_eq!(policy.wait_before(5), Some(Duration::from_secs(5)));
    /// assert_eq!(policy.wait_before(7), Some(Duration::from_secs(30)));
    /// assert_eq!(policy.wait_before(8), None);
    /// assert_eq!(policy.wait_before(0), None);
    /// ```
    pub fn wait_before(&self, retry: u32) -> Option<Duration> {
        if retry == 0 || retry > self.max_retries() {
            return None;
        }
        Some(match (retry - 1) % 4 {
            3 => PAUSE,
            step => WAITS[step as usize],
        })
    }

    /// What to do after `error` ended try number `failures` (from 1): the wait before the next
    /// try, or `None` when the error is not worth retrying (see [`SesError::is_retryable`]) or
    /// the schedule is over.
    ///
    /// ```
    /// use ses_presend::{ErrorCode, SesError};
    /// use ses_presend::error::RetryPolicy;
    /// use std::time::Duration;
    /// let policy = RetryPolicy::documented();
    /// let throttled = SesError::new(ErrorCode::Throttling, "Maximum sending rate exceeded.");
    /// assert_eq!(policy.next_wait(&throttled, 1), Some(Duration::from_secs(5)));
    /// let bad = ses_presend::parse_address("bob").unwrap_err();
    /// assert_eq!(policy.next_wait(&bad, 1), None);
    /// ```
    pub fn next_wait(&self, error: &SesError, failures: u32) -> Option<Duration> {
        match error.is_retryable() {
            true => self.wait_before(failures),
            false => None,
        }
    }

    /// Every wait of the schedule, in order.
    ///
    /// ```
    /// let total: std::time::Duration = ses_presend::error::RetryPolicy::documented().waits().sum();
    /// assert_eq!(total.as_secs(), 2 * 45 + 1200);
    /// ```
    pub fn waits(&self) -> impl Iterator<Item = Duration> + '_ {
        (1..=self.max_retries()).filter_map(|retry| self.wait_before(retry))
    }
}
