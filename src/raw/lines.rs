//! Lines of a raw message. A line ends at LF or CRLF; the CR of a CRLF is not part of the
//! line's text. Everything here is a forward scan with `memchr`, so a message is read at the
//! speed of memory, whatever its line endings.

use memchr::{memchr, memchr_iter, memrchr};

/// The longest line text a message may have: 1000 octets with its CRLF (RFC 5322 §2.1.1).
pub(crate) const MAX_LINE_TEXT: usize = 998;

/// The line that starts at `start`: where its text ends (before the CRLF or LF) and where the
/// next line starts (the length of `b` after the last line).
#[inline]
pub(crate) fn line_at(b: &[u8], start: usize) -> (usize, usize) {
    match memchr(b'\n', &b[start..]) {
        Some(i) => {
            let lf = start + i;
            let end = if lf > start && b[lf - 1] == b'\r' {
                lf - 1
            } else {
                lf
            };
            (end, lf + 1)
        }
        None => (b.len(), b.len()),
    }
}

/// The length of the text of the line `start..lf`, `lf` being its LF.
fn text_len(b: &[u8], start: usize, lf: usize) -> usize {
    let cr = usize::from(lf > start && b[lf - 1] == b'\r');
    lf - start - cr
}

/// Lines whose text is over [`MAX_LINE_TEXT`] octets: the line number (from 1) of the first
/// one and how many there are, or `None`.
///
/// Most lines are short, so the scan jumps: from a line start it looks for the last LF within
/// the next 1000 octets (`memrchr`); every line that ends there, but the first, is short by
/// construction, and the first is measured with one `memchr`. A message of 76-column lines is
/// crossed about a thousand octets per step.
pub(crate) fn long_lines(b: &[u8]) -> Option<(usize, usize)> {
    let window = MAX_LINE_TEXT + 2;
    let mut first: Option<usize> = None;
    let mut count = 0usize;
    let mut start = 0usize;
    while start < b.len() {
        let end = (start + window).min(b.len());
        match memrchr(b'\n', &b[start..end]) {
            Some(i) => {
                let last = start + i;
                let first_lf = start + memchr(b'\n', &b[start..=last]).unwrap_or(i);
                if text_len(b, start, first_lf) > MAX_LINE_TEXT {
                    first.get_or_insert(start);
                    count += 1;
                }
                start = last + 1;
            }
            None if end == b.len() => {
                // The last line, without a line break (a final CR is text then).
                if b.len() - start > MAX_LINE_TEXT {
                    first.get_or_insert(start);
                    count += 1;
                }
                break;
            }
            None => {
                first.get_or_insert(start);
                count += 1;
                start = memchr(b'\n', &b[end..]).map_or(b.len(), |i| end + i + 1);
            }
        }
    }
    first.map(|at| (memchr_iter(b'\n', &b[..at]).count() + 1, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The obvious answer, line by line.
    fn slow(b: &[u8]) -> Option<(usize, usize)> {
        let mut first = None;
        let mut count = 0;
        let mut start = 0;
        let mut n = 1;
        while start < b.len() {
            let (end, next) = line_at(b, start);
            if end - start > MAX_LINE_TEXT {
                first.get_or_insert(n);
                count += 1;
            }
            start = next;
            n += 1;
        }
        first.map(|f| (f, count))
    }

    #[test]
    fn long_lines_agree_with_a_line_by_line_count() {
        let mut cases: Vec<Vec<u8>> = Vec::new();
        for len in [0, 1, 997, 998, 999, 1000, 1001, 2500] {
            for ending in [&b"\n"[..], b"\r\n", b""] {
                let mut line = vec![b'a'; len];
                line.extend_from_slice(ending);
                cases.push(line.clone());
                let mut two = b"short\r\n".to_vec();
                two.extend_from_slice(&line);
                two.extend_from_slice(b"x\n");
                two.extend_from_slice(&line);
                cases.push(two);
                let mut many = Vec::new();
                for k in 0..40 {
                    many.extend_from_slice(&vec![b'b'; (k * 37) % 90]);
                    many.extend_from_slice(b"\r\n");
                }
                many.extend_from_slice(&line);
                cases.push(many);
            }
        }
        cases.push(b"\r".to_vec());
        cases.push(vec![b'\r'; 1000]);
        cases.push([vec![b'c'; 998], b"\r".to_vec()].concat());
        for case in &cases {
            assert_eq!(
                long_lines(case),
                slow(case),
                "{:?}",
                String::from_utf8_lossy(case)
            );
        }
    }
}
