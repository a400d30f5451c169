//! The parameters of SendEmail, SendTemplatedEmail and SendRawEmail read into the request
//! models: every name checked against the operation's, lists gathered by index.

use super::Operation;
use crate::request::{
    Body, Content, Destination, Message, MessageTag, SendEmailRequest, SendTemplatedEmailRequest,
};
use std::collections::{BTreeMap, HashSet};

/// The largest list index (`member.N`) read (decided: `query-bounds`).
pub const MAX_MEMBER_INDEX: u32 = 1000;

/// The parameters every operation has: the operation and the signing.
pub(super) const COMMON: [&str; 16] = [
    "Action",
    "Version",
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Date",
    "X-Amz-SignedHeaders",
    "X-Amz-Signature",
    "X-Amz-Security-Token",
    "X-Amz-Expires",
    "AWSAccessKeyId",
    "Signature",
    "SignatureMethod",
    "SignatureVersion",
    "SecurityToken",
    "Timestamp",
    "Expires",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    To,
    Cc,
    Bcc,
    ReplyTo,
    Tags,
    Destinations,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Common,
    Source,
    ReturnPath,
    SourceArn,
    ReturnPathArn,
    FromArn,
    ConfigurationSetName,
    Template,
    TemplateArn,
    TemplateData,
    RawData,
    SubjectData,
    SubjectCharset,
    TextData,
    TextCharset,
    HtmlData,
    HtmlCharset,
    /// A list sent empty: the list's name with an empty value.
    EmptyList(List),
    Entry(List, u32),
    TagName(u32),
    TagValue(u32),
}

/// The parameters of SendEmail's Message: the subject's, then the body's.
const MESSAGE: [Slot; 6] = [
    Slot::SubjectData,
    Slot::SubjectCharset,
    Slot::TextData,
    Slot::TextCharset,
    Slot::HtmlData,
    Slot::HtmlCharset,
];

/// `N` of `member.N`: 1 to [`MAX_MEMBER_INDEX`], no leading zero.
pub(super) fn index(text: &str) -> Option<u32> {
    let valid = !text.is_empty()
        && text.len() <= 4
        && !text.starts_with('0')
        && text.bytes().all(|b| b.is_ascii_digit());
    let n: u32 = if valid {
        text.parse().ok()?
    } else {
        return None;
    };
    (n <= MAX_MEMBER_INDEX).then_some(n)
}

/// A list parameter: `<list>` (empty value only) or `<list>.member.N`.
fn list(name: &str, prefix: &str, list: List, value: &str) -> Option<Option<Slot>> {
    let rest = name.strip_prefix(prefix)?;
    if rest.is_empty() {
        return Some(value.is_empty().then_some(Slot::EmptyList(list)));
    }
    let n = rest.strip_prefix(".member.")?;
    Some(index(n).map(|n| Slot::Entry(list, n)))
}

/// What a parameter of `action` is, or `None` when the operation has no such parameter.
fn classify(action: Operation, name: &str, value: &str) -> Option<Slot> {
    if COMMON.contains(&name) {
        return Some(Slot::Common);
    }
    let raw = action == Operation::SendRawEmail;
    let simple = action == Operation::SendEmail;
    let templated = action == Operation::SendTemplatedEmail;
    let slot = match name {
        "Source" => Slot::Source,
        "SourceArn" => Slot::SourceArn,
        "ReturnPathArn" => Slot::ReturnPathArn,
        "ConfigurationSetName" => Slot::ConfigurationSetName,
        "ReturnPath" if !raw => Slot::ReturnPath,
        "FromArn" if raw => Slot::FromArn,
        "RawMessage.Data" if raw => Slot::RawData,
        "Template" if templated => Slot::Template,
        "TemplateArn" if templated => Slot::TemplateArn,
        "TemplateData" if templated => Slot::TemplateData,
        "Message.Subject.Data" if simple => Slot::SubjectData,
        "Message.Subject.Charset" if simple => Slot::SubjectCharset,
        "Message.Body.Text.Data" if simple => Slot::TextData,
        "Message.Body.Text.Charset" if simple => Slot::TextCharset,
        "Message.Body.Html.Data" if simple => Slot::HtmlData,
        "Message.Body.Html.Charset" if simple => Slot::HtmlCharset,
        _ => {
            let lists: &[(&str, List)] = if raw {
                &[("Destinations", List::Destinations), ("Tags", List::Tags)]
            } else {
                &[
                    ("Destination.ToAddresses", List::To),
                    ("Destination.CcAddresses", List::Cc),
                    ("Destination.BccAddresses", List::Bcc),
                    ("ReplyToAddresses", List::ReplyTo),
                    ("Tags", List::Tags),
                ]
            };
            for &(prefix, kind) in lists {
                if kind == List::Tags {
                    if let Some(rest) = name.strip_prefix("Tags.member.") {
                        let (n, member) = rest.split_once('.')?;
                        let n = index(n)?;
                        return match member {
                            "Name" => Some(Slot::TagName(n)),
                            "Value" => Some(Slot::TagValue(n)),
                            _ => None,
                        };
                    }
                }
                if let Some(slot) = list(name, prefix, kind, value) {
                    return slot;
                }
            }
            return None;
        }
    };
    Some(slot)
}

/// A send request's parameters, read.
#[derive(Debug, Default)]
pub(crate) struct Fields<'p> {
    scalars: Vec<(Slot, &'p str)>,
    lists: Vec<(List, Option<(u32, &'p str)>)>,
    tags: BTreeMap<u32, MessageTag>,
}

impl<'p> Fields<'p> {
    fn scalar(&self, slot: Slot) -> Option<&'p str> {
        self.scalars
            .iter()
            .find(|(s, _)| *s == slot)
            .map(|&(_, v)| v)
    }

    fn owned(&self, slot: Slot) -> Option<String> {
        self.scalar(slot).map(str::to_string)
    }

    fn has(&self, slots: &[Slot]) -> bool {
        self.scalars.iter().any(|(s, _)| slots.contains(s))
    }

    /// Whether any parameter of the list was sent (entries or the empty list).
    fn has_list(&self, kind: List) -> bool {
        self.lists.iter().any(|(k, _)| *k == kind)
    }

    /// The list's entries in index order.
    fn entries(&self, kind: List) -> Vec<&'p str> {
        let mut entries: Vec<(u32, &'p str)> = self
            .lists
            .iter()
            .filter(|(k, _)| *k == kind)
            .filter_map(|&(_, e)| e)
            .collect();
        entries.sort_by_key(|&(n, _)| n);
        entries.into_iter().map(|(_, v)| v).collect()
    }

    fn owned_entries(&self, kind: List) -> Vec<String> {
        self.entries(kind).into_iter().map(str::to_string).collect()
    }

    fn destination(&self) -> Option<Destination> {
        let sent = [List::To, List::Cc, List::Bcc]
            .iter()
            .any(|&k| self.has_list(k));
        sent.then(|| Destination {
            to_addresses: self.owned_entries(List::To),
            cc_addresses: self.owned_entries(List::Cc),
            bcc_addresses: self.owned_entries(List::Bcc),
        })
    }

    pub(crate) fn tags(&self) -> Vec<MessageTag> {
        self.tags.values().cloned().collect()
    }

    fn content(&self, data: Slot, charset: Slot) -> Option<Content> {
        self.has(&[data, charset]).then(|| Content {
            data: self.owned(data),
            charset: self.owned(charset),
        })
    }

    /// SendEmail's model.
    pub(crate) fn send_email(&self) -> SendEmailRequest {
        use Slot::*;
        let message = self.has(&MESSAGE).then(|| Message {
            subject: self.content(SubjectData, SubjectCharset),
            body: self.has(&MESSAGE[2..]).then(|| Body {
                text: self.content(TextData, TextCharset),
                html: self.content(HtmlData, HtmlCharset),
            }),
        });
        SendEmailRequest {
            source: self.owned(Source),
            destination: self.destination(),
            message,
            reply_to_addresses: self.owned_entries(List::ReplyTo),
            return_path: self.owned(ReturnPath),
            source_arn: self.owned(SourceArn),
            return_path_arn: self.owned(ReturnPathArn),
            tags: self.tags(),
            configuration_set_name: self.owned(ConfigurationSetName),
        }
    }

    /// SendTemplatedEmail's model.
    pub(crate) fn send_templated(&self) -> SendTemplatedEmailRequest {
        use Slot::*;
        SendTemplatedEmailRequest {
            source: self.owned(Source),
            destination: self.destination(),
            reply_to_addresses: self.owned_entries(List::ReplyTo),
            return_path: self.owned(ReturnPath),
            source_arn: self.owned(SourceArn),
            return_path_arn: self.owned(ReturnPathArn),
            tags: self.tags(),
            configuration_set_name: self.owned(ConfigurationSetName),
            template: self.owned(Template),
            template_arn: self.owned(TemplateArn),
            template_data: self.owned(TemplateData),
        }
    }

    /// SendRawEmail's Source.
    pub(crate) fn source(&self) -> Option<&'p str> {
        self.scalar(Slot::Source)
    }

    /// SendRawEmail's Destinations, in index order.
    pub(crate) fn destinations(&self) -> Vec<&'p str> {
        self.entries(List::Destinations)
    }

    /// SendRawEmail's ConfigurationSetName.
    pub(crate) fn configuration_set(&self) -> Option<&'p str> {
        self.scalar(Slot::ConfigurationSetName)
    }

    /// SendRawEmail's RawMessage.Data.
    pub(crate) fn raw_data(&self) -> Option<&'p str> {
        self.scalar(Slot::RawData)
    }
}

/// Reads the parameters of a send `action`: the fields, and the names the operation does not
/// have (or whose list index is malformed), in request order. A name sent twice keeps its
/// first value.
pub(crate) fn read<'p>(
    action: Operation,
    params: &'p [(String, String)],
) -> (Fields<'p>, Vec<&'p str>) {
    let mut fields = Fields::default();
    let mut unknown = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (name, value) in params {
        let Some(slot) = classify(action, name, value) else {
            unknown.push(name.as_str());
            continue;
        };
        if !seen.insert(name.as_str()) {
            continue;
        }
        let value = value.as_str();
        match slot {
            Slot::Common => {}
            Slot::EmptyList(kind) => fields.lists.push((kind, None)),
            Slot::Entry(kind, n) => fields.lists.push((kind, Some((n, value)))),
            Slot::TagName(n) => fields.tags.entry(n).or_default().name = Some(value.to_string()),
            Slot::TagValue(n) => fields.tags.entry(n).or_default().value = Some(value.to_string()),
            scalar => fields.scalars.push((scalar, value)),
        }
    }
    (fields, unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes() {
        assert_eq!(index("1"), Some(1));
        assert_eq!(index("1000"), Some(1000));
        for bad in ["", "0", "01", "x", "1001", "99999", "-1", "+1"] {
            assert_eq!(index(bad), None, "{bad}");
        }
    }
}
