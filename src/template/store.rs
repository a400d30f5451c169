//! Templates as the user already has them: one file per template, as `aws ses get-template`
//! (`{"Template": {"TemplateName", "SubjectPart", "TextPart", "HtmlPart"}}`) or
//! `aws sesv2 get-email-template` (`{"TemplateName", "TemplateContent": {"Subject", "Text",
//! "Html"}}`) print it.

use super::{Template, MAX_TEMPLATE_SIZE};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// The most template files a directory may hold (SES keeps at most 20 000 per region).
const MAX_FILES: usize = 20_000;

/// Why a template file or directory could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// The file, when one is concerned.
    pub file: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{file}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for TemplateError {}

fn error(message: impl Into<String>) -> TemplateError {
    TemplateError {
        file: None,
        message: message.into(),
    }
}

/// The stored templates of an account, by name (names are case-sensitive).
///
/// ```
/// use ses_presend::template::{Template, TemplateStore};
/// let mut store = TemplateStore::new();
/// store.insert(Template::new("welcome").with_subject("Hi {{name}}"));
/// assert!(store.get("welcome").is_some());
/// assert!(store.get("Welcome").is_none());
/// ```
#[derive(Debug, Clone, Default)]
pub struct TemplateStore {
    templates: BTreeMap<String, Template>,
}

impl TemplateStore {
    /// An empty store.
    ///
    /// ```
    /// assert_eq!(ses_presend::template::TemplateStore::new().names().count(), 0);
    /// ```
    pub fn new() -> TemplateStore {
        TemplateStore::default()
    }

    /// Adds a template, replacing one of the same name.
    ///
    /// ```
    /// use ses_presend::template::{Template, TemplateStore};
    /// let mut store = TemplateStore::new();
    /// store.insert(Template::new("a"));
    /// assert_eq!(store.names().collect::<Vec<_>>(), ["a"]);
    /// ```
    pub fn insert(&mut self, template: Template) {
        self.templates.insert(template.name.clone(), template);
    }

    /// The template of that name.
    ///
    /// ```
    /// assert!(ses_presend::template::TemplateStore::new().get("a").is_none());
    /// ```
    pub fn get(&self, name: &str) -> Option<&Template> {
        self.templates.get(name)
    }

    /// The names of the templates, in order.
    ///
    /// ```
    /// use ses_presend::template::{Template, TemplateStore};
    /// let mut store = TemplateStore::new();
    /// store.insert(Template::new("b"));
    /// store.insert(Template::new("a"));
    /// assert_eq!(store.names().collect::<Vec<_>>(), ["a", "b"]);
    /// ```
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.templates.keys().map(String::as_str)
    }

    /// Reads every `*.json` file of a directory as one template.
    ///
    /// ```no_run
    /// let store = ses_presend::template::TemplateStore::from_dir("templates").unwrap();
    /// ```
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<TemplateStore, TemplateError> {
        let dir = dir.as_ref();
        let entries = std::fs::read_dir(dir)
            .map_err(|e| error(format!("cannot read the directory {}: {e}", dir.display())))?;
        let mut paths: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        paths.sort();
        if paths.len() > MAX_FILES {
            return Err(error(format!(
                "{} holds {} template files; SES keeps at most {MAX_FILES}",
                dir.display(),
                paths.len()
            )));
        }
        let mut store = TemplateStore::new();
        for path in paths {
            let shown = path.display().to_string();
            let with_file = |mut e: TemplateError| {
                e.file = Some(shown.clone());
                e
            };
            // A file far over the template bound is refused before it is read whole.
            let len = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            if len > 4 * MAX_TEMPLATE_SIZE as u64 {
                return Err(with_file(error(format!(
                    "{len} bytes: a template holds at most {MAX_TEMPLATE_SIZE}"
                ))));
            }
            let text = std::fs::read_to_string(&path)
                .map_err(|e| with_file(error(format!("cannot read: {e}"))))?;
            let template = TemplateStore::parse(&text).map_err(with_file)?;
            if store.get(&template.name).is_some() {
                return Err(with_file(error(format!(
                    "a second template named {}",
                    template.name
                ))));
            }
            store.insert(template);
        }
        Ok(store)
    }

    /// Reads one template file: the output of `aws ses get-template` or of
    /// `aws sesv2 get-email-template`.
    ///
    /// ```
    /// use ses_presend::template::TemplateStore;
    /// let v1 = r#"{"Template": {"TemplateName": "a", "SubjectPart": "Hi", "HtmlPart": "<p>x</p>"}}"#;
    /// assert_eq!(TemplateStore::parse(v1).unwrap().subject.as_deref(), Some("Hi"));
    /// let v2 = r#"{"TemplateName": "b", "TemplateContent": {"Subject": "Hi", "Text": "x"}}"#;
    /// assert_eq!(TemplateStore::parse(v2).unwrap().text.as_deref(), Some("x"));
    /// assert!(TemplateStore::parse("{}").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| error(format!("not JSON: {e}")))?;
        let string = |v: &Value, key: &str| -> Result<Option<String>, TemplateError> {
            match v.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(error(format!("{key} is not a string"))),
            }
        };
        let (name, subject, text, html) = if let Some(t) = value.get("Template") {
            (
                string(t, "TemplateName")?,
                string(t, "SubjectPart")?,
                string(t, "TextPart")?,
                string(t, "HtmlPart")?,
            )
        } else if let Some(c) = value.get("TemplateContent") {
            (
                string(&value, "TemplateName")?,
                string(c, "Subject")?,
                string(c, "Text")?,
                string(c, "Html")?,
            )
        } else {
            return Err(error(
                "neither `aws ses get-template` output (a \"Template\" member) nor \
                 `aws sesv2 get-email-template` output (\"TemplateName\" and \"TemplateContent\")",
            ));
        };
        let name = name.ok_or_else(|| error("no TemplateName"))?;
        let template = Template {
            name,
            subject,
            text,
            html,
        };
        if template.size() > MAX_TEMPLATE_SIZE {
            return Err(error(format!(
                "the template is {} bytes; SES takes at most {MAX_TEMPLATE_SIZE}",
                template.size()
            )));
        }
        Ok(template)
    }
}
