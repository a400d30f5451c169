//! SES's templates: read them as `aws ses get-template` and `aws sesv2 get-email-template`
//! print them, render them as SES does (Handlebars, configured to SES's rules), and predict the
//! *Rendering Failure* SES reports only as an event after it has answered the send with a
//! MessageId (docs/rendering.md).
//!
//! ```
//! use ses_presend::template::{Part, RenderFailure, Template};
//!
//! let template = Template::new("welcome")
//!     .with_subject("Hi {{name}}")
//!     .with_html("<p>Your colour: {{favoritecolor}}</p>");
//! let rendered = template.render(r#"{"name": "Ann", "favoritecolor": "red"}"#).unwrap();
//! assert_eq!(rendered.subject, "Hi Ann");
//! assert_eq!(rendered.html.as_deref(), Some("<p>Your colour: red</p>"));
//!
//! // SES accepts the send, then drops the message: the event's words.
//! let failure = template.render(r#"{"name": "Ann"}"#).unwrap_err();
//! assert_eq!(failure.to_string(),
//!            "Attribute 'favoritecolor' is not present in the rendering data.");
//! assert!(matches!(failure, RenderFailure::MissingAttribute { part: Part::Html, .. }));
//! ```

mod engine;
mod inline;
mod store;

pub use inline::{check_inline, InlineProblem};
pub use store::{TemplateError, TemplateStore};

use std::fmt;

/// The most a template may hold, its parts together, in bytes (SES's documented 500 KB).
pub const MAX_TEMPLATE_SIZE: usize = 500 * 1024;

/// The most a render may write, over all parts, in bytes: past it the render stops (SES's
/// largest message is 40 MB; decided `template-render-bounds`).
pub const MAX_RENDERED_SIZE: usize = 40 * 1024 * 1024;

/// The deepest nesting of blocks (`{{#each}}`, `{{#if}}`, …) a template may have (decided
/// `template-render-bounds`: far beyond any real template, and it keeps the parser's stack
/// small).
pub const MAX_BLOCK_DEPTH: usize = 64;

/// One part of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// `SubjectPart` (v1), `Subject` (v2).
    Subject,
    /// `TextPart` (v1), `Text` (v2).
    Text,
    /// `HtmlPart` (v1), `Html` (v2).
    Html,
}

impl Part {
    /// Every part, in the order SES's parts are rendered here (decided `template-part-order`).
    pub const ALL: [Part; 3] = [Part::Subject, Part::Text, Part::Html];

    /// The part's name as the v1 API spells it.
    ///
    /// ```
    /// assert_eq!(ses_presend::template::Part::Html.v1_name(), "HtmlPart");
    /// ```
    pub fn v1_name(self) -> &'static str {
        match self {
            Part::Subject => "SubjectPart",
            Part::Text => "TextPart",
            Part::Html => "HtmlPart",
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Subject => "subject",
            Part::Text => "text part",
            Part::Html => "HTML part",
        })
    }
}

/// A stored template: its name and its parts, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Template {
    /// `TemplateName`.
    pub name: String,
    /// `SubjectPart` / `Subject`.
    pub subject: Option<String>,
    /// `TextPart` / `Text`.
    pub text: Option<String>,
    /// `HtmlPart` / `Html`.
    pub html: Option<String>,
}

impl Template {
    /// A template with no parts yet.
    ///
    /// ```
    /// assert_eq!(ses_presend::template::Template::new("welcome").name, "welcome");
    /// ```
    pub fn new(name: impl Into<String>) -> Template {
        Template {
            name: name.into(),
            ..Template::default()
        }
    }

    /// Sets the subject part.
    ///
    /// ```
    /// let t = ses_presend::template::Template::new("t").with_subject("Hi {{name}}");
    /// assert_eq!(t.subject.as_deref(), Some("Hi {{name}}"));
    /// ```
    #[must_use]
    pub fn with_subject(mut self, subject: impl Into<String>) -> Template {
        self.subject = Some(subject.into());
        self
    }

    /// Sets the text part.
    ///
    /// ```
    /// let t = ses_presend::template::Template::new("t").with_text("Hello");
    /// assert_eq!(t.text.as_deref(), Some("Hello"));
    /// ```
    #[must_use]
    pub fn with_text(mut self, text: impl Into<String>) -> Template {
        self.text = Some(text.into());
        self
    }

    /// Sets the HTML part.
    ///
    /// ```
    /// let t = ses_presend::template::Template::new("t").with_html("<p>Hello</p>");
    /// assert_eq!(t.html.as_deref(), Some("<p>Hello</p>"));
    /// ```
    #[must_use]
    pub fn with_html(mut self, html: impl Into<String>) -> Template {
        self.html = Some(html.into());
        self
    }

    /// The text of one part, when the template has it.
    ///
    /// ```
    /// use ses_presend::template::{Part, Template};
    /// assert_eq!(Template::new("t").with_text("x").part(Part::Text), Some("x"));
    /// ```
    pub fn part(&self, part: Part) -> Option<&str> {
        match part {
            Part::Subject => self.subject.as_deref(),
            Part::Text => self.text.as_deref(),
            Part::Html => self.html.as_deref(),
        }
    }

    /// The parts' size together, in bytes.
    fn size(&self) -> usize {
        Part::ALL
            .iter()
            .map(|p| self.part(*p).map_or(0, str::len))
            .sum()
    }

    /// Renders the template with `data` (a JSON object as text), as SES renders it for a send
    /// and for `TestRenderTemplate`: the rendered parts, or why SES cannot render them.
    ///
    /// ```
    /// use ses_presend::template::Template;
    /// let t = Template::new("t").with_subject("{{#each items}}{{this}} {{/each}}");
    /// assert_eq!(t.render(r#"{"items": ["a", "b"]}"#).unwrap().subject, "a b ");
    /// assert!(t.render("{").is_err());
    /// ```
    pub fn render(&self, data: &str) -> Result<Rendered, RenderFailure> {
        let value = engine::parse_data(data)?;
        self.render_value(&value)
    }

    /// Renders the template with data already read (see [`Template::render`]).
    ///
    /// ```
    /// use ses_presend::template::Template;
    /// let data = serde_json::json!({"name": "Ann"});
    /// let t = Template::new("t").with_subject("Hi {{name}}");
    /// assert_eq!(t.render_value(&data).unwrap().subject, "Hi Ann");
    /// ```
    pub fn render_value(&self, data: &serde_json::Value) -> Result<Rendered, RenderFailure> {
        self.compile()?.render_value(data)
    }

    /// The template made ready to render many times (a bulk send's destinations): its bounds
    /// checked and its parts read once.
    ///
    /// ```
    /// use ses_presend::template::Template;
    /// let t = Template::new("t").with_subject("Hi {{name}}");
    /// let compiled = t.compile().unwrap();
    /// for name in ["Ann", "Bo"] {
    ///     let data = serde_json::json!({ "name": name });
    ///     assert_eq!(compiled.render_value(&data).unwrap().subject, format!("Hi {name}"));
    /// }
    /// ```
    pub fn compile(&self) -> Result<Compiled<'_>, RenderFailure> {
        Ok(Compiled {
            engine: engine::compile(self)?,
            template: self,
        })
    }
}

/// A [`Template`] ready to render many times ([`Template::compile`]).
pub struct Compiled<'t> {
    engine: engine::Engine,
    template: &'t Template,
}

impl fmt::Debug for Compiled<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Compiled")
            .field("template", &self.template.name)
            .finish()
    }
}

impl Compiled<'_> {
    /// Renders with data already read (see [`Template::render`]).
    ///
    /// ```
    /// use ses_presend::template::Template;
    /// let t = Template::new("t").with_subject("{{a}}");
    /// let failure = t.compile().unwrap().render_value(&serde_json::json!({})).unwrap_err();
    /// assert_eq!(failure.to_string(), "Attribute 'a' is not present in the rendering data.");
    /// ```
    pub fn render_value(&self, data: &serde_json::Value) -> Result<Rendered, RenderFailure> {
        engine::render(&self.engine, self.template, data)
    }
}

/// A rendered template: what `TestRenderTemplate` returns, part by part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Rendered {
    /// The rendered subject (empty when the template has none).
    pub subject: String,
    /// The rendered text part.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub text: Option<String>,
    /// The rendered HTML part.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub html: Option<String>,
}

/// Why SES cannot render a template with the data given.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RenderFailure {
    /// A value the template needs is absent or `null`: SES drops the message and reports
    /// `Attribute '<name>' is not present in the rendering data.` in a Rendering Failure event.
    MissingAttribute {
        /// The attribute as the template names it (a dotted path as written).
        name: String,
        /// The part that needs it.
        part: Part,
    },
    /// The data is not a JSON object.
    InvalidData(String),
    /// The part is not a template SES can render (unbalanced blocks, bad syntax, a partial
    /// that is not defined in the part).
    Syntax {
        /// The part.
        part: Part,
        /// What is wrong, in the engine's words.
        detail: String,
    },
    /// The template or its render is over a bound (template size, block depth, output size).
    TooLarge(String),
}

impl fmt::Display for RenderFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderFailure::MissingAttribute { name, .. } => {
                f.write_str(&crate::texts::template::attribute_not_present(name))
            }
            RenderFailure::InvalidData(why) => write!(f, "the template data is not usable: {why}"),
            RenderFailure::Syntax { part, detail } => {
                write!(f, "the template's {part} cannot be rendered: {detail}")
            }
            RenderFailure::TooLarge(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for RenderFailure {}

/// SES's merge of a bulk send's default data and one destination's replacement data (v2
/// SendBulkEmail, seen: replacement keys win, absent keys fall back to the defaults, objects
/// merge key by key at every depth, arrays and other values are replaced whole).
///
/// ```
/// use serde_json::json;
/// let defaults = json!({"name": "Default", "d": {"e": {"f": "defF", "g": "defG"}}, "items": ["a", "b"]});
/// let replacement = json!({"name": "Ann", "d": {"e": {"f": "repF"}}, "items": ["c"]});
/// assert_eq!(ses_presend::template::merge(&defaults, &replacement),
///            json!({"name": "Ann", "d": {"e": {"f": "repF", "g": "defG"}}, "items": ["c"]}));
/// ```
pub fn merge(defaults: &serde_json::Value, replacement: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match (defaults, replacement) {
        (Value::Object(d), Value::Object(r)) => {
            let mut out = d.clone();
            for (key, value) in r {
                let merged = match d.get(key) {
                    Some(old) => merge(old, value),
                    None => value.clone(),
                };
                out.insert(key.clone(), merged);
            }
            Value::Object(out)
        }
        (_, other) => other.clone(),
    }
}
