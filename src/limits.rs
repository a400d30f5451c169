//! SES's limits and the crate's own bounds, in one place. Each SES limit is answered with the
//! text SES gives for it (docs/limits.md); the crate's bounds keep hostile input cheap.

/// The most recipients one send may have (To, Cc and Bcc together; a group's members count
/// one by one): *Recipient count exceeds 50.*
pub const MAX_RECIPIENTS: usize = 50;

/// The largest message the v1 API takes, in bytes. A longer one gets `InvalidParameterValue`
/// `Message length is more than 10485760 bytes long: '<size>'.` and nothing more is read.
pub const V1_MAX_MESSAGE_SIZE: usize = 10_485_760;

/// The largest message v2 and the SMTP interface take, in bytes (40 MiB). A longer one gets
/// `Message length is more than 41943040 bytes long: '<size>'.` (SMTP: `552 Message is too
/// long.`) and nothing more is read.
pub const V2_MAX_MESSAGE_SIZE: usize = 41_943_040;

/// The header section size past which an advisory warns that SES may answer *Header section
/// too long.* (SES's limit is not documented; decided: `raw-header-section-limit`, which only
/// advises).
pub const MAX_HEADER_SECTION: usize = 262_144;

/// How deep the MIME tree is opened: parts of a container nested deeper are not checked, and
/// the report says so with the advisory `mime-too-deep`. The tree is walked with its own stack,
/// so nesting never deepens the call stack.
pub const MAX_MIME_DEPTH: usize = 64;

/// The longest configuration-set name, in characters.
pub const MAX_CONFIGURATION_SET_NAME: usize = 64;

/// The longest message-tag name or value, in characters.
pub const MAX_TAG: usize = 255;

/// The most v2 custom headers.
pub const MAX_HEADERS: usize = 15;

/// The longest template data, in characters: *Template data cannot exceed 262144 characters.*
pub const MAX_TEMPLATE_DATA: usize = 262_144;

/// How many unverified identities SES's text lists before it ends with `...` (decided:
/// `identity-list`).
pub const IDENTITY_LIST_CUTOFF: usize = 10;

/// The most errors a report keeps, and the most advisories: a hostile input can have one
/// finding per line (decided: `report-finding-cap`). One more advisory says how many were
/// dropped.
pub const MAX_FINDINGS: usize = 1000;
