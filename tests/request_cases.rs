//! The request tables of `tests/cases/requests/`: every row of docs/requests.md and docs/account.md and
//! the order rules, run by one loop. See each file's `about` for the format.
#![cfg(feature = "serde")]

use serde_json::{json, Map, Value};
use ses_presend::account::{ManualClock, SendQuota};
use ses_presend::request::{Request, RequestKind, SendRequest};
use ses_presend::{Account, Api, Context};
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/requests")
}

/// The valid request each case's request is laid over.
fn base(kind: &str) -> Value {
    let destination = json!({"ToAddresses": ["alice@example.com"]});
    match kind {
        "v1" => json!({
            "Source": "ops@example.com",
            "Destination": destination,
            "Message": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}},
        }),
        "v1-templated" => json!({
            "Source": "ops@example.com",
            "Destination": destination,
            "Template": "welcome",
            "TemplateData": "{}",
        }),
        "v2" => json!({
            "FromEmailAddress": "ops@example.com",
            "Destination": destination,
            "Content": {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}},
        }),
        other => panic!("unknown kind {other}"),
    }
}

/// Expands the table's shorthands: `"@repeat N TEXT"` in a list, `"@chars N C"` anywhere.
fn expand(value: Value) -> Value {
    match value {
        Value::Array(items) => {
            let mut out = Vec::new();
            for item in items {
                match item.as_str().and_then(|s| s.strip_prefix("@repeat ")) {
                    Some(rest) => {
                        let (n, text) = rest.split_once(' ').expect("@repeat N TEXT");
                        for i in 0..n.parse::<usize>().expect("a count") {
                            out.push(Value::String(text.replace("{}", &i.to_string())));
                        }
                    }
                    None => out.push(expand(item)),
                }
            }
            Value::Array(out)
        }
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, expand(v))).collect()),
        Value::String(s) => match s.strip_prefix("@chars ") {
            Some(rest) => {
                let (n, c) = rest.split_once(' ').expect("@chars N C");
                Value::String(c.repeat(n.parse().expect("a count")))
            }
            None => Value::String(s),
        },
        other => other,
    }
}

/// The case's request: its members over the base's, a `null` removing one.
fn request(case: &Value) -> String {
    let mut merged: Map<String, Value> = match base(case["kind"].as_str().unwrap()) {
        Value::Object(map) => map,
        _ => unreachable!(),
    };
    for (key, value) in case["request"].as_object().expect("request is an object") {
        match value {
            Value::Null => {
                merged.remove(key);
            }
            value => {
                merged.insert(key.clone(), expand(value.clone()));
            }
        }
    }
    serde_json::to_string_pretty(&Value::Object(merged)).unwrap()
}

fn kind(name: &str) -> RequestKind {
    match name {
        "v1" => RequestKind::SendEmail,
        "v1-templated" => RequestKind::SendTemplatedEmail,
        "v2" => RequestKind::V2SendEmail,
        other => panic!("unknown kind {other}"),
    }
}

/// The case's account, with a quota on a clock that does not move.
fn account_of(case: &Value) -> (Option<Account>, Option<SendQuota>) {
    let Some(name) = case.get("account").and_then(Value::as_str) else {
        return (None, None);
    };
    let path = dir().join("accounts").join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap();
    let account = Account::from_toml(&text).unwrap_or_else(|e| panic!("{name}.toml: {e}"));
    let quota = account
        .limits()
        .map(|limits| SendQuota::with_clock(limits, ManualClock::new()));
    (Some(account), quota)
}

/// What the checks know of the case's account.
fn context<'a>(account: &'a Option<Account>, quota: &'a Option<SendQuota>) -> Context<'a> {
    let mut context = Context::new();
    if let Some(account) = account {
        context = context.with_account(account);
    }
    if let Some(quota) = quota {
        context = context.with_quota(quota);
    }
    context
}

fn strings(case: &Value, key: &str) -> Option<Vec<String>> {
    case.get(key).map(|list| {
        list.as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    })
}

/// Runs one case; returns what went wrong.
fn run(case: &Value) -> Result<(), String> {
    let kind = kind(case["kind"].as_str().unwrap());
    let api = kind.api();
    let req = Request::from_json(kind, &request(case)).map_err(|e| e.to_string())?;
    assert_eq!(req.kind(), kind);
    let (account, quota) = account_of(case);
    let validator = context(&account, &quota);
    for _ in 1..case.get("times").and_then(Value::as_u64).unwrap_or(1) {
        let _ = validator.check_email(&req);
    }
    // The report only looks at the quota; the check takes from it.
    let report = validator.report_email(&req);
    let verdict = validator.check_email(&req);
    if report.first_error() != verdict.as_ref().err() {
        return Err(format!(
            "the report's first error {:?} is not the check's {:?}",
            report.first_error(),
            verdict
        ));
    }
    let got = match &verdict {
        Ok(()) => "OK".to_string(),
        Err(e) => format!("{}: {}", e.code.name_on(api), e.message),
    };
    let expected = case["expect"].as_str().unwrap();
    if got != expected {
        return Err(format!("expected {expected:?}\n       got {got:?}"));
    }
    if let (Some(status), Err(e)) = (case.get("status").and_then(Value::as_u64), &verdict) {
        if u64::from(e.code.http_status_on(api)) != status {
            return Err(format!(
                "expected HTTP {status}, got {}",
                e.code.http_status_on(api)
            ));
        }
    }
    if let Some(fields) = strings(case, "errors") {
        let got: Vec<&str> = report.errors.iter().map(|f| f.field.as_str()).collect();
        if got != fields {
            return Err(format!("expected error fields {fields:?}, got {got:?}"));
        }
    }
    if let Some(advisories) = strings(case, "advisories") {
        let got: Vec<String> = report
            .advisories
            .iter()
            .map(|f| format!("{} {}", f.field, f.reason))
            .collect();
        if got != advisories {
            return Err(format!("expected advisories {advisories:?}, got {got:?}"));
        }
    }
    // Every error carries SES's error; every advisory is SES-accepted.
    assert!(report.errors.iter().all(|f| f.error.is_some()));
    assert!(report.advisories.iter().all(|f| f.error.is_none()));
    // The v1 and v2 names differ only where §1 says.
    if let Err(e) = &verdict {
        assert_eq!(e.code.name_on(Api::V1), e.code.as_str());
    }
    Ok(())
}

fn run_table(file: &str, min_cases: usize) {
    let text = std::fs::read_to_string(dir().join(file)).unwrap();
    let table: Value = serde_json::from_str(&text).unwrap();
    let cases = table["cases"].as_array().unwrap();
    assert!(cases.len() >= min_cases, "{file}: {} cases", cases.len());
    let mut failures = Vec::new();
    for case in cases {
        for key in ["name", "row", "certainty", "kind", "expect"] {
            assert!(
                case[key].is_string(),
                "{file}: a case without {key}: {case}"
            );
        }
        assert!(matches!(
            case["certainty"].as_str().unwrap(),
            "seen" | "documented" | "decided"
        ));
        if let Err(why) = run(case) {
            failures.push(format!("{} / {}: {why}", case["row"], case["name"]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn section_5_request_checks() {
    run_table("section5.json", 90);
}

#[test]
fn section_7_account_checks() {
    run_table("section7.json", 45);
}
