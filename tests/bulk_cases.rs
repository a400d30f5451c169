//! The bulk sends' table, `tests/cases/requests/bulk.json` (docs/requests.md#bulk-sends): each
//! row is checked three ways that must agree: the library (`check_bulk`, and `report_bulk`'s
//! first error), and the wire: v1 rows through the Query API (`query::answer`, the request
//! sent as an SDK sends it), v2 rows through `v2::bulk_answer`.

use serde_json::{Map, Value};
use ses_presend::query::{self, HttpRequest, QueryOptions};
use ses_presend::request::bulk::{check_bulk, report_bulk, BulkRequest, EntryResult};
use ses_presend::{v2, Account, Api, Context, SesError};
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/requests")
}

/// The base request of `api`: one good destination.
fn base(api: Api) -> Value {
    let text = match api {
        Api::V2 => {
            r#"{"FromEmailAddress": "ops@example.com",
                "DefaultContent": {"Template": {"TemplateName": "welcome", "TemplateData": "{}"}},
                "BulkEmailEntries": [{"Destination": {"ToAddresses": ["a@example.com"]}}]}"#
        }
        _ => {
            r#"{"Source": "ops@example.com", "Template": "welcome", "DefaultTemplateData": "{}",
                "Destinations": [{"Destination": {"ToAddresses": ["a@example.com"]},
                                  "ReplacementTemplateData": "{}"}]}"#
        }
    };
    serde_json::from_str(text).unwrap()
}

/// `{"@repeat": N, "item": X}` in a list stands for N copies of X, `{}` in its strings
/// numbered from 0.
fn expand(value: Value) -> Value {
    fn number(value: &Value, i: usize) -> Value {
        match value {
            Value::String(s) => Value::String(s.replace("{}", &i.to_string())),
            Value::Array(items) => Value::Array(items.iter().map(|v| number(v, i)).collect()),
            Value::Object(map) => {
                Value::Object(map.iter().map(|(k, v)| (k.clone(), number(v, i))).collect())
            }
            other => other.clone(),
        }
    }
    match value {
        Value::Array(items) => {
            let mut out = Vec::new();
            for item in items {
                match item.get("@repeat").and_then(Value::as_u64) {
                    Some(n) => out.extend((0..n as usize).map(|i| number(&item["item"], i))),
                    None => out.push(expand(item)),
                }
            }
            Value::Array(out)
        }
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, expand(v))).collect()),
        other => other,
    }
}

/// The case's request: its members laid over the base request (a null removes a member).
fn request(case: &Value, api: Api) -> Value {
    let mut request = base(api);
    let map = request.as_object_mut().unwrap();
    for (name, value) in case["request"].as_object().unwrap() {
        match value {
            Value::Null => map.remove(name),
            v => map.insert(name.clone(), expand(v.clone())),
        };
    }
    request
}

/// The case's account, if it names one in `accounts/`.
fn account(case: &Value) -> Option<Account> {
    let name = case.get("account")?.as_str()?;
    let text = std::fs::read_to_string(dir().join("accounts").join(format!("{name}.toml")));
    Some(Account::from_toml(&text.unwrap()).unwrap())
}

/// `Code: message` on `api`.
fn error_text(error: &SesError, api: Api) -> String {
    format!("{}: {}", error.code.name_on(api), error.message)
}

/// A destination's status as the table writes it: `Success`, or `Status: error`.
fn status_text(entry: &EntryResult, api: Api) -> String {
    match &entry.error {
        None => entry.status.name(api).to_string(),
        Some(e) => format!("{}: {}", entry.status.name(api), e.message),
    }
}

/// What the table expects: `OK` and the statuses, or the request's error.
fn expected(case: &Value) -> Result<Vec<String>, String> {
    let expect = case["expect"].as_str().unwrap();
    if expect != "OK" {
        return Err(expect.to_string());
    }
    let statuses = expand(case["statuses"].clone());
    let statuses = statuses.as_array().expect("an OK row lists its statuses");
    Ok(statuses
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect())
}

/// The JSON request as the Query API carries it: `A.B`, lists as `.member.N` (an empty list
/// as its name with an empty value), nulls left out.
fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    let join = |name: &str| match prefix.is_empty() {
        true => name.to_string(),
        false => format!("{prefix}.{name}"),
    };
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| flatten(&join(k), v, out)),
        Value::Array(items) if items.is_empty() => out.push((prefix.to_string(), String::new())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(&format!("{prefix}.member.{}", i + 1), item, out);
            }
        }
        Value::String(s) => out.push((prefix.to_string(), s.clone())),
        Value::Null => {}
        other => out.push((prefix.to_string(), other.to_string())),
    }
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The text of `<tag>…</tag>` items in `xml`, entities undone.
fn elements(xml: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    xml.split(&open)
        .skip(1)
        .filter_map(|rest| rest.split_once(&close).map(|(text, _)| text))
        .map(|t| {
            t.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
        })
        .collect()
}

/// The answer of the Query API to the v1 request: the statuses, or `Code: message`.
fn over_query(request: &Value, context: Context<'_>) -> Result<Vec<String>, String> {
    let mut params = vec![
        ("Action".to_string(), "SendBulkTemplatedEmail".to_string()),
        ("Version".to_string(), "2010-12-01".to_string()),
    ];
    flatten("", request, &mut params);
    let body: Vec<String> = params
        .iter()
        .map(|(n, v)| format!("{}={}", percent(n), percent(v)))
        .collect();
    let body = body.join("&");
    let now = UNIX_EPOCH + Duration::from_secs(1_541_551_122); // 2018-11-07T00:38:42Z
    let req = HttpRequest {
        method: "POST",
        path: "/",
        query: "",
        headers: vec![
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("X-Amz-Date", "20181107T003842Z"),
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20181107/us-east-1/ses/aws4_request, \
                 SignedHeaders=host;x-amz-date, Signature=abc",
            ),
        ],
        body: body.as_bytes(),
    };
    let response = query::answer(&req, &QueryOptions::new().context(context.with_time(now)));
    if response.status != 200 {
        let code = elements(&response.body, "Code").join("");
        let message = elements(&response.body, "Message").join("");
        return Err(format!("{code}: {message}"));
    }
    let result = elements(&response.body, "SendBulkTemplatedEmailResult").join("");
    let statuses = result
        .split("<member>")
        .skip(1)
        .map(|member| {
            let status = elements(member, "Status").join("");
            match elements(member, "Error").first() {
                Some(error) => format!("{status}: {error}"),
                None => {
                    assert!(elements(member, "MessageId")[0].starts_with("0100"));
                    status
                }
            }
        })
        .collect();
    Ok(statuses)
}

/// The answer of v2's route to the v2 request: the statuses, or `Code: message`.
fn over_v2(request: &Value, context: Context<'_>) -> Result<Vec<String>, String> {
    let response = v2::bulk_answer(request.to_string().as_bytes(), &context);
    let body: Value = serde_json::from_str(&response.body).unwrap();
    if response.status != 200 {
        let (_, code) = response
            .headers
            .iter()
            .find(|(name, _)| *name == "x-amzn-ErrorType")
            .unwrap();
        return Err(format!(
            "{code}: {}",
            body["message"].as_str().unwrap_or("null")
        ));
    }
    let results = body["BulkEmailEntryResults"].as_array().unwrap();
    Ok(results
        .iter()
        .map(|r| {
            let status = r["Status"].as_str().unwrap().to_string();
            match r.get("Error").and_then(Value::as_str) {
                Some(error) => format!("{status}: {error}"),
                None => {
                    assert!(r["MessageId"].as_str().unwrap().starts_with("0100"));
                    status
                }
            }
        })
        .collect())
}

/// Runs one row; what went wrong.
fn run(case: &Value) -> Result<(), String> {
    let api = match case["api"].as_str().unwrap() {
        "v1" => Api::V1,
        "v2" => Api::V2,
        other => return Err(format!("unknown api {other}")),
    };
    let source = case["source"].as_str().unwrap_or_default();
    let sourced = source.starts_with("https://") && source.contains(" (20");
    if !sourced && !source.starts_with("decided: ") {
        return Err(format!(
            "source {source:?}: a URL and a date, or `decided: <row id>`"
        ));
    }
    let request = request(case, api);
    let account = account(case);
    let context = || match &account {
        Some(account) => Context::new().with_account(account),
        None => Context::new(),
    };
    let want = expected(case);
    let req = BulkRequest::from_json(api, &request.to_string()).map_err(|e| e.to_string())?;
    let got = check_bulk(&req, &context())
        .map(|entries| entries.iter().map(|e| status_text(e, api)).collect())
        .map_err(|e| error_text(&e, api));
    if got != want {
        return Err(format!("library: expected {want:?}, got {got:?}"));
    }
    let report = report_bulk(&req, &context());
    let first = report.request.first_error().map(|e| error_text(e, api));
    if first != want.clone().err() {
        return Err(format!(
            "report_bulk's first error {first:?}, expected {want:?}"
        ));
    }
    let wire = match api {
        Api::V2 => over_v2(&request, context()),
        _ => over_query(&request, context()),
    };
    if wire != want {
        return Err(format!("on the wire: expected {want:?}, got {wire:?}"));
    }
    Ok(())
}

#[test]
fn bulk_table() {
    let text = std::fs::read_to_string(dir().join("bulk.json")).unwrap();
    let table: Map<String, Value> = serde_json::from_str(&text).unwrap();
    let cases = table["cases"].as_array().unwrap();
    let mut failures = Vec::new();
    for case in cases {
        if let Err(what) = run(case) {
            failures.push(format!("{}: {what}", case["name"]));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    for api in ["v1", "v2"] {
        let n = cases.iter().filter(|c| c["api"] == api).count();
        assert!(n >= 10, "{api}: only {n} rows");
    }
    println!(
        "{} bulk rows, each through the library and the wire",
        cases.len()
    );
}
