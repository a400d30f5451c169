//! The account file: [`Account::from_toml`] and its error, [`AccountError`].

use super::*;
use std::fmt;

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
        #[serde(default)]
        smtp_users: Vec<SmtpUserFile>,
        templates_dir: Option<String>,
    }

    /// One `[[smtp_users]]` entry.
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct SmtpUserFile {
        access_key_id: String,
        secret_access_key: String,
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
        /// use ses_presend::Account;
        /// use ses_presend::account::{AccountMode, AccountSending};
        /// let account = Account::from_toml(r#"
        ///     region = "us-east-1"
        ///     sandbox = true
        ///     verified_identities = ["example.com", "ops@example.org"]
        ///     configuration_sets = ["marketing"]
        ///     sending_paused = false
        /// "#).unwrap();
        /// assert_eq!(account.mode(), Some(AccountMode::Sandbox));
        /// assert_eq!(account.sending(), Some(AccountSending::Enabled));
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
                account = account.with_verified_identities(ids);
            }
            account.configuration_sets = file.configuration_sets;
            account.templates = file.templates;
            account.templates_dir = file.templates_dir;
            account.sending = match (file.sending_paused, file.sending_enabled) {
                (Some(true), _) => Some(AccountSending::PausedByAws),
                (_, Some(false)) => Some(AccountSending::Disabled),
                (None, None) => None,
                _ => Some(AccountSending::Enabled),
            };
            account.disabled_configuration_sets = file.disabled_configuration_sets;
            account.mail_from = file.mail_from;
            account.access_keys = file.access_keys;
            for user in &file.smtp_users {
                account = account.with_smtp_user(&user.access_key_id, &user.secret_access_key);
            }
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
