//! Fuzzes the address check. On any text: no panic; the same verdict every time;
//! `check_address` agrees with `parse_address` on both APIs (but the text of an empty
//! entry); `report_address` has errors exactly when the address is rejected, and its first is `parse_address`'s; the error renders
//! to well-formed v1 XML, v2 JSON and one SMTP line; an accepted mailbox's parts come from the
//! input and, written back (`local@domain`, in angle brackets if it was, behind its display
//! name if it had one), re-parse to the same parts; the output of `to_ses_address` is accepted
//! with no advisories, and fixing it again changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ses_presend::address::check_address;
use ses_presend::address::{to_ses_address, Mailbox};
use ses_presend::{parse_address, report_address, Address, Api};
use ses_presend_fuzz::{check_and_report_agree, rendered_error_is_well_formed, same_twice};

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };

    let first = same_twice("parse_address", || parse_address(input));
    let verdict = first.as_ref().map(drop).map_err(Clone::clone);
    let v1 = same_twice("check_address v1", || check_address(input, Api::V1));
    // An empty entry gets SES's own text on both APIs, the parser's otherwise.
    if !input.is_empty() {
        assert_eq!(v1, verdict, "check_address disagrees with parse_address");
    }
    assert_eq!(
        v1.is_ok(),
        verdict.is_ok(),
        "check_address's verdict differs"
    );
    // v2 differs only in the message for an empty address.
    let v2 = check_address(input, Api::V2);
    assert_eq!(
        v2.is_ok(),
        verdict.is_ok(),
        "v2 and v1 disagree: {v2:?} {v1:?}"
    );
    if let Err(e) = &v2 {
        rendered_error_is_well_formed(e);
    }
    let report = same_twice("report_address", || report_address(input));
    check_and_report_agree("address", &verdict, &report);

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
        assert!(
            input.contains(&mailbox.addr_spec()),
            "addr-spec not in input"
        );
    }
    // A mailbox written back re-parses to the same parts. Not a group member: SES checks those
    // leniently, so `g: "a"b@c.com;` passes where `"a"b@c.com` alone does not. Not an empty
    // local part: SES accepts the route-only `<@a.example,@b.example>`. Not a domain holding
    // `<` or `>`: SES's domain check stops at the first `[`, and a route-addr in an unfinished
    // group makes the address run to the end of the list (`x@[y: z, <w>` is one mailbox whose
    // domain is `[y: z, <w>`), which no `< >` can hold.
    // Nor a domain that ends in an escaping `\` whose escaped character was trimmed away as
    // white space (`[x\` + NUL): written back, the `\` would escape the closing `>`.
    let ends_in_escape = |d: &str| d.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1;
    if let Ok(Address::Mailbox(m)) = &first {
        if !m.local_part.is_empty()
            && !m
                .domain
                .is_some_and(|d| d.contains(['<', '>']) || ends_in_escape(d))
        {
            written_back_reparses(m);
        }
    }

    if let Ok(fixed) = same_twice("to_ses_address", || to_ses_address(input)) {
        let fixed_report = report_address(&fixed);
        assert!(fixed_report.errors.is_empty(), "fix {fixed:?} is rejected");
        assert!(
            fixed_report.advisories.iter().all(|a| a.fix.is_none()),
            "fix {fixed:?} still has something to fix: {:?}",
            fixed_report.advisories
        );
        assert_eq!(
            to_ses_address(&fixed).as_ref(),
            Ok(&fixed),
            "fixing {fixed:?} again changes it"
        );
    }
});

fn written_back_reparses(mailbox: &Mailbox<'_>) {
    // In angle brackets when it was written in them: a domain literal may hold `"` or `<` in
    // one form and `[` may be left open in the other (anywhere in the domain: SES's check
    // stops at the first `[`, `c@x[d` passes). A literal left open is closed only by
    // `>`, so it goes in angle brackets too: an unfinished group's comma clears the
    // route-addr flag of the address before it (`Bob <c@[d>x: e, g` is `c@[d` with no
    // angle brackets, as JavaMail reads it), so the flag alone does not say how it was written.
    let open_literal = mailbox.domain.is_some_and(literal_left_open);
    let spec = match mailbox.angle_brackets || open_literal {
        true => format!("<{}>", mailbox.addr_spec()),
        false => mailbox.addr_spec(),
    };
    let again = parse_address(&spec).expect("an accepted addr-spec written back is accepted");
    let again = again.mailbox().expect("one mailbox");
    assert_eq!(
        (again.local_part, again.domain),
        (mailbox.local_part, mailbox.domain)
    );
    // With its display name in front: the same name and the same address. Not for a name
    // that starts with a domain literal: the literal starts no address, so it belongs to the
    // name only when something (a control character the name's trim then removed) came
    // before it (`\0[x] y <a@b.com>` names `[x] y`; `[x] y <a@b.com>` names `y`, as
    // tests/robustness.rs shows).
    let literal_first = mailbox.display_name.is_some_and(|n| n.starts_with('['));
    if let (Some(name), true, false) = (mailbox.display_name, mailbox.angle_brackets, literal_first)
    {
        let full = format!("{name} {spec}");
        let again = parse_address(&full)
            .unwrap_or_else(|e| panic!("{full:?}, written back, is rejected: {e}"));
        let again = again.mailbox().expect("one mailbox");
        assert_eq!(
            (again.display_name, again.local_part, again.domain),
            (Some(name), mailbox.local_part, mailbox.domain),
            "{full:?} reads back differently"
        );
    }
}

/// Whether a `[` of `domain` is left open as the tokenizer reads it (a backslash inside a
/// literal escapes the next byte).
fn literal_left_open(domain: &str) -> bool {
    let mut open = false;
    let mut bytes = domain.bytes();
    while let Some(c) = bytes.next() {
        match c {
            b'\\' if open => {
                bytes.next();
            }
            b'[' => open = true,
            b']' => open = false,
            _ => {}
        }
    }
    open
}
