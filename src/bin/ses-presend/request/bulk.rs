//! `ses-presend request --operation send-bulk-templated-email | send-bulk-email`: the error SES
//! answers the whole request with, or each destination's status (docs/cli.md).

use super::{
    account_and_quota, context_of, dropped_after_acceptance, invalid_data, read_input,
    templates_of, Args, Format,
};
use crate::{Failure, Outcome};
use ses_presend::request::bulk::{report_bulk, BulkReport, BulkRequest, EntryResult};
use ses_presend::{render, Api, Report};
use std::io::{self, Write};

/// Checks a bulk send of `api` and writes the answer: rejected when the request or any
/// destination is.
pub(super) fn run(args: &Args, api: Api) -> Result<Outcome, Failure> {
    let (account, quota) = account_and_quota(args)?;
    let store = templates_of(args, account.as_ref())?;
    let context = context_of(account.as_ref(), quota.as_ref(), store.as_ref());
    let text = read_input(&args.file, "reading the request")?;
    let request = BulkRequest::from_json(api, &text)
        .map_err(|e| invalid_data("reading the request", &args.file, e.to_string()))?;
    let strictness = crate::strictness(false, args.trust);
    let mut report = report_bulk(&request, &context);
    report.request = report.request.under(strictness);
    report.entries = report
        .entries
        .into_iter()
        .map(|r| r.under(strictness))
        .collect();
    let answer = report.answer();
    let lost = report.entries.iter().any(dropped_after_acceptance);
    let outcome = match &answer {
        Ok(entries) if !lost && entries.iter().all(|e| e.error.is_none()) => Outcome::Accepted,
        _ => Outcome::Rejected,
    };
    let list = match api {
        Api::V2 => "BulkEmailEntries",
        _ => "Destinations",
    };
    let out = match args.format {
        Format::Json => json_answer(&report, &answer, api),
        Format::Xml => match &answer {
            Err(err) => render::v1_xml(err, &render::request_id()),
            Ok(entries) => entries_text(entries, api, list),
        },
        Format::Text | Format::Smtp => text_answer(&report, &answer, api, list),
    };
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(Failure::writing)?;
    Ok(outcome)
}

/// A destination's status, and SES's error when it is not sent: `Success`, or
/// `InvalidParameterValue: Missing domain`.
fn status_text(entry: &EntryResult, api: Api) -> String {
    let mut out = entry.status.name(api).to_string();
    if let Some(error) = &entry.error {
        out.push_str(": ");
        out.push_str(&error.message.replace(['\r', '\n'], " "));
    }
    out
}

/// One line per destination: `Destinations[0]: Success`.
fn entries_text(entries: &[EntryResult], api: Api, list: &str) -> String {
    let mut out = String::new();
    for (i, entry) in entries.iter().enumerate() {
        out.push_str(&format!("{list}[{i}]: {}\n", status_text(entry, api)));
    }
    out
}

/// The request's answer as `request` writes it, then, when SES would answer per destination,
/// each destination's status and its findings (fields under `Destinations[i].`).
fn text_answer(
    report: &BulkReport,
    answer: &Result<Vec<EntryResult>, ses_presend::SesError>,
    api: Api,
    list: &str,
) -> String {
    let mut out = String::new();
    crate::message::push_report(&mut out, &report.request, api);
    for (i, entry_report) in report.entries.iter().enumerate() {
        let status = match answer {
            Ok(entries) => status_text(&entries[i], api),
            // SES answers the request's error: the destinations get no status.
            Err(_) => "not sent (the request is refused)".to_string(),
        };
        let empty = entry_report.errors.is_empty() && entry_report.advisories.is_empty();
        if answer.is_err() && empty {
            continue;
        }
        out.push_str(&format!("{list}[{i}]: {status}\n"));
        let mut lines = String::new();
        crate::message::push_report(&mut lines, &prefixed(entry_report, list, i), api);
        // The first line repeats the status; the findings follow it.
        if let Some((_, findings)) = lines.split_once('\n') {
            out.push_str(findings);
        }
    }
    out
}

/// A destination's report with its fields under `Destinations[i].`.
fn prefixed(report: &Report, list: &str, i: usize) -> Report {
    let mut report = report.clone();
    for f in report.errors.iter_mut().chain(report.advisories.iter_mut()) {
        f.field = format!("{list}[{i}].{}", f.field);
    }
    report
}

/// The whole answer as one JSON document: `api`, `operation`, `ok`, the request's `code`,
/// `http_status`, `message`, `errors` and `advisories`, and `entries`, each with its `status`,
/// `error`, `errors` and `advisories`.
fn json_answer(
    report: &BulkReport,
    answer: &Result<Vec<EntryResult>, ses_presend::SesError>,
    api: Api,
) -> String {
    use serde_json::{json, Value};
    let first = report.request.first_error();
    let entries: Vec<Value> = report
        .entries
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let result = answer.as_ref().ok().map(|entries| &entries[i]);
            json!({
                "index": i,
                "status": result.map(|e| e.status.name(api)),
                "error": result.and_then(|e| e.error.as_ref()).map(|e| e.message.to_string()),
                "errors": r.errors,
                "advisories": r.advisories,
            })
        })
        .collect();
    let ok = matches!(answer, Ok(entries) if entries.iter().all(|e| e.error.is_none()));
    let document = json!({
        "api": api.as_str(),
        "operation": match api {
            Api::V2 => "send-bulk-email",
            _ => "send-bulk-templated-email",
        },
        "ok": ok,
        "code": first.map(|e| e.code.name_on(api)),
        "http_status": first.map(|e| e.code.http_status_on(api)),
        "message": first.map(|e| e.message.to_string()),
        "errors": report.request.errors,
        "advisories": report.request.advisories,
        "entries": entries,
    });
    let mut out = serde_json::to_string_pretty(&document).expect("the answer always serializes");
    out.push('\n');
    out
}
