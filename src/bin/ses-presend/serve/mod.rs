//! `ses-presend serve`: the checks over HTTP, for programs that speak SES's own APIs (point an
//! SDK's endpoint here for a dry run) and for form backends.
//!
//! Routes:
//!
//! * `POST /` and `GET /?Action=…`: SES's v1 Query API, answered by `ses_presend::query` (a
//!   GET's body is never read);
//! * `POST /v2/email/outbound-emails`: SES v2 SendEmail, answered by `ses_presend::v2`
//!   (`MissingAuthenticationTokenException` without signature material);
//! * `POST /validate/…`: the form module's one-field checks, JSON in and out;
//! * `GET /`: a form page that checks each field as it is typed.
//!
//! Nothing is ever sent: a request SES would accept gets SES's success shape with a made-up
//! message id. The checks that may take long on a large body (the Query API, v2 SendEmail,
//! `/validate/request` and `/validate/message`) run on tokio's blocking threads, so they never
//! hold up the async workers.

use crate::{Failure, Outcome};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, request::Parts, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use ses_presend::render::{self, HttpResponse};
use ses_presend::{
    form, query, v2, Account, Api, RawOptions, RequestKind, SendQuota, Strictness, Validator,
};
use std::borrow::Cow;
use std::ffi::OsString;
use std::io::{self, Write as _};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The arguments of `ses-presend serve`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The address and port to listen on (port 0: any free port). The address actually bound
    /// is printed on the first line of standard output.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8025")]
    listen: SocketAddr,

    /// A TOML file of what is known about the account (as for `request`): with it, identities,
    /// configuration sets and the sending state are checked too.
    #[arg(long, value_name = "FILE")]
    account: Option<OsString>,

    /// Answer the Query API as if it were TIME (UTC, such as `2018-11-07T00:55:54Z`), not the
    /// system clock: the signing dates are compared with it, to replay a signed request later.
    #[arg(long, value_name = "TIME", value_parser = parse_now)]
    now: Option<SystemTime>,

    /// Whether accepted sends count against the account's sending rate and 24-hour quota.
    #[arg(long, value_enum, default_value_t = QuotaArg::Off, requires_if("track", "account"))]
    quota: QuotaArg,
}

/// What `--quota` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum QuotaArg {
    /// No throttling: every accepted send is answered as accepted.
    Off,
    /// One quota, built from the account file's `[quota]` (or the sandbox's when it says
    /// `sandbox = true`), is shared by the Query API and v2 SendEmail: accepted sends take
    /// their recipients from it, and a send over the rate or the 24-hour quota gets SES's
    /// `Throttling` (v2: `TooManyRequestsException`). Needs `--account`. The `/validate/`
    /// routes never take from it.
    Track,
}

/// Reads `--now`.
fn parse_now(text: &str) -> Result<SystemTime, String> {
    query::parse_time(text).ok_or_else(|| {
        "expected a UTC time such as 2018-11-07T00:55:54Z (ISO 8601, ending in Z)".to_string()
    })
}

/// The largest body of `POST /`, `POST /v2/email/outbound-emails`, `/validate/request` and
/// `/validate/message`: room for a 40 MiB raw message (v2's limit) base64-encoded in a JSON
/// body (53.4 MiB); a v1 message past its 10 MiB limit gets SES's own answer (`Message length
/// is more than 10485760 bytes long`) rather than 413 up to about 48 MB.
const MAX_LARGE_BODY: usize = 64 << 20;
/// The largest body without a declared length (chunked): SDKs always declare theirs, and a
/// body whose size is unknown until read takes this much of [`LARGE_BODY_BUDGET`].
const MAX_UNDECLARED_BODY: usize = 16 << 20;
/// The unit of [`LARGE_BODY_BUDGET`]: one permit stands for one MiB of body.
const MIB: u64 = 1 << 20;
/// The largest body of the other `/validate/…` routes.
const MAX_SMALL_BODY: usize = 1 << 20;
/// The most addresses `/validate/addresses` checks in one request (decided:
/// `serve-address-list`; SES takes 50 recipients).
const MAX_ADDRESSES: usize = 1000;
/// How many requests are worked on at once; the others wait their turn (within the timeout).
const MAX_CONCURRENT: usize = 64;
/// The MiB of body that requests to the large routes may hold at once: each takes a permit
/// per MiB of its declared length (at least one; a body without a declared length, 16), so
/// two 64 MiB bodies, or many small ones, are read and checked at once, and the bodies held
/// stay within 128 MiB + 56 × 1 MiB.
const LARGE_BODY_BUDGET: usize = 128;
// A request must fit the budget, or it would wait for ever.
const _: () = assert!(MAX_LARGE_BODY >> 20 <= LARGE_BODY_BUDGET);
/// How long one request may take, waiting for its turn and reading its body included.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The form page.
const FORM_PAGE: &str = include_str!("../assets/form.html");

/// What every handler shares.
struct App {
    /// The account of `--account`, for the v1 Query API.
    account: Option<Account>,
    /// The clock of `--now`; `None`: the system clock.
    now: Option<SystemTime>,
    /// The quota of `--quota track`, shared by the Query API and `validator`.
    quota: Option<Arc<SendQuota>>,
    /// The validator of v2 SendEmail and `/validate/request`, with the account and the quota
    /// when given (`/validate/request` reports a send over the quota without taking from it).
    validator: Validator,
    /// The concurrency limit.
    permits: Arc<Semaphore>,
    /// The body budget of the routes with large bodies, in MiB ([`LARGE_BODY_BUDGET`]).
    large_permits: Arc<Semaphore>,
}

type Shared = State<Arc<App>>;

/// Starts the server and runs it until Ctrl-C (or SIGTERM).
pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    let account = args
        .account
        .as_ref()
        .map(crate::request::load_account)
        .transpose()?;
    let mut validator = Validator::new();
    if let Some(account) = &account {
        validator = validator.with_account(account.clone());
    }
    let quota = match args.quota {
        QuotaArg::Off => None,
        QuotaArg::Track => match account.as_ref().and_then(Account::send_limits) {
            Some(limits) => Some(Arc::new(SendQuota::new(limits))),
            None => {
                use clap::CommandFactory;
                crate::Cli::command()
                    .error(
                        clap::error::ErrorKind::MissingRequiredArgument,
                        "--quota track needs the account's limits, but the --account file \
                         has no [quota] table and does not say sandbox = true",
                    )
                    .exit()
            }
        },
    };
    if let Some(quota) = &quota {
        validator = validator.with_quota(quota.clone());
    }
    let app = Arc::new(App {
        account,
        now: args.now,
        quota,
        validator,
        permits: Arc::new(Semaphore::new(MAX_CONCURRENT)),
        large_permits: Arc::new(Semaphore::new(LARGE_BODY_BUDGET)),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| Failure {
            doing: "starting the server",
            error,
        })?;
    runtime.block_on(serve(args.listen, app))
}

async fn serve(listen: SocketAddr, app: Arc<App>) -> Result<Outcome, Failure> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|error| Failure {
            doing: "binding the listen address",
            error,
        })?;
    let bound = listener.local_addr().map_err(|error| Failure {
        doing: "binding the listen address",
        error,
    })?;
    // Tests and scripts read this line to learn the port.
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "ses-presend: listening on http://{bound}")
        .and_then(|()| stdout.flush())
        .map_err(Failure::writing)?;
    drop(stdout);
    axum::serve(listener, router(app))
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|error| Failure {
            doing: "serving",
            error,
        })?;
    Ok(Outcome::Accepted)
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM: requests under way are finished, then the server
/// stops.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(root_get).post(query_api))
        .route("/v2/email/outbound-emails", post(v2_send_email))
        .route("/validate/address", post(validate_address))
        .route("/validate/addresses", post(validate_addresses))
        .route("/validate/friendly-name", post(validate_friendly_name))
        .route("/validate/tag", post(validate_tag))
        .route(
            "/validate/configuration-set-name",
            post(validate_configuration_set_name),
        )
        .route("/validate/request", post(validate_request))
        .route("/validate/message", post(validate_message))
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(app.clone(), limits))
        .with_state(app)
}

/// The concurrency limit and the request timeout, around every route. Only a POST's body is
/// read, so only a POST can be large.
async fn limits(State(app): Shared, req: Request, next: Next) -> Response {
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
fn json_error(status: StatusCode, message: &str) -> Response {
    let mut body = String::from("{\"message\":");
    ses_presend::render::json_string(&mut body, message);
    body.push('}');
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// A JSON answer with 200.
fn json_ok(value: &impl serde::Serialize) -> Response {
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
fn from_library(resp: HttpResponse) -> Response {
    let mut builder = Response::builder().status(resp.status);
    for (name, value) in &resp.headers {
        builder = builder.header(*name, value);
    }
    builder
        .body(Body::from(resp.body))
        .unwrap_or_else(|e| json_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()))
}

async fn not_found(req: Request) -> Response {
    json_error(
        StatusCode::NOT_FOUND,
        &format!("no route for {} {}", req.method(), req.uri().path()),
    )
}

/// A known path with a method it does not take (axum adds the `Allow` header).
async fn method_not_allowed(req: Request) -> Response {
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
struct Held {
    /// Held, never read: dropping the last clone gives the permits back.
    _permits: Arc<Vec<OwnedSemaphorePermit>>,
}

impl Held {
    /// The permits of the request `parts` belongs to.
    fn of(parts: &Parts) -> Option<Held> {
        parts.extensions.get::<Held>().cloned()
    }
}

/// Runs `work` on tokio's blocking threads (the checks of large bodies), holding the request's
/// permits until it ends: the async workers stay free to accept and read other requests
/// meanwhile.
async fn blocking(
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
async fn read_body(body: Body, parts: &Parts, limit: usize) -> Result<Bytes, Response> {
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
fn is_json(parts: &Parts) -> bool {
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

fn not_json(parts: &Parts) -> Response {
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
async fn json_bytes(req: Request, limit: usize) -> Result<(Parts, Bytes), Response> {
    let (parts, body) = req.into_parts();
    if !is_json(&parts) {
        return Err(not_json(&parts));
    }
    let bytes = read_body(body, &parts, limit).await?;
    Ok((parts, bytes))
}

/// 400 for a body that is not the JSON the route takes, saying what and where.
fn not_the_json(parts: &Parts, error: &serde_json::Error) -> Response {
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
async fn with_json<T: DeserializeOwned>(
    req: Request,
    limit: usize,
    check: impl FnOnce(T) -> Response,
) -> Response {
    match json_body::<T>(req, limit).await {
        Ok(body) => check(body),
        Err(response) => response,
    }
}

/// `GET /`: the form page, or, with a query string, SES's v1 Query API (the body, if any, is
/// not read: a GET's parameters are its query string).
async fn root_get(State(app): Shared, req: Request) -> Response {
    if req.uri().query().is_some_and(|q| !q.is_empty()) {
        let (parts, _body) = req.into_parts();
        return query_answer(app, parts, Bytes::new()).await;
    }
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        FORM_PAGE,
    )
        .into_response()
}

/// `POST /`: SES's v1 Query API with a form body.
async fn query_api(State(app): Shared, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let body = match read_body(body, &parts, MAX_LARGE_BODY).await {
        Ok(body) => body,
        Err(response) => return response,
    };
    query_answer(app, parts, body).await
}

/// The request's headers that are text, as the library takes them.
fn header_pairs(parts: &Parts) -> Vec<(&str, &str)> {
    parts
        .headers
        .iter()
        .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)))
        .collect()
}

/// SES's v1 Query API: the library's whole answer, status, headers and body.
async fn query_answer(app: Arc<App>, parts: Parts, body: Bytes) -> Response {
    blocking(Held::of(&parts), move || {
        let request = query::HttpRequest {
            method: parts.method.as_str(),
            path: parts.uri.path(),
            query: parts.uri.query().unwrap_or(""),
            headers: header_pairs(&parts),
            body: &body,
        };
        let mut options = query::QueryOptions::new().at(app.now.unwrap_or_else(SystemTime::now));
        if let Some(account) = &app.account {
            options = options.with_account(account);
        }
        if let Some(quota) = &app.quota {
            options = options.with_quota(quota);
        }
        from_library(query::answer(&request, &options))
    })
    .await
}

/// SES v2 SendEmail, as a dry run: without signature material, SES's
/// `MissingAuthenticationTokenException` before the body is read.
async fn v2_send_email(State(app): Shared, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let signed = v2::check_credentials(&header_pairs(&parts), parts.uri.query().unwrap_or(""));
    if let Err(err) = signed {
        return from_library(render::v2_response(&err, None));
    }
    let body = match read_body(body, &parts, MAX_LARGE_BODY).await {
        Ok(body) => body,
        Err(response) => return response,
    };
    blocking(Held::of(&parts), move || {
        from_library(v2::answer(&body, &app.validator))
    })
    .await
}

/// The API a `/validate/…` body names (`v1` when absent).
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
enum ApiParam {
    #[default]
    V1,
    V2,
}

impl From<ApiParam> for Api {
    fn from(api: ApiParam) -> Api {
        match api {
            ApiParam::V1 => Api::V1,
            ApiParam::V2 => Api::V2,
        }
    }
}

/// How strict a `/validate/…` check is (`ses` when absent).
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
enum StrictnessParam {
    #[default]
    Ses,
    Deliverable,
    /// Only answers SES was seen or documented to give reject.
    Documented,
}

impl From<StrictnessParam> for Strictness {
    fn from(s: StrictnessParam) -> Strictness {
        match s {
            StrictnessParam::Ses => Strictness::Ses,
            StrictnessParam::Deliverable => Strictness::Deliverable,
            StrictnessParam::Documented => Strictness::Documented,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddressBody {
    address: String,
    #[serde(default)]
    api: ApiParam,
    #[serde(default)]
    strictness: StrictnessParam,
}

async fn validate_address(req: Request) -> Response {
    with_json(req, MAX_SMALL_BODY, |b: AddressBody| {
        json_ok(&form::address(
            &b.address,
            b.api.into(),
            b.strictness.into(),
        ))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddressesBody {
    addresses: Vec<String>,
    #[serde(default)]
    api: ApiParam,
    #[serde(default)]
    strictness: StrictnessParam,
}

async fn validate_addresses(req: Request) -> Response {
    with_json(req, MAX_SMALL_BODY, |b: AddressesBody| {
        if b.addresses.len() > MAX_ADDRESSES {
            return json_error(
                StatusCode::BAD_REQUEST,
                &format!(
                    "/validate/addresses takes at most {MAX_ADDRESSES} addresses, not {}",
                    b.addresses.len()
                ),
            );
        }
        json_ok(&form::addresses(
            b.addresses.iter().map(String::as_str),
            b.api.into(),
            b.strictness.into(),
        ))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NameBody {
    name: String,
    #[serde(default)]
    api: ApiParam,
    #[serde(default)]
    strictness: StrictnessParam,
}

async fn validate_friendly_name(req: Request) -> Response {
    with_json(req, MAX_SMALL_BODY, |b: NameBody| {
        json_ok(&form::friendly_name(
            &b.name,
            b.api.into(),
            b.strictness.into(),
        ))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TagBody {
    name: String,
    value: String,
    #[serde(default)]
    api: ApiParam,
}

async fn validate_tag(req: Request) -> Response {
    with_json(req, MAX_SMALL_BODY, |b: TagBody| {
        json_ok(&form::tag(&b.name, &b.value, b.api.into()))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigurationSetBody {
    name: String,
    #[serde(default)]
    api: ApiParam,
}

async fn validate_configuration_set_name(req: Request) -> Response {
    with_json(req, MAX_SMALL_BODY, |b: ConfigurationSetBody| {
        json_ok(&form::configuration_set_name(&b.name, b.api.into()))
    })
    .await
}

/// `/validate/request?api=v1|v2&operation=send-email|send-templated-email`: the body is the
/// request's JSON as `--cli-input-json` takes it, so positions in errors are the caller's.
async fn validate_request(State(app): Shared, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let kind = match request_kind(parts.uri.query().unwrap_or("")) {
        Ok(kind) => kind,
        Err(message) => return json_error(StatusCode::BAD_REQUEST, &message),
    };
    if !is_json(&parts) {
        return not_json(&parts);
    }
    let bytes = match read_body(body, &parts, MAX_LARGE_BODY).await {
        Ok(bytes) => bytes,
        Err(response) => return response,
    };
    blocking(Held::of(&parts), move || {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            return json_error(StatusCode::BAD_REQUEST, "the request body is not UTF-8");
        };
        match form::request(kind, text, &app.validator) {
            Ok(check) => json_ok(&check),
            Err(e) => json_error(
                StatusCode::BAD_REQUEST,
                &format!("the body is not a {} request: {e}", kind.cli_name()),
            ),
        }
    })
    .await
}

/// The request kind of `/validate/request`'s query string.
fn request_kind(query: &str) -> Result<RequestKind, String> {
    let (mut api, mut operation) = ("v1", "send-email");
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=').unwrap_or((pair, "")) {
            ("api", value) => api = value,
            ("operation", value) => operation = value,
            (name, _) => {
                return Err(format!(
                    "unknown query parameter `{name}`: /validate/request takes `api` (v1, v2) \
                     and `operation` (send-email, send-templated-email)"
                ))
            }
        }
    }
    match (api, operation) {
        ("v1", "send-email") => Ok(RequestKind::SendEmail),
        ("v1", "send-templated-email") => Ok(RequestKind::SendTemplatedEmail),
        ("v2", "send-email") => Ok(RequestKind::V2SendEmail),
        ("v2", "send-templated-email") => Err("v2 has no send-templated-email: use \
                                               operation=send-email with Template content"
            .to_string()),
        _ => Err(format!(
            "unknown api `{api}` or operation `{operation}`: api is v1 or v2, operation \
             send-email or send-templated-email"
        )),
    }
}

/// The interface of `/validate/message` (`v1` when absent).
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
enum MessageApiParam {
    #[default]
    V1,
    V2,
    Smtp,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MessageBody {
    /// The message itself, as text.
    raw: Option<String>,
    /// Or its bytes in base64, for a message that is not UTF-8 (8-bit headers, Latin-1 parts).
    raw_base64: Option<String>,
    #[serde(default)]
    api: MessageApiParam,
    source: Option<String>,
    #[serde(default)]
    destinations: Vec<String>,
    #[serde(default)]
    strictness: StrictnessParam,
}

/// `/validate/message`: the body (up to 64 MiB) is parsed on a blocking thread too.
async fn validate_message(State(app): Shared, req: Request) -> Response {
    let (parts, bytes) = match json_bytes(req, MAX_LARGE_BODY).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    blocking(Held::of(&parts), move || {
        let b: MessageBody = match serde_json::from_slice(&bytes) {
            Ok(b) => b,
            Err(e) => return not_the_json(&parts, &e),
        };
        let api = match b.api {
            MessageApiParam::V1 => Api::V1,
            MessageApiParam::V2 => Api::V2,
            MessageApiParam::Smtp => Api::Smtp,
        };
        let bytes: Cow<[u8]> = match (&b.raw, &b.raw_base64) {
            (Some(text), None) => Cow::Borrowed(text.as_bytes()),
            (None, Some(encoded)) => match ses_presend::decode_base64_message(encoded) {
                Some(bytes) => Cow::Owned(bytes),
                None => {
                    return json_error(StatusCode::BAD_REQUEST, "raw_base64 is not valid base64")
                }
            },
            _ => {
                return json_error(
                    StatusCode::BAD_REQUEST,
                    "/validate/message takes one of raw (the message as text) or raw_base64 \
                     (its bytes in base64)",
                )
            }
        };
        let mut options =
            RawOptions::new(api).destinations(b.destinations.iter().map(String::as_str));
        if let Some(source) = &b.source {
            options = options.source(source);
        }
        if let Some(account) = &app.account {
            options = options.account(account);
        }
        json_ok(&form::message(&bytes, &options, b.strictness.into()))
    })
    .await
}
