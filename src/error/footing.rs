//! How sure each answer is: the certainty of every SES text the crate can produce, read from
//! the catalogue in `texts`, and of every advisory, by its reason.
//!
//! An error's words are looked up here when it is shown, never when it is made, so the checks'
//! fast paths pay nothing for it. A place that knows better than the words (the same text can
//! be seen in one situation and decided in another) marks its error with
//! `SesError::decided`.

use super::ErrorCode;
use crate::texts::{address as addr, query as q, raw, request as req, Certainty, DECISIONS};

/// The footing of one answer: how sure it is and, when decided, which row of `DECISIONS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Footing {
    pub(crate) certainty: Certainty,
    pub(crate) decision: Option<&'static str>,
}

impl Footing {
    pub(crate) const SEEN: Footing = Footing {
        certainty: Certainty::Seen,
        decision: None,
    };
    pub(crate) const DOCUMENTED: Footing = Footing {
        certainty: Certainty::Documented,
        decision: None,
    };

    pub(crate) const fn decided(id: &'static str) -> Footing {
        Footing {
            certainty: Certainty::Decided,
            decision: Some(id),
        }
    }
}

/// Whether a decided rule only advises: its error must not reject (the principle of the
/// `DECISIONS` table).
pub(crate) fn only_advises(decision: Option<&str>) -> bool {
    decision.is_some_and(|id| {
        DECISIONS
            .iter()
            .any(|d| d.id == id && d.effect == crate::texts::Effect::Advises)
    })
}

/// The footing of an error from its code and words. Texts the catalogue does not know are
/// `Decided` with no row, which the tests refuse: every text must be in the catalogue.
pub(crate) fn of_text(code: ErrorCode, text: &str) -> Footing {
    use Footing as F;
    let starts = |p: &str| text.starts_with(p);
    // The address parser's texts come first: they are the most frequent.
    if ADDRESS_SEEN.contains(&text) {
        return F::SEEN;
    }
    if text == "Domain literal not at start of domain"
        || text == "Domain literal end not at end of domain"
    {
        return F::decided("domain-literal-position");
    }
    match code {
        ErrorCode::ValidationError => {
            return match (starts("1 validation error"), text.contains(".member.")) {
                (true, false) => F::SEEN,
                (_, true) => F::decided("validation-nested-paths"),
                (false, false) => F::decided("validation-member-order"),
            };
        }
        ErrorCode::UnknownOperationException if text.is_empty() => return F::SEEN,
        // TestRenderTemplate's own codes: documented, their words decided.
        ErrorCode::MissingRenderingAttribute | ErrorCode::InvalidRenderingParameter => {
            return F::decided("test-render-errors")
        }
        // The words a v1 send was seen to use (texts::template::template_not_found).
        ErrorCode::TemplateDoesNotExist
            if starts("Template ") && text.ends_with(" does not exist") =>
        {
            return F::SEEN
        }
        ErrorCode::InvalidParameterValue if text.is_empty() => return F::SEEN,
        ErrorCode::ServiceUnavailable | ErrorCode::InternalFailure => return F::DOCUMENTED,
        _ => {}
    }
    const SEEN_EXACT: &[&str] = &[
        addr::V2_EMPTY_ADDRESS,
        req::RECIPIENT_COUNT_EXCEEDED,
        req::TAG_NAME_EMPTY,
        req::TAG_VALUE_EMPTY,
        req::TAG_NAME_TOO_LONG,
        req::TAG_VALUE_TOO_LONG,
        req::SOURCE_CANNOT_BE_EMPTY,
        crate::texts::account::SENDING_PAUSED,
        crate::texts::account::MAX_SEND_RATE_EXCEEDED,
        crate::texts::account::DAILY_QUOTA_EXCEEDED,
        raw::EMPTY_HEADER_NAME,
        raw::HEADER_SECTION_TOO_LONG,
        raw::MISSING_START_BOUNDARY,
        q::REQUIRES_CREDENTIAL,
        q::REQUIRES_SIGNATURE,
        q::REQUIRES_SIGNED_HEADERS,
        q::INVALID_CLIENT_TOKEN_ID,
        q::INVALID_CLIENT_TOKEN_ID_NO_PERIOD,
        q::MISSING_AUTHENTICATION_TOKEN,
        // v2's text for a call without credentials.
        "Missing Authentication Token",
        crate::texts::template::UNABLE_TO_PARSE_TEMPLATE_DATA,
        crate::texts::template::UNSUPPORTED_OPERATIONS,
    ];
    if SEEN_EXACT.contains(&text) {
        return F::SEEN;
    }
    const DOCUMENTED_EXACT: &[&str] = &[
        raw::SMTP_MESSAGE_TOO_LONG,
        q::REQUEST_EXPIRED,
        q::OPT_IN_REQUIRED,
        q::REQUIRES_DATE,
    ];
    if DOCUMENTED_EXACT.contains(&text) {
        return F::DOCUMENTED;
    }
    // Exact decided texts, with their rows.
    const DECIDED_EXACT: &[(&str, &str)] = &[
        (req::V2_RAW_NOT_BASE64, "v2-raw-content"),
        (req::NO_RECIPIENTS, "no-recipients"),
        (
            req::CONFIGURATION_SET_NAME_TOO_LONG,
            "configuration-set-name",
        ),
        (req::CONTENT_SHAPE, "v2-content-shape"),
        (req::TEMPLATE_SHAPE, "v2-content-shape"),
        (req::TOO_MANY_HEADERS, "v2-custom-headers"),
        (req::ATTACHMENT_FILE_NAME_TOO_LONG, "v2-attachments"),
        (req::ATTACHMENT_CONTENT_TYPE, "v2-attachments"),
        (req::ATTACHMENT_CONTENT_ID, "v2-attachments"),
        (req::TEMPLATE_DATA_TOO_LONG, "template-data-size"),
        (req::BULK_TEMPLATE_DATA_INVALID, "bulk-template-data-absent"),
        (req::BULK_TOO_MANY_DESTINATIONS, "bulk-destination-count"),
        (req::BULK_NO_TEMPLATE, "bulk-default-content"),
        (req::BULK_NO_DESTINATIONS, "bulk-no-destinations"),
        (
            crate::texts::account::MAIL_FROM_NOT_VERIFIED,
            "mail-from-not-verified",
        ),
        (
            crate::texts::account::ACCOUNT_SENDING_DISABLED,
            "sending-disabled",
        ),
        (raw::UNBALANCED_COMMENT, "raw-mime-syntax"),
        (raw::UNBALANCED_QUOTE, "raw-mime-syntax"),
        (q::MALFORMED_QUERY_STRING, "query-malformed"),
        (q::MISSING_ACTION, "query-missing-action"),
        (q::RAW_MESSAGE_NOT_BASE64, "query-raw-message"),
    ];
    if let Some((_, id)) = DECIDED_EXACT.iter().find(|(t, _)| *t == text) {
        return F::decided(id);
    }
    // Texts with a part that varies: the seen shapes first.
    const SEEN_PREFIX: &[&str] = &[
        "Invalid tag name <",
        "Invalid tag value <",
        "Configuration set <",
        crate::texts::account::NOT_VERIFIED_PREFIX,
        "Missing required header '",
        "Duplicate header '",
        "Illegal header '",
        "Expected '/', got ",
        "Expected disposition, got ",
        "Expected ';', got ",
        "Authorization header requires ",
        "Signature expired: ",
        "Address contains illegal characters in user name: '",
    ];
    if starts("Message length is more than 10485760 bytes long: '") {
        return F::SEEN;
    }
    if starts("Message length is more than ") {
        return F::decided("raw-message-size");
    }
    if starts("Empty required header 'To'") {
        return F::SEEN;
    }
    if starts("Could not find operation ") {
        return match text.ends_with(q::NO_VERSION) {
            true => F::decided("query-missing-version"),
            false => F::SEEN,
        };
    }
    if SEEN_PREFIX.iter().any(|p| starts(p)) {
        return F::SEEN;
    }
    const DOCUMENTED_PREFIX: &[&str] = &["553 ", "' not a valid key=value pair"];
    if DOCUMENTED_PREFIX.iter().any(|p| starts(p)) || text.contains(DOCUMENTED_PREFIX[1]) {
        return F::DOCUMENTED;
    }
    const DECIDED_PREFIX: &[(&str, &str)] = &[
        ("Empty required header '", "raw-required-headers"),
        ("Invalid configuration set name <", "configuration-set-name"),
        (
            "The parameters Template and TemplateArn ",
            "template-and-arn",
        ),
        ("The parameters ", "query-older-signing"),
        ("Invalid header name <", "v2-custom-headers"),
        ("Invalid value for header <", "v2-custom-headers"),
        ("Header <", "v2-custom-headers"),
        (
            "Email sending is disabled for configuration set <",
            "sending-disabled",
        ),
        ("Expected MIME type, got ", "raw-mime-syntax"),
        ("Expected MIME subtype, got ", "raw-mime-syntax"),
        ("Expected parameter name, got ", "raw-mime-syntax"),
        ("Expected '=', got ", "raw-mime-syntax"),
        ("Expected parameter value, got ", "raw-mime-syntax"),
        ("Unsupported encoding ", "raw-charset"),
        ("Unsupported charset '", "request-charset"),
        (
            "Credential must have exactly 5 slash-delimited elements",
            "query-credential-scope",
        ),
        ("Unsupported AWS 'algorithm': ", "query-signature-algorithm"),
        (
            "AWS query-string parameters must include ",
            "query-presigned",
        ),
        (
            "Date must be in ISO-8601 'basic format'.",
            "query-signature-date",
        ),
        ("Signature not yet current: ", "query-signature-window"),
        (
            "The request must contain the parameter ",
            "query-older-signing",
        ),
        ("The parameter ", "query-unknown-parameter"),
        (
            "The request body is not a valid SendEmail request: ",
            "v2-bad-json",
        ),
        (
            "The request body is not a valid SendBulkEmail request: ",
            "v2-bad-json",
        ),
        (
            "The request body is not a valid TestRenderEmailTemplate request: ",
            "v2-bad-json",
        ),
    ];
    if starts("Attachment type not supported: ") {
        // A raw message's attachment is MessageRejected; a v2 request's, BadRequestException.
        return F::decided(match code {
            ErrorCode::MessageRejected => "raw-blocked-attachment",
            _ => "v2-attachments",
        });
    }
    if starts("Invalid ") && text.contains("is not an ISO 8601 date") {
        return F::decided("query-older-signing");
    }
    match DECIDED_PREFIX.iter().find(|(p, _)| starts(p)) {
        Some((_, id)) => F::decided(id),
        None => Footing {
            certainty: Certainty::Decided,
            decision: None,
        },
    }
}

/// The address parser's texts, all seen from SES (its JavaMail parser's messages).
const ADDRESS_SEEN: &[&str] = &[
    addr::ILLEGAL_ADDRESS,
    addr::EMPTY_ADDRESS,
    addr::ILLEGAL_ROUTE_ADDR,
    addr::MISSING_CLOSE_PAREN,
    addr::MISSING_OPEN_PAREN,
    addr::MISSING_QUOTE,
    addr::MISSING_OPEN_ANGLE,
    addr::MISSING_CLOSE_ANGLE,
    addr::MISSING_CLOSE_BRACKET,
    addr::EXTRA_ROUTE_ADDR,
    addr::ILLEGAL_SEMICOLON,
    addr::NESTED_GROUP,
    addr::QUOTE_NOT_AT_START,
    addr::QUOTE_NOT_AT_END,
    addr::QUOTED_CR_WITHOUT_LF,
    addr::QUOTED_NEWLINE_WITHOUT_WSP,
    addr::UNTERMINATED_QUOTE,
    addr::MISSING_LOCAL_NAME,
    addr::LOCAL_CONTROL_OR_WHITESPACE,
    addr::LOCAL_ILLEGAL_CHARACTER,
    addr::MISSING_FINAL_DOMAIN,
    addr::MISSING_DOMAIN,
    addr::DOMAIN_STARTS_WITH_DOT,
    addr::DOMAIN_CONTROL_OR_WHITESPACE,
    addr::DOMAIN_ILLEGAL_CHARACTER,
    addr::DOMAIN_DOT_DOT,
    addr::DOMAIN_ENDS_WITH_DOT,
];

/// The footing of an advisory, by its reason's stable name: the project's advice rests on a
/// documented rule (an RFC, AWS's documentation) unless it is listed here.
pub(crate) fn of_advice(reason: &str) -> Footing {
    match reason {
        // SES was seen to mangle raw non-ASCII names.
        "name-raw-non-ascii" => Footing::SEEN,
        "subject-without-charset" => Footing::decided("v2-subject-charset"),
        "header-section-too-long" => Footing::decided("raw-header-section-limit"),
        "missing-end-boundary" => Footing::decided("raw-boundary"),
        "mime-too-deep" | "encoded-container" => Footing::decided("raw-mime-depth"),
        "findings-truncated" => Footing::decided("report-finding-cap"),
        "domain-literal-misplaced" => Footing::decided("domain-literal-position"),
        "to-header-missing" => Footing::decided("raw-required-headers"),
        // AWS documents the dropped message and the event's words; which attribute is named
        // first is decided (`template-part-order`).
        "rendering-failure" => Footing::DOCUMENTED,
        "template-not-renderable" => Footing::decided("template-render-bounds"),
        "inline-template-form" => Footing::decided("inline-template-forms"),
        "template-data-not-json" => Footing::decided("v1-template-data-json"),
        "special-use-domain" => Footing::decided("special-use-domains"),
        "dns-lookup-failed" => Footing::decided("dns-lookup-failed"),
        _ => Footing::DOCUMENTED,
    }
}
