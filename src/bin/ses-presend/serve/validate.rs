//! The `/validate/…` routes: the form module's checks, JSON in and out.

use super::http::{
    blocking, is_json, json_bytes, json_error, json_ok, not_json, not_the_json, read_body,
    with_json, Held, MAX_LARGE_BODY, MAX_SMALL_BODY,
};
use super::Shared;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};
use ses_presend::request::RequestKind;
use ses_presend::{form, Api, Context, RawOptions, Strictness};
use std::borrow::Cow;
use std::fmt;

/// The most addresses `/validate/addresses` checks in one request (decided:
/// `serve-address-list`; SES takes 50 recipients).
const MAX_ADDRESSES: usize = 1000;

/// The `api` of the one-field routes: [`Api`]'s names, but `v1` or `v2` only (`v1` when
/// absent, by `#[serde(default)]`). Read as serde reads a unit enum, so the errors are serde's
/// own (`unknown variant `smtp`, expected `v1` or `v2``).
fn v1_or_v2<'de, D: Deserializer<'de>>(d: D) -> Result<Api, D::Error> {
    const NAMES: &[&str] = &["v1", "v2"];

    /// The variant's name, read as an identifier.
    struct Name(Api);

    impl<'de> Deserialize<'de> for Name {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Name, D::Error> {
            struct NameVisitor;
            impl Visitor<'_> for NameVisitor {
                type Value = Name;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("variant identifier")
                }
                fn visit_str<E: de::Error>(self, name: &str) -> Result<Name, E> {
                    match name.parse() {
                        Ok(api @ (Api::V1 | Api::V2)) => Ok(Name(api)),
                        _ => Err(E::unknown_variant(name, NAMES)),
                    }
                }
            }
            d.deserialize_identifier(NameVisitor)
        }
    }

    struct ApiVisitor;
    impl<'de> Visitor<'de> for ApiVisitor {
        type Value = Api;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("enum Api")
        }
        fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Api, A::Error> {
            let (Name(api), variant) = data.variant()?;
            de::VariantAccess::unit_variant(variant)?;
            Ok(api)
        }
    }
    d.deserialize_enum("Api", NAMES, ApiVisitor)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddressBody {
    address: String,
    #[serde(default, deserialize_with = "v1_or_v2")]
    api: Api,
    #[serde(default)]
    strictness: Strictness,
    /// Deliverability advice too (special-use names and DNS, docs/deliverability.md).
    #[serde(default)]
    deliverability: bool,
}

pub(super) async fn validate_address(req: Request) -> Response {
    let (parts, bytes) = match json_bytes(req, MAX_SMALL_BODY).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let b: AddressBody = match serde_json::from_slice(&bytes) {
        Ok(b) => b,
        Err(e) => return not_the_json(&parts, &e),
    };
    if !b.deliverability {
        return json_ok(&form::address(&b.address, b.api, b.strictness));
    }
    // DNS lookups block: this check runs off the async workers.
    blocking(None, move || {
        json_ok(&form::address_with(
            &b.address,
            b.api,
            b.strictness,
            deliverability(),
        ))
    })
    .await
}

/// `serve --dns-server`: the DNS server deliverability asks; unset: the system's resolvers.
static DNS_SERVER: std::sync::OnceLock<std::net::SocketAddr> = std::sync::OnceLock::new();

/// Sets the DNS server of `"deliverability": true`, before the first request.
pub(super) fn set_dns_server(server: Option<std::net::SocketAddr>) {
    if let Some(server) = server {
        let _ = DNS_SERVER.set(server);
    }
}

/// The deliverability options of `/validate/address`: special-use names and DNS through
/// `--dns-server` or the system's resolvers, made at the first request that asks
/// (special-use names only when the system's DNS configuration cannot be read).
fn deliverability() -> &'static ses_presend::address::Deliverability {
    use ses_presend::address::{dns, Deliverability};
    static OPTIONS: std::sync::OnceLock<Deliverability> = std::sync::OnceLock::new();
    let options = DNS_SERVER
        .get()
        .map_or_else(dns::DnsOptions::default, |s| dns::DnsOptions::server(*s));
    OPTIONS.get_or_init(|| match dns::Resolver::new(&options) {
        Ok(resolver) => Deliverability::with_dns(resolver),
        Err(_) => Deliverability::special_use(),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddressesBody {
    addresses: Vec<String>,
    #[serde(default, deserialize_with = "v1_or_v2")]
    api: Api,
    #[serde(default)]
    strictness: Strictness,
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
            b.api,
            b.strictness,
        ))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NameBody {
    name: String,
    #[serde(default, deserialize_with = "v1_or_v2")]
    api: Api,
    #[serde(default)]
    strictness: Strictness,
}

pub(super) async fn validate_friendly_name(req: Request) -> Response {
    with_json(req, MAX_SMALL_BODY, |b: NameBody| {
        json_ok(&form::friendly_name(&b.name, b.api, b.strictness))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TagBody {
    name: String,
    value: String,
    #[serde(default, deserialize_with = "v1_or_v2")]
    api: Api,
}

pub(super) async fn validate_tag(req: Request) -> Response {
    with_json(req, MAX_SMALL_BODY, |b: TagBody| {
        json_ok(&form::tag(&b.name, &b.value, b.api))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigurationSetBody {
    name: String,
    #[serde(default, deserialize_with = "v1_or_v2")]
    api: Api,
}

pub(super) async fn validate_configuration_set_name(req: Request) -> Response {
    with_json(req, MAX_SMALL_BODY, |b: ConfigurationSetBody| {
        json_ok(&form::configuration_set_name(&b.name, b.api))
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MessageBody {
    /// The message itself, as text.
    raw: Option<String>,
    /// Or its bytes in base64, for a message that is not UTF-8 (8-bit headers, Latin-1 parts).
    raw_base64: Option<String>,
    /// Any [`Api`] (`v1` when absent).
    #[serde(default)]
    api: Api,
    source: Option<String>,
    #[serde(default)]
    destinations: Vec<String>,
    #[serde(default)]
    strictness: Strictness,
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
            RawOptions::new(b.api).destinations(b.destinations.iter().map(String::as_str));
        if let Some(source) = &b.source {
            options = options.source(source);
        }
        if let Some(account) = &app.account {
            options = options.context(Context::new().with_account(account));
        }
        json_ok(&form::message(&bytes, &options, b.strictness))
    })
    .await
}
