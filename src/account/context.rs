//! [`Context`]: what a check knows beyond its input — the account, its sending quota and the
//! time — taken by every check that can use it.

use super::quota::SendQuota;
use super::Account;
use std::time::SystemTime;

/// An account of which nothing is known.
static NOTHING: Account = Account::nothing();

/// What the caller knows besides the input: the [`Account`] (identities, configuration sets,
/// templates, sending state), its [`SendQuota`], and the time a signed request is judged at.
/// [`Context::new`] knows nothing: only what SES checks of the input alone is checked, and
/// nothing is guessed.
///
/// A context borrows what it names and is `Copy`: build one per check, or share one between
/// threads (it is `Send` and `Sync`).
///
/// ```
/// use ses_presend::account::AccountMode;
/// use ses_presend::request::SendEmailRequest;
/// use ses_presend::{Account, Context};
///
/// let account = Account::new()
///     .with_region("us-east-1")
///     .with_mode(AccountMode::Sandbox)
///     .with_verified_identities(["example.com"]);
/// let context = Context::new().with_account(&account);
/// let req = SendEmailRequest::builder()
///     .source("ops@example.com")
///     .to("Bob <bob@example.org>")
///     .subject("Hi")
///     .text("Hello")
///     .build();
/// assert_eq!(
///     context.check_email(&req).unwrap_err().to_string(),
///     "Email address is not verified. The following identities failed the check in region \
///      US-EAST-1: Bob <bob@example.org>"
/// );
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    account: Option<&'a Account>,
    quota: Option<&'a SendQuota>,
    time: Option<SystemTime>,
    #[cfg(feature = "templates")]
    templates: Option<&'a crate::template::TemplateStore>,
}

impl<'a> Context<'a> {
    /// A context that knows nothing.
    ///
    /// ```
    /// let context = ses_presend::Context::new();
    /// assert!(context.account().is_none() && context.quota().is_none());
    /// ```
    pub fn new() -> Context<'a> {
        Context::default()
    }

    /// Checks against what is known of `account`.
    ///
    /// ```
    /// let account = ses_presend::Account::new().with_region("eu-west-1");
    /// let context = ses_presend::Context::new().with_account(&account);
    /// assert_eq!(context.account().unwrap().region(), Some("eu-west-1"));
    /// ```
    #[must_use]
    pub fn with_account(mut self, account: &'a Account) -> Context<'a> {
        self.account = Some(account);
        self
    }

    /// Counts what SES would accept against `quota`: a check takes its recipients, a report
    /// only looks.
    ///
    /// ```
    /// use ses_presend::account::SendQuota;
    /// let quota = SendQuota::sandbox();
    /// assert!(ses_presend::Context::new().with_quota(&quota).quota().is_some());
    /// ```
    #[must_use]
    pub fn with_quota(mut self, quota: &'a SendQuota) -> Context<'a> {
        self.quota = Some(quota);
        self
    }

    /// Judges signed requests at `time` instead of the system clock's now.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    /// assert_eq!(ses_presend::Context::new().with_time(at).time(), at);
    /// ```
    #[must_use]
    pub fn with_time(mut self, time: SystemTime) -> Context<'a> {
        self.time = Some(time);
        self
    }

    /// Renders templated sends with the account's stored templates: a send whose data misses
    /// what its template needs gets the `rendering-failure` finding, and a template not in
    /// the store is one that does not exist (`TemplateDoesNotExist`).
    ///
    /// ```
    /// use ses_presend::template::{Template, TemplateStore};
    /// let mut store = TemplateStore::new();
    /// store.insert(Template::new("welcome").with_subject("Hi {{name}}"));
    /// let context = ses_presend::Context::new().with_templates(&store);
    /// assert!(context.templates().unwrap().get("welcome").is_some());
    /// ```
    #[cfg(feature = "templates")]
    #[must_use]
    pub fn with_templates(mut self, templates: &'a crate::template::TemplateStore) -> Context<'a> {
        self.templates = Some(templates);
        self
    }

    /// The stored templates, when given.
    ///
    /// ```
    /// assert!(ses_presend::Context::new().templates().is_none());
    /// ```
    #[cfg(feature = "templates")]
    pub fn templates(&self) -> Option<&'a crate::template::TemplateStore> {
        self.templates
    }

    /// Whether a template exists: the store's answer when templates are given, else the
    /// account's (`None`: not known).
    pub(crate) fn has_template(&self, name: &str) -> Option<bool> {
        #[cfg(feature = "templates")]
        if let Some(store) = self.templates {
            return Some(store.get(name).is_some());
        }
        self.known().has_template(name)
    }

    /// The account, when one was given.
    ///
    /// ```
    /// assert!(ses_presend::Context::new().account().is_none());
    /// ```
    pub fn account(&self) -> Option<&'a Account> {
        self.account
    }

    /// The sending quota, when one was given.
    ///
    /// ```
    /// assert!(ses_presend::Context::new().quota().is_none());
    /// ```
    pub fn quota(&self) -> Option<&'a SendQuota> {
        self.quota
    }

    /// The time signed requests are judged at: the one given, else now.
    ///
    /// ```
    /// let now = std::time::SystemTime::now();
    /// assert!(ses_presend::Context::new().time() >= now);
    /// ```
    pub fn time(&self) -> SystemTime {
        self.time.unwrap_or_else(SystemTime::now)
    }

    /// The account, or one of which nothing is known.
    pub(crate) fn known(&self) -> &'a Account {
        self.account.unwrap_or(&NOTHING)
    }
}
