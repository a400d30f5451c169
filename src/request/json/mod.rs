//! Reading request files as the AWS CLI reads `--cli-input-json` (feature `serde`).
//!
//! The AWS CLI loads the file with Python's `json`, refuses anything but an object, and hands
//! the members to botocore, whose parameter validator checks them against the operation's
//! input shape before anything is sent. This reader does the same in three linear passes:
//!
//! 1. serde_json checks the syntax with its iterative skimmer (no recursion, so any nesting
//!    depth is safe) and gives its own message and position for bad JSON;
//! 2. a walker checks the values against [`SEND_EMAIL`], [`SEND_TEMPLATED_EMAIL`] or
//!    [`V2_SEND_EMAIL`] in document order and keeps the members it accepted as a
//!    [`serde_json::Value`]; it descends only where the table has a structure or a list, so it
//!    never goes deeper than the shapes (six levels) and a value of the wrong type is refused
//!    where it starts, without reading what is nested in it;
//! 3. serde fills the model from that value, which by then can only fit.
//!
//! The rules and their reasons are in the rustdoc of [`Request::from_json`].

use super::*;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt::Write as _;

mod python;
use python::{push_shown, python_scalar, python_str};

mod bulk;
mod shapes;
use shapes::Shape::{self, Blob, Enum, List, Str, Struct};
use shapes::{SEND_EMAIL, SEND_TEMPLATED_EMAIL, V2_SEND_EMAIL};

/// How much of a value or a key an error shows, in characters (then `...`).
const SHOWN: usize = 200;

/// Reads `text` as a request of `shape` and fills the model `T` from it.
fn read<T: DeserializeOwned>(shape: &'static Shape, text: &str) -> Result<T, JsonError> {
    if let Err(skimmed) = serde_json::from_str::<IgnoredAny>(text) {
        // The skimmer says less than the full reader about some mistakes (a trailing comma in
        // an object is `key must be a string` to it): the full reader's words, unless the
        // nesting stopped it.
        return Err(match serde_json::from_str::<Value>(text) {
            Err(full) if !full.to_string().starts_with("recursion limit") => serde_error(&full),
            _ => serde_error(&skimmed),
        });
    }
    let mut walk = Walk {
        text,
        at: 0,
        bad_value: None,
    };
    walk.skip_space();
    if walk.byte() != b'{' {
        let message = format!(
            "Invalid type: expecting map, received <class '{}'>",
            walk.python_type(walk.at)
        );
        return Err(walk.error(walk.at, message));
    }
    let value = walk.value(shape, &mut String::new())?;
    if let Some(err) = walk.bad_value {
        return Err(err);
    }
    // Every member was checked against the table, which names only what the models hold.
    serde_json::from_value(value).map_err(|e| JsonError {
        message: format!("the request does not fit the model: {e}"),
        line: 1,
        column: 1,
    })
}

/// serde_json's error without its trailing position, which [`JsonError`] carries apart.
fn serde_error(e: &serde_json::Error) -> JsonError {
    let full = e.to_string();
    // serde_json ends its message with " at line L column C".
    let message = match full.rfind(" at line ") {
        Some(at) if e.line() > 0 => full[..at].to_string(),
        _ => full,
    };
    JsonError {
        message,
        line: e.line(),
        column: e.column(),
    }
}

/// A cursor over text serde_json has already found to be well-formed JSON.
struct Walk<'a> {
    text: &'a str,
    at: usize,
    /// The first value outside its enum. botocore does not check these, so every mistake it
    /// would find comes first; this one is the error only when there is none.
    bad_value: Option<JsonError>,
}

impl Walk<'_> {
    /// The byte at the cursor (0 at the end).
    fn byte(&self) -> u8 {
        self.text.as_bytes().get(self.at).copied().unwrap_or(0)
    }

    fn skip_space(&mut self) {
        let bytes = self.text.as_bytes();
        while matches!(bytes.get(self.at), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    /// Where the string starting at `start` (its opening quote) ends, past the closing quote.
    fn string_end(&self, start: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = start + 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 2,
                b'"' => return i + 1,
                _ => i += 1,
            }
        }
        bytes.len()
    }

    /// Where the number or literal starting at `start` ends.
    fn scalar_end(&self, start: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = start;
        while i < bytes.len()
            && !matches!(bytes[i], b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')
        {
            i += 1;
        }
        i
    }

    /// The string from `start` to `end`, its escapes undone.
    fn string(&self, start: usize, end: usize) -> Result<String, JsonError> {
        serde_json::from_str(&self.text[start..end]).map_err(|e| {
            let mut err = serde_error(&e);
            err.message = format!("{} in a string", err.message);
            let at = self.error(start, String::new());
            err.line = at.line;
            err.column = at.column;
            err
        })
    }

    /// Moves past one value, of any depth, without recursion.
    fn skip_value(&mut self) {
        let mut depth = 0usize;
        loop {
            self.skip_space();
            match self.byte() {
                0 => return,
                b'{' | b'[' => {
                    depth += 1;
                    self.at += 1;
                }
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    self.at += 1;
                }
                b',' | b':' => self.at += 1,
                b'"' => self.at = self.string_end(self.at),
                _ => self.at = self.scalar_end(self.at),
            }
            if depth == 0 {
                return;
            }
        }
    }

    /// Checks the value at the cursor against `shape` (the parameter at `path`, empty for the
    /// request) and returns what it keeps. Recursion follows the table, never the text.
    fn value(&mut self, shape: &'static Shape, path: &mut String) -> Result<Value, JsonError> {
        self.skip_space();
        let start = self.at;
        match (shape, self.byte()) {
            (Struct(members), b'{') => self.structure(members, path),
            (List(item), b'[') => self.list(item, path),
            (Str | Blob | Enum(_), b'"') => {
                let end = self.string_end(start);
                let text = self.string(start, end)?;
                if let Enum(values) = shape {
                    if !values.contains(&text.as_str()) {
                        let mut shown = String::new();
                        push_shown(&mut shown, &text, |out, c| out.push(c));
                        let message = format!(
                            "Invalid value for parameter {path}, value: {shown}, valid values: {}",
                            values.join(", ")
                        );
                        if self.bad_value.is_none() {
                            self.bad_value = Some(self.error(start, message));
                        }
                    }
                }
                self.at = end;
                Ok(Value::String(text))
            }
            _ => {
                let valid = match shape {
                    Struct(_) => "<class 'dict'>",
                    List(_) => "<class 'list'>, <class 'tuple'>",
                    Str | Enum(_) => "<class 'str'>",
                    Blob => "<class 'bytes'>, <class 'bytearray'>, file-like object",
                };
                let message = format!(
                    "Invalid type for parameter {path}, value: {}, type: <class '{}'>, valid \
                     types: {valid}",
                    self.python_value(start),
                    self.python_type(start)
                );
                Err(self.error(start, message))
            }
        }
    }

    /// An object read as a structure. Its keys are gathered first: a key given twice keeps
    /// its last value in the place of its first, as Python's `json` reads it; then the
    /// members are checked in that order.
    fn structure(
        &mut self,
        members: &'static [(&'static str, Shape)],
        path: &mut String,
    ) -> Result<Value, JsonError> {
        // (key, where the key starts, where its value starts)
        let mut entries: Vec<(String, usize, usize)> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        self.at += 1;
        loop {
            self.skip_space();
            match self.byte() {
                b'}' | 0 => {
                    self.at += 1;
                    break;
                }
                b',' => self.at += 1,
                _ => {
                    let key_at = self.at;
                    let key_end = self.string_end(key_at);
                    let key = self.string(key_at, key_end)?;
                    self.at = key_end;
                    self.skip_space();
                    self.at += 1; // the colon
                    self.skip_space();
                    let value_at = self.at;
                    self.skip_value();
                    match seen.get(&key) {
                        Some(&i) => entries[i].2 = value_at,
                        None => {
                            seen.insert(key.clone(), entries.len());
                            entries.push((key, key_at, value_at));
                        }
                    }
                }
            }
        }
        let end = self.at;
        // botocore names this structure's unknown members before it looks into the others.
        if let Some((key, key_at, _)) = entries
            .iter()
            .find(|(key, _, _)| !members.iter().any(|(name, _)| name == key))
        {
            let mut shown = String::new();
            push_shown(&mut shown, key, |out, c| out.push(c));
            let names: Vec<&str> = members.iter().map(|(name, _)| *name).collect();
            let message = format!(
                "Unknown parameter in {}: \"{shown}\", must be one of: {}",
                if path.is_empty() { "input" } else { path },
                names.join(", ")
            );
            return Err(self.error(*key_at, message));
        }
        let mut out = Map::new();
        let outer = path.len();
        for (key, _, value_at) in entries {
            let Some((name, shape)) = members.iter().find(|(name, _)| *name == key) else {
                unreachable!("unknown members are refused above");
            };
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(name);
            self.at = value_at;
            let value = self.value(shape, path)?;
            path.truncate(outer);
            out.insert(key, value);
        }
        self.at = end;
        Ok(Value::Object(out))
    }

    /// An array read as a list of `item`.
    fn list(&mut self, item: &'static Shape, path: &mut String) -> Result<Value, JsonError> {
        let mut out = Vec::new();
        let outer = path.len();
        self.at += 1;
        loop {
            self.skip_space();
            match self.byte() {
                b']' | 0 => {
                    self.at += 1;
                    return Ok(Value::Array(out));
                }
                b',' => self.at += 1,
                _ => {
                    let _ = write!(path, "[{}]", out.len());
                    out.push(self.value(item, path)?);
                    path.truncate(outer);
                }
            }
        }
    }

    /// The Python type `json` reads the value at `at` as.
    fn python_type(&self, at: usize) -> &'static str {
        match self.text.as_bytes().get(at) {
            Some(b'{') => "dict",
            Some(b'[') => "list",
            Some(b'"') => "str",
            Some(b't' | b'f') => "bool",
            Some(b'n') => "NoneType",
            _ if self.text[at..self.scalar_end(at)].contains(['.', 'e', 'E']) => "float",
            _ => "int",
        }
    }

    /// The value at `at` as botocore shows what Python's `json` reads from it (`str`: a
    /// string as it is, anything else as `repr` writes it), cut after [`SHOWN`] characters.
    /// One pass over the tokens, with a depth count, no recursion.
    fn python_value(&self, at: usize) -> String {
        let mut out = String::new();
        if self.text.as_bytes().get(at) == Some(&b'"') {
            let end = self.string_end(at);
            match self.string(at, end) {
                Ok(text) => push_shown(&mut out, &text, |out, c| out.push(c)),
                Err(_) => out.push_str(&self.text[at..end]),
            }
            return out;
        }
        let mut walk = Walk {
            text: self.text,
            at,
            bad_value: None,
        };
        let mut depth = 0usize;
        loop {
            walk.skip_space();
            let start = walk.at;
            match walk.byte() {
                0 => return out,
                b @ (b'{' | b'[') => {
                    out.push(char::from(b));
                    depth += 1;
                    walk.at += 1;
                }
                b @ (b'}' | b']') => {
                    out.push(char::from(b));
                    depth = depth.saturating_sub(1);
                    walk.at += 1;
                }
                b',' => {
                    out.push_str(", ");
                    walk.at += 1;
                }
                b':' => {
                    out.push_str(": ");
                    walk.at += 1;
                }
                b'"' => {
                    walk.at = walk.string_end(start);
                    match walk.string(start, walk.at) {
                        Ok(text) => python_str(&mut out, &text),
                        Err(_) => out.push_str(&walk.text[start..walk.at]),
                    }
                }
                _ => {
                    walk.at = walk.scalar_end(start);
                    python_scalar(&mut out, &walk.text[start..walk.at]);
                }
            }
            if out.chars().count() > SHOWN {
                let cut = out.char_indices().nth(SHOWN).map_or(out.len(), |(i, _)| i);
                out.truncate(cut);
                out.push_str("...");
                return out;
            }
            if depth == 0 {
                return out;
            }
        }
    }

    /// A [`JsonError`] at the byte `at`: its line and its column, both from 1 (the column
    /// counts bytes, as serde_json's do).
    fn error(&self, at: usize, message: String) -> JsonError {
        let before = &self.text.as_bytes()[..at.min(self.text.len())];
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        JsonError {
            message,
            line: 1 + memchr::memchr_iter(b'\n', before).count(),
            column: before.len() - line_start + 1,
        }
    }
}

impl SendEmailRequest {
    /// Reads the JSON of `aws ses send-email --cli-input-json` (feature `serde`), as
    /// [`Request::from_json`] describes.
    ///
    /// ```
    /// let req = ses_presend::request::SendEmailRequest::from_json(r#"{
    ///     "Source": "ops@example.com",
    ///     "Destination": {"ToAddresses": ["a@example.org"]},
    ///     "Message": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}
    /// }"#).unwrap();
    /// assert!(ses_presend::check_email(&req).is_ok());
    /// ```
    pub fn from_json(text: &str) -> Result<SendEmailRequest, JsonError> {
        read(&SEND_EMAIL, text)
    }
}

impl SendTemplatedEmailRequest {
    /// Reads the JSON of `aws ses send-templated-email --cli-input-json` (feature `serde`), as
    /// [`Request::from_json`] describes.
    ///
    /// ```
    /// let req = ses_presend::request::SendTemplatedEmailRequest::from_json(r#"{
    ///     "Source": "ops@example.com",
    ///     "Destination": {"ToAddresses": ["a@example.org"]},
    ///     "Template": "welcome", "TemplateData": "{}"
    /// }"#).unwrap();
    /// assert_eq!(req.template.as_deref(), Some("welcome"));
    /// ```
    pub fn from_json(text: &str) -> Result<SendTemplatedEmailRequest, JsonError> {
        read(&SEND_TEMPLATED_EMAIL, text)
    }
}

impl V2SendEmailRequest {
    /// Reads the JSON of `aws sesv2 send-email --cli-input-json` (feature `serde`), as
    /// [`Request::from_json`] describes.
    ///
    /// ```
    /// let req = ses_presend::request::V2SendEmailRequest::from_json(r#"{
    ///     "FromEmailAddress": "ops@example.com",
    ///     "Destination": {"ToAddresses": ["a@example.org"]},
    ///     "Content": {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Html": {"Data": "<p>Hello</p>"}}}}
    /// }"#).unwrap();
    /// assert!(ses_presend::check_email(&req).is_ok());
    /// ```
    pub fn from_json(text: &str) -> Result<V2SendEmailRequest, JsonError> {
        read(&V2_SEND_EMAIL, text)
    }
}

impl Request {
    /// Reads the JSON of the request `kind` (feature `serde`) as the AWS CLI reads
    /// `--cli-input-json`: the CLI refuses what botocore's parameter validator refuses before
    /// anything is sent, and so does this, in botocore's words. The error is the first mistake
    /// in botocore's order (the file's, but for unknown members, below), with the line and
    /// the column (from 1; the column counts bytes) where the value or the key starts.
    ///
    /// - Text that is not JSON: serde_json's message, such as `EOF while parsing a value` or
    ///   `trailing comma` (the CLI only says `Invalid JSON received.`).
    /// - JSON that is not an object: the CLI's `Invalid type: expecting map, received
    ///   <class 'list'>`.
    /// - A value of the wrong type, such as an array where a structure belongs (never read by
    ///   position), a number or `true` for a string, or an object for a list:
    ///   `Invalid type for parameter Destination, value: [['b@example.org']], type:
    ///   <class 'list'>, valid types: <class 'dict'>`. The parameter path is botocore's
    ///   (`Tags[0].Name`, `Content.Simple.Headers[1].Value`); the value is shown as botocore
    ///   shows what Python's `json` reads (a string as it is, anything else as Python's
    ///   `repr` writes it), cut after 200 characters.
    /// - `null`, anywhere: refused as a value of the wrong type (`value: None, type:
    ///   <class 'NoneType'>`), as the CLI refuses it: botocore reads it as Python's `None`,
    ///   which is no string, list or structure. To leave a member out, leave it out.
    /// - A member the shape does not have: `Unknown parameter in Destination: "Bcc", must be
    ///   one of: ToAddresses, CcAddresses, BccAddresses` (`in input` at the top). As in
    ///   botocore, a structure's unknown members come before anything inside its others.
    /// - `ContentDisposition` and `ContentTransferEncoding` outside their values:
    ///   `Invalid value for parameter …, value: attachment, valid values: ATTACHMENT,
    ///   INLINE`, only when there is none of the mistakes above: botocore leaves these values
    ///   to SES, but the models hold only the ones SES takes.
    /// - A member given twice: its last value counts, in the place of the first, as Python's
    ///   `json` reads it.
    ///
    /// Not refused here, though botocore refuses them: an absent required member (`Missing
    /// required parameter`) and a string shorter than the model's minimum (`Invalid length`,
    /// such as an empty header name). SES answers those itself when another client sends
    /// them (a `ValidationError` for the absent member, its own message for the rest), and
    /// [`check_email`] gives that answer. botocore checks no maximum lengths and no patterns.
    ///
    /// **Limits**: no size limit, and linear time: the syntax pass, then the check, which
    /// looks at a byte at most once for each structure around it (the shapes are six deep),
    /// then the model. Nesting is no stack risk: the syntax pass is serde_json's iterative
    /// skimmer, and the check descends only as deep as the request shapes, refusing a value of
    /// the wrong type where it starts without descending into it (its value is shown by one
    /// flat pass over its tokens). Bad JSON is read again by serde_json's full reader for its
    /// clearer words, within serde_json's recursion limit (128 levels).
    ///
    /// ```
    /// use ses_presend::request::{Request, RequestKind};
    /// let req = Request::from_json(RequestKind::V2SendEmail, r#"{"Content": {}}"#).unwrap();
    /// assert!(matches!(req, Request::V2SendEmail(_)));
    ///
    /// let err = Request::from_json(
    ///     RequestKind::SendEmail,
    ///     "{\"Source\": \"a@example.com\",\n \"Destination\": [[\"b@example.org\"]]}",
    /// )
    /// .unwrap_err();
    /// assert_eq!(
    ///     err.message(),
    ///     "Invalid type for parameter Destination, value: [['b@example.org']], \
    ///      type: <class 'list'>, valid types: <class 'dict'>"
    /// );
    /// assert_eq!((err.line(), err.column()), (2, 17));
    /// ```
    pub fn from_json(kind: RequestKind, text: &str) -> Result<Request, JsonError> {
        Ok(match kind {
            RequestKind::SendEmail => Request::SendEmail(SendEmailRequest::from_json(text)?),
            RequestKind::SendTemplatedEmail => {
                Request::SendTemplatedEmail(SendTemplatedEmailRequest::from_json(text)?)
            }
            RequestKind::V2SendEmail => Request::V2SendEmail(V2SendEmailRequest::from_json(text)?),
            RequestKind::SendRawEmail => {
                Request::SendRawEmail(SendRawEmailRequest::from_json(text)?)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value of `shape` with every member given.
    fn full(shape: &Shape) -> Value {
        match shape {
            Str | Blob => Value::String("x".into()),
            Enum(values) => Value::String(values[0].into()),
            List(item) => Value::Array(vec![full(item)]),
            Struct(members) => Value::Object(
                members
                    .iter()
                    .map(|(name, shape)| (name.to_string(), full(shape)))
                    .collect(),
            ),
        }
    }

    /// Every member of the table is one the models hold.
    #[test]
    fn the_table_fits_the_models() {
        let v1 = full(&SEND_EMAIL).to_string();
        let t = full(&SEND_TEMPLATED_EMAIL).to_string();
        let v2 = full(&V2_SEND_EMAIL).to_string();
        SendEmailRequest::from_json(&v1).unwrap();
        SendTemplatedEmailRequest::from_json(&t).unwrap();
        let v2 = V2SendEmailRequest::from_json(&v2).unwrap();
        let content = v2.content.unwrap();
        assert!(content.simple.is_some() && content.raw.is_some() && content.template.is_some());
    }
}
