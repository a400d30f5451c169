//! Throttling prediction (docs/account.md): the send-rate token bucket, the sliding
//! 24-hour window, the injectable clock, and many threads sharing one quota.

use ses_presend::account::{Clock, DailyLimit, ManualClock, MonotonicClock, SendLimits, SendQuota};
use ses_presend::request::SendEmailRequest;
use ses_presend::{Context, ErrorCode};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

const RATE: &str = "Maximum sending rate exceeded.";
const DAILY: &str = "Daily message quota exceeded.";

fn limits(rate: f64, daily: DailyLimit) -> SendLimits {
    SendLimits {
        max_send_rate: rate,
        max_24_hour_send: daily,
        sent_last_24_hours: 0,
    }
}

fn message(result: Result<(), ses_presend::SesError>) -> String {
    match result {
        Ok(()) => "OK".into(),
        Err(e) => {
            assert_eq!(e.code, ErrorCode::Throttling);
            e.message.into_owned()
        }
    }
}

#[test]
fn rate_bucket_refills_continuously() {
    let clock = ManualClock::new();
    let quota = SendQuota::with_clock(limits(10.0, DailyLimit::Unlimited), clock.clone());
    // A full bucket holds one second of sending.
    for _ in 0..10 {
        assert_eq!(message(quota.try_acquire(1)), "OK");
    }
    assert_eq!(message(quota.try_acquire(1)), RATE);
    // A tenth of a second earns one recipient.
    clock.advance(Duration::from_millis(99));
    assert_eq!(message(quota.try_acquire(1)), RATE);
    clock.advance(Duration::from_millis(1));
    assert_eq!(message(quota.try_acquire(1)), "OK");
    assert_eq!(message(quota.try_acquire(1)), RATE);
    // A long pause refills only up to one second's worth.
    clock.advance(Duration::from_secs(3600));
    assert_eq!(message(quota.try_acquire(10)), "OK");
    assert_eq!(message(quota.try_acquire(1)), RATE);
}

#[test]
fn a_large_message_leaves_the_bucket_in_debt() {
    let clock = ManualClock::new();
    let quota = SendQuota::with_clock(limits(2.0, DailyLimit::Unlimited), clock.clone());
    // 10 recipients at 2 per second: allowed on a full bucket of 2, leaving 8 of debt; the
    // next recipient needs 9 more tokens, 4.5 seconds.
    assert_eq!(message(quota.try_acquire(10)), "OK");
    clock.advance(Duration::from_millis(4499));
    assert_eq!(message(quota.try_acquire(1)), RATE);
    clock.advance(Duration::from_millis(1));
    assert_eq!(message(quota.try_acquire(1)), "OK");
    // A large message waits for a full bucket.
    clock.advance(Duration::from_millis(600));
    assert_eq!(message(quota.try_acquire(3)), RATE);
    clock.advance(Duration::from_millis(400));
    assert_eq!(message(quota.try_acquire(3)), "OK");
}

#[test]
fn daily_window_slides_by_the_minute() {
    let clock = ManualClock::new();
    clock.set(Duration::from_secs(30)); // half-way through minute 0
    let quota = SendQuota::with_clock(limits(1000.0, DailyLimit::Recipients(5)), clock.clone());
    assert_eq!(message(quota.try_acquire(3)), "OK");
    clock.advance(Duration::from_secs(3600)); // minute 60
    assert_eq!(message(quota.try_acquire(2)), "OK");
    assert_eq!(message(quota.try_acquire(1)), DAILY);
    assert_eq!(quota.sent_last_24_hours(), 5);
    // The first 3 count until 24 hours after the end of minute 0.
    clock.set(Duration::from_secs(24 * 3600 + 59));
    assert_eq!(message(quota.try_acquire(1)), DAILY);
    clock.set(Duration::from_secs(24 * 3600 + 60));
    assert_eq!(quota.sent_last_24_hours(), 2);
    assert_eq!(message(quota.try_acquire(3)), "OK");
    assert_eq!(message(quota.try_acquire(1)), DAILY);
    // After a day and more of silence, everything has left the window.
    clock.advance(Duration::from_secs(3 * 24 * 3600));
    assert_eq!(quota.sent_last_24_hours(), 0);
    assert_eq!(message(quota.try_acquire(5)), "OK");
}

#[test]
fn daily_quota_before_rate_and_refusals_take_nothing() {
    let clock = ManualClock::new();
    let quota = SendQuota::with_clock(
        SendLimits {
            max_send_rate: 1.0,
            max_24_hour_send: DailyLimit::Recipients(10),
            sent_last_24_hours: 9,
        },
        clock.clone(),
    );
    assert_eq!(message(quota.try_acquire(2)), DAILY);
    assert_eq!(message(quota.try_acquire(1)), "OK");
    // Both exceeded: the 24-hour quota is named.
    assert_eq!(message(quota.try_acquire(1)), DAILY);
    assert_eq!(quota.sent_last_24_hours(), 10);
}

#[test]
fn check_takes_nothing_and_zero_is_free() {
    let quota = SendQuota::with_clock(limits(1.0, DailyLimit::Recipients(1)), ManualClock::new());
    for _ in 0..5 {
        assert_eq!(message(quota.check(1)), "OK");
        assert_eq!(message(quota.try_acquire(0)), "OK");
    }
    assert_eq!(message(quota.try_acquire(1)), "OK");
    assert_eq!(message(quota.check(1)), DAILY);
}

#[test]
fn unlimited_daily_quota() {
    let clock = ManualClock::new();
    let quota = SendQuota::with_clock(limits(1000.0, DailyLimit::Unlimited), clock.clone());
    for _ in 0..100 {
        assert_eq!(message(quota.try_acquire(1000)), "OK");
        clock.advance(Duration::from_secs(1));
    }
    assert_eq!(quota.sent_last_24_hours(), 100_000);
}

#[test]
fn real_clock() {
    let clock = MonotonicClock::new();
    let before = clock.now();
    let quota = SendQuota::new(limits(1_000_000.0, DailyLimit::Recipients(3)));
    assert_eq!(message(quota.try_acquire(3)), "OK");
    assert_eq!(message(quota.try_acquire(1)), DAILY);
    assert!(clock.now() >= before);
    assert!(format!("{quota:?}").contains("sent_last_24_hours: 3"));
}

/// Many threads on a frozen clock: exactly one bucket's worth passes, no more, no fewer.
#[test]
fn threads_share_the_rate() {
    let clock = ManualClock::new();
    let quota = Arc::new(SendQuota::with_clock(
        limits(500.0, DailyLimit::Unlimited),
        clock,
    ));
    let passed = Arc::new(AtomicU64::new(0));
    let start = Arc::new(Barrier::new(8));
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let (quota, passed, start) = (quota.clone(), passed.clone(), start.clone());
            thread::spawn(move || {
                start.wait();
                for _ in 0..200 {
                    match quota.try_acquire(1) {
                        Ok(()) => {
                            passed.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(e) => assert_eq!(e.message, RATE),
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(passed.load(Ordering::Relaxed), 500);
    assert_eq!(quota.sent_last_24_hours(), 500);
}

/// Threads sending while the clock moves: the 24-hour quota is never exceeded, and it is
/// reached exactly.
#[test]
fn threads_share_the_daily_quota() {
    let clock = ManualClock::new();
    let quota = Arc::new(SendQuota::with_clock(
        limits(50.0, DailyLimit::Recipients(1_000)),
        clock.clone(),
    ));
    let passed = Arc::new(AtomicU64::new(0));
    let handles: Vec<_> = (0..6)
        .map(|i| {
            let (quota, passed, clock) = (quota.clone(), passed.clone(), clock.clone());
            thread::spawn(move || {
                for n in 0..2_000u64 {
                    if (n + i) % 7 == 0 {
                        clock.advance(Duration::from_millis(20));
                    }
                    if quota.try_acquire(1 + (n % 3) as u32).is_ok() {
                        passed.fetch_add(1 + n % 3, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let sent = passed.load(Ordering::Relaxed);
    assert!(sent <= 1_000, "{sent} recipients passed a quota of 1000");
    assert!(sent >= 998, "only {sent} of 1000 passed");
    assert_eq!(quota.sent_last_24_hours(), sent);
}

/// A context with a quota takes from it only for requests that pass everything else.
#[test]
fn context_takes_from_the_quota() {
    let clock = ManualClock::new();
    let quota = Arc::new(SendQuota::with_clock(
        limits(2.0, DailyLimit::Recipients(100)),
        clock.clone(),
    ));
    let validator = Context::new().with_quota(&quota);
    let good = SendEmailRequest::builder()
        .source("a@example.com")
        .to("b@example.com")
        .subject("s")
        .text("t")
        .build();
    let bad = SendEmailRequest::builder()
        .source("a@example.com")
        .to("bob")
        .subject("s")
        .text("t")
        .build();
    assert!(validator.check_email(&bad).is_err());
    assert_eq!(quota.sent_last_24_hours(), 0);
    assert!(validator.report_email(&good).errors.is_empty());
    assert_eq!(quota.sent_last_24_hours(), 0);
    assert!(validator.check_email(&good).is_ok());
    assert!(validator.check_email(&good).is_ok());
    assert_eq!(validator.check_email(&good).unwrap_err().to_string(), RATE);
    assert_eq!(
        validator.report_email(&good).errors[0].reason.as_str(),
        "sending-rate-exceeded"
    );
    clock.advance(Duration::from_secs(1));
    assert!(validator.check_email(&good).is_ok());
    assert_eq!(quota.sent_last_24_hours(), 3);
}

/// What the threads share must be shareable.
#[test]
fn shared_types_are_send_and_sync() {
    fn shareable<T: Send + Sync>() {}
    shareable::<SendQuota>();
    shareable::<Context<'static>>();
    shareable::<ses_presend::Account>();
    shareable::<ManualClock>();
}
