//! UTC instants as the signing dates write them, read and written without a date crate: whole
//! seconds since 1970-01-01T00:00:00Z, converted with a proleptic Gregorian civil-date routine.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch (negative before it), saturating.
pub(crate) fn seconds(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => i64::try_from(e.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

/// Days since 1970-01-01 of a civil date (March-based years make February the last month, so
/// a leap day never moves the other months).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = i64::from((month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date of a day count since 1970-01-01: the inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Seconds since the epoch of a checked date and time of day.
fn instant(year: i64, month: u32, day: u32, h: u32, m: u32, s: u32) -> Option<i64> {
    let valid = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && h < 24
        && m < 60
        && s < 60;
    valid.then(|| days_from_civil(year, month, day) * 86_400 + i64::from(h * 3600 + m * 60 + s))
}

/// The number written by `digits` (ASCII digits only).
fn number(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    digits.iter().try_fold(0u32, |n, &d| {
        n.checked_mul(10)?.checked_add(u32::from(d - b'0'))
    })
}

/// The instant written at `spans` of `b`: year, month, day, hour, minute, second.
fn at(b: &[u8], spans: [std::ops::Range<usize>; 6]) -> Option<i64> {
    let [year, month, day, h, m, s] = spans.map(|span| number(&b[span]));
    instant(i64::from(year?), month?, day?, h?, m?, s?)
}

/// ISO 8601 basic format, as SigV4 writes it: `20181107T003842Z`.
pub(crate) fn parse_basic(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    at(b, [0..4, 4..6, 6..8, 9..11, 11..13, 13..15])
}

/// ISO 8601 extended format in UTC, as the older signing's `Timestamp` and `Expires` write it:
/// `2011-10-03T15:19:30Z`, with optional fractional seconds (`…30.123Z`); the basic format is
/// read too.
pub(crate) fn parse_iso(text: &str) -> Option<i64> {
    if let Some(t) = parse_basic(text) {
        return Some(t);
    }
    let b = text.as_bytes();
    let rest = text.strip_suffix('Z')?.as_bytes();
    if rest.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    match &rest[19..] {
        [] => {}
        [b'.', fraction @ ..]
            if !fraction.is_empty() && fraction.iter().all(u8::is_ascii_digit) => {}
        _ => return None,
    }
    at(b, [0..4, 5..7, 8..10, 11..13, 14..16, 17..19])
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The HTTP `Date` header (RFC 7231 IMF-fixdate: `Wed, 07 Nov 2018 00:38:42 GMT`; the day
/// name is optional), or the ISO 8601 basic format.
pub(crate) fn parse_http_date(text: &str) -> Option<i64> {
    if let Some(t) = parse_basic(text) {
        return Some(t);
    }
    let mut words = text.split_ascii_whitespace().peekable();
    if words.peek()?.ends_with(',') {
        words.next();
    }
    let day = number(words.next()?.as_bytes())?;
    let month_name = words.next()?;
    let month = MONTHS.iter().position(|&m| m == month_name)? as u32 + 1;
    let year = number(words.next()?.as_bytes())?;
    let clock: Vec<&str> = words.next()?.split(':').collect();
    if words.next()? != "GMT" || words.next().is_some() || clock.len() != 3 {
        return None;
    }
    let [h, m, s] = [clock[0], clock[1], clock[2]].map(|p| number(p.as_bytes()));
    instant(i64::from(year), month, day, h?, m?, s?)
}

/// The ISO 8601 basic format of an instant: `20181107T003842Z`.
pub(crate) fn format_basic(t: i64) -> String {
    let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let t = parse_basic("20181107T003842Z").unwrap();
        assert_eq!(t, 1_541_551_122);
        assert_eq!(format_basic(t), "20181107T003842Z");
        assert_eq!(parse_iso("2018-11-07T00:38:42.5Z"), Some(t));
        assert_eq!(parse_http_date("Wed, 07 Nov 2018 00:38:42 GMT"), Some(t));
        assert_eq!(format_basic(0), "19700101T000000Z");
        assert_eq!(format_basic(-1), "19691231T235959Z");
        assert_eq!(
            parse_basic("20240229T120000Z").map(format_basic).as_deref(),
            Some("20240229T120000Z")
        );
        assert_eq!(parse_basic("20230229T120000Z"), None);
        assert_eq!(parse_basic("2018110TT003842Z"), None);
        assert_eq!(parse_iso("2018-11-07T24:00:00Z"), None);
    }

    #[test]
    fn every_day_round_trips() {
        for days in -800_000..800_000 {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
