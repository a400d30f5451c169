//! SMTP passwords as SES derives them from an IAM secret access key (docs/smtp.md#credentials).

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// The version byte of a Signature Version 4 SMTP password.
const VERSION_4: u8 = 0x04;

fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("any key length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// The SMTP password SES expects for an IAM user's secret access key in `region` (Signature
/// Version 4, as AWS's SMTP credentials guide derives it): an HMAC-SHA256 chain over the fixed
/// date `11111111`, the region, `ses`, `aws4_request` and `SendRawEmail`, prefixed with the
/// version byte 4 and written in base64. The SMTP user name is the access key id.
///
/// ```
/// use ses_presend::smtp::password_v4;
/// assert_eq!(password_v4("some+secret+key", "eu-central-1"),
///            "BMXhUYlu5Z3gSXVQORxlVa7XPaz91aGWdfHxvkOZdWZ2");
/// ```
pub fn password_v4(secret_key: &str, region: &str) -> String {
    let mut key = hmac_sha256(format!("AWS4{secret_key}").as_bytes(), b"11111111");
    for data in [region, "ses", "aws4_request", "SendRawEmail"] {
        key = hmac_sha256(&key, data.as_bytes());
    }
    let mut bytes = Vec::with_capacity(33);
    bytes.push(VERSION_4);
    bytes.extend_from_slice(&key);
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Decodes a base64 line of an AUTH exchange; `None` when it is not base64.
pub(super) fn decode(line: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(line.trim())
        .ok()
}
