//! The routing of `ses-presend serve`, on the SDK's requests: which check answers a call, and
//! its answer in the smithy runtime's response type.

use crate::account::Context;
use crate::query::{self, QueryOptions};
use crate::render::{self, HttpResponse};
use crate::v2;
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse as SdkResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;

/// The v2 SendEmail route.
const V2_SEND: &str = "/v2/email/outbound-emails";
/// The v2 SendBulkEmail route.
const V2_BULK: &str = "/v2/email/outbound-bulk-emails";

/// What becomes of a call.
#[derive(Debug)]
pub(super) enum Answer {
    /// Answered here: SES's error, or (in a dry run) SES's success.
    Here(HttpResponse),
    /// Handed to the inner client unchanged.
    Forward,
}

/// The answer to `request`: checked as serve checks it; `forward` (a wrapping client): what SES
/// would accept, and the v2 calls this crate does not check, go on to the inner client.
pub(super) fn answer(request: &HttpRequest, context: &Context<'_>, forward: bool) -> Answer {
    let Some(body) = request.body().bytes() else {
        // SES's requests are built in memory; a streamed body cannot be read here.
        return Answer::Here(unreadable_body(request));
    };
    let (path, query) = path_and_query(request.uri());
    let method = request.method();
    let headers: Vec<(&str, &str)> = request.headers().iter().collect();
    let checked = match (method, path) {
        (_, "/") if method == "POST" || (method == "GET" && !query.is_empty()) => {
            let request = query::HttpRequest {
                method,
                path,
                query,
                headers,
                body: if method == "POST" { body } else { b"" },
            };
            query::answer(&request, &QueryOptions::new().context(*context))
        }
        ("POST", V2_SEND | V2_BULK) => match v2::check_credentials(&headers, query) {
            Err(err) => render::v2_response(&err, None),
            Ok(()) if path == V2_SEND => v2::answer(body, context),
            Ok(()) => v2::bulk_answer(body, context),
        },
        _ if forward => return Answer::Forward,
        _ => not_found(method, path),
    };
    match forward && (200..300).contains(&checked.status) {
        true => Answer::Forward,
        false => Answer::Here(checked),
    }
}

/// The path (`/` when empty) and the query string of a URI such as
/// `https://email.us-east-1.amazonaws.com/v2/email/outbound-emails?x=1`.
fn path_and_query(uri: &str) -> (&str, &str) {
    let rest = match uri.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |at| &rest[at..]),
        None => uri,
    };
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let path = path.split_once('#').map_or(path, |(path, _)| path);
    (if path.is_empty() { "/" } else { path }, query)
}

/// What serve answers a path it has no route for: `404 {"message":"no route for …"}`.
fn not_found(method: &str, path: &str) -> HttpResponse {
    let mut body = String::from("{\"message\":");
    render::json_string(&mut body, &format!("no route for {method} {path}"));
    body.push('}');
    HttpResponse {
        status: 404,
        headers: vec![("Content-Type", "application/json".to_string())],
        body,
    }
}

/// A request whose body is a stream: `400` saying so (never sent on).
fn unreadable_body(request: &HttpRequest) -> HttpResponse {
    let mut body = String::from("{\"message\":");
    let words = format!(
        "ses-presend cannot check {} {}: its body is a stream, not held in memory",
        request.method(),
        path_and_query(request.uri()).0
    );
    render::json_string(&mut body, &words);
    body.push('}');
    HttpResponse {
        status: 400,
        headers: vec![("Content-Type", "application/json".to_string())],
        body,
    }
}

/// The library's answer as the smithy runtime's response.
pub(super) fn to_sdk(response: HttpResponse) -> Result<SdkResponse, ConnectorError> {
    let status =
        StatusCode::try_from(response.status).map_err(|e| ConnectorError::other(e.into(), None))?;
    let mut sdk = SdkResponse::new(status, SdkBody::from(response.body));
    for (name, value) in response.headers {
        sdk.headers_mut()
            .try_append(name, value)
            .map_err(|e| ConnectorError::other(e.into(), None))?;
    }
    Ok(sdk)
}

/// The error of a forward without an inner client (cannot happen: only a wrapping client
/// forwards).
pub(super) fn no_inner() -> ConnectorError {
    ConnectorError::other(
        "ses-presend: no client to forward the request to".into(),
        None,
    )
}
