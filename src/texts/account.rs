//! SES's texts that depend on the account (`docs/account.md`).

/// Seen: the start of the unverified-identity text.
pub const NOT_VERIFIED_PREFIX: &str =
    "Email address is not verified. The following identities failed the check in region ";
/// Seen.
pub const SENDING_PAUSED: &str = "Sending paused for this account. For more information, \
                                  please check the inbox of the email address associated \
                                  with your AWS account.";
/// Seen.
pub const MAX_SEND_RATE_EXCEEDED: &str = "Maximum sending rate exceeded.";
/// Seen (SMTP).
pub const DAILY_QUOTA_EXCEEDED: &str = "Daily message quota exceeded.";
/// Decided (`mail-from-not-verified`).
pub const MAIL_FROM_NOT_VERIFIED: &str = "Mail FROM domain is not verified.";
/// Decided (`sending-disabled`).
pub const ACCOUNT_SENDING_DISABLED: &str = "Email sending is disabled for this account.";

/// Decided (`sending-disabled`).
pub fn configuration_set_sending_disabled(name: &str) -> String {
    format!("Email sending is disabled for configuration set <{name}>.")
}
