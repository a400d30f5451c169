//! v1 `SendBulkTemplatedEmail` over the Query API: its parameters read into the library's bulk
//! model ([`crate::request::bulk`]), the request's checks, each destination's status, and the
//! success body with the `Status` member list (docs/query.md#sendbulktemplatedemail).

use super::send::{index, COMMON};
use super::{QueryOptions, QueryProblem, Run};
use crate::render::{self, HttpResponse};
use crate::report::{Finding, Flow};
use crate::request::bulk::{
    check_bulk, report_bulk, BulkEmailDestination, BulkRequest, EntryResult,
    SendBulkTemplatedEmailRequest,
};
use crate::request::{Destination, MessageTag};
use std::collections::{BTreeMap, HashSet};
use std::time::SystemTime;

/// A list of the request: `None` when not sent, else its entries by index (an empty list is
/// sent as the list's name with an empty value).
type Sent<T> = Option<BTreeMap<u32, T>>;

/// One destination's parameters (`Destinations.member.N.…`).
#[derive(Debug, Default)]
struct Dest {
    to: Sent<String>,
    cc: Sent<String>,
    bcc: Sent<String>,
    tags: Sent<MessageTag>,
    data: Option<String>,
}

/// The request's parameters, gathered by index.
#[derive(Debug, Default)]
struct Gathered {
    scalars: BTreeMap<&'static str, String>,
    reply_to: Sent<String>,
    default_tags: Sent<MessageTag>,
    destinations: Sent<Dest>,
}

/// The scalar members, by their parameter names.
const SCALARS: [&str; 8] = [
    "Source",
    "SourceArn",
    "ReturnPath",
    "ReturnPathArn",
    "ConfigurationSetName",
    "Template",
    "TemplateArn",
    "DefaultTemplateData",
];

/// Puts a list entry (`rest` is what follows the list's name) into `list`: `""` with an empty
/// value is the empty list, `.member.N` an entry. `false` for anything else.
fn address(list: &mut Sent<String>, rest: &str, value: &str) -> bool {
    if rest.is_empty() && value.is_empty() {
        list.get_or_insert_with(BTreeMap::new);
        return true;
    }
    let Some(n) = rest.strip_prefix(".member.").and_then(index) else {
        return false;
    };
    list.get_or_insert_with(BTreeMap::new)
        .entry(n)
        .or_insert_with(|| value.to_string());
    true
}

/// A tag list's parameter: `""` (empty list), `.member.N.Name` or `.member.N.Value`.
fn tag(list: &mut Sent<MessageTag>, rest: &str, value: &str) -> bool {
    if rest.is_empty() && value.is_empty() {
        list.get_or_insert_with(BTreeMap::new);
        return true;
    }
    let Some((n, member)) = rest
        .strip_prefix(".member.")
        .and_then(|r| r.split_once('.'))
    else {
        return false;
    };
    let Some(n) = index(n) else {
        return false;
    };
    let tag = list.get_or_insert_with(BTreeMap::new).entry(n).or_default();
    let slot = match member {
        "Name" => &mut tag.name,
        "Value" => &mut tag.value,
        _ => return false,
    };
    slot.get_or_insert_with(|| value.to_string());
    true
}

/// A destination's parameter (`rest` follows `Destinations.member.N`).
fn destination(dest: &mut Dest, rest: &str, value: &str) -> bool {
    if rest == ".ReplacementTemplateData" {
        dest.data.get_or_insert_with(|| value.to_string());
        return true;
    }
    if let Some(rest) = rest.strip_prefix(".ReplacementTags") {
        return tag(&mut dest.tags, rest, value);
    }
    let Some(rest) = rest.strip_prefix(".Destination.") else {
        return false;
    };
    for (name, list) in [
        ("ToAddresses", &mut dest.to),
        ("CcAddresses", &mut dest.cc),
        ("BccAddresses", &mut dest.bcc),
    ] {
        if let Some(rest) = rest.strip_prefix(name) {
            return address(list, rest, value);
        }
    }
    false
}

impl Gathered {
    /// Takes one parameter; `false` when SendBulkTemplatedEmail has no such parameter.
    fn take(&mut self, name: &str, value: &str) -> bool {
        if let Some(&scalar) = SCALARS.iter().find(|&&s| s == name) {
            self.scalars
                .entry(scalar)
                .or_insert_with(|| value.to_string());
            return true;
        }
        if let Some(rest) = name.strip_prefix("ReplyToAddresses") {
            return address(&mut self.reply_to, rest, value);
        }
        if let Some(rest) = name.strip_prefix("DefaultTags") {
            return tag(&mut self.default_tags, rest, value);
        }
        let Some(rest) = name.strip_prefix("Destinations") else {
            return false;
        };
        if rest.is_empty() && value.is_empty() {
            self.destinations.get_or_insert_with(BTreeMap::new);
            return true;
        }
        let Some((n, rest)) = rest.strip_prefix(".member.").map(|r| match r.find('.') {
            Some(dot) => r.split_at(dot),
            None => (r, ""),
        }) else {
            return false;
        };
        let Some(n) = index(n) else {
            return false;
        };
        let destinations = self.destinations.get_or_insert_with(BTreeMap::new);
        destination(destinations.entry(n).or_default(), rest, value)
    }

    /// The library's model of the request.
    fn model(self) -> SendBulkTemplatedEmailRequest {
        let list = |l: Sent<String>| l.map(|m| m.into_values().collect()).unwrap_or_default();
        let tags = |l: Sent<MessageTag>| l.map(|m| m.into_values().collect()).unwrap_or_default();
        let mut scalars = self.scalars;
        let mut scalar = |name: &str| scalars.remove(name);
        SendBulkTemplatedEmailRequest {
            source: scalar("Source"),
            source_arn: scalar("SourceArn"),
            reply_to_addresses: list(self.reply_to),
            return_path: scalar("ReturnPath"),
            return_path_arn: scalar("ReturnPathArn"),
            configuration_set_name: scalar("ConfigurationSetName"),
            default_tags: tags(self.default_tags),
            template: scalar("Template"),
            template_arn: scalar("TemplateArn"),
            default_template_data: scalar("DefaultTemplateData"),
            destinations: self.destinations.map(|m| {
                m.into_values()
                    .map(|d| {
                        let sent = d.to.is_some() || d.cc.is_some() || d.bcc.is_some();
                        BulkEmailDestination {
                            destination: sent.then(|| Destination {
                                to_addresses: list(d.to),
                                cc_addresses: list(d.cc),
                                bcc_addresses: list(d.bcc),
                            }),
                            replacement_tags: tags(d.tags),
                            replacement_template_data: d.data,
                        }
                    })
                    .collect()
            }),
        }
    }
}

/// Reads SendBulkTemplatedEmail's parameters: the model, and the names it does not have (or
/// whose list index is malformed), in request order. A name sent twice keeps its first value.
pub(crate) fn read(params: &[(String, String)]) -> (SendBulkTemplatedEmailRequest, Vec<&str>) {
    let mut gathered = Gathered::default();
    let mut unknown = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (name, value) in params {
        if COMMON.contains(&name.as_str()) || !seen.insert(name.as_str()) {
            continue;
        }
        if !gathered.take(name, value) {
            unknown.push(name.as_str());
        }
    }
    (gathered.model(), unknown)
}

/// Step 5 for SendBulkTemplatedEmail: every parameter name, then the library's bulk checks.
/// In first-error mode the request's error stops the run, else each destination's result is
/// kept for the success body (a quota is taken by each accepted destination); in a report the
/// request's findings are the report's, and a destination's errors are advisories under
/// `Destinations[i]`, since SES answers them in the `Status` list, not as the request's error.
pub(super) fn check(list: &[(String, String)], options: &QueryOptions<'_>, run: &mut Run) -> Flow {
    let (model, unknown) = read(list);
    run.unknown_parameters(unknown)?;
    let request = BulkRequest::V1(model);
    let context = &options.context;
    if !run.out.advising() {
        return match check_bulk(&request, context) {
            Ok(entries) => {
                run.statuses = Some(entries);
                Ok(())
            }
            // The same checks in the same order: the report's first error is this one.
            Err(error) => {
                let report = report_bulk(&request, context).request;
                match report.errors.is_empty() {
                    false => run.out.absorb("", report),
                    true => run.push("Destinations", QueryProblem::UnknownParameter, error),
                }
            }
        };
    }
    let report = report_bulk(&request, context);
    let request_ok = report.request.errors.is_empty();
    run.out.absorb("", report.request)?;
    for (i, entry) in report.entries.into_iter().enumerate() {
        let prefix = format!("Destinations[{i}]");
        for f in entry.errors.into_iter().chain(entry.advisories) {
            let field = match f.field.is_empty() {
                true => prefix.clone(),
                false => format!("{prefix}.{}", f.field),
            };
            let message = match (&f.error, request_ok) {
                (Some(e), true) => format!(
                    "{} (this destination's Status: {})",
                    f.message,
                    crate::request::bulk::BulkStatus::of_error(e).v1_name()
                ),
                _ => f.message,
            };
            let mut finding = Finding::new(field, f.reason, message);
            finding.certainty = f.certainty;
            finding.decision = f.decision;
            run.out.advise(|| finding);
        }
    }
    Ok(())
}

/// SES's success body for SendBulkTemplatedEmail: the `Status` list, one member per
/// destination with its `Status`, and its `Error` or a made-up `MessageId` (botocore's `ses`
/// model: `BulkEmailDestinationStatus` is `Status`, `Error`, `MessageId`).
pub(crate) fn success_response(
    entries: &[EntryResult],
    request_id: &str,
    now: SystemTime,
) -> HttpResponse {
    let name = "SendBulkTemplatedEmail";
    let mut members = String::new();
    for entry in entries {
        members.push_str("<member><Status>");
        members.push_str(entry.status.v1_name());
        members.push_str("</Status>");
        match &entry.error {
            Some(error) => {
                members.push_str("<Error>");
                members.push_str(&render::xml_escape(&error.message));
                members.push_str("</Error>");
            }
            None => {
                members.push_str("<MessageId>");
                members.push_str(&render::message_id(now));
                members.push_str("</MessageId>");
            }
        }
        members.push_str("</member>");
    }
    let result = format!("<{name}Result><Status>{members}</Status></{name}Result>");
    super::responses::xml_success(name, &result, request_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|&(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn reads_nested_lists_by_index() {
        let list = params(&[
            ("Source", "ops@example.com"),
            (
                "Destinations.member.2.Destination.ToAddresses.member.1",
                "b@example.com",
            ),
            (
                "Destinations.member.1.Destination.ToAddresses.member.2",
                "a2@example.com",
            ),
            (
                "Destinations.member.1.Destination.ToAddresses.member.1",
                "a1@example.com",
            ),
            ("Destinations.member.1.Destination.CcAddresses", ""),
            ("Destinations.member.1.ReplacementTags.member.1.Name", "n"),
            ("Destinations.member.1.ReplacementTags.member.1.Value", "v"),
            ("Destinations.member.1.ReplacementTemplateData", "{}"),
            ("DefaultTags.member.1.Name", "k"),
            ("ReplyToAddresses.member.1", "r@example.com"),
            ("Destinations.member.1.Destination.Bogus", "x"),
            ("Destinations.member.01.ReplacementTemplateData", "{}"),
        ]);
        let (model, unknown) = read(&list);
        assert_eq!(
            unknown,
            [
                "Destinations.member.1.Destination.Bogus",
                "Destinations.member.01.ReplacementTemplateData"
            ]
        );
        let d = model.destinations.unwrap();
        assert_eq!(d.len(), 2);
        let first = d[0].destination.as_ref().unwrap();
        assert_eq!(first.to_addresses, ["a1@example.com", "a2@example.com"]);
        assert!(first.cc_addresses.is_empty());
        assert_eq!(d[0].replacement_tags[0].value.as_deref(), Some("v"));
        assert_eq!(d[0].replacement_template_data.as_deref(), Some("{}"));
        assert_eq!(d[1].replacement_template_data, None);
        assert_eq!(model.default_tags[0].value, None);
        assert_eq!(model.reply_to_addresses, ["r@example.com"]);
        assert_eq!(model.template, None);
    }

    #[test]
    fn an_empty_list_is_sent_but_empty() {
        let empty = params(&[("Destinations", "")]);
        let (model, unknown) = read(&empty);
        assert!(unknown.is_empty());
        assert_eq!(model.destinations, Some(vec![]));
        let bad = params(&[("Destinations", "x")]);
        let (_, unknown) = read(&bad);
        assert_eq!(unknown, ["Destinations"]);
    }
}
