//! Throttling prediction: the account's maximum send rate and its 24-hour quota, counted in
//! recipients as SES counts them (docs/account.md).
//!
//! [`SendQuota::try_acquire`] answers what SES would answer for a send to that many recipients
//! now: `Ok`, or `Throttling` with `Maximum sending rate exceeded.` or `Daily message quota
//! exceeded.` One `SendQuota` is shared by every thread that sends from the account.
//!
//! How it counts (decided: `quota-model` in [`crate::report::DECISIONS`]):
//!
//! - **Rate**: a token bucket that holds one second of sending (`max_send_rate` tokens, at least
//!   one) and refills continuously. A send takes one token per recipient. A message with more
//!   recipients than the bucket holds passes when the bucket is full and leaves it in debt, so
//!   the average rate still holds.
//! - **24 hours**: a sliding window counted by the minute: a ring of 1 441 per-minute counters
//!   and their running total. A recipient counts from the moment it is sent until 24 hours after
//!   the end of its minute, so the window errs on the safe side by less than a minute.
//! - The 24-hour quota is checked first; a refused send takes nothing.
//!
//! Memory is fixed (about 11.5 KiB per quota) and each call does constant work: at most one
//! pass over the ring after a long idle time, otherwise a counter or two.

use super::{DailyLimit, SendLimits};
use crate::error::{ErrorCode, SesError};
use crate::texts::account as msg;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// A source of time for [`SendQuota`]: the time since a fixed origin of the clock's choosing.
/// It must not go backwards; a quota treats a step back as no time passing.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The time since the clock's origin.
    fn now(&self) -> Duration;
}

/// The real time, from a monotonic clock ([`Instant`]).
///
/// ```
/// use ses_presend::account::{Clock, MonotonicClock};
/// let clock = MonotonicClock::new();
/// assert!(clock.now() <= clock.now());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct MonotonicClock {
    origin: Instant,
}

impl MonotonicClock {
    /// A clock whose origin is now.
    ///
    /// ```
    /// use ses_presend::account::Clock;
    /// assert!(ses_presend::account::MonotonicClock::new().now().as_secs() < 1);
    /// ```
    pub fn new() -> MonotonicClock {
        MonotonicClock {
            origin: Instant::now(),
        }
    }
}

impl Default for MonotonicClock {
    fn default() -> MonotonicClock {
        MonotonicClock::new()
    }
}

impl Clock for MonotonicClock {
    fn now(&self) -> Duration {
        self.origin.elapsed()
    }
}

/// A clock that moves only when told to, for tests and simulations. Clones share the time.
///
/// ```
/// use ses_presend::account::{Clock, ManualClock};
/// use std::time::Duration;
/// let clock = ManualClock::new();
/// let shared = clock.clone();
/// clock.advance(Duration::from_secs(3));
/// assert_eq!(shared.now(), Duration::from_secs(3));
/// ```
#[derive(Debug, Clone, Default)]
pub struct ManualClock {
    nanos: Arc<AtomicU64>,
}

impl ManualClock {
    /// A clock at its origin.
    ///
    /// ```
    /// use ses_presend::account::Clock;
    /// assert_eq!(ses_presend::account::ManualClock::new().now().as_nanos(), 0);
    /// ```
    pub fn new() -> ManualClock {
        ManualClock::default()
    }

    /// Moves the clock forward by `by`.
    ///
    /// ```
    /// use ses_presend::account::Clock;
    /// let clock = ses_presend::account::ManualClock::new();
    /// clock.advance(std::time::Duration::from_millis(1500));
    /// assert_eq!(clock.now().as_millis(), 1500);
    /// ```
    pub fn advance(&self, by: Duration) {
        let by = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        let _ = self
            .nanos
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                Some(n.saturating_add(by))
            });
    }

    /// Sets the clock to `to` since its origin.
    ///
    /// ```
    /// use ses_presend::account::Clock;
    /// let clock = ses_presend::account::ManualClock::new();
    /// clock.set(std::time::Duration::from_secs(60));
    /// assert_eq!(clock.now().as_secs(), 60);
    /// ```
    pub fn set(&self, to: Duration) {
        self.nanos.store(
            u64::try_from(to.as_nanos()).unwrap_or(u64::MAX),
            Ordering::SeqCst,
        );
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Duration {
        Duration::from_nanos(self.nanos.load(Ordering::SeqCst))
    }
}

/// Nanoseconds in a minute, the 24-hour window's granularity.
const MINUTE: u64 = 60_000_000_000;
/// Minutes a recipient can count for: the 1 440 of 24 hours and the rest of its own.
const RING: usize = 24 * 60 + 1;
/// One token in bucket units: with the rate in thousandths of a recipient per second, a bucket
/// gains `rate_milli` units per nanosecond.
const TOKEN: i128 = 1_000_000_000_000;

/// The account's sending rate and 24-hour quota, shared by all threads that send.
///
/// ```
/// use ses_presend::account::{DailyLimit, ManualClock, SendLimits, SendQuota};
/// use std::time::Duration;
///
/// let clock = ManualClock::new();
/// let limits = SendLimits { max_send_rate: 2.0, max_24_hour_send: DailyLimit::Recipients(3),
///                           sent_last_24_hours: 0 };
/// let quota = SendQuota::with_clock(limits, clock.clone());
/// assert!(quota.try_acquire(2).is_ok());
/// assert_eq!(quota.try_acquire(1).unwrap_err().to_string(), "Maximum sending rate exceeded.");
/// clock.advance(Duration::from_secs(1));
/// assert!(quota.try_acquire(1).is_ok());
/// assert_eq!(quota.try_acquire(1).unwrap_err().to_string(), "Daily message quota exceeded.");
/// ```
pub struct SendQuota {
    /// Thousandths of a recipient per second.
    rate_milli: u64,
    /// Bucket capacity in units: one second of sending, at least one token.
    capacity: i128,
    daily: DailyLimit,
    clock: Box<dyn Clock>,
    state: Mutex<State>,
}

struct State {
    /// Tokens in units of [`TOKEN`]; below zero after a large message (debt).
    tokens: i128,
    /// When the bucket was last refilled, in the clock's nanoseconds.
    refilled_at: u64,
    /// Recipients per minute; minute `m` lives at `m % RING`.
    minutes: Box<[u64]>,
    /// The minute the ring is current for.
    minute: u64,
    /// The sum of `minutes`.
    total: u64,
}

impl fmt::Debug for SendQuota {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendQuota")
            .field("max_send_rate", &(self.rate_milli as f64 / 1000.0))
            .field("max_24_hour_send", &self.daily)
            .field("sent_last_24_hours", &self.sent_last_24_hours())
            .finish()
    }
}

/// What a send would do to the quota.
enum Verdict {
    Allowed,
    RateExceeded,
    DailyExceeded,
}

impl SendQuota {
    /// A quota on the real clock.
    ///
    /// ```
    /// use ses_presend::account::{SendLimits, SendQuota};
    /// let quota = SendQuota::new(SendLimits::SANDBOX);
    /// assert!(quota.try_acquire(1).is_ok());
    /// ```
    pub fn new(limits: SendLimits) -> SendQuota {
        SendQuota::with_clock(limits, MonotonicClock::new())
    }

    /// A quota on `clock`. The recipients of `limits.sent_last_24_hours` are counted as sent
    /// now (their times are not known), so they leave the window 24 hours from now.
    ///
    /// ```
    /// use ses_presend::account::{DailyLimit, ManualClock, SendLimits, SendQuota};
    /// let limits = SendLimits { max_send_rate: 10.0, max_24_hour_send: DailyLimit::Recipients(100),
    ///                           sent_last_24_hours: 99 };
    /// let quota = SendQuota::with_clock(limits, ManualClock::new());
    /// assert!(quota.try_acquire(2).is_err());
    /// assert!(quota.try_acquire(1).is_ok());
    /// ```
    pub fn with_clock(limits: SendLimits, clock: impl Clock + 'static) -> SendQuota {
        let rate = if limits.max_send_rate.is_finite() && limits.max_send_rate > 0.0 {
            limits.max_send_rate
        } else {
            0.0
        };
        let rate_milli = (rate * 1000.0).round().min(u64::MAX as f64) as u64;
        let capacity = (i128::from(rate_milli) * 1_000_000_000).max(TOKEN);
        let now = nanos(clock.now());
        let mut minutes = vec![0u64; RING].into_boxed_slice();
        let minute = now / MINUTE;
        minutes[(minute % RING as u64) as usize] = limits.sent_last_24_hours;
        SendQuota {
            rate_milli,
            capacity,
            daily: limits.max_24_hour_send,
            clock: Box::new(clock),
            state: Mutex::new(State {
                tokens: capacity,
                refilled_at: now,
                minutes,
                minute,
                total: limits.sent_last_24_hours,
            }),
        }
    }

    /// The sandbox's quota on the real clock: 1 recipient per second, 200 per 24 hours.
    ///
    /// ```
    /// let quota = ses_presend::account::SendQuota::sandbox();
    /// assert!(quota.try_acquire(1).is_ok());
    /// assert!(quota.try_acquire(1).is_err());
    /// ```
    pub fn sandbox() -> SendQuota {
        SendQuota::new(SendLimits::SANDBOX)
    }

    /// Takes `recipients` from the quota if SES would accept a send to them now; otherwise
    /// takes nothing and returns SES's `Throttling` error.
    ///
    /// ```
    /// use ses_presend::ErrorCode;
    /// use ses_presend::account::SendQuota;
    /// let quota = SendQuota::sandbox();
    /// assert!(quota.try_acquire(1).is_ok());
    /// let err = quota.try_acquire(1).unwrap_err();
    /// assert_eq!(err.code, ErrorCode::Throttling);
    /// assert!(err.is_retryable());
    /// ```
    pub fn try_acquire(&self, recipients: u32) -> Result<(), SesError> {
        self.decide(recipients, true)
    }

    /// What [`try_acquire`](Self::try_acquire) would answer now, taking nothing.
    ///
    /// ```
    /// let quota = ses_presend::account::SendQuota::sandbox();
    /// assert!(quota.check(1).is_ok());
    /// assert!(quota.check(1).is_ok());
    /// ```
    pub fn check(&self, recipients: u32) -> Result<(), SesError> {
        self.decide(recipients, false)
    }

    /// The recipients counted in the current 24-hour window.
    ///
    /// ```
    /// let quota = ses_presend::account::SendQuota::sandbox();
    /// quota.try_acquire(1).unwrap();
    /// assert_eq!(quota.sent_last_24_hours(), 1);
    /// ```
    pub fn sent_last_24_hours(&self) -> u64 {
        let now = nanos(self.clock.now());
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.advance(now);
        state.total
    }

    fn decide(&self, recipients: u32, take: bool) -> Result<(), SesError> {
        if recipients == 0 {
            return Ok(());
        }
        let now = nanos(self.clock.now());
        // The state is consistent after every statement, so a panic elsewhere cannot have
        // left it half-updated: a poisoned lock is safe to use.
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.advance(now);
        state.refill(now, self.rate_milli, self.capacity);
        let need = i128::from(recipients) * TOKEN;
        let verdict = match self.daily {
            DailyLimit::Recipients(max)
                if state.total.saturating_add(u64::from(recipients)) > max =>
            {
                Verdict::DailyExceeded
            }
            _ if state.tokens < need.min(self.capacity) => Verdict::RateExceeded,
            _ => Verdict::Allowed,
        };
        match verdict {
            Verdict::Allowed => {
                if take {
                    state.tokens -= need;
                    let slot = (state.minute % RING as u64) as usize;
                    state.minutes[slot] = state.minutes[slot].saturating_add(u64::from(recipients));
                    state.total = state.total.saturating_add(u64::from(recipients));
                }
                Ok(())
            }
            Verdict::RateExceeded => Err(SesError::new(
                ErrorCode::Throttling,
                msg::MAX_SEND_RATE_EXCEEDED,
            )),
            Verdict::DailyExceeded => Err(SesError::new(
                ErrorCode::Throttling,
                msg::DAILY_QUOTA_EXCEEDED,
            )),
        }
    }
}

impl State {
    /// Moves the 24-hour ring to the minute of `now`, dropping the minutes that left it.
    fn advance(&mut self, now: u64) {
        let minute = now / MINUTE;
        if minute <= self.minute {
            return;
        }
        if minute - self.minute >= RING as u64 {
            self.minutes.fill(0);
            self.total = 0;
        } else {
            for m in self.minute + 1..=minute {
                let slot = (m % RING as u64) as usize;
                self.total -= self.minutes[slot];
                self.minutes[slot] = 0;
            }
        }
        self.minute = minute;
    }

    /// Adds the tokens earned since the last refill, up to the bucket's capacity.
    fn refill(&mut self, now: u64, rate_milli: u64, capacity: i128) {
        if now <= self.refilled_at {
            return;
        }
        let earned = i128::from(now - self.refilled_at) * i128::from(rate_milli);
        self.tokens = self.tokens.saturating_add(earned).min(capacity);
        self.refilled_at = now;
    }
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(rate: f64, daily: u64) -> SendLimits {
        SendLimits {
            max_send_rate: rate,
            max_24_hour_send: DailyLimit::Recipients(daily),
            sent_last_24_hours: 0,
        }
    }

    #[test]
    fn fractional_rate_refills_in_proportion() {
        let clock = ManualClock::new();
        let quota = SendQuota::with_clock(limits(0.5, 1000), clock.clone());
        assert!(quota.try_acquire(1).is_ok());
        clock.advance(Duration::from_millis(1999));
        assert!(quota.try_acquire(1).is_err());
        clock.advance(Duration::from_millis(1));
        assert!(quota.try_acquire(1).is_ok());
    }

    #[test]
    fn clock_going_back_counts_as_no_time() {
        let clock = ManualClock::new();
        clock.set(Duration::from_secs(10));
        let quota = SendQuota::with_clock(limits(1.0, 1000), clock.clone());
        assert!(quota.try_acquire(1).is_ok());
        clock.set(Duration::from_secs(5));
        assert!(quota.try_acquire(1).is_err());
    }
}
