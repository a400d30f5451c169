//! What the Query API check knows besides the request ([`QueryOptions`]), and how it words
//! what SES is seen to word two ways (docs/query.md).

use crate::account::Context;
use crate::render::Apostrophes;

/// The XML namespace of an `InvalidAction` error (decided: `query-invalid-action-namespace`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum InvalidActionNamespace {
    /// SES's own namespace, as every other error.
    #[default]
    Ses,
    /// `http://webservices.amazon.com/AWSFault/2005-15-09`, seen in another service.
    AwsFault,
}

/// The words of `InvalidClientTokenId` (seen both ways).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ClientTokenText {
    /// `The security token included in the request is invalid.`
    #[default]
    WithPeriod,
    /// The same without the final period, as some reports show it.
    WithoutPeriod,
}

/// What the check knows besides the request: the clock, the account, the quota, and how to
/// word what SES is seen to word two ways.
///
/// ```
/// use ses_presend::query::{InvalidActionNamespace, QueryOptions};
/// use std::time::UNIX_EPOCH;
/// use ses_presend::Context;
/// let options = QueryOptions::new()
///     .context(Context::new().with_time(UNIX_EPOCH))
///     .invalid_action_namespace(InvalidActionNamespace::AwsFault);
/// assert_eq!(options.context.time(), UNIX_EPOCH);
/// assert!(options.context.account().is_none());
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct QueryOptions<'a> {
    /// What is known besides the request: the account (access keys, subscription, and
    /// everything the send checks use), the quota a send takes its recipients from
    /// ([`check_query`](super::check_query) only; [`report_query`](super::report_query) looks
    /// without taking), and the time the signing
    /// dates are compared with.
    pub context: Context<'a>,
    /// InvalidAction's namespace.
    pub invalid_action_namespace: InvalidActionNamespace,
    /// How the XML envelope writes `'`.
    pub apostrophes: Apostrophes,
    /// InvalidClientTokenId's words.
    pub client_token_text: ClientTokenText,
}

impl Default for QueryOptions<'_> {
    fn default() -> Self {
        QueryOptions::new()
    }
}

impl<'a> QueryOptions<'a> {
    /// The system clock, and nothing known of the account.
    ///
    /// ```
    /// assert!(ses_presend::query::QueryOptions::new().context.quota().is_none());
    /// ```
    pub fn new() -> QueryOptions<'a> {
        QueryOptions {
            context: Context::new(),
            invalid_action_namespace: InvalidActionNamespace::default(),
            apostrophes: Apostrophes::default(),
            client_token_text: ClientTokenText::default(),
        }
    }

    /// Checks with what `context` knows.
    ///
    /// ```
    /// use ses_presend::{query::QueryOptions, Account, Context};
    /// let account = Account::new().with_access_keys(["AKIDEXAMPLE"]);
    /// let options = QueryOptions::new().context(Context::new().with_account(&account));
    /// assert!(options.context.account().is_some());
    /// ```
    #[must_use]
    pub fn context(mut self, context: Context<'a>) -> Self {
        self.context = context;
        self
    }

    /// Sets InvalidAction's namespace.
    ///
    /// ```
    /// use ses_presend::query::{InvalidActionNamespace, QueryOptions};
    /// let o = QueryOptions::new().invalid_action_namespace(InvalidActionNamespace::AwsFault);
    /// assert_eq!(o.invalid_action_namespace, InvalidActionNamespace::AwsFault);
    /// ```
    #[must_use]
    pub fn invalid_action_namespace(mut self, namespace: InvalidActionNamespace) -> Self {
        self.invalid_action_namespace = namespace;
        self
    }

    /// Sets how the envelope writes `'`.
    ///
    /// ```
    /// use ses_presend::{query::QueryOptions, render::Apostrophes};
    /// assert_eq!(QueryOptions::new().apostrophes(Apostrophes::Escaped).apostrophes, Apostrophes::Escaped);
    /// ```
    #[must_use]
    pub fn apostrophes(mut self, apostrophes: Apostrophes) -> Self {
        self.apostrophes = apostrophes;
        self
    }

    /// Sets InvalidClientTokenId's words.
    ///
    /// ```
    /// use ses_presend::query::{ClientTokenText, QueryOptions};
    /// let o = QueryOptions::new().client_token_text(ClientTokenText::WithoutPeriod);
    /// assert_eq!(o.client_token_text, ClientTokenText::WithoutPeriod);
    /// ```
    #[must_use]
    pub fn client_token_text(mut self, text: ClientTokenText) -> Self {
        self.client_token_text = text;
        self
    }
}
