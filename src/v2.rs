//! SES v2's SendEmail over HTTP (`POST /v2/email/outbound-emails`), answered as a dry run
//! (feature `serde`): the error response SES would send, or the success it would send, with
//! nothing sent. `ses-presend serve` answers that route with [`check_credentials`], then
//! [`answer`].

use crate::account::Context;
use crate::render::{self, HttpResponse};
use crate::request::V2SendEmailRequest;
use crate::texts::v2 as msg;
use crate::{ErrorCode, SesError};
use std::time::SystemTime;

/// The whole HTTP answer to a v2 SendEmail request body: SES's error (v2 status,
/// `x-amzn-ErrorType`, `{"message":…}`), or `200 {"MessageId":"…"}` with a made-up message
/// id when SES would accept the request. A body that is not SendEmail's JSON gets
/// `400 BadRequestException` saying what is wrong and where (decided: `v2-bad-json` in
/// [`crate::report::DECISIONS`]).
///
/// ```
/// use ses_presend::{v2, Context};
///
/// let ok = br#"{"FromEmailAddress": "ops@example.com",
///               "Destination": {"ToAddresses": ["a@example.com"]},
///               "Content": {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hi"}}}}}"#;
/// let resp = v2::answer(ok, &Context::new());
/// assert_eq!(resp.status, 200);
/// assert!(resp.body.starts_with(r#"{"MessageId":""#));
///
/// let bad = br#"{"FromEmailAddress": "ops@", "Content": {"Raw": {"Data": "eA=="}}}"#;
/// let resp = v2::answer(bad, &Context::new());
/// assert_eq!((resp.status, resp.body.as_str()), (400, r#"{"message":"Missing domain"}"#));
///
/// let resp = v2::answer(b"{", &Context::new());
/// assert_eq!(resp.body, r#"{"message":"The request body is not a valid SendEmail request: EOF while parsing an object (line 1, column 1)."}"#);
/// ```
pub fn answer(body: &[u8], context: &Context<'_>) -> HttpResponse {
    let request = match read_json(body, V2SendEmailRequest::from_json, msg::bad_json) {
        Ok(request) => request,
        Err(response) => return response,
    };
    if let Err(err) = context.check_email(&request) {
        return render::v2_response(&err, None);
    }
    let mut body = String::from("{\"MessageId\":");
    render::json_string(&mut body, &message_id());
    body.push('}');
    json_success(body)
}

/// Whether a v2 request carries signature material: an `Authorization` header (any value;
/// the name compared without case), or the presigned query parameters `X-Amz-Signature` or
/// `X-Amz-Credential` (names percent-decoded). Only the shape is looked at, as for the v1 Query
/// API: a signature is never verified. Without any, SES answers
/// `403 MissingAuthenticationTokenException` `Missing Authentication Token` (seen), which
/// [`render::v2_response`] renders with `x-amzn-ErrorType` and `{"message":…}`.
/// `ses-presend serve` checks this before [`answer`].
///
/// ```
/// use ses_presend::{render, v2, Api, ErrorCode};
///
/// let signed = [("authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/…")];
/// assert!(v2::check_credentials(&signed, "").is_ok());
/// assert!(v2::check_credentials(&[], "X-Amz-Credential=AKIDEXAMPLE%2F20181107").is_ok());
///
/// let err = v2::check_credentials(&[("Content-Type", "application/json")], "").unwrap_err();
/// assert_eq!(err.code, ErrorCode::MissingAuthenticationToken);
/// let resp = render::v2_response(&err, None);
/// assert_eq!((resp.status, resp.body.as_str()), (403, r#"{"message":"Missing Authentication Token"}"#));
/// assert!(resp.headers.contains(&("x-amzn-ErrorType", "MissingAuthenticationTokenException".to_string())));
/// ```
pub fn check_credentials(headers: &[(&str, &str)], query: &str) -> Result<(), SesError> {
    let header = headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("authorization"));
    let presigned = query.split('&').any(|pair| {
        let name = pair.split_once('=').map_or(pair, |(name, _)| name);
        matches!(
            percent_decoded(name).as_deref(),
            Some("X-Amz-Signature" | "X-Amz-Credential")
        )
    });
    match header || presigned {
        true => Ok(()),
        false => Err(SesError::new(
            ErrorCode::MissingAuthenticationToken,
            msg::MISSING_AUTHENTICATION_TOKEN,
        )),
    }
}

/// A query-string name with its `%XX` escapes undone (`+` is a space); `None` when an escape
/// is malformed or the result is not UTF-8.
fn percent_decoded(name: &str) -> Option<String> {
    if !name.contains(['%', '+']) {
        return Some(name.to_string());
    }
    let bytes = name.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit))?;
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The whole HTTP answer to a v2 SendBulkEmail request body
/// (`POST /v2/email/outbound-bulk-emails`): SES's error for the whole request, or
/// `200 {"BulkEmailEntryResults":[…]}` with each entry's `Status`, and its `Error` or a made-up
/// `MessageId` ([`crate::request::bulk`], docs/requests.md#bulk-sends).
///
/// ```
/// use ses_presend::{v2, Context};
/// let body = br#"{"FromEmailAddress": "ops@example.com",
///     "DefaultContent": {"Template": {"TemplateName": "welcome", "TemplateData": "{}"}},
///     "BulkEmailEntries": [{"Destination": {"ToAddresses": ["a@example.com"]}},
///                          {"Destination": {"ToAddresses": ["b@"]}}]}"#;
/// let resp = v2::bulk_answer(body, &Context::new());
/// assert_eq!(resp.status, 200);
/// assert!(resp.body.starts_with(r#"{"BulkEmailEntryResults":[{"Status":"SUCCESS","MessageId":""#));
/// assert!(resp.body.ends_with(r#"{"Status":"INVALID_PARAMETER","Error":"Missing domain"}]}"#));
///
/// let resp = v2::bulk_answer(br#"{"BulkEmailEntries": []}"#, &Context::new());
/// assert_eq!(resp.status, 400);
/// ```
pub fn bulk_answer(body: &[u8], context: &Context<'_>) -> HttpResponse {
    use crate::request::bulk::{check_bulk, BulkRequest, V2SendBulkEmailRequest};
    let from_json = V2SendBulkEmailRequest::from_json;
    let request = match read_json(body, from_json, msg::bad_bulk_json) {
        Ok(request) => BulkRequest::V2(request),
        Err(response) => return response,
    };
    let entries = match check_bulk(&request, context) {
        Ok(entries) => entries,
        Err(err) => return render::v2_response(&err, None),
    };
    let mut body = String::from("{\"BulkEmailEntryResults\":[");
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        body.push_str("{\"Status\":");
        render::json_string(&mut body, entry.status.v2_name());
        match &entry.error {
            Some(error) => {
                body.push_str(",\"Error\":");
                render::json_string(&mut body, &error.message);
            }
            None => {
                body.push_str(",\"MessageId\":");
                render::json_string(&mut body, &message_id());
            }
        }
        body.push('}');
    }
    body.push_str("]}");
    json_success(body)
}

/// A v2 request body read with `from_json`; when it is not UTF-8 or not the operation's JSON,
/// the `400 BadRequestException` answer whose message `words` makes from what is wrong and
/// where (decided: `v2-bad-json`).
fn read_json<T>(
    body: &[u8],
    from_json: fn(&str) -> Result<T, crate::request::JsonError>,
    words: fn(&str) -> String,
) -> Result<T, HttpResponse> {
    let read = match std::str::from_utf8(body) {
        Err(e) => Err(format!(
            "it is not UTF-8 (a bad byte at offset {})",
            e.valid_up_to()
        )),
        Ok(text) => from_json(text)
            .map_err(|e| format!("{} (line {}, column {})", e.message(), e.line(), e.column())),
    };
    read.map_err(|detail| {
        let err = SesError::new(ErrorCode::InvalidParameterValue, words(&detail));
        render::v2_response(&err, None)
    })
}

/// A `200` JSON answer with `body` and a fresh request id.
fn json_success(body: String) -> HttpResponse {
    HttpResponse {
        status: 200,
        headers: vec![
            ("Content-Type", "application/json".to_string()),
            ("x-amzn-RequestId", render::request_id()),
        ],
        body,
    }
}

/// A message id for a dry run sent now: [`render::message_id`] at the current time.
///
/// ```
/// let id = ses_presend::v2::message_id();
/// assert_eq!(id.len(), 16 + 1 + 36 + 7);
/// assert!(id.starts_with("0100") && id.ends_with("-000000"));
/// ```
pub fn message_id() -> String {
    render::message_id(SystemTime::now())
}
