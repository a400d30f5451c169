//! v2 inline templates (`Content.Template.TemplateContent` of SendEmail and SendBulkEmail):
//! SES renders "only simple substitutions" there (the v2 API reference) and refuses more with
//! `Template contains unsupported operations.`

use std::fmt;

/// What an inline template uses beyond simple substitution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InlineProblem {
    /// A form SES was seen refusing (a block such as `{{#if x}}`, a name with `_`, a dotted
    /// name): SES answers `Template contains unsupported operations.` The tag as written.
    Unsupported(String),
    /// A form SES's answer is not known for (`{{{x}}}`, `{{> p}}`, `{{x-y}}`, a tag left open,
    /// …): advice only (decided `inline-template-forms`).
    Unknown(String),
}

impl fmt::Display for InlineProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InlineProblem::Unsupported(tag) => write!(
                f,
                "{tag} is more than a simple substitution, which SES refuses in an inline template"
            ),
            InlineProblem::Unknown(tag) => write!(
                f,
                "{tag} may be more than the simple substitution SES renders in an inline \
                 template; use a stored template for it"
            ),
        }
    }
}

/// Checks that an inline template part uses only simple substitutions (`{{firstName}}`).
///
/// ```
/// use ses_presend::template::{check_inline, InlineProblem};
/// assert!(check_inline("Hi {{firstName}}!").is_ok());
/// assert!(matches!(check_inline("{{#if vip}}VIP{{/if}}"), Err(InlineProblem::Unsupported(_))));
/// assert!(matches!(check_inline("{{no_reply}}"), Err(InlineProblem::Unsupported(_))));
/// assert!(matches!(check_inline("{{contact.name}}"), Err(InlineProblem::Unsupported(_))));
/// assert!(matches!(check_inline("{{{raw}}}"), Err(InlineProblem::Unknown(_))));
/// ```
pub fn check_inline(text: &str) -> Result<(), InlineProblem> {
    let mut rest = text;
    let mut unknown = None;
    while let Some(at) = rest.find("{{") {
        let after = &rest[at + 2..];
        let Some(end) = after.find("}}") else {
            unknown.get_or_insert_with(|| shorten(&rest[at..]));
            break;
        };
        // The whole tag as written, a third brace included.
        let close = end + 2 + usize::from(after[end + 2..].starts_with('}'));
        let whole = &rest[at..at + 2 + close.min(after.len())];
        let tag = &after[..end];
        let name = tag.trim();
        // `_` and `.` were seen refused in a bare name (`{{no_reply}}`, `{{a.b}}`); in a
        // comment, a partial, a triple-stash or a helper's argument they say nothing.
        let bare = !name.contains(char::is_whitespace)
            && !name.starts_with(['!', '>', '{', '&', '^', '~', '@', '(', '"', '\'']);
        let seen_refused = name.starts_with('#')
            || name.starts_with('/')
            || name == "else"
            || name.starts_with("else ")
            || (bare && (name.contains('_') || name.contains('.')));
        if seen_refused {
            return Err(InlineProblem::Unsupported(shorten(whole)));
        }
        let simple = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric());
        if !simple {
            unknown.get_or_insert_with(|| shorten(whole));
        }
        rest = &after[end + 2..];
    }
    match unknown {
        Some(tag) => Err(InlineProblem::Unknown(tag)),
        None => Ok(()),
    }
}

/// A tag as shown in a message: at most 48 characters.
fn shorten(tag: &str) -> String {
    match tag.char_indices().nth(48) {
        Some((i, _)) => format!("{}…", &tag[..i]),
        None => tag.to_string(),
    }
}
