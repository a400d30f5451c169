//! The command-line tool on arbitrary input files: every subcommand ends, within seconds, with
//! exit status 0 (accepted), 1 (rejected) or 2 (unreadable), and never with a panic.
#![cfg(feature = "cli")]

mod common;

use common::TempFile;
use proptest::prelude::*;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Longer than any input here takes, by far, even in a debug build on a loaded machine.
const DEADLINE: Duration = Duration::from_secs(60);

/// Runs the tool with `args`, standard input from `stdin`, and returns its exit status and
/// standard error; fails if it runs past the deadline.
fn run(args: &[&str], stdin: Option<&Path>) -> (i32, String) {
    let input = match stdin {
        Some(path) => Stdio::from(std::fs::File::open(path).expect("the input opens")),
        None => Stdio::null(),
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_ses-presend"))
        .args(args)
        .stdin(input)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the ses-presend binary runs");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("ses-presend {args:?} still running after {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let mut stderr = String::new();
    let _ = child
        .stderr
        .take()
        .expect("stderr is piped")
        .read_to_string(&mut stderr);
    (
        status.code().expect("exited, not killed by a signal"),
        stderr,
    )
}

fn assert_clean_exit(args: &[&str], stdin: Option<&Path>) -> Result<(), TestCaseError> {
    let (code, stderr) = run(args, stdin);
    prop_assert!(
        matches!(code, 0..=2),
        "ses-presend {:?} exited with {}: {}",
        args,
        code,
        stderr
    );
    prop_assert!(
        !stderr.contains("panicked"),
        "ses-presend {:?} panicked: {}",
        args,
        stderr
    );
    Ok(())
}

/// Arbitrary bytes, or text that looks enough like each input to get past the first line.
fn input() -> impl Strategy<Value = Vec<u8>> {
    let prefix = prop_oneof![
        Just(&b""[..]),
        Just(&b"From: a@example.com\r\nTo: b@example.com\r\n"[..]),
        Just(&b"{\"Source\": \"a@example.com\", \"Destination\": {\"ToAddresses\": ["[..]),
        Just(&b"Name <a@example.com>\n(\"x\n"[..]),
    ];
    (prefix, proptest::collection::vec(any::<u8>(), 0..400)).prop_map(|(p, rest)| {
        let mut out = p.to_vec();
        out.extend(rest);
        out
    })
}

proptest! {
    // Each case starts the tool eight times: 48 cases stay well under 20 seconds.
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_subcommand_exits_with_0_1_or_2(bytes in input()) {
        let file = TempFile::new("input", &bytes);
        let path = file.path();
        let input = Path::new(path);
        assert_clean_exit(&["address"], Some(input))?;
        assert_clean_exit(&["address", "--format", "json", "--api", "v2"], Some(input))?;
        assert_clean_exit(&["request", path], None)?;
        assert_clean_exit(&["request", "--operation", "send-templated-email", "--format", "xml", path], None)?;
        assert_clean_exit(&["request", "--api", "v2", "--format", "json", path], None)?;
        assert_clean_exit(&["message", path], None)?;
        assert_clean_exit(&["message", "--api", "v2", "--format", "json", path], None)?;
        assert_clean_exit(&["message", "--api", "smtp", "-"], Some(input))?;
    }
}
