//! The `/validate/…` routes: the form module's checks, JSON in and out.

use super::http::{
    blocking, is_json, json_bytes, json_error, json_ok, not_json, not_the_json, read_body,
    with_json, Held, MAX_LARGE_BODY, MAX_SMALL_BODY,
};
use super::Shared;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use ses_presend::request::RequestKind;
use ses_presend::{form, Api, Context, RawOptions, Strictness};
use std::borrow::Cow;

/// The most addresses `/validate/addresses` checks in one request (decided:
/// `serve-address-list`; SES takes 50 recipients).
const MAX_ADDRESSES: usize = 1000;

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

pub(super) async fn validate_address(req: Request) -> Response {
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

pub(super) async fn validate_addresses(req: Request) -> Response {
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

pub(super) async fn validate_friendly_name(req: Request) -> Response {
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

pub(super) async fn validate_tag(req: Request) -> Response {
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

pub(super) async fn validate_configuration_set_name(req: Request) -> Response {
    with_json(req, MAX_SMALL_BODY, |b: ConfigurationSetBody| {
        json_ok(&form::configuration_set_name(&b.name, b.api.into()))
    })
    .await
}

/// `/validate/request?api=v1|v2&operation=send-email|send-templated-email`: the body is the
/// request's JSON as `--cli-input-json` takes it, so positions in errors are the caller's.
pub(super) async fn validate_request(State(app): Shared, req: Request) -> Response {
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
        match form::request(kind, text, &app.context()) {
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
pub(super) async fn validate_message(State(app): Shared, req: Request) -> Response {
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
            (None, Some(encoded)) => match ses_presend::raw::decode_base64_message(encoded) {
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
            options = options.context(Context::new().with_account(account));
        }
        json_ok(&form::message(&bytes, &options, b.strictness.into()))
    })
    .await
}
