//! The request shapes, field for field as AWS names them, so that the JSON of
//! `aws ses send-email --cli-input-json`, `aws ses send-templated-email --cli-input-json` and
//! `aws sesv2 send-email --cli-input-json` reads into them unchanged (feature `serde`).
//!
//! Every field SES may find absent is an `Option` or a list: a required member that is `None`
//! is what SES answers with a `ValidationError` for, so the model keeps it rather than refusing
//! to build. Blobs (`RawContent`, `Raw.Data`) are kept as the base64 text the JSON carries.
//! How JSON is read into them (types, unknown members, `null`) is `Request::from_json`'s.

#[cfg(feature = "serde")]
use serde::Deserialize;

/// Declares a request shape: the derives and serde attributes every shape shares (AWS's
/// PascalCase names, unknown fields refused, absent members empty). serde fills a shape only
/// from what `Request::from_json` has checked against the request's table (`json.rs`), so
/// these attributes are a second line, not the rules.
macro_rules! shape {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                pub $field:ident : $ty:ty,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        #[cfg_attr(feature = "serde", derive(Deserialize))]
        #[cfg_attr(
            feature = "serde",
            serde(rename_all = "PascalCase", deny_unknown_fields, default)
        )]
        pub struct $name {
            $(
                $(#[doc = $doc])*
                pub $field: $ty,
            )*
        }
    };
}
/// The bulk and SendRawEmail shapes are declared with it too.
pub(super) use shape;

shape! {
    /// A piece of text with its character set: `{"Data": "Hello", "Charset": "UTF-8"}`.
    pub struct Content {
        /// The text (`Data`, required).
        pub data: Option<String>,
        /// Its character set (`Charset`), such as `UTF-8`; SES's default when absent.
        pub charset: Option<String>,
    }
}

impl Content {
    /// Text with no character set given.
    ///
    /// ```
    /// let subject = ses_presend::request::Content::new("Hello");
    /// assert_eq!(subject.data.as_deref(), Some("Hello"));
    /// ```
    pub fn new(data: impl Into<String>) -> Content {
        Content {
            data: Some(data.into()),
            charset: None,
        }
    }
}

shape! {
    /// A message body: a text part, an HTML part, or both (`Text`, `Html`).
    pub struct Body {
        /// The plain-text part (`Text`).
        pub text: Option<Content>,
        /// The HTML part (`Html`).
        pub html: Option<Content>,
    }
}

shape! {
    /// The v1 `Message`: `Subject` and `Body`, both required.
    pub struct Message {
        /// The subject line (`Subject`).
        pub subject: Option<Content>,
        /// The body (`Body`).
        pub body: Option<Body>,
    }
}

shape! {
    /// The recipients: `ToAddresses`, `CcAddresses`, `BccAddresses`. Each entry is one address
    /// as SES parses it (a group's members count one by one).
    pub struct Destination {
        /// `ToAddresses`.
        pub to_addresses: Vec<String>,
        /// `CcAddresses`.
        pub cc_addresses: Vec<String>,
        /// `BccAddresses`.
        pub bcc_addresses: Vec<String>,
    }
}

impl Destination {
    /// The three lists with their JSON names, in the order SES checks them.
    pub(crate) fn lists(&self) -> [(&'static str, &[String]); 3] {
        [
            ("ToAddresses", &self.to_addresses),
            ("CcAddresses", &self.cc_addresses),
            ("BccAddresses", &self.bcc_addresses),
        ]
    }

    /// How many entries the three lists hold together.
    pub(crate) fn entry_count(&self) -> usize {
        self.to_addresses.len() + self.cc_addresses.len() + self.bcc_addresses.len()
    }
}

shape! {
    /// A message tag (v1 `Tags`, v2 `EmailTags`): `{"Name": "campaign", "Value": "spring"}`.
    pub struct MessageTag {
        /// `Name` (required): 1 to 255 of `[A-Za-z0-9_-]`.
        pub name: Option<String>,
        /// `Value` (required): 1 to 255 of `[A-Za-z0-9_.@-]`.
        pub value: Option<String>,
    }
}

impl MessageTag {
    /// A tag with a name and a value.
    ///
    /// ```
    /// let tag = ses_presend::request::MessageTag::new("campaign", "spring");
    /// assert_eq!(tag.name.as_deref(), Some("campaign"));
    /// ```
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> MessageTag {
        MessageTag {
            name: Some(name.into()),
            value: Some(value.into()),
        }
    }
}

shape! {
    /// v1 `SendEmail`: the JSON of `aws ses send-email --cli-input-json`.
    ///
    /// ```
    /// use ses_presend::request::SendEmailRequest;
    /// let req = SendEmailRequest::builder()
    ///     .source("ops@example.com")
    ///     .to("bob@example.org")
    ///     .subject("Hello")
    ///     .text("Hi Bob")
    ///     .build();
    /// assert!(ses_presend::check_email(&req).is_ok());
    /// ```
    pub struct SendEmailRequest {
        /// `Source` (required): the sender.
        pub source: Option<String>,
        /// `Destination` (required).
        pub destination: Option<Destination>,
        /// `Message` (required).
        pub message: Option<Message>,
        /// `ReplyToAddresses`.
        pub reply_to_addresses: Vec<String>,
        /// `ReturnPath`: where bounces go.
        pub return_path: Option<String>,
        /// `SourceArn`: the identity that authorizes `Source` (sending authorization).
        pub source_arn: Option<String>,
        /// `ReturnPathArn`: the identity that authorizes `ReturnPath`.
        pub return_path_arn: Option<String>,
        /// `Tags`.
        pub tags: Vec<MessageTag>,
        /// `ConfigurationSetName`.
        pub configuration_set_name: Option<String>,
    }
}

shape! {
    /// v1 `SendTemplatedEmail`: the JSON of `aws ses send-templated-email --cli-input-json`.
    ///
    /// ```
    /// use ses_presend::request::SendTemplatedEmailRequest;
    /// let req = SendTemplatedEmailRequest::builder()
    ///     .source("ops@example.com")
    ///     .to("bob@example.org")
    ///     .template("welcome", r#"{"name":"Bob"}"#)
    ///     .build();
    /// assert!(ses_presend::check_email(&req).is_ok());
    /// ```
    pub struct SendTemplatedEmailRequest {
        /// `Source` (required): the sender.
        pub source: Option<String>,
        /// `Destination` (required).
        pub destination: Option<Destination>,
        /// `ReplyToAddresses`.
        pub reply_to_addresses: Vec<String>,
        /// `ReturnPath`: where bounces go.
        pub return_path: Option<String>,
        /// `SourceArn`: the identity that authorizes `Source`.
        pub source_arn: Option<String>,
        /// `ReturnPathArn`: the identity that authorizes `ReturnPath`.
        pub return_path_arn: Option<String>,
        /// `Tags`.
        pub tags: Vec<MessageTag>,
        /// `ConfigurationSetName`.
        pub configuration_set_name: Option<String>,
        /// `Template` (required): the template's name.
        pub template: Option<String>,
        /// `TemplateArn`.
        pub template_arn: Option<String>,
        /// `TemplateData` (required): a JSON object of the template's variables, as text.
        pub template_data: Option<String>,
    }
}

shape! {
    /// v2 `SendEmail`: the JSON of `aws sesv2 send-email --cli-input-json`.
    ///
    /// ```
    /// use ses_presend::request::V2SendEmailRequest;
    /// let req = V2SendEmailRequest::builder()
    ///     .from("ops@example.com")
    ///     .to("bob@example.org")
    ///     .subject("Hello")
    ///     .html("<p>Hi Bob</p>")
    ///     .build();
    /// assert!(ses_presend::check_email(&req).is_ok());
    /// ```
    pub struct V2SendEmailRequest {
        /// `FromEmailAddress`: the sender (from the message itself for Raw content).
        pub from_email_address: Option<String>,
        /// `FromEmailAddressIdentityArn`: the identity that authorizes the sender.
        pub from_email_address_identity_arn: Option<String>,
        /// `Destination`.
        pub destination: Option<Destination>,
        /// `ReplyToAddresses`.
        pub reply_to_addresses: Vec<String>,
        /// `FeedbackForwardingEmailAddress`: where bounces and complaints go.
        pub feedback_forwarding_email_address: Option<String>,
        /// `FeedbackForwardingEmailAddressIdentityArn`.
        pub feedback_forwarding_email_address_identity_arn: Option<String>,
        /// `Content` (required): exactly one of `Simple`, `Raw` and `Template`.
        pub content: Option<EmailContent>,
        /// `EmailTags`.
        pub email_tags: Vec<MessageTag>,
        /// `ConfigurationSetName`.
        pub configuration_set_name: Option<String>,
        /// `ListManagementOptions`: the contact list and topic, for unsubscribe links.
        pub list_management_options: Option<ListManagementOptions>,
        /// `EndpointId`: a multi-region endpoint.
        pub endpoint_id: Option<String>,
        /// `TenantName`.
        pub tenant_name: Option<String>,
    }
}

shape! {
    /// v2 `Content`: one of a Simple message, a Raw message or a Template.
    pub struct EmailContent {
        /// `Simple`: SES builds the message from a subject and a body.
        pub simple: Option<SimpleMessage>,
        /// `Raw`: a whole MIME message.
        pub raw: Option<RawMessage>,
        /// `Template`: a stored or inline template and its data.
        pub template: Option<Template>,
    }
}

shape! {
    /// v2 `Content.Simple`.
    pub struct SimpleMessage {
        /// `Subject` (required). The text must be 7-bit ASCII (RFC 2047 for the rest).
        pub subject: Option<Content>,
        /// `Body` (required).
        pub body: Option<Body>,
        /// `Headers`: at most 15 custom headers.
        pub headers: Vec<MessageHeader>,
        /// `Attachments`.
        pub attachments: Vec<Attachment>,
    }
}

shape! {
    /// v2 `Content.Raw`.
    pub struct RawMessage {
        /// `Data` (required): the MIME message, base64-encoded as the CLI's JSON carries it.
        pub data: Option<String>,
    }
}

shape! {
    /// v2 `Content.Template`.
    pub struct Template {
        /// `TemplateName`.
        pub template_name: Option<String>,
        /// `TemplateArn`.
        pub template_arn: Option<String>,
        /// `TemplateData`: a JSON object of the template's variables, as text.
        pub template_data: Option<String>,
        /// `TemplateContent`: an inline template instead of a stored one.
        pub template_content: Option<TemplateContent>,
        /// `Headers`: at most 15 custom headers.
        pub headers: Vec<MessageHeader>,
        /// `Attachments`.
        pub attachments: Vec<Attachment>,
    }
}

shape! {
    /// v2 `Template.TemplateContent`: an inline template.
    pub struct TemplateContent {
        /// `Subject`.
        pub subject: Option<String>,
        /// `Text`.
        pub text: Option<String>,
        /// `Html`.
        pub html: Option<String>,
    }
}

shape! {
    /// v2 custom header: `{"Name": "X-Campaign", "Value": "spring"}`.
    pub struct MessageHeader {
        /// `Name` (required): 1 to 126 printable ASCII characters, no `:`.
        pub name: Option<String>,
        /// `Value` (required): at most 995 printable ASCII characters.
        pub value: Option<String>,
    }
}

impl MessageHeader {
    /// A header with a name and a value.
    ///
    /// ```
    /// let h = ses_presend::request::MessageHeader::new("X-Campaign", "spring");
    /// assert_eq!(h.value.as_deref(), Some("spring"));
    /// ```
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> MessageHeader {
        MessageHeader {
            name: Some(name.into()),
            value: Some(value.into()),
        }
    }
}

shape! {
    /// v2 attachment.
    pub struct Attachment {
        /// `RawContent` (required): the file, base64-encoded.
        pub raw_content: Option<String>,
        /// `ContentDisposition`: `ATTACHMENT` (SES's default) or `INLINE`.
        pub content_disposition: Option<ContentDisposition>,
        /// `FileName` (required): at most 255 characters, not a blocked extension.
        pub file_name: Option<String>,
        /// `ContentDescription`.
        pub content_description: Option<String>,
        /// `ContentId`: 1 to 78 characters, for inline parts.
        pub content_id: Option<String>,
        /// `ContentTransferEncoding`.
        pub content_transfer_encoding: Option<TransferEncoding>,
        /// `ContentType`: 1 to 78 characters; SES guesses from the file name when absent.
        pub content_type: Option<String>,
    }
}

impl Attachment {
    /// An attachment of `bytes` named `file_name` (the bytes are base64-encoded here).
    ///
    /// ```
    /// let a = ses_presend::request::Attachment::from_bytes("notes.txt", b"hi");
    /// assert_eq!(a.raw_content.as_deref(), Some("aGk="));
    /// ```
    pub fn from_bytes(file_name: impl Into<String>, bytes: &[u8]) -> Attachment {
        Attachment {
            raw_content: Some(base64(bytes)),
            file_name: Some(file_name.into()),
            ..Attachment::default()
        }
    }
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    crate::intl::encoded_word::push_b(&mut out, bytes);
    out
}

/// v2 `ContentDisposition` of an attachment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "UPPERCASE"))]
pub enum ContentDisposition {
    /// `ATTACHMENT`: a file the reader saves.
    Attachment,
    /// `INLINE`: shown in the body (referred to by its content ID).
    Inline,
}

/// v2 `ContentTransferEncoding` of an attachment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "SCREAMING_SNAKE_CASE"))]
pub enum TransferEncoding {
    /// `BASE64`.
    Base64,
    /// `QUOTED_PRINTABLE`.
    QuotedPrintable,
    /// `SEVEN_BIT`.
    SevenBit,
}

shape! {
    /// v2 `ListManagementOptions`.
    pub struct ListManagementOptions {
        /// `ContactListName` (required).
        pub contact_list_name: Option<String>,
        /// `TopicName`.
        pub topic_name: Option<String>,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_pads() {
        let cases: [(&[u8], &str); 5] = [
            (b"", ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"\xff\xfe\xfd\xfc", "//79/A=="),
        ];
        for (bytes, text) in cases {
            assert_eq!(super::base64(bytes), text);
        }
    }
}
