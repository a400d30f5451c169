//! Every text SES answers with, and every choice the project made where SES's behaviour is
//! unknown, in one place.
//!
//! Each entry says how sure we are of it (see `ses-behaviour.md`):
//! [`Certainty::Seen`] means the exact text was quoted from a real SES response or AWS's
//! documentation, [`Certainty::Doc`] that the rule is documented but the words were not seen,
//! and [`Certainty::Decided`] that SES's behaviour is unknown or contradictory and this is the
//! project's choice. [`DECISIONS`] is the one table of such choices; change them there.

/// How sure we are that SES behaves as an entry says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Certainty {
    /// The exact text was quoted from a real SES response or from AWS's documentation.
    Seen,
    /// The rule is documented by AWS; the error text was not seen.
    Doc,
    /// SES's behaviour is unknown or contradictory: this is the project's choice.
    Decided,
}

/// One choice the project made where SES's behaviour is not known for certain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    /// A short stable name for the choice.
    pub id: &'static str,
    /// The situation the choice applies to.
    pub situation: &'static str,
    /// What ses-presend does.
    pub choice: &'static str,
}

/// The one table of behaviours that are decided rather than observed.
///
/// ```
/// let ids: Vec<_> = ses_presend::DECISIONS.iter().map(|d| d.id).collect();
/// assert!(ids.contains(&"non-ascii-domain"));
/// ```
pub const DECISIONS: &[Decision] = &[
    Decision {
        id: "non-ascii-domain",
        situation: "a domain with a non-ASCII character that is not a space or control \
                    character; one 2022 report saw `Domain contains control or whitespace`",
        choice: "`Domain contains illegal character`, as the more recent reports (2022, 2023)",
    },
    Decision {
        id: "unicode-space-in-domain",
        situation: "a domain with a Unicode white-space (White_Space) or control (Cc) character",
        choice: "`Domain contains control or whitespace`",
    },
    Decision {
        id: "mail-from-code-name",
        situation: "the API model says `MailFromDomainNotVerifiedException`, the error table \
                    `MailFromDomainNotVerified`",
        choice: "send the table's name on the wire; accept both when reading",
    },
    Decision {
        id: "v2-names-of-other-codes",
        situation: "v1 codes with no v2 name observed (the request-level codes of §1)",
        choice: "v2 uses the v1 name and HTTP status unchanged",
    },
    Decision {
        id: "smtp-reply-classes",
        situation: "which SMTP reply prefix a code gets beyond the three observed classes",
        choice: "MessageRejected, MailFromDomainNotVerified and the sending-paused codes: \
                 `554 Message rejected:`; Throttling: `454 Throttling failure:`; \
                 InternalFailure and ServiceUnavailable: `451 Temporary service failure:`; \
                 every other code: `554 Transaction failed:`",
    },
];

/// The address parser's messages (ses-behaviour.md §3), all seen verbatim. They carry no final
/// period, unlike SES's own texts.
pub(crate) mod address {
    pub const ILLEGAL_ADDRESS: &str = "Illegal address";
    pub const EMPTY_ADDRESS: &str = "Empty address";
    pub const ILLEGAL_ROUTE_ADDR: &str = "Illegal route-addr";
    pub const MISSING_CLOSE_PAREN: &str = "Missing ')'";
    pub const MISSING_OPEN_PAREN: &str = "Missing '('";
    pub const MISSING_QUOTE: &str = "Missing '\"'";
    pub const MISSING_OPEN_ANGLE: &str = "Missing '<'";
    pub const MISSING_CLOSE_ANGLE: &str = "Missing '>'";
    pub const MISSING_CLOSE_BRACKET: &str = "Missing ']'";
    pub const EXTRA_ROUTE_ADDR: &str = "Extra route-addr";
    pub const ILLEGAL_SEMICOLON: &str = "Illegal semicolon, not in group";
    pub const NESTED_GROUP: &str = "Nested group";
    pub const QUOTE_NOT_AT_START: &str = "Quote not at start of local address";
    pub const QUOTE_NOT_AT_END: &str = "Quote not at end of local address";
    pub const QUOTED_CR_WITHOUT_LF: &str = "Quoted local address contains CR without LF";
    pub const QUOTED_NEWLINE_WITHOUT_WSP: &str =
        "Quoted local address contains newline without whitespace";
    pub const UNTERMINATED_QUOTE: &str = "Unterminated quote";
    pub const MISSING_LOCAL_NAME: &str = "Missing local name";
    pub const LOCAL_CONTROL_OR_WHITESPACE: &str = "Local address contains control or whitespace";
    pub const LOCAL_ILLEGAL_CHARACTER: &str = "Local address contains illegal character";
    pub const MISSING_FINAL_DOMAIN: &str = "Missing final '@domain'";
    pub const MISSING_DOMAIN: &str = "Missing domain";
    pub const DOMAIN_STARTS_WITH_DOT: &str = "Domain starts with dot";
    pub const DOMAIN_CONTROL_OR_WHITESPACE: &str = "Domain contains control or whitespace";
    pub const DOMAIN_ILLEGAL_CHARACTER: &str = "Domain contains illegal character";
    pub const DOMAIN_DOT_DOT: &str = "Domain contains dot-dot";
    pub const DOMAIN_ENDS_WITH_DOT: &str = "Domain ends with dot";
    pub const DOMAIN_LITERAL_NOT_AT_START: &str = "Domain literal not at start of domain";
    pub const DOMAIN_LITERAL_END_NOT_AT_END: &str = "Domain literal end not at end of domain";
    /// v2 SendEmail with an empty string in an address list (seen).
    pub const V2_EMPTY_ADDRESS: &str = "Invalid email address .";
}
