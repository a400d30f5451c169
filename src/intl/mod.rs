//! Internationalized addresses and friendly names (docs/addresses.md#internationalized-addresses): IDNA domains and
//! RFC 2047 encoded-words.

pub(crate) mod domain;
pub(crate) mod encoded_word;

pub use domain::{domain_to_ascii, IdnaError, IdnaProblem};
pub use encoded_word::{charset_is_known, EncodedWordProblem, MAX_ENCODED_WORD};
