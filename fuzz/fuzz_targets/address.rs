//! Fuzzes the address check. On any text: no panic; the same verdict every time;
//! `check_address` agrees with `parse_address`; `report_address` agrees with both on whether
//! there is an error and on the first one; an accepted mailbox's parts come from the input
//! and, written back as `local@domain` (in angle brackets if it was), re-parse to the same
//! parts; a fix, when `to_ses_address` offers one, is accepted by SES and fixing it again
//! changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ses_presend::{check_address, parse_address, report_address, to_ses_address, Address, Api};

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

    let report = report_address(input);
    assert_eq!(
        report.first_error(),
        first.as_ref().err(),
        "report_address disagrees"
    );

    for mailbox in first.iter().flat_map(Address::mailboxes) {
        let _ = mailbox.display_name_unquoted();
        let _ = mailbox.display_name_decoded();
        let Some(domain) = mailbox.domain else {
            continue;
        };
        assert!(
            input.contains(mailbox.local_part),
            "local part not in input"
        );
        assert!(input.contains(domain), "domain not in input");
        let spec = mailbox.addr_spec();
        assert!(input.contains(&spec), "addr-spec not in input");
    }
    // A mailbox written back re-parses to the same parts. Not a group member: SES checks those
    // leniently, so `g: "a"b@c.com;` passes where `"a"b@c.com` alone does not. Not an empty
    // local part: SES accepts the route-only `<@a.example,@b.example>`.
    let written_back = match &first {
        Ok(Address::Mailbox(m)) if !m.local_part.is_empty() => Some(m),
        _ => None,
    };
    if let Some(mailbox) = written_back {
        // In angle brackets when it was written in them: a domain literal may hold `"` or `<`
        // in one form and `[` may be left open in the other.
        let spec = match mailbox.angle_brackets {
            true => format!("<{}>", mailbox.addr_spec()),
            false => mailbox.addr_spec(),
        };
        let again = parse_address(&spec).expect("an accepted addr-spec written back is accepted");
        let again = again.mailbox().expect("one mailbox");
        assert_eq!(
            (again.local_part, again.domain),
            (mailbox.local_part, mailbox.domain)
        );
    }

    if let Ok(fixed) = to_ses_address(input) {
        let fixed_report = report_address(&fixed);
        assert!(fixed_report.errors.is_empty(), "fix {fixed:?} is rejected");
        assert_eq!(
            to_ses_address(&fixed).as_ref(),
            Ok(&fixed),
            "fixing {fixed:?} again changes it"
        );
    }
});
