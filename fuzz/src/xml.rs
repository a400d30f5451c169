//! A small XML 1.0 well-formedness check, enough for the bodies the crate writes: one root
//! element, balanced tags, quoted attributes, only the five predefined entities and character
//! references, only characters XML can carry. It keeps the text of each leaf element so a
//! target can read a value back.

/// What a well-formed document held: its root element and the text of every leaf element.
#[derive(Debug, Default)]
pub struct Doc {
    /// The root element's name.
    pub root: String,
    /// (element name, unescaped text) for each element holding only text, in order.
    pub leaves: Vec<(String, String)>,
}

impl Doc {
    /// The text of the first leaf element named `name`.
    pub fn text_of(&self, name: &str) -> Option<String> {
        self.leaves
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
    }
}

/// Whether `c` is a `Char` of XML 1.0.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn is_name_char(c: char, first: bool) -> bool {
    c.is_ascii_alphabetic()
        || c == '_'
        || c == ':'
        || (!first && (c.is_ascii_digit() || c == '-' || c == '.'))
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        Some(c)
    }
    fn eat(&mut self, s: &str) -> bool {
        let ok = self.text[self.at..].starts_with(s);
        if ok {
            self.at += s.len();
        }
        ok
    }
    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.at += 1;
        }
    }
    fn name(&mut self) -> Result<String, String> {
        let start = self.at;
        while let Some(c) = self.peek() {
            if !is_name_char(c, self.at == start) {
                break;
            }
            self.at += 1;
        }
        match self.at > start {
            true => Ok(self.text[start..self.at].to_string()),
            false => Err(format!("a name expected at {start}")),
        }
    }
    /// Reads `&…;` after the `&`, returning the character it stands for.
    fn reference(&mut self) -> Result<char, String> {
        let start = self.at;
        let end = self.text[start..]
            .find(';')
            .ok_or("an unterminated reference")?
            + start;
        let body = &self.text[start..end];
        self.at = end + 1;
        let c = match body {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let n = if let Some(hex) = body.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16)
                } else if let Some(dec) = body.strip_prefix('#') {
                    dec.parse()
                } else {
                    return Err(format!("unknown entity &{body};"));
                };
                n.ok()
                    .and_then(char::from_u32)
                    .filter(|&c| is_xml_char(c))
                    .ok_or_else(|| format!("bad character reference &{body};"))?
            }
        };
        Ok(c)
    }
    /// Text up to the next `<` (or the end), unescaped.
    fn text(&mut self) -> Result<String, String> {
        let mut out = String::new();
        while let Some(c) = self.peek() {
            match c {
                '<' => break,
                '&' => {
                    self.at += 1;
                    out.push(self.reference()?);
                }
                c if !is_xml_char(c) => return Err(format!("character {c:?} not allowed")),
                c => {
                    if self.text[self.at..].starts_with("]]>") {
                        return Err("]]> in text".into());
                    }
                    self.at += c.len_utf8();
                    out.push(c);
                }
            }
        }
        Ok(out)
    }
    fn attribute_value(&mut self) -> Result<(), String> {
        let quote = self
            .bump()
            .filter(|q| *q == '"' || *q == '\'')
            .ok_or("an unquoted attribute")?;
        loop {
            match self.bump().ok_or("an unterminated attribute")? {
                q if q == quote => return Ok(()),
                '<' => return Err("< in an attribute".into()),
                '&' => drop(self.reference()?),
                c if !is_xml_char(c) => return Err(format!("character {c:?} not allowed")),
                _ => {}
            }
        }
    }
}

/// Checks that `text` is a well-formed XML document (no DTD) and returns what it held.
pub fn parse(text: &str) -> Result<Doc, String> {
    let mut r = Reader { text, at: 0 };
    let mut doc = Doc::default();
    if r.eat("<?xml") {
        let end = text.find("?>").ok_or("an unterminated declaration")?;
        r.at = end + 2;
    }
    let mut stack: Vec<String> = Vec::new();
    let mut pending_text = String::new();
    let mut leaf = false;
    loop {
        let t = r.text()?;
        if stack.is_empty() && !t.trim_matches([' ', '\t', '\n', '\r']).is_empty() {
            return Err("text outside the root element".into());
        }
        pending_text.push_str(&t);
        if r.peek().is_none() {
            break;
        }
        r.bump(); // '<'
        if r.eat("/") {
            let name = r.name()?;
            r.skip_space();
            if !r.eat(">") {
                return Err(format!("</{name} not closed"));
            }
            match stack.pop() {
                Some(open) if open == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            if leaf {
                doc.leaves.push((name, std::mem::take(&mut pending_text)));
            }
            leaf = false;
        } else {
            if stack.is_empty() && !doc.root.is_empty() {
                return Err("a second root element".into());
            }
            let name = r.name()?;
            loop {
                let before = r.at;
                r.skip_space();
                if r.eat("/>") {
                    leaf = false;
                    break;
                }
                if r.eat(">") {
                    stack.push(name.clone());
                    leaf = true;
                    break;
                }
                if r.at == before {
                    return Err(format!("no space before an attribute of <{name}>"));
                }
                r.name()?;
                r.skip_space();
                if !r.eat("=") {
                    return Err(format!("an attribute of <{name}> without ="));
                }
                r.skip_space();
                r.attribute_value()?;
            }
            if doc.root.is_empty() {
                doc.root = name;
            }
        }
        pending_text.clear();
    }
    if !stack.is_empty() {
        return Err(format!("unclosed elements {stack:?}"));
    }
    if doc.root.is_empty() {
        return Err("no root element".into());
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_and_refuses() {
        let doc = parse("<a x=\"1\">\n  <b>x &amp; &#x41;</b><c/>\n</a>\n").unwrap();
        assert_eq!(doc.root, "a");
        assert_eq!(doc.text_of("b").as_deref(), Some("x & A"));
        for bad in [
            "<a>",
            "<a></b>",
            "<a>&foo;</a>",
            "<a>x<y</a>",
            "<a/><b/>",
            "x<a/>",
            "<a x=1/>",
            "<a>\u{1}</a>",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
