//! Request models read from JSON (feature `serde`): the shipped examples, every member of the
//! AWS CLI's skeletons, unknown members and wrong values, `null`, builders against JSON, and
//! reports serialized. The other request tests are in `request.rs`.
#![cfg(feature = "serde")]

use ses_presend::error::Action;
use ses_presend::request::{ContentDisposition, MessageTag, TransferEncoding};
use ses_presend::request::{
    RequestKind, SendEmailRequest, SendTemplatedEmailRequest, V2SendEmailRequest,
};
use ses_presend::{check_email, report_email};

#[cfg(feature = "serde")]
mod json {
    use super::*;
    use ses_presend::request::{Request, SendRequest};
    use std::path::Path;

    fn example(name: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/requests")
            .join(name);
        std::fs::read_to_string(path).unwrap()
    }

    /// The shipped examples read, and SES would answer them as their names say.
    #[test]
    fn example_files() {
        let cases = [
            ("send-email.json", RequestKind::SendEmail, "OK"),
            (
                "send-templated-email.json",
                RequestKind::SendTemplatedEmail,
                "OK",
            ),
            ("sesv2-send-email.json", RequestKind::V2SendEmail, "OK"),
            (
                "too-many-recipients.json",
                RequestKind::SendEmail,
                "Recipient count exceeds 50.",
            ),
            (
                "sesv2-many-problems.json",
                RequestKind::V2SendEmail,
                "Invalid tag name <campaign name>: only alphanumeric ASCII characters, '_',  '-' \
                 are allowed.",
            ),
        ];
        for (file, kind, expected) in cases {
            let req = Request::from_json(kind, &example(file)).unwrap_or_else(|e| panic!("{e}"));
            let got = check_email(&req)
                .err()
                .map_or("OK".into(), |e| e.to_string());
            assert_eq!(got, expected, "{file}");
        }
    }

    /// Every member of the AWS CLI's skeletons reads, with AWS's names.
    #[test]
    fn every_member_reads() {
        let v1 = SendEmailRequest::from_json(
            r#"{
            "Source": "a@example.com",
            "Destination": {"ToAddresses": ["b@example.com"], "CcAddresses": [], "BccAddresses": []},
            "Message": {"Subject": {"Data": "s", "Charset": "UTF-8"},
                        "Body": {"Text": {"Data": "t", "Charset": "UTF-8"},
                                 "Html": {"Data": "<p>h</p>", "Charset": "UTF-8"}}},
            "ReplyToAddresses": ["c@example.com"],
            "ReturnPath": "d@example.com",
            "SourceArn": "arn:aws:ses:us-east-1:1:identity/example.com",
            "ReturnPathArn": "arn:aws:ses:us-east-1:1:identity/example.com",
            "Tags": [{"Name": "n", "Value": "v"}],
            "ConfigurationSetName": "set"
        }"#,
        )
        .unwrap();
        assert_eq!(
            v1.return_path_arn.as_deref(),
            Some("arn:aws:ses:us-east-1:1:identity/example.com")
        );
        assert_eq!(v1.tags, [MessageTag::new("n", "v")]);
        let t = SendTemplatedEmailRequest::from_json(
            r#"{
            "Source": "a@example.com", "Destination": {"ToAddresses": ["b@example.com"]},
            "ReplyToAddresses": [], "ReturnPath": "d@example.com", "SourceArn": "x", "ReturnPathArn": "y",
            "Tags": [], "ConfigurationSetName": "set", "Template": "t", "TemplateArn": "z", "TemplateData": "{}"
        }"#,
        )
        .unwrap();
        assert_eq!(t.template_arn.as_deref(), Some("z"));
        let v2 = V2SendEmailRequest::from_json(
            r#"{
            "FromEmailAddress": "a@example.com",
            "FromEmailAddressIdentityArn": "arn1",
            "Destination": {"ToAddresses": ["b@example.com"]},
            "ReplyToAddresses": ["c@example.com"],
            "FeedbackForwardingEmailAddress": "d@example.com",
            "FeedbackForwardingEmailAddressIdentityArn": "arn2",
            "Content": {
                "Simple": {"Subject": {"Data": "s", "Charset": "UTF-8"},
                           "Body": {"Text": {"Data": "t"}, "Html": {"Data": "h"}},
                           "Headers": [{"Name": "X-A", "Value": "1"}],
                           "Attachments": [{"RawContent": "aGk=", "ContentDisposition": "INLINE",
                                            "FileName": "a.png", "ContentDescription": "logo",
                                            "ContentId": "logo", "ContentTransferEncoding": "QUOTED_PRINTABLE",
                                            "ContentType": "image/png"}]},
                "Raw": {"Data": "aGk="},
                "Template": {"TemplateName": "t", "TemplateArn": "arn3", "TemplateData": "{}",
                             "TemplateContent": {"Subject": "s", "Text": "t", "Html": "h"},
                             "Headers": [], "Attachments": []}
            },
            "EmailTags": [{"Name": "n", "Value": "v"}],
            "ConfigurationSetName": "set",
            "ListManagementOptions": {"ContactListName": "list", "TopicName": "topic"},
            "EndpointId": "abc.123",
            "TenantName": "tenant"
        }"#,
        )
        .unwrap();
        let content = v2.content.as_ref().unwrap();
        let attachment = &content.simple.as_ref().unwrap().attachments[0];
        assert_eq!(
            attachment.content_disposition,
            Some(ContentDisposition::Inline)
        );
        assert_eq!(
            attachment.content_transfer_encoding,
            Some(TransferEncoding::QuotedPrintable)
        );
        assert_eq!(v2.endpoint_id.as_deref(), Some("abc.123"));
        assert_eq!(
            v2.list_management_options.unwrap().topic_name.as_deref(),
            Some("topic")
        );
    }

    /// An unknown member is an error that names it and points at it, at any depth.
    #[test]
    fn unknown_fields_are_named() {
        let cases = [
            (
                RequestKind::SendEmail,
                "{\n  \"Source\": \"a@b.com\",\n  \"From\": \"x\"\n}",
                "From",
                3,
            ),
            (
                RequestKind::SendEmail,
                "{\"Message\": {\n\"Subject\": {\"Data\": \"s\", \"Encoding\": \"x\"}}}",
                "Encoding",
                2,
            ),
            (
                RequestKind::SendEmail,
                "{\"Destination\": {\"To\": []}}",
                "To",
                1,
            ),
            (
                RequestKind::SendTemplatedEmail,
                "{\"Message\": {}}",
                "Message",
                1,
            ),
            (
                RequestKind::V2SendEmail,
                "{\"Content\": {\"Simple\": {\"Subject\": {\"Data\": \"s\"}},\n\n \"Html\": {}}}",
                "Html",
                3,
            ),
            (
                RequestKind::V2SendEmail,
                "{\"Source\": \"a@b.com\"}",
                "Source",
                1,
            ),
        ];
        for (kind, text, field, line) in cases {
            let err = Request::from_json(kind, text).unwrap_err();
            assert!(
                err.message().starts_with("Unknown parameter in ")
                    && err
                        .message()
                        .contains(&format!(": \"{field}\", must be one of: ")),
                "{text}: {err}"
            );
            assert_eq!(err.line(), line, "{text}");
            assert!(err
                .to_string()
                .starts_with(&format!("line {line}, column ")));
        }
    }

    /// Values of the wrong type, bad enum values and bad JSON are errors with a position.
    #[test]
    fn wrong_values() {
        let cases = [
            (
                "{\"Source\": 5}",
                "Invalid type for parameter Source, value: 5, type: <class 'int'>, valid types: \
                 <class 'str'>",
            ),
            (
                "{\"Tags\": {}}",
                "Invalid type for parameter Tags, value: {}, type: <class 'dict'>, valid types: \
                 <class 'list'>, <class 'tuple'>",
            ),
            ("{\"Source\": \"a\",}", "trailing comma"),
            ("", "EOF while parsing a value"),
            // Only an object is a request, though serde could read a struct from an array.
            ("[]", "Invalid type: expecting map, received <class 'list'>"),
            (
                "  [\"a@b.com\"]",
                "Invalid type: expecting map, received <class 'list'>",
            ),
            (
                "null",
                "Invalid type: expecting map, received <class 'NoneType'>",
            ),
            ("[1,", "EOF while parsing a value"),
        ];
        for (text, message) in cases {
            let err = SendEmailRequest::from_json(text).unwrap_err();
            assert!(err.message().contains(message), "{text}: {err}");
        }
        let err = V2SendEmailRequest::from_json(
            r#"{"Content": {"Simple": {"Attachments": [{"ContentDisposition": "attachment"}]}}}"#,
        )
        .unwrap_err();
        assert_eq!(
            err.message(),
            "Invalid value for parameter Content.Simple.Attachments[0].ContentDisposition, value: \
             attachment, valid values: ATTACHMENT, INLINE"
        );
    }

    /// JSON `null` is refused, as the AWS CLI refuses it; an absent member is read, and is
    /// SES's `Value null` when it is required.
    #[test]
    fn null_is_refused_absent_is_read() {
        let err = SendEmailRequest::from_json(
            r#"{"Destination": {"ToAddresses": null, "CcAddresses": ["a@b.com"]}}"#,
        )
        .unwrap_err();
        assert_eq!(
            err.message(),
            "Invalid type for parameter Destination.ToAddresses, value: None, type: \
             <class 'NoneType'>, valid types: <class 'list'>, <class 'tuple'>"
        );
        let req = SendEmailRequest::from_json(
            r#"{"Destination": {"CcAddresses": ["a@b.com"]},
                "Message": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}}"#,
        )
        .unwrap();
        assert_eq!(
            check_email(&req).unwrap_err().to_string(),
            "1 validation error detected: Value null at 'source' failed to satisfy constraint: \
             Member must not be null"
        );
    }

    /// Built requests equal the same request read from JSON.
    #[test]
    fn builders_match_json() {
        let built = SendEmailRequest::builder()
            .source("a@example.com")
            .to("b@example.com")
            .bcc("c@example.com")
            .reply_to("d@example.com")
            .return_path("e@example.com")
            .subject("s")
            .text("t")
            .html("h")
            .tag("n", "v")
            .configuration_set("set")
            .build();
        let read = SendEmailRequest::from_json(
            r#"{"Source": "a@example.com",
                "Destination": {"ToAddresses": ["b@example.com"], "BccAddresses": ["c@example.com"]},
                "ReplyToAddresses": ["d@example.com"], "ReturnPath": "e@example.com",
                "Message": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}, "Html": {"Data": "h"}}},
                "Tags": [{"Name": "n", "Value": "v"}], "ConfigurationSetName": "set"}"#,
        )
        .unwrap();
        assert_eq!(built, read);

        let built = V2SendEmailRequest::builder()
            .from("a@example.com")
            .to("b@example.com")
            .template("welcome", "{}")
            .header("X-A", "1")
            .tag("n", "v")
            .list_management("list", None)
            .build();
        let read = V2SendEmailRequest::from_json(
            r#"{"FromEmailAddress": "a@example.com", "Destination": {"ToAddresses": ["b@example.com"]},
                "Content": {"Template": {"TemplateName": "welcome", "TemplateData": "{}",
                                         "Headers": [{"Name": "X-A", "Value": "1"}]}},
                "EmailTags": [{"Name": "n", "Value": "v"}],
                "ListManagementOptions": {"ContactListName": "list"}}"#,
        )
        .unwrap();
        assert_eq!(built, read);
    }

    /// A report serializes with the stable reason names (feature `serde`).
    #[test]
    fn report_serializes() {
        let req = SendEmailRequest::builder()
            .source("a@example.com")
            .to("b@example.com")
            .subject("s")
            .text("t")
            .tag("a b", "c")
            .build();
        let json = serde_json::to_value(report_email(&req)).unwrap();
        assert_eq!(json["errors"][0]["field"], "Tags[0].Name");
        assert_eq!(json["errors"][0]["reason"], "tag-name");
        assert_eq!(json["errors"][0]["error"]["code"], "InvalidParameterValue");
    }

    #[test]
    fn request_kinds() {
        let req = Request::from_json(RequestKind::SendTemplatedEmail, "{}").unwrap();
        assert_eq!(req.kind(), RequestKind::SendTemplatedEmail);
        assert_eq!(req.action(), Action::SendTemplatedEmail);
    }
}
