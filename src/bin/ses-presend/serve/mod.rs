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
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, request::Parts, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use ses_presend::account::SendQuota;
use ses_presend::render;
use ses_presend::{query, v2, Account, Context};
use std::ffi::OsString;
use std::io::{self, Write as _};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::SystemTime;
use tokio::sync::Semaphore;

mod bulk;
mod http;
mod smtp;
/// TestRenderTemplate and TestRenderEmailTemplate (`ses_presend::render` keeps its name here).
#[path = "render.rs"]
mod test_render;
mod validate;

use self::http::{
    blocking, from_library, limits, method_not_allowed, not_found, read_body, Held,
    LARGE_BODY_BUDGET, MAX_CONCURRENT, MAX_LARGE_BODY,
};
use self::validate::{
    validate_address, validate_addresses, validate_configuration_set_name, validate_friendly_name,
    validate_message, validate_request, validate_tag,
};

/// The arguments of `ses-presend serve`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The address and port to listen on (port 0: any free port; default 127.0.0.1:8025, or
    /// no HTTP at all when --smtp or --smtps is given). The address actually bound is printed
    /// on standard output, after the SMTP ports' lines.
    #[arg(long, value_name = "ADDR:PORT")]
    listen: Option<SocketAddr>,

    /// SES's SMTP interface (docs/smtp.md).
    #[command(flatten)]
    smtp: smtp::SmtpArgs,

    /// A TOML file of what is known about the account (as for `request`): with it, identities,
    /// configuration sets and the sending state are checked too.
    #[arg(long, value_name = "FILE")]
    account: Option<OsString>,

    /// A directory of the account's stored templates, one `aws ses get-template` or `aws sesv2
    /// get-email-template` output per file (the account file's `templates_dir` otherwise):
    /// templated sends are rendered with them, a template not there does not exist, and
    /// TestRenderTemplate (v1) and TestRenderEmailTemplate (v2) answer from them.
    #[arg(long, value_name = "DIR")]
    templates: Option<std::path::PathBuf>,

    /// Answer the Query API as if it were TIME (UTC, such as `2018-11-07T00:55:54Z`), not the
    /// system clock: the signing dates are compared with it, to replay a signed request later.
    #[arg(long, value_name = "TIME", value_parser = parse_now)]
    now: Option<SystemTime>,

    /// Whether accepted sends count against the account's sending rate and 24-hour quota.
    #[arg(long, value_enum, default_value_t = QuotaArg::Off, requires_if("track", "account"))]
    quota: QuotaArg,

    /// The DNS server `/validate/address` asks when a request sets `"deliverability": true`
    /// (`ADDR:PORT`); default: the system's resolvers.
    #[arg(long, value_name = "ADDR:PORT")]
    dns_server: Option<SocketAddr>,
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

/// The form page.
const FORM_PAGE: &str = include_str!("../assets/form.html");

/// What every handler shares.
struct App {
    /// The account of `--account`, for the v1 Query API.
    account: Option<Account>,
    /// The clock of `--now`; `None`: the system clock.
    now: Option<SystemTime>,
    /// The quota of `--quota track`, shared by the Query API, v2 SendEmail and
    /// `/validate/request` (which reports a send over the quota without taking from it).
    quota: Option<Arc<SendQuota>>,
    /// The stored templates of `--templates` (or the account file's `templates_dir`).
    templates: Option<ses_presend::template::TemplateStore>,
    /// The concurrency limit.
    permits: Arc<Semaphore>,
    /// The body budget of the routes with large bodies, in MiB ([`LARGE_BODY_BUDGET`]).
    large_permits: Arc<Semaphore>,
}

impl App {
    /// What the checks know: the account, the quota and the clock given at start.
    fn context(&self) -> Context<'_> {
        let mut context = Context::new();
        if let Some(account) = &self.account {
            context = context.with_account(account);
        }
        if let Some(quota) = &self.quota {
            context = context.with_quota(quota);
        }
        if let Some(now) = self.now {
            context = context.with_time(now);
        }
        if let Some(templates) = &self.templates {
            context = context.with_templates(templates);
        }
        context
    }
}

type Shared = State<Arc<App>>;

/// Starts the server and runs it until Ctrl-C (or SIGTERM).
pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    validate::set_dns_server(args.dns_server);
    let account = args
        .account
        .as_ref()
        .map(crate::request::load_account)
        .transpose()?;
    let templates = test_render::load(
        args.templates.as_deref(),
        args.account.as_ref(),
        account.as_ref(),
    )?;
    let quota = match args.quota {
        QuotaArg::Off => None,
        QuotaArg::Track => match account.as_ref().and_then(Account::limits) {
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
    let app = Arc::new(App {
        account,
        now: args.now,
        quota,
        templates,
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
    let default = (!args.smtp.wanted()).then_some(SocketAddr::from(([127, 0, 0, 1], 8025)));
    runtime.block_on(async {
        smtp::start(&args.smtp, app.clone()).await?;
        match args.listen.or(default) {
            Some(listen) => serve(listen, app).await,
            None => {
                shutdown().await;
                Ok(Outcome::Accepted)
            }
        }
    })
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
        .route(
            "/v2/email/outbound-bulk-emails",
            post(bulk::v2_send_bulk_email),
        )
        .route(
            "/v2/email/templates/{name}/render",
            post(test_render::v2_test_render),
        )
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
        let options = query::QueryOptions::new().context(app.context());
        if test_render::is_test_render(&request) {
            let templates = app.templates.as_ref();
            if let Some(answer) = test_render::query_test_render(&request, &options, templates) {
                return from_library(answer);
            }
        }
        from_library(query::answer(&request, &options))
    })
    .await
}

/// SES v2 SendEmail, as a dry run ([`v2_route`]).
async fn v2_send_email(State(app): Shared, req: Request) -> Response {
    v2_route(app, req, v2::answer).await
}

/// A v2 send route: without signature material, SES's `MissingAuthenticationTokenException`
/// before the body is read; then `answer` of the body, on a blocking thread.
async fn v2_route(
    app: Arc<App>,
    req: Request,
    answer: fn(&[u8], &Context<'_>) -> render::HttpResponse,
) -> Response {
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
        from_library(answer(&body, &app.context()))
    })
    .await
}
