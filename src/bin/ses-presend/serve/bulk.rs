//! `POST /v2/email/outbound-bulk-emails`: SES v2 SendBulkEmail as a dry run.

use super::{v2_route, Shared};
use axum::extract::{Request, State};
use axum::response::Response;
use ses_presend::v2;

/// SES v2 SendBulkEmail: without signature material, SES's
/// `MissingAuthenticationTokenException` before the body is read; then the request's error or
/// each entry's status (`ses_presend::v2::bulk_answer`).
pub(super) async fn v2_send_bulk_email(State(app): Shared, req: Request) -> Response {
    v2_route(app, req, v2::bulk_answer).await
}
