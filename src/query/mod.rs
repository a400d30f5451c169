//! The SES v1 Query API on the wire: an HTTP request checked the way SES checks it before it
//! reads the message (docs/query.md), then handed to the request and raw-message checks.
//!
//! [`check_query`] answers with the one error SES returns, or the operation it would run;
//! [`report_query`] with every problem, each at its field (a parameter's name, `Action`,
//! `Authorization`, or the request model's path such as `Destination.ToAddresses[0]`);
//! [`answer`] with the whole HTTP response SES would give. Nothing is sent, and a signature is
//! checked for its shape and date only, never verified.
//!
//! The checks run in this order (decided where not seen: `query-check-order` in
//! [`crate::report::DECISIONS`]):
//!
//! 1. the query string and, for a form POST, the body decode (`MalformedQueryString`);
//! 2. the operation: no `Action` at all (the bare `<UnknownOperationException/>`), an empty
//!    one (`MissingAction`), an unknown one or a `Version` other than `2010-12-01`
//!    (`InvalidAction`);
//! 3. the signature material: none (`MissingAuthenticationToken`), incomplete
//!    (`IncompleteSignature`; the older signing's `MissingParameter`), its date outside the
//!    window (`SignatureDoesNotMatch`; the older signing's `RequestExpired`);
//! 4. with an account: the access key (`InvalidClientTokenId`), the subscription
//!    (`OptInRequired`);
//! 5. SendEmail, SendTemplatedEmail and SendRawEmail: every parameter name
//!    (`InvalidQueryParameter`), then the request model through
//!    [`Context::check_email`](crate::Context::check_email)'s checks; for SendRawEmail,
//!    `RawMessage.Data`'s base64, the absent members, `Tags` and `ConfigurationSetName` with
//!    the same checks, then the message through [`check_raw`]; with the
//!    account and the quota. SendBulkTemplatedEmail: every parameter name, then the request's
//!    checks of [`crate::request::bulk`] (its error is the answer), else each destination's
//!    status for the success body's `Status` list.
//!
//! ```
//! use ses_presend::query::{check_query, Operation, HttpRequest, QueryOptions};
//! use ses_presend::ErrorCode;
//! use std::time::{Duration, UNIX_EPOCH};
//!
//! let now = UNIX_EPOCH + Duration::from_secs(1_541_551_122); // 2018-11-07T00:38:42Z
//! let options = QueryOptions::new().context(ses_presend::Context::new().with_time(now));
//! let body = b"Action=SendEmail&Version=2010-12-01&Source=ops%40example.com\
//!     &Destination.ToAddresses.member.1=bob%40example.org\
//!     &Message.Subject.Data=Hi&Message.Body.Text.Data=Hello";
//! let mut req = HttpRequest {
//!     method: "POST",
//!     path: "/",
//!     query: "",
//!     headers: vec![
//!         ("Content-Type", "application/x-www-form-urlencoded"),
//!         ("X-Amz-Date", "20181107T003842Z"),
//!         ("Authorization", "AWS4-HMAC-SHA256 \
//!             Credential=AKIDEXAMPLE/20181107/us-east-1/ses/aws4_request, \
//!             SignedHeaders=host;x-amz-date, Signature=abc"),
//!     ],
//!     body,
//! };
//! assert_eq!(check_query(&req, &options).unwrap().action, Operation::SendEmail);
//!
//! req.headers.pop();
//! let err = check_query(&req, &options).unwrap_err();
//! assert_eq!(err.code, ErrorCode::MissingAuthenticationToken);
//! assert_eq!(err.message, "Request is missing Authentication Token");
//! ```

mod auth;
mod bulk;
mod form;
mod ops;
mod options;
mod responses;
mod send;
mod time;

pub use options::{ClientTokenText, InvalidActionNamespace, QueryOptions};
pub use responses::{answer, error_response, parse_time, success_response, Accepted};

pub use crate::report::QueryProblem;
pub use form::MAX_PARAMETERS;
pub use ops::Operation;
pub use send::MAX_MEMBER_INDEX;

use crate::account::Subscription;
use crate::error::{Api, ErrorCode, SesError};
use crate::raw::{check_raw, decode_base64_message, report_raw, RawOptions};
use crate::report::{Collector, Finding, Flow, Mode, Reason, Report};
use crate::request::check;
use crate::request::Req;
use crate::texts::query as msg;

/// The only API version SES v1 has.
pub const VERSION: &str = "2010-12-01";

/// The namespace InvalidAction was seen under in another service.
pub const AWS_FAULT_NAMESPACE: &str = "http://webservices.amazon.com/AWSFault/2005-15-09";

/// One HTTP request as received.
///
/// ```
/// let req = ses_presend::query::HttpRequest {
///     method: "GET",
///     path: "/",
///     query: "Action=GetSendQuota&Version=2010-12-01",
///     headers: vec![],
///     body: b"",
/// };
/// assert_eq!(req.header("host"), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest<'a> {
    /// The method: `POST`, `GET`, …
    pub method: &'a str,
    /// The path, such as `/` (not checked).
    pub path: &'a str,
    /// The raw query string, without the `?`.
    pub query: &'a str,
    /// The headers, in order; names are compared without case.
    pub headers: Vec<(&'a str, &'a str)>,
    /// The body: form-encoded parameters for a POST.
    pub body: &'a [u8],
}

impl<'a> HttpRequest<'a> {
    /// The first header named `name` (compared without case).
    ///
    /// ```
    /// let req = ses_presend::query::HttpRequest {
    ///     method: "POST", path: "/", query: "", body: b"",
    ///     headers: vec![("X-Amz-Date", "20181107T003842Z")],
    /// };
    /// assert_eq!(req.header("x-amz-date"), Some("20181107T003842Z"));
    /// ```
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|&(_, v)| v)
    }

    /// Whether the body holds form parameters: a POST with
    /// `Content-Type: application/x-www-form-urlencoded` (parameters allowed).
    ///
    /// ```
    /// let req = ses_presend::query::HttpRequest {
    ///     method: "POST", path: "/", query: "", body: b"Action=GetSendQuota",
    ///     headers: vec![("content-type", "application/x-www-form-urlencoded; charset=utf-8")],
    /// };
    /// assert!(req.has_form_body());
    /// ```
    pub fn has_form_body(&self) -> bool {
        let form = self.header("content-type").is_some_and(|t| {
            let media = t.split(';').next().unwrap_or_default().trim();
            media.eq_ignore_ascii_case("application/x-www-form-urlencoded")
        });
        form && self.method.eq_ignore_ascii_case("POST")
    }
}

/// The decoded parameters, in request order.
pub(crate) struct Params<'p> {
    list: &'p [(String, String)],
}

impl<'p> Params<'p> {
    /// The first value of `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&'p str> {
        self.list
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The findings gathered so far.
struct Run {
    out: Collector,
    /// SendBulkTemplatedEmail's destinations' results, when the request has no error.
    statuses: Option<Vec<crate::request::bulk::EntryResult>>,
}

impl Run {
    fn push(&mut self, field: impl Into<String>, problem: QueryProblem, error: SesError) -> Flow {
        let message = match error.message.is_empty() {
            true => format!("SES answers {} with no message text", error.code),
            false => error.message.to_string(),
        };
        self.out
            .error(|| Finding::new(field, Reason::Query(problem), message).with_error(error))
    }

    /// The parameters the operation does not have, in request order.
    fn unknown_parameters(&mut self, names: Vec<&str>) -> Flow {
        for name in names {
            self.push(
                name,
                QueryProblem::UnknownParameter,
                SesError::new(
                    ErrorCode::InvalidQueryParameter,
                    msg::parameter_not_recognized(name),
                ),
            )?;
        }
        Ok(())
    }
}

/// Every check in order; the operation when the request got that far.
fn run(req: &HttpRequest<'_>, options: &QueryOptions<'_>, mode: Mode) -> (Option<Operation>, Run) {
    let mut run = Run {
        out: Collector::new(mode),
        statuses: None,
    };
    let mut action = None;
    let _ = checks(req, options, &mut run, &mut action);
    (action, run)
}

fn checks(
    req: &HttpRequest<'_>,
    options: &QueryOptions<'_>,
    run: &mut Run,
    action: &mut Option<Operation>,
) -> Flow {
    // 1. Decoding.
    let mut list = Vec::new();
    let mut decoded = form::decode_into(req.query.as_bytes(), &mut list).map_err(|e| (e, "query"));
    if decoded.is_ok() && req.has_form_body() {
        decoded = form::decode_into(req.body, &mut list).map_err(|e| (e, "body"));
    }
    if let Err((_, field)) = decoded {
        return run.push(
            field,
            QueryProblem::MalformedQuery,
            SesError::new(ErrorCode::MalformedQueryString, msg::MALFORMED_QUERY_STRING),
        );
    }
    let params = Params { list: &list };

    // 2. The operation.
    let Some(operation) = operation(&params, run) else {
        return Ok(());
    };
    *action = Some(operation);
    if run.out.done() {
        return Ok(());
    }

    // 3. The signature, 4. the account.
    let now = time::seconds(options.context.time());
    match auth::check(|name| req.header(name), &params, now) {
        Ok(key) => account(key, options, run)?,
        Err(failure) => run.push(failure.field, failure.problem, failure.error)?,
    }

    // 5. The operation's parameters, then the message.
    if operation == Operation::SendBulkTemplatedEmail {
        return bulk::check(&list, options, run);
    }
    if !matches!(
        operation,
        Operation::SendEmail | Operation::SendTemplatedEmail | Operation::SendRawEmail
    ) {
        return Ok(());
    }
    let (fields, unknown) = send::read(operation, &list);
    run.unknown_parameters(unknown)?;
    match operation {
        Operation::SendEmail => {
            let req = fields.send_email();
            check::run(Req::SendEmail(&req), &options.context, &mut run.out)
        }
        Operation::SendTemplatedEmail => {
            let req = fields.send_templated();
            let view = Req::SendTemplatedEmail(&req);
            check::run(view, &options.context, &mut run.out)
        }
        _ => raw(&fields, options, run),
    }
}

/// Step 2: `Action` and `Version`.
fn operation(params: &Params<'_>, run: &mut Run) -> Option<Operation> {
    let (field, problem, error) = match params.get("Action") {
        None => (
            "Action",
            QueryProblem::UnknownOperation,
            SesError::new(ErrorCode::UnknownOperationException, msg::UNKNOWN_OPERATION),
        ),
        Some("") => (
            "Action",
            QueryProblem::MissingAction,
            SesError::new(ErrorCode::MissingAction, msg::MISSING_ACTION),
        ),
        Some(name) => {
            let version = params.get("Version");
            let action = Operation::from_name(name);
            match (action, version) {
                (Some(action), Some(VERSION)) => return Some(action),
                // Without a Version SES's answer is not known (`query-missing-version` only
                // advises): the operation is checked as the one version there is.
                (Some(action), None) => {
                    let _ = run.push(
                        "Version",
                        QueryProblem::InvalidAction,
                        SesError::new(
                            ErrorCode::InvalidAction,
                            msg::invalid_action(name, msg::NO_VERSION),
                        ),
                    );
                    return Some(action);
                }
                (known, version) => {
                    let mut error = SesError::new(
                        ErrorCode::InvalidAction,
                        msg::invalid_action(name, version.unwrap_or(msg::NO_VERSION)),
                    );
                    if version.is_none() {
                        // An unknown operation is refused whatever the version; only the
                        // words for the absent one are chosen.
                        error = error.decided("query-unknown-action-no-version");
                    }
                    let field = if known.is_some() { "Version" } else { "Action" };
                    (field, QueryProblem::InvalidAction, error)
                }
            }
        }
    };
    let _ = run.push(field, problem, error);
    None
}

/// Step 4: the access key and the subscription, when the account says.
fn account(key: &str, options: &QueryOptions<'_>, run: &mut Run) -> Flow {
    let Some(account) = options.context.account() else {
        return Ok(());
    };
    if account.has_access_key(key) == Some(false) {
        let text = match options.client_token_text {
            ClientTokenText::WithPeriod => msg::INVALID_CLIENT_TOKEN_ID,
            ClientTokenText::WithoutPeriod => msg::INVALID_CLIENT_TOKEN_ID_NO_PERIOD,
        };
        run.push(
            "Credential",
            QueryProblem::UnknownAccessKey,
            SesError::new(ErrorCode::InvalidClientTokenId, text),
        )?;
    }
    if account.subscription() == Some(Subscription::NotSubscribed) {
        run.push(
            "Credential",
            QueryProblem::NotSubscribed,
            SesError::new(ErrorCode::OptInRequired, msg::OPT_IN_REQUIRED),
        )?;
    }
    Ok(())
}

/// SendRawEmail: the message's base64, the request's members (decided
/// `query-raw-message`), then the raw check.
fn raw(fields: &send::Fields<'_>, options: &QueryOptions<'_>, run: &mut Run) -> Flow {
    let data = fields.raw_data();
    // Base64 is read when the request is read, before any member is validated.
    let message = match data.map(decode_base64_message) {
        Some(None) => {
            return run.push(
                "RawMessage.Data",
                QueryProblem::RawMessageNotBase64,
                SesError::new(
                    ErrorCode::InvalidParameterValue,
                    msg::RAW_MESSAGE_NOT_BASE64,
                ),
            );
        }
        Some(Some(message)) => Some(message),
        None => None,
    };
    let configuration_set = fields.configuration_set();
    check::raw_request_stages(
        message.is_none(),
        &fields.tags(),
        configuration_set,
        &mut run.out,
    )?;
    let Some(message) = message else {
        return Ok(());
    };
    let mut raw_options = RawOptions::new(Api::V1)
        .destinations(fields.destinations())
        .context(options.context);
    if let Some(source) = fields.source() {
        raw_options = raw_options.source(source);
    }
    // The parameter, even when badly named (its existence is then not looked up), so that
    // the message's X-SES-CONFIGURATION-SET header never stands in for it.
    if let Some(name) = configuration_set {
        raw_options = raw_options.configuration_set(name);
    }
    match run.out.advising() {
        false => match check_raw(&message, &raw_options) {
            Err(error) => run.push("RawMessage.Data", QueryProblem::RawMessage, error),
            Ok(()) => Ok(()),
        },
        true => run.out.absorb("", report_raw(&message, &raw_options)),
    }
}

/// The error SES would return for `req`, or the operation it would run.
///
/// ```
/// use ses_presend::query::{check_query, HttpRequest, QueryOptions};
/// let req = HttpRequest {
///     method: "POST", path: "/", query: "", headers: vec![], body: b"",
/// };
/// let err = check_query(&req, &QueryOptions::new()).unwrap_err();
/// assert_eq!(err.code.as_str(), "UnknownOperationException");
/// ```
pub fn check_query(
    req: &HttpRequest<'_>,
    options: &QueryOptions<'_>,
) -> Result<Accepted, SesError> {
    check_with_statuses(req, options).map(|(accepted, _)| accepted)
}

/// [`check_query`], with SendBulkTemplatedEmail's destinations' results when it is accepted.
pub(crate) fn check_with_statuses(
    req: &HttpRequest<'_>,
    options: &QueryOptions<'_>,
) -> Result<(Accepted, Option<Vec<crate::request::bulk::EntryResult>>), SesError> {
    let (action, run) = run(req, options, Mode::First);
    match (run.out.into_first(), action) {
        (Some(error), _) => Err(error),
        (None, Some(action)) => Ok((Accepted { action }, run.statuses)),
        (None, None) => Err(SesError::new(
            ErrorCode::UnknownOperationException,
            msg::UNKNOWN_OPERATION,
        )),
    }
}

/// Every problem SES would find in `req`, in SES's order (the first is the error it returns),
/// and the advisories of the message, each at its field.
///
/// ```
/// use ses_presend::query::{report_query, HttpRequest, QueryOptions};
/// let req = HttpRequest {
///     method: "GET", path: "/", headers: vec![], body: b"",
///     query: "Action=SendEmail&Version=2010-12-01&Sorce=a%40example.com",
/// };
/// let report = report_query(&req, &QueryOptions::new());
/// let fields: Vec<&str> = report.errors.iter().map(|f| f.field.as_str()).collect();
/// assert_eq!(fields[..2], ["Authorization", "Message"]);
/// // A parameter SES may not know only advises (DECISIONS `query-unknown-parameter`).
/// assert_eq!(report.advisories[0].field, "Sorce");
/// ```
pub fn report_query(req: &HttpRequest<'_>, options: &QueryOptions<'_>) -> Report {
    let truncated = Reason::Query(QueryProblem::FindingsTruncated);
    run(req, options, Mode::All)
        .1
        .out
        .into_report("request", truncated)
}

/// A request's parameters, decoded: the query string's, then a form body's, in request order;
/// `None` when they do not decode (SES answers `MalformedQueryString`).
///
/// ```
/// let req = ses_presend::query::HttpRequest {
///     method: "GET", path: "/", headers: vec![], body: b"",
///     query: "Action=TestRenderTemplate&TemplateName=a%20b",
/// };
/// let params = ses_presend::query::parameters(&req).unwrap();
/// assert_eq!(params[1], ("TemplateName".to_string(), "a b".to_string()));
/// ```
pub fn parameters(req: &HttpRequest<'_>) -> Option<Vec<(String, String)>> {
    let mut list = Vec::new();
    form::decode_into(req.query.as_bytes(), &mut list).ok()?;
    if req.has_form_body() {
        form::decode_into(req.body, &mut list).ok()?;
    }
    Some(list)
}

/// `TestRenderTemplate` after the Query API's own checks: the stored template `name` rendered
/// with `data`, or SES's error (docs/rendering.md; v2's `TestRenderEmailTemplate` gives the
/// same errors under their v2 names, `ErrorCode::name_on`). An absent parameter is SES's
/// `ValidationError`; without a store no template exists.
///
/// ```
/// use ses_presend::query::test_render;
/// use ses_presend::template::{Template, TemplateStore};
/// use ses_presend::ErrorCode;
/// let mut store = TemplateStore::new();
/// store.insert(Template::new("welcome").with_subject("Hi {{name}}"));
/// let ok = test_render(Some(&store), Some("welcome"), Some(r#"{"name": "Ann"}"#)).unwrap();
/// assert_eq!(ok.subject, "Hi Ann");
/// let err = test_render(Some(&store), Some("welcome"), Some("{}")).unwrap_err();
/// assert_eq!(err.code, ErrorCode::MissingRenderingAttribute);
/// assert_eq!(err.message, "Attribute 'name' is not present in the rendering data.");
/// let err = test_render(Some(&store), Some("other"), Some("{}")).unwrap_err();
/// assert_eq!((err.code, &*err.message), (ErrorCode::TemplateDoesNotExist, "Template other does not exist"));
/// ```
#[cfg(feature = "templates")]
pub fn test_render(
    templates: Option<&crate::template::TemplateStore>,
    name: Option<&str>,
    data: Option<&str>,
) -> Result<crate::template::Rendered, SesError> {
    use crate::template::RenderFailure;
    use crate::texts::template as words;
    let (Some(name), Some(data)) = (name, data) else {
        let absent: Vec<String> = [("templateName", name), ("templateData", data)]
            .into_iter()
            .filter(|(_, v)| v.is_none())
            .map(|(path, _)| path.to_string())
            .collect();
        return Err(SesError::new(
            ErrorCode::ValidationError,
            crate::texts::request::validation_error(&absent),
        ));
    };
    let Some(template) = templates.and_then(|store| store.get(name)) else {
        return Err(SesError::new(
            ErrorCode::TemplateDoesNotExist,
            words::template_not_found(name),
        )
        .decided("test-render-errors"));
    };
    if data.len() > crate::limits::MAX_TEMPLATE_DATA
        && data.chars().count() > crate::limits::MAX_TEMPLATE_DATA
    {
        return Err(SesError::invalid(
            crate::texts::request::TEMPLATE_DATA_TOO_LONG,
        ));
    }
    template.render(data).map_err(|failure| match failure {
        RenderFailure::MissingAttribute { .. } => {
            SesError::new(ErrorCode::MissingRenderingAttribute, failure.to_string())
        }
        RenderFailure::InvalidData(_) => SesError::new(
            ErrorCode::InvalidRenderingParameter,
            words::UNABLE_TO_PARSE_TEMPLATE_DATA,
        ),
        other => SesError::new(ErrorCode::InvalidRenderingParameter, other.to_string()),
    })
}
