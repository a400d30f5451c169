//! `ses-presend request`, run as a user runs it: a request file in, SES's answer and the exit
//! status out.
#![cfg(feature = "cli")]

mod common;

use common::TempFile;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_ses-presend");

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut all = vec!["request"];
    all.extend_from_slice(args);
    common::run_tool(&all, stdin)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn status(o: &Output) -> i32 {
    o.status.code().unwrap()
}

const TOO_MANY: &str = "requests/too-many-recipients.json";

#[test]
fn text_format() {
    let out = run(&[example(TOO_MANY).to_str().unwrap()], b"");
    assert_eq!(status(&out), 1);
    assert_eq!(
        stdout(&out),
        "InvalidParameterValue: Recipient count exceeds 50. [seen]\n  \
         error Destination (too-many-recipients): Recipient count exceeds 50. [seen]\n"
    );
    let out = run(
        &[example("requests/send-email.json").to_str().unwrap()],
        b"",
    );
    assert_eq!((status(&out), stdout(&out).as_str()), (0, "OK\n"));
}

#[test]
fn every_example_answers_as_named() {
    let cases: &[(&[&str], &str, i32)] = &[
        (&["requests/send-email.json"], "OK", 0),
        (
            &[
                "--operation",
                "send-templated-email",
                "requests/send-templated-email.json",
            ],
            "OK",
            0,
        ),
        (&["--api", "v2", "requests/sesv2-send-email.json"], "OK", 0),
        (
            &["--api", "v2", "requests/sesv2-many-problems.json"],
            "BadRequestException: Invalid tag name <campaign name>: only alphanumeric ASCII \
             characters, '_',  '-' are allowed. [seen]",
            1,
        ),
    ];
    for (args, first_line, code) in cases {
        let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let file = args.pop().unwrap();
        args.push(example(&file).to_str().unwrap().to_string());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&args, b"");
        assert_eq!(status(&out), *code, "{args:?}: {}", stderr(&out));
        assert_eq!(stdout(&out).lines().next(), Some(*first_line), "{args:?}");
    }
}

#[test]
fn xml_smtp_and_json_formats() {
    let file = example(TOO_MANY);
    let file = file.to_str().unwrap();
    let out = run(&["--format", "xml", file], b"");
    assert_eq!(status(&out), 1);
    let xml = stdout(&out);
    assert!(xml.starts_with(
        "<ErrorResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">\n  <Error>\n    \
         <Type>Sender</Type>\n    <Code>InvalidParameterValue</Code>\n    \
         <Message>Recipient count exceeds 50.</Message>\n  </Error>\n  <RequestId>"
    ));
    assert!(xml.ends_with("</RequestId>\n</ErrorResponse>\n"));

    let out = run(&["--format", "smtp", file], b"");
    assert_eq!(
        stdout(&out),
        "554 Transaction failed: Recipient count exceeds 50.\n"
    );

    let out = run(&["--format", "json", file], b"");
    assert_eq!(status(&out), 1);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["api"], "v1");
    assert_eq!(json["operation"], "send-email");
    assert_eq!(json["ok"], false);
    assert_eq!(json["code"], "InvalidParameterValue");
    assert_eq!(json["http_status"], 400);
    assert_eq!(json["message"], "Recipient count exceeds 50.");
    assert_eq!(json["errors"][0]["field"], "Destination");
    assert_eq!(json["errors"][0]["reason"], "too-many-recipients");
    assert_eq!(json["errors"][0]["error"]["code"], "InvalidParameterValue");

    for (format, accepted) in [("xml", "OK\n"), ("smtp", "250 Ok\n")] {
        let ok = example("requests/send-email.json");
        let out = run(&["--format", format, ok.to_str().unwrap()], b"");
        assert_eq!((status(&out), stdout(&out).as_str()), (0, accepted));
    }
}

#[test]
fn v2_names_and_advisories_in_json() {
    let req = r#"{"FromEmailAddress": "José <jose@example.com>",
                  "Destination": {"ToAddresses": [""]},
                  "Content": {"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}}}"#;
    let out = run(&["--api", "v2", "--format", "json", "-"], req.as_bytes());
    assert_eq!(status(&out), 1);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["api"], "v2");
    assert_eq!(json["code"], "BadRequestException");
    assert_eq!(json["message"], "Invalid email address .");
    assert_eq!(json["errors"][0]["field"], "Destination.ToAddresses[0]");
    assert_eq!(
        json["advisories"][0]["field"],
        "FromEmailAddress.display_name"
    );
    assert_eq!(json["advisories"][0]["fix"], "=?UTF-8?B?Sm9zw6k=?=");

    let out = run(&["--api", "v2", "--format", "smtp", "-"], req.as_bytes());
    assert_eq!(
        stdout(&out),
        "554 Transaction failed: Invalid email address .\n"
    );
}

#[test]
fn account_file() {
    let account = example("account.toml");
    let account = account.to_str().unwrap();
    let req = r#"{"Source": "ops@example.com",
                  "Destination": {"ToAddresses": ["Bob <bob@example.net>", "alice@example.com"]},
                  "Message": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}}"#;
    let out = run(&["--account", account, "-"], req.as_bytes());
    assert_eq!(status(&out), 1);
    assert_eq!(
        stdout(&out).lines().next().unwrap(),
        "MessageRejected: Email address is not verified. The following identities failed the \
         check in region US-EAST-1: Bob <bob@example.net> [seen]"
    );
    let out = run(
        &["--account", account, "--format", "smtp", "-"],
        req.as_bytes(),
    );
    assert!(stdout(&out).starts_with("554 Message rejected: Email address is not verified."));

    // The sandbox's quota of the example file: one recipient per second.
    let two = r#"{"Source": "ops@example.com",
                  "Destination": {"ToAddresses": ["a@example.com", "b@example.com"]},
                  "Message": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}}"#;
    let out = run(&["--account", account, "-"], two.as_bytes());
    assert_eq!((status(&out), stdout(&out).as_str()), (0, "OK\n"));
}

#[test]
fn daily_quota_from_the_account_file() {
    let account = TempFile::new(
        "quota.toml",
        "[quota]\nmax_send_rate = 10\nmax_24_hour_send = 100\nsent_last_24_hours = 100\n",
    );
    let out = run(
        &[
            "--account",
            account.path(),
            "--format",
            "smtp",
            example("requests/send-email.json").to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(status(&out), 1);
    assert_eq!(
        stdout(&out),
        "454 Throttling failure: Daily message quota exceeded.\n"
    );
}

#[test]
fn unreadable_inputs_exit_with_2() {
    // An unknown field, named, with its line, and a hint for the other API.
    let out = run(&["-"], b"{\n  \"FromEmailAddress\": \"a@b.com\"\n}");
    assert_eq!(status(&out), 2);
    let err = stderr(&out);
    assert!(err.starts_with("ses-presend: error reading the request: -: line 2, column 3: Unknown parameter in input: \"FromEmailAddress\", must be one of: Source,"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("(a v2 request? try --api v2)"), "{err}");
    assert!(stdout(&out).is_empty());

    let out = run(&["--api", "v2", "-"], b"{\"Source\": \"a@b.com\"}");
    assert_eq!(status(&out), 2);
    assert!(stderr(&out).contains("(a v1 request? try --api v1)"));

    // A bad account file points at its line.
    let account = TempFile::new("bad.toml", "region = \"us-east-1\"\nsandbx = true\n");
    let out = run(&["--account", account.path(), "-"], b"{}");
    assert_eq!(status(&out), 2);
    let err = stderr(&out);
    assert!(
        err.starts_with("ses-presend: error reading the account file: "),
        "{err}"
    );
    assert!(
        err.contains("bad.toml: line 2, column 1: unknown field `sandbx`"),
        "{err}"
    );

    // Missing files.
    let out = run(&["/nonexistent/request.json"], b"");
    assert_eq!(status(&out), 2);
    assert!(stderr(&out).contains("/nonexistent/request.json"));

    // v2 has no send-templated-email; no file at all.
    let out = run(
        &["--api", "v2", "--operation", "send-templated-email", "-"],
        b"{}",
    );
    assert_eq!(status(&out), 2);
    assert!(stderr(&out).contains("v2 has no send-templated-email"));
    let out = run(&[], b"");
    assert_eq!(status(&out), 2);
}

#[test]
fn help_names_the_command() {
    let out = Command::new(BIN)
        .args(["request", "--help"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8(out.stdout).unwrap();
    for word in ["--api", "--operation", "--account", "--format", "FILE.json"] {
        assert!(help.contains(word), "{word}");
    }
}
