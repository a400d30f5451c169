//! Raw-message benchmarks: `check_raw` against mail-parser 0.11.9 on the same bytes.
//!
//! * `large_attachment`: a 5 MB message (a text part and an HTML part, then a 3.7 MB base64
//!   attachment). `check_raw` reads the headers and crosses the bodies to the boundaries
//!   without decoding or copying them; mail-parser's `parse()` builds the whole message and
//!   decodes every part. The goal is `check_raw` at least 5× faster.
//! * `headers_only`: a message of typical headers (addresses, DKIM, list headers) and no body.
//!   `check_raw` splits the headers, checks every address, the duplicates and the Content-Type;
//!   `parse_headers` splits and parses them. The goal is `check_raw` within 2× of it.
//!
//! The messages are built in code from a seeded generator, so every run measures the same
//! bytes. Both sides are trusted input here: `parse()` is never given untrusted bytes in the
//! library.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use mail_parser::MessageParser;
use ses_presend::{check_raw, report_raw, Api, RawOptions};
use std::time::Duration;

/// xorshift64*: the same bytes on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `bytes` random bytes as base64 in 76-column CRLF lines.
fn base64_lines(rng: &mut Rng, bytes: usize) -> String {
    let chars = bytes.div_ceil(3) * 4;
    let mut out = String::with_capacity(chars + chars / 76 * 2 + 2);
    let mut col = 0;
    for _ in 0..chars {
        out.push(B64[(rng.next() >> 58) as usize] as char);
        col += 1;
        if col == 76 {
            out.push_str("\r\n");
            col = 0;
        }
    }
    out.push_str("\r\n");
    out
}

fn headers() -> String {
    "From: =?UTF-8?B?Sm9zw6kgw4FsdmFyZXo=?= <jose@example.com>\r\n\
     To: Karen Chan <karen@example.org>, \"Ops, Team\" <ops@example.net>, dev@example.com\r\n\
     Cc: manager@example.com (Manager), Finance <finance@example.co.uk>\r\n\
     Reply-To: support@example.com\r\n\
     Subject: =?UTF-8?Q?Quarterly_report_=E2=80=93_Q3?=\r\n\
     Date: Mon, 03 Mar 2025 09:30:00 +0000\r\n\
     Message-ID: <report-2025-q3.0001@example.com>\r\n\
     MIME-Version: 1.0\r\n\
     List-Unsubscribe: <mailto:unsubscribe@example.com?subject=unsubscribe>, \
     <https://example.com/unsubscribe/abc>\r\n\
     List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n\
     X-Mailer: report-builder 4.2\r\n\
     DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=mail;\r\n\
     \th=from:to:cc:subject:date:message-id; bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n\
     \tb=dzdVyOfAKCdLXdJOc9G2q8LoXSlEniSbav+yuU4zGeeruD00lszZVoG4ZHRNiYzR\r\n"
        .to_string()
}

/// About 5 MB: a text and an HTML alternative (1.2 MB together), then a 3.7 MB base64
/// attachment.
fn large_message() -> Vec<u8> {
    let mut rng = Rng(0x5E5_0000_0001);
    let mut m = headers();
    m.push_str("Content-Type: multipart/mixed; boundary=\"mixed-5a1f\"\r\n\r\n");
    m.push_str(
        "--mixed-5a1f\r\nContent-Type: multipart/alternative; boundary=\"alt-22c9\"\r\n\r\n",
    );
    m.push_str("--alt-22c9\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n");
    let words = [
        "quarterly",
        "revenue",
        "grew",
        "by",
        "the",
        "team",
        "report",
        "numbers",
    ];
    let mut text = String::new();
    while text.len() < 600_000 {
        let mut line = String::new();
        while line.len() < 70 {
            line.push_str(words[(rng.next() % 8) as usize]);
            line.push(' ');
        }
        text.push_str(line.trim_end());
        text.push_str("\r\n");
    }
    m.push_str(&text);
    m.push_str("\r\n--alt-22c9\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n");
    for line in text.lines().take(9_000) {
        m.push_str("<p>");
        m.push_str(line);
        m.push_str("</p>\r\n");
    }
    m.push_str("\r\n--alt-22c9--\r\n\r\n--mixed-5a1f\r\n");
    m.push_str(
        "Content-Type: application/pdf; name=\"report-q3.pdf\"\r\n\
         Content-Disposition: attachment; filename=\"report-q3.pdf\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n",
    );
    m.push_str(&base64_lines(&mut rng, 2_775_000));
    m.push_str("\r\n--mixed-5a1f--\r\n");
    m.into_bytes()
}

fn header_message() -> Vec<u8> {
    let mut m = headers();
    m.push_str("Content-Type: text/plain; charset=UTF-8\r\n\r\n");
    m.into_bytes()
}

fn bench_large(c: &mut Criterion) {
    let raw = large_message();
    let options = RawOptions::new(Api::V1);
    assert_eq!(check_raw(&raw, &options), Ok(()));
    // The walk went through every part: nothing is reported at all.
    assert_eq!(report_raw(&raw, &options), Default::default());
    let parsed = MessageParser::new().parse(&raw).unwrap();
    assert_eq!(parsed.attachments.len(), 1);
    eprintln!(
        "large_attachment: {} bytes, attachment {} bytes of base64",
        raw.len(),
        parsed
            .attachment(0)
            .unwrap()
            .raw_body_offset()
            .abs_diff(parsed.attachment(0).unwrap().raw_end_offset())
    );
    let mut group = c.benchmark_group("large_attachment");
    group.throughput(Throughput::Bytes(raw.len() as u64));
    group.bench_function("ses_presend_check_raw", |b| {
        b.iter(|| check_raw(black_box(&raw), &options))
    });
    group.bench_function("ses_presend_report_raw", |b| {
        b.iter(|| report_raw(black_box(&raw), &options).advisories.len())
    });
    group.bench_function("mail_parser_parse", |b| {
        b.iter(|| {
            MessageParser::new()
                .parse(black_box(&raw))
                .map(|m| m.parts.len())
        })
    });
    group.finish();
}

fn bench_headers(c: &mut Criterion) {
    let raw = header_message();
    let options = RawOptions::new(Api::V1);
    assert_eq!(check_raw(&raw, &options), Ok(()));
    eprintln!("headers_only: {} bytes", raw.len());
    let mut group = c.benchmark_group("headers_only");
    group.throughput(Throughput::Bytes(raw.len() as u64));
    group.bench_function("ses_presend_check_raw", |b| {
        b.iter(|| check_raw(black_box(&raw), &options))
    });
    group.bench_function("mail_parser_parse_headers", |b| {
        b.iter(|| {
            MessageParser::new()
                .parse_headers(black_box(&raw))
                .map(|m| m.parts.len())
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1));
    targets = bench_large, bench_headers
}
criterion_main!(benches);
