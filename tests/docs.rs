//! The documentation in `docs/` that is generated from the code, and what the documentation may
//! point at.
//!
//! `docs/decisions.md` is rendered from `ses_presend::report::DECISIONS`; this test fails when the two
//! differ. `UPDATE_DOCS=1 cargo test --all-features --test docs` writes the file instead.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ses_presend::report::DECISIONS;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What a decided rule does, in words.
fn effect(decision: &ses_presend::report::Decision) -> String {
    if let Some(evidence) = decision.effect.evidence() {
        return format!(
            "**rejects**: the send is refused; only the words or details are chosen. Evidence \
             that SES rejects it: {evidence}"
        );
    }
    match format!("{:?}", decision.effect).as_str() {
        "Advises" => "**advises**: SES's answer is unknown, so the send is never rejected for \
                      it; a report carries an advisory"
            .to_string(),
        "Words" => "**words**: chooses only the words, order, names or form of an answer, \
                    never whether a send is rejected"
            .to_string(),
        other => format!("`{other}`"),
    }
}

/// The short name of an effect, for the index.
fn effect_name(decision: &ses_presend::report::Decision) -> String {
    match decision.effect.evidence() {
        Some(_) => "rejects".to_string(),
        None => format!("{:?}", decision.effect).to_lowercase(),
    }
}

/// `docs/decisions.md`, rendered from the table.
fn render() -> String {
    let mut out = String::new();
    out.push_str(
        "# Decisions\n\
         \n\
         <!-- Generated from `ses_presend::report::DECISIONS` (src/texts/) by tests/docs.rs. Do not \
         edit: change the table, then run `UPDATE_DOCS=1 cargo test --all-features --test \
         docs`. -->\n\
         \n\
         Where SES's behaviour is not known for certain, ses-presend answers by a choice made \
         once, in one table: `ses_presend::report::DECISIONS`. Every answer that rests on such a choice \
         is marked `decided` and names its row (see [certainty.md](certainty.md)); \
         `--trust documented` turns the rejecting ones into advice.\n\
         \n\
         The rule the table keeps: **where SES's behaviour is unknown, never reject what SES may \
         accept.** A row rejects only when a source shows SES, or the JavaMail parser it runs, \
         rejecting the condition, and the row names that source. The others only advise, or \
         only choose words and order.\n\
         \n",
    );
    let _ = writeln!(out, "{} decisions.\n", DECISIONS.len());
    out.push_str("| id | effect |\n|---|---|\n");
    for d in DECISIONS {
        let _ = writeln!(out, "| [`{0}`](#{0}) | {1} |", d.id, effect_name(d));
    }
    for d in DECISIONS {
        let _ = write!(
            out,
            "\n## `{}`\n\n**Situation.** {}\n\n**Choice.** {}\n\n**Effect.** {}\n",
            d.id,
            d.situation,
            d.choice,
            effect(d)
        );
    }
    out
}

#[test]
fn decisions_md_is_generated_from_the_table() {
    let path = root().join("docs/decisions.md");
    let rendered = render();
    if std::env::var_os("UPDATE_DOCS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &rendered).expect("write docs/decisions.md");
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == rendered,
        "docs/decisions.md is not what DECISIONS renders to: run \
         `UPDATE_DOCS=1 cargo test --all-features --test docs` and commit the result"
    );
}

#[test]
fn every_decision_has_its_own_section() {
    let rendered = render();
    for d in DECISIONS {
        assert!(
            !d.id.is_empty() && !d.id.contains(char::is_whitespace),
            "{:?}",
            d.id
        );
        assert_eq!(
            rendered.matches(&format!("\n## `{}`\n", d.id)).count(),
            1,
            "{}",
            d.id
        );
    }
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Every comment cites a file of the repository or a URL, never the specification the project
/// was built from.
#[test]
fn nothing_points_outside_the_repository() {
    // Spelled in pieces so that this file does not name them itself.
    let outside = [
        concat!("ses-behaviour", ".md"),
        concat!("query-errors", ".md"),
        concat!("smtp-interface", ".md"),
        concat!("templates", ".md"),
        concat!("design", ".md"),
        concat!("..", "/shared"),
    ];
    let mut files = vec![root().join("README.md")];
    for dir in ["src", "tests", "docs", "benches", "examples", ".ci"] {
        files_under(&root().join(dir), &mut files);
    }
    let mut found = Vec::new();
    for file in &files {
        let Ok(bytes) = std::fs::read(file) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        for (n, line) in text.lines().enumerate() {
            for name in outside {
                if line.contains(name) {
                    let shown = file.strip_prefix(root()).unwrap_or(file);
                    found.push(format!("{}:{}: {name}", shown.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "these lines point at files outside the repository; cite docs/ instead:\n{}",
        found.join("\n")
    );
}
