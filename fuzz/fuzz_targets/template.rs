//! Any template with any data: the renderer answers (a render or a failure), never panics,
//! hangs or grows without bound, and rendering twice gives the same answer. The input is the
//! template, a NUL byte, then the data; without a NUL the data is `{}`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ses_presend::template::{check_inline, Template};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (source, json) = text.split_once('\0').unwrap_or((text, "{}"));
    let template = Template::new("fuzz").with_subject(source).with_html(source);
    let first = template.render(json);
    assert_eq!(
        first,
        template.render(json),
        "two renders of one input differ"
    );
    if let Err(failure) = &first {
        assert!(!failure.to_string().is_empty());
    }
    let _ = check_inline(source);
});
