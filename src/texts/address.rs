//! The address parser's messages (`docs/addresses.md`), all seen verbatim. They carry no final
//! period, unlike SES's own texts.

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
/// JavaMail 1.5.2 and later only; SES is taken to run an earlier release, so these two are
/// named in the advisory `domain-literal-misplaced` (decided: `domain-literal-position`).
pub const DOMAIN_LITERAL_NOT_AT_START: &str = "Domain literal not at start of domain";
pub const DOMAIN_LITERAL_END_NOT_AT_END: &str = "Domain literal end not at end of domain";
/// v2 SendEmail with an empty string in an address list (seen).
pub const V2_EMPTY_ADDRESS: &str = "Invalid email address .";
