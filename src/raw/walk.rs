//! The MIME tree, walked in one forward pass without recursion and without decoding a body
//! (docs/raw.md; `raw-boundary`, `raw-mime-depth`).
//!
//! The walk keeps a stack of the open multiparts, outermost first. Body text is crossed by
//! searching for `\n--` (`memchr::memmem`), so only lines that start with `--` are looked at;
//! such a line is compared with the open boundaries, outermost first, because the outer
//! multipart decides where its parts end: a match ends every multipart inside it. A multipart
//! whose first boundary line never came before its end is `Missing start boundary`; one that
//! ends without its close delimiter is an advisory. `message/rfc822` parts are read as the
//! message they hold. Containers deeper than [`MAX_DEPTH`], or sent with a transfer encoding
//! (which would need decoding), are not opened.
//!
//! Where RFC 2046 (<https://www.rfc-editor.org/rfc/rfc2046#section-5.1.1>) leaves room, the walk
//! does what JavaMail was seen to do (`raw-boundary`; `tests/mime_oracle.rs` compares the two):
//! the boundary parameter is read by [`mime::boundary`] (RFC 2231 forms, folded quoted
//! strings, the last value winning); a multipart without one takes its first line that starts
//! with `--` (trailing white space removed) as its first boundary line; a part's header section
//! runs to its blank line, its own multipart's boundary lines included, and a part whose header
//! section reaches the end of its multipart's content first (an outer boundary line, the end of
//! the message) is no part at all.
//!
//! Each entity's Content-Type and Content-Disposition are read, its charset checked when it is
//! text, and its file names checked against the blocked extensions.

use super::attachment::blocked_extension;
use super::header::{self, MimeFields};
use super::lines::line_at;
use super::mime;
use super::sink::{finding, Flow, Sink};
use super::RawProblem;
use crate::error::{ErrorCode, SesError};
use crate::texts::raw as msg;
use memchr::memmem;

/// Containers nested deeper than this are not opened.
pub(crate) const MAX_DEPTH: usize = crate::limits::MAX_MIME_DEPTH;

struct Frame {
    /// `None` until a multipart without a boundary parameter meets its first `--` line.
    boundary: Option<Vec<u8>>,
    started: bool,
    parts: u32,
    /// The length of the walker's path here: the multipart's own section number.
    path_len: usize,
    depth: usize,
}

/// What an entity holds, as far as the walk will look.
enum Kind {
    Leaf,
    Multipart(Option<Vec<u8>>),
    Message,
}

/// `--boundary` (an opening line: `Some(false)`) or `--boundary--` (the close delimiter:
/// `Some(true)`), each with only white space after it; once the multipart has `started`, a
/// close delimiter may be followed by anything.
fn boundary_line(line: &[u8], boundary: &[u8], started: bool) -> Option<bool> {
    let rest = line.strip_prefix(b"--")?.strip_prefix(boundary)?;
    let (close, rest) = match rest.strip_prefix(b"--") {
        Some(_) if started => return Some(true),
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    rest.iter()
        .all(|&c| c == b' ' || c == b'\t')
        .then_some(close)
}

/// The outermost open multipart whose boundary `line` is, and whether it closes it.
fn match_frames(frames: &[Frame], line: &[u8]) -> Option<(usize, bool)> {
    frames.iter().enumerate().find_map(|(i, f)| {
        f.boundary
            .as_deref()
            .and_then(|boundary| boundary_line(line, boundary, f.started))
            .map(|close| (i, close))
    })
}

/// Whether a part's header section that runs to the end of the message ends with its blank
/// line.
fn ends_in_blank_line(section: &[u8]) -> bool {
    let Some(rest) = section.strip_suffix(b"\n") else {
        return false;
    };
    let rest = rest.strip_suffix(b"\r").unwrap_or(rest);
    rest.is_empty() || rest.ends_with(b"\n")
}

/// Whether a transfer encoding leaves the content as it is (7bit, 8bit, binary).
fn is_identity(value: &[u8]) -> bool {
    let v = value.trim_ascii();
    v.is_empty()
        || v.eq_ignore_ascii_case(b"7bit")
        || v.eq_ignore_ascii_case(b"8bit")
        || v.eq_ignore_ascii_case(b"binary")
}

fn invalid(text: String) -> Option<SesError> {
    Some(SesError::new(ErrorCode::InvalidParameterValue, text))
}

pub(crate) struct Walker<'a, 's> {
    b: &'a [u8],
    sink: &'s mut Sink,
    frames: Vec<Frame>,
    /// The section number of the current entity (`1.2`), empty for the message itself.
    path: Vec<u32>,
    dash: memmem::Finder<'static>,
    told_too_deep: bool,
}

/// Walks the message whose top-level MIME fields are `top`.
pub(crate) fn walk(b: &[u8], top: MimeFields, sink: &mut Sink) -> Flow {
    let mut w = Walker {
        b,
        sink,
        frames: Vec::new(),
        path: Vec::new(),
        dash: memmem::Finder::new(b"\n--"),
        told_too_deep: false,
    };
    let mut entity = top;
    let mut depth = 0usize;
    loop {
        let cursor = match w.entity(&entity, depth)? {
            Kind::Multipart(boundary) => {
                w.frames.push(Frame {
                    boundary,
                    started: false,
                    parts: 0,
                    path_len: w.path.len(),
                    depth,
                });
                entity.body
            }
            Kind::Message => {
                w.path.push(1);
                let frames = &w.frames;
                entity =
                    header::split_part(b, entity.body, |line| match_frames(frames, line).is_some());
                depth += 1;
                continue;
            }
            Kind::Leaf => entity.body,
        };
        match w.next_part(cursor)? {
            Some((fields, d)) => {
                entity = fields;
                depth = d;
            }
            None => return Ok(()),
        }
    }
}

impl Walker<'_, '_> {
    /// The field path of something in the current entity: `headers.Content-Type` for the
    /// message, `part[1.2].headers.Content-Type` for a part.
    fn field(&self, path_len: usize, what: &str) -> String {
        if path_len == 0 {
            return what.to_string();
        }
        let numbers: Vec<String> = self.path[..path_len].iter().map(u32::to_string).collect();
        format!("part[{}].{what}", numbers.join("."))
    }

    /// The start of the next line at or after `from` (a line start) that begins with `--`.
    fn next_dash_line(&self, from: usize) -> Option<usize> {
        let rest = &self.b[from..];
        if rest.starts_with(b"--") {
            return Some(from);
        }
        self.dash.find(rest).map(|i| from + i + 1)
    }

    /// Ends the open multipart on top of the stack, where its content ends.
    fn end_frame(&mut self) -> Flow {
        let Some(frame) = self.frames.pop() else {
            return Ok(());
        };
        let field = self.field(frame.path_len, "body");
        let Some(boundary) = frame.boundary else {
            return self.sink.error(|| {
                finding(
                    field,
                    RawProblem::MissingStartBoundary,
                    "the multipart Content-Type has no boundary parameter and no line of its \
                     body starts with '--', so it has no parts"
                        .to_string(),
                    invalid(msg::MISSING_START_BOUNDARY.to_string()),
                )
            });
        };
        let boundary = String::from_utf8_lossy(&boundary).into_owned();
        if !frame.started {
            return self.sink.error(|| {
                finding(
                    field,
                    RawProblem::MissingStartBoundary,
                    format!(
                        "the multipart body has no line '--{boundary}' before its end, so it \
                         has no parts"
                    ),
                    invalid(msg::MISSING_START_BOUNDARY.to_string()),
                )
            });
        }
        self.sink.advise(|| {
            finding(
                field,
                RawProblem::MissingEndBoundary,
                format!(
                    "the multipart body ends without its close delimiter '--{boundary}--'; SES \
                     accepts it, some readers drop the last part"
                ),
                None,
            )
        });
        Ok(())
    }

    /// Crosses body text from `cursor` to the next part of an open multipart: its MIME fields
    /// and depth, or `None` at the end of the message.
    fn next_part(
        &mut self,
        mut cursor: usize,
    ) -> Result<Option<(MimeFields, usize)>, super::sink::Stop> {
        let b = self.b;
        loop {
            if self.frames.is_empty() {
                return Ok(None);
            }
            let Some(start) = self.next_dash_line(cursor) else {
                while !self.frames.is_empty() {
                    self.end_frame()?;
                }
                return Ok(None);
            };
            let (end, next) = line_at(b, start);
            cursor = next;
            let line = &b[start..end];
            let (index, close) = match match_frames(&self.frames, line) {
                Some(found) => found,
                None => {
                    // A multipart without a boundary takes its first line that starts with
                    // `--` as its first boundary line.
                    let top = self.frames.len() - 1;
                    if self.frames[top].boundary.is_some() {
                        continue;
                    }
                    let text = &line[2..];
                    let kept = text.len()
                        - text
                            .iter()
                            .rev()
                            .take_while(|&&c| c == b' ' || c == b'\t')
                            .count();
                    self.frames[top].boundary = Some(text[..kept].to_vec());
                    (top, false)
                }
            };
            while self.frames.len() > index + 1 {
                self.end_frame()?;
            }
            if close {
                let started = self.frames[index].started;
                if !started {
                    self.end_frame()?;
                } else {
                    self.frames.pop();
                }
                continue;
            }
            self.frames[index].started = true;
            // The header section runs to its blank line, over this multipart's boundary lines.
            let outer = &self.frames[..index];
            let mut cut = false;
            let fields = header::split_part(b, next, |line| {
                let hit = match_frames(outer, line).is_some();
                cut |= hit;
                hit
            });
            // The line break before an outer boundary line is that line's: a blank line just
            // before it does not end the header section.
            let at_outer = fields.body < b.len() && {
                let (body_end, _) = line_at(b, fields.body);
                match_frames(outer, &b[fields.body..body_end]).is_some()
            };
            if cut || at_outer || (fields.body == b.len() && !ends_in_blank_line(&b[next..])) {
                // It reached the end of the multipart's content first: no part.
                cursor = fields.body;
                continue;
            }
            let frame = &mut self.frames[index];
            frame.parts += 1;
            let (path_len, number, depth) = (frame.path_len, frame.parts, frame.depth);
            self.path.truncate(path_len);
            self.path.push(number);
            return Ok(Some((fields, depth + 1)));
        }
    }

    /// Checks one entity's MIME fields and says what it holds.
    fn entity(&mut self, e: &MimeFields, depth: usize) -> Result<Kind, super::sink::Stop> {
        let b = self.b;
        let here = self.path.len();
        if e.eight_bit && here > 0 && self.sink.advising() {
            let field = self.field(here, "headers");
            self.sink.advise(|| {
                finding(
                    field,
                    RawProblem::EightBitHeader,
                    "the part's header has 8-bit bytes; encode them as RFC 2047 encoded-words \
                     or RFC 2231 parameters"
                        .to_string(),
                    None,
                )
            });
        }
        let content_type = match &e.content_type {
            None => None,
            Some(range) => match mime::content_type(&b[range.clone()]) {
                Ok(ct) => Some(ct),
                Err(text) => {
                    let field = self.field(here, "headers.Content-Type");
                    self.sink.error(|| {
                        finding(
                            field,
                            RawProblem::ContentTypeSyntax,
                            format!("SES cannot read the Content-Type: {text}"),
                            invalid(text),
                        )
                    })?;
                    None
                }
            },
        };
        let disposition = match &e.disposition {
            None => None,
            Some(range) => match mime::disposition(&b[range.clone()]) {
                Ok(d) => Some(d),
                Err(text) => {
                    let field = self.field(here, "headers.Content-Disposition");
                    self.sink.error(|| {
                        finding(
                            field,
                            RawProblem::ContentDispositionSyntax,
                            format!("SES cannot read the Content-Disposition: {text}"),
                            invalid(text),
                        )
                    })?;
                    None
                }
            },
        };
        if let Some(ct) = content_type.as_ref().filter(|ct| ct.is("text", None)) {
            if let Some(p) = mime::param(&ct.params, "charset") {
                let value = p.value();
                let charset = String::from_utf8_lossy(&value);
                let charset = charset.trim();
                if !mime::charset_is_supported(charset) {
                    let field = self.field(here, "headers.Content-Type.charset");
                    let text = msg::unsupported_encoding(charset);
                    self.sink.error(|| {
                        finding(
                            field,
                            RawProblem::UnsupportedCharset,
                            format!("SES cannot decode text in the charset '{charset}'"),
                            invalid(text),
                        )
                    })?;
                }
            }
        }
        let names = [
            disposition
                .as_ref()
                .and_then(|d| mime::file_name(&d.params, "filename")),
            content_type
                .as_ref()
                .and_then(|ct| mime::file_name(&ct.params, "name")),
        ];
        if let Some(name) = names
            .into_iter()
            .flatten()
            .find(|n| blocked_extension(n).is_some())
        {
            let field = self.field(here, "attachment");
            let ext = blocked_extension(&name)
                .unwrap_or_default()
                .to_ascii_lowercase();
            self.sink.deferred_error(|| {
                finding(
                    field,
                    RawProblem::BlockedAttachment,
                    format!("SES does not send attachments of type .{ext}: '{name}'"),
                    Some(SesError::new(
                        ErrorCode::MessageRejected,
                        msg::attachment_type_not_supported(&name),
                    )),
                )
            });
        }

        let Some(ct) = content_type else {
            return Ok(Kind::Leaf);
        };
        let is_multipart = ct.is("multipart", None);
        if !is_multipart && !ct.is("message", Some("rfc822")) {
            return Ok(Kind::Leaf);
        }
        if depth >= MAX_DEPTH {
            if !self.told_too_deep {
                self.told_too_deep = true;
                let field = self.field(here, "body");
                self.sink.advise(|| {
                    finding(
                        field,
                        RawProblem::TooDeep,
                        format!(
                            "parts are nested more than {MAX_DEPTH} levels deep; the deeper ones \
                             were not checked"
                        ),
                        None,
                    )
                });
            }
            return Ok(Kind::Leaf);
        }
        if let Some(cte) = e
            .transfer_encoding
            .as_ref()
            .map(|r| &b[r.clone()])
            .filter(|v| !is_identity(v))
        {
            let field = self.field(here, "headers.Content-Transfer-Encoding");
            let cte = String::from_utf8_lossy(cte.trim_ascii()).into_owned();
            self.sink.advise(|| {
                finding(
                    field,
                    RawProblem::EncodedContainer,
                    format!(
                        "a multipart or message part must not have the transfer encoding \
                         '{cte}'; its content was not checked"
                    ),
                    None,
                )
            });
            return Ok(Kind::Leaf);
        }
        if !is_multipart {
            return Ok(Kind::Message);
        }
        Ok(Kind::Multipart(mime::boundary(&ct.params)))
    }
}
