//! The HTTP plumbing of `serve`: the limits on concurrency, time and body size, reading
//! bodies, and the server's own JSON answers.

use super::Shared;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, request::Parts, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use ses_presend::render::HttpResponse;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::OwnedSemaphorePermit;

/// The largest body of `POST /`, `POST /v2/email/outbound-emails`, `/validate/request` and
/// `/validate/message`: room for a 40 MiB raw message (v2's limit) base64-encoded in a JSON
/// body (53.4 MiB); a v1 message past its 10 MiB limit gets SES's own answer (`Message length
/// is more than 10485760 bytes long`) rather than 413 up to about 48 MB.
pub(super) const MAX_LARGE_BODY: usize = 64 << 20;
/// The largest body without a declared length (chunked): SDKs always declare theirs, and a
/// body whose size is unknown until read takes this much of [`LARGE_BODY_BUDGET`].
const MAX_UNDECLARED_BODY: usize = 16 << 20;
/// The unit of [`LARGE_BODY_BUDGET`]: one permit stands for one MiB of body.
const MIB: u64 = 1 << 20;
/// The largest body of the other `/validate/…` routes.
pub(super) const MAX_SMALL_BODY: usize = 1 << 20;
/// How many requests are worked on at once; the others wait their turn (within the timeout).
pub(super) const MAX_CONCURRENT: usize = 64;
/// The MiB of body that requests to the large routes may hold at once: each takes a permit
/// per MiB of its declared length (at least one; a body without a declared length, 16), so
/// two 64 MiB bodies, or many small ones, are read and checked at once, and the bodies held
/// stay within 128 MiB + 56 × 1 MiB.
pub(super) const LARGE_BODY_BUDGET: usize = 128;
// A request must fit the budget, or it would wait for ever.
const _: () = assert!(MAX_LARGE_BODY >> 20 <= LARGE_BODY_BUDGET);
/// How long one request may take, waiting for its turn and reading its body included.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The concurrency limit and the request timeout, around every route. Only a POST's body is
/// read, so only a POST can be large.
pub(super) async fn limits(State(app): Shared, req: Request, next: Next) -> Response {
    let large = req.method() == Method::POST
        && matches!(
            req.uri().path(),
            "/" | "/v2/email/outbound-emails" | "/validate/request" | "/validate/message"
        );
    let work = async {
        let mut held = Vec::with_capacity(2);
        if large {
            let mib = large_body_mib(req.headers());
            held.extend(app.large_permits.clone().acquire_many_owned(mib).await.ok());
        }
        held.extend(app.permits.clone().acquire_owned().await.ok());
        let mut req = req;
        req.extensions_mut().insert(Held {
            _permits: Arc::new(held),
        });
        next.run(req).await
    };
    match tokio::time::timeout(REQUEST_TIMEOUT, work).await {
        Ok(response) => response,
        Err(_) => json_error(
            StatusCode::SERVICE_UNAVAILABLE,
            &format!(
                "the request took longer than {} seconds (waiting and reading the body included)",
                REQUEST_TIMEOUT.as_secs()
            ),
        ),
    }
}

/// `{"message":"…"}` with `status`: the server's own errors (not SES's).
pub(super) fn json_error(status: StatusCode, message: &str) -> Response {
    let mut body = String::from("{\"message\":");
    ses_presend::render::json_string(&mut body, message);
    body.push('}');
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// A JSON answer with 200.
pub(super) fn json_ok(value: &impl serde::Serialize) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response(),
        Err(e) => json_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// The library's HTTP response as axum's.
pub(super) fn from_library(resp: HttpResponse) -> Response {
    let mut builder = Response::builder().status(resp.status);
    for (name, value) in &resp.headers {
        builder = builder.header(*name, value);
    }
    builder
        .body(Body::from(resp.body))
        .unwrap_or_else(|e| json_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()))
}

pub(super) async fn not_found(req: Request) -> Response {
    json_error(
        StatusCode::NOT_FOUND,
        &format!("no route for {} {}", req.method(), req.uri().path()),
    )
}

/// A known path with a method it does not take (axum adds the `Allow` header).
pub(super) async fn method_not_allowed(req: Request) -> Response {
    json_error(
        StatusCode::METHOD_NOT_ALLOWED,
        &format!(
            "{} does not take {} (see the Allow header)",
            req.uri().path(),
            req.method()
        ),
    )
}

/// The MiB of [`LARGE_BODY_BUDGET`] a request to a large route takes: its declared length,
/// rounded up, at least 1 (past the limit, which gets 413 at once, the limit's); without a
/// declared length, [`MAX_UNDECLARED_BODY`]'s.
fn large_body_mib(headers: &header::HeaderMap) -> u32 {
    const MOST: u32 = (MAX_LARGE_BODY as u64).div_ceil(MIB) as u32;
    const UNDECLARED: u32 = (MAX_UNDECLARED_BODY as u64).div_ceil(MIB) as u32;
    declared_length(headers).map_or(UNDECLARED, |len| {
        u32::try_from(len.div_ceil(MIB)).map_or(MOST, |mib| mib.clamp(1, MOST))
    })
}

/// The request's `Content-Length`, when it has a readable one.
fn declared_length(headers: &header::HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
}

/// A request's concurrency permits, taken by [`limits`] and kept in the request's extensions:
/// [`blocking`] holds them until its work ends, even when the request has timed out by then,
/// so the bodies held at once stay within the limits.
#[derive(Clone)]
pub(super) struct Held {
    /// Held, never read: dropping the last clone gives the permits back.
    _permits: Arc<Vec<OwnedSemaphorePermit>>,
}

impl Held {
    /// The permits of the request `parts` belongs to.
    pub(super) fn of(parts: &Parts) -> Option<Held> {
        parts.extensions.get::<Held>().cloned()
    }
}

/// Runs `work` on tokio's blocking threads (the checks of large bodies), holding the request's
/// permits until it ends: the async workers stay free to accept and read other requests
/// meanwhile.
pub(super) async fn blocking(
    held: Option<Held>,
    work: impl FnOnce() -> Response + Send + 'static,
) -> Response {
    let work = move || {
        let _held = held;
        work()
    };
    tokio::task::spawn_blocking(work).await.unwrap_or_else(|e| {
        json_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            &format!("the check failed: {e}"),
        )
    })
}

/// Reads the body, at most `limit` bytes (at most [`MAX_UNDECLARED_BODY`] without a declared
/// length); too large gets 413.
pub(super) async fn read_body(body: Body, parts: &Parts, limit: usize) -> Result<Bytes, Response> {
    let declared = declared_length(&parts.headers);
    let (limit, whose) = match declared {
        None if limit > MAX_UNDECLARED_BODY => (
            MAX_UNDECLARED_BODY,
            "the limit for a body without Content-Length",
        ),
        _ => (limit, "this route's limit"),
    };
    let too_large = || {
        json_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("the request body is larger than {limit} bytes, {whose}"),
        )
    };
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        let inner = e.into_inner();
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&*inner);
        while let Some(error) = source {
            if error
                .downcast_ref::<http_body_util::LengthLimitError>()
                .is_some()
            {
                return too_large();
            }
            source = error.source();
        }
        json_error(
            StatusCode::BAD_REQUEST,
            &format!("the request body could not be read: {inner}"),
        )
    })
}

/// Whether the request's Content-Type is JSON (`application/json`, `…+json`, or
/// `application/x-amz-json-…`); a request without one is taken as JSON.
pub(super) fn is_json(parts: &Parts) -> bool {
    match parts.headers.get(header::CONTENT_TYPE) {
        None => true,
        Some(value) => value
            .to_str()
            .map(|v| {
                let essence = v
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                essence == "application/json"
                    || essence.ends_with("+json")
                    || essence.starts_with("application/x-amz-json-")
            })
            .unwrap_or(false),
    }
}

pub(super) fn not_json(parts: &Parts) -> Response {
    let given = parts
        .headers
        .get(header::CONTENT_TYPE)
        .map(HeaderValue::to_str)
        .and_then(Result::ok)
        .unwrap_or("");
    json_error(
        StatusCode::BAD_REQUEST,
        &format!(
            "{} takes Content-Type: application/json, not {given}",
            parts.uri.path()
        ),
    )
}

/// Reads a JSON body of at most `limit` bytes, not yet parsed: 400 for the wrong content type,
/// 413 when too large.
pub(super) async fn json_bytes(req: Request, limit: usize) -> Result<(Parts, Bytes), Response> {
    let (parts, body) = req.into_parts();
    if !is_json(&parts) {
        return Err(not_json(&parts));
    }
    let bytes = read_body(body, &parts, limit).await?;
    Ok((parts, bytes))
}

/// 400 for a body that is not the JSON the route takes, saying what and where.
pub(super) fn not_the_json(parts: &Parts, error: &serde_json::Error) -> Response {
    json_error(
        StatusCode::BAD_REQUEST,
        &format!(
            "the body is not the JSON {} takes: {error}",
            parts.uri.path()
        ),
    )
}

/// Reads a JSON body of at most `limit` bytes as a `T`: 400 for the wrong content type or
/// JSON that is not a `T`, 413 when too large.
async fn json_body<T: DeserializeOwned>(req: Request, limit: usize) -> Result<T, Response> {
    let (parts, bytes) = json_bytes(req, limit).await?;
    serde_json::from_slice(&bytes).map_err(|e| not_the_json(&parts, &e))
}

/// Reads a JSON body as a `T` (see [`json_body`]) and answers with `check`'s response.
pub(super) async fn with_json<T: DeserializeOwned>(
    req: Request,
    limit: usize,
    check: impl FnOnce(T) -> Response,
) -> Response {
    match json_body::<T>(req, limit).await {
        Ok(body) => check(body),
        Err(response) => response,
    }
}
