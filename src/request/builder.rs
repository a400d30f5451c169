//! Builders for the three requests, for code that makes a request rather than reading one.
//! `build` never fails: the checks belong to [`crate::check_email`], which answers as SES.

use super::model::{
    Attachment, Body, Content, Destination, EmailContent, ListManagementOptions, Message,
    MessageHeader, MessageTag, RawMessage, SendEmailRequest, SendTemplatedEmailRequest,
    SimpleMessage, Template, V2SendEmailRequest,
};

/// The destination, created on first use.
fn destination(slot: &mut Option<Destination>) -> &mut Destination {
    slot.get_or_insert_with(Destination::default)
}

/// The setters every request shares: recipients, reply-to addresses, tags and the
/// configuration set. Each doctest names the request it is generated for.
macro_rules! common_setters {
    ($req:ident, $tags:ident) => {
        /// Adds a `To` recipient.
        ///
        /// ```
        #[doc = concat!("let req = ses_presend::request::", stringify!($req), "::builder()")]
        ///     .to("a@example.com").to("team: b@example.com, c@example.com;").build();
        /// assert_eq!(req.destination.unwrap().to_addresses.len(), 2);
        /// ```
        pub fn to(mut self, address: impl Into<String>) -> Self {
            destination(&mut self.0.destination)
                .to_addresses
                .push(address.into());
            self
        }

        /// Adds a `Cc` recipient.
        ///
        /// ```
        #[doc = concat!("let req = ses_presend::request::", stringify!($req), "::builder()")]
        ///     .cc("a@example.com").build();
        /// assert_eq!(req.destination.unwrap().cc_addresses, ["a@example.com"]);
        /// ```
        pub fn cc(mut self, address: impl Into<String>) -> Self {
            destination(&mut self.0.destination)
                .cc_addresses
                .push(address.into());
            self
        }

        /// Adds a `Bcc` recipient.
        ///
        /// ```
        #[doc = concat!("let req = ses_presend::request::", stringify!($req), "::builder()")]
        ///     .bcc("a@example.com").build();
        /// assert_eq!(req.destination.unwrap().bcc_addresses, ["a@example.com"]);
        /// ```
        pub fn bcc(mut self, address: impl Into<String>) -> Self {
            destination(&mut self.0.destination)
                .bcc_addresses
                .push(address.into());
            self
        }

        /// Adds a reply-to address.
        ///
        /// ```
        #[doc = concat!("let req = ses_presend::request::", stringify!($req), "::builder()")]
        ///     .reply_to("help@example.com").build();
        /// assert_eq!(req.reply_to_addresses, ["help@example.com"]);
        /// ```
        pub fn reply_to(mut self, address: impl Into<String>) -> Self {
            self.0.reply_to_addresses.push(address.into());
            self
        }

        /// Adds a message tag.
        ///
        /// ```
        #[doc = concat!("let req = ses_presend::request::", stringify!($req), "::builder()")]
        ///     .tag("campaign", "spring").build();
        #[doc = concat!("assert_eq!(req.", stringify!($tags), "[0].value.as_deref(), Some(\"spring\"));")]
        /// ```
        pub fn tag(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.0.$tags.push(MessageTag::new(name, value));
            self
        }

        /// Names the configuration set.
        ///
        /// ```
        #[doc = concat!("let req = ses_presend::request::", stringify!($req), "::builder()")]
        ///     .configuration_set("marketing").build();
        /// assert_eq!(req.configuration_set_name.as_deref(), Some("marketing"));
        /// ```
        pub fn configuration_set(mut self, name: impl Into<String>) -> Self {
            self.0.configuration_set_name = Some(name.into());
            self
        }
    };
}

/// The envelope setters SendEmail and SendTemplatedEmail share: `Source`, `ReturnPath` and
/// their sending-authorization ARNs.
macro_rules! v1_envelope_setters {
    ($req:ident) => {
        /// Sets `Source`.
        ///
        /// ```
        #[doc = concat!("let req = ses_presend::request::", stringify!($req), "::builder()")]
        ///     .source("Ops <ops@example.com>").build();
        /// assert_eq!(req.source.as_deref(), Some("Ops <ops@example.com>"));
        /// ```
        pub fn source(mut self, address: impl Into<String>) -> Self {
            self.0.source = Some(address.into());
            self
        }

        /// Sets `ReturnPath`.
        ///
        /// ```
        #[doc = concat!("let req = ses_presend::request::", stringify!($req), "::builder()")]
        ///     .return_path("bounces@example.com").build();
        /// assert_eq!(req.return_path.as_deref(), Some("bounces@example.com"));
        /// ```
        pub fn return_path(mut self, address: impl Into<String>) -> Self {
            self.0.return_path = Some(address.into());
            self
        }

        /// Sets `SourceArn` (sending authorization).
        ///
        /// ```
        #[doc = concat!("let req = ses_presend::request::", stringify!($req), "::builder()")]
        ///     .source_arn("arn:aws:ses:us-east-1:1:identity/example.com").build();
        /// assert!(req.source_arn.is_some());
        /// ```
        pub fn source_arn(mut self, arn: impl Into<String>) -> Self {
            self.0.source_arn = Some(arn.into());
            self
        }

        /// Sets `ReturnPathArn` (sending authorization).
        ///
        /// ```
        #[doc = concat!("let req = ses_presend::request::", stringify!($req), "::builder()")]
        ///     .return_path_arn("arn:aws:ses:us-east-1:1:identity/example.com").build();
        /// assert!(req.return_path_arn.is_some());
        /// ```
        pub fn return_path_arn(mut self, arn: impl Into<String>) -> Self {
            self.0.return_path_arn = Some(arn.into());
            self
        }
    };
}

/// Builds a [`SendEmailRequest`].
///
/// ```
/// use ses_presend::request::SendEmailRequest;
/// let req = SendEmailRequest::builder()
///     .source("Ops <ops@example.com>")
///     .to("a@example.org")
///     .cc("b@example.org")
///     .subject("Report")
///     .text("See attached.")
///     .tag("campaign", "weekly")
///     .build();
/// assert_eq!(req.destination.unwrap().cc_addresses, ["b@example.org"]);
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct SendEmailBuilder(SendEmailRequest);

impl SendEmailRequest {
    /// A builder for the request.
    ///
    /// ```
    /// let req = ses_presend::request::SendEmailRequest::builder().source("a@example.com").build();
    /// assert_eq!(req.source.as_deref(), Some("a@example.com"));
    /// ```
    pub fn builder() -> SendEmailBuilder {
        SendEmailBuilder::default()
    }
}

impl SendEmailBuilder {
    common_setters!(SendEmailRequest, tags);

    v1_envelope_setters!(SendEmailRequest);

    fn message(&mut self) -> &mut Message {
        self.0.message.get_or_insert_with(Message::default)
    }

    /// Sets the subject.
    ///
    /// ```
    /// let req = ses_presend::request::SendEmailRequest::builder().subject("Hello").build();
    /// assert_eq!(req.message.unwrap().subject.unwrap().data.as_deref(), Some("Hello"));
    /// ```
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.message().subject = Some(Content::new(subject));
        self
    }

    /// Sets the plain-text body.
    ///
    /// ```
    /// let req = ses_presend::request::SendEmailRequest::builder().text("Hi").build();
    /// let body = req.message.unwrap().body.unwrap();
    /// assert_eq!(body.text.unwrap().data.as_deref(), Some("Hi"));
    /// ```
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.message().body.get_or_insert_with(Body::default).text = Some(Content::new(text));
        self
    }

    /// Sets the HTML body.
    ///
    /// ```
    /// let req = ses_presend::request::SendEmailRequest::builder().html("<p>Hi</p>").build();
    /// let body = req.message.unwrap().body.unwrap();
    /// assert_eq!(body.html.unwrap().data.as_deref(), Some("<p>Hi</p>"));
    /// ```
    pub fn html(mut self, html: impl Into<String>) -> Self {
        self.message().body.get_or_insert_with(Body::default).html = Some(Content::new(html));
        self
    }

    /// The request.
    ///
    /// ```
    /// assert_eq!(ses_presend::request::SendEmailRequest::builder().build(), ses_presend::request::SendEmailRequest::default());
    /// ```
    pub fn build(self) -> SendEmailRequest {
        self.0
    }
}

/// Builds a [`SendTemplatedEmailRequest`].
///
/// ```
/// use ses_presend::request::SendTemplatedEmailRequest;
/// let req = SendTemplatedEmailRequest::builder()
///     .source("ops@example.com")
///     .to("a@example.org")
///     .template("welcome", "{}")
///     .build();
/// assert_eq!(req.template.as_deref(), Some("welcome"));
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct SendTemplatedEmailBuilder(SendTemplatedEmailRequest);

impl SendTemplatedEmailRequest {
    /// A builder for the request.
    ///
    /// ```
    /// let req = ses_presend::request::SendTemplatedEmailRequest::builder().to("a@example.com").build();
    /// assert_eq!(req.destination.unwrap().to_addresses, ["a@example.com"]);
    /// ```
    pub fn builder() -> SendTemplatedEmailBuilder {
        SendTemplatedEmailBuilder::default()
    }
}

impl SendTemplatedEmailBuilder {
    common_setters!(SendTemplatedEmailRequest, tags);

    v1_envelope_setters!(SendTemplatedEmailRequest);

    /// Sets `Template` (the template's name) and `TemplateData` (a JSON object as text).
    ///
    /// ```
    /// let req = ses_presend::request::SendTemplatedEmailRequest::builder().template("welcome", r#"{"name":"Al"}"#).build();
    /// assert_eq!(req.template_data.as_deref(), Some(r#"{"name":"Al"}"#));
    /// ```
    pub fn template(mut self, name: impl Into<String>, data: impl Into<String>) -> Self {
        self.0.template = Some(name.into());
        self.0.template_data = Some(data.into());
        self
    }

    /// Sets `TemplateArn`.
    ///
    /// ```
    /// let req = ses_presend::request::SendTemplatedEmailRequest::builder().template_arn("arn:aws:ses:us-east-1:1:template/welcome").build();
    /// assert!(req.template_arn.is_some());
    /// ```
    pub fn template_arn(mut self, arn: impl Into<String>) -> Self {
        self.0.template_arn = Some(arn.into());
        self
    }

    /// The request.
    ///
    /// ```
    /// assert_eq!(ses_presend::request::SendTemplatedEmailRequest::builder().build(), ses_presend::request::SendTemplatedEmailRequest::default());
    /// ```
    pub fn build(self) -> SendTemplatedEmailRequest {
        self.0
    }
}

/// Builds a [`V2SendEmailRequest`]. `subject`, `text`, `html`, `header` and `attachment` make
/// Simple content; `raw` makes Raw content; `template` makes Template content (headers and
/// attachments then go to the template).
///
/// ```
/// use ses_presend::request::Attachment;
/// use ses_presend::request::V2SendEmailRequest;
/// let req = V2SendEmailRequest::builder()
///     .from("ops@example.com")
///     .to("a@example.org")
///     .subject("Invoice")
///     .text("Attached.")
///     .header("X-Campaign", "billing")
///     .attachment(Attachment::from_bytes("invoice.pdf", b"%PDF-1.7"))
///     .build();
/// let simple = req.content.unwrap().simple.unwrap();
/// assert_eq!(simple.attachments.len(), 1);
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct V2SendEmailBuilder(V2SendEmailRequest);

impl V2SendEmailRequest {
    /// A builder for the request.
    ///
    /// ```
    /// let req = ses_presend::request::V2SendEmailRequest::builder().from("a@example.com").build();
    /// assert_eq!(req.from_email_address.as_deref(), Some("a@example.com"));
    /// ```
    pub fn builder() -> V2SendEmailBuilder {
        V2SendEmailBuilder::default()
    }
}

impl V2SendEmailBuilder {
    common_setters!(V2SendEmailRequest, email_tags);

    /// Sets `FromEmailAddress`.
    ///
    /// ```
    /// let req = ses_presend::request::V2SendEmailRequest::builder().from("ops@example.com").build();
    /// assert_eq!(req.from_email_address.as_deref(), Some("ops@example.com"));
    /// ```
    pub fn from(mut self, address: impl Into<String>) -> Self {
        self.0.from_email_address = Some(address.into());
        self
    }

    /// Sets `FromEmailAddressIdentityArn` (sending authorization).
    ///
    /// ```
    /// let req = ses_presend::request::V2SendEmailRequest::builder().from_arn("arn:aws:ses:us-east-1:1:identity/example.com").build();
    /// assert!(req.from_email_address_identity_arn.is_some());
    /// ```
    pub fn from_arn(mut self, arn: impl Into<String>) -> Self {
        self.0.from_email_address_identity_arn = Some(arn.into());
        self
    }

    /// Sets `FeedbackForwardingEmailAddress`.
    ///
    /// ```
    /// let req = ses_presend::request::V2SendEmailRequest::builder().feedback_forwarding("fb@example.com").build();
    /// assert_eq!(req.feedback_forwarding_email_address.as_deref(), Some("fb@example.com"));
    /// ```
    pub fn feedback_forwarding(mut self, address: impl Into<String>) -> Self {
        self.0.feedback_forwarding_email_address = Some(address.into());
        self
    }

    /// Sets `FeedbackForwardingEmailAddressIdentityArn` (sending authorization).
    ///
    /// ```
    /// let req = ses_presend::request::V2SendEmailRequest::builder().feedback_forwarding_arn("arn:aws:ses:us-east-1:1:identity/example.com").build();
    /// assert!(req.feedback_forwarding_email_address_identity_arn.is_some());
    /// ```
    pub fn feedback_forwarding_arn(mut self, arn: impl Into<String>) -> Self {
        self.0.feedback_forwarding_email_address_identity_arn = Some(arn.into());
        self
    }

    /// Sets `ListManagementOptions`.
    ///
    /// ```
    /// let req = ses_presend::request::V2SendEmailRequest::builder().list_management("customers", Some("news".into())).build();
    /// let options = req.list_management_options.unwrap();
    /// assert_eq!(options.contact_list_name.as_deref(), Some("customers"));
    /// ```
    pub fn list_management(
        mut self,
        contact_list: impl Into<String>,
        topic: Option<String>,
    ) -> Self {
        self.0.list_management_options = Some(ListManagementOptions {
            contact_list_name: Some(contact_list.into()),
            topic_name: topic,
        });
        self
    }

    fn content(&mut self) -> &mut EmailContent {
        self.0.content.get_or_insert_with(EmailContent::default)
    }

    fn simple(&mut self) -> &mut SimpleMessage {
        self.content()
            .simple
            .get_or_insert_with(SimpleMessage::default)
    }

    /// Sets the subject of Simple content.
    ///
    /// ```
    /// let req = ses_presend::request::V2SendEmailRequest::builder().subject("Hello").build();
    /// let simple = req.content.unwrap().simple.unwrap();
    /// assert_eq!(simple.subject.unwrap().data.as_deref(), Some("Hello"));
    /// ```
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.simple().subject = Some(Content::new(subject));
        self
    }

    /// Sets the plain-text body of Simple content.
    ///
    /// ```
    /// let req = ses_presend::request::V2SendEmailRequest::builder().text("Hi").build();
    /// let body = req.content.unwrap().simple.unwrap().body.unwrap();
    /// assert_eq!(body.text.unwrap().data.as_deref(), Some("Hi"));
    /// ```
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.simple().body.get_or_insert_with(Body::default).text = Some(Content::new(text));
        self
    }

    /// Sets the HTML body of Simple content.
    ///
    /// ```
    /// let req = ses_presend::request::V2SendEmailRequest::builder().html("<p>Hi</p>").build();
    /// let body = req.content.unwrap().simple.unwrap().body.unwrap();
    /// assert_eq!(body.html.unwrap().data.as_deref(), Some("<p>Hi</p>"));
    /// ```
    pub fn html(mut self, html: impl Into<String>) -> Self {
        self.simple().body.get_or_insert_with(Body::default).html = Some(Content::new(html));
        self
    }

    /// Adds a custom header, to the template when the content is a template.
    ///
    /// ```
    /// let req = ses_presend::request::V2SendEmailRequest::builder().template("welcome", "{}").header("X-Campaign", "spring").build();
    /// let template = req.content.unwrap().template.unwrap();
    /// assert_eq!(template.headers[0].name.as_deref(), Some("X-Campaign"));
    /// ```
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let header = MessageHeader::new(name, value);
        match &mut self.content().template {
            Some(template) => template.headers.push(header),
            None => self.simple().headers.push(header),
        }
        self
    }

    /// Adds an attachment, to the template when the content is a template.
    ///
    /// ```
    /// use ses_presend::request::Attachment;
    /// let req = ses_presend::request::V2SendEmailRequest::builder().attachment(Attachment::from_bytes("a.txt", b"hi")).build();
    /// let simple = req.content.unwrap().simple.unwrap();
    /// assert_eq!(simple.attachments[0].file_name.as_deref(), Some("a.txt"));
    /// ```
    pub fn attachment(mut self, attachment: Attachment) -> Self {
        match &mut self.content().template {
            Some(template) => template.attachments.push(attachment),
            None => self.simple().attachments.push(attachment),
        }
        self
    }

    /// Sets Raw content: the MIME message, base64-encoded.
    ///
    /// ```
    /// let req = ses_presend::request::V2SendEmailRequest::builder().raw("RnJvbTogYUBleGFtcGxlLmNvbQ0KDQpoaQ==").build();
    /// assert!(req.content.unwrap().raw.is_some());
    /// ```
    pub fn raw(mut self, base64_message: impl Into<String>) -> Self {
        self.content().raw = Some(RawMessage {
            data: Some(base64_message.into()),
        });
        self
    }

    /// Sets Template content: a stored template's name and its data (a JSON object as text).
    ///
    /// ```
    /// let req = ses_presend::request::V2SendEmailRequest::builder().template("welcome", "{}").build();
    /// let template = req.content.unwrap().template.unwrap();
    /// assert_eq!(template.template_name.as_deref(), Some("welcome"));
    /// ```
    pub fn template(mut self, name: impl Into<String>, data: impl Into<String>) -> Self {
        let template = self
            .content()
            .template
            .get_or_insert_with(Template::default);
        template.template_name = Some(name.into());
        template.template_data = Some(data.into());
        self
    }

    /// The request.
    ///
    /// ```
    /// assert_eq!(ses_presend::request::V2SendEmailRequest::builder().build(), ses_presend::request::V2SendEmailRequest::default());
    /// ```
    pub fn build(self) -> V2SendEmailRequest {
        self.0
    }
}
