//! Bulk sends: v1 `SendBulkTemplatedEmail` and v2 `SendBulkEmail` (docs/requests.md#bulk-sends).
//!
//! SES answers a bulk send in two ways: an error for the whole request (a member absent, a
//! bad Source, a template that does not exist …), or one status per destination (v1 `Status`
//! list, v2 `BulkEmailEntryResults`), each `Success` or a failure with its error text. Which
//! failure is answered where is decided where the documentation does not say
//! (`bulk-request-or-entry` in [`crate::report::DECISIONS`]). [`check_bulk`] gives SES's answer,
//! [`report_bulk`] every problem, the request's and each destination's.
//!
//! ```
//! use ses_presend::request::bulk::{check_bulk, BulkRequest, BulkStatus};
//! use ses_presend::Context;
//!
//! let req = BulkRequest::from_json(ses_presend::Api::V1, r#"{
//!     "Source": "ops@example.com", "Template": "welcome", "DefaultTemplateData": "{}",
//!     "Destinations": [
//!         {"Destination": {"ToAddresses": ["a@example.com"]}, "ReplacementTemplateData": "{}"},
//!         {"Destination": {"ToAddresses": ["b@"]}, "ReplacementTemplateData": "{}"}
//!     ]}"#).unwrap();
//! let entries = check_bulk(&req, &Context::new()).unwrap();
//! assert_eq!(entries[0].status, BulkStatus::Success);
//! assert_eq!(entries[1].status.v1_name(), "InvalidParameterValue");
//! assert_eq!(entries[1].error.as_ref().unwrap().message, "Missing domain");
//! ```

use super::model::{shape, Destination, MessageHeader, MessageTag, Template};
use crate::account::Context;
use crate::error::{Api, ErrorCode, SesError};
use crate::report::Report;
#[cfg(feature = "serde")]
use serde::Deserialize;

shape! {
    /// v1 `SendBulkTemplatedEmail`: the JSON of
    /// `aws ses send-bulk-templated-email --cli-input-json`.
    pub struct SendBulkTemplatedEmailRequest {
        /// `Source` (required): the sender.
        pub source: Option<String>,
        /// `SourceArn`: the identity that authorizes `Source`.
        pub source_arn: Option<String>,
        /// `ReplyToAddresses`.
        pub reply_to_addresses: Vec<String>,
        /// `ReturnPath`: where bounces go.
        pub return_path: Option<String>,
        /// `ReturnPathArn`: the identity that authorizes `ReturnPath`.
        pub return_path_arn: Option<String>,
        /// `ConfigurationSetName`.
        pub configuration_set_name: Option<String>,
        /// `DefaultTags`: the tags of every destination without its own.
        pub default_tags: Vec<MessageTag>,
        /// `Template` (required): the template's name.
        pub template: Option<String>,
        /// `TemplateArn`.
        pub template_arn: Option<String>,
        /// `DefaultTemplateData` (required): the template data of a destination whose
        /// `ReplacementTemplateData` is `{}`.
        pub default_template_data: Option<String>,
        /// `Destinations` (required): at most 50. `None` when absent, apart from an empty list.
        pub destinations: Option<Vec<BulkEmailDestination>>,
    }
}

shape! {
    /// One destination of a v1 bulk send.
    pub struct BulkEmailDestination {
        /// `Destination` (required): at most 50 recipients.
        pub destination: Option<Destination>,
        /// `ReplacementTags`.
        pub replacement_tags: Vec<MessageTag>,
        /// `ReplacementTemplateData`: `{}` takes the default data; SES refuses a destination
        /// without it (*The template data is invalid*).
        pub replacement_template_data: Option<String>,
    }
}

shape! {
    /// v2 `SendBulkEmail`: the JSON of `aws sesv2 send-bulk-email --cli-input-json`.
    pub struct V2SendBulkEmailRequest {
        /// `FromEmailAddress`: the sender.
        pub from_email_address: Option<String>,
        /// `FromEmailAddressIdentityArn`.
        pub from_email_address_identity_arn: Option<String>,
        /// `ReplyToAddresses`.
        pub reply_to_addresses: Vec<String>,
        /// `FeedbackForwardingEmailAddress`.
        pub feedback_forwarding_email_address: Option<String>,
        /// `FeedbackForwardingEmailAddressIdentityArn`.
        pub feedback_forwarding_email_address_identity_arn: Option<String>,
        /// `DefaultEmailTags`.
        pub default_email_tags: Vec<MessageTag>,
        /// `DefaultContent` (required): its `Template`.
        pub default_content: Option<BulkEmailContent>,
        /// `BulkEmailEntries` (required): at most 50. `None` when absent, apart from an empty
        /// list.
        pub bulk_email_entries: Option<Vec<BulkEmailEntry>>,
        /// `ConfigurationSetName`.
        pub configuration_set_name: Option<String>,
        /// `EndpointId`.
        pub endpoint_id: Option<String>,
        /// `TenantName`.
        pub tenant_name: Option<String>,
    }
}

shape! {
    /// v2 `BulkEmailContent`.
    pub struct BulkEmailContent {
        /// `Template`: the stored or inline template, its default data, headers, attachments.
        pub template: Option<Template>,
    }
}

shape! {
    /// One entry of a v2 bulk send.
    pub struct BulkEmailEntry {
        /// `Destination` (required): at most 50 recipients.
        pub destination: Option<Destination>,
        /// `ReplacementTags`.
        pub replacement_tags: Vec<MessageTag>,
        /// `ReplacementEmailContent`.
        pub replacement_email_content: Option<ReplacementEmailContent>,
        /// `ReplacementHeaders`: at most 15.
        pub replacement_headers: Vec<MessageHeader>,
    }
}

shape! {
    /// v2 `ReplacementEmailContent`.
    pub struct ReplacementEmailContent {
        /// `ReplacementTemplate`.
        pub replacement_template: Option<ReplacementTemplate>,
    }
}

shape! {
    /// v2 `ReplacementTemplate`.
    pub struct ReplacementTemplate {
        /// `ReplacementTemplateData`: merged over the default data, key by key.
        pub replacement_template_data: Option<String>,
    }
}

/// A bulk send of either API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkRequest {
    /// v1 `SendBulkTemplatedEmail`.
    V1(SendBulkTemplatedEmailRequest),
    /// v2 `SendBulkEmail`.
    V2(V2SendBulkEmailRequest),
}

impl BulkRequest {
    /// The API of the request.
    ///
    /// ```
    /// use ses_presend::request::bulk::{BulkRequest, V2SendBulkEmailRequest};
    /// assert_eq!(BulkRequest::V2(V2SendBulkEmailRequest::default()).api(), ses_presend::Api::V2);
    /// ```
    pub fn api(&self) -> Api {
        match self {
            BulkRequest::V1(_) => Api::V1,
            BulkRequest::V2(_) => Api::V2,
        }
    }

    /// How many destinations (v1) or entries (v2) the request has.
    ///
    /// ```
    /// use ses_presend::request::bulk::{BulkRequest, SendBulkTemplatedEmailRequest};
    /// assert_eq!(BulkRequest::V1(SendBulkTemplatedEmailRequest::default()).len(), 0);
    /// ```
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        match self {
            BulkRequest::V1(r) => r.destinations.as_ref().map_or(0, Vec::len),
            BulkRequest::V2(r) => r.bulk_email_entries.as_ref().map_or(0, Vec::len),
        }
    }
}

/// The status SES gives one destination of a bulk send (v1 `BulkEmailStatus`, v2 the same
/// values in upper case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BulkStatus {
    /// SES accepted the message for this destination.
    Success,
    /// `MessageRejected` (an unverified recipient in the sandbox, a blocked attachment).
    MessageRejected,
    /// The MAIL FROM domain is not verified.
    MailFromDomainNotVerified,
    /// The configuration set does not exist.
    ConfigurationSetDoesNotExist,
    /// The template does not exist.
    TemplateDoesNotExist,
    /// The account is suspended.
    AccountSuspended,
    /// Over the account's maximum sending rate.
    AccountThrottled,
    /// Over the account's 24-hour quota.
    AccountDailyQuotaExceeded,
    /// The configuration set names an IP pool that does not exist.
    InvalidSendingPoolName,
    /// Sending is disabled for the account.
    AccountSendingPaused,
    /// Sending is disabled for the configuration set.
    ConfigurationSetSendingPaused,
    /// A parameter of this destination is invalid (the error says which).
    InvalidParameterValue,
    /// A temporary failure.
    TransientFailure,
    /// Another failure.
    Failed,
}

impl BulkStatus {
    /// The status as v1 names it (`Status` of `BulkEmailDestinationStatus`).
    ///
    /// ```
    /// use ses_presend::request::bulk::BulkStatus;
    /// assert_eq!(BulkStatus::AccountThrottled.v1_name(), "AccountThrottled");
    /// ```
    pub fn v1_name(self) -> &'static str {
        use BulkStatus::*;
        match self {
            Success => "Success",
            MessageRejected => "MessageRejected",
            MailFromDomainNotVerified => "MailFromDomainNotVerified",
            ConfigurationSetDoesNotExist => "ConfigurationSetDoesNotExist",
            TemplateDoesNotExist => "TemplateDoesNotExist",
            AccountSuspended => "AccountSuspended",
            AccountThrottled => "AccountThrottled",
            AccountDailyQuotaExceeded => "AccountDailyQuotaExceeded",
            InvalidSendingPoolName => "InvalidSendingPoolName",
            AccountSendingPaused => "AccountSendingPaused",
            ConfigurationSetSendingPaused => "ConfigurationSetSendingPaused",
            InvalidParameterValue => "InvalidParameterValue",
            TransientFailure => "TransientFailure",
            Failed => "Failed",
        }
    }

    /// The status as v2 names it (`Status` of `BulkEmailEntryResult`, the API model's enum).
    ///
    /// ```
    /// use ses_presend::request::bulk::BulkStatus;
    /// assert_eq!(BulkStatus::InvalidParameterValue.v2_name(), "INVALID_PARAMETER");
    /// ```
    pub fn v2_name(self) -> &'static str {
        use BulkStatus::*;
        match self {
            Success => "SUCCESS",
            MessageRejected => "MESSAGE_REJECTED",
            MailFromDomainNotVerified => "MAIL_FROM_DOMAIN_NOT_VERIFIED",
            ConfigurationSetDoesNotExist => "CONFIGURATION_SET_NOT_FOUND",
            TemplateDoesNotExist => "TEMPLATE_NOT_FOUND",
            AccountSuspended => "ACCOUNT_SUSPENDED",
            AccountThrottled => "ACCOUNT_THROTTLED",
            AccountDailyQuotaExceeded => "ACCOUNT_DAILY_QUOTA_EXCEEDED",
            InvalidSendingPoolName => "INVALID_SENDING_POOL_NAME",
            AccountSendingPaused => "ACCOUNT_SENDING_PAUSED",
            ConfigurationSetSendingPaused => "CONFIGURATION_SET_SENDING_PAUSED",
            InvalidParameterValue => "INVALID_PARAMETER",
            TransientFailure => "TRANSIENT_FAILURE",
            Failed => "FAILED",
        }
    }

    /// The status on `api` (v1's names, or v2's).
    ///
    /// ```
    /// use ses_presend::request::bulk::BulkStatus;
    /// assert_eq!(BulkStatus::Success.name(ses_presend::Api::V2), "SUCCESS");
    /// ```
    pub fn name(self, api: Api) -> &'static str {
        match api {
            Api::V2 => self.v2_name(),
            _ => self.v1_name(),
        }
    }

    /// The status of a destination SES answers with `error` (decided `bulk-entry-status`).
    ///
    /// ```
    /// use ses_presend::request::bulk::BulkStatus;
    /// use ses_presend::{ErrorCode, SesError};
    /// let e = SesError::new(ErrorCode::Throttling, "Daily message quota exceeded.");
    /// assert_eq!(BulkStatus::of_error(&e), BulkStatus::AccountDailyQuotaExceeded);
    /// ```
    pub fn of_error(error: &SesError) -> BulkStatus {
        use BulkStatus::*;
        match error.code {
            ErrorCode::MessageRejected => MessageRejected,
            ErrorCode::MailFromDomainNotVerified => MailFromDomainNotVerified,
            ErrorCode::ConfigurationSetDoesNotExist => ConfigurationSetDoesNotExist,
            ErrorCode::TemplateDoesNotExist => TemplateDoesNotExist,
            ErrorCode::AccountSendingPausedException => AccountSendingPaused,
            ErrorCode::ConfigurationSetSendingPausedException => ConfigurationSetSendingPaused,
            ErrorCode::Throttling
                if error.message == crate::texts::account::DAILY_QUOTA_EXCEEDED =>
            {
                AccountDailyQuotaExceeded
            }
            ErrorCode::Throttling => AccountThrottled,
            ErrorCode::InvalidParameterValue | ErrorCode::ValidationError => InvalidParameterValue,
            ErrorCode::InternalFailure | ErrorCode::ServiceUnavailable => TransientFailure,
            _ => Failed,
        }
    }
}

/// One destination's answer: its status and, unless it succeeded, SES's error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryResult {
    /// The status.
    pub status: BulkStatus,
    /// The error (its message is the entry's `Error`); `None` on success.
    pub error: Option<SesError>,
}

impl EntryResult {
    /// The result of a destination whose first error is `error`, or a success.
    ///
    /// ```
    /// use ses_presend::request::bulk::{BulkStatus, EntryResult};
    /// assert_eq!(EntryResult::of(None).status, BulkStatus::Success);
    /// ```
    pub fn of(error: Option<SesError>) -> EntryResult {
        EntryResult {
            status: error
                .as_ref()
                .map_or(BulkStatus::Success, BulkStatus::of_error),
            error,
        }
    }
}

/// Every problem of a bulk send: the request's own, then each destination's (its fields
/// relative to the destination: `Destination.ToAddresses[0]`, `ReplacementTags[1].Name`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BulkReport {
    /// The request-level findings; an error here is SES's answer to the whole request.
    pub request: Report,
    /// One report per destination, in the request's order.
    pub entries: Vec<Report>,
}

impl BulkReport {
    /// SES's answer: the request's error, or every destination's result.
    ///
    /// ```
    /// use ses_presend::request::bulk::{report_bulk, BulkRequest, SendBulkTemplatedEmailRequest};
    /// let report = report_bulk(&BulkRequest::V1(SendBulkTemplatedEmailRequest::default()), &ses_presend::Context::new());
    /// assert_eq!(report.answer().unwrap_err().code.as_str(), "ValidationError");
    /// ```
    pub fn answer(&self) -> Result<Vec<EntryResult>, SesError> {
        if let Some(error) = self.request.first_error() {
            return Err(error.clone());
        }
        Ok(self
            .entries
            .iter()
            .map(|r| EntryResult::of(r.first_error().cloned()))
            .collect())
    }
}

/// SES's answer to a bulk send with what `context` knows: the error of the whole request, or
/// each destination's result in order. With a quota, each accepted destination takes its
/// recipients from it.
///
/// ```
/// use ses_presend::request::bulk::{check_bulk, BulkRequest, SendBulkTemplatedEmailRequest};
/// let req = BulkRequest::V1(SendBulkTemplatedEmailRequest::default());
/// let err = check_bulk(&req, &ses_presend::Context::new()).unwrap_err();
/// assert!(err.message.starts_with("4 validation errors detected: Value null at 'destinations'"));
/// ```
pub fn check_bulk(req: &BulkRequest, context: &Context<'_>) -> Result<Vec<EntryResult>, SesError> {
    super::check::bulk::check(req, context)
}

/// Every problem of a bulk send, the request's and each destination's, with what `context`
/// knows (a quota is only looked at).
///
/// ```
/// use ses_presend::request::bulk::{report_bulk, BulkRequest};
/// let req = BulkRequest::from_json(ses_presend::Api::V2, r#"{
///     "FromEmailAddress": "ops@example.com",
///     "DefaultContent": {"Template": {"TemplateName": "welcome", "TemplateData": "{}"}},
///     "BulkEmailEntries": [{"Destination": {"ToAddresses": ["a@example.com", "b@"]}}]}"#).unwrap();
/// let report = report_bulk(&req, &ses_presend::Context::new());
/// assert!(report.request.errors.is_empty());
/// assert_eq!(report.entries[0].errors[0].field, "Destination.ToAddresses[1]");
/// ```
pub fn report_bulk(req: &BulkRequest, context: &Context<'_>) -> BulkReport {
    super::check::bulk::report(req, context)
}
