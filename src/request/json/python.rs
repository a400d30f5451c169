//! How botocore shows a value in its messages: as Python's `repr` writes it.

use super::SHOWN;
use std::fmt::Write as _;

/// Appends `text`, at most [`SHOWN`] characters of it (then `...`), each through `push`.
pub(super) fn push_shown(out: &mut String, text: &str, mut push: impl FnMut(&mut String, char)) {
    for (n, c) in text.chars().enumerate() {
        if n == SHOWN {
            out.push_str("...");
            return;
        }
        if c.is_control() {
            let _ = write!(out, "\\x{:02x}", u32::from(c));
        } else {
            push(out, c);
        }
    }
}

/// A string as Python's `repr` writes it: single quotes unless it holds one and no double
/// quote; backslash escapes for the quote, the backslash, tab, newline, carriage return and
/// other characters that do not print (`\xNN`, `\uNNNN`).
pub(super) fn python_str(out: &mut String, text: &str) {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for (shown, c) in text.chars().enumerate() {
        if shown == SHOWN {
            out.push_str("...");
            return;
        }
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !prints(c) => {
                let n = u32::from(c);
                let _ = match n {
                    0..=0xff => write!(out, "\\x{n:02x}"),
                    0x100..=0xffff => write!(out, "\\u{n:04x}"),
                    _ => write!(out, "\\U{n:08x}"),
                };
            }
            c => out.push(c),
        }
    }
    out.push(quote);
}

/// Whether Python counts `c` as printable: not a control or format character, and no space
/// but the ASCII one (the common cases of Python's Unicode tables).
pub(super) fn prints(c: char) -> bool {
    !(c.is_control()
        || matches!(
            c,
            '\u{a0}'
                | '\u{ad}'
                | '\u{1680}'
                | '\u{2000}'..='\u{200f}'
                | '\u{2028}'..='\u{202f}'
                | '\u{205f}'..='\u{206f}'
                | '\u{3000}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
        ))
}

/// A number or a literal as Python's `repr` writes what `json` reads from it.
pub(super) fn python_scalar(out: &mut String, token: &str) {
    match token {
        "true" => out.push_str("True"),
        "false" => out.push_str("False"),
        "null" => out.push_str("None"),
        "-0" => out.push('0'),
        _ if token.contains(['.', 'e', 'E']) => {
            python_float(out, token.parse().unwrap_or(f64::NAN));
        }
        _ => out.push_str(token),
    }
}

/// A float as Python's `repr` writes it: the shortest digits that read back, in positional
/// notation for exponents from -4 to 15 (with at least one decimal), else as `1.5e-07`.
pub(super) fn python_float(out: &mut String, x: f64) {
    if x.is_nan() {
        out.push_str("nan");
        return;
    }
    if x.is_infinite() {
        out.push_str(if x > 0.0 { "inf" } else { "-inf" });
        return;
    }
    // Rust's `{:e}` gives the shortest digits: "-1.2345e-7".
    let scientific = format!("{x:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    out.push_str(sign);
    if (-4..16).contains(&exponent) {
        if exponent < 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-exponent - 1) as usize));
            out.push_str(&digits);
        } else {
            let whole = exponent as usize + 1;
            if digits.len() <= whole {
                out.push_str(&digits);
                out.extend(std::iter::repeat_n('0', whole - digits.len()));
                out.push_str(".0");
            } else {
                out.push_str(&digits[..whole]);
                out.push('.');
                out.push_str(&digits[whole..]);
            }
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(
            out,
            "e{}{:02}",
            if exponent < 0 { '-' } else { '+' },
            exponent.abs()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_as_python_writes_them() {
        let cases = [
            ("1.5", "1.5"),
            ("1e5", "100000.0"),
            ("1E16", "1e+16"),
            ("1.5e-7", "1.5e-07"),
            ("0.0001", "0.0001"),
            ("0.00001", "1e-05"),
            ("-0.0", "-0.0"),
            ("123456789012345678.0", "1.2345678901234568e+17"),
            ("1e400", "inf"),
            ("2.50", "2.5"),
            ("-12.75e1", "-127.5"),
        ];
        for (token, python) in cases {
            let mut out = String::new();
            python_scalar(&mut out, token);
            assert_eq!(out, python, "{token}");
        }
    }

    #[test]
    fn strings_as_python_writes_them() {
        let cases = [
            ("abc", "'abc'"),
            ("it's", "\"it's\""),
            ("it's \"so\"", "'it\\'s \"so\"'"),
            ("a\\b\n\t\r", "'a\\\\b\\n\\t\\r'"),
            ("\u{7f}\u{a0}é\u{2028}😀", "'\\x7f\\xa0é\\u2028😀'"),
        ];
        for (text, python) in cases {
            let mut out = String::new();
            python_str(&mut out, text);
            assert_eq!(out, python, "{text:?}");
        }
    }
}
