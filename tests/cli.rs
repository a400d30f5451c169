//! The `ses-presend` command-line tool, run as a user runs it: arguments and standard input in,
//! exact output lines and exit status out.
#![cfg(feature = "cli")]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Output, Stdio};
use std::thread;

const BIN: &str = env!("CARGO_BIN_EXE_ses-presend");

/// Runs the tool with `args`, feeding `stdin` when given (otherwise standard input is empty).
fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    common::run_tool(args, stdin.unwrap_or_default())
}

fn stdout_lines(output: &Output) -> Vec<&str> {
    std::str::from_utf8(&output.stdout)
        .expect("the output is UTF-8")
        .lines()
        .collect()
}

fn status(output: &Output) -> i32 {
    output.status.code().expect("ses-presend exits by itself")
}

/// One run of `ses-presend address`: the arguments after `address`, what standard input holds
/// (`None`: nothing), the exact lines expected and the exit status.
struct Case {
    args: &'static [&'static str],
    stdin: Option<&'static [u8]>,
    lines: &'static [&'static str],
    status: i32,
}

const CASES: &[Case] = &[
    // JSON Lines: accepted, rejected, the v2 name of the code.
    Case {
        args: &["--format", "json", "a@b.com"],
        stdin: None,
        lines: &[r#"{"input":"a@b.com","ok":true,"certainty":"documented"}"#],
        status: 0,
    },
    Case {
        args: &["--format", "json", "bob"],
        stdin: None,
        lines: &[
            r#"{"input":"bob","ok":false,"code":"InvalidParameterValue","message":"Missing final '@domain'","certainty":"seen"}"#,
        ],
        status: 1,
    },
    Case {
        args: &["--api", "v2", "--format", "json", "bob", "a@b.com"],
        stdin: None,
        lines: &[
            r#"{"input":"bob","ok":false,"code":"BadRequestException","message":"Missing final '@domain'","certainty":"seen"}"#,
            r#"{"input":"a@b.com","ok":true,"certainty":"documented"}"#,
        ],
        status: 1,
    },
    Case {
        args: &["--format", "json", "--api", "v1"],
        stdin: Some("\"Karen, Chan\" <karen@example.com>\nKaren, Chan <karen@example.com>\ndån@example.com\nuser@bücher.de\n".as_bytes()),
        lines: &[
            r#"{"input":"\"Karen, Chan\" <karen@example.com>","ok":true,"certainty":"documented"}"#,
            r#"{"input":"Karen, Chan <karen@example.com>","ok":false,"code":"InvalidParameterValue","message":"Illegal address","certainty":"seen","fix":"\"Karen, Chan\" <karen@example.com>"}"#,
            r#"{"input":"dån@example.com","ok":false,"code":"InvalidParameterValue","message":"Local address contains control or whitespace","certainty":"seen","advisories":[{"reason":"local-part-cannot-be-fixed","field":"local_part","message":"no fix exists for a non-ASCII local part: Punycode is not allowed before the '@', and SES does not support SMTPUTF8","certainty":"documented"}]}"#,
            r#"{"input":"user@bücher.de","ok":false,"code":"InvalidParameterValue","message":"Domain contains illegal character","certainty":"decided","decision":"non-ascii-domain","fix":"user@xn--bcher-kva.de"}"#,
        ],
        status: 1,
    },
    // Text, the default format: the verdict, a tab, the input.
    Case {
        args: &["a@b.com", "bob"],
        stdin: None,
        lines: &[
            "OK\ta@b.com",
            "InvalidParameterValue: Missing final '@domain' [seen]\tbob",
        ],
        status: 1,
    },
    Case {
        args: &["--format", "text", "--api", "v2", "user@"],
        stdin: None,
        lines: &["BadRequestException: Missing domain [seen]\tuser@"],
        status: 1,
    },
    Case {
        args: &["Karen Chan <karen@example.com>", "karen@example.com"],
        stdin: None,
        lines: &[
            "OK\tKaren Chan <karen@example.com>",
            "OK\tkaren@example.com",
        ],
        status: 0,
    },
    // Control characters and `\` in the echoed input are escaped: one input, one line.
    Case {
        args: &["a\tb@c.com", "a\\b@c.com", "a@b.com\r\nx"],
        stdin: None,
        lines: &[
            "InvalidParameterValue: Local address contains control or whitespace [seen]\ta\\tb@c.com",
            "OK\ta\\\\b@c.com",
            "InvalidParameterValue: Domain contains control or whitespace [seen]\ta@b.com\\r\\nx",
        ],
        status: 1,
    },
    // An address that starts with `-` goes after `--`.
    Case {
        args: &["--format", "json", "--", "-a@b.com"],
        stdin: None,
        lines: &[r#"{"input":"-a@b.com","ok":true,"certainty":"documented"}"#],
        status: 0,
    },
    // Standard input: `\r\n` endings are removed, and nothing else.
    Case {
        args: &["--format", "json"],
        stdin: Some(b"a@b.com\r\nbob\r\n"),
        lines: &[
            r#"{"input":"a@b.com","ok":true,"certainty":"documented"}"#,
            r#"{"input":"bob","ok":false,"code":"InvalidParameterValue","message":"Missing final '@domain'","certainty":"seen"}"#,
        ],
        status: 1,
    },
    Case {
        args: &["--format", "json"],
        stdin: Some(b"a@b.com  \n a@b.com\na@b.com\t\n"),
        lines: &[
            r#"{"input":"a@b.com  ","ok":true,"certainty":"documented"}"#,
            r#"{"input":" a@b.com","ok":true,"certainty":"documented"}"#,
            r#"{"input":"a@b.com\t","ok":true,"certainty":"documented"}"#,
        ],
        status: 0,
    },
    Case {
        args: &[],
        stdin: Some(b"a@b.com  \r\n"),
        lines: &["OK\ta@b.com  "],
        status: 0,
    },
    // A lone `\r` is not a line terminator: kept in the middle, at the end of the input, and
    // before a `\r\n`.
    Case {
        args: &["--format", "json"],
        stdin: Some(b"x\ry@z.com\na@b.com\r\r\na@b.com\r"),
        lines: &[
            r#"{"input":"x\ry@z.com","ok":false,"code":"InvalidParameterValue","message":"Quoted local address contains CR without LF","certainty":"seen"}"#,
            r#"{"input":"a@b.com\r","ok":true,"certainty":"documented"}"#,
            r#"{"input":"a@b.com\r","ok":true,"certainty":"documented"}"#,
        ],
        status: 1,
    },
    // The last line needs no terminator.
    Case {
        args: &[],
        stdin: Some(b"a@b.com\nbob"),
        lines: &[
            "OK\ta@b.com",
            "InvalidParameterValue: Missing final '@domain' [seen]\tbob",
        ],
        status: 1,
    },
    // An empty line: SES's own text on both APIs (v1: an empty ReturnPath, 2021).
    Case {
        args: &["--format", "json"],
        stdin: Some(b"\n"),
        lines: &[
            r#"{"input":"","ok":false,"code":"InvalidParameterValue","message":"Invalid email address .","certainty":"seen"}"#,
        ],
        status: 1,
    },
    Case {
        args: &["--format", "json", "--api", "v2"],
        stdin: Some(b"\r\n"),
        lines: &[
            r#"{"input":"","ok":false,"code":"BadRequestException","message":"Invalid email address .","certainty":"seen"}"#,
        ],
        status: 1,
    },
    Case {
        args: &["--api", "v2", ""],
        stdin: None,
        lines: &["BadRequestException: Invalid email address . [seen]\t"],
        status: 1,
    },
    Case {
        args: &[],
        stdin: Some(b"\n"),
        lines: &["InvalidParameterValue: Invalid email address . [seen]\t"],
        status: 1,
    },
    // Bytes that are not UTF-8 become U+FFFD, which SES rejects as non-ASCII.
    Case {
        args: &["--format", "json"],
        stdin: Some(b"\xff@b.com\nuser@b\xc3.com\n"),
        lines: &[
            r#"{"input":"\u{FFFD}@b.com","ok":false,"code":"InvalidParameterValue","message":"Local address contains control or whitespace","certainty":"seen","advisories":[{"reason":"local-part-cannot-be-fixed","field":"local_part","message":"no fix exists for a non-ASCII local part: Punycode is not allowed before the '@', and SES does not support SMTPUTF8","certainty":"documented"}]}"#,
            r#"{"input":"user@b\u{FFFD}.com","ok":false,"code":"InvalidParameterValue","message":"Domain contains illegal character","certainty":"decided","decision":"non-ascii-domain"}"#,
        ],
        status: 1,
    },
    // A Latin-1 name: its characters are unknown, so no encoded-word is offered; the same
    // name in UTF-8 gets its fix.
    Case {
        args: &["--format", "json"],
        stdin: Some(b"Jos\xe9 <jose@example.com>\nJos\xc3\xa9 <jose@example.com>\n"),
        lines: &[
            r#"{"input":"Jos\u{FFFD} <jose@example.com>","ok":true,"certainty":"documented","advisories":[{"reason":"name-raw-non-ascii","field":"display_name","message":"SES accepts a raw non-ASCII friendly name but mangles it: encode it as an RFC 2047 encoded-word","certainty":"seen"}]}"#,
            r#"{"input":"José <jose@example.com>","ok":true,"certainty":"documented","advisories":[{"reason":"name-raw-non-ascii","field":"display_name","message":"SES accepts a raw non-ASCII friendly name but mangles it: encode it as an RFC 2047 encoded-word","certainty":"seen"}],"fix":"=?UTF-8?B?Sm9zw6k=?= <jose@example.com>"}"#,
        ],
        status: 0,
    },
    // The same for a Latin-1 group name, whose fix would end in `?=:`.
    Case {
        args: &["--format", "json"],
        stdin: Some(b"T\xe9am: a@example.com;\n"),
        lines: &[
            r#"{"input":"T\u{FFFD}am: a@example.com;","ok":true,"certainty":"documented","advisories":[{"reason":"name-raw-non-ascii","field":"group_name","message":"SES accepts a raw non-ASCII friendly name but mangles it: encode it as an RFC 2047 encoded-word","certainty":"seen"}]}"#,
        ],
        status: 0,
    },
    // Control characters are escaped in JSON.
    Case {
        args: &["--format", "json"],
        stdin: Some(b"a@b.com\x01\n"),
        lines: &[r#"{"input":"a@b.com\u0001","ok":true,"certainty":"documented"}"#],
        status: 0,
    },
    // Advisories and fixes; --strict counts advisories as rejections.
    Case {
        args: &["--format", "json", "José <jose@example.com>"],
        stdin: None,
        lines: &[concat!(
            r#"{"input":"José <jose@example.com>","ok":true,"certainty":"documented","advisories":[{"reason":"name-raw-non-ascii","#,
            r#""field":"display_name","message":"SES accepts a raw non-ASCII friendly name but mangles it: "#,
            r#"encode it as an RFC 2047 encoded-word","certainty":"seen"}],"fix":"=?UTF-8?B?Sm9zw6k=?= <jose@example.com>"}"#
        )],
        status: 0,
    },
    Case {
        args: &["--strict", "--format", "json", "a..b@example.com", "a@example.com"],
        stdin: None,
        lines: &[
            r#"{"input":"a..b@example.com","ok":false,"certainty":"documented","advisories":[{"reason":"local-part-consecutive-dots","field":"local_part","message":"the local part contains '..', which SES accepts but many servers refuse","certainty":"documented"}]}"#,
            r#"{"input":"a@example.com","ok":true,"certainty":"documented"}"#,
        ],
        status: 1,
    },
    // A line --strict fails for an advisory does not say OK: it starts with the advisory.
    Case {
        args: &["--strict", "a@example.com", "b@xn--zz-.de"],
        stdin: None,
        lines: &[
            "OK\ta@example.com",
            "Advisory: SES accepts 'xn--zz-.de', but it is not a deliverable domain name: the label \
             'xn--zz-': its Punycode cannot be decoded\tb@xn--zz-.de\tadvice: invalid-punycode-label",
        ],
        status: 1,
    },
    Case {
        args: &["--strict", "a..b@example.com"],
        stdin: None,
        lines: &["Advisory: the local part contains '..', which SES accepts but many servers refuse\ta..b@example.com\tadvice: local-part-consecutive-dots"],
        status: 1,
    },
    Case {
        args: &["b@xn--zz-.de"],
        stdin: None,
        lines: &["OK\tb@xn--zz-.de\tadvice: invalid-punycode-label"],
        status: 0,
    },
    // No input, no output, nothing rejected.
    Case {
        args: &[],
        stdin: None,
        lines: &[],
        status: 0,
    },
];

#[test]
fn address_cases() {
    for case in CASES {
        let mut args = vec!["address"];
        args.extend(case.args);
        let output = run(&args, case.stdin);
        // The table writes U+FFFD as `\u{FFFD}` to keep it visible.
        let expected: Vec<String> = case
            .lines
            .iter()
            .map(|line| line.replace("\\u{FFFD}", "\u{FFFD}"))
            .collect();
        assert_eq!(
            stdout_lines(&output),
            expected,
            "ses-presend {args:?} with stdin {:?}",
            case.stdin.map(String::from_utf8_lossy)
        );
        assert_eq!(status(&output), case.status, "exit status of {args:?}");
        assert!(output.stderr.is_empty(), "stderr of {args:?}");
    }
}

#[test]
fn example_file() {
    let input = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/addresses.txt"
    ))
    .expect("examples/addresses.txt is readable");
    let output = run(&["address"], Some(&input));
    assert_eq!(
        stdout_lines(&output),
        [
            "OK\tkaren@example.com",
            "OK\tKaren Chan <karen@example.com>",
            "OK\t\"Karen, Chan\" <karen@example.com>",
            "InvalidParameterValue: Illegal address [seen]\tKaren, Chan <karen@example.com>\tfix: \"Karen, Chan\" <karen@example.com>",
            "InvalidParameterValue: Local address contains control or whitespace [seen]\tdån@example.com\tadvice: local-part-cannot-be-fixed",
            "InvalidParameterValue: Domain contains illegal character [decided: non-ascii-domain]\tuser@bücher.de\tfix: user@xn--bcher-kva.de",
            "InvalidParameterValue: Missing final '@domain' [seen]\tbob",
            "InvalidParameterValue: Missing domain [seen]\tuser@",
            "OK\tfirst..last@example.com\tadvice: local-part-consecutive-dots",
            "OK\tteam: a@example.com, b@example.com;",
            "OK\t<@relay.example:bob@example.com>",
            "InvalidParameterValue: Extra route-addr [seen]\tBob <bob@example.com> <bobby@example.com>\tfix: \"Bob <bob@example.com>\" <bobby@example.com>",
        ]
    );
    assert_eq!(status(&output), 1);
}

/// Many lines, far more than one buffer holds: one answer per line, in input order.
#[test]
fn output_order_is_input_order() {
    const LINES: usize = 30_000;
    let inputs: Vec<String> = (0..LINES)
        .map(|i| match i % 3 {
            0 => format!("user{i}@example.com"),
            1 => format!("nobody{i}"),
            _ => format!("Name {i} <name{i}@example.com>"),
        })
        .collect();
    let output = run(
        &["address"],
        Some(format!("{}\n", inputs.join("\n")).as_bytes()),
    );
    let lines = stdout_lines(&output);
    assert_eq!(lines.len(), LINES);
    for (i, (line, input)) in lines.iter().zip(&inputs).enumerate() {
        let (verdict, echoed) = line.split_once('\t').expect("a tab after the verdict");
        assert_eq!(echoed, input, "line {i}");
        let expected = if i % 3 == 1 {
            "InvalidParameterValue: Missing final '@domain' [seen]"
        } else {
            "OK"
        };
        assert_eq!(verdict, expected, "line {i}");
    }
    assert_eq!(status(&output), 1);
}

#[test]
fn usage_errors_exit_with_2() {
    let cases: &[&[&str]] = &[
        &["address", "--bogus"],
        &["address", "--api", "v3", "a@b.com"],
        &["address", "--format", "xml", "a@b.com"],
        &["address", "--api"],
        &["frobnicate"],
        &[],
    ];
    for args in cases {
        let output = run(args, Some(b"a@b.com\n"));
        assert_eq!(status(&output), 2, "exit status of {args:?}");
        assert!(output.stdout.is_empty(), "stdout of {args:?}");
        assert!(!output.stderr.is_empty(), "stderr of {args:?}");
    }
}

#[test]
fn help_and_version_exit_with_0() {
    for args in [&["--help"][..], &["address", "--help"], &["--version"]] {
        let output = run(args, None);
        assert_eq!(status(&output), 0, "exit status of {args:?}");
        assert!(!output.stdout.is_empty(), "stdout of {args:?}");
    }
}

/// An argument that is not UTF-8 is read lossily, like a line of standard input.
#[cfg(unix)]
#[test]
fn argument_that_is_not_utf8() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let output = Command::new(BIN)
        .args([OsStr::new("address"), OsStr::new("--format=json")])
        .arg(OsStr::from_bytes(b"\xfe@b.com"))
        .output()
        .expect("the ses-presend binary runs");
    assert_eq!(
        stdout_lines(&output),
        [concat!(
            "{\"input\":\"\u{FFFD}@b.com\",\"ok\":false,\"code\":\"InvalidParameterValue\",",
            "\"message\":\"Local address contains control or whitespace\",\"certainty\":\"seen\",",
            "\"advisories\":[{",
            "\"reason\":\"local-part-cannot-be-fixed\",\"field\":\"local_part\",\"message\":",
            "\"no fix exists for a non-ASCII local part: Punycode is not allowed before the '@', ",
            "and SES does not support SMTPUTF8\",\"certainty\":\"documented\"}]}"
        )]
    );
    assert_eq!(status(&output), 1);
}

/// A reader that goes away (`ses-presend address < big | head -1`) ends the run quietly with
/// status 2: no panic, no message.
#[test]
fn closed_stdout_ends_quietly() {
    let mut child = Command::new(BIN)
        .args(["address", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the ses-presend binary runs");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let writer = thread::spawn(move || {
        // Enough output to fill any pipe buffer many times over; the child may stop reading.
        let block = "someone@example.com\n".repeat(10_000);
        for _ in 0..100 {
            if pipe.write_all(block.as_bytes()).is_err() {
                break;
            }
        }
    });
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("a first line");
    assert_eq!(
        first,
        "{\"input\":\"someone@example.com\",\"ok\":true,\"certainty\":\"documented\"}\n"
    );
    drop(stdout);
    let output = child.wait_with_output().expect("ses-presend finishes");
    writer.join().expect("the writer thread ends");
    assert_eq!(status(&output), 2);
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

/// An argument that is not UTF-8 (possible on Unix) is read like such a line: a verdict and
/// advisories, no fix.
#[cfg(unix)]
#[test]
fn argument_that_is_not_utf8_gets_no_fix() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let output = Command::new(env!("CARGO_BIN_EXE_ses-presend"))
        .args(["address", "--format", "json"])
        .arg(OsStr::from_bytes(b"Jos\xe9 <jose@b\xc3\xbccher.de>"))
        .output()
        .expect("the ses-presend binary runs");
    assert_eq!(status(&output), 1);
    assert_eq!(
        stdout_lines(&output),
        [
            r#"{"input":"Jos� <jose@bücher.de>","ok":false,"code":"InvalidParameterValue","message":"Domain contains illegal character","certainty":"decided","decision":"non-ascii-domain","advisories":[{"reason":"name-raw-non-ascii","field":"display_name","message":"SES accepts a raw non-ASCII friendly name but mangles it: encode it as an RFC 2047 encoded-word","certainty":"seen"}]}"#
        ]
    );
    // The same argument in UTF-8 gets the fix of both parts.
    let output = run(
        &["address", "--format", "json", "José <jose@bücher.de>"],
        None,
    );
    assert!(
        stdout_lines(&output)[0]
            .ends_with(r#""fix":"=?UTF-8?B?Sm9zw6k=?= <jose@xn--bcher-kva.de>"}"#),
        "{:?}",
        stdout_lines(&output)
    );
}

/// `--trust documented`: an error whose answer the project decided is advice (the line passes,
/// marked with its decision); a seen one still rejects; `--strict` cannot be combined with it.
#[test]
fn trust_documented_makes_decided_errors_advice() {
    let output = run(
        &["address", "--trust", "documented", "user@bücher.de", "bob"],
        None,
    );
    assert_eq!(
        stdout_lines(&output),
        [
            "OK [decided: non-ascii-domain]\tuser@bücher.de\tadvice: non-ascii-domain\tfix: user@xn--bcher-kva.de",
            "InvalidParameterValue: Missing final '@domain' [seen]\tbob",
        ]
    );
    assert_eq!(status(&output), 1);
    let output = run(
        &["address", "--trust", "documented", "user@bücher.de"],
        None,
    );
    assert_eq!(status(&output), 0);
    let output = run(&["address", "--trust", "decided", "user@bücher.de"], None);
    assert_eq!(status(&output), 1);
    let output = run(
        &["address", "--strict", "--trust", "documented", "a@b.com"],
        None,
    );
    assert_eq!(status(&output), 2);
    // The same for a request: the decided rejection moves among the advisories.
    let request = r#"{"Source": "ops@bücher.de", "Destination": {"ToAddresses": ["a@example.com"]},
                      "Message": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}}"#;
    let output = run(&["request", "-"], Some(request.as_bytes()));
    assert_eq!(status(&output), 1);
    let output = run(
        &["request", "--trust", "documented", "-"],
        Some(request.as_bytes()),
    );
    assert_eq!(status(&output), 0);
    assert_eq!(stdout_lines(&output)[0], "OK");
    assert!(
        stdout_lines(&output)[1].starts_with("  advice Source.domain (non-ascii-domain):"),
        "{:?}",
        stdout_lines(&output)
    );
}
