//! `ses-presend message`, run as a user runs it: files or standard input in, exact answers and
//! exit status out.
#![cfg(feature = "cli")]

mod common;

use std::process::Output;

fn example(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs `ses-presend message` with `args`, feeding `stdin`.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut all = vec!["message"];
    all.extend_from_slice(args);
    common::run_tool(&all, stdin)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn examples_and_exit_status() {
    let welcome = example("welcome.eml");
    let out = run(&[&welcome], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), format!("{welcome}: OK\n"));

    let bad = example("bad-content-type.eml");
    let out = run(&[&welcome, &bad], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        format!(
            "{welcome}: OK\n{bad}: InvalidParameterValue: Expected '/', got ; [seen]\n  error \
             headers.Content-Type (content-type-syntax): SES cannot read the Content-Type: \
             Expected '/', got ; [seen]\n"
        )
    );

    let out = run(&["/nonexistent/message.eml"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/message.eml"));

    let out = run(&[], b"");
    assert_eq!(out.status.code(), Some(2), "a file is required");
}

#[test]
fn standard_input_envelope_and_formats() {
    let msg = b"Subject: hi\r\n\r\nbody\r\n";
    let out = run(&["-"], msg);
    assert_eq!(
        stdout(&out),
        "-: InvalidParameterValue: Missing required header 'From'. [seen]\n  error headers.From \
         (missing-required-header): the message has no 'From' header and the request does not \
         give a Source [seen]\n  error headers.To (missing-required-header): the message has no \
         'To' header and the request does not give Destinations [seen]\n"
    );
    let out = run(
        &[
            "--source",
            "s@example.com",
            "--destination",
            "a@example.com",
            "--format",
            "smtp",
            "--api",
            "smtp",
            "-",
        ],
        msg,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "250 Ok\n");

    let out = run(&["--format", "smtp", "-"], msg);
    assert_eq!(
        stdout(&out),
        "554 Transaction failed: Missing required header 'From'.\n"
    );
    let out = run(&["--api", "v2", "--format", "json", "-"], msg);
    let json: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(json["ok"], false);
    assert_eq!(json["code"], "BadRequestException");
    assert_eq!(json["errors"][0]["reason"], "missing-required-header");
    let out = run(&["--format", "xml", "-"], msg);
    assert!(stdout(&out).contains("<Code>InvalidParameterValue</Code>"));
}

#[test]
fn strict_counts_advisories() {
    let msg = "From: José <j@example.com>\r\nTo: a@example.com\r\n\r\nhi\r\n".as_bytes();
    assert_eq!(run(&["-"], msg).status.code(), Some(0));
    let out = run(&["--strict", "--format", "json", "-"], msg);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("\"ok\":false"));
    assert!(stdout(&out).contains("name-raw-non-ascii"));
}

/// `--account` adds the account's checks after the message's own.
#[test]
fn account_file() {
    let out = run(
        &[
            "--account",
            &example("account.toml"),
            &example("welcome.eml"),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let first = text.lines().next().unwrap();
    assert!(
        first.ends_with(
            "welcome.eml: MessageRejected: Email address is not verified. The following \
             identities failed the check in region US-EAST-1: Karen Chan <karen@example.org>, \
             \"Ops, Team\" <ops@example.net> [seen]"
        ),
        "{text}"
    );
    assert!(
        text.contains("error headers.To[0] (identity-not-verified)"),
        "{text}"
    );
    let bad = run(&["--account", "/nonexistent/account.toml", "-"], b"");
    assert_eq!(bad.status.code(), Some(2));
}

/// SES's SMTP interface answers a bad envelope at `MAIL FROM` or `RCPT TO` with replies of its
/// own (docs/codes.md; DECISIONS `smtp-envelope-replies`), and an oversized message with
/// `552`.
#[test]
fn smtp_envelope_and_size_replies() {
    let msg = b"From: a@example.com\r\nTo: b@example.com\r\n\r\nbody\r\n".to_vec();
    let mut huge = msg.clone();
    huge.resize(41_943_041, b'a');
    let cases: &[(&[&str], &[u8], &str)] = &[
        (
            &["--source", "bob@"],
            &msg,
            "553 bob@ Invalid email address\n",
        ),
        (
            &[
                "--destination",
                "ok@example.com",
                "--destination",
                "x y@z.com",
            ],
            &msg,
            "553 x y@z.com address unknown\n",
        ),
        (&[], &huge, "552 Message is too long.\n"),
        (&["--source", "ok@example.com"], &msg, "250 Ok\n"),
    ];
    for (envelope, stdin, expected) in cases {
        let mut args = vec!["--api", "smtp", "--format", "smtp"];
        args.extend_from_slice(envelope);
        args.push("-");
        let out = run(&args, stdin);
        assert_eq!(stdout(&out), *expected, "{envelope:?}");
    }
}
