//! SES's texts for SendEmail, SendTemplatedEmail and v2 SendEmail requests
//! (`docs/requests.md`). Each says how sure it is; decided ones have a row in [`DECISIONS`].
//!
//! [`DECISIONS`]: super::DECISIONS

/// Decided (`v2-raw-content`): v2 Raw content whose Data is not base64.
pub const V2_RAW_NOT_BASE64: &str = "Content.Raw.Data is not valid base64.";

pub use super::send::RECIPIENT_COUNT_EXCEEDED;
/// Decided (`no-recipients`).
pub const NO_RECIPIENTS: &str = "There are no recipients specified.";
/// Seen.
pub const TAG_NAME_EMPTY: &str = "The tag name must be specified.";
/// Seen.
pub const TAG_VALUE_EMPTY: &str = "The tag value must be specified.";
/// Seen.
pub const TAG_NAME_TOO_LONG: &str = "Tag name cannot exceed 255 characters.";
/// Seen.
pub const TAG_VALUE_TOO_LONG: &str = "Tag value cannot exceed 255 characters.";

/// Seen, with the two spaces before `'-'` and the literal `<`, `>`.
pub fn tag_name_invalid(name: &str) -> String {
    format!("Invalid tag name <{name}>: only alphanumeric ASCII characters, '_',  '-' are allowed.")
}

/// Seen, with the two spaces before `'-'` and the space before `,`.
pub fn tag_value_invalid(value: &str) -> String {
    format!(
        "Invalid tag value <{value}>: only alphanumeric ASCII characters, '_',  '-' , '.', \
         '@' are allowed."
    )
}

/// Decided (`configuration-set-name`).
pub const CONFIGURATION_SET_NAME_TOO_LONG: &str =
    "Configuration set name cannot exceed 64 characters.";

/// Decided (`configuration-set-name`).
pub fn configuration_set_name_invalid(name: &str) -> String {
    format!(
        "Invalid configuration set name <{name}>: only alphanumeric ASCII characters, '_', \
         and '-' are allowed."
    )
}

/// Seen (`<`, `>` literal).
pub fn configuration_set_does_not_exist(name: &str) -> String {
    format!("Configuration set <{name}> does not exist.")
}

/// Seen for a v1 send: `Template example_name_dev_production does not exist`
/// (<https://github.com/Enase/serverless-ses-template/issues/5>, 2018-12-29).
pub fn template_does_not_exist(name: &str) -> String {
    crate::texts::template::template_not_found(name)
}

/// Seen (`docs/query.md`): `1 validation error detected: Value null at 'source' failed to
/// satisfy constraint: Member must not be null`, several joined by `; `.
pub fn validation_error(paths: &[String]) -> String {
    let mut out = match paths.len() {
        1 => "1 validation error detected: ".to_string(),
        n => format!("{n} validation errors detected: "),
    };
    for (i, path) in paths.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str("Value null at '");
        out.push_str(path);
        out.push_str("' failed to satisfy constraint: Member must not be null");
    }
    out
}

/// Decided (`template-and-arn`): the wording seen from another Query API.
pub fn parameters_exclusive(a: &str, b: &str) -> String {
    format!("The parameters {a} and {b} are mutually exclusive and you have specified both.")
}

/// Decided (`v2-content-shape`).
pub const CONTENT_SHAPE: &str = "Content must contain exactly one of Simple, Raw or Template.";
/// Decided (`v2-content-shape`).
pub const TEMPLATE_SHAPE: &str = "Template must name a template (TemplateName or \
                                  TemplateArn) or give its TemplateContent, not both.";
/// Seen once as `{"message":null}`: no text, which the v2 body renders as `null`
/// (`v2-missing-from`).
pub const V2_FROM_MISSING: &str = "";
/// Seen once: v2 Template content without FromEmailAddress.
pub const SOURCE_CANNOT_BE_EMPTY: &str = "Source cannot be empty";
/// Seen (`Unsupported charset 'string'.`, 2017); which names are known is decided
/// (`request-charset`).
pub fn unsupported_charset(name: &str) -> String {
    format!("Unsupported charset '{name}'.")
}

/// Decided (`v2-custom-headers`).
pub const TOO_MANY_HEADERS: &str = "Custom header count exceeds 15.";

/// Decided (`v2-custom-headers`).
pub fn header_name_invalid(name: &str) -> String {
    format!(
        "Invalid header name <{name}>: a name is 1 to 126 printable ASCII characters other \
         than ':'."
    )
}

/// Decided (`v2-custom-headers`).
pub fn header_value_invalid(name: &str) -> String {
    format!(
        "Invalid value for header <{name}>: a value is at most 995 printable ASCII \
         characters."
    )
}

/// Decided (`v2-custom-headers`).
pub fn header_too_long(name: &str) -> String {
    format!("Header <{name}> is too long: name and value together cannot exceed 996 characters.")
}

/// Decided (`v2-attachments`).
pub const ATTACHMENT_FILE_NAME_TOO_LONG: &str =
    "Attachment file name cannot exceed 255 characters.";
/// Decided (`v2-attachments`).
pub const ATTACHMENT_CONTENT_TYPE: &str = "Attachment content type must be 1 to 78 characters.";
/// Decided (`v2-attachments`).
pub const ATTACHMENT_CONTENT_ID: &str = "Attachment content ID must be 1 to 78 characters.";

pub use super::send::attachment_type_not_supported;

/// Decided (`template-data-size`).
pub const TEMPLATE_DATA_TOO_LONG: &str = "Template data cannot exceed 262144 characters.";

pub use super::send::message_too_long;

/// Seen as a bulk send's answer when a destination has no `ReplacementTemplateData`
/// (https://github.com/boto/boto3/issues/1795, 2018); its code and level are decided
/// (`bulk-template-data-absent`).
pub const BULK_TEMPLATE_DATA_INVALID: &str = "The template data is invalid";
/// Decided (`bulk-destination-count`).
pub const BULK_TOO_MANY_DESTINATIONS: &str = "Destination count exceeds 50.";
/// Decided (`bulk-default-content`).
pub const BULK_NO_TEMPLATE: &str = "DefaultContent must contain a Template.";
/// Decided (`bulk-no-destinations`): an advisory.
pub const BULK_NO_DESTINATIONS: &str = "The request has no destinations: SES sends nothing.";
