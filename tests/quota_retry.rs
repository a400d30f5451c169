//! The documented retry schedule (docs/codes.md) and which errors to retry.

use ses_presend::error::RetryPolicy;
use ses_presend::{ErrorCode, SesError};
use std::num::NonZeroU32;
use std::time::Duration;

fn secs(waits: impl Iterator<Item = Duration>) -> Vec<u64> {
    waits.map(|d| d.as_secs()).collect()
}

#[test]
fn documented_schedule() {
    let policy = RetryPolicy::documented();
    assert_eq!(policy, RetryPolicy::default());
    // 5, 10, 30 seconds; the third retry failed: 20 minutes, then another set.
    assert_eq!(secs(policy.waits()), [5, 10, 30, 1200, 5, 10, 30]);
    assert_eq!(policy.max_retries(), 7);
    let three = policy.with_sets(NonZeroU32::new(3).unwrap());
    assert_eq!(
        secs(three.waits()),
        [5, 10, 30, 1200, 5, 10, 30, 1200, 5, 10, 30]
    );
    let one = policy.with_sets(NonZeroU32::MIN);
    assert_eq!(secs(one.waits()), [5, 10, 30]);
    assert_eq!(one.wait_before(4), None);
}

#[test]
fn what_to_retry() {
    let policy = RetryPolicy::documented();
    for code in ErrorCode::ALL {
        let err = SesError::new(code, "x");
        let retry = matches!(
            code,
            ErrorCode::Throttling | ErrorCode::InternalFailure | ErrorCode::ServiceUnavailable
        );
        assert_eq!(err.is_retryable(), retry, "{code}");
        let expected = retry.then_some(Duration::from_secs(5));
        assert_eq!(policy.next_wait(&err, 1), expected, "{code}");
    }
    let throttled = SesError::new(ErrorCode::Throttling, "Maximum sending rate exceeded.");
    let waits: Vec<Option<Duration>> = (1..=8).map(|n| policy.next_wait(&throttled, n)).collect();
    assert_eq!(waits[3], Some(Duration::from_secs(1200)));
    assert_eq!(waits[6], Some(Duration::from_secs(30)));
    assert_eq!(waits[7], None);
}
