//! What SES answers on the wire: the accepted operation, the HTTP error and success responses
//! (docs/query.md), and the time format of the older signing.

use super::{
    check_with_statuses, time, HttpRequest, InvalidActionNamespace, Operation, QueryOptions,
    AWS_FAULT_NAMESPACE,
};
use crate::error::{ErrorCode, SesError};
use crate::render::{self, HttpResponse, V1_NAMESPACE};
use std::time::SystemTime;

/// A request SES would accept (a dry run: nothing is sent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Accepted {
    /// The operation SES would run.
    pub action: Operation,
}

/// The whole HTTP answer SES would give `req`: the error response, or for an accepted request
/// SES's success body with a fresh `RequestId` (and `MessageId` for a send). Nothing is sent.
///
/// ```
/// use ses_presend::query::{answer, HttpRequest, QueryOptions};
/// let req = HttpRequest {
///     method: "POST", path: "/", query: "", headers: vec![], body: b"",
/// };
/// let resp = answer(&req, &QueryOptions::new());
/// assert_eq!((resp.status, resp.body.as_str()), (404, "<UnknownOperationException/>"));
/// ```
pub fn answer(req: &HttpRequest<'_>, options: &QueryOptions<'_>) -> HttpResponse {
    let id = render::request_id();
    let now = options.context.time();
    match check_with_statuses(req, options) {
        Ok((_, Some(statuses))) => super::bulk::success_response(&statuses, &id, now),
        Ok((accepted, None)) => success_response(accepted.action, &id, now),
        Err(err) => error_response(&err, &id, options),
    }
}

/// The HTTP error response SES gives with `err`: the XML envelope (InvalidAction in the
/// namespace the options say; ServiceUnavailable without `<Message>` when it has no text), or
/// the bare `<UnknownOperationException/>`.
///
/// ```
/// use ses_presend::query::{error_response, QueryOptions};
/// use ses_presend::{ErrorCode, SesError};
/// let err = SesError::new(ErrorCode::ServiceUnavailable, "");
/// let resp = error_response(&err, "id-1", &QueryOptions::new());
/// assert_eq!(resp.status, 503);
/// assert!(!resp.body.contains("<Message>"));
/// ```
pub fn error_response(
    err: &SesError,
    request_id: &str,
    options: &QueryOptions<'_>,
) -> HttpResponse {
    let xml = render::v1_xml_with(err, request_id, options.apostrophes);
    let body = match (err.code, options.invalid_action_namespace) {
        (ErrorCode::InvalidAction, InvalidActionNamespace::AwsFault) => {
            xml.replacen(V1_NAMESPACE, AWS_FAULT_NAMESPACE, 1)
        }
        _ => xml,
    };
    HttpResponse {
        status: err.code.http_status(),
        headers: vec![
            ("Content-Type", "text/xml".to_string()),
            ("x-amzn-RequestId", request_id.to_string()),
        ],
        body,
    }
}

/// SES's success response for `action`: `<XResponse>` with `<XResult>` (holding the
/// `MessageId` for a send, else empty) and the `RequestId`.
///
/// ```
/// use ses_presend::query::{success_response, Operation};
/// use std::time::UNIX_EPOCH;
/// let resp = success_response(Operation::GetSendQuota, "id-1", UNIX_EPOCH);
/// assert_eq!(resp.body, "<GetSendQuotaResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">\
///     <GetSendQuotaResult/><ResponseMetadata><RequestId>id-1</RequestId></ResponseMetadata>\
///     </GetSendQuotaResponse>");
/// ```
pub fn success_response(action: Operation, request_id: &str, now: SystemTime) -> HttpResponse {
    let name = action.name();
    let result = match action.returns_message_id() {
        true => format!(
            "<{name}Result><MessageId>{}</MessageId></{name}Result>",
            render::message_id(now)
        ),
        false => format!("<{name}Result/>"),
    };
    xml_success(name, &result, request_id)
}

/// A `200` answer of operation `name`: `<{name}Response>` holding `result` (its
/// `<{name}Result>`) and the `RequestId`.
pub(super) fn xml_success(name: &str, result: &str, request_id: &str) -> HttpResponse {
    HttpResponse {
        status: 200,
        headers: vec![
            ("Content-Type", "text/xml".to_string()),
            ("x-amzn-RequestId", request_id.to_string()),
        ],
        body: format!(
            "<{name}Response xmlns=\"{V1_NAMESPACE}\">{result}<ResponseMetadata><RequestId>{}\
             </RequestId></ResponseMetadata></{name}Response>",
            render::xml_escape(request_id)
        ),
    }
}

/// A UTC time as the check reads the older signing's `Timestamp`: ISO 8601 extended format
/// ending in `Z` (`2018-11-07T00:55:54Z`, optional fractional seconds, which are dropped) or
/// the basic format of `X-Amz-Date` (`20181107T005554Z`). `None` for anything else, such as an
/// offset other than `Z` or a day that does not exist. For [`Context::with_time`](crate::Context::with_time).
///
/// ```
/// use ses_presend::query::parse_time;
/// use std::time::{Duration, UNIX_EPOCH};
/// let t = UNIX_EPOCH + Duration::from_secs(1_541_552_154);
/// assert_eq!(parse_time("2018-11-07T00:55:54Z"), Some(t));
/// assert_eq!(parse_time("2018-11-07T00:55:54.250Z"), Some(t));
/// assert_eq!(parse_time("20181107T005554Z"), Some(t));
/// assert_eq!(parse_time("2018-11-07T00:55:54+01:00"), None);
/// assert_eq!(parse_time("2018-02-30T00:00:00Z"), None);
/// ```
pub fn parse_time(text: &str) -> Option<SystemTime> {
    let seconds = time::parse_iso(text)?;
    let magnitude = std::time::Duration::from_secs(seconds.unsigned_abs());
    match seconds >= 0 {
        true => SystemTime::UNIX_EPOCH.checked_add(magnitude),
        false => SystemTime::UNIX_EPOCH.checked_sub(magnitude),
    }
}
