//! Fuzzes the address check: it must never panic, must give the same verdict every time,
//! `check_address` must agree with `parse_address`, and an accepted mailbox's parts must come
//! from the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ses_presend::{check_address, parse_address, Address, Api};

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };

    let first = parse_address(input);
    assert_eq!(first, parse_address(input), "verdict changed between runs");

    let checked = check_address(input, Api::V1);
    match (&first, &checked) {
        (Ok(_), Ok(())) => {}
        (Err(a), Err(b)) => assert_eq!(a, b, "check_address gave another error"),
        _ => panic!("parse_address says {first:?}, check_address says {checked:?}"),
    }

    // Every accepted mailbox (the one, or each group member) is borrowed from the input.
    for mailbox in first.iter().flat_map(Address::mailboxes) {
        if let Some(domain) = mailbox.domain {
            assert!(
                input.contains(mailbox.local_part),
                "local part not in input"
            );
            assert!(input.contains(domain), "domain not in input");
            assert!(
                input.contains(&mailbox.addr_spec()),
                "addr-spec not in input"
            );
        }
        let _ = mailbox.display_name_unquoted();
    }
});
