//! Real clients against `ses-presend serve` for the bulk sends and SendRawEmail: boto3
//! (`tests/clients/bulk_client.py`) and the AWS CLI (`aws sesv2 send-bulk-email
//! --cli-input-json`). Each prints one SKIP line when its tool is missing, and fails instead
//! when `CI` is set; `.ci/run` installs them.

mod common;
mod server;

use server::{have, Server};
use std::path::PathBuf;
use std::process::Command;

fn clients_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/clients")
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
    if !have("aws", &["--version"]) {
        common::skip_unless_ci(
            "aws_cli_send_bulk_email",
            "the AWS CLI not found (pip install awscli)",
        );
        return;
    }
    let server = Server::start(&[]);
    let dir = std::env::temp_dir().join(format!("ses-presend-bulk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("bulk.json");
    std::fs::write(
        &input,
        r#"{"FromEmailAddress": "ops@example.com",
            "DefaultContent": {"Template": {"TemplateName": "welcome", "TemplateData": "{}"}},
            "BulkEmailEntries": [{"Destination": {"ToAddresses": ["a@example.com"]}},
                                 {"Destination": {"ToAddresses": ["Karen, Chan <k@example.com>"]}}]}"#,
    )
    .unwrap();
    let out = Command::new("aws")
        .args([
            "sesv2",
            "send-bulk-email",
            "--endpoint-url",
            &server.url(),
            "--region",
            "us-east-1",
        ])
        .args(["--output", "json", "--cli-input-json"])
        .arg(format!("file://{}", input.display()))
        .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .env(
            "AWS_SECRET_ACCESS_KEY",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        )
        .env("AWS_MAX_ATTEMPTS", "1")
        .output()
        .expect("aws runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "aws failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answer: serde_json::Value = serde_json::from_str(&stdout).expect("JSON from the AWS CLI");
    let results = answer["BulkEmailEntryResults"]
        .as_array()
        .expect("the entries");
    assert_eq!(results[0]["Status"], "SUCCESS");
    assert_eq!(results[1]["Status"], "INVALID_PARAMETER");
    assert_eq!(results[1]["Error"], "Illegal address");
    println!("ok aws sesv2 send-bulk-email: {results:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
