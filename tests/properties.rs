//! Properties of the address check on any input: no panic, the same verdict every time, the
//! two entry points agreeing, parts that are pieces of the input, and linear work on hostile
//! input.

use proptest::prelude::*;
use ses_presend::address::check_address;
use ses_presend::{parse_address, Address, Api};

fn parts_are_in_input(input: &str, addr: &Address<'_>) {
    for m in addr.mailboxes() {
        assert!(input.contains(m.local_part));
        for part in [m.domain, m.display_name, m.comment, m.route]
            .into_iter()
            .flatten()
        {
            assert!(input.contains(part), "{part:?} not in {input:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn any_text_gets_one_stable_verdict(input in "\\PC{0,40}|[ -~]{0,60}|[\\x00-\\x7f]{0,30}") {
        let first = parse_address(&input);
        prop_assert_eq!(&first, &parse_address(&input));
        let checked = check_address(&input, Api::V1);
        // An empty entry gets SES's own text, `Invalid email address .`; the verdict is the same.
        match input.is_empty() {
            true => prop_assert!(checked.is_err() && first.is_err()),
            false => prop_assert_eq!(checked.as_ref().err(), first.as_ref().err()),
        }
        if let Ok(addr) = &first {
            parts_are_in_input(&input, addr);
        }
    }

    #[test]
    fn an_accepted_mailbox_written_back_is_accepted_with_the_same_parts(
        input in "[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]{1,12}@[a-zA-Z0-9.-]{1,12}"
    ) {
        if let Ok(Address::Mailbox(m)) = parse_address(&input) {
            let again = m.addr_spec();
            let reparsed = parse_address(&again).expect("written back");
            let m2 = reparsed.mailbox().unwrap();
            prop_assert_eq!((m.local_part, m.domain), (m2.local_part, m2.domain));
            let wrapped = format!("Name <{again}>");
            let m3 = parse_address(&wrapped).expect("in angle brackets");
            prop_assert_eq!(m3.mailbox().unwrap().addr_spec(), again);
        }
    }
}

/// Inputs built to make a careless parser quadratic, recursive or unbounded: each must get its
/// answer (the exact one) after a single pass.
#[test]
fn hostile_inputs_get_their_answer() {
    let mb = 1 << 20;
    let cases: Vec<(String, Result<(), &str>)> = vec![
        ("(".repeat(mb), Err("Missing ')'")),
        (")".repeat(mb), Err("Missing '('")),
        ("<".repeat(mb), Err("Missing '>'")),
        ("\"".repeat(mb + 1), Err("Missing '\"'")),
        ("[".repeat(mb), Err("Missing ']'")),
        (",".repeat(mb), Err("Illegal address")),
        ("a@b.com,".repeat(mb / 8), Err("Illegal address")),
        (
            format!("{}{}a@b.com", "(".repeat(mb / 2), ")".repeat(mb / 2)),
            Ok(()),
        ),
        (format!("g: {};", "a@b.com, ".repeat(mb / 9)), Ok(())),
        (format!("{}@example.com", "a".repeat(mb)), Ok(())),
        (
            format!("a@{}", "b.".repeat(mb / 2)),
            Err("Domain ends with dot"),
        ),
        ("\\".repeat(mb), Err("Missing final '@domain'")),
        (format!("{}a@b.com", "(x)".repeat(mb / 3)), Ok(())),
        (format!("{}a@b.com", "(a@b.com) ".repeat(mb / 10)), Ok(())),
        (
            "é".repeat(mb / 2),
            Err("Local address contains control or whitespace"),
        ),
        (format!("\"{}\"@x.com", "\\\"".repeat(mb / 2)), Ok(())),
    ];
    for (input, expected) in cases {
        let got = parse_address(&input).map(drop).map_err(|e| e.to_string());
        assert_eq!(
            got.as_ref().map_err(String::as_str),
            expected.as_ref().map_err(|e| *e),
            "input of {} bytes starting {:?}",
            input.len(),
            &input[..20]
        );
    }
}
