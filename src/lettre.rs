//! A `lettre` transport in front of a transport (feature `lettre`): [`Presend`] checks every
//! message as SES checks it on `SendRawEmail` or its SMTP interface — the formatted message and
//! the envelope — before the message reaches the transport behind it, and answers with SES's
//! error when SES would refuse it. Nothing that SES would refuse is handed on.
//!
//! ```
//! use lettre::transport::stub::StubTransport;
//! use lettre::{Message, Transport};
//! use ses_presend::lettre::Presend;
//!
//! let mailer = Presend::new(StubTransport::new_ok());
//! let email = Message::builder()
//!     .from("ops@example.com".parse().unwrap())
//!     .to("bob@example.org".parse().unwrap())
//!     .subject("Hi")
//!     .body(String::from("Hello"))
//!     .unwrap();
//! assert!(mailer.send(&email).is_ok());
//!
//! // A message SES would refuse never reaches the transport: SES's words instead.
//! let raw = b"From: ops@example.com\r\nTo: bob@example.org\r\nSubject: a\r\nSubject: b\r\n\r\nHi";
//! let envelope = email.envelope().clone();
//! let err = mailer.send_raw(&envelope, raw).unwrap_err();
//! assert_eq!(err.to_string(), "Duplicate header 'Subject'.");
//! assert_eq!(err.ses_error().unwrap().code.as_str(), "InvalidParameterValue");
//! assert_eq!(mailer.inner().messages().len(), 1);
//! ```

use crate::account::{Account, Context, SendQuota};
use crate::error::{Api, SesError};
use crate::raw::{check_raw, RawOptions};
use ::lettre::address::Envelope;
use std::fmt;
use std::sync::Arc;

/// A `lettre` transport that checks each message as SES would before `inner` sends it.
#[derive(Debug, Clone)]
pub struct Presend<T> {
    inner: T,
    api: Api,
    account: Option<Arc<Account>>,
    quota: Option<Arc<SendQuota>>,
}

/// Why [`Presend`] did not send: SES would refuse the message, or the transport behind failed.
#[derive(Debug)]
pub enum PresendError<E> {
    /// SES would refuse the message with this error; it was not handed on.
    Rejected(SesError),
    /// The transport behind refused or failed.
    Transport(E),
}

impl<E> PresendError<E> {
    /// SES's error, when SES would refuse the message.
    ///
    /// ```
    /// use ses_presend::lettre::PresendError;
    /// let err: PresendError<std::io::Error> =
    ///     PresendError::Rejected(ses_presend::parse_address("bob").unwrap_err());
    /// assert_eq!(err.ses_error().unwrap().message, "Missing final '@domain'");
    /// ```
    pub fn ses_error(&self) -> Option<&SesError> {
        match self {
            PresendError::Rejected(err) => Some(err),
            PresendError::Transport(_) => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for PresendError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PresendError::Rejected(err) => write!(f, "{err}"),
            PresendError::Transport(err) => write!(f, "{err}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for PresendError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PresendError::Rejected(err) => Some(err),
            PresendError::Transport(err) => Some(err),
        }
    }
}

impl<T> Presend<T> {
    /// Checks the message and its envelope as SES checks them at the end of `DATA` on its SMTP
    /// interface, knowing nothing about the account (an envelope without a sender is not
    /// refused here: only the message's own checks run).
    ///
    /// ```
    /// let p = ses_presend::lettre::Presend::new(lettre::transport::stub::StubTransport::new_ok());
    /// assert_eq!(p.api(), ses_presend::Api::Smtp);
    /// ```
    pub fn new(inner: T) -> Presend<T> {
        Presend {
            inner,
            api: Api::Smtp,
            account: None,
            quota: None,
        }
    }

    /// Checks as the given interface does: `Api::V1` for `SendRawEmail`, `Api::V2` for v2 Raw
    /// content, `Api::Smtp` (the default) for the SMTP interface.
    ///
    /// ```
    /// use ses_presend::{lettre::Presend, Api};
    /// let p = Presend::new(lettre::transport::stub::StubTransport::new_ok()).with_api(Api::V1);
    /// assert_eq!(p.api(), Api::V1);
    /// ```
    #[must_use]
    pub fn with_api(mut self, api: Api) -> Presend<T> {
        self.api = api;
        self
    }

    /// Checks against what is known of the account (identities, configuration sets, sending
    /// state), as for a raw message.
    ///
    /// ```
    /// use ses_presend::{lettre::Presend, Account};
    /// let account = Account::new().with_verified_identities(["example.com"]);
    /// let p = Presend::new(lettre::transport::stub::StubTransport::new_ok()).with_account(account);
    /// assert!(p.account().is_some());
    /// ```
    #[must_use]
    pub fn with_account(mut self, account: Account) -> Presend<T> {
        self.account = Some(Arc::new(account));
        self
    }

    /// Counts every message SES would accept against the account's sending quota, so a send
    /// over the rate or the 24-hour quota gets SES's `Throttling` error.
    ///
    /// ```
    /// use ses_presend::{account::SendQuota, lettre::Presend};
    /// use std::sync::Arc;
    /// let p = Presend::new(lettre::transport::stub::StubTransport::new_ok())
    ///     .with_quota(Arc::new(SendQuota::sandbox()));
    /// assert!(p.quota().is_some());
    /// ```
    #[must_use]
    pub fn with_quota(mut self, quota: Arc<SendQuota>) -> Presend<T> {
        self.quota = Some(quota);
        self
    }

    /// The interface whose checks run.
    ///
    /// ```
    /// let p = ses_presend::lettre::Presend::new(lettre::transport::stub::StubTransport::new_ok());
    /// assert_eq!(p.api(), ses_presend::Api::Smtp);
    /// ```
    pub fn api(&self) -> Api {
        self.api
    }

    /// The account the checks know, when one was given.
    ///
    /// ```
    /// let p = ses_presend::lettre::Presend::new(lettre::transport::stub::StubTransport::new_ok());
    /// assert!(p.account().is_none());
    /// ```
    pub fn account(&self) -> Option<&Account> {
        self.account.as_deref()
    }

    /// The sending quota, when one was given.
    ///
    /// ```
    /// let p = ses_presend::lettre::Presend::new(lettre::transport::stub::StubTransport::new_ok());
    /// assert!(p.quota().is_none());
    /// ```
    pub fn quota(&self) -> Option<&SendQuota> {
        self.quota.as_deref()
    }

    /// The transport behind.
    ///
    /// ```
    /// let p = ses_presend::lettre::Presend::new(lettre::transport::stub::StubTransport::new_ok());
    /// assert!(p.inner().messages().is_empty());
    /// ```
    pub fn inner(&self) -> &T {
        &self.inner
    }

    /// The error SES would answer `email` sent with `envelope`, or `Ok`: the envelope's sender
    /// is the `MAIL FROM` (`Source`), its recipients the `RCPT TO` (`Destinations`).
    ///
    /// ```
    /// use lettre::address::Envelope;
    /// let p = ses_presend::lettre::Presend::new(lettre::transport::stub::StubTransport::new_ok());
    /// let envelope = Envelope::new(Some("a@example.com".parse().unwrap()),
    ///                              vec!["b@example.com".parse().unwrap()]).unwrap();
    /// assert!(p.check(&envelope, b"Subject: hi\r\n\r\nHello").is_ok());
    /// ```
    pub fn check(&self, envelope: &Envelope, email: &[u8]) -> Result<(), SesError> {
        let source = envelope.from().map(|a| a.to_string());
        let destinations: Vec<String> = envelope.to().iter().map(|a| a.to_string()).collect();
        let mut context = Context::new();
        if let Some(account) = &self.account {
            context = context.with_account(account);
        }
        if let Some(quota) = &self.quota {
            context = context.with_quota(quota);
        }
        let mut options = RawOptions::new(self.api)
            .destinations(destinations.iter().map(String::as_str))
            .context(context);
        if let Some(source) = &source {
            options = options.source(source);
        }
        check_raw(email, &options)
    }
}

impl<T: ::lettre::Transport> ::lettre::Transport for Presend<T> {
    type Ok = T::Ok;
    type Error = PresendError<T::Error>;

    fn send_raw(&self, envelope: &Envelope, email: &[u8]) -> Result<Self::Ok, Self::Error> {
        self.check(envelope, email)
            .map_err(PresendError::Rejected)?;
        self.inner
            .send_raw(envelope, email)
            .map_err(PresendError::Transport)
    }

    fn shutdown(&self) {
        self.inner.shutdown();
    }
}

#[async_trait::async_trait]
impl<T> ::lettre::AsyncTransport for Presend<T>
where
    T: ::lettre::AsyncTransport + Send + Sync,
    T::Ok: Send,
    T::Error: Send,
{
    type Ok = T::Ok;
    type Error = PresendError<T::Error>;

    async fn send_raw(&self, envelope: &Envelope, email: &[u8]) -> Result<Self::Ok, Self::Error> {
        self.check(envelope, email)
            .map_err(PresendError::Rejected)?;
        self.inner
            .send_raw(envelope, email)
            .await
            .map_err(PresendError::Transport)
    }

    async fn shutdown(&self) {
        self.inner.shutdown().await;
    }
}
