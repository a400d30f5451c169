//! The arguments of `MAIL FROM:` and `RCPT TO:` (decided `smtp-envelope-syntax`).

/// The address of a `MAIL`/`RCPT` argument (`args` is the text after the verb), without its
/// angle brackets, or `None` when SES's `501 Invalid … address provided` answers it: no
/// `FROM:`/`TO:`, an empty address (`<>`), a `<` without its `>`, text right after the `>`
/// (`<"re>ceiver"@example.com>`: the first `>` closes the path), a `>` in a bare address.
/// Angle brackets are optional, and ESMTP parameters (`SIZE=44`) after a space are ignored.
pub(super) fn envelope_address<'l>(args: &'l str, keyword: &str) -> Option<&'l str> {
    let rest = args.trim_start_matches(' ');
    let head = rest.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = rest[keyword.len()..].trim_start_matches(' ');
    let rest = rest.strip_prefix(':')?.trim_start_matches(' ');
    let address = match rest.strip_prefix('<') {
        Some(inner) => {
            let close = inner.find('>')?;
            let after = &inner[close + 1..];
            if !(after.is_empty() || after.starts_with(' ')) {
                return None;
            }
            &inner[..close]
        }
        None => {
            let end = bare_end(rest);
            let address = &rest[..end];
            if address.contains('>') {
                return None;
            }
            address
        }
    };
    (!address.trim().is_empty()).then_some(address)
}

/// Where a bare address ends: at the first space outside a quoted string.
fn bare_end(text: &str) -> usize {
    let mut quoted = false;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' if quoted => escaped = true,
            b'"' => quoted = !quoted,
            b' ' if !quoted => return i,
            _ => {}
        }
    }
    text.len()
}

/// Whether SES refuses a recipient at the end of DATA for its quoted local part: one holding
/// `:` or `@` (seen), while `(`, `)`, `[`, `]`, `<`, `;`, `,`, `\`, dots, quotes and spaces
/// pass (decided `smtp-rcpt-quoted`).
pub(super) fn quoted_local_is_illegal(address: &str) -> bool {
    let Some(local) = address.rsplit_once('@').map(|(local, _)| local) else {
        return false;
    };
    local.starts_with('"') && local[1..].bytes().any(|b| b == b':' || b == b'@')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments() {
        let cases = [
            (" FROM:<a@example.com>", Some("a@example.com")),
            (" FROM: a@example.com", Some("a@example.com")),
            (" from:<a@example.com> size=44", Some("a@example.com")),
            (" FROM:a@example.com BODY=8BITMIME", Some("a@example.com")),
            (" FROM:<>", None),
            (" FROM:", None),
            (" FROM <a@example.com>", None),
            (" FROM:<a@example.com", None),
            (" FROM:<\"re>ceiver\"@example.com>", None),
            (
                " FROM:<\"re<ceiver\"@example.com>",
                Some("\"re<ceiver\"@example.com"),
            ),
            (" FROM:\"a b\"@example.com", Some("\"a b\"@example.com")),
            (" FROM:a>b@example.com", None),
            (" TO:<a@example.com>", None),
        ];
        for (args, want) in cases {
            assert_eq!(envelope_address(args, "FROM"), want, "{args:?}");
        }
        assert_eq!(envelope_address(" To:<b@x.com>", "TO"), Some("b@x.com"));
    }

    #[test]
    fn quoted_local_parts() {
        assert!(quoted_local_is_illegal("\"re:ceiver\"@x.com"));
        assert!(quoted_local_is_illegal("\"re@ceiver\"@x.com"));
        assert!(!quoted_local_is_illegal("\"re(ceiver\"@x.com"));
        assert!(!quoted_local_is_illegal("re@x.com"));
        assert!(!quoted_local_is_illegal("nodomain"));
    }
}
