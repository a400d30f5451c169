//! The signature material of a Query request, checked for shape and date only (a signature is
//! never verified): Signature V4 in an Authorization header or presigned query parameters, or
//! the older signing's `Signature`, `AWSAccessKeyId`, `Timestamp` and `Expires`.

use super::time;
use super::{Params, QueryProblem};
use crate::error::{ErrorCode, SesError};
use crate::texts::query as msg;

/// The SigV4 algorithm.
const SIGV4: &str = "AWS4-HMAC-SHA256";
/// How far a SigV4 date may be from the clock, in seconds (seen: 5 minutes).
const SIGV4_WINDOW: i64 = 5 * 60;
/// How far the older signing's Timestamp may be from the clock, in seconds (doc: 15 minutes).
const TIMESTAMP_WINDOW: i64 = 15 * 60;
/// The longest lifetime a presigned URL can have: a week.
const MAX_PRESIGNED_LIFETIME: i64 = 7 * 24 * 60 * 60;

/// The presigned form's parameters, in the order their absence is named (`query-presigned`).
const PRESIGNED: [&str; 5] = [
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Signature",
    "X-Amz-Date",
    "X-Amz-SignedHeaders",
];

/// What went wrong, where.
pub(crate) struct Failure {
    pub field: &'static str,
    pub problem: QueryProblem,
    pub error: SesError,
}

fn fail(field: &'static str, problem: QueryProblem, code: ErrorCode, text: String) -> Failure {
    Failure {
        field,
        problem,
        error: SesError::new(code, text),
    }
}

fn incomplete(field: &'static str, text: String) -> Failure {
    fail(
        field,
        QueryProblem::IncompleteSignature,
        ErrorCode::IncompleteSignature,
        text,
    )
}

/// Checks the signature material; on success, the access key id it names.
pub(crate) fn check<'p>(
    header: impl Fn(&str) -> Option<&'p str>,
    params: &Params<'p>,
    now: i64,
) -> Result<&'p str, Failure> {
    if let Some(authorization) = header("authorization") {
        let date = match header("x-amz-date") {
            Some(d) => Some((d, time::parse_basic(d), "X-Amz-Date")),
            None => header("date").map(|d| (d, time::parse_http_date(d), "Date")),
        };
        return authorization_header(authorization, date, now);
    }
    if PRESIGNED
        .iter()
        .any(|&name| name != "X-Amz-Date" && params.get(name).is_some())
    {
        return presigned(params, now);
    }
    if params.get("Signature").is_some() || params.get("AWSAccessKeyId").is_some() {
        return older(params, now);
    }
    Err(fail(
        "Authorization",
        QueryProblem::MissingAuthentication,
        ErrorCode::MissingAuthenticationToken,
        msg::MISSING_AUTHENTICATION_TOKEN.to_string(),
    ))
}

/// `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
fn authorization_header<'p>(
    header: &'p str,
    date: Option<(&str, Option<i64>, &'static str)>,
    now: i64,
) -> Result<&'p str, Failure> {
    let trimmed = header.trim_start();
    let (algorithm, rest) = trimmed
        .split_once(|c: char| c.is_ascii_whitespace())
        .unwrap_or((trimmed, ""));
    let mut credential = None;
    let (mut signature, mut signed_headers) = (false, false);
    for pair in rest.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(incomplete(
                "Authorization",
                msg::missing_equal_sign(pair, header),
            ));
        };
        match key.trim() {
            "Credential" => credential = credential.or(Some(value.trim())),
            "Signature" => signature = true,
            "SignedHeaders" => signed_headers = true,
            _ => {}
        }
    }
    let mut sentences = Vec::new();
    if credential.is_none() {
        sentences.push(msg::REQUIRES_CREDENTIAL);
    }
    if !signature {
        sentences.push(msg::REQUIRES_SIGNATURE);
    }
    if !signed_headers {
        sentences.push(msg::REQUIRES_SIGNED_HEADERS);
    }
    if date.is_none() {
        sentences.push(msg::REQUIRES_DATE);
    }
    let (Some(credential), Some((written, parsed, field))) = (credential, date) else {
        return Err(incomplete(
            "Authorization",
            msg::incomplete_authorization(&sentences, header),
        ));
    };
    if !sentences.is_empty() {
        return Err(incomplete(
            "Authorization",
            msg::incomplete_authorization(&sentences, header),
        ));
    }
    if algorithm != SIGV4 {
        return Err(incomplete(
            "Authorization",
            msg::unsupported_algorithm(algorithm),
        ));
    }
    let key = scope_key(credential, "Authorization")?;
    window(written, parsed, field, now)?;
    Ok(key)
}

/// The key id of a credential scope `keyid/date/region/service/aws4_request`.
fn scope_key<'p>(credential: &'p str, field: &'static str) -> Result<&'p str, Failure> {
    if credential.split('/').count() != 5 {
        return Err(incomplete(field, msg::credential_scope(credential)));
    }
    Ok(credential.split('/').next().unwrap_or_default())
}

/// The SigV4 date: readable, and within 5 minutes of the clock.
fn window(
    written: &str,
    parsed: Option<i64>,
    field: &'static str,
    now: i64,
) -> Result<(), Failure> {
    let Some(date) = parsed else {
        return Err(incomplete(field, msg::bad_date(written)));
    };
    let text = |t: i64| time::format_basic(t);
    let expired = |text: String| {
        fail(
            field,
            QueryProblem::SignatureDate,
            ErrorCode::SignatureDoesNotMatch,
            text,
        )
    };
    if date < now.saturating_sub(SIGV4_WINDOW) {
        return Err(expired(msg::signature_expired(
            &text(date),
            &text(now - SIGV4_WINDOW),
            &text(now),
        )));
    }
    if date > now.saturating_add(SIGV4_WINDOW) {
        return Err(expired(msg::signature_not_yet_current(
            &text(date),
            &text(now + SIGV4_WINDOW),
            &text(now),
        )));
    }
    Ok(())
}

/// `?X-Amz-Algorithm=…&X-Amz-Credential=…&X-Amz-Date=…&X-Amz-SignedHeaders=…&X-Amz-Signature=…`.
fn presigned<'p>(params: &Params<'p>, now: i64) -> Result<&'p str, Failure> {
    let missing: Vec<&str> = PRESIGNED
        .iter()
        .copied()
        .filter(|&name| params.get(name).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(incomplete(
            "X-Amz-Algorithm",
            msg::presigned_missing(&missing),
        ));
    }
    let get = |name| params.get(name).unwrap_or_default();
    let algorithm = get("X-Amz-Algorithm");
    if algorithm != SIGV4 {
        return Err(incomplete(
            "X-Amz-Algorithm",
            msg::unsupported_algorithm(algorithm),
        ));
    }
    let key = scope_key(get("X-Amz-Credential"), "X-Amz-Credential")?;
    let date = get("X-Amz-Date");
    let parsed = time::parse_basic(date);
    // A presigned URL lives X-Amz-Expires seconds from its date (decided `query-presigned`);
    // a date ahead of the clock, or a lifetime that cannot be read, gets the 5-minute rule.
    let lifetime = params.get("X-Amz-Expires").and_then(presigned_lifetime);
    if let (Some(signed), Some(lifetime)) = (parsed, lifetime) {
        if signed <= now {
            if signed.saturating_add(lifetime) < now {
                return Err(fail(
                    "X-Amz-Expires",
                    QueryProblem::RequestExpired,
                    ErrorCode::RequestExpired,
                    msg::REQUEST_EXPIRED.to_string(),
                ));
            }
            return Ok(key);
        }
    }
    window(date, parsed, "X-Amz-Date", now)?;
    Ok(key)
}

/// `X-Amz-Expires`: whole seconds, 1 to 604800 (a week, SigV4's longest); `None` otherwise.
fn presigned_lifetime(text: &str) -> Option<i64> {
    if text.is_empty() || text.len() > 6 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seconds: i64 = text.parse().ok()?;
    (1..=MAX_PRESIGNED_LIFETIME)
        .contains(&seconds)
        .then_some(seconds)
}

/// The older signing: `AWSAccessKeyId`, `Signature`, and `Timestamp` or `Expires`.
fn older<'p>(params: &Params<'p>, now: i64) -> Result<&'p str, Failure> {
    let missing = |name: &'static str| {
        fail(
            name,
            QueryProblem::MissingParameter,
            ErrorCode::MissingParameter,
            msg::missing_parameter(name),
        )
    };
    let Some(key) = params.get("AWSAccessKeyId") else {
        return Err(missing("AWSAccessKeyId"));
    };
    if params.get("Signature").is_none() {
        return Err(missing("Signature"));
    }
    let bad_date = |name: &'static str, value: &str| {
        fail(
            name,
            QueryProblem::SigningDate,
            ErrorCode::InvalidParameterValue,
            msg::invalid_timestamp(name, value),
        )
    };
    let expired = |name: &'static str| {
        fail(
            name,
            QueryProblem::RequestExpired,
            ErrorCode::RequestExpired,
            msg::REQUEST_EXPIRED.to_string(),
        )
    };
    match (params.get("Timestamp"), params.get("Expires")) {
        (None, None) => Err(missing("Timestamp")),
        (Some(_), Some(_)) => Err(fail(
            "Expires",
            QueryProblem::ExclusiveParameters,
            ErrorCode::InvalidParameterCombination,
            msg::parameters_exclusive("Timestamp", "Expires"),
        )),
        (Some(stamp), None) => match time::parse_iso(stamp) {
            None => Err(bad_date("Timestamp", stamp)),
            Some(t) if t.abs_diff(now) > TIMESTAMP_WINDOW as u64 => Err(expired("Timestamp")),
            Some(_) => Ok(key),
        },
        (None, Some(expires)) => match time::parse_iso(expires) {
            None => Err(bad_date("Expires", expires)),
            Some(t) if t < now => Err(expired("Expires")),
            Some(_) => Ok(key),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::presigned_lifetime;

    #[test]
    fn presigned_lifetimes() {
        for (text, seconds) in [
            ("1", Some(1)),
            ("3600", Some(3600)),
            ("604800", Some(604_800)),
        ] {
            assert_eq!(presigned_lifetime(text), seconds, "{text}");
        }
        for text in ["", "0", "604801", "9999999", "-5", "+5", "1.5", " 60", "٣"] {
            assert_eq!(presigned_lifetime(text), None, "{text}");
        }
    }
}
