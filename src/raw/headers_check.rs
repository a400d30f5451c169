//! The header section's checks, in SES's order (docs/raw.md, with docs/addresses.md for every
//! address header): the section's length and lines, singleton headers given twice, the
//! required `From` and `To`, then every address of the address headers.

use super::header::{self, LineProblem, Section};
use super::sink::{finding, Flow, Sink};
use super::{address_error, msg, recipients, RawOptions, RawProblem, MAX_HEADER_SECTION};
use crate::address::{self, address_report, Domains};
use crate::error::{ErrorCode, SesError};
use crate::report::Report;
use memchr::memchr_iter;
use std::borrow::Cow;

/// SES's InvalidParameterValue with a text made for this message.
fn invalid(text: String) -> SesError {
    SesError::new(ErrorCode::InvalidParameterValue, text)
}

/// The name of a field as written (8-bit bytes shown as U+FFFD).
fn name_of<'a>(b: &'a [u8], field: &header::Field) -> Cow<'a, str> {
    String::from_utf8_lossy(&b[field.name.clone()])
}

/// The header section's length and its lines, and the 8-bit advisories.
pub(super) fn header_section(b: &[u8], section: &Section, sink: &mut Sink) -> Flow {
    if section.end > MAX_HEADER_SECTION {
        let len = section.end;
        sink.error(|| {
            finding(
                "headers".to_string(),
                RawProblem::HeaderSectionTooLong,
                format!(
                    "the header section is {len} bytes; SES takes at most {MAX_HEADER_SECTION}"
                ),
                Some(
                    SesError::invalid(msg::HEADER_SECTION_TOO_LONG)
                        .decided("raw-header-section-limit"),
                ),
            )
        })?;
    }
    // Line numbers, counted once across the problems (they come in order).
    let (mut line, mut counted) = (1usize, 0usize);
    for (at, problem) in &section.problems {
        line += memchr_iter(b'\n', &b[counted..*at]).count();
        counted = *at;
        let field = format!("headers.line[{line}]");
        let (kind, text, why) = match problem {
            LineProblem::EmptyName => (
                RawProblem::EmptyHeaderName,
                msg::EMPTY_HEADER_NAME.to_string(),
                "this header line has nothing before its colon (or is a continuation with no \
                 field above it)"
                    .to_string(),
            ),
            LineProblem::BareCr => (
                RawProblem::EmptyHeaderName,
                msg::EMPTY_HEADER_NAME.to_string(),
                "this header line has a CR that is not followed by LF; SES reads it as a line \
                 break followed by a line with no name"
                    .to_string(),
            ),
            LineProblem::Illegal(range) => {
                let text = String::from_utf8_lossy(&b[range.clone()]).into_owned();
                let why = format!(
                    "'{text}' is not a header field name: is the blank line between the \
                     headers and the body missing?"
                );
                (RawProblem::IllegalHeader, msg::illegal_header(&text), why)
            }
        };
        sink.error(|| finding(field, kind, why, Some(invalid(text))))?;
    }
    if sink.advising() {
        for field in &section.fields {
            if !b[field.value.clone()].is_ascii() {
                let name = name_of(b, field);
                sink.advise(|| {
                    finding(
                        format!("headers.{name}"),
                        RawProblem::EightBitHeader,
                        "the header has 8-bit bytes, which SES passes on as they are: encode \
                         them as RFC 2047 encoded-words"
                            .to_string(),
                        None,
                    )
                });
            }
        }
    }
    Ok(())
}

/// Singleton headers given more than once, one error per repeat (`raw-duplicate-header`).
pub(super) fn duplicates(b: &[u8], section: &Section, sink: &mut Sink) -> Flow {
    let mut seen = [false; header::SINGLETON_SLOTS];
    for field in &section.fields {
        let Some(slot) = header::singleton(&b[field.name.clone()]) else {
            continue;
        };
        if !std::mem::replace(&mut seen[slot], true) {
            continue;
        }
        // SES names the header as AWS spells it, whatever the message's spelling: `from:`
        // then `From:` gets `Duplicate header 'From'.`, `MIME-Version` then `mime-version`
        // gets `'MIME-Version'` (both seen; `raw-duplicate-header`).
        let name = name_of(b, field);
        let canonical = header::singleton_name(slot);
        sink.error(|| {
            finding(
                format!("headers.{name}"),
                RawProblem::DuplicateHeader,
                format!("the header '{canonical}' may appear only once (here: '{name}')"),
                Some(invalid(msg::duplicate_header(canonical))),
            )
        })?;
    }
    Ok(())
}

/// A field's value unfolded (line breaks removed, the white space after them kept), as text.
pub(super) fn unfolded<'a>(b: &'a [u8], field: &header::Field) -> Cow<'a, str> {
    let raw = &b[field.value.clone()];
    if !raw.contains(&b'\n') && !raw.contains(&b'\r') {
        return String::from_utf8_lossy(raw);
    }
    let bytes: Vec<u8> = raw
        .iter()
        .copied()
        .filter(|&c| c != b'\r' && c != b'\n')
        .collect();
    Cow::Owned(String::from_utf8_lossy(&bytes).into_owned())
}

/// Whether an address list holds no entry.
fn holds_no_address(text: &str) -> bool {
    recipients::entries(text, |_| Err(())).is_ok()
}

pub(super) fn is_named(b: &[u8], field: &header::Field, name: &str) -> bool {
    b[field.name.clone()].eq_ignore_ascii_case(name.as_bytes())
}

/// `From` and `To`, unless the envelope stands in for them (`raw-required-headers`).
pub(super) fn required(
    b: &[u8],
    section: &Section,
    options: &RawOptions<'_>,
    sink: &mut Sink,
) -> Flow {
    let checks = [
        ("From", options.source.is_none()),
        ("To", options.destinations.is_empty()),
    ];
    for (name, needed) in checks {
        if !needed {
            continue;
        }
        let mut fields = section.fields.iter().filter(|f| is_named(b, f, name));
        let Some(first) = fields.next() else {
            sink.error(|| {
                finding(
                    format!("headers.{name}"),
                    RawProblem::MissingHeader,
                    format!(
                        "the message has no '{name}' header and the request does not give {}",
                        if name == "From" {
                            "a Source"
                        } else {
                            "Destinations"
                        }
                    ),
                    Some(invalid(msg::missing_header(name))),
                )
            })?;
            continue;
        };
        let empty = std::iter::once(first)
            .chain(fields)
            .all(|f| holds_no_address(&unfolded(b, f)));
        if empty {
            sink.error(|| {
                finding(
                    format!("headers.{name}"),
                    RawProblem::EmptyHeader,
                    format!("the '{name}' header holds no address"),
                    Some(invalid(msg::empty_header(name))),
                )
            })?;
        }
    }
    Ok(())
}

/// The headers whose addresses SES checks, and whether they name recipients.
const ADDRESS_HEADERS: [(&str, bool); 7] = [
    ("From", false),
    ("Sender", false),
    ("Reply-To", false),
    ("Return-Path", false),
    ("To", true),
    ("Cc", true),
    ("Bcc", true),
];

/// A header that is not UTF-8 is read with U+FFFD in place of its bad bytes: a fix built
/// from that text would lose them (`Jos\xE9` would become `Jos\u{FFFD}`, encoded or not), so
/// none is offered.
fn without_lossy_fixes(report: &mut Report) {
    for finding in report.errors.iter_mut().chain(report.advisories.iter_mut()) {
        let lossy = |fix: &String| {
            fix.contains('\u{FFFD}')
                || crate::address::decode_friendly_name(fix).contains('\u{FFFD}')
        };
        if finding.fix.as_ref().is_some_and(lossy) {
            finding.fix = None;
            finding.message.push_str(
                " (no fix offered: the header's bytes are not UTF-8, so which characters they \
                 stand for is unknown)",
            );
        }
    }
}

/// Every address of every address header, in message order (`raw-address-headers`).
pub(super) fn address_headers(
    b: &[u8],
    section: &Section,
    sink: &mut Sink,
    keys: &mut Vec<String>,
) -> Flow {
    for field in &section.fields {
        let Some(&(_, recipient)) = ADDRESS_HEADERS
            .iter()
            .find(|(name, _)| is_named(b, field, name))
        else {
            continue;
        };
        let text = unfolded(b, field);
        let name = name_of(b, field);
        let not_utf8 = std::str::from_utf8(&b[field.value.clone()]).is_err();
        let mut index = 0usize;
        recipients::entries(&text, |range| {
            let entry = &text[range];
            let path = format!("headers.{name}[{index}]");
            index += 1;
            if sink.advising() {
                let mut report = address_report(entry);
                if not_utf8 {
                    without_lossy_fixes(&mut report);
                }
                sink.absorb(&path, report)?;
                if recipient {
                    recipients::keys_of(entry, keys);
                }
                return Ok(());
            }
            match address::parse(entry, Domains::Ses) {
                Ok(addr) if recipient => recipients::push_keys(&addr, keys),
                Ok(_) => {}
                Err(message) => {
                    sink.error(|| address_error(&path, SesError::invalid(message)))?;
                }
            }
            Ok(())
        })?;
    }
    Ok(())
}
