//! Internationalized addresses and friendly names (ses-behaviour.md §4): IDNA domains and
//! RFC 2047 encoded-words.

pub(crate) mod domain;
pub(crate) mod encoded_word;
