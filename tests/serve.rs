//! `ses-presend serve` over real HTTP: every /validate route, v2 SendEmail's errors and
//! success, the v1 Query API's wiring, bad JSON, bodies too large and unknown routes.

mod common;
mod server;

use common::TempFile;
use serde_json::{json, Value};
use server::{Server, BIN, V2_PATH, V2_SIGNED};
use std::process::Command;

fn example(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The CLI's stdout for `args`.
fn cli(args: &[&str]) -> String {
    let out = Command::new(BIN).args(args).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn validate_address_is_the_cli_json_line() {
    let server = Server::start(&[]);
    let inputs = [
        "jose@bücher.de",
        "user@",
        "José <jose@bücher.de>",
        "a..b@example.com",
        "Karen, Chan <karen@example.com>",
        "",
        "tab\there@example.com",
    ];
    for input in inputs {
        for (api, strictness, flags) in [
            ("v1", "ses", &["--api", "v1"][..]),
            ("v2", "ses", &["--api", "v2"][..]),
            ("v1", "deliverable", &["--api", "v1", "--strict"][..]),
            (
                "v1",
                "documented",
                &["--api", "v1", "--trust", "documented"][..],
            ),
        ] {
            let body = json!({"address": input, "api": api, "strictness": strictness});
            let reply = server.post_json("/validate/address", &body.to_string());
            assert_eq!(reply.status, 200, "{input:?}");
            assert_eq!(reply.header("content-type"), Some("application/json"));
            let mut args = vec!["address", "--format", "json"];
            args.extend_from_slice(flags);
            args.extend(["--", input]);
            assert_eq!(
                reply.text(),
                cli(&args).trim_end_matches('\n'),
                "{input:?} {flags:?}"
            );
        }
    }
    // The brief's own example, byte for byte.
    let reply = server.post_json("/validate/address", r#"{"address":"jose@bücher.de"}"#);
    assert_eq!(
        reply.text(),
        r#"{"input":"jose@bücher.de","ok":false,"code":"InvalidParameterValue","message":"Domain contains illegal character","certainty":"decided","decision":"non-ascii-domain","fix":"jose@xn--bcher-kva.de"}"#
    );
}

/// Removes `certainty` (and `decision`) from every verdict and finding of an answer, after
/// checking that each has one.
fn strip_certainty(value: &mut serde_json::Value, path: &str) {
    match value {
        serde_json::Value::Object(map) => {
            if map.contains_key("ok") || map.contains_key("reason") {
                let certainty = map.remove("certainty");
                let has = certainty.as_ref().and_then(|c| c.as_str()).is_some();
                // A list's own verdict is its entries'; a request's says it only when rejected.
                let list = map.contains_key("addresses")
                    || map.get("value").is_some_and(|v| v.is_object());
                let accepted = map.get("ok") == Some(&serde_json::Value::Bool(true));
                assert!(has || list || accepted, "{path}: no certainty in {map:?}");
                map.remove("decision");
            }
            map.values_mut().for_each(|v| strip_certainty(v, path));
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| strip_certainty(v, path)),
        _ => {}
    }
}

#[test]
fn validate_field_routes() {
    let server = Server::start(&[]);
    let cases: &[(&str, Value, Value)] = &[
        (
            "/validate/addresses",
            json!({"addresses": ["a@example.com", "user@"], "api": "v2"}),
            json!({"ok": false, "code": "BadRequestException", "message": "Missing domain", "count": 2,
                   "addresses": [{"input": "a@example.com", "ok": true},
                                 {"input": "user@", "ok": false, "code": "BadRequestException", "message": "Missing domain"}]}),
        ),
        (
            "/validate/friendly-name",
            json!({"name": "Chan, Karen"}),
            json!({"input": "Chan, Karen", "ok": false, "code": "InvalidParameterValue",
                   "message": "Illegal address", "fix": "\"Chan, Karen\""}),
        ),
        (
            "/validate/friendly-name",
            json!({"name": "Kristóf"}),
            json!({"input": "Kristóf", "ok": true,
                   "advisories": [{"reason": "name-raw-non-ascii", "field": "display_name",
                                   "message": "SES accepts a raw non-ASCII friendly name but mangles it: encode it as an RFC 2047 encoded-word"}],
                   "fix": "=?UTF-8?Q?Krist=C3=B3f?="}),
        ),
        (
            "/validate/tag",
            json!({"name": "campaign", "value": "spring sale"}),
            json!({"ok": false, "code": "InvalidParameterValue",
                   "message": "Invalid tag value <spring sale>: only alphanumeric ASCII characters, '_',  '-' , '.', '@' are allowed.",
                   "name": {"input": "campaign", "ok": true},
                   "value": {"input": "spring sale", "ok": false, "code": "InvalidParameterValue",
                             "message": "Invalid tag value <spring sale>: only alphanumeric ASCII characters, '_',  '-' , '.', '@' are allowed."}}),
        ),
        (
            "/validate/configuration-set-name",
            json!({"name": "transactional-eu"}),
            json!({"input": "transactional-eu", "ok": true}),
        ),
        (
            "/validate/configuration-set-name",
            json!({"name": "", "api": "v2"}),
            json!({"input": "", "ok": false, "code": "BadRequestException",
                   "message": ses_presend::form::configuration_set_name("", ses_presend::Api::V2).message}),
        ),
    ];
    for (path, body, expected) in cases {
        let reply = server.post_json(path, &body.to_string());
        assert_eq!(reply.status, 200, "{path} {body}");
        // Every verdict and finding says how sure it is (the CLI tests check the values).
        let mut got = reply.json();
        strip_certainty(&mut got, path);
        assert_eq!(&got, expected, "{path} {body}");
    }
}

#[test]
fn validate_request_and_message_are_the_cli_json() {
    let server = Server::start(&[]);
    for (query, file, flags) in [
        (
            "",
            "requests/too-many-recipients.json",
            &["--api", "v1"][..],
        ),
        (
            "?api=v2",
            "requests/sesv2-many-problems.json",
            &["--api", "v2"][..],
        ),
        (
            "?api=v1&operation=send-templated-email",
            "requests/send-templated-email.json",
            &["--operation", "send-templated-email"][..],
        ),
    ] {
        let body = std::fs::read(example(file)).unwrap();
        let reply = server.request(
            "POST",
            &format!("/validate/request{query}"),
            &[("Content-Type", "application/json")],
            &body,
        );
        assert_eq!(reply.status, 200, "{file}");
        let mut args = vec!["request", "--format", "json"];
        args.extend_from_slice(flags);
        let path = example(file);
        args.push(&path);
        let expected: Value = serde_json::from_str(&cli(&args)).unwrap();
        assert_eq!(reply.json(), expected, "{file}");
    }

    for (file, api) in [("welcome.eml", "v1"), ("bad-content-type.eml", "v2")] {
        let raw = std::fs::read_to_string(example(file)).unwrap();
        let reply = server.post_json(
            "/validate/message",
            &json!({"raw": raw, "api": api}).to_string(),
        );
        assert_eq!(reply.status, 200, "{file}");
        let path = example(file);
        let mut expected: Value =
            serde_json::from_str(&cli(&["message", "--format", "json", "--api", api, &path]))
                .unwrap();
        expected.as_object_mut().unwrap().remove("file");
        assert_eq!(reply.json(), expected, "{file}");
        // A message's findings have a request's shape: SES's error as `{code, message}`.
        let first = &reply.json()["errors"][0];
        assert_eq!(first["error"]["code"], reply.json()["code"], "{file}");
        assert_eq!(first["error"]["message"], reply.json()["message"], "{file}");
    }

    // A message that is not UTF-8 (a Latin-1 display name) travels as raw_base64 and gets
    // the CLI's answer for the same bytes.
    let latin1 =
        b"From: Jos\xe9 <jose@example.com>\r\nTo: ana@example.com\r\nSubject: Hi\r\n\r\nHello\r\n";
    let file = TempFile::new("latin1.eml", latin1);
    let reply = server.post_json(
        "/validate/message",
        &json!({"raw_base64": base64(latin1)}).to_string(),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    let mut expected: Value =
        serde_json::from_str(&cli(&["message", "--format", "json", file.path()])).unwrap();
    expected.as_object_mut().unwrap().remove("file");
    assert_eq!(reply.json(), expected);
    // SES takes the 8-bit name (and mangles it); no fix is made from bytes of unknown charset.
    let advice = &reply.json()["advisories"][1];
    assert_eq!(advice["reason"], "name-raw-non-ascii", "{}", reply.text());
    assert!(advice.get("fix").is_none(), "{}", reply.text());

    for (body, message) in [
        (
            json!({"raw": "To: a@b.com\r\n\r\n", "raw_base64": "VG8="}),
            "/validate/message takes one of raw (the message as text) or raw_base64 (its bytes in base64)",
        ),
        (
            json!({"api": "v2"}),
            "/validate/message takes one of raw (the message as text) or raw_base64 (its bytes in base64)",
        ),
        (json!({"raw_base64": "!!"}), "raw_base64 is not valid base64"),
    ] {
        let reply = server.post_json("/validate/message", &body.to_string());
        assert_eq!(reply.status, 400, "{body}");
        assert_eq!(reply.json()["message"], message, "{body}");
    }
}

/// Standard base64 with padding (the library's, through an attachment).
fn base64(bytes: &[u8]) -> String {
    ses_presend::request::Attachment::from_bytes("message", bytes)
        .raw_content
        .unwrap()
}

fn v2_body(from: &str, to: &str) -> String {
    json!({
        "FromEmailAddress": from,
        "Destination": {"ToAddresses": [to]},
        "Content": {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}
    })
    .to_string()
}

#[test]
fn v2_send_email_errors_and_success() {
    let server = Server::start(&[]);
    let cases = [
        (
            v2_body("ops@example.com", "user@"),
            400,
            "BadRequestException",
            r#"{"message":"Missing domain"}"#,
        ),
        (
            v2_body("ops@bücher.de", "a@example.com"),
            400,
            "BadRequestException",
            r#"{"message":"Domain contains illegal character"}"#,
        ),
        (
            "{".to_string(),
            400,
            "BadRequestException",
            r#"{"message":"The request body is not a valid SendEmail request: EOF while parsing an object (line 1, column 1)."}"#,
        ),
    ];
    for (body, status, error_type, expected) in &cases {
        let reply = server.post_v2(body);
        assert_eq!(reply.status, *status, "{body}");
        assert_eq!(
            reply.header("x-amzn-errortype"),
            Some(*error_type),
            "{body}"
        );
        assert!(reply.header("x-amzn-requestid").is_some());
        assert_eq!(reply.text(), *expected, "{body}");
    }

    let reply = server.post_v2(r#"{"Source": "a@example.com"}"#);
    assert_eq!(
        reply.header("x-amzn-errortype"),
        Some("BadRequestException")
    );
    let message = reply.json()["message"].as_str().unwrap().to_string();
    assert!(
        message.starts_with("The request body is not a valid SendEmail request: ")
            && message.contains("Unknown parameter in input: \"Source\", must be one of:"),
        "{message}"
    );

    // Raw content: the message itself is checked, after the request (DECISIONS v2-raw-content).
    let reply = server.post_v2(r#"{"Content": {"Raw": {"Data": "not base64!"}}}"#);
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.text(),
        r#"{"message":"Content.Raw.Data is not valid base64."}"#
    );
    let raw = "From: ops@example.com\r\nSubject: Hi\r\n\r\nHello\r\n";
    let reply =
        server.post_v2(&json!({"Content": {"Raw": {"Data": base64(raw.as_bytes())}}}).to_string());
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.header("x-amzn-errortype"),
        Some("BadRequestException")
    );
    assert_eq!(
        reply.json()["message"],
        ses_presend::check_raw(
            raw.as_bytes(),
            &ses_presend::RawOptions::new(ses_presend::Api::V2)
        )
        .unwrap_err()
        .message
        .as_ref()
    );

    let reply = server.post_v2(&v2_body("ops@example.com", "a@example.com"));
    assert_eq!(reply.status, 200);
    let id = reply.json()["MessageId"].as_str().unwrap().to_string();
    assert!(id.starts_with("0100") && id.ends_with("-000000"), "{id}");
}

/// Without signature material SES's v2 answers `MissingAuthenticationTokenException` (seen),
/// whatever the body; an `Authorization` header or presigned query parameters count, by
/// their shape only.
#[test]
fn v2_without_credentials() {
    let server = Server::start(&[]);
    let body = v2_body("ops@example.com", "user@");
    for (path, headers) in [
        (V2_PATH, vec![("Content-Type", "application/json")]),
        (V2_PATH, vec![("X-Amz-Date", "20181107T005554Z")]),
        (&format!("{V2_PATH}?X-Amz-Date=20181107T005554Z"), vec![]),
    ] {
        let reply = server.request("POST", path, &headers, body.as_bytes());
        assert_eq!(reply.status, 403, "{path} {headers:?}");
        assert_eq!(
            reply.header("x-amzn-errortype"),
            Some("MissingAuthenticationTokenException")
        );
        assert_eq!(reply.header("content-type"), Some("application/json"));
        assert!(reply.header("x-amzn-requestid").is_some());
        assert_eq!(
            reply.text(),
            r#"{"message":"Missing Authentication Token"}"#
        );
    }
    // Signed: the body is checked.
    let signed = [
        (
            V2_PATH.to_string(),
            vec![("authorization", "AWS4-HMAC-SHA256 x")],
        ),
        (
            format!(
                "{V2_PATH}?X-Amz-Credential=AKIDEXAMPLE%2F20181107&X-Amz-Date=20181107T005554Z"
            ),
            vec![],
        ),
        (format!("{V2_PATH}?X%2DAmz%2DSignature=abc"), vec![]),
    ];
    for (path, headers) in &signed {
        let reply = server.request("POST", path, headers, body.as_bytes());
        assert_eq!(reply.status, 400, "{path} {headers:?}");
        assert_eq!(reply.text(), r#"{"message":"Missing domain"}"#);
    }
}

#[test]
fn v2_with_an_account() {
    let account = example("account.toml");
    let server = Server::start(&["--account", &account]);
    let mut body: Value =
        serde_json::from_str(&v2_body("ops@example.org", "ops@example.org")).unwrap();
    body["ConfigurationSetName"] = json!("nonexistent");
    let reply = server.post_v2(&body.to_string());
    assert_eq!(reply.status, 404);
    assert_eq!(reply.header("x-amzn-errortype"), Some("NotFoundException"));
    assert_eq!(
        reply.json()["message"],
        "Configuration set <nonexistent> does not exist."
    );
    // The account's sandbox: the recipient must be verified.
    let reply = server.post_v2(&v2_body("ops@example.org", "someone@elsewhere.net"));
    assert_eq!(reply.status, 400);
    assert_eq!(reply.header("x-amzn-errortype"), Some("MessageRejected"));
}

#[test]
fn query_api_is_wired() {
    let server = Server::start(&[]);
    // Unsigned: SES's answer for a request without credentials, as the query module gives it.
    let form = "Action=SendEmail&Version=2010-12-01&Source=a%40example.com";
    let reply = server.request(
        "POST",
        "/",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        form.as_bytes(),
    );
    let expected = ses_presend::query::answer(
        &ses_presend::query::HttpRequest {
            method: "POST",
            path: "/",
            query: "",
            headers: vec![("content-type", "application/x-www-form-urlencoded")],
            body: form.as_bytes(),
        },
        &ses_presend::query::QueryOptions::new(),
    );
    assert_eq!(reply.status, expected.status);
    assert_eq!(reply.header("content-type"), Some("text/xml"));
    let code = |xml: &str| {
        xml.split("<Code>")
            .nth(1)
            .and_then(|s| s.split('<').next())
            .map(str::to_string)
    };
    assert_eq!(code(reply.text()), code(&expected.body), "{}", reply.text());
    assert!(code(reply.text()).is_some(), "{}", reply.text());

    // Two wire-level answers, exactly (docs/query.md): an empty body, and no signature.
    let reply = server.request(
        "POST",
        "/",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"",
    );
    assert_eq!(
        (reply.status, reply.text()),
        (404, "<UnknownOperationException/>")
    );
    assert_eq!(code(reply.text()), None);
    let reply = server.request(
        "POST",
        "/",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        form.as_bytes(),
    );
    assert_eq!(reply.status, 403);
    assert_eq!(
        code(reply.text()).as_deref(),
        Some("MissingAuthenticationToken")
    );
    assert!(reply
        .text()
        .contains("<Message>Request is missing Authentication Token</Message>"));
    assert!(reply.header("x-amzn-requestid").is_some());

    // GET with a query string goes to the Query API too.
    let reply = server.request("GET", "/?Action=NoSuchAction&Version=2010-12-01", &[], b"");
    assert_eq!(reply.header("content-type"), Some("text/xml"));
    assert!(reply.text().contains("<ErrorResponse"), "{}", reply.text());
}

#[test]
fn bad_requests_limits_and_unknown_routes() {
    let server = Server::start(&[]);
    // Bad JSON and the wrong shape: 400 with what is wrong.
    let reply = server.post_json("/validate/address", "{\"address\": ");
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.json()["message"],
        "the body is not the JSON /validate/address takes: EOF while parsing a value at line 1 column 12"
    );
    let reply = server.post_json("/validate/tag", r#"{"name": "a"}"#);
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.json()["message"],
        "the body is not the JSON /validate/tag takes: missing field `value` at line 1 column 13"
    );
    let reply = server.post_json("/validate/address", r#"{"address": "a@b.c", "api": "v3"}"#);
    assert_eq!(reply.status, 400);
    assert!(reply.json()["message"]
        .as_str()
        .unwrap()
        .contains("unknown variant `v3`"));
    let reply = server.request(
        "POST",
        "/validate/address",
        &[("Content-Type", "text/plain")],
        br#"{"address": "a@b.c"}"#,
    );
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.json()["message"],
        "/validate/address takes Content-Type: application/json, not text/plain"
    );
    let reply = server.post_json("/validate/request?api=v3", "{}");
    assert_eq!(reply.status, 400);
    let reply = server.post_json("/validate/request", "{\"Sauce\": 1}");
    assert_eq!(reply.status, 400);
    let message = reply.json()["message"].as_str().unwrap().to_string();
    assert!(
        message.starts_with("the body is not a send-email request: line 1, column ")
            && message.contains("Unknown parameter in input: \"Sauce\""),
        "{message}"
    );

    // Too large: declared, and streamed without a length.
    let reply = server.request(
        "POST",
        "/validate/address",
        &[
            ("Content-Type", "application/json"),
            ("Content-Length", "2000000"),
        ],
        b"",
    );
    assert_eq!(reply.status, 413);
    assert_eq!(
        reply.json()["message"],
        "the request body is larger than 1048576 bytes, this route's limit"
    );
    let big = vec![b' '; (1 << 20) + 10];
    let streamed = server.try_request(
        "POST",
        "/validate/address",
        &[
            ("Content-Type", "application/json"),
            ("Transfer-Encoding", "chunked"),
        ],
        &big,
    );
    // The server answers 413 and closes with the rest of the body unread; TCP may then reset
    // the connection before the client reads the answer (seen under load). Either way the
    // server stopped reading: what it must not do is answer anything else.
    match streamed {
        Ok(reply) => assert_eq!(reply.status, 413),
        Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}"),
    }
    let length = (64usize << 20 | 1).to_string();
    let mut headers = V2_SIGNED.to_vec();
    headers.push(("Content-Length", &length));
    let reply = server.request("POST", V2_PATH, &headers, b"");
    assert_eq!(reply.status, 413);
    // The same body on /validate/request, the fourth route with 64 MiB.
    let reply = server.request(
        "POST",
        "/validate/request",
        &[
            ("Content-Type", "application/json"),
            ("Content-Length", &length),
        ],
        b"",
    );
    assert_eq!(reply.status, 413);
    assert_eq!(
        reply.json()["message"],
        "the request body is larger than 67108864 bytes, this route's limit"
    );
    // Without a declared length a large route takes 16 MiB: a small chunked body is read...
    let chunked = [
        ("Content-Type", "application/json"),
        ("Transfer-Encoding", "chunked"),
    ];
    let request = std::fs::read(example("requests/too-many-recipients.json")).unwrap();
    let reply = server.request("POST", "/validate/request", &chunked, &request);
    assert_eq!(reply.status, 200, "{}", reply.text());
    // ...and one past 16 MiB is refused, or the connection reset as above.
    let big = vec![b' '; (16 << 20) + 10];
    match server.try_request("POST", "/validate/request", &chunked, &big) {
        Ok(reply) => {
            assert_eq!(reply.status, 413);
            assert_eq!(
                reply.json()["message"],
                "the request body is larger than 16777216 bytes, the limit for a body without \
                 Content-Length"
            );
        }
        Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}"),
    }

    // A GET's body is never read: the Query API answers from the query string, even when a
    // body over every limit is announced (and never sent).
    let reply = server.request(
        "GET",
        "/?Action=SendEmail&Version=2010-12-01",
        &[("Content-Length", "999999999")],
        b"",
    );
    assert_eq!(reply.status, 403, "{}", reply.text());
    assert!(reply
        .text()
        .contains("<Message>Request is missing Authentication Token</Message>"));

    // /validate/addresses takes at most 1000 addresses (DECISIONS serve-address-list).
    let list = |n: usize| json!({ "addresses": vec![""; n] }).to_string();
    let reply = server.post_json("/validate/addresses", &list(1000));
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["count"], 1000);
    for n in [1001, 300_000] {
        let reply = server.post_json("/validate/addresses", &list(n));
        assert_eq!(reply.status, 400, "{n}");
        assert_eq!(
            reply.json()["message"],
            format!("/validate/addresses takes at most 1000 addresses, not {n}")
        );
    }

    // A known path with a method it does not take: 405, JSON like the other errors.
    for (method, path, allow) in [
        ("GET", "/validate/address", "POST"),
        ("PUT", "/validate/message", "POST"),
        ("GET", V2_PATH, "POST"),
        ("DELETE", "/", "GET,HEAD,POST"),
    ] {
        let reply = server.request(method, path, &[], b"");
        assert_eq!(reply.status, 405, "{method} {path}");
        assert_eq!(reply.header("allow"), Some(allow), "{method} {path}");
        assert_eq!(
            reply.header("content-type"),
            Some("application/json"),
            "{method} {path}"
        );
        assert_eq!(
            reply.json()["message"],
            format!("{path} does not take {method} (see the Allow header)")
        );
    }

    // Unknown routes.
    for (method, path) in [
        ("GET", "/nope"),
        ("POST", "/validate/nothing"),
        ("GET", "/v2/email"),
    ] {
        let reply = server.request(method, path, &[], b"");
        assert_eq!(reply.status, 404, "{method} {path}");
        assert_eq!(
            reply.json()["message"],
            format!("no route for {method} {path}")
        );
    }

    // The form page.
    let reply = server.request("GET", "/", &[], b"");
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    for id in [
        "id=\"from\"",
        "id=\"name\"",
        "id=\"recipients\"",
        "id=\"subject\"",
    ] {
        assert!(reply.text().contains(id), "{id}");
    }
}
