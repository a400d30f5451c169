//! Every row of `tests/data/ses-address-verdicts.tsv` (the project's labelled corpus of SES's
//! address verdicts, ses-behaviour.md §9) through `parse_address`.

use ses_presend::parse_address;

fn verdict(input: &str) -> String {
    match parse_address(input) {
        Ok(_) => "OK".to_string(),
        Err(e) => e.message.into_owned(),
    }
}

#[test]
fn ses_address_verdicts() {
    let data = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/ses-address-verdicts.tsv"
    ))
    .unwrap();
    let mut rows = 0;
    let mut failures = Vec::new();
    for line in data.split('\n').skip(1).filter(|l| !l.is_empty()) {
        let mut cols = line.splitn(3, '\t');
        let (source, input, expected) = (
            cols.next().unwrap(),
            cols.next().unwrap(),
            cols.next().unwrap(),
        );
        rows += 1;
        let got = verdict(input);
        if !expected.split('|').any(|e| e == got) {
            failures.push(format!(
                "{source}\t{input:?}\texpected {expected}\tgot {got}"
            ));
        }
    }
    assert_eq!(rows, 5366, "the corpus has 5 366 rows");
    assert!(
        failures.is_empty(),
        "{} of {rows} rows differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
