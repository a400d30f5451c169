//! Real clients against `ses-presend serve`: boto3's `ses` and `sesv2` clients (SES's errors
//! arrive as botocore `ClientError`s with SES's code and message), and headless Chromium on the
//! form page. Each prints one SKIP line when its tool is missing, and fails instead when `CI` is set;
//! `.ci/run` installs them.

mod common;
mod server;

use server::{have, Server};
use std::path::PathBuf;
use std::process::Command;

fn script(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/clients")
        .join(name)
}

/// Whether python3 can import every module of `modules`.
fn python_has(modules: &[&str]) -> bool {
    let imports = modules
        .iter()
        .map(|m| format!("import {m}"))
        .collect::<Vec<_>>()
        .join("; ");
    have("python3", &["-c", &imports])
}

/// Runs a client script and fails the test with its output when it fails.
fn run_script(name: &str, args: &[&str]) {
    let out = Command::new("python3")
        .arg(script(name))
        .args(args)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    print!("{stdout}");
    assert!(
        out.status.success(),
        "{name} failed ({}):\n{stdout}\n{stderr}",
        out.status
    );
}

#[test]
fn boto3_sees_ses_errors() {
    if !python_has(&["boto3"]) {
        common::skip_unless_ci(
            "boto3_sees_ses_errors",
            "python3 with boto3 not found (pip install boto3)",
        );
        return;
    }
    let plain = Server::start(&[]);
    let account = format!("{}/examples/account.toml", env!("CARGO_MANIFEST_DIR"));
    let with_account = Server::start(&["--account", &account]);
    run_script("boto3_client.py", &[&plain.url(), &with_account.url()]);
}

#[test]
fn chromium_form_page() {
    let missing: Vec<&str> = [
        ("python3 with selenium", python_has(&["selenium"])),
        (
            "/usr/bin/chromium",
            std::path::Path::new("/usr/bin/chromium").exists(),
        ),
        (
            "/usr/bin/chromedriver",
            std::path::Path::new("/usr/bin/chromedriver").exists(),
        ),
    ]
    .into_iter()
    .filter(|(_, present)| !present)
    .map(|(name, _)| name)
    .collect();
    if !missing.is_empty() {
        let why = format!(
            "{} not found (apt-get install chromium chromium-driver; pip install selenium)",
            missing.join(", ")
        );
        common::skip_unless_ci("chromium_form_page", &why);
        return;
    }
    let server = Server::start(&[]);
    run_script("form_page.py", &[&server.url()]);
}
