//! Raw-message corpora: every `.eml` shipped in mail-parser 0.11.9's crate source
//! (`resources/eml/**`, Apache-2.0/MIT) and CPython's `test_email/data/msg_*.txt` (PSF), read
//! from where they are installed (the cargo registry after a build; the Python found on
//! `PATH`). Each must be checked without a panic, and its verdict must be the one in
//! `tests/cases/raw-corpus-verdicts.tsv`: SES's answer with no envelope, and with a Source and
//! a Destination (which stand in for missing `From` and `To` headers, so the rest of the
//! message is judged).
//!
//! A corpus that is not installed is skipped with a notice; the rows of files that are present
//! are always compared. `SES_PRESEND_BLESS=1` rewrites the table from the current verdicts.

mod common;

use ses_presend::{check_raw, report_raw, Api, RawOptions, SesError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const TABLE: &str = "tests/cases/raw-corpus-verdicts.tsv";

/// The mail-parser crate source in the cargo registry, if a build put it there.
fn mail_parser_dir() -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    let registry = home.join("registry/src");
    std::fs::read_dir(registry)
        .ok()?
        .flatten()
        .map(|index| index.path().join("mail-parser-0.11.9/resources/eml"))
        .find(|p| p.is_dir())
}

/// CPython's `test_email/data`, from the `python3` on `PATH`.
fn cpython_dir() -> Option<PathBuf> {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import test, os; print(os.path.dirname(test.__file__))",
        ])
        .output()
        .ok()?;
    let dir = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim()).join("test_email/data");
    dir.is_dir().then_some(dir)
}

fn files_under(dir: &Path, keep: &dyn Fn(&str) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, keep, out);
        } else if path.file_name().and_then(|n| n.to_str()).is_some_and(keep) {
            out.push(path);
        }
    }
}

/// A corpus: its name, where it is installed, and which file names in it are messages.
type Corpus = (&'static str, Option<PathBuf>, &'static dyn Fn(&str) -> bool);

/// Every corpus file that is installed, keyed by `corpus/relative-path`.
fn corpus_files() -> (BTreeMap<String, PathBuf>, Vec<&'static str>) {
    let mut found = BTreeMap::new();
    let mut missing = Vec::new();
    let corpora: [Corpus; 2] = [
        ("mail-parser", mail_parser_dir(), &|n: &str| {
            n.ends_with(".eml")
        }),
        ("cpython", cpython_dir(), &|n: &str| {
            n.starts_with("msg_") && n.ends_with(".txt")
        }),
    ];
    for (name, dir, keep) in corpora {
        let Some(dir) = dir else {
            missing.push(name);
            continue;
        };
        let mut files = Vec::new();
        files_under(&dir, keep, &mut files);
        for file in files {
            let rel = file
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            found.insert(format!("{name}/{rel}"), file);
        }
    }
    (found, missing)
}

fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

fn verdict(result: Result<(), SesError>) -> String {
    match result {
        Ok(()) => "OK".to_string(),
        Err(e) => escape(&format!("{}: {}", e.code, e.message)),
    }
}

#[test]
fn corpus_verdicts_match_the_table() {
    let (files, missing) = corpus_files();
    for name in &missing {
        common::notice(&format!(
            "raw_corpus: the {name} corpus is not installed here; its rows are skipped"
        ));
    }
    let bare = RawOptions::new(Api::V1);
    let envelope = RawOptions::new(Api::V1)
        .source("sender@example.com")
        .destination("recipient@example.com");
    let mut actual = BTreeMap::new();
    let mut slowest = (Duration::ZERO, String::new());
    for (key, path) in &files {
        let raw = std::fs::read(path).unwrap();
        let started = Instant::now();
        let a = check_raw(&raw, &bare);
        let b = check_raw(&raw, &envelope);
        // The report runs every check; its first error is the check's.
        for (options, check) in [(&bare, &a), (&envelope, &b)] {
            let report = report_raw(&raw, options);
            assert_eq!(report.first_error(), check.as_ref().err(), "{key}");
        }
        let took = started.elapsed();
        if took > slowest.0 {
            slowest = (took, key.clone());
        }
        actual.insert(key.clone(), (verdict(a), verdict(b)));
    }
    eprintln!(
        "{} corpus files; slowest {:?} ({})",
        files.len(),
        slowest.0,
        slowest.1
    );

    let table_path = Path::new(env!("CARGO_MANIFEST_DIR")).join(TABLE);
    if std::env::var_os("SES_PRESEND_BLESS").is_some() {
        let mut out = String::from(
            "# Verdicts on the raw-message corpora (tests/raw_corpus.rs): SES's answer on v1 with no\n\
             # envelope, then with Source sender@example.com and Destination recipient@example.com.\n\
             # Columns: corpus/file, verdict, verdict with the envelope (OK, or code: message;\n\
             # escapes \\t \\r \\n \\\\).\n",
        );
        for (key, (a, b)) in &actual {
            out.push_str(&format!("{key}\t{a}\t{b}\n"));
        }
        std::fs::write(&table_path, out).unwrap();
        eprintln!("wrote {}", table_path.display());
        return;
    }

    let table = std::fs::read_to_string(&table_path).unwrap();
    let mut expected = BTreeMap::new();
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "bad table row {line:?}");
        expected.insert(
            cols[0].to_string(),
            (cols[1].to_string(), cols[2].to_string()),
        );
    }
    let mut failures = Vec::new();
    for (key, got) in &actual {
        match expected.get(key) {
            None => failures.push(format!("{key}: not in the table (got {got:?})")),
            Some(want) if want != got => {
                failures.push(format!("{key}: expected {want:?}, got {got:?}"))
            }
            Some(_) => {}
        }
    }
    let compared = actual.len();
    let corpora_present: Vec<&str> = ["mail-parser", "cpython"]
        .into_iter()
        .filter(|c| !missing.contains(c))
        .collect();
    for key in expected.keys() {
        let corpus = key.split('/').next().unwrap_or_default();
        if corpora_present.contains(&corpus) && !actual.contains_key(key) {
            failures.push(format!("{key}: in the table but not found"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let accepted = actual.values().filter(|(a, _)| a == "OK").count();
    let accepted_with_envelope = actual.values().filter(|(_, b)| b == "OK").count();
    eprintln!(
        "{compared} files compared: {accepted} accepted as they are, {accepted_with_envelope} \
         with an envelope"
    );
}
