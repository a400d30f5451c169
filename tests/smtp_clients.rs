//! Real SMTP clients against `ses-presend serve --smtp/--smtps` (docs/smtp.md): python's
//! smtplib, swaks, the lettre SMTP transport and nodemailer, each started by its test. Each
//! asserts SES's exact replies as the client reports them; a missing tool prints one SKIP line,
//! or fails when `CI` is set (`.ci/run` installs them).

mod common;

use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport as _};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_ses-presend");

/// An SMTP user of the test account and the password SES derives for it in eu-central-1.
const USER: &str = "AKIDEXAMPLE";
const SECRET: &str = "some+secret+key";
const PASSWORD: &str = "BMXhUYlu5Z3gSXVQORxlVa7XPaz91aGWdfHxvkOZdWZ2";

/// A running `serve --smtp 127.0.0.1:0 --smtps 127.0.0.1:0`, stopped when dropped.
struct SmtpServer {
    child: Child,
    /// The STARTTLS port.
    smtp: u16,
    /// The TLS wrapper port.
    smtps: u16,
    _account: Option<common::TempFile>,
}

impl SmtpServer {
    /// With `account`, the account file's text; `auth_account`: only its SMTP users pass.
    fn start(account: Option<&str>, auth_account: bool) -> SmtpServer {
        let account = account.map(|text| common::TempFile::new("smtp-account.toml", text));
        let mut command = Command::new(BIN);
        command.args(["serve", "--smtp", "127.0.0.1:0", "--smtps", "127.0.0.1:0"]);
        if let Some(file) = &account {
            command.args(["--account", file.path()]);
        }
        if auth_account {
            command.args(["--smtp-auth", "account"]);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut port = || {
            let mut line = String::new();
            out.read_line(&mut line).unwrap();
            let port = line.split(' ').nth(3).and_then(|a| a.rsplit(':').next());
            port.and_then(|p| p.parse().ok()).unwrap_or(0)
        };
        let (smtp, smtps) = (port(), port());
        // Built before the check, so that the server is stopped however the test ends.
        let server = SmtpServer {
            child,
            smtp,
            smtps,
            _account: account,
        };
        assert!(
            smtp != 0 && smtps != 0,
            "the server did not print its SMTP ports"
        );
        server
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn account_toml() -> String {
    format!(
        "region = \"eu-central-1\"\n\n[[smtp_users]]\naccess_key_id = \"{USER}\"\n\
         secret_access_key = \"{SECRET}\"\n"
    )
}

fn have(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn run(command: &mut Command) -> (bool, String) {
    let out = command.output().expect("the client runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// smtplib: STARTTLS and AUTH, a message accepted, a duplicate header as SMTPDataError, a bad
/// RCPT as SMTPRecipientsRefused, AUTH before STARTTLS, the wrapper port, and the account's
/// derived password.
const SMTPLIB: &str = r#"
import smtplib, ssl, sys
host = "127.0.0.1"
port, sport, aport, password = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
ctx = ssl._create_unverified_context()
ok = "From: a@example.com\r\nTo: b@example.com\r\nSubject: hi\r\n\r\nHello\r\n"

s = smtplib.SMTP(host, port)
try:
    s.login("user", "pass")
    raise SystemExit("AUTH before STARTTLS passed")
except smtplib.SMTPAuthenticationError as e:
    assert (e.smtp_code, e.smtp_error) == (530, b"Must issue a STARTTLS command first"), e
s.starttls(context=ctx)
s.ehlo()
assert "starttls" not in s.esmtp_features and "auth" in s.esmtp_features, s.esmtp_features
s.login("user", "pass")
assert s.sendmail("a@example.com", ["b@example.com"], ok) == {}
code, text = s.docmd("NOOP")
assert (code, text) == (250, b"Ok"), (code, text)
dup = ("Content-Type: text/plain\r\nMIME-Version: 1.0\r\nMIME-Version: 1.0\r\n"
       "From: a@example.com\r\nSubject: x\r\n\r\nfound\r\n")
try:
    s.sendmail("a@example.com", ["b@example.com"], dup)
    raise SystemExit("a duplicate header passed")
except smtplib.SMTPDataError as e:
    assert (e.smtp_code, e.smtp_error) == (
        554, b"Transaction failed: Duplicate header 'MIME-Version'."), e
try:
    s.sendmail("a@example.com", ['"re>ceiver"@example.com'], ok)
    raise SystemExit("a bad RCPT passed")
except smtplib.SMTPRecipientsRefused as e:
    assert e.recipients == {'"re>ceiver"@example.com': (501, b"Invalid RCPT TO address provided")}, e
try:
    s.sendmail("", ["b@example.com"], ok)
    raise SystemExit("the null sender passed")
except smtplib.SMTPSenderRefused as e:
    assert (e.smtp_code, e.smtp_error) == (501, b"Invalid MAIL FROM address provided"), e
assert s.quit() == (221, b"Bye")

s = smtplib.SMTP_SSL(host, sport, context=ctx)
try:
    s.sendmail("a@example.com", ["b@example.com"], ok)
    raise SystemExit("MAIL without AUTH passed")
except smtplib.SMTPSenderRefused as e:
    assert (e.smtp_code, e.smtp_error) == (530, b"Authentication required"), e
s.login("user", "pass")
s.sendmail("a@example.com", ["b@example.com"], ok)
s.quit()

s = smtplib.SMTP(host, aport)
s.starttls(context=ctx)
try:
    s.login("AKIDEXAMPLE", "not the password")
    raise SystemExit("a wrong password passed")
except smtplib.SMTPAuthenticationError as e:
    assert (e.smtp_code, e.smtp_error) == (535, b"Authentication Credentials Invalid"), e
s.login("AKIDEXAMPLE", password)
s.sendmail("a@example.com", ["b@example.com"], ok)
s.quit()
print("smtplib ok")
"#;

#[test]
fn smtplib_starttls_auth_and_errors() {
    if !have("python3", &["-c", "import smtplib, ssl"]) {
        common::skip_unless_ci("smtplib_starttls_auth_and_errors", "python3 not found");
        return;
    }
    let any = SmtpServer::start(None, false);
    let account = SmtpServer::start(Some(&account_toml()), true);
    let (ok, out) = run(Command::new("python3").args([
        "-c",
        SMTPLIB,
        &any.smtp.to_string(),
        &any.smtps.to_string(),
        &account.smtp.to_string(),
        PASSWORD,
    ]));
    assert!(ok && out.contains("smtplib ok"), "smtplib:\n{out}");
}

#[test]
fn swaks_sends_and_sees_ses_errors() {
    if !have("swaks", &["--version"]) {
        common::skip_unless_ci(
            "swaks_sends_and_sees_ses_errors",
            "swaks not found (apt-get install swaks)",
        );
        return;
    }
    let server = SmtpServer::start(None, false);
    let port = server.smtp.to_string();
    let base = |extra: &[&str]| {
        let mut command = Command::new("swaks");
        command.args(["--server", "127.0.0.1", "--port", &port, "--tls"]);
        command.args([
            "--auth",
            "LOGIN",
            "--auth-user",
            "u",
            "--auth-password",
            "p",
        ]);
        command.args(["--from", "a@example.com", "--to", "b@example.com"]);
        command.args(extra);
        run(&mut command)
    };
    let (ok, out) = base(&[]);
    assert!(ok, "swaks:\n{out}");
    for line in [
        "<-  220 Ready to start TLS",
        "<~  334 VXNlcm5hbWU6",
        "<~  334 UGFzc3dvcmQ6",
        "<~  235 Authentication successful.",
        "<~  354 End data with <CR><LF>.<CR><LF>",
        "<~  250 Ok 0100",
        "<~  221 Bye",
    ] {
        assert!(out.contains(line), "no {line:?} in swaks' output:\n{out}");
    }
    // swaks writes its own Subject: a second one is SES's duplicate header.
    let (ok, out) = base(&["--add-header", "Subject: again"]);
    assert!(!ok, "swaks succeeded with two Subjects:\n{out}");
    let want = "<~* 554 Transaction failed: Duplicate header 'Subject'.";
    assert!(out.contains(want), "no {want:?} in swaks' output:\n{out}");
}

fn lettre_message(from: &str, to: &str) -> Message {
    Message::builder()
        .from(from.parse::<Mailbox>().unwrap())
        .to(to.parse::<Mailbox>().unwrap())
        .subject("Hello")
        .body("Hi there".to_string())
        .unwrap()
}

#[test]
fn lettre_starttls_and_wrapper() {
    let server = SmtpServer::start(Some(&account_toml()), true);
    let tls = TlsParameters::builder("localhost".to_string())
        .dangerous_accept_invalid_certs(true)
        .build_rustls()
        .unwrap();
    let transport = |port: u16, tls: Tls, password: &str| {
        SmtpTransport::builder_dangerous("127.0.0.1")
            .port(port)
            .tls(tls)
            .credentials(Credentials::new(USER.to_string(), password.to_string()))
            .build()
    };
    let starttls = transport(server.smtp, Tls::Required(tls.clone()), PASSWORD);
    let sent = starttls
        .send(&lettre_message("a@example.com", "b@example.com"))
        .unwrap();
    let text = sent.message().collect::<Vec<_>>().join(" ");
    assert_eq!(sent.code().to_string(), "250");
    assert!(
        text.starts_with("Ok 0100") && text.ends_with("-000000"),
        "{text}"
    );

    let wrapper = transport(server.smtps, Tls::Wrapper(tls.clone()), PASSWORD);
    wrapper
        .send(&lettre_message("a@example.com", "b@example.com"))
        .unwrap();

    let wrong = transport(server.smtps, Tls::Wrapper(tls), "wrong");
    let err = wrong
        .send(&lettre_message("a@example.com", "b@example.com"))
        .unwrap_err();
    assert_eq!(err.status().map(|c| c.to_string()).as_deref(), Some("535"));
    assert!(
        err.to_string()
            .contains("Authentication Credentials Invalid"),
        "{err}"
    );
}

/// Where nodemailer is installed for the tests (the `.ci/run` step installs it there too).
fn node_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/smtp-clients/node")
}

const NODEMAILER: &str = r#"
const nodemailer = require(process.argv[1] + "/node_modules/nodemailer");
const [port, sport] = [Number(process.argv[2]), Number(process.argv[3])];
const tls = { rejectUnauthorized: false };
const auth = { user: "u", pass: "p" };
const mail = { from: "Ian Brown <a@example.com>", to: "b@example.com", subject: "x", text: "y" };
(async () => {
  const starttls = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, requireTLS: true, tls, auth });
  const info = await starttls.sendMail(mail);
  if (!/^250 Ok 0100[0-9a-f]{12}-/.test(info.response)) throw new Error("response " + info.response);
  const wrapper = nodemailer.createTransport({ host: "127.0.0.1", port: sport, secure: true, tls, auth });
  await wrapper.sendMail(mail);
  try {
    await wrapper.sendMail({ ...mail, headers: { "X-SES-CONFIGURATION-SET": "missing" } });
    throw new Error("a missing configuration set passed");
  } catch (e) {
    const want = "554 Transaction failed: Configuration set <missing> does not exist.";
    if (e.responseCode !== 554 || e.response !== want) throw new Error("got " + e.response);
  }
  console.log("nodemailer ok");
})().catch((e) => { console.error(e.message); process.exit(1); });
"#;

#[test]
fn nodemailer_starttls_and_wrapper() {
    let dir = node_dir();
    let installed = dir.join("node_modules/nodemailer").is_dir()
        || have(
            "npm",
            &[
                "install",
                "--silent",
                "--prefix",
                dir.to_str().unwrap(),
                "nodemailer@6",
            ],
        );
    if !have("node", &["--version"]) || !installed {
        common::skip_unless_ci(
            "nodemailer_starttls_and_wrapper",
            "node or nodemailer not found (npm install --prefix target/smtp-clients/node nodemailer@6)",
        );
        return;
    }
    let server = SmtpServer::start(Some("configuration_sets = [\"marketing\"]\n"), false);
    let (ok, out) = run(Command::new("node").args([
        "-e",
        NODEMAILER,
        dir.to_str().unwrap(),
        &server.smtp.to_string(),
        &server.smtps.to_string(),
    ]));
    assert!(ok && out.contains("nodemailer ok"), "nodemailer:\n{out}");
}
