//! SES's texts for the Query API request itself (`docs/query.md`): the query string, the
//! operation, the signature, the account's credentials and the parameters. Each says how sure
//! it is; decided ones have a `query-…` row in [`DECISIONS`].
//!
//! [`DECISIONS`]: super::DECISIONS

/// Decided (`query-malformed`; the code's condition is documented, its words not).
pub const MALFORMED_QUERY_STRING: &str = "The query string is malformed.";
/// Seen: SES answers a request with no Action with the bare `<UnknownOperationException/>`,
/// which has no message.
pub const UNKNOWN_OPERATION: &str = "";
/// The bare body of UnknownOperationException (seen).
pub const UNKNOWN_OPERATION_BODY: &str = "<UnknownOperationException/>";
/// Decided (`query-missing-action`; documented code).
pub const MISSING_ACTION: &str = "Missing Action";
/// Decided (`query-missing-version`): what stands for an absent `Version`.
pub const NO_VERSION: &str = "NO_VERSION_SPECIFIED";

/// Seen: `Could not find operation SendEmai for version 2010-12-01`.
pub fn invalid_action(action: &str, version: &str) -> String {
    format!("Could not find operation {action} for version {version}")
}

/// Seen elsewhere (STS); reported for SES.
pub const MISSING_AUTHENTICATION_TOKEN: &str = "Request is missing Authentication Token";
/// Seen (one sentence per missing part of the Authorization header).
pub const REQUIRES_CREDENTIAL: &str = "Authorization header requires 'Credential' parameter.";
/// Seen.
pub const REQUIRES_SIGNATURE: &str = "Authorization header requires 'Signature' parameter.";
/// Seen.
pub const REQUIRES_SIGNED_HEADERS: &str =
    "Authorization header requires 'SignedHeaders' parameter.";
/// Seen elsewhere.
pub const REQUIRES_DATE: &str =
    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";

/// Seen: the sentences, then ` Authorization=<the header as sent>`.
pub fn incomplete_authorization(sentences: &[&str], header: &str) -> String {
    let mut out = sentences.join(" ");
    out.push_str(" Authorization=");
    out.push_str(header);
    out
}

/// Seen elsewhere.
pub fn missing_equal_sign(pair: &str, header: &str) -> String {
    format!(
        "'{pair}' not a valid key=value pair (missing equal-sign) in Authorization header: \
         '{header}'."
    )
}

/// Seen elsewhere (the start); the quoted value at the end is decided
/// (`query-credential-scope`).
pub fn credential_scope(value: &str) -> String {
    format!(
        "Credential must have exactly 5 slash-delimited elements, e.g. \
         keyid/date/region/service/term, got '{value}'"
    )
}

/// Decided (`query-signature-algorithm`).
pub fn unsupported_algorithm(algorithm: &str) -> String {
    format!("Unsupported AWS 'algorithm': '{algorithm}'.")
}

/// Decided (`query-presigned`): the query-string parameters of a presigned request that
/// are absent, each quoted, joined by `, `.
pub fn presigned_missing(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    format!(
        "AWS query-string parameters must include {}. Re-examine the query-string parameters.",
        quoted.join(", ")
    )
}

/// Decided (`query-signature-date`).
pub fn bad_date(value: &str) -> String {
    format!(
        "Date must be in ISO-8601 'basic format'. Got '{value}'. See \
         http://en.wikipedia.org/wiki/ISO_8601"
    )
}

/// Seen: `Signature expired: 20181107T003842Z is now earlier than 20181107T005054Z
/// (20181107T005554Z - 5 min.)`.
pub fn signature_expired(date: &str, earliest: &str, now: &str) -> String {
    format!("Signature expired: {date} is now earlier than {earliest} ({now} - 5 min.)")
}

/// Decided (`query-signature-window`): the mirror of [`signature_expired`].
pub fn signature_not_yet_current(date: &str, latest: &str, now: &str) -> String {
    format!("Signature not yet current: {date} is still later than {latest} ({now} + 5 min.)")
}

/// Seen elsewhere; the 15-minute rule is documented.
pub const REQUEST_EXPIRED: &str = "Request has expired.";
/// Seen.
pub const INVALID_CLIENT_TOKEN_ID: &str = "The security token included in the request is invalid.";
/// Seen (some reports): the same without the final period.
pub const INVALID_CLIENT_TOKEN_ID_NO_PERIOD: &str =
    "The security token included in the request is invalid";
/// Seen elsewhere.
pub const OPT_IN_REQUIRED: &str = "The AWS Access Key Id needs a subscription for the service";

/// Seen elsewhere (SQS); where it applies is decided (`query-missing-parameter`).
pub fn missing_parameter(name: &str) -> String {
    format!("The request must contain the parameter {name}.")
}

/// Decided (`query-unknown-parameter`; documented code).
pub fn parameter_not_recognized(name: &str) -> String {
    format!("The parameter {name} is not recognized.")
}

pub use super::request::parameters_exclusive;

/// Decided (`query-older-signing`).
pub fn invalid_timestamp(name: &str, value: &str) -> String {
    format!("Invalid {name}: '{value}' is not an ISO 8601 date and time in UTC.")
}

/// Decided (`query-raw-message`).
pub const RAW_MESSAGE_NOT_BASE64: &str = "RawMessage.Data is not valid base64.";
