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

/// v2 `Template`: a stored or inline template, its data, headers and attachments.
const TEMPLATE: Shape = Struct(&[
    ("TemplateName", Str),
    ("TemplateArn", Str),
    (
        "TemplateContent",
        Struct(&[("Subject", Str), ("Text", Str), ("Html", Str)]),
    ),
    ("TemplateData", Str),
    ("Headers", HEADERS),
    ("Attachments", ATTACHMENTS),
]);

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
            ("Template", TEMPLATE),
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

/// v1 `SendRawEmail`.
pub(super) const SEND_RAW_EMAIL: Shape = Struct(&[
    ("Source", Str),
    ("Destinations", ADDRESSES),
    ("RawMessage", Struct(&[("Data", Blob)])),
    ("FromArn", Str),
    ("SourceArn", Str),
    ("ReturnPathArn", Str),
    ("Tags", TAGS),
    ("ConfigurationSetName", Str),
]);

/// v1 `SendBulkTemplatedEmail`.
pub(super) const SEND_BULK_TEMPLATED_EMAIL: Shape = Struct(&[
    ("Source", Str),
    ("SourceArn", Str),
    ("ReplyToAddresses", ADDRESSES),
    ("ReturnPath", Str),
    ("ReturnPathArn", Str),
    ("ConfigurationSetName", Str),
    ("DefaultTags", TAGS),
    ("Template", Str),
    ("TemplateArn", Str),
    ("DefaultTemplateData", Str),
    (
        "Destinations",
        List(&Struct(&[
            ("Destination", DESTINATION),
            ("ReplacementTags", TAGS),
            ("ReplacementTemplateData", Str),
        ])),
    ),
]);

/// v2 `SendBulkEmail`.
pub(super) const V2_SEND_BULK_EMAIL: Shape = Struct(&[
    ("FromEmailAddress", Str),
    ("FromEmailAddressIdentityArn", Str),
    ("ReplyToAddresses", ADDRESSES),
    ("FeedbackForwardingEmailAddress", Str),
    ("FeedbackForwardingEmailAddressIdentityArn", Str),
    ("DefaultEmailTags", TAGS),
    ("DefaultContent", Struct(&[("Template", TEMPLATE)])),
    (
        "BulkEmailEntries",
        List(&Struct(&[
            ("Destination", DESTINATION),
            ("ReplacementTags", TAGS),
            (
                "ReplacementEmailContent",
                Struct(&[(
                    "ReplacementTemplate",
                    Struct(&[("ReplacementTemplateData", Str)]),
                )]),
            ),
            ("ReplacementHeaders", HEADERS),
        ])),
    ),
    ("ConfigurationSetName", Str),
    ("EndpointId", Str),
    ("TenantName", Str),
]);
