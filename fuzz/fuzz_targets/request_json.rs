//! Fuzzes send requests read from JSON. The bytes are read as each of the three requests
//! (`SendEmail`, `SendTemplatedEmail`, v2 `SendEmail`). On any bytes: no panic; reading gives
//! the same answer every time, and an error names a line and column inside the text; a request
//! that reads gets the same verdict every time, without an account and with a sandbox account,
//! and `report_email` agrees with `check_email` on whether there is an error and on the first;
//! the report serializes to JSON and the error renders to well-formed XML and JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ses_presend::{check_email, report_email, Account, Context};
use ses_presend::account::AccountMode;
use ses_presend::request::{Request, RequestKind};
use ses_presend_fuzz::{check_and_report_agree, same_twice};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let account = Account::new()
        .with_mode(AccountMode::Sandbox)
        .with_verified_identities(["example.com", "ops@example.org"])
        .with_configuration_sets(["marketing"])
        .with_templates(["welcome"]);
    let sandbox = Context::new().with_account(&account);
    for kind in [
        RequestKind::SendEmail,
        RequestKind::SendTemplatedEmail,
        RequestKind::V2SendEmail,
    ] {
        let read = same_twice("from_json", || Request::from_json(kind, text));
        let req = match read {
            Ok(req) => req,
            Err(e) => {
                let lines = text.split('\n').count();
                assert!(e.line() <= lines, "{e}: line past the end ({lines} lines)");
                assert!(!e.message().is_empty());
                continue;
            }
        };
        let checked = same_twice("check_email", || check_email(&req));
        let report = same_twice("report_email", || report_email(&req));
        check_and_report_agree("request", &checked, &report);

        let checked = same_twice("sandbox check", || sandbox.check_email(&req));
        let report = same_twice("sandbox report", || sandbox.report_email(&req));
        check_and_report_agree("request with an account", &checked, &report);
    }
});
