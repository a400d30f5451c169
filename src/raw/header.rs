//! Header sections, split into fields the way SES reads them (docs/raw.md; the rules
//! that are not observed are the `raw-header-lines` decision).
//!
//! ```text
//! header-section = *(field / bad-line) [blank-line]
//! field          = name ":" value *(continuation)        ; name: 1*(%x21-39 / %x3B-7E) [WSP]
//! continuation   = (SP / HTAB) *text line-break          ; unfolded into the field above
//! blank-line     = line-break                            ; ends the section; none: all headers
//! line-break     = CRLF / LF
//! ```
//!
//! A line that is not a field is reported, not skipped: a line without a colon or with a name
//! holding other characters (a body line, when the blank line is missing) is an illegal header
//! named by the text before its first colon; a line with nothing before its colon, a
//! continuation with no field above it, and a bare CR are empty header names.
//!
//! mail-parser's splitter drops such lines silently, so this one is the crate's own; it works
//! on offsets into the message and copies nothing.

use super::lines::line_at;
use memchr::memchr;
use std::ops::Range;

/// One header field: its name and its value (folded, as written) in the message.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub name: Range<usize>,
    /// From after the colon to the end of the field's last line (line break excluded).
    pub value: Range<usize>,
}

/// What is wrong with a line of the top-level header section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LineProblem {
    /// A line with nothing before its colon, or a continuation with no field above it.
    EmptyName,
    /// A CR that is not followed by LF.
    BareCr,
    /// A line that is not a field: the text before its first colon (the whole line without
    /// one).
    Illegal(Range<usize>),
}

/// The top-level header section.
#[derive(Debug)]
pub(crate) struct Section {
    pub fields: Vec<Field>,
    /// Each line problem, with the offset of its line, in order (at most [`MAX_PROBLEMS`]).
    pub problems: Vec<(usize, LineProblem)>,
    /// The end of the section: the start of the blank line, or the end of the message.
    pub end: usize,
    /// Where the body starts: after the blank line.
    pub body: usize,
}

/// Line problems kept in a section; a message of garbage has one per line.
pub(crate) const MAX_PROBLEMS: usize = 1000;

#[inline]
fn is_wsp(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

/// A name byte: printable ASCII other than `:` (RFC 5322 ftext).
#[inline]
fn is_name_byte(c: u8) -> bool {
    (0x21..=0x7E).contains(&c) && c != b':'
}

/// Splits the header section that starts the message.
pub(crate) fn split_top(b: &[u8]) -> Section {
    let mut fields: Vec<Field> = Vec::new();
    let mut problems = Vec::new();
    let mut problem = |at: usize, p: LineProblem| {
        if problems.len() < MAX_PROBLEMS {
            problems.push((at, p));
        }
    };
    // Whether the last line was a field, so that a continuation extends it.
    let mut in_field = false;
    let mut pos = 0;
    while pos < b.len() {
        let (end, next) = line_at(b, pos);
        if end == pos {
            return Section {
                fields,
                problems,
                end: pos,
                body: next,
            };
        }
        let line = &b[pos..end];
        if memchr(b'\r', line).is_some() {
            problem(pos, LineProblem::BareCr);
        }
        if is_wsp(line[0]) {
            match fields.last_mut() {
                Some(field) if in_field => field.value.end = end,
                _ => problem(pos, LineProblem::EmptyName),
            }
        } else {
            in_field = false;
            match memchr(b':', line) {
                None => problem(pos, LineProblem::Illegal(pos..end)),
                Some(colon) => {
                    let written = &line[..colon];
                    let trimmed =
                        written.len() - written.iter().rev().take_while(|&&c| is_wsp(c)).count();
                    if trimmed == 0 {
                        problem(pos, LineProblem::EmptyName);
                    } else if !written[..trimmed].iter().all(|&c| is_name_byte(c)) {
                        problem(pos, LineProblem::Illegal(pos..pos + colon));
                    } else {
                        fields.push(Field {
                            name: pos..pos + trimmed,
                            value: pos + colon + 1..end,
                        });
                        in_field = true;
                    }
                }
            }
        }
        pos = next;
    }
    Section {
        fields,
        problems,
        end: b.len(),
        body: b.len(),
    }
}

/// The MIME fields of a part's (or an embedded message's) header section, the first of each.
#[derive(Debug, Clone, Default)]
pub(crate) struct MimeFields {
    pub content_type: Option<Range<usize>>,
    pub disposition: Option<Range<usize>>,
    pub transfer_encoding: Option<Range<usize>>,
    /// Whether any header line has a byte over 0x7F.
    pub eight_bit: bool,
    /// Where the body starts.
    pub body: usize,
}

/// Which of the MIME fields a name is.
fn mime_field(name: &[u8]) -> Option<u8> {
    if name.eq_ignore_ascii_case(b"content-type") {
        Some(0)
    } else if name.eq_ignore_ascii_case(b"content-disposition") {
        Some(1)
    } else if name.eq_ignore_ascii_case(b"content-transfer-encoding") {
        Some(2)
    } else {
        None
    }
}

/// The MIME fields of the top-level section.
pub(crate) fn top_mime_fields(b: &[u8], section: &Section) -> MimeFields {
    let mut out = MimeFields {
        body: section.body,
        ..MimeFields::default()
    };
    for field in &section.fields {
        let slot = match mime_field(&b[field.name.clone()]) {
            Some(0) => &mut out.content_type,
            Some(1) => &mut out.disposition,
            Some(_) => &mut out.transfer_encoding,
            None => continue,
        };
        slot.get_or_insert_with(|| field.value.clone());
    }
    out
}

/// Reads the header section of a part from `start`. It ends at a blank line, or, for a part
/// with no blank line, at a line `is_boundary` accepts (the body is then empty), or at the end
/// of the message. Only the MIME fields are kept; line problems are SES's concern for the
/// top-level section only (`raw-header-lines`).
pub(crate) fn split_part(
    b: &[u8],
    start: usize,
    mut is_boundary: impl FnMut(&[u8]) -> bool,
) -> MimeFields {
    let mut out = MimeFields::default();
    // The field the last line belongs to, if it is one of the three.
    let mut current: Option<u8> = None;
    let mut pos = start;
    while pos < b.len() {
        let (end, next) = line_at(b, pos);
        let line = &b[pos..end];
        if line.is_empty() {
            out.body = next;
            return out;
        }
        if line.starts_with(b"--") && is_boundary(line) {
            out.body = pos;
            return out;
        }
        out.eight_bit |= !line.is_ascii();
        if is_wsp(line[0]) {
            let slot = match current {
                Some(0) => &mut out.content_type,
                Some(1) => &mut out.disposition,
                Some(_) => &mut out.transfer_encoding,
                None => {
                    pos = next;
                    continue;
                }
            };
            if let Some(value) = slot {
                value.end = end;
            }
        } else {
            current = None;
            if let Some(colon) = memchr(b':', line) {
                let name = &line[..colon];
                let name =
                    &name[..name.len() - name.iter().rev().take_while(|&&c| is_wsp(c)).count()];
                if let Some(which) = mime_field(name) {
                    let slot = match which {
                        0 => &mut out.content_type,
                        1 => &mut out.disposition,
                        _ => &mut out.transfer_encoding,
                    };
                    if slot.is_none() {
                        *slot = Some(pos + colon + 1..end);
                        current = Some(which);
                    }
                }
            }
        }
        pos = next;
    }
    out.body = b.len();
    out
}

/// The singleton headers SES allows once (https://docs.aws.amazon.com/ses/latest/dg/header-fields.html),
/// spelled as AWS documents them and sorted without case for a binary search.
const SINGLETONS: [&str; 59] = [
    "Accept-Language",
    "acceptLanguage",
    "Archived-At",
    "Auto-Submitted",
    "Bounces-to",
    "Comments",
    "Content-Alternative",
    "Content-Base",
    "Content-Class",
    "Content-Description",
    "Content-Disposition",
    "Content-Duration",
    "Content-ID",
    "Content-Language",
    "Content-Length",
    "Content-Location",
    "Content-MD5",
    "Content-Transfer-Encoding",
    "Content-Type",
    "Date",
    "Delivered-To",
    "Disposition-Notification-Options",
    "Disposition-Notification-To",
    "DKIM-Signature",
    "DomainKey-Signature",
    "Errors-To",
    "From",
    "Importance",
    "In-Reply-To",
    "Keywords",
    "List-Archive",
    "List-Help",
    "List-Id",
    "List-Owner",
    "List-Post",
    "List-Subscribe",
    "List-Unsubscribe",
    "Message-Context",
    "Message-ID",
    "MIME-Version",
    "Organization",
    "Original-From",
    "Original-Message-ID",
    "Original-Recipient",
    "Original-Subject",
    "Precedence",
    "Priority",
    "References",
    "Reply-To",
    "Return-Path",
    "Return-Receipt-To",
    "Sender",
    "Sensitivity",
    "Solicitation",
    "Subject",
    "Thread-Index",
    "Thread-Topic",
    "User-Agent",
    "VBR-Info",
];

/// The index of a singleton header in [`SINGLETONS`], comparing without case.
pub(crate) fn singleton(name: &[u8]) -> Option<usize> {
    let mut buf = [0u8; 40];
    let lower = buf.get_mut(..name.len())?;
    for (d, s) in lower.iter_mut().zip(name) {
        *d = s.to_ascii_lowercase();
    }
    SINGLETONS
        .binary_search_by(|probe| {
            let probe = probe.bytes().map(|c| c.to_ascii_lowercase());
            probe.cmp(lower.iter().copied())
        })
        .ok()
}

/// The name of the singleton header in slot `slot` as AWS spells it (`MIME-Version`).
pub(crate) fn singleton_name(slot: usize) -> &'static str {
    SINGLETONS[slot]
}

/// The number of singleton headers, for a table of flags.
pub(crate) const SINGLETON_SLOTS: usize = SINGLETONS.len();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singletons_are_sorted_and_found() {
        let list = &SINGLETONS;
        let lower = |s: &str| s.to_ascii_lowercase();
        assert!(
            list.windows(2).all(|w| lower(w[0]) < lower(w[1])),
            "not sorted"
        );
        for (i, name) in list.iter().enumerate() {
            assert_eq!(singleton(name.as_bytes()), Some(i));
            assert_eq!(singleton(name.to_ascii_uppercase().as_bytes()), Some(i));
        }
        assert_eq!(singleton(b"To"), None);
        assert_eq!(singleton(b"X-Mailer"), None);
        assert_eq!(singleton(&[b'a'; 100]), None);
    }

    #[test]
    fn top_section_lines() {
        let msg = b"From: a@b.com\r\nSubject: hi\r\n  there\r\n: empty\r\nBody text here\r\n\
                    <p class=\"x\">see: this</p>\r\nX-A: 1\r\r\n\r\nbody";
        let s = split_top(msg);
        let names: Vec<_> = s
            .fields
            .iter()
            .map(|f| String::from_utf8_lossy(&msg[f.name.clone()]).into_owned())
            .collect();
        assert_eq!(names, ["From", "Subject", "X-A"]);
        assert_eq!(&msg[s.fields[1].value.clone()], b" hi\r\n  there");
        let kinds: Vec<_> = s
            .problems
            .iter()
            .map(|(_, p)| match p {
                LineProblem::Illegal(r) => String::from_utf8_lossy(&msg[r.clone()]).into_owned(),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "EmptyName",
                "Body text here",
                "<p class=\"x\">see",
                "BareCr"
            ]
        );
        assert_eq!(&msg[s.body..], b"body");
    }

    #[test]
    fn lf_only_and_no_blank_line() {
        let s = split_top(b"To: x@y.com\nSubject: s");
        assert_eq!(s.fields.len(), 2);
        assert_eq!(s.body, 22);
        let s = split_top(b"\nbody");
        assert!(s.fields.is_empty());
        assert_eq!(s.body, 1);
    }

    #[test]
    fn part_sections() {
        let msg = b"Content-Type: text/plain;\r\n charset=utf-8\r\nX: y\r\n\r\nbody\r\n--b--";
        let f = split_part(msg, 0, |_| false);
        assert_eq!(
            &msg[f.content_type.unwrap()],
            b" text/plain;\r\n charset=utf-8"
        );
        assert_eq!(&msg[f.body..], b"body\r\n--b--");
        let msg = b"Content-Type: text/plain\r\n--b--\r\n";
        let f = split_part(msg, 0, |l| l == b"--b--");
        assert_eq!(&msg[f.body..], b"--b--\r\n");
    }
}
