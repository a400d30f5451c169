//! What the caller knows about the SES account (ses-behaviour.md §7): region, sandbox,
//! verified identities, configuration sets, templates, sending state, MAIL FROM domains and
//! quotas. Everything starts unknown; a check that needs something unknown is skipped, never
//! guessed.
//!
//! Built in code with the setters, or, with the `serde` feature, read from TOML
//! ([`Account::from_toml`]):
//!
//! ```toml
//! region = "us-east-1"
//! sandbox = true
//! verified_identities = ["example.com", "ops@example.org"]
//! configuration_sets = ["marketing"]
//! sending_paused = false
//! access_keys = ["AKIDEXAMPLE"]
//! subscribed = true
//! ```

use std::collections::HashSet;
use std::fmt;

/// Whether the account is still in the SES sandbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountMode {
    /// In the sandbox: every recipient must be verified too, and the quotas are 200 recipients
    /// per 24 hours and 1 per second unless others are given.
    Sandbox,
    /// Production access: only senders must be verified.
    Production,
}

/// Whether the account may send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountSending {
    /// Sending is enabled.
    Enabled,
    /// AWS paused the account (a review): SES answers `MessageRejected`, *Sending paused for this
    /// account…*. TOML: `sending_paused = true`.
    PausedByAws,
    /// Sending was disabled for the account (`UpdateAccountSendingEnabled`): SES answers
    /// `AccountSendingPausedException`. TOML: `sending_enabled = false`.
    Disabled,
}

/// Whether the account has signed up for SES: a request from an account that has not is
/// refused with `OptInRequired` (query-errors.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subscription {
    /// The account may use SES.
    Subscribed,
    /// The account has no subscription to SES. TOML: `subscribed = false`.
    NotSubscribed,
}

/// The verification status of a custom MAIL FROM domain, as SES reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
pub enum MailFromStatus {
    /// `Pending`: SES has not yet found the MX record.
    Pending,
    /// `Success`: the MX record was found.
    Success,
    /// `Failed`: the MX record was not found.
    Failed,
    /// `TemporaryFailure`: SES could not look the record up.
    TemporaryFailure,
}

/// What SES does when the MAIL FROM domain's MX record cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
pub enum MxFailureBehavior {
    /// `UseDefaultValue` (SES's default): send with SES's own MAIL FROM domain.
    #[default]
    UseDefaultValue,
    /// `RejectMessage`: refuse the send with `MailFromDomainNotVerified`.
    RejectMessage,
}

/// A custom MAIL FROM domain set on an identity.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MailFromDomain {
    /// The identity (an address or a domain) the setting belongs to.
    pub identity: String,
    /// The MAIL FROM domain, such as `bounce.example.com`.
    pub domain: String,
    /// Its verification status.
    pub status: MailFromStatus,
    /// What SES does when the MX record cannot be read.
    #[cfg_attr(feature = "serde", serde(default))]
    pub on_mx_failure: MxFailureBehavior,
}

impl MailFromDomain {
    /// Whether a send from this identity is refused with `MailFromDomainNotVerified`.
    ///
    /// ```
    /// use ses_presend::{MailFromDomain, MailFromStatus, MxFailureBehavior};
    /// let m = MailFromDomain {
    ///     identity: "example.com".into(),
    ///     domain: "bounce.example.com".into(),
    ///     status: MailFromStatus::Failed,
    ///     on_mx_failure: MxFailureBehavior::RejectMessage,
    /// };
    /// assert!(m.rejects());
    /// ```
    pub fn rejects(&self) -> bool {
        self.status != MailFromStatus::Success
            && self.on_mx_failure == MxFailureBehavior::RejectMessage
    }
}

/// The 24-hour sending quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DailyLimit {
    /// No quota (SES's `Max24HourSend` of -1).
    Unlimited,
    /// At most this many recipients in any 24 hours.
    Recipients(u64),
}

/// The account's sending limits, as `aws sesv2 get-account` reports them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SendLimits {
    /// Recipients per second (`MaxSendRate`).
    pub max_send_rate: f64,
    /// Recipients per 24 hours (`Max24HourSend`).
    pub max_24_hour_send: DailyLimit,
    /// Recipients already sent in the last 24 hours (`SentLast24Hours`).
    pub sent_last_24_hours: u64,
}

impl SendLimits {
    /// The sandbox's limits: 1 recipient per second, 200 per 24 hours (documented).
    ///
    /// ```
    /// use ses_presend::{DailyLimit, SendLimits};
    /// assert_eq!(SendLimits::SANDBOX.max_24_hour_send, DailyLimit::Recipients(200));
    /// ```
    pub const SANDBOX: SendLimits = SendLimits {
        max_send_rate: 1.0,
        max_24_hour_send: DailyLimit::Recipients(200),
        sent_last_24_hours: 0,
    };
}

/// What the caller knows about the account. [`Account::default`] knows nothing.
///
/// ```
/// use ses_presend::{Account, AccountMode};
/// let account = Account::new()
///     .region("eu-west-1")
///     .mode(AccountMode::Sandbox)
///     .verified_identities(["example.com", "ops@example.org"])
///     .configuration_sets(["marketing"]);
/// assert!(account.is_verified("anyone@example.com"));
/// assert!(!account.is_verified("ops@example.net"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Account {
    region: Option<String>,
    mode: Option<AccountMode>,
    identities: Option<Identities>,
    configuration_sets: Option<Vec<String>>,
    templates: Option<Vec<String>>,
    sending: Option<AccountSending>,
    disabled_configuration_sets: Vec<String>,
    mail_from: Vec<MailFromDomain>,
    limits: Option<SendLimits>,
    access_keys: Option<Vec<String>>,
    subscription: Option<Subscription>,
}

/// Verified identities, as given and indexed for look-up.
#[derive(Debug, Clone, Default)]
struct Identities {
    listed: Vec<String>,
    /// `local@domain` with the domain in lower case.
    addresses: HashSet<String>,
    /// Lower-case domains.
    domains: HashSet<String>,
}

/// `local@domain` with the domain in lower case (domains have no case; local parts may).
fn normal_address(local: &str, domain: &str) -> String {
    format!("{local}@{}", domain.to_ascii_lowercase())
}

impl Account {
    /// An account of which nothing is known.
    ///
    /// ```
    /// assert_eq!(ses_presend::Account::new().region_name(), None);
    /// ```
    pub fn new() -> Account {
        Account::default()
    }

    /// Sets the region, such as `us-east-1`.
    ///
    /// ```
    /// let a = ses_presend::Account::new().region("eu-west-1");
    /// assert_eq!(a.region_name(), Some("eu-west-1"));
    /// ```
    #[must_use]
    pub fn region(mut self, region: impl Into<String>) -> Account {
        self.region = Some(region.into());
        self
    }

    /// Sets whether the account is in the sandbox.
    ///
    /// ```
    /// use ses_presend::{Account, AccountMode};
    /// assert_eq!(Account::new().mode(AccountMode::Sandbox).account_mode(), Some(AccountMode::Sandbox));
    /// ```
    #[must_use]
    pub fn mode(mut self, mode: AccountMode) -> Account {
        self.mode = Some(mode);
        self
    }

    /// Sets the verified identities: addresses (`ops@example.org`) and domains
    /// (`example.com`, which also covers its subdomains). Replaces any set before.
    ///
    /// ```
    /// let a = ses_presend::Account::new().verified_identities(["example.com"]);
    /// assert!(a.is_verified("Ops <ops@mail.EXAMPLE.com>"));
    /// ```
    #[must_use]
    pub fn verified_identities<I, S>(mut self, identities: I) -> Account
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut index = Identities::default();
        for identity in identities {
            let identity: String = identity.into();
            let trimmed = identity.trim();
            match trimmed.rsplit_once('@') {
                Some((local, domain)) => {
                    index.addresses.insert(normal_address(local, domain));
                }
                None => {
                    index
                        .domains
                        .insert(trimmed.trim_end_matches('.').to_ascii_lowercase());
                }
            }
            index.listed.push(identity);
        }
        self.identities = Some(index);
        self
    }

    /// Sets the configuration sets that exist. Replaces any set before.
    ///
    /// ```
    /// let a = ses_presend::Account::new().configuration_sets(["marketing"]);
    /// assert_eq!(a.has_configuration_set("marketing"), Some(true));
    /// assert_eq!(ses_presend::Account::new().has_configuration_set("marketing"), None);
    /// ```
    #[must_use]
    pub fn configuration_sets<I, S>(mut self, names: I) -> Account
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.configuration_sets = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Sets the templates that exist. Replaces any set before.
    ///
    /// ```
    /// let a = ses_presend::Account::new().templates(["welcome"]);
    /// assert_eq!(a.has_template("welcome"), Some(true));
    /// ```
    #[must_use]
    pub fn templates<I, S>(mut self, names: I) -> Account
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.templates = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Sets whether the account may send.
    ///
    /// ```
    /// use ses_presend::{Account, AccountSending};
    /// let a = Account::new().sending(AccountSending::PausedByAws);
    /// assert_eq!(a.sending_state(), Some(AccountSending::PausedByAws));
    /// ```
    #[must_use]
    pub fn sending(mut self, sending: AccountSending) -> Account {
        self.sending = Some(sending);
        self
    }

    /// Sets the configuration sets whose sending is disabled. Replaces any set before.
    ///
    /// ```
    /// let a = ses_presend::Account::new().disabled_configuration_sets(["old"]);
    /// assert!(a.configuration_set_disabled("old"));
    /// ```
    #[must_use]
    pub fn disabled_configuration_sets<I, S>(mut self, names: I) -> Account
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.disabled_configuration_sets = names.into_iter().map(Into::into).collect();
        self
    }

    /// Adds a custom MAIL FROM domain setting.
    ///
    /// ```
    /// use ses_presend::{Account, MailFromDomain, MailFromStatus, MxFailureBehavior};
    /// let a = Account::new().mail_from(MailFromDomain {
    ///     identity: "example.com".into(),
    ///     domain: "bounce.example.com".into(),
    ///     status: MailFromStatus::Success,
    ///     on_mx_failure: MxFailureBehavior::RejectMessage,
    /// });
    /// assert!(a.mail_from_for("ops@example.com").is_some());
    /// ```
    #[must_use]
    pub fn mail_from(mut self, setting: MailFromDomain) -> Account {
        self.mail_from.push(setting);
        self
    }

    /// Sets the sending limits (quotas).
    ///
    /// ```
    /// use ses_presend::{Account, SendLimits};
    /// let a = Account::new().limits(SendLimits::SANDBOX);
    /// assert_eq!(a.send_limits(), Some(SendLimits::SANDBOX));
    /// ```
    #[must_use]
    pub fn limits(mut self, limits: SendLimits) -> Account {
        self.limits = Some(limits);
        self
    }

    /// Sets the account's access key ids (`AKIA…`, `ASIA…`): a signed request with another key
    /// is refused with `InvalidClientTokenId`. Replaces any set before.
    ///
    /// ```
    /// let a = ses_presend::Account::new().access_keys(["AKIDEXAMPLE"]);
    /// assert_eq!(a.has_access_key("AKIDEXAMPLE"), Some(true));
    /// assert_eq!(a.has_access_key("AKIDOTHER"), Some(false));
    /// ```
    #[must_use]
    pub fn access_keys<I, S>(mut self, keys: I) -> Account
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.access_keys = Some(keys.into_iter().map(Into::into).collect());
        self
    }

    /// Sets whether the account has signed up for SES.
    ///
    /// ```
    /// use ses_presend::{Account, Subscription};
    /// let a = Account::new().subscription(Subscription::NotSubscribed);
    /// assert_eq!(a.subscription_state(), Some(Subscription::NotSubscribed));
    /// ```
    #[must_use]
    pub fn subscription(mut self, subscription: Subscription) -> Account {
        self.subscription = Some(subscription);
        self
    }

    /// Whether an access key id belongs to the account: `None` when the keys are not known.
    ///
    /// ```
    /// assert_eq!(ses_presend::Account::new().has_access_key("AKIDEXAMPLE"), None);
    /// ```
    pub fn has_access_key(&self, key: &str) -> Option<bool> {
        let keys = self.access_keys.as_ref()?;
        Some(keys.iter().any(|k| k == key))
    }

    /// Whether the account has signed up for SES, when known.
    ///
    /// ```
    /// assert_eq!(ses_presend::Account::new().subscription_state(), None);
    /// ```
    pub fn subscription_state(&self) -> Option<Subscription> {
        self.subscription
    }

    /// The region, when known.
    ///
    /// ```
    /// assert_eq!(ses_presend::Account::new().region_name(), None);
    /// ```
    pub fn region_name(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// Sandbox or production, when known.
    ///
    /// ```
    /// assert_eq!(ses_presend::Account::new().account_mode(), None);
    /// ```
    pub fn account_mode(&self) -> Option<AccountMode> {
        self.mode
    }

    /// The verified identities as given, when known.
    ///
    /// ```
    /// let a = ses_presend::Account::new().verified_identities(["example.com"]);
    /// assert_eq!(a.identities().unwrap(), ["example.com"]);
    /// ```
    pub fn identities(&self) -> Option<&[String]> {
        self.identities.as_ref().map(|i| &i.listed[..])
    }

    /// Whether the account may send, when known.
    ///
    /// ```
    /// assert_eq!(ses_presend::Account::new().sending_state(), None);
    /// ```
    pub fn sending_state(&self) -> Option<AccountSending> {
        self.sending
    }

    /// The sending limits: those given, or the sandbox's when the account is in the sandbox.
    ///
    /// ```
    /// use ses_presend::{Account, AccountMode, SendLimits};
    /// assert_eq!(Account::new().mode(AccountMode::Sandbox).send_limits(), Some(SendLimits::SANDBOX));
    /// assert_eq!(Account::new().send_limits(), None);
    /// ```
    pub fn send_limits(&self) -> Option<SendLimits> {
        self.limits
            .or_else(|| (self.mode == Some(AccountMode::Sandbox)).then_some(SendLimits::SANDBOX))
    }

    /// Whether a configuration set exists: `None` when the sets are not known.
    ///
    /// ```
    /// let a = ses_presend::Account::new().configuration_sets(["marketing"]);
    /// assert_eq!(a.has_configuration_set("sales"), Some(false));
    /// ```
    pub fn has_configuration_set(&self, name: &str) -> Option<bool> {
        let sets = self.configuration_sets.as_ref()?;
        Some(sets.iter().any(|s| s == name))
    }

    /// Whether a template exists: `None` when the templates are not known.
    ///
    /// ```
    /// assert_eq!(ses_presend::Account::new().has_template("welcome"), None);
    /// ```
    pub fn has_template(&self, name: &str) -> Option<bool> {
        let templates = self.templates.as_ref()?;
        Some(templates.iter().any(|s| s == name))
    }

    /// Whether sending is disabled for a configuration set.
    ///
    /// ```
    /// assert!(!ses_presend::Account::new().configuration_set_disabled("marketing"));
    /// ```
    pub fn configuration_set_disabled(&self, name: &str) -> bool {
        self.disabled_configuration_sets.iter().any(|s| s == name)
    }

    /// Whether an address is verified: the address itself, its domain or a parent domain is
    /// a verified identity (domains compared without regard to case). An address that does not
    /// parse, or when no identities are known, is not verified. A group is verified when every
    /// member is.
    ///
    /// ```
    /// let a = ses_presend::Account::new().verified_identities(["Ops@Example.org", "example.com"]);
    /// assert!(a.is_verified("Ops@example.ORG"));
    /// assert!(!a.is_verified("ops@example.org"));
    /// assert!(a.is_verified("x@news.example.com"));
    /// ```
    pub fn is_verified(&self, address: &str) -> bool {
        match crate::parse_address(address) {
            Ok(addr) => addr.mailboxes().all(|m| {
                m.domain
                    .is_some_and(|d| self.is_verified_parts(m.local_part, d))
            }),
            Err(_) => false,
        }
    }

    /// Whether `local@domain` is verified.
    pub(crate) fn is_verified_parts(&self, local: &str, domain: &str) -> bool {
        let Some(ids) = &self.identities else {
            return false;
        };
        if ids.addresses.contains(&normal_address(local, domain)) {
            return true;
        }
        let domain = domain.to_ascii_lowercase();
        let mut rest = domain.as_str();
        loop {
            if ids.domains.contains(rest) {
                return true;
            }
            match rest.split_once('.') {
                Some((_, parent)) => rest = parent,
                None => return false,
            }
        }
    }

    /// Whether identities are known at all.
    pub(crate) fn knows_identities(&self) -> bool {
        self.identities.is_some()
    }

    /// The MAIL FROM setting that applies to a sender: the address's own, else its domain's,
    /// else a parent domain's.
    ///
    /// ```
    /// assert!(ses_presend::Account::new().mail_from_for("a@example.com").is_none());
    /// ```
    pub fn mail_from_for(&self, address: &str) -> Option<&MailFromDomain> {
        let addr = crate::parse_address(address).ok()?;
        let m = addr.mailbox()?;
        let domain = m.domain?;
        let exact = normal_address(m.local_part, domain);
        if let Some(found) = self.mail_from.iter().find(|s| {
            s.identity
                .rsplit_once('@')
                .is_some_and(|(l, d)| normal_address(l, d) == exact)
        }) {
            return Some(found);
        }
        let domain = domain.to_ascii_lowercase();
        let mut rest = domain.as_str();
        loop {
            if let Some(found) = self
                .mail_from
                .iter()
                .find(|s| !s.identity.contains('@') && s.identity.eq_ignore_ascii_case(rest))
            {
                return Some(found);
            }
            rest = rest.split_once('.')?.1;
        }
    }
}

/// Why an account file could not be read: the message names the key or value, and the line.
///
/// ```
/// # #[cfg(feature = "serde")] {
/// let err = ses_presend::Account::from_toml("region = \"us-east-1\"\nsandbx = true\n").unwrap_err();
/// assert_eq!(err.line(), Some(2));
/// assert!(err.to_string().contains("sandbx"));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountError {
    message: String,
    line: Option<usize>,
    column: Option<usize>,
}

impl AccountError {
    /// The line (from 1) the error is on, when it has one.
    ///
    /// ```
    /// # #[cfg(feature = "serde")] {
    /// let err = ses_presend::Account::from_toml("sandbox = \"yes\"").unwrap_err();
    /// assert_eq!(err.line(), Some(1));
    /// # }
    /// ```
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// The column (from 1, in characters) the error starts at, when it has one.
    ///
    /// ```
    /// # #[cfg(feature = "serde")] {
    /// let err = ses_presend::Account::from_toml("sandbox = \"yes\"").unwrap_err();
    /// assert_eq!(err.column(), Some(11));
    /// # }
    /// ```
    pub fn column(&self) -> Option<usize> {
        self.column
    }

    /// What is wrong, without the position.
    ///
    /// ```
    /// # #[cfg(feature = "serde")] {
    /// let err = ses_presend::Account::from_toml("sandbox = 1").unwrap_err();
    /// assert!(err.message().contains("boolean"));
    /// # }
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for AccountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "line {line}, column {column}: {}", self.message)
            }
            (Some(line), None) => write!(f, "line {line}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for AccountError {}

#[cfg(feature = "serde")]
mod file {
    //! The TOML account file.

    use super::*;
    use serde::Deserialize;

    /// The file's keys. See the README for each.
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct AccountFile {
        region: Option<String>,
        sandbox: Option<bool>,
        verified_identities: Option<Vec<String>>,
        configuration_sets: Option<Vec<String>>,
        templates: Option<Vec<String>>,
        sending_paused: Option<bool>,
        sending_enabled: Option<bool>,
        #[serde(default)]
        disabled_configuration_sets: Vec<String>,
        #[serde(default)]
        mail_from: Vec<MailFromDomain>,
        quota: Option<QuotaFile>,
        access_keys: Option<Vec<String>>,
        subscribed: Option<bool>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct QuotaFile {
        max_send_rate: toml::Spanned<f64>,
        max_24_hour_send: toml::Spanned<f64>,
        sent_last_24_hours: Option<toml::Spanned<f64>>,
    }

    /// Whether `n` is a whole, non-negative number that fits a `u64`.
    fn whole(n: f64) -> bool {
        n >= 0.0 && n.fract() == 0.0 && n < u64::MAX as f64
    }

    /// Line and column (from 1, in characters) of a byte offset.
    fn position(text: &str, offset: usize) -> (usize, usize) {
        let before = &text[..offset.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    }

    fn error_at(text: &str, offset: Option<usize>, message: String) -> AccountError {
        let (line, column) = match offset {
            Some(offset) => {
                let (l, c) = position(text, offset);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        AccountError {
            message,
            line,
            column,
        }
    }

    impl Account {
        /// Reads an account from TOML (feature `serde`). Unknown keys are errors, so that a
        /// misspelt key is not silently ignored; every error names its line.
        ///
        /// ```
        /// use ses_presend::{Account, AccountMode, AccountSending};
        /// let account = Account::from_toml(r#"
        ///     region = "us-east-1"
        ///     sandbox = true
        ///     verified_identities = ["example.com", "ops@example.org"]
        ///     configuration_sets = ["marketing"]
        ///     sending_paused = false
        /// "#).unwrap();
        /// assert_eq!(account.account_mode(), Some(AccountMode::Sandbox));
        /// assert_eq!(account.sending_state(), Some(AccountSending::Enabled));
        /// ```
        pub fn from_toml(text: &str) -> Result<Account, AccountError> {
            let file: AccountFile = toml::from_str(text)
                .map_err(|e| error_at(text, e.span().map(|s| s.start), e.message().to_string()))?;
            let mut account = Account::new();
            account.region = file.region;
            account.mode = file.sandbox.map(|sandbox| match sandbox {
                true => AccountMode::Sandbox,
                false => AccountMode::Production,
            });
            if let Some(ids) = file.verified_identities {
                account = account.verified_identities(ids);
            }
            account.configuration_sets = file.configuration_sets;
            account.templates = file.templates;
            account.sending = match (file.sending_paused, file.sending_enabled) {
                (Some(true), _) => Some(AccountSending::PausedByAws),
                (_, Some(false)) => Some(AccountSending::Disabled),
                (None, None) => None,
                _ => Some(AccountSending::Enabled),
            };
            account.disabled_configuration_sets = file.disabled_configuration_sets;
            account.mail_from = file.mail_from;
            account.access_keys = file.access_keys;
            account.subscription = file.subscribed.map(|subscribed| match subscribed {
                true => Subscription::Subscribed,
                false => Subscription::NotSubscribed,
            });
            if let Some(q) = file.quota {
                let value_error = |value: &toml::Spanned<f64>, why: &str| {
                    error_at(text, Some(value.span().start), why.to_string())
                };
                let rate = *q.max_send_rate.get_ref();
                if !(rate.is_finite() && rate > 0.0) {
                    return Err(value_error(
                        &q.max_send_rate,
                        "`max_send_rate` must be a positive number of recipients per second",
                    ));
                }
                let daily =
                    match *q.max_24_hour_send.get_ref() {
                        -1.0 => DailyLimit::Unlimited,
                        n if whole(n) => DailyLimit::Recipients(n as u64),
                        _ => return Err(value_error(
                            &q.max_24_hour_send,
                            "`max_24_hour_send` must be a whole number of recipients, or -1 for \
                             no quota",
                        )),
                    };
                let sent = match &q.sent_last_24_hours {
                    None => 0,
                    Some(n) if whole(*n.get_ref()) => *n.get_ref() as u64,
                    Some(n) => {
                        return Err(value_error(
                            n,
                            "`sent_last_24_hours` must be a whole number of recipients",
                        ))
                    }
                };
                account.limits = Some(SendLimits {
                    max_send_rate: rate,
                    max_24_hour_send: daily,
                    sent_last_24_hours: sent,
                });
            }
            Ok(account)
        }
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn positions() {
            let text = "a\nbé = 1\n";
            assert_eq!(super::position(text, 0), (1, 1));
            assert_eq!(super::position(text, 2), (2, 1));
            assert_eq!(super::position(text, 6), (2, 4));
        }
    }
}
