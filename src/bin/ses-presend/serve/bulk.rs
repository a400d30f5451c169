//! `POST /v2/email/outbound-bulk-emails`: SES v2 SendBulkEmail as a dry run.

use super::http::{blocking, from_library, read_body, Held, MAX_LARGE_BODY};
use super::{header_pairs, Shared};
use axum::extract::{Request, State};
use axum::response::Response;
use ses_presend::{render, v2};

/// SES v2 SendBulkEmail: without signature material, SES's
/// `MissingAuthenticationTokenException` before the body is read; then the request's error or
/// each entry's status (`ses_presend::v2::bulk_answer`).
pub(super) async fn v2_send_bulk_email(State(app): Shared, req: Request) -> Response {
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
        from_library(v2::bulk_answer(&body, &app.context()))
    })
    .await
}
