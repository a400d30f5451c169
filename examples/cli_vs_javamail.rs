//! Times `ses-presend address --format json` and the JavaMail harness
//! (`examples/AddressLines.java`: JavaMail's strict single-address check, the one SES runs, one
//! JSON line per address) on the same lines in the same run, a few rounds each in turn:
//!
//! ```text
//! cargo build --release --features cli --bin ses-presend --example cli_vs_javamail
//! target/release/examples/cli_vs_javamail [LINES] [ROUNDS]
//! ```
//!
//! The lines are the inputs of `tests/data/ses-address-verdicts.tsv`, repeated to `LINES`
//! (1 000 000 by default). Needs `java`, `javac` and JavaMail (`/usr/share/java/javax.mail.jar`,
//! or the jar named by `JAVAMAIL_JAR`); `SES_PRESEND` names the binary to time (default
//! `target/release/ses-presend`).

#[path = "../benches/corpus.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The processor time (user and system, in seconds) of this process's waited-for children,
/// from `/proc/self/stat` (Linux; 100 ticks a second), or 0 elsewhere.
fn children_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    // Fields 16 and 17 of the file (cutime, cstime) are the 14th and 15th after the name.
    let ticks: f64 = after_name
        .split_whitespace()
        .skip(13)
        .take(2)
        .filter_map(|t| t.parse::<f64>().ok())
        .sum();
    ticks / 100.0
}

/// Runs `command` with `input` on standard input and its output thrown away; the wall-clock
/// and processor times, after checking that it wrote `lines` lines.
fn time(mut command: Command, input: &Path, lines: usize) -> (Duration, f64) {
    let cpu = children_cpu();
    let start = Instant::now();
    let output = command
        .stdin(std::fs::File::open(input).expect("the input file opens"))
        .stderr(Stdio::inherit())
        .output()
        .expect("the command runs");
    let elapsed = start.elapsed();
    let written = output.stdout.iter().filter(|&&b| b == b'\n').count();
    assert_eq!(written, lines, "{command:?} wrote {written} lines");
    (elapsed, children_cpu() - cpu)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let lines: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(3);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let binary = std::env::var_os("SES_PRESEND")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/release/ses-presend"));
    let jar = std::env::var_os("JAVAMAIL_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/java/javax.mail.jar"));

    let dir = std::env::temp_dir().join(format!("ses-presend-vs-javamail-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let corpus = corpus::ses_verdict_corpus();
    let mut text = String::new();
    for input in corpus.iter().cycle().take(lines) {
        text.push_str(input);
        text.push('\n');
    }
    let input = dir.join("addresses.txt");
    std::fs::write(&input, &text).expect("the input file is written");
    let compiled = Command::new("javac")
        .arg("-cp")
        .arg(&jar)
        .arg("-d")
        .arg(&dir)
        .arg(root.join("examples/AddressLines.java"))
        .status()
        .expect("javac runs");
    assert!(compiled.success(), "javac failed");
    let classpath = format!("{}:{}", jar.display(), dir.display());

    println!(
        "{lines} lines ({:.1} MB) of tests/data/ses-address-verdicts.tsv, {rounds} rounds",
        text.len() as f64 / 1e6
    );
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for round in 1..=rounds {
        let mut cli = Command::new(&binary);
        cli.args(["address", "--format", "json"]);
        let (a, a_cpu) = time(cli, &input, lines);
        let mut java = Command::new("java");
        java.arg("-cp").arg(&classpath).arg("AddressLines");
        let (b, b_cpu) = time(java, &input, lines);
        println!(
            "round {round}: ses-presend {:.3} s ({a_cpu:.2} s processor), JavaMail {:.3} s \
             ({b_cpu:.2} s processor): {:.1}x",
            a.as_secs_f64(),
            b.as_secs_f64(),
            b.as_secs_f64() / a.as_secs_f64()
        );
        ours.push((a.as_secs_f64(), a_cpu));
        theirs.push((b.as_secs_f64(), b_cpu));
    }
    let range = |v: &mut dyn Iterator<Item = f64>| {
        let (lo, hi) = v.fold((f64::MAX, f64::MIN), |(lo, hi), x| (lo.min(x), hi.max(x)));
        format!("{lo:.2}–{hi:.2}")
    };
    println!(
        "ses-presend {} s ({} s processor), JavaMail {} s ({} s processor): JavaMail {}x slower \
         ({}x the processor time)",
        range(&mut ours.iter().map(|r| r.0)),
        range(&mut ours.iter().map(|r| r.1)),
        range(&mut theirs.iter().map(|r| r.0)),
        range(&mut theirs.iter().map(|r| r.1)),
        range(&mut theirs.iter().zip(&ours).map(|(b, a)| b.0 / a.0)),
        range(&mut theirs.iter().zip(&ours).map(|(b, a)| b.1 / a.1.max(0.01))),
    );
    let _ = std::fs::remove_dir_all(&dir);
}
