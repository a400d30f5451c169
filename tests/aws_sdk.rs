//! The AWS SDK for Rust (aws-sdk-sesv2 and aws-sdk-ses) with `ses_presend::aws::HttpClient` as
//! its HTTP client: what SES would reject comes back as the SDK's own modelled error with SES's
//! code and message, what it would accept as SES's success, and `wrap` hands only the latter to
//! a real HTTP client (the SDK's default one, here pointed at a local server).
#![cfg(feature = "aws-sdk")]

use aws_sdk_sesv2::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_sesv2::error::ProvideErrorMetadata;
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use ses_presend::account::{AccountMode, AccountSending, SendQuota};
use ses_presend::aws::HttpClient;
use ses_presend::Account;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// The SDK's service error of a call SES would reject: its variant (the modelled error type),
/// its code and its message.
macro_rules! rejection {
    ($call:expr) => {{
        let err = $call.await.expect_err("SES would reject this call");
        let service = err.into_service_error();
        let debug = format!("{service:?}");
        let variant = debug.split('(').next().unwrap_or_default().to_string();
        let code = service.code().unwrap_or_default().to_string();
        let message = service.message().unwrap_or_default().to_string();
        (variant, code, message)
    }};
}

/// SES's texts the two APIs share, and the messages that get them.
const NOT_VERIFIED: &str = "Email address is not verified. The following identities failed the \
    check in region US-EAST-1: ops@example.net";
const BAD_TAG: &str =
    "Invalid tag name <bad tag>: only alphanumeric ASCII characters, '_',  '-' are allowed.";
const TWO_SUBJECTS: &str = "From: ops@example.com
To: a@example.com
Subject: a
Subject: b

Hi
";

/// The call's (variant, code, message) against the expected ones.
fn expect(got: (String, String, String), want: (&str, &str, &str)) {
    assert_eq!((got.0.as_str(), got.1.as_str(), got.2.as_str()), want);
}

fn credentials() -> Credentials {
    Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        None,
        None,
        "test",
    )
}

/// An SES v2 client over `http`.
fn v2_client(http: HttpClient, endpoint: Option<&str>) -> aws_sdk_sesv2::Client {
    let mut config = aws_sdk_sesv2::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(credentials())
        .retry_config(aws_sdk_sesv2::config::retry::RetryConfig::disabled())
        .http_client(http);
    if let Some(url) = endpoint {
        config = config.endpoint_url(url);
    }
    aws_sdk_sesv2::Client::from_conf(config.build())
}

/// An SES v1 client over `http`.
fn v1_client(http: HttpClient, endpoint: Option<&str>) -> aws_sdk_ses::Client {
    let mut config = aws_sdk_ses::Config::builder()
        .behavior_version(aws_sdk_ses::config::BehaviorVersion::latest())
        .region(aws_sdk_ses::config::Region::new("us-east-1"))
        .credentials_provider(credentials())
        .retry_config(aws_sdk_ses::config::retry::RetryConfig::disabled())
        .http_client(http);
    if let Some(url) = endpoint {
        config = config.endpoint_url(url);
    }
    aws_sdk_ses::Client::from_conf(config.build())
}

/// The account of the account-aware cases: production in us-east-1, example.com verified, one
/// configuration set and one template.
fn account() -> Account {
    Account::new()
        .with_region("us-east-1")
        .with_mode(AccountMode::Production)
        .with_verified_identities(["example.com"])
        .with_configuration_sets(["marketing"])
        .with_templates(["welcome"])
}

mod v2 {
    use super::*;
    use aws_sdk_sesv2::primitives::Blob;
    use aws_sdk_sesv2::types::{
        Body, Content, Destination, EmailContent, Message, MessageTag, RawMessage,
    };

    fn simple() -> EmailContent {
        let text = |t: &str| Content::builder().data(t).build().unwrap();
        EmailContent::builder()
            .simple(
                Message::builder()
                    .subject(text("Hi"))
                    .body(Body::builder().text(text("Hello")).build())
                    .build(),
            )
            .build()
    }

    fn to(addresses: &[&str]) -> Destination {
        let mut destination = Destination::builder();
        for address in addresses {
            destination = destination.to_addresses(*address);
        }
        destination.build()
    }

    fn raw(message: &str) -> EmailContent {
        EmailContent::builder()
            .raw(
                RawMessage::builder()
                    .data(Blob::new(message))
                    .build()
                    .unwrap(),
            )
            .build()
    }

    #[tokio::test]
    async fn rejections_are_the_sdks_modelled_errors() {
        let client = v2_client(HttpClient::dry_run(), None);
        let send = || client.send_email().content(simple());

        let missing_domain = send()
            .from_email_address("ops@")
            .destination(to(&["a@example.com"]));
        expect(
            rejection!(missing_domain.send()),
            (
                "BadRequestException",
                "BadRequestException",
                "Missing domain",
            ),
        );

        let illegal = send()
            .from_email_address("ops@example.com")
            .destination(to(&["alice smith@example.com"]));
        expect(
            rejection!(illegal.send()),
            (
                "BadRequestException",
                "BadRequestException",
                "Local address contains control or whitespace",
            ),
        );

        let many: Vec<String> = (0..51).map(|i| format!("r{i}@example.com")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let too_many = send()
            .from_email_address("ops@example.com")
            .destination(to(&many));
        expect(
            rejection!(too_many.send()),
            (
                "BadRequestException",
                "BadRequestException",
                "Recipient count exceeds 50.",
            ),
        );

        let tag = MessageTag::builder()
            .name("bad tag")
            .value("x")
            .build()
            .unwrap();
        let bad_tag = send()
            .from_email_address("ops@example.com")
            .destination(to(&["a@example.com"]))
            .email_tags(tag);
        expect(
            rejection!(bad_tag.send()),
            ("BadRequestException", "BadRequestException", BAD_TAG),
        );

        let duplicate = client.send_email().content(raw(TWO_SUBJECTS));
        expect(
            rejection!(duplicate.send()),
            (
                "BadRequestException",
                "BadRequestException",
                "Duplicate header 'Subject'.",
            ),
        );
    }

    #[tokio::test]
    async fn the_account_decides_identities_configuration_sets_and_sending() {
        let client = v2_client(HttpClient::dry_run().with_account(account()), None);
        let send = || {
            client
                .send_email()
                .content(simple())
                .destination(to(&["alice@example.org"]))
        };

        expect(
            rejection!(send().from_email_address("ops@example.net").send()),
            ("MessageRejected", "MessageRejected", NOT_VERIFIED),
        );
        let unknown_set = send()
            .from_email_address("ops@example.com")
            .configuration_set_name("nope");
        expect(
            rejection!(unknown_set.send()),
            (
                "NotFoundException",
                "NotFoundException",
                "Configuration set <nope> does not exist.",
            ),
        );

        let disabled = account().with_sending(AccountSending::Disabled);
        let client = v2_client(HttpClient::dry_run().with_account(disabled), None);
        let paused = client
            .send_email()
            .content(simple())
            .destination(to(&["alice@example.org"]))
            .from_email_address("ops@example.com");
        let (variant, code, _) = rejection!(paused.send());
        assert_eq!(
            (variant.as_str(), code.as_str()),
            ("SendingPausedException", "SendingPausedException")
        );
    }

    #[tokio::test]
    async fn a_send_over_the_quota_is_throttled() {
        let account = Account::new()
            .with_region("us-east-1")
            .with_mode(AccountMode::Sandbox)
            .with_verified_identities(["example.com"]);
        let quota = Arc::new(SendQuota::sandbox());
        let client = v2_client(
            HttpClient::dry_run()
                .with_account(account)
                .with_quota(quota),
            None,
        );
        let send = || {
            client
                .send_email()
                .content(simple())
                .from_email_address("ops@example.com")
                .destination(to(&["a@example.com"]))
                .send()
        };
        send()
            .await
            .expect("the first send is within the sandbox's rate");
        let (variant, code, message) = rejection!(send());
        assert_eq!(
            (variant.as_str(), code.as_str()),
            ("TooManyRequestsException", "TooManyRequestsException")
        );
        assert_eq!(message, "Maximum sending rate exceeded.");
    }

    #[tokio::test]
    async fn an_accepted_send_gets_a_message_id() {
        let client = v2_client(HttpClient::dry_run(), None);
        let sent = client
            .send_email()
            .from_email_address("ops@example.com")
            .destination(to(&["a@example.com"]))
            .content(simple())
            .send()
            .await
            .expect("SES would accept this");
        let id = sent.message_id().expect("a message id");
        assert!(id.starts_with("0100") && id.ends_with("-000000"), "{id}");
    }
}

mod v1 {
    use super::*;
    use aws_sdk_ses::primitives::Blob;
    use aws_sdk_ses::types::{Body, Content, Destination, Message, MessageTag, RawMessage};

    fn message() -> Message {
        let text = |t: &str| Content::builder().data(t).build().unwrap();
        Message::builder()
            .subject(text("Hi"))
            .body(Body::builder().text(text("Hello")).build())
            .build()
    }

    fn to(addresses: &[&str]) -> Destination {
        let mut destination = Destination::builder();
        for address in addresses {
            destination = destination.to_addresses(*address);
        }
        destination.build()
    }

    fn raw(message: &str) -> RawMessage {
        RawMessage::builder()
            .data(Blob::new(message))
            .build()
            .unwrap()
    }

    /// SES's `InvalidParameterValue` is not in the v1 API model, so the SDK raises it as its
    /// generic (unmodelled) service error, with SES's code and message.
    const GENERIC: &str = "Unhandled";

    #[tokio::test]
    async fn rejections_carry_ses_code_and_message() {
        let client = v1_client(HttpClient::dry_run(), None);
        let send = || client.send_email().message(message());

        expect(
            rejection!(send()
                .source("ops@")
                .destination(to(&["a@example.com"]))
                .send()),
            (GENERIC, "InvalidParameterValue", "Missing domain"),
        );
        let illegal = send()
            .source("ops@example.com")
            .destination(to(&["alice smith@example.com"]));
        expect(
            rejection!(illegal.send()),
            (
                GENERIC,
                "InvalidParameterValue",
                "Local address contains control or whitespace",
            ),
        );
        let many: Vec<String> = (0..51).map(|i| format!("r{i}@example.com")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        expect(
            rejection!(send()
                .source("ops@example.com")
                .destination(to(&many))
                .send()),
            (
                GENERIC,
                "InvalidParameterValue",
                "Recipient count exceeds 50.",
            ),
        );
        let tag = MessageTag::builder()
            .name("bad tag")
            .value("x")
            .build()
            .unwrap();
        let bad_tag = send()
            .source("ops@example.com")
            .destination(to(&["a@example.com"]))
            .tags(tag);
        expect(
            rejection!(bad_tag.send()),
            (GENERIC, "InvalidParameterValue", BAD_TAG),
        );
        let duplicate = client.send_raw_email().raw_message(raw(TWO_SUBJECTS));
        expect(
            rejection!(duplicate.send()),
            (
                GENERIC,
                "InvalidParameterValue",
                "Duplicate header 'Subject'.",
            ),
        );
    }

    #[tokio::test]
    async fn modelled_errors_with_an_account() {
        let client = v1_client(HttpClient::dry_run().with_account(account()), None);
        let send = || {
            client
                .send_email()
                .message(message())
                .destination(to(&["alice@example.org"]))
        };

        expect(
            rejection!(send().source("ops@example.net").send()),
            ("MessageRejected", "MessageRejected", NOT_VERIFIED),
        );
        expect(
            rejection!(send()
                .source("ops@example.com")
                .configuration_set_name("nope")
                .send()),
            (
                "ConfigurationSetDoesNotExistException",
                "ConfigurationSetDoesNotExist",
                "Configuration set <nope> does not exist.",
            ),
        );
        let raw_unverified = client.send_raw_email().raw_message(raw(
            "From: ops@example.net\r\nTo: alice@example.org\r\nSubject: Hi\r\n\r\nHello\r\n",
        ));
        expect(
            rejection!(raw_unverified.send()),
            ("MessageRejected", "MessageRejected", NOT_VERIFIED),
        );
        let templated = client
            .send_templated_email()
            .source("ops@example.com")
            .destination(to(&["alice@example.org"]))
            .template("nope")
            .template_data("{}");
        expect(
            rejection!(templated.send()),
            (
                "TemplateDoesNotExistException",
                "TemplateDoesNotExist",
                "Template nope does not exist",
            ),
        );

        let disabled = account().with_sending(AccountSending::Disabled);
        let client = v1_client(HttpClient::dry_run().with_account(disabled), None);
        let paused = client
            .send_email()
            .message(message())
            .destination(to(&["alice@example.org"]))
            .source("ops@example.com");
        let (variant, code, _) = rejection!(paused.send());
        assert_eq!(
            (variant.as_str(), code.as_str()),
            (
                "AccountSendingPausedException",
                "AccountSendingPausedException"
            )
        );
    }

    #[tokio::test]
    async fn an_accepted_send_gets_a_message_id() {
        let client = v1_client(HttpClient::dry_run(), None);
        let sent = client
            .send_email()
            .source("ops@example.com")
            .destination(to(&["a@example.com"]))
            .message(message())
            .send()
            .await
            .expect("SES would accept this");
        assert!(
            sent.message_id().starts_with("0100"),
            "{}",
            sent.message_id()
        );
        let raw = client
            .send_raw_email()
            .raw_message(raw(
                "From: ops@example.com\r\nTo: a@example.com\r\nSubject: Hi\r\n\r\nHello\r\n",
            ))
            .send()
            .await
            .expect("SES would accept this");
        assert!(raw.message_id().starts_with("0100"));
    }
}

/// A local HTTP server that answers every request with `reply` (a JSON or XML body) and
/// records each request's `METHOD PATH`.
struct Upstream {
    url: String,
    seen: Arc<Mutex<Vec<String>>>,
}

impl Upstream {
    fn start(content_type: &'static str, reply: &'static str) -> Upstream {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let mut reader = BufReader::new(stream);
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    continue;
                }
                let mut length = 0usize;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                        break;
                    }
                    if let Some((name, value)) = header.split_once(':') {
                        if name.eq_ignore_ascii_case("content-length") {
                            length = value.trim().parse().unwrap_or(0);
                        }
                    }
                }
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                let mut parts = line.split_whitespace();
                let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                log.lock().unwrap().push(format!("{method} {path}"));
                let mut stream = reader.into_inner();
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
                     x-amzn-RequestId: upstream\r\nConnection: close\r\n\r\n{reply}",
                    reply.len()
                );
            }
        });
        Upstream { url, seen }
    }

    fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

/// The SDK's default HTTP client: hyper 1 and rustls on aws-lc, as the SDK builds it.
fn default_http_client() -> SharedHttpClient {
    use aws_smithy_http_client::tls::{rustls_provider::CryptoMode, Provider};
    aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::AwsLc))
        .build_https()
}

#[tokio::test]
async fn wrap_forwards_what_ses_would_accept_and_answers_the_rest() {
    use aws_sdk_sesv2::types::{Body, Content, Destination, EmailContent, Message};
    let upstream = Upstream::start("application/json", r#"{"MessageId":"from-upstream"}"#);
    let client = v2_client(HttpClient::wrap(default_http_client()), Some(&upstream.url));
    let text = |t: &str| Content::builder().data(t).build().unwrap();
    let content = EmailContent::builder()
        .simple(
            Message::builder()
                .subject(text("Hi"))
                .body(Body::builder().text(text("Hello")).build())
                .build(),
        )
        .build();
    let send = |from: &str| {
        client
            .send_email()
            .from_email_address(from)
            .destination(Destination::builder().to_addresses("a@example.com").build())
            .content(content.clone())
            .send()
    };

    let sent = send("ops@example.com")
        .await
        .expect("forwarded and accepted");
    assert_eq!(sent.message_id(), Some("from-upstream"));
    assert_eq!(upstream.seen(), ["POST /v2/email/outbound-emails"]);

    let (variant, code, message) = rejection!(send("ops@"));
    assert_eq!(
        (variant.as_str(), code.as_str(), message.as_str()),
        (
            "BadRequestException",
            "BadRequestException",
            "Missing domain"
        )
    );
    assert_eq!(upstream.seen().len(), 1, "a rejected send never leaves");

    // Calls that are not sends go on unchecked.
    client.get_account().send().await.expect("forwarded");
    assert_eq!(upstream.seen()[1], "GET /v2/email/account");
}

#[tokio::test]
async fn wrap_forwards_query_api_sends() {
    use aws_sdk_ses::types::{Body, Content, Destination, Message};
    let reply = "<SendEmailResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">\
        <SendEmailResult><MessageId>from-upstream</MessageId></SendEmailResult>\
        <ResponseMetadata><RequestId>upstream</RequestId></ResponseMetadata></SendEmailResponse>";
    let upstream = Upstream::start("text/xml", reply);
    let client = v1_client(HttpClient::wrap(default_http_client()), Some(&upstream.url));
    let text = |t: &str| Content::builder().data(t).build().unwrap();
    let message = Message::builder()
        .subject(text("Hi"))
        .body(Body::builder().text(text("Hello")).build())
        .build();
    let send = |from: &str| {
        client
            .send_email()
            .source(from)
            .destination(Destination::builder().to_addresses("a@example.com").build())
            .message(message.clone())
            .send()
    };
    let sent = send("ops@example.com")
        .await
        .expect("forwarded and accepted");
    assert_eq!(sent.message_id(), "from-upstream");
    let (_, code, message) = rejection!(send("ops@"));
    assert_eq!(
        (code.as_str(), message.as_str()),
        ("InvalidParameterValue", "Missing domain")
    );
    assert_eq!(upstream.seen(), ["POST /"]);
}
