//! Every row of `tests/data/ses-address-verdicts.tsv` (the project's labelled corpus of SES's
//! address verdicts, docs/corpora.md) through `parse_address`.

mod common;

use ses_presend::parse_address;

fn verdict(input: &str) -> String {
    match parse_address(input) {
        Ok(_) => "OK".to_string(),
        Err(e) => e.message.into_owned(),
    }
}

/// Where the corpus allows two texts (`A|B`, a non-ASCII domain), either passes here; the
/// decided one (docs/addresses.md rule 5) is pinned by `tests/cases/addresses.tsv`.
#[test]
fn ses_address_verdicts() {
    let rows = common::ses_verdict_rows();
    assert_eq!(rows.len(), 5366, "the corpus has 5 366 rows");
    let failures: Vec<String> = rows
        .iter()
        .filter(|(_, input, expected)| !expected.split('|').any(|e| e == verdict(input)))
        .map(|(source, input, expected)| {
            format!(
                "{source}\t{input:?}\texpected {expected}\tgot {}",
                verdict(input)
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} rows differ:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}
