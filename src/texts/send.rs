//! Texts shared by the send checks of requests (`docs/requests.md`) and raw messages
//! (`docs/raw.md`).

/// Seen.
pub const RECIPIENT_COUNT_EXCEEDED: &str = "Recipient count exceeds 50.";

/// Seen for v1 SendRawEmail (`Message length is more than 10485760 bytes long:
/// '12078147'.`); the v2 limit and its use for built messages are decided
/// (`raw-message-size`, `simple-message-size`).
pub fn message_too_long(limit: u64, size: u64) -> String {
    format!("Message length is more than {limit} bytes long: '{size}'.")
}

/// Decided (`docs/raw.md`; `raw-blocked-attachment`, `v2-attachments`).
pub fn attachment_type_not_supported(file_name: &str) -> String {
    format!("Attachment type not supported: {file_name}.")
}
