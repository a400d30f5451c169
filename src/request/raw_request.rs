//! v1 `SendRawEmail` as a request: the JSON of `aws ses send-raw-email --cli-input-json`,
//! checked as the Query API's SendRawEmail is (docs/requests.md#sendrawemail).

use super::model::{shape, MessageTag, RawMessage};
use super::RequestProblem;
use crate::account::Context;
use crate::error::{Api, ErrorCode, SesError};
use crate::raw::{check_raw, decode_base64_message, report_raw, RawOptions};
use crate::report::{Collector, Finding, Flow, Reason};
use crate::texts::query as msg;
#[cfg(feature = "serde")]
use serde::Deserialize;

shape! {
    /// v1 `SendRawEmail`: the JSON of `aws ses send-raw-email --cli-input-json`. `RawMessage.Data`
    /// is the MIME message's base64 text, as the AWS CLI v2 reads the file (docs/requests.md).
    ///
    /// ```
    /// use ses_presend::request::{RawMessage, SendRawEmailRequest};
    /// let req = SendRawEmailRequest {
    ///     raw_message: Some(RawMessage::from_bytes(b"From: a@example.com\r\nTo: b@example.com\r\n\r\nHi")),
    ///     ..SendRawEmailRequest::default()
    /// };
    /// assert!(ses_presend::check_email(&req).is_ok());
    /// ```
    pub struct SendRawEmailRequest {
        /// `Source`: the envelope sender; without it, the message's `From:` header.
        pub source: Option<String>,
        /// `Destinations`: the envelope recipients; without them, the message's To, Cc and Bcc.
        pub destinations: Vec<String>,
        /// `RawMessage` (required), with `Data` (required).
        pub raw_message: Option<RawMessage>,
        /// `FromArn`: the identity that authorizes the `From:` header (sending authorization).
        pub from_arn: Option<String>,
        /// `SourceArn`: the identity that authorizes `Source`.
        pub source_arn: Option<String>,
        /// `ReturnPathArn`: the identity that authorizes the `Return-Path` header.
        pub return_path_arn: Option<String>,
        /// `Tags`.
        pub tags: Vec<MessageTag>,
        /// `ConfigurationSetName`.
        pub configuration_set_name: Option<String>,
    }
}

impl RawMessage {
    /// A raw message holding `bytes` (base64-encoded here, as the JSON carries them).
    ///
    /// ```
    /// let raw = ses_presend::request::RawMessage::from_bytes(b"hi");
    /// assert_eq!(raw.data.as_deref(), Some("aGk="));
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> RawMessage {
        let mut data = String::with_capacity(bytes.len().div_ceil(3) * 4);
        crate::intl::encoded_word::push_b(&mut data, bytes);
        RawMessage { data: Some(data) }
    }
}

/// SendRawEmail's checks, in the Query API's order (decided `query-raw-message`): the
/// message's base64, the absent members, the tags, the configuration set's name, then the
/// message through [`check_raw`] with the envelope, the configuration set and the context.
pub(crate) fn run(req: &SendRawEmailRequest, context: &Context<'_>, out: &mut Collector) -> Flow {
    const FIELD: &str = "RawMessage.Data";
    let data = req.raw_message.as_ref().and_then(|m| m.data.as_deref());
    let message = match data.map(decode_base64_message) {
        Some(None) => {
            let error = SesError::new(
                ErrorCode::InvalidParameterValue,
                msg::RAW_MESSAGE_NOT_BASE64,
            );
            return out.error(|| {
                Finding::new(
                    FIELD,
                    Reason::Request(RequestProblem::RawMessageNotBase64),
                    error.message.to_string(),
                )
                .with_error(error)
            });
        }
        Some(Some(message)) => Some(message),
        None => None,
    };
    let configuration_set = req.configuration_set_name.as_deref();
    super::check::raw_request_stages(message.is_none(), &req.tags, configuration_set, out)?;
    let Some(message) = message else {
        return Ok(());
    };
    let mut options = RawOptions::new(Api::V1)
        .destinations(req.destinations.iter().map(String::as_str))
        .context(*context);
    if let Some(source) = req.source.as_deref() {
        options = options.source(source);
    }
    if let Some(name) = configuration_set {
        options = options.configuration_set(name);
    }
    if !out.advising() {
        return match check_raw(&message, &options) {
            Err(error) => out.error(|| {
                let text = error.message.to_string();
                Finding::new(FIELD, Reason::Request(RequestProblem::RawMessage), text)
                    .with_error(error)
            }),
            Ok(()) => Ok(()),
        };
    }
    out.absorb("", report_raw(&message, &options))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Mode;

    fn first(req: &SendRawEmailRequest) -> Option<SesError> {
        let mut out = Collector::new(Mode::First);
        let _ = run(req, &Context::new(), &mut out);
        out.into_first()
    }

    #[test]
    fn the_query_apis_order() {
        let mut req = SendRawEmailRequest::default();
        assert_eq!(
            first(&req).unwrap().message,
            "1 validation error detected: Value null at 'rawMessage.data' failed to satisfy \
             constraint: Member must not be null"
        );
        req.raw_message = Some(RawMessage {
            data: Some("%%%".into()),
        });
        assert_eq!(first(&req).unwrap().message, msg::RAW_MESSAGE_NOT_BASE64);
        req.raw_message = Some(RawMessage::from_bytes(b"Subject: x\r\n\r\nHi"));
        req.tags = vec![MessageTag::new("a b", "c")];
        assert!(first(&req)
            .unwrap()
            .message
            .starts_with("Invalid tag name <a b>"));
        req.tags.clear();
        assert_eq!(
            first(&req).unwrap().message,
            "Missing required header 'From'."
        );
        req.source = Some("a@example.com".into());
        req.destinations = vec!["b@example.com".into()];
        assert_eq!(first(&req), None);
    }
}
