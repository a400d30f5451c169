//! SES's replies on its SMTP interface (docs/smtp.md): the session's own lines, apart from
//! the errors of the message checks, which [`render::smtp_reply_to`] writes. Each says how
//! sure it is; decided ones name their `smtp-…` row in [`DECISIONS`].
//!
//! [`render::smtp_reply_to`]: crate::render::smtp_reply_to
//! [`DECISIONS`]: super::DECISIONS

/// Doc and seen: the host name of the greeting and of the EHLO reply, whatever the region.
pub const HOST: &str = "email-smtp.amazonaws.com";

/// Seen: what the greeting says after the host; SES adds two tokens that vary per connection.
pub const GREETING_PREFIX: &str = "220 email-smtp.amazonaws.com ESMTP SimpleEmailService-";

/// Seen: the last line of the EHLO reply, and the reply to MAIL, RCPT, RSET.
pub const OK: &str = "250 Ok";

/// Seen: the EHLO reply's extension lines (`smtp-ehlo`).
pub const EIGHT_BIT_MIME: &str = "250-8BITMIME";
/// Seen: STARTTLS offered, before TLS only (`smtp-ehlo`).
pub const STARTTLS: &str = "250-STARTTLS";
/// Seen.
pub const AUTH_MECHANISMS: &str = "250-AUTH PLAIN LOGIN";

/// Seen: the reply to STARTTLS.
pub const READY_TO_START_TLS: &str = "220 Ready to start TLS";
/// Seen: AUTH before STARTTLS on a STARTTLS port.
pub const MUST_STARTTLS: &str = "530 Must issue a STARTTLS command first";
/// Seen: AUTH LOGIN asks for the user name (base64 of `Username:`).
pub const ASK_USERNAME: &str = "334 VXNlcm5hbWU6";
/// Seen: AUTH LOGIN asks for the password (base64 of `Password:`).
pub const ASK_PASSWORD: &str = "334 UGFzc3dvcmQ6";
/// Seen in one annotated session: the challenge to AUTH PLAIN without an initial response.
pub const PLAIN_CHALLENGE: &str = "334 Ok";
/// Seen (the documentation prints it without the period).
pub const AUTH_SUCCESSFUL: &str = "235 Authentication successful.";
/// Doc and seen.
pub const CREDENTIALS_INVALID: &str = "535 Authentication Credentials Invalid";
/// Doc and seen: MAIL FROM without AUTH.
pub const AUTH_REQUIRED: &str = "530 Authentication required";
/// Seen (`smtp-envelope-syntax` decides when).
pub const INVALID_MAIL_FROM: &str = "501 Invalid MAIL FROM address provided";
/// Seen (`smtp-envelope-syntax` decides when).
pub const INVALID_RCPT_TO: &str = "501 Invalid RCPT TO address provided";
/// Seen.
pub const START_DATA: &str = "354 End data with <CR><LF>.<CR><LF>";
/// Seen: a quoted local part with `:` or `@` in `RCPT TO`, at the end of DATA
/// (`smtp-rcpt-quoted`); `address` is the address without its angle brackets.
pub fn illegal_user_name(address: &str) -> String {
    format!("Address contains illegal characters in user name: '<{address}>'.")
}
/// Seen: QUIT.
pub const BYE: &str = "221 Bye";
/// Seen: an idle connection is closed with it.
pub const TIMEOUT: &str = "451 4.4.2 Timeout waiting for data from client.";
/// Doc: past the connections at once.
pub const TOO_MANY_CONNECTIONS: &str = "421 Too many concurrent SMTP connections";
/// Seen: past the messages of one session (the number is decided, `smtp-bounds`).
pub const TOO_MANY_MESSAGES: &str =
    "421 Connection closed by server. Maximum message count per session reached.";

/// Decided (`smtp-bounds`): past the commands of one session.
pub const TOO_MANY_COMMANDS: &str =
    "421 Connection closed by server. Maximum command count per session reached.";
/// Decided (`smtp-bounds`): a command line over the limit.
pub const LINE_TOO_LONG: &str = "500 Line too long";
/// Decided (`smtp-bounds`): past the recipients of one message.
pub const TOO_MANY_RECIPIENTS: &str = "452 Too many recipients";
/// Decided (`smtp-protocol`): an unknown command, or one SES does not offer.
pub const NOT_IMPLEMENTED: &str = "500 Error: command not implemented";
/// Decided (`smtp-protocol`).
pub const VRFY_DISABLED: &str = "502 VRFY command is disabled";
/// Decided (`smtp-protocol`): EHLO without a name.
pub const EHLO_SYNTAX: &str = "501 Syntax: EHLO hostname";
/// Decided (`smtp-protocol`): HELO without a name.
pub const HELO_SYNTAX: &str = "501 Syntax: HELO hostname";
/// Decided (`smtp-protocol`): RCPT before MAIL.
pub const NEED_MAIL: &str = "503 Error: need MAIL command";
/// Decided (`smtp-protocol`): DATA before RCPT.
pub const NEED_RCPT: &str = "503 Error: need RCPT command";
/// Decided (`smtp-protocol`): a second MAIL in one transaction.
pub const SENDER_ALREADY: &str = "503 Sender already specified.";
/// Decided (`smtp-protocol`): AUTH once authenticated.
pub const ALREADY_AUTHENTICATED: &str = "503 Already authenticated";
/// Decided (`smtp-protocol`): an AUTH mechanism other than PLAIN and LOGIN.
pub const UNKNOWN_MECHANISM: &str = "504 Unrecognized authentication type";
/// Decided (`smtp-protocol`): STARTTLS once TLS is on.
pub const TLS_ALREADY_ACTIVE: &str =
    "454 TLS not available due to temporary reason: TLS already active";
