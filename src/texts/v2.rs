//! The texts of the v2 SendEmail endpoint (`ses-presend serve`) beyond the request's own.

/// Seen (`docs/query.md`, v2 section): a v2 call with no credentials at all, as
/// `MissingAuthenticationTokenException` 403.
pub const MISSING_AUTHENTICATION_TOKEN: &str = "Missing Authentication Token";

/// Decided (`v2-bad-json`): a body that is not a SendBulkEmail request's JSON.
pub fn bad_bulk_json(detail: &str) -> String {
    format!("The request body is not a valid SendBulkEmail request: {detail}.")
}

/// Decided (`v2-bad-json`): a body that is not a SendEmail request's JSON.
pub fn bad_json(detail: &str) -> String {
    format!("The request body is not a valid SendEmail request: {detail}.")
}
