//! Fuzzes the v1 Query API check. The bytes are read as an HTTP request: a first line
//! `METHOD PATH?QUERY`, header lines `Name: value`, an empty line, then the body (the head must
//! be UTF-8; the body is any bytes). It is checked with the clock fixed, without an account and
//! with one. On any bytes: no panic; `check_query` and `report_query` give the same answer
//! every time and agree on whether there is an error and on the first; the report serializes
//! to JSON; `answer`'s status is 200 exactly when the check accepts, and its body is
//! well-formed XML whose `<Message>`, when it has one, reads back as the error's message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ses_presend::Context;
use ses_presend::query::{answer, check_query, report_query, HttpRequest, QueryOptions};
use ses_presend::Account;
use ses_presend::account::Subscription;
use ses_presend_fuzz::{check_and_report_agree, same_twice, xml, xml_representable};
use std::time::{Duration, UNIX_EPOCH};

fuzz_target!(|data: &[u8]| {
    let split = data.windows(2).position(|w| w == b"\n\n");
    let (head, body) = match split {
        Some(at) => (&data[..at], &data[at + 2..]),
        None => (data, &b""[..]),
    };
    let Ok(head) = std::str::from_utf8(head) else {
        return;
    };
    let mut lines = head.split('\n');
    let first = lines.next().unwrap_or_default();
    let (method, target) = first.split_once(' ').unwrap_or((first, "/"));
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let headers = lines
        .map(|l| match l.split_once(':') {
            Some((name, value)) => (name, value.trim_start_matches(' ')),
            None => (l, ""),
        })
        .collect();
    let req = HttpRequest {
        method,
        path,
        query,
        headers,
        body,
    };

    // 2018-11-07T00:55:54Z, the clock of the seed corpus's signatures.
    let now = UNIX_EPOCH + Duration::from_secs(1_541_552_154);
    let account = Account::new()
        .with_region("us-east-1")
        .with_verified_identities(["example.com"])
        .with_templates(["welcome"])
        .with_access_keys(["AKIDEXAMPLE"])
        .with_subscription(Subscription::Subscribed);
    for options in [
        QueryOptions::new().context(Context::new().with_time(now)),
        QueryOptions::new().context(Context::new().with_time(now).with_account(&account)),
    ] {
        let checked = same_twice("check_query", || check_query(&req, &options));
        let report = same_twice("report_query", || report_query(&req, &options));
        let verdict = checked.as_ref().map(drop).map_err(Clone::clone);
        check_and_report_agree("query", &verdict, &report);

        let response = answer(&req, &options);
        assert_eq!(
            response.status == 200,
            checked.is_ok(),
            "answer's status {} against {checked:?}",
            response.status
        );
        let doc = xml::parse(&response.body)
            .unwrap_or_else(|e| panic!("answer not well-formed XML ({e}): {}", response.body));
        if let (Err(err), Some(message)) = (&checked, doc.text_of("Message")) {
            assert_eq!(
                message,
                xml_representable(&err.message),
                "{}",
                response.body
            );
        }
    }
});
