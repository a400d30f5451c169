//! The request reader against botocore's parameter validator, which the AWS CLI runs on
//! `--cli-input-json` before it sends anything (`tests/clients/botocore_validate.py`).
//!
//! Valid SendEmail, SendTemplatedEmail and v2 SendEmail requests that give every member are
//! mutated deterministically: each value replaced by an array, a number, a bool, a string,
//! `null` or an object, wrapped in arrays, nested deep; unknown keys added to each object;
//! members removed; strings emptied; and pairs of those. Both readers get every request, and
//! must agree on accepting or refusing it and on the parameter the refusal names (and, so far
//! as the crate shows the value in full, on the whole message).
//!
//! Two kinds of botocore refusal count as agreeing with the crate's acceptance, because the
//! crate leaves them to SES, which answers them itself (see `Request::from_json`): `Missing
//! required parameter` and `Invalid length`. One kind of crate refusal counts as agreeing with
//! botocore's acceptance: `Invalid value` for `ContentDisposition` and
//! `ContentTransferEncoding`, values botocore does not check and the models cannot hold.
//!
//! Skips with one line without python3 and botocore; fails instead when `CI` is set.

mod common;

use serde_json::{json, Value};
use ses_presend::request::{Request, RequestKind};
use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

/// botocore's refusals the crate leaves to SES.
const LEFT_TO_SES: [&str; 2] = ["Missing required parameter", "Invalid length"];

/// One step of a path into a JSON value.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn v1_send_email() -> Value {
    json!({
        "Source": "ops@example.com",
        "Destination": {
            "ToAddresses": ["a@example.org", "b@example.org"],
            "CcAddresses": ["c@example.org"],
            "BccAddresses": ["d@example.org"]
        },
        "Message": {
            "Subject": {"Data": "Hello", "Charset": "UTF-8"},
            "Body": {"Text": {"Data": "Hi", "Charset": "UTF-8"}, "Html": {"Data": "<p>Hi</p>"}}
        },
        "ReplyToAddresses": ["r@example.com"],
        "ReturnPath": "bounce@example.com",
        "SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/example.com",
        "ReturnPathArn": "arn:aws:ses:us-east-1:123456789012:identity/example.com",
        "Tags": [{"Name": "campaign", "Value": "spring"}, {"Name": "n", "Value": "v"}],
        "ConfigurationSetName": "set"
    })
}

fn v1_send_templated_email() -> Value {
    json!({
        "Source": "ops@example.com",
        "Destination": {"ToAddresses": ["a@example.org"], "CcAddresses": [], "BccAddresses": ["d@example.org"]},
        "ReplyToAddresses": ["r@example.com"],
        "ReturnPath": "bounce@example.com",
        "SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/example.com",
        "ReturnPathArn": "arn:aws:ses:us-east-1:123456789012:identity/example.com",
        "Tags": [{"Name": "campaign", "Value": "spring"}],
        "ConfigurationSetName": "set",
        "Template": "welcome",
        "TemplateArn": "arn:aws:ses:us-east-1:123456789012:template/welcome",
        "TemplateData": "{\"name\":\"Bob\"}"
    })
}

fn v2_send_email() -> Value {
    let attachment = json!({
        "RawContent": "aGk=",
        "ContentDisposition": "ATTACHMENT",
        "FileName": "notes.txt",
        "ContentDescription": "notes",
        "ContentId": "notes-1",
        "ContentTransferEncoding": "BASE64",
        "ContentType": "text/plain"
    });
    let headers = json!([{"Name": "X-Campaign", "Value": "spring"}]);
    json!({
        "FromEmailAddress": "ops@example.com",
        "FromEmailAddressIdentityArn": "arn:aws:ses:us-east-1:123456789012:identity/example.com",
        "Destination": {"ToAddresses": ["a@example.org"], "CcAddresses": ["c@example.org"], "BccAddresses": []},
        "ReplyToAddresses": ["r@example.com"],
        "FeedbackForwardingEmailAddress": "bounce@example.com",
        "FeedbackForwardingEmailAddressIdentityArn": "arn:aws:ses:us-east-1:123456789012:identity/example.com",
        "Content": {
            "Simple": {
                "Subject": {"Data": "Hello", "Charset": "UTF-8"},
                "Body": {"Text": {"Data": "Hi"}, "Html": {"Data": "<p>Hi</p>", "Charset": "UTF-8"}},
                "Headers": headers,
                "Attachments": [attachment]
            },
            "Raw": {"Data": "RnJvbTogYUBleGFtcGxlLmNvbQ0KDQpoaQ=="},
            "Template": {
                "TemplateName": "welcome",
                "TemplateArn": "arn:aws:ses:us-east-1:123456789012:template/welcome",
                "TemplateData": "{}",
                "TemplateContent": {"Subject": "s", "Text": "t", "Html": "h"},
                "Headers": headers,
                "Attachments": [attachment]
            }
        },
        "EmailTags": [{"Name": "campaign", "Value": "spring"}],
        "ConfigurationSetName": "set",
        "EndpointId": "abc.xyz",
        "TenantName": "tenant",
        "ListManagementOptions": {"ContactListName": "list", "TopicName": "news"}
    })
}

/// Every path into `value`, the root's (empty) first, parents before children.
fn paths(value: &Value) -> Vec<Vec<Step>> {
    let mut out = vec![Vec::new()];
    let mut i = 0;
    while i < out.len() {
        let path = out[i].clone();
        match get(value, &path) {
            Value::Object(map) => {
                for key in map.keys() {
                    let mut p = path.clone();
                    p.push(Step::Key(key.clone()));
                    out.push(p);
                }
            }
            Value::Array(items) => {
                for n in 0..items.len() {
                    let mut p = path.clone();
                    p.push(Step::Index(n));
                    out.push(p);
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn get<'a>(value: &'a Value, path: &[Step]) -> &'a Value {
    path.iter().fold(value, |v, step| match step {
        Step::Key(k) => &v[k.as_str()],
        Step::Index(n) => &v[*n],
    })
}

fn get_mut<'a>(value: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(value, |v, step| match step {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(n) => &mut v[*n],
    })
}

/// Removes the member or item at `path` (not the root).
fn remove(value: &mut Value, path: &[Step]) {
    let (last, parent) = path.split_last().expect("not the root");
    match (get_mut(value, parent), last) {
        (Value::Object(map), Step::Key(k)) => {
            map.remove(k);
        }
        (Value::Array(items), Step::Index(n)) => {
            items.remove(*n);
        }
        _ => unreachable!(),
    }
}

fn nest(open: &str, close: &str, depth: usize, inner: &Value) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

/// What replaces a value: every kind of JSON value, and the value itself wrapped or nested.
fn replacements(old: &Value) -> Vec<Value> {
    let mut out = vec![
        json!([]),
        json!(["x"]),
        json!([["b@example.org"]]),
        json!(5),
        json!(-0),
        json!(1.5),
        json!(1e16),
        json!(12345678901234567890u64),
        json!(true),
        json!(false),
        json!("x"),
        Value::Null,
        json!({}),
        json!({"Data": "x"}),
        json!({"Unknown": 1}),
        json!([old]),
        json!([[old]]),
        json!({ "Name": old }),
    ];
    // Deep, but still shown in full in the messages.
    out.push(serde_json::from_str(&nest("[", "]", 40, old)).unwrap());
    out.push(serde_json::from_str(&nest("{\"a\":", "}", 20, &json!(1))).unwrap());
    out
}

/// The requests: single mutations of `base`, then `pairs` pairs of them on one request.
fn mutations(base: &Value, pairs: usize, seed: u64) -> Vec<Value> {
    type Mutation = (Vec<Step>, Option<Value>, Option<(String, Value)>);
    // (path, what replaces the value there or None to remove it, a key added to the object)
    let mut single: Vec<Mutation> = Vec::new();
    for path in paths(base) {
        let old = get(base, &path);
        for new in replacements(old) {
            single.push((path.clone(), Some(new), None));
        }
        if !path.is_empty() {
            single.push((path.clone(), None, None));
        }
        if old.is_string() {
            single.push((path.clone(), Some(json!("")), None));
        }
        if old.is_object() {
            for (key, value) in [
                ("Unknown", json!("x")),
                ("toAddresses", json!([])),
                ("data", json!("x")),
                ("", json!(null)),
                (
                    "Deep",
                    serde_json::from_str(&nest("[", "]", 30, &json!(1))).unwrap(),
                ),
            ] {
                single.push((path.clone(), None, Some((key.to_string(), value))));
            }
        }
    }
    let apply = |value: &mut Value, m: &Mutation| -> bool {
        let (path, new, added) = m;
        // A path a first mutation has removed or replaced is no longer there.
        let mut at: Option<&mut Value> = Some(value);
        for step in path {
            at = at.and_then(|v| match (v, step) {
                (Value::Object(map), Step::Key(k)) => map.get_mut(k),
                (Value::Array(items), Step::Index(n)) => items.get_mut(*n),
                _ => None,
            });
        }
        let Some(target) = at else { return false };
        match (new, added) {
            (_, Some((key, v))) => match target {
                Value::Object(map) => {
                    map.insert(key.clone(), v.clone());
                }
                _ => return false,
            },
            (Some(v), None) => *target = v.clone(),
            (None, None) => remove(value, path),
        }
        true
    };
    let mut out = Vec::new();
    for m in &single {
        let mut value = base.clone();
        apply(&mut value, m);
        out.push(value);
    }
    // Pairs, chosen by a fixed linear congruential sequence.
    let mut state = seed;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    while out.len() < single.len() + pairs {
        let (a, b) = (next() % single.len(), next() % single.len());
        let mut value = base.clone();
        if apply(&mut value, &single[a]) && apply(&mut value, &single[b]) {
            out.push(value);
        }
    }
    out
}

/// botocore's verdict on each line, from the script.
fn botocore(service: &str, operation: &str, lines: &[String]) -> Vec<String> {
    let script = format!(
        "{}/tests/clients/botocore_validate.py",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut child = Command::new("python3")
        .args([script.as_str(), service, operation])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut input = child.stdin.take().unwrap();
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let writer = std::thread::spawn(move || input.write_all(text.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "botocore_validate.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let verdicts: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(verdicts.len(), lines.len());
    verdicts
}

/// The parameter a refusal names: the path, and the key for an unknown parameter.
fn named(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("Invalid type for parameter ") {
        return rest
            .split_once(", value: ")
            .map(|(path, _)| path.to_string());
    }
    if let Some(rest) = message.strip_prefix("Unknown parameter in ") {
        return rest
            .split_once(", must be one of: ")
            .map(|(named, _)| named.to_string());
    }
    message
        .strip_prefix("Invalid type: expecting map, received ")
        .map(|_| "the request".to_string())
}

fn python_has_botocore() -> bool {
    Command::new("python3")
        .args(["-c", "import botocore"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn the_reader_agrees_with_botocore() {
    if !python_has_botocore() {
        common::skip_unless_ci(
            "botocore_shapes",
            "python3 with botocore not found (pip install botocore)",
        );
        return;
    }
    let kinds = [
        (
            RequestKind::SendEmail,
            "ses",
            "SendEmail",
            v1_send_email(),
            1,
        ),
        (
            RequestKind::SendTemplatedEmail,
            "ses",
            "SendTemplatedEmail",
            v1_send_templated_email(),
            2,
        ),
        (
            RequestKind::V2SendEmail,
            "sesv2",
            "SendEmail",
            v2_send_email(),
            3,
        ),
    ];
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut total = 0;
    let mut disagreements = Vec::new();
    for (kind, service, operation, base, seed) in kinds {
        // The base itself is valid to both.
        assert!(Request::from_json(kind, &base.to_string()).is_ok());
        let lines: Vec<String> = mutations(&base, 1000, seed)
            .iter()
            .map(Value::to_string)
            .collect();
        let verdicts = botocore(service, operation, &lines);
        println!(
            "botocore_shapes: {service} {operation}: {} requests",
            lines.len()
        );
        total += lines.len();
        for (line, theirs) in lines.iter().zip(&verdicts) {
            let ours = Request::from_json(kind, line).map_err(|e| e.message().to_string());
            let class = match (&ours, theirs.as_str()) {
                (Ok(_), "OK") => "both accept",
                (Ok(_), t) if t.starts_with("Missing required parameter") => {
                    "missing required member: accepted, left to SES"
                }
                (Ok(_), t) if t.starts_with("Invalid length") => "too short: accepted, left to SES",
                (Err(o), t)
                    if o.starts_with("Invalid value for parameter")
                        && (t == "OK" || LEFT_TO_SES.iter().any(|p| t.starts_with(p))) =>
                {
                    "enum value: refused, botocore leaves it to SES"
                }
                (Err(o), t) if named(o).is_some() && named(o) == named(t) => {
                    if o == t {
                        "both refuse, same message"
                    } else if o.contains("...") {
                        "both refuse, same parameter (value cut)"
                    } else {
                        disagreements.push(format!(
                            "{operation} {line}\n  ours:     {o}\n  botocore: {t}"
                        ));
                        "both refuse, other words"
                    }
                }
                _ => {
                    disagreements.push(format!(
                        "{service} {operation} {line}\n  ours:     {ours:?}\n  botocore: {theirs}"
                    ));
                    "DISAGREE"
                }
            };
            *counts.entry(class).or_default() += 1;
        }
    }
    println!("botocore_shapes: {total} requests in all");
    for (class, n) in &counts {
        println!("  {n:5}  {class}");
    }
    assert!(
        disagreements.is_empty(),
        "{} disagreements, the first ones:\n{}",
        disagreements.len(),
        disagreements[..disagreements.len().min(20)].join("\n")
    );
    // Every class of mistake was generated.
    for class in [
        "both accept",
        "missing required member: accepted, left to SES",
        "too short: accepted, left to SES",
        "enum value: refused, botocore leaves it to SES",
        "both refuse, same message",
    ] {
        assert!(
            counts.get(class).is_some_and(|n| *n > 0),
            "no case of {class}"
        );
    }
}

/// The wording of each kind of mistake, and where it is reported (without botocore).
#[test]
fn each_mistake_in_botocore_words() {
    let cases: [(RequestKind, &str, &str, (usize, usize)); 14] = [
        (
            RequestKind::SendEmail,
            "{\"Source\": \"a@example.com\",\n \"Destination\": [[\"b@example.org\"]]}",
            "Invalid type for parameter Destination, value: [['b@example.org']], type: <class 'list'>, valid types: <class 'dict'>",
            (2, 17),
        ),
        (
            RequestKind::SendEmail,
            r#"{"Source": 5}"#,
            "Invalid type for parameter Source, value: 5, type: <class 'int'>, valid types: <class 'str'>",
            (1, 12),
        ),
        (
            RequestKind::SendEmail,
            r#"{"Destination": {"ToAddresses": "b@example.org"}}"#,
            "Invalid type for parameter Destination.ToAddresses, value: b@example.org, type: <class 'str'>, valid types: <class 'list'>, <class 'tuple'>",
            (1, 33),
        ),
        (
            RequestKind::SendEmail,
            r#"{"Tags": [{"Name": "a", "Value": true}]}"#,
            "Invalid type for parameter Tags[0].Value, value: True, type: <class 'bool'>, valid types: <class 'str'>",
            (1, 34),
        ),
        (
            RequestKind::SendEmail,
            r#"{"Message": {"Subject": {"Data": 1.5e-7}}}"#,
            "Invalid type for parameter Message.Subject.Data, value: 1.5e-07, type: <class 'float'>, valid types: <class 'str'>",
            (1, 34),
        ),
        // null, anywhere: botocore's None.
        (
            RequestKind::SendEmail,
            r#"{"Source": null}"#,
            "Invalid type for parameter Source, value: None, type: <class 'NoneType'>, valid types: <class 'str'>",
            (1, 12),
        ),
        (
            RequestKind::SendEmail,
            r#"{"Destination": {"ToAddresses": null}}"#,
            "Invalid type for parameter Destination.ToAddresses, value: None, type: <class 'NoneType'>, valid types: <class 'list'>, <class 'tuple'>",
            (1, 33),
        ),
        (
            RequestKind::V2SendEmail,
            r#"{"Content": {"Raw": null}}"#,
            "Invalid type for parameter Content.Raw, value: None, type: <class 'NoneType'>, valid types: <class 'dict'>",
            (1, 21),
        ),
        (
            RequestKind::V2SendEmail,
            r#"{"Content": {"Raw": {"Data": {"a": [1, "b"]}}}}"#,
            "Invalid type for parameter Content.Raw.Data, value: {'a': [1, 'b']}, type: <class 'dict'>, valid types: <class 'bytes'>, <class 'bytearray'>, file-like object",
            (1, 30),
        ),
        (
            RequestKind::SendEmail,
            "{\n  \"Destination\": {\"Bcc\": []}}",
            "Unknown parameter in Destination: \"Bcc\", must be one of: ToAddresses, CcAddresses, BccAddresses",
            (2, 19),
        ),
        (
            RequestKind::SendTemplatedEmail,
            r#"{"Message": {}}"#,
            "Unknown parameter in input: \"Message\", must be one of: Source, Destination, ReplyToAddresses, ReturnPath, SourceArn, ReturnPathArn, Tags, ConfigurationSetName, Template, TemplateArn, TemplateData",
            (1, 2),
        ),
        (
            RequestKind::V2SendEmail,
            r#"{"Content": {"Simple": {"Attachments": [{"ContentDisposition": "attachment"}]}}}"#,
            "Invalid value for parameter Content.Simple.Attachments[0].ContentDisposition, value: attachment, valid values: ATTACHMENT, INLINE",
            (1, 64),
        ),
        (
            RequestKind::SendEmail,
            "  [\"a@b.com\"]",
            "Invalid type: expecting map, received <class 'list'>",
            (1, 3),
        ),
        (
            RequestKind::SendEmail,
            "{\"Source\": \"a\",}",
            "trailing comma",
            (1, 16),
        ),
    ];
    for (kind, text, message, at) in cases {
        let err = Request::from_json(kind, text).unwrap_err();
        assert_eq!(err.message(), message, "{text}");
        assert_eq!((err.line(), err.column()), at, "{text}: {err}");
    }

    // Not refused: absent required members, too-short strings (SES answers them), and a
    // member given twice (the last value counts, as Python's json reads it).
    for (kind, text) in [
        (RequestKind::SendEmail, "{}"),
        (RequestKind::SendEmail, r#"{"Tags": [{"Name": ""}]}"#),
        (
            RequestKind::V2SendEmail,
            r#"{"Content": {"Template": {"TemplateName": ""}}, "TenantName": ""}"#,
        ),
    ] {
        assert!(Request::from_json(kind, text).is_ok(), "{text}");
    }
    let Request::SendEmail(req) = Request::from_json(
        RequestKind::SendEmail,
        r#"{"Source": 5, "Source": "a@b.com"}"#,
    )
    .unwrap() else {
        unreachable!()
    };
    assert_eq!(req.source.as_deref(), Some("a@b.com"));

    // A long value is cut; deep nesting is refused where it starts.
    let long = format!("{{\"Source\": [\"{}\"]}}", "x".repeat(1000));
    let err = Request::from_json(RequestKind::SendEmail, &long).unwrap_err();
    assert!(
        err.message().contains("xxx..., type: <class 'list'>"),
        "{err}"
    );
    let deep = format!(
        "{{\"Source\": {}1{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let err = Request::from_json(RequestKind::SendEmail, &deep).unwrap_err();
    assert!(err
        .message()
        .starts_with("Invalid type for parameter Source, value: [[[["));
    assert_eq!((err.line(), err.column()), (1, 12));
}
