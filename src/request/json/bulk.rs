//! Reading the request files of SendRawEmail and the bulk sends, as the other request files
//! are read ([`Request::from_json`]).

use super::shapes::{SEND_BULK_TEMPLATED_EMAIL, SEND_RAW_EMAIL, V2_SEND_BULK_EMAIL};
use super::{read, JsonError};
use crate::error::Api;
use crate::request::bulk::{BulkRequest, SendBulkTemplatedEmailRequest, V2SendBulkEmailRequest};
use crate::request::SendRawEmailRequest;

impl SendRawEmailRequest {
    /// Reads the JSON of `aws ses send-raw-email --cli-input-json` (feature `serde`), as
    /// [`Request::from_json`](crate::request::Request::from_json) describes. `RawMessage.Data`
    /// stays the base64 text the file holds (docs/requests.md).
    ///
    /// ```
    /// let req = ses_presend::request::SendRawEmailRequest::from_json(r#"{
    ///     "RawMessage": {"Data": "RnJvbTogYUBleGFtcGxlLmNvbQ0KVG86IGJAZXhhbXBsZS5jb20NCg0KSGk="}
    /// }"#).unwrap();
    /// assert!(ses_presend::check_email(&req).is_ok());
    /// ```
    pub fn from_json(text: &str) -> Result<SendRawEmailRequest, JsonError> {
        read(&SEND_RAW_EMAIL, text)
    }
}

impl SendBulkTemplatedEmailRequest {
    /// Reads the JSON of `aws ses send-bulk-templated-email --cli-input-json` (feature
    /// `serde`), as [`Request::from_json`](crate::request::Request::from_json) describes.
    ///
    /// ```
    /// use ses_presend::request::bulk::SendBulkTemplatedEmailRequest;
    /// let err = SendBulkTemplatedEmailRequest::from_json(r#"{"Destinations": {}}"#).unwrap_err();
    /// assert!(err.message().starts_with("Invalid type for parameter Destinations"));
    /// ```
    pub fn from_json(text: &str) -> Result<SendBulkTemplatedEmailRequest, JsonError> {
        read(&SEND_BULK_TEMPLATED_EMAIL, text)
    }
}

impl V2SendBulkEmailRequest {
    /// Reads the JSON of `aws sesv2 send-bulk-email --cli-input-json` (feature `serde`), as
    /// [`Request::from_json`](crate::request::Request::from_json) describes.
    ///
    /// ```
    /// use ses_presend::request::bulk::V2SendBulkEmailRequest;
    /// let err = V2SendBulkEmailRequest::from_json(r#"{"BulkEmailEntries": [{"Tags": []}]}"#).unwrap_err();
    /// assert_eq!(
    ///     err.message(),
    ///     "Unknown parameter in BulkEmailEntries[0]: \"Tags\", must be one of: Destination, \
    ///      ReplacementTags, ReplacementEmailContent, ReplacementHeaders"
    /// );
    /// ```
    pub fn from_json(text: &str) -> Result<V2SendBulkEmailRequest, JsonError> {
        read(&V2_SEND_BULK_EMAIL, text)
    }
}

impl BulkRequest {
    /// Reads a bulk send's JSON: v1 `SendBulkTemplatedEmail` or v2 `SendBulkEmail` (feature
    /// `serde`).
    ///
    /// ```
    /// use ses_presend::request::bulk::BulkRequest;
    /// let req = BulkRequest::from_json(ses_presend::Api::V2, "{}").unwrap();
    /// assert!(matches!(req, BulkRequest::V2(_)));
    /// ```
    pub fn from_json(api: Api, text: &str) -> Result<BulkRequest, JsonError> {
        Ok(match api {
            Api::V2 => BulkRequest::V2(V2SendBulkEmailRequest::from_json(text)?),
            _ => BulkRequest::V1(SendBulkTemplatedEmailRequest::from_json(text)?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::shapes::Shape;
    use super::*;

    /// A value of `shape` with every member given.
    fn full(shape: &Shape) -> serde_json::Value {
        use serde_json::Value;
        match shape {
            Shape::Str | Shape::Blob => Value::String("x".into()),
            Shape::Enum(values) => Value::String(values[0].into()),
            Shape::List(item) => Value::Array(vec![full(item)]),
            Shape::Struct(members) => Value::Object(
                members
                    .iter()
                    .map(|(name, shape)| (name.to_string(), full(shape)))
                    .collect(),
            ),
        }
    }

    #[test]
    fn the_tables_fit_the_models() {
        let raw = SendRawEmailRequest::from_json(&full(&SEND_RAW_EMAIL).to_string()).unwrap();
        assert!(raw.from_arn.is_some() && raw.raw_message.is_some());
        let v1 = full(&SEND_BULK_TEMPLATED_EMAIL).to_string();
        let v1 = SendBulkTemplatedEmailRequest::from_json(&v1).unwrap();
        assert!(v1.destinations.unwrap()[0]
            .replacement_template_data
            .is_some());
        let v2 = V2SendBulkEmailRequest::from_json(&full(&V2_SEND_BULK_EMAIL).to_string()).unwrap();
        let entry = &v2.bulk_email_entries.unwrap()[0];
        assert!(entry.replacement_email_content.is_some() && !entry.replacement_headers.is_empty());
    }
}
