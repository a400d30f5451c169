//! Template rendering over `ses-presend serve --templates`, seen by real clients: boto3's
//! `ses.test_render_template` and `sesv2.test_render_email_template` (the rendered message and
//! SES's errors as botocore `ClientError`s), and a v2 SendEmail SES accepts although its message
//! will not render, with `/validate/request`'s finding. Skipped with one line when boto3 is
//! missing (failing when `CI` is set).

mod common;
mod server;

use server::{have, Server};
use std::process::Command;

fn templates_dir() -> String {
    format!("{}/examples/templates", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn boto3_renders_templates() {
    if !have("python3", &["-c", "import boto3"]) {
        common::skip_unless_ci(
            "boto3_renders_templates",
            "python3 with boto3 not found (pip install boto3)",
        );
        return;
    }
    let server = Server::start(&["--templates", &templates_dir()]);
    let script = format!(
        "{}/tests/clients/render_client.py",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = Command::new("python3")
        .arg(script)
        .arg(server.url())
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    print!("{stdout}");
    assert!(
        out.status.success(),
        "render_client.py failed ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The Query API's own checks come first: without signature material TestRenderTemplate is
/// `MissingAuthenticationToken`, as every action.
#[test]
fn test_render_template_unsigned() {
    let server = Server::start(&["--templates", &templates_dir()]);
    let reply = server.request(
        "POST",
        "/",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"Action=TestRenderTemplate&Version=2010-12-01&TemplateName=welcome&TemplateData=%7B%7D",
    );
    assert_eq!(reply.status, 403, "{}", reply.text());
    assert!(reply
        .text()
        .contains("<Code>MissingAuthenticationToken</Code>"));
}

/// v2 without credentials: `MissingAuthenticationTokenException`, before the body is read.
#[test]
fn test_render_email_template_unsigned() {
    let server = Server::start(&["--templates", &templates_dir()]);
    let reply = server.post_json(
        "/v2/email/templates/welcome/render",
        r#"{"TemplateData": "{}"}"#,
    );
    assert_eq!(reply.status, 403, "{}", reply.text());
    assert_eq!(
        reply.header("x-amzn-ErrorType"),
        Some("MissingAuthenticationTokenException")
    );
}

/// A directory that cannot be read is a usage error: exit 2 before listening.
#[test]
fn bad_templates_directory_exits_2() {
    let out = Command::new(server::BIN)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--templates",
            "/nonexistent/dir",
        ])
        .output()
        .expect("the binary runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("reading the templates"), "{stderr}");
}
