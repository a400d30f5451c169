//! Real clients against `ses-presend serve` for the bulk sends and SendRawEmail: boto3
//! (`tests/clients/bulk_client.py`) and the AWS CLI (`aws sesv2 send-bulk-email
//! --cli-input-json`). Each prints one SKIP line when its tool is missing, and fails instead
//! when `CI` is set; `.ci/run` installs them.

mod common;
mod server;

use server::{have, Server};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn clients_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/clients")
}

/// Whether the AWS CLI is installed; prints the SKIP line for `test` when not.
fn have_aws(test: &str) -> bool {
    let found = have("aws", &["--version"]);
    if !found {
        common::skip_unless_ci(test, "the AWS CLI not found (pip install awscli)");
    }
    found
}

/// The JSON the AWS CLI printed, after checking it succeeded.
fn aws_json(out: &Output) -> serde_json::Value {
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "aws failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout).expect("JSON from the AWS CLI")
}

/// A fresh directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ses-presend-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `aws SERVICE OPERATION --cli-input-json file://INPUT` against `server`, with made-up
/// credentials and one attempt.
fn aws(server: &Server, operation: &[&str], input: &Path) -> Output {
    Command::new("aws")
        .args(operation)
        .args(["--endpoint-url", &server.url(), "--region", "us-east-1"])
        .args(["--output", "json", "--cli-input-json"])
        .arg(format!("file://{}", input.display()))
        .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .env(
            "AWS_SECRET_ACCESS_KEY",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        )
        .env("AWS_MAX_ATTEMPTS", "1")
        .output()
        .expect("aws runs")
}

#[test]
fn boto3_bulk_and_raw() {
    if !have("python3", &["-c", "import boto3"]) {
        common::skip_unless_ci(
            "boto3_bulk_and_raw",
            "python3 with boto3 not found (pip install boto3)",
        );
        return;
    }
    let server = Server::start(&[]);
    let out = Command::new("python3")
        .arg(clients_dir().join("bulk_client.py"))
        .arg(server.url())
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    print!("{stdout}");
    assert!(
        out.status.success(),
        "bulk_client.py failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn aws_cli_send_bulk_email() {
    if !have_aws("aws_cli_send_bulk_email") {
        return;
    }
    let server = Server::start(&[]);
    let dir = scratch("bulk");
    let input = dir.join("bulk.json");
    std::fs::write(
        &input,
        r#"{"FromEmailAddress": "ops@example.com",
            "DefaultContent": {"Template": {"TemplateName": "welcome", "TemplateData": "{}"}},
            "BulkEmailEntries": [{"Destination": {"ToAddresses": ["a@example.com"]}},
                                 {"Destination": {"ToAddresses": ["Karen, Chan <k@example.com>"]}}]}"#,
    )
    .unwrap();
    let out = aws(&server, &["sesv2", "send-bulk-email"], &input);
    let answer = aws_json(&out);
    let results = answer["BulkEmailEntryResults"]
        .as_array()
        .expect("the entries");
    assert_eq!(results[0]["Status"], "SUCCESS");
    assert_eq!(results[1]["Status"], "INVALID_PARAMETER");
    assert_eq!(results[1]["Error"], "Illegal address");
    println!("ok aws sesv2 send-bulk-email: {results:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn aws_cli_send_bulk_templated_email() {
    if !have_aws("aws_cli_send_bulk_templated_email") {
        return;
    }
    let server = Server::start(&[]);
    let dir = scratch("bulk-v1");
    let accepted = dir.join("accepted.json");
    std::fs::write(
        &accepted,
        r#"{"Source": "ops@example.com", "Template": "welcome", "DefaultTemplateData": "{}",
            "Destinations": [
                {"Destination": {"ToAddresses": ["a@example.com"]}, "ReplacementTemplateData": "{}"},
                {"Destination": {"ToAddresses": ["Karen, Chan <k@example.com>"]},
                 "ReplacementTemplateData": "{}"}]}"#,
    )
    .unwrap();
    let out = aws(&server, &["ses", "send-bulk-templated-email"], &accepted);
    let answer = aws_json(&out);
    let statuses = answer["Status"].as_array().expect("the statuses");
    assert_eq!(statuses.len(), 2);
    assert_eq!(statuses[0]["Status"], "Success");
    assert!(statuses[0]["MessageId"]
        .as_str()
        .is_some_and(|id| id.starts_with("0100")));
    assert_eq!(statuses[1]["Status"], "InvalidParameterValue");
    assert_eq!(statuses[1]["Error"], "Illegal address");
    println!("ok aws ses send-bulk-templated-email: {statuses:?}");

    // boto/boto3#1795 (2018-12-04): a destination without ReplacementTemplateData.
    let refused = dir.join("refused.json");
    std::fs::write(
        &refused,
        r#"{"Source": "ops@example.com", "Template": "welcome", "DefaultTemplateData": "{}",
            "Destinations": [{"Destination": {"ToAddresses": ["a@example.com"]}}]}"#,
    )
    .unwrap();
    let out = aws(&server, &["ses", "send-bulk-templated-email"], &refused);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "aws accepted it: {stderr}");
    assert!(
        stderr.contains(
            "An error occurred (InvalidParameterValue) when calling the \
             SendBulkTemplatedEmail operation: The template data is invalid"
        ),
        "{stderr}"
    );
    println!(
        "ok aws ses send-bulk-templated-email refused: {}",
        stderr.trim()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Whether the installed AWS CLI is version 1, which reads a blob in `--cli-input-json` as
/// the text itself (version 2 reads base64).
fn aws_cli_v1() -> bool {
    let out = Command::new("aws")
        .arg("--version")
        .output()
        .expect("aws runs");
    let version = [out.stdout, out.stderr].concat();
    String::from_utf8_lossy(&version).starts_with("aws-cli/1.")
}

#[test]
fn aws_cli_send_raw_email_matches_request() {
    if !have_aws("aws_cli_send_raw_email_matches_request") {
        return;
    }
    let server = Server::start(&[]);
    let dir = scratch("raw");
    let v1 = aws_cli_v1();
    assert_eq!(base64(b"Hi!?"), "SGkhPw==");
    // SendRawEmail's request file as each CLI version reads it; `request` is told the same.
    let data = |message: &str| match v1 {
        true => message.to_string(),
        false => base64(message.as_bytes()),
    };
    let binary_format: &[&str] = match v1 {
        true => &["--cli-binary-format", "raw-in-base64-out"],
        false => &[],
    };
    let head = "From: ops@example.com\r\nTo: b@example.com\r\nSubject: Hi\r\n";
    let cases = [
        ("accepted", format!("{head}\r\nHello"), None),
        (
            "rejected",
            format!("From: other@example.com\r\n{head}\r\nHello"),
            Some(("InvalidParameterValue", "Duplicate header 'From'.")),
        ),
    ];
    for (name, message, want) in cases {
        let input = dir.join(format!("{name}.json"));
        let file = serde_json::json!({
            "Source": "ops@example.com",
            "Destinations": ["b@example.com"],
            "RawMessage": {"Data": data(&message)},
        });
        std::fs::write(&input, file.to_string()).unwrap();
        let cli = aws(&server, &["ses", "send-raw-email"], &input);
        let ours = Command::new(server::BIN)
            .args([
                "request",
                "--operation",
                "send-raw-email",
                "--format",
                "json",
            ])
            .args(binary_format)
            .arg(&input)
            .output()
            .expect("ses-presend runs");
        let ours: serde_json::Value = serde_json::from_slice(&ours.stdout).expect("its JSON");
        match want {
            None => {
                let answer = aws_json(&cli);
                assert!(answer["MessageId"]
                    .as_str()
                    .is_some_and(|id| id.starts_with("0100")));
                assert_eq!(ours["ok"], true, "{ours}");
            }
            Some((code, message)) => {
                let stderr = String::from_utf8_lossy(&cli.stderr);
                assert!(!cli.status.success(), "aws accepted it: {stderr}");
                let words = format!(
                    "An error occurred ({code}) when calling the SendRawEmail operation: {message}"
                );
                assert!(stderr.contains(&words), "{stderr}");
                assert_eq!(
                    (
                        ours["ok"].clone(),
                        ours["code"].clone(),
                        ours["message"].clone()
                    ),
                    (false.into(), code.into(), message.into()),
                    "{ours}"
                );
            }
        }
        println!("ok aws ses send-raw-email and request agree: {name}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | ((b as u32) << (16 - 8 * i)));
        for i in 0..4 {
            match i <= chunk.len() {
                true => out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char),
                false => out.push('='),
            }
        }
    }
    out
}
