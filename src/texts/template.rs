//! SES's texts about templates (docs/rendering.md).

/// The Rendering Failure event's `errorMessage` for a missing attribute. Documented (the event
/// example of the developer guide) and seen (a 2026 field report, `Attribute 'IF' …`).
pub fn attribute_not_present(name: &str) -> String {
    format!("Attribute '{name}' is not present in the rendering data.")
}

/// v2 SendEmail / SendBulkEmail with `TemplateData` that is not JSON (`BadRequestException`);
/// seen: <https://github.com/aws/aws-cli/issues/6349> (2021-08-22).
pub const UNABLE_TO_PARSE_TEMPLATE_DATA: &str = "Unable to parse template data (invalid JSON).";

/// v2 inline `TemplateContent` with more than simple substitution (`BadRequestException`);
/// seen: <https://github.com/aws/aws-sdk-js-v3/issues/6657> (2024-11-13).
pub const UNSUPPORTED_OPERATIONS: &str = "Template contains unsupported operations.";

/// `TemplateDoesNotExist` as a v1 send was seen to word it:
/// `Template example_name_dev_production does not exist` (no angle brackets;
/// <https://github.com/Enase/serverless-ses-template/issues/5>, 2018-12-29). `TestRenderTemplate`
/// and v2 `TestRenderEmailTemplate` answer with these words (decided `test-render-errors`).
pub fn template_not_found(name: &str) -> String {
    format!("Template {name} does not exist")
}
