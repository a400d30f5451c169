//! The JSON line of `ses-presend address --format json`, written straight into a buffer: the
//! bytes serde_json writes for a [`Check`] (the tests below hold the two equal on the labelled
//! corpus), without serde's calls per key and per value.

use ses_presend::form::{Check, Finding};
use ses_presend::report::Certainty;

/// Appends `check` as one JSON object, as `serde_json::to_writer` writes it.
pub(super) fn push_check(out: &mut Vec<u8>, check: &Check<'_>) {
    out.extend_from_slice(b"{\"input\":");
    push_str(out, check.input);
    out.extend_from_slice(match check.ok {
        true => b",\"ok\":true",
        false => b",\"ok\":false",
    });
    if let Some(code) = check.code {
        push_key(out, b",\"code\":", code);
    }
    if let Some(message) = &check.message {
        push_key(out, b",\"message\":", message);
    }
    push_certainty(out, check.certainty, check.decision);
    if !check.advisories.is_empty() {
        out.extend_from_slice(b",\"advisories\":[");
        for (i, finding) in check.advisories.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            push_finding(out, finding);
        }
        out.push(b']');
    }
    if let Some(fix) = &check.fix {
        push_key(out, b",\"fix\":", fix);
    }
    out.push(b'}');
}

fn push_finding(out: &mut Vec<u8>, finding: &Finding) {
    push_key(out, b"{\"reason\":", finding.reason);
    push_key(out, b",\"field\":", &finding.field);
    push_key(out, b",\"message\":", &finding.message);
    if let Some(error) = &finding.error {
        push_key(out, b",\"error\":{\"code\":", error.code);
        push_key(out, b",\"message\":", &error.message);
        out.push(b'}');
    }
    push_certainty(out, finding.certainty, finding.decision);
    if let Some(fix) = &finding.fix {
        push_key(out, b",\"fix\":", fix);
    }
    out.push(b'}');
}

fn push_certainty(out: &mut Vec<u8>, certainty: Certainty, decision: Option<&str>) {
    out.extend_from_slice(match certainty {
        Certainty::Seen => b",\"certainty\":\"seen\"",
        Certainty::Documented => b",\"certainty\":\"documented\"",
        Certainty::Decided => b",\"certainty\":\"decided\"",
    });
    if let Some(decision) = decision {
        push_key(out, b",\"decision\":", decision);
    }
}

fn push_key(out: &mut Vec<u8>, key: &[u8], value: &str) {
    out.extend_from_slice(key);
    push_str(out, value);
}

/// Whether any of the 8 bytes of `word` is below 0x20, `"` or `\`.
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = word.wrapping_sub(0x20 * ONES) & !word & HIGH;
    below_space
        | zero_byte(word ^ (u64::from(b'"') * ONES))
        | zero_byte(word ^ (u64::from(b'\\') * ONES))
        != 0
}

/// Appends `text` as a JSON string, escaped as serde_json escapes it: `\"`, `\\`, `\b`, `\f`,
/// `\n`, `\r`, `\t`, and `\u00xx` for the other control characters; the rest as it is.
fn push_str(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.push(b'"');
    // Eight bytes at a time while none needs escaping, else one.
    let (mut clean, mut i) = (0, 0);
    while i < bytes.len() {
        if let Some(word) = bytes[i..].first_chunk::<8>() {
            if !needs_escape(u64::from_le_bytes(*word)) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0C => b"\\f",
            0..=0x1F => &[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xF)],
            ],
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[clean..i]);
        out.extend_from_slice(escape);
        i += 1;
        clean = i;
    }
    out.extend_from_slice(&bytes[clean..]);
    out.push(b'"');
}

const HEX: &[u8; 16] = b"0123456789abcdef";

#[cfg(test)]
mod tests {
    use super::*;
    use ses_presend::{form, Api, Strictness};

    /// The labelled corpus, and strings with every kind of character JSON escapes.
    fn inputs() -> Vec<String> {
        let corpus = include_str!("../../../../tests/data/ses-address-verdicts.tsv");
        let mut inputs: Vec<String> = corpus
            .split('\n')
            .filter_map(|line| line.split('\t').nth(1))
            .map(str::to_string)
            .collect();
        for special in [
            "\"", "\\", "\u{0}", "\u{1f}", "\u{7f}", "\u{8}", "\u{c}", "\n", "\r", "\t", "é",
            "\u{2028}",
        ] {
            for at in [0, 3, 9, 17] {
                let mut input = "Jose Smith <jose.smith@example.com>".to_string();
                input.insert_str(at, special);
                inputs.push(input.clone());
                inputs.push(format!("\"{input}\"@example.com"));
            }
        }
        inputs
    }

    #[test]
    fn the_same_bytes_as_serde_json() {
        for input in inputs() {
            for api in [Api::V1, Api::V2] {
                for strictness in [
                    Strictness::Ses,
                    Strictness::Deliverable,
                    Strictness::Documented,
                ] {
                    let mut check = form::address(&input, api, strictness);
                    for fix in [false, true] {
                        if fix {
                            check.fix = Some(format!("{input}\u{1}\"\\"));
                        }
                        let mut ours = Vec::new();
                        push_check(&mut ours, &check);
                        let theirs = serde_json::to_vec(&check).unwrap();
                        assert_eq!(
                            String::from_utf8_lossy(&ours),
                            String::from_utf8_lossy(&theirs),
                            "{input:?}"
                        );
                    }
                }
            }
        }
    }
}
