//! Template rendering over serve, from the directory of `--templates` (or the account file's
//! `templates_dir`): v1 `Action=TestRenderTemplate` over the Query API and v2
//! `POST /v2/email/templates/{TemplateName}/render` (TestRenderEmailTemplate), each answering
//! SES's `RenderedTemplate` (the whole MIME message) or SES's error (docs/rendering.md).

use super::http::{blocking, from_library, read_body, Held};
use super::{header_pairs, App, Shared};
use crate::Failure;
use axum::extract::{Path, Request, State};
use axum::response::Response;
use base64::Engine as _;
use ses_presend::query::{self, HttpRequest, Operation, QueryOptions};
use ses_presend::render::{self, HttpResponse, V1_NAMESPACE};
use ses_presend::template::{Rendered, TemplateStore};
use ses_presend::{v2, Account, ErrorCode, SesError};
use std::ffi::OsString;
use std::io;
use std::path::{Path as FsPath, PathBuf};
use std::sync::Arc;

/// The largest TestRenderEmailTemplate body read: 262 144 characters of data, each escaped.
const MAX_RENDER_BODY: usize = 8 << 20;

/// The stored templates of `--templates`, or of the account file's `templates_dir` (relative to
/// the account file); `None` when neither is given. A directory that cannot be read stops the
/// server before it starts.
pub(super) fn load(
    dir: Option<&FsPath>,
    account_file: Option<&OsString>,
    account: Option<&Account>,
) -> Result<Option<TemplateStore>, Failure> {
    let dir: PathBuf = match (dir, account.and_then(Account::templates_dir)) {
        (Some(dir), _) => dir.to_path_buf(),
        (None, Some(relative)) => account_file
            .map(FsPath::new)
            .and_then(FsPath::parent)
            .unwrap_or(FsPath::new(""))
            .join(relative),
        (None, None) => return Ok(None),
    };
    TemplateStore::from_dir(&dir)
        .map(Some)
        .map_err(|e| Failure {
            doing: "reading the templates",
            error: io::Error::new(io::ErrorKind::InvalidData, e.to_string()),
        })
}

/// Whether a Query API request names `Action=TestRenderTemplate` (a cheap look before the
/// parameters are decoded a second time).
pub(super) fn is_test_render(request: &HttpRequest<'_>) -> bool {
    const NEEDLE: &[u8] = b"Action=TestRenderTemplate";
    let has = |bytes: &[u8]| bytes.windows(NEEDLE.len()).any(|w| w == NEEDLE);
    has(request.query.as_bytes()) || (request.has_form_body() && has(request.body))
}

/// v1 `TestRenderTemplate`: the Query API's own checks (signature, account), then the
/// template rendered; `None` when the request is another operation.
pub(super) fn query_test_render(
    request: &HttpRequest<'_>,
    options: &QueryOptions<'_>,
    templates: Option<&TemplateStore>,
) -> Option<HttpResponse> {
    let id = render::request_id();
    match query::check_query(request, options) {
        Ok(accepted) if accepted.action != Operation::TestRenderTemplate => None,
        Err(err) => Some(query::error_response(&err, &id, options)),
        Ok(_) => {
            let params = query::parameters(request).unwrap_or_default();
            let get = |name: &str| {
                params
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.as_str())
            };
            let answer = query::test_render(templates, get("TemplateName"), get("TemplateData"));
            Some(match answer {
                Ok(rendered) => v1_success(&rendered, &id),
                Err(err) => query::error_response(&err, &id, options),
            })
        }
    }
}

/// TestRenderTemplate's success body: `RenderedTemplate` holds the MIME message, its CRs
/// written as `&#13;` so that an XML reader keeps the CRLF line ends.
fn v1_success(rendered: &Rendered, id: &str) -> HttpResponse {
    let mime = mime_message(rendered, id);
    let escaped = render::xml_escape(&mime).replace('\r', "&#13;");
    HttpResponse {
        status: 200,
        headers: vec![
            ("Content-Type", "text/xml".to_string()),
            ("x-amzn-RequestId", id.to_string()),
        ],
        body: format!(
            "<TestRenderTemplateResponse xmlns=\"{V1_NAMESPACE}\"><TestRenderTemplateResult>\
             <RenderedTemplate>{escaped}</RenderedTemplate></TestRenderTemplateResult>\
             <ResponseMetadata><RequestId>{}</RequestId></ResponseMetadata>\
             </TestRenderTemplateResponse>",
            render::xml_escape(id)
        ),
    }
}

/// `POST /v2/email/templates/{TemplateName}/render`: without signature material SES's
/// `MissingAuthenticationTokenException`; then `{"TemplateData": "…"}` rendered with the
/// stored template, answering `{"RenderedTemplate": "…"}` or the v2 error.
pub(super) async fn v2_test_render(
    State(app): Shared,
    Path(name): Path<String>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    let signed = v2::check_credentials(&header_pairs(&parts), parts.uri.query().unwrap_or(""));
    if let Err(err) = signed {
        return from_library(render::v2_response(&err, None));
    }
    let body = match read_body(body, &parts, MAX_RENDER_BODY).await {
        Ok(body) => body,
        Err(response) => return response,
    };
    blocking(Held::of(&parts), move || {
        from_library(v2_answer(&app, &name, &body))
    })
    .await
}

/// TestRenderEmailTemplate's whole answer.
fn v2_answer(app: &Arc<App>, name: &str, body: &[u8]) -> HttpResponse {
    let id = render::request_id();
    let data = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(members)) => match members.get("TemplateData") {
            Some(serde_json::Value::String(data)) => Ok(data.clone()),
            _ => Err("TemplateData must be a string".to_string()),
        },
        Ok(_) => Err("expected a JSON object".to_string()),
        Err(e) => Err(e.to_string()),
    };
    let answer = data
        .map_err(|why| {
            SesError::new(
                ErrorCode::InvalidParameterValue,
                format!("The request body is not a valid TestRenderEmailTemplate request: {why}"),
            )
        })
        .and_then(|data| query::test_render(app.templates.as_ref(), Some(name), Some(&data)));
    match answer {
        Ok(rendered) => HttpResponse {
            status: 200,
            headers: vec![
                ("Content-Type", "application/json".to_string()),
                ("x-amzn-RequestId", id.clone()),
            ],
            body: serde_json::json!({ "RenderedTemplate": mime_message(&rendered, &id) })
                .to_string(),
        },
        Err(err) => render::v2_response(&err, Some(&id)),
    }
}

/// The MIME message SES's TestRenderTemplate returns (decided `test-render-mime`): the
/// subject, then a multipart/alternative of the text and HTML parts, CRLF throughout.
fn mime_message(rendered: &Rendered, id: &str) -> String {
    let boundary = format!("----=_Part_{}", id.replace('-', ""));
    let mut out = format!(
        "Subject: {}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; \r\n\t\
         boundary=\"{boundary}\"\r\n\r\n",
        subject_header(&rendered.subject)
    );
    let mut parts: Vec<(&str, &str)> = Vec::with_capacity(2);
    if let Some(text) = &rendered.text {
        parts.push(("text/plain", text));
    }
    if let Some(html) = &rendered.html {
        parts.push(("text/html", html));
    }
    if parts.is_empty() {
        parts.push(("text/plain", ""));
    }
    for (media, body) in parts {
        let encoding = if body.is_ascii() { "7bit" } else { "8bit" };
        out.push_str(&format!(
            "--{boundary}\r\nContent-Type: {media}; charset=UTF-8\r\n\
             Content-Transfer-Encoding: {encoding}\r\n\r\n{}\r\n",
            crlf(body)
        ));
    }
    out.push_str(&format!("--{boundary}--\r\n"));
    out
}

/// The subject as a header value: as rendered when it is ASCII without line breaks, else
/// RFC 2047 B encoded-words of at most 45 bytes of UTF-8 each, folded.
fn subject_header(subject: &str) -> String {
    if subject.is_ascii() && !subject.contains(['\r', '\n']) {
        return subject.to_string();
    }
    let mut words = Vec::new();
    let mut start = 0;
    while start < subject.len() {
        let mut end = (start + 45).min(subject.len());
        while !subject.is_char_boundary(end) {
            end -= 1;
        }
        let chunk = &subject.as_bytes()[start..end];
        words.push(format!(
            "=?UTF-8?B?{}?=",
            base64::engine::general_purpose::STANDARD.encode(chunk)
        ));
        start = end;
    }
    words.join("\r\n ")
}

/// A body with every line ending as CRLF.
fn crlf(body: &str) -> String {
    body.replace("\r\n", "\n").replace('\n', "\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_shape() {
        let rendered = Rendered {
            subject: "Hi Ann".into(),
            text: Some("a\nb".into()),
            html: Some("<p>é</p>".into()),
        };
        let mime = mime_message(&rendered, "1-2");
        assert!(mime.starts_with("Subject: Hi Ann\r\nMIME-Version: 1.0\r\n"));
        assert!(mime.contains("boundary=\"----=_Part_12\""));
        assert!(mime.contains(
            "text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\na\r\nb\r\n"
        ));
        assert!(mime.contains("Content-Transfer-Encoding: 8bit\r\n\r\n<p>é</p>\r\n"));
        assert!(mime.ends_with("------=_Part_12--\r\n"));
        assert_eq!(subject_header("é"), "=?UTF-8?B?w6k=?=");
        let long = subject_header(&"é".repeat(40));
        assert!(long.split("\r\n ").all(|w| w.len() <= 75));
    }
}
