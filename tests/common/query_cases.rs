//! The rows of `tests/cases/query.tsv` (see its header for the columns and shorthands), read
//! and expanded once for every test that runs them: `tests/query.rs` through the library,
//! `tests/serve_codes.rs` over HTTP.

/// The `X-Amz-Date` of the `sigv4` shorthand: the table's clock, 2018-11-07T00:55:54Z.
pub const SIGV4_DATE: &str = "20181107T005554Z";
/// The `Authorization` of the `sigv4` shorthand.
pub const AUTHORIZATION: &str = "AWS4-HMAC-SHA256 \
    Credential=AKIDEXAMPLE/20181107/us-east-1/ses/aws4_request, \
    SignedHeaders=content-type;host;x-amz-date, \
    Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

/// `{send}`: a valid SendEmail.
pub const SEND: &str = "Action=SendEmail&Version=2010-12-01&Source=ops%40example.com\
    &Destination.ToAddresses.member.1=alice%40example.com\
    &Message.Subject.Data=Hi&Message.Body.Text.Data=Hello";
/// `{templated}`: a valid SendTemplatedEmail.
pub const TEMPLATED: &str = "Action=SendTemplatedEmail&Version=2010-12-01&Source=ops%40example.com\
    &Destination.ToAddresses.member.1=alice%40example.com&Template=welcome&TemplateData=%7B%7D";
/// The message of `{raw}`.
pub const RAW_MESSAGE: &str =
    "From: ops@example.com\r\nTo: alice@example.com\r\nSubject: Hi\r\n\r\nHello\r\n";

/// Standard base64, as the request model writes an attachment's content.
pub fn base64(bytes: &[u8]) -> String {
    ses_presend::request::Attachment::from_bytes("", bytes)
        .raw_content
        .expect("base64 content")
}

/// Base64, then percent-encoded for a form.
pub fn form_base64(text: &str) -> String {
    base64(text.as_bytes())
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D")
}

/// Expands the table's shorthands.
pub fn expand(text: &str) -> String {
    let raw = format!(
        "Action=SendRawEmail&Version=2010-12-01&RawMessage.Data={}",
        form_base64(RAW_MESSAGE)
    );
    let mut out = text
        .replace("{send}", SEND)
        .replace("{templated}", TEMPLATED)
        .replace("{raw}", &raw);
    while let Some(at) = out.find("{b64:") {
        let end = at + out[at..].find('}').expect("{b64:…} closed");
        let message = out[at + 5..end].replace("\\r", "\r").replace("\\n", "\n");
        out.replace_range(at..=end, &form_base64(&message));
    }
    out
}

/// One row, expanded.
pub struct Case {
    /// Its line in the file, from 1.
    pub line: usize,
    pub name: String,
    pub method: String,
    /// With `sigv4` expanded and a form POST's Content-Type added.
    pub headers: Vec<(String, String)>,
    pub query: String,
    pub body: String,
    pub context: Vec<String>,
    /// `OK` for an accepted request.
    pub code: String,
    pub status: u16,
    /// For `OK`, the operation.
    pub message: String,
}

impl Case {
    /// `line N (name)`, for assertion messages.
    pub fn what(&self) -> String {
        format!("line {} ({})", self.line, self.name)
    }

    /// Whether the row's context has `word`.
    pub fn has(&self, word: &str) -> bool {
        self.context.iter().any(|c| c == word)
    }
}

/// Every row of `tests/cases/query.tsv`, in file order.
pub fn cases() -> Vec<Case> {
    let text = include_str!("../cases/query.tsv");
    let dash = |s: &str| {
        if s == "-" {
            String::new()
        } else {
            s.to_string()
        }
    };
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, line)| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 10, "line {}: {} columns", i + 1, cols.len());
            let mut headers = Vec::new();
            for h in dash(cols[2]).split('|').filter(|h| !h.is_empty()) {
                if h == "sigv4" {
                    headers.push(("X-Amz-Date".to_string(), SIGV4_DATE.to_string()));
                    headers.push(("Authorization".to_string(), AUTHORIZATION.to_string()));
                } else {
                    let (n, v) = h.split_once(": ").expect("Name: value");
                    headers.push((n.to_string(), v.to_string()));
                }
            }
            let body = expand(&dash(cols[4]));
            let has_type = headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case("content-type"));
            if cols[1] == "POST" && !has_type {
                headers.push((
                    "Content-Type".to_string(),
                    "application/x-www-form-urlencoded; charset=utf-8".to_string(),
                ));
            }
            Case {
                line: i + 1,
                name: cols[0].to_string(),
                method: cols[1].to_string(),
                headers,
                query: expand(&dash(cols[3])),
                body,
                context: dash(cols[5])
                    .split(',')
                    .filter(|c| !c.is_empty())
                    .map(str::to_string)
                    .collect(),
                code: cols[6].to_string(),
                status: cols[7].parse().expect("a status"),
                message: dash(cols[8]),
            }
        })
        .collect()
}
