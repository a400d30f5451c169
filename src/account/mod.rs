//! What the caller knows about the SES account (docs/account.md): region, sandbox,
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

pub(crate) mod checks;
mod context;
mod quota;
mod reader;

pub use context::Context;
pub use quota::{Clock, ManualClock, MonotonicClock, SendQuota};
pub use reader::AccountError;

use std::collections::HashSet;

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
/// refused with `OptInRequired` (docs/query.md).
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
    /// use ses_presend::account::{MailFromDomain, MailFromStatus, MxFailureBehavior};
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
    /// use ses_presend::account::{DailyLimit, SendLimits};
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
/// use ses_presend::Account;
/// use ses_presend::account::AccountMode;
/// let account = Account::new()
///     .with_region("eu-west-1")
///     .with_mode(AccountMode::Sandbox)
///     .with_verified_identities(["example.com", "ops@example.org"])
///     .with_configuration_sets(["marketing"]);
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
    /// SMTP users: access key id and secret access key (docs/smtp.md#credentials).
    smtp_users: Vec<(String, String)>,
    templates_dir: Option<String>,
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
    /// assert_eq!(ses_presend::Account::new().region(), None);
    /// ```
    pub fn new() -> Account {
        Account::default()
    }

    /// An account of which nothing is known, as a constant.
    pub(crate) const fn nothing() -> Account {
        Account {
            region: None,
            mode: None,
            identities: None,
            configuration_sets: None,
            templates: None,
            sending: None,
            disabled_configuration_sets: Vec::new(),
            mail_from: Vec::new(),
            limits: None,
            access_keys: None,
            subscription: None,
            smtp_users: Vec::new(),
            templates_dir: None,
        }
    }

    /// Sets the region, such as `us-east-1`.
    ///
    /// ```
    /// let a = ses_presend::Account::new().with_region("eu-west-1");
    /// assert_eq!(a.region(), Some("eu-west-1"));
    /// ```
    #[must_use]
    pub fn with_region(mut self, region: impl Into<String>) -> Account {
        self.region = Some(region.into());
        self
    }

    /// Sets whether the account is in the sandbox.
    ///
    /// ```
    /// use ses_presend::Account;
    /// use ses_presend::account::AccountMode;
    /// assert_eq!(Account::new().with_mode(AccountMode::Sandbox).mode(), Some(AccountMode::Sandbox));
    /// ```
    #[must_use]
    pub fn with_mode(mut self, mode: AccountMode) -> Account {
        self.mode = Some(mode);
        self
    }

    /// Sets the verified identities: addresses (`ops@example.org`) and domains
    /// (`example.com`, which also covers its subdomains). Replaces any set before.
    ///
    /// ```
    /// let a = ses_presend::Account::new().with_verified_identities(["example.com"]);
    /// assert!(a.is_verified("Ops <ops@mail.EXAMPLE.com>"));
    /// ```
    #[must_use]
    pub fn with_verified_identities<I, S>(mut self, identities: I) -> Account
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
    /// let a = ses_presend::Account::new().with_configuration_sets(["marketing"]);
    /// assert_eq!(a.has_configuration_set("marketing"), Some(true));
    /// assert_eq!(ses_presend::Account::new().has_configuration_set("marketing"), None);
    /// ```
    #[must_use]
    pub fn with_configuration_sets<I, S>(mut self, names: I) -> Account
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
    /// let a = ses_presend::Account::new().with_templates(["welcome"]);
    /// assert_eq!(a.has_template("welcome"), Some(true));
    /// ```
    #[must_use]
    pub fn with_templates<I, S>(mut self, names: I) -> Account
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
    /// use ses_presend::Account;
    /// use ses_presend::account::AccountSending;
    /// let a = Account::new().with_sending(AccountSending::PausedByAws);
    /// assert_eq!(a.sending(), Some(AccountSending::PausedByAws));
    /// ```
    #[must_use]
    pub fn with_sending(mut self, sending: AccountSending) -> Account {
        self.sending = Some(sending);
        self
    }

    /// Sets the configuration sets whose sending is disabled. Replaces any set before.
    ///
    /// ```
    /// let a = ses_presend::Account::new().with_disabled_configuration_sets(["old"]);
    /// assert!(a.configuration_set_disabled("old"));
    /// ```
    #[must_use]
    pub fn with_disabled_configuration_sets<I, S>(mut self, names: I) -> Account
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
    /// use ses_presend::Account;
    /// use ses_presend::account::{MailFromDomain, MailFromStatus, MxFailureBehavior};
    /// let a = Account::new().with_mail_from(MailFromDomain {
    ///     identity: "example.com".into(),
    ///     domain: "bounce.example.com".into(),
    ///     status: MailFromStatus::Success,
    ///     on_mx_failure: MxFailureBehavior::RejectMessage,
    /// });
    /// assert!(a.mail_from_for("ops@example.com").is_some());
    /// ```
    #[must_use]
    pub fn with_mail_from(mut self, setting: MailFromDomain) -> Account {
        self.mail_from.push(setting);
        self
    }

    /// Sets the sending limits (quotas).
    ///
    /// ```
    /// use ses_presend::Account;
    /// use ses_presend::account::SendLimits;
    /// let a = Account::new().with_limits(SendLimits::SANDBOX);
    /// assert_eq!(a.limits(), Some(SendLimits::SANDBOX));
    /// ```
    #[must_use]
    pub fn with_limits(mut self, limits: SendLimits) -> Account {
        self.limits = Some(limits);
        self
    }

    /// Sets the account's access key ids (`AKIA…`, `ASIA…`): a signed request with another key
    /// is refused with `InvalidClientTokenId`. Replaces any set before.
    ///
    /// ```
    /// let a = ses_presend::Account::new().with_access_keys(["AKIDEXAMPLE"]);
    /// assert_eq!(a.has_access_key("AKIDEXAMPLE"), Some(true));
    /// assert_eq!(a.has_access_key("AKIDOTHER"), Some(false));
    /// ```
    #[must_use]
    pub fn with_access_keys<I, S>(mut self, keys: I) -> Account
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
    /// use ses_presend::Account;
    /// use ses_presend::account::Subscription;
    /// let a = Account::new().with_subscription(Subscription::NotSubscribed);
    /// assert_eq!(a.subscription(), Some(Subscription::NotSubscribed));
    /// ```
    #[must_use]
    pub fn with_subscription(mut self, subscription: Subscription) -> Account {
        self.subscription = Some(subscription);
        self
    }

    /// Adds an SMTP user: the IAM access key id (the SMTP user name) and its secret access key,
    /// from which SES derives the SMTP password
    /// ([`smtp::password_v4`](crate::smtp::password_v4)). TOML: `[[smtp_users]]` with
    /// `access_key_id` and `secret_access_key`.
    ///
    /// ```
    /// let a = ses_presend::Account::new().with_smtp_user("AKIDSMTP", "some+secret+key");
    /// assert_eq!(a.smtp_secret_key("AKIDSMTP"), Some("some+secret+key"));
    /// ```
    #[must_use]
    pub fn with_smtp_user(mut self, access_key_id: &str, secret_access_key: &str) -> Account {
        let user = (access_key_id.to_string(), secret_access_key.to_string());
        self.smtp_users.push(user);
        self
    }

    /// The secret access key of the SMTP user `access_key_id`, when the account lists it.
    ///
    /// ```
    /// assert_eq!(ses_presend::Account::new().smtp_secret_key("AKIDSMTP"), None);
    /// ```
    pub fn smtp_secret_key(&self, access_key_id: &str) -> Option<&str> {
        let user = self.smtp_users.iter().find(|(id, _)| id == access_key_id);
        user.map(|(_, secret)| secret.as_str())
    }

    /// Sets the directory of the account's stored templates (one `aws ses get-template` or
    /// `aws sesv2 get-email-template` output per file; docs/rendering.md). TOML:
    /// `templates_dir`, relative to the account file.
    ///
    /// ```
    /// let a = ses_presend::Account::new().with_templates_dir("templates");
    /// assert_eq!(a.templates_dir(), Some("templates"));
    /// ```
    #[must_use]
    pub fn with_templates_dir(mut self, dir: impl Into<String>) -> Account {
        self.templates_dir = Some(dir.into());
        self
    }

    /// The directory of the account's stored templates, when given.
    ///
    /// ```
    /// assert_eq!(ses_presend::Account::new().templates_dir(), None);
    /// ```
    pub fn templates_dir(&self) -> Option<&str> {
        self.templates_dir.as_deref()
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
    /// assert_eq!(ses_presend::Account::new().subscription(), None);
    /// ```
    pub fn subscription(&self) -> Option<Subscription> {
        self.subscription
    }

    /// The region, when known.
    ///
    /// ```
    /// assert_eq!(ses_presend::Account::new().region(), None);
    /// ```
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// Sandbox or production, when known.
    ///
    /// ```
    /// assert_eq!(ses_presend::Account::new().mode(), None);
    /// ```
    pub fn mode(&self) -> Option<AccountMode> {
        self.mode
    }

    /// The verified identities as given, when known.
    ///
    /// ```
    /// let a = ses_presend::Account::new().with_verified_identities(["example.com"]);
    /// assert_eq!(a.verified_identities().unwrap(), ["example.com"]);
    /// ```
    pub fn verified_identities(&self) -> Option<&[String]> {
        self.identities.as_ref().map(|i| &i.listed[..])
    }

    /// Whether the account may send, when known.
    ///
    /// ```
    /// assert_eq!(ses_presend::Account::new().sending(), None);
    /// ```
    pub fn sending(&self) -> Option<AccountSending> {
        self.sending
    }

    /// The sending limits: those given, or the sandbox's when the account is in the sandbox.
    ///
    /// ```
    /// use ses_presend::Account;
    /// use ses_presend::account::{AccountMode, SendLimits};
    /// assert_eq!(Account::new().with_mode(AccountMode::Sandbox).limits(), Some(SendLimits::SANDBOX));
    /// assert_eq!(Account::new().limits(), None);
    /// ```
    pub fn limits(&self) -> Option<SendLimits> {
        self.limits
            .or_else(|| (self.mode == Some(AccountMode::Sandbox)).then_some(SendLimits::SANDBOX))
    }

    /// Whether a configuration set exists: `None` when the sets are not known.
    ///
    /// ```
    /// let a = ses_presend::Account::new().with_configuration_sets(["marketing"]);
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
    /// let a = ses_presend::Account::new().with_verified_identities(["Ops@Example.org", "example.com"]);
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
