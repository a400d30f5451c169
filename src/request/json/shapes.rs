//! The input shapes of the three operations, member for member as the service models list
//! them (botocore's `ses` and `sesv2` models).

/// A request shape, as the service model describes it.
#[derive(Debug, Clone, Copy)]
pub(super) enum Shape {
    /// A string.
    Str,
    /// A blob, carried in the JSON as its base64 text.
    Blob,
    /// A string from a fixed set (the models hold these as Rust enums).
    Enum(&'static [&'static str]),
    /// A list of one shape.
    List(&'static Shape),
    /// A structure: its members in the service model's order (the order botocore lists them
    /// in when it names an unknown one).
    Struct(&'static [(&'static str, Shape)]),
}

use Shape::{Blob, Enum, List, Str, Struct};

const ADDRESSES: Shape = List(&Str);
const DESTINATION: Shape = Struct(&[
    ("ToAddresses", ADDRESSES),
    ("CcAddresses", ADDRESSES),
    ("BccAddresses", ADDRESSES),
]);
const CONTENT: Shape = Struct(&[("Data", Str), ("Charset", Str)]);
const BODY: Shape = Struct(&[("Text", CONTENT), ("Html", CONTENT)]);
const NAME_VALUE: Shape = Struct(&[("Name", Str), ("Value", Str)]);
const TAGS: Shape = List(&NAME_VALUE);
const HEADERS: Shape = List(&NAME_VALUE);
const ATTACHMENTS: Shape = List(&Struct(&[
    ("RawContent", Blob),
    ("ContentDisposition", Enum(&["ATTACHMENT", "INLINE"])),
    ("FileName", Str),
    ("ContentDescription", Str),
    ("ContentId", Str),
    (
        "ContentTransferEncoding",
        Enum(&["BASE64", "QUOTED_PRINTABLE", "SEVEN_BIT"]),
    ),
    ("ContentType", Str),
]));

/// v1 `SendEmail`.
pub(super) const SEND_EMAIL: Shape = Struct(&[
    ("Source", Str),
    ("Destination", DESTINATION),
    ("Message", Struct(&[("Subject", CONTENT), ("Body", BODY)])),
    ("ReplyToAddresses", ADDRESSES),
    ("ReturnPath", Str),
    ("SourceArn", Str),
    ("ReturnPathArn", Str),
    ("Tags", TAGS),
    ("ConfigurationSetName", Str),
]);

/// v1 `SendTemplatedEmail`.
pub(super) const SEND_TEMPLATED_EMAIL: Shape = Struct(&[
    ("Source", Str),
    ("Destination", DESTINATION),
    ("ReplyToAddresses", ADDRESSES),
    ("ReturnPath", Str),
    ("SourceArn", Str),
    ("ReturnPathArn", Str),
    ("Tags", TAGS),
    ("ConfigurationSetName", Str),
    ("Template", Str),
    ("TemplateArn", Str),
    ("TemplateData", Str),
]);

/// v2 `SendEmail`.
pub(super) const V2_SEND_EMAIL: Shape = Struct(&[
    ("FromEmailAddress", Str),
    ("FromEmailAddressIdentityArn", Str),
    ("Destination", DESTINATION),
    ("ReplyToAddresses", ADDRESSES),
    ("FeedbackForwardingEmailAddress", Str),
    ("FeedbackForwardingEmailAddressIdentityArn", Str),
    (
        "Content",
        Struct(&[
            (
                "Simple",
                Struct(&[
                    ("Subject", CONTENT),
                    ("Body", BODY),
                    ("Headers", HEADERS),
                    ("Attachments", ATTACHMENTS),
                ]),
            ),
            ("Raw", Struct(&[("Data", Blob)])),
            (
                "Template",
                Struct(&[
                    ("TemplateName", Str),
                    ("TemplateArn", Str),
                    (
                        "TemplateContent",
                        Struct(&[("Subject", Str), ("Text", Str), ("Html", Str)]),
                    ),
                    ("TemplateData", Str),
                    ("Headers", HEADERS),
                    ("Attachments", ATTACHMENTS),
                ]),
            ),
        ]),
    ),
    ("EmailTags", TAGS),
    ("ConfigurationSetName", Str),
    ("EndpointId", Str),
    ("TenantName", Str),
    (
        "ListManagementOptions",
        Struct(&[("ContactListName", Str), ("TopicName", Str)]),
    ),
]);
