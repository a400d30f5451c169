//! An HTTP client for the AWS SDK for Rust that answers SES's calls as SES would (feature
//! `aws-sdk`): install [`HttpClient`] with the SDK's own `.http_client(…)` on
//! `aws_sdk_sesv2::Config` or `aws_sdk_ses::Config`, and a send SES would reject comes back as
//! the SDK's own modelled error (`BadRequestException`, `MessageRejected`, …) with SES's code
//! and message, with nothing sent (docs/library.md#the-aws-sdk-for-rust).
//!
//! * [`HttpClient::dry_run`] answers every call itself, as `ses-presend serve` does: the v1
//!   Query API (`POST /`, [`crate::query::answer`]), v2 SendEmail and SendBulkEmail
//!   (`POST /v2/email/outbound-emails` and `/v2/email/outbound-bulk-emails`,
//!   [`crate::v2::answer`] and [`crate::v2::bulk_answer`] after
//!   [`crate::v2::check_credentials`]); any other v2 call gets a `404`, as from serve. What SES
//!   would accept gets SES's success body with a made-up message id.
//! * [`HttpClient::wrap`] puts the checks in front of another smithy HTTP client (a real one):
//!   what SES would reject is answered here, the rest, and every v2 call other than the two
//!   sends, is handed to that client unchanged.
//!
//! The checks know what [`HttpClient::with_account`] and [`HttpClient::with_quota`] tell them,
//! as a [`Context`] does elsewhere, and judge a signed Query API request at the SDK's own clock
//! (its configured time source, which is the one it signed with; the system clock without one).

mod answer;

use crate::account::{Account, Context, SendQuota};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::connector_metadata::ConnectorMetadata;
use aws_smithy_runtime_api::client::http::{
    HttpClient as SmithyHttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings,
    SharedHttpClient, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::{
    RuntimeComponents, RuntimeComponentsBuilder,
};
use aws_smithy_types::config_bag::ConfigBag;
use std::sync::Arc;
use std::time::SystemTime;

/// A smithy runtime HTTP client that answers SES's calls as SES would ([`HttpClient::dry_run`]),
/// or checks them in front of another client ([`HttpClient::wrap`]). It implements
/// `aws_smithy_runtime_api::client::http::HttpClient`, so the SDK's `.http_client(…)` takes it.
/// Cloning is cheap (the account and quota are shared).
///
/// ```
/// use ses_presend::aws::HttpClient;
/// use aws_sdk_sesv2::config::{BehaviorVersion, Credentials, Region};
///
/// let config = aws_sdk_sesv2::Config::builder()
///     .behavior_version(BehaviorVersion::latest())
///     .region(Region::new("us-east-1"))
///     .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret", None, None, "example"))
///     .http_client(HttpClient::dry_run())
///     .build();
/// let client = aws_sdk_sesv2::Client::from_conf(config);
/// # let _ = client;
/// ```
#[derive(Debug, Clone, Default)]
pub struct HttpClient {
    /// The client that gets what SES would accept; `None`: a dry run.
    inner: Option<SharedHttpClient>,
    account: Option<Arc<Account>>,
    quota: Option<Arc<SendQuota>>,
}

impl HttpClient {
    /// A client that answers every call itself: SES's error response for what SES would
    /// reject, SES's success response (with a made-up message id) for the rest. Nothing is
    /// sent anywhere.
    ///
    /// ```
    /// let client = ses_presend::aws::HttpClient::dry_run();
    /// assert!(client.is_dry_run());
    /// ```
    pub fn dry_run() -> HttpClient {
        HttpClient::default()
    }

    /// A client in front of `inner` (any smithy HTTP client, such as the SDK's default one):
    /// a call SES would reject is answered here with SES's error and never reaches `inner`;
    /// everything else is handed to `inner` unchanged, and its answer is the SDK's.
    ///
    /// ```
    /// use ses_presend::aws::HttpClient;
    /// let real = HttpClient::dry_run(); // in practice: the SDK's HTTPS client
    /// let client = HttpClient::wrap(real);
    /// assert!(!client.is_dry_run());
    /// ```
    pub fn wrap(inner: impl SmithyHttpClient + 'static) -> HttpClient {
        HttpClient {
            inner: Some(SharedHttpClient::new(inner)),
            ..HttpClient::default()
        }
    }

    /// Checks against what is known of `account` (identities, configuration sets, sending
    /// state, region…), as [`Context::with_account`] does. Takes the account or an
    /// `Arc<Account>` shared with other users.
    ///
    /// ```
    /// use ses_presend::{aws::HttpClient, Account};
    /// let account = Account::new().with_verified_identities(["example.com"]);
    /// let client = HttpClient::dry_run().with_account(account);
    /// assert!(client.account().unwrap().is_verified("ops@example.com"));
    /// ```
    #[must_use]
    pub fn with_account(mut self, account: impl Into<Arc<Account>>) -> HttpClient {
        self.account = Some(account.into());
        self
    }

    /// Counts accepted sends against `quota` (shared: give the same quota to every client of
    /// the account); a send over the rate or the 24-hour quota gets SES's throttling error.
    ///
    /// ```
    /// use ses_presend::account::SendQuota;
    /// use std::sync::Arc;
    /// let client = ses_presend::aws::HttpClient::dry_run().with_quota(Arc::new(SendQuota::sandbox()));
    /// assert!(client.quota().is_some());
    /// ```
    #[must_use]
    pub fn with_quota(mut self, quota: Arc<SendQuota>) -> HttpClient {
        self.quota = Some(quota);
        self
    }

    /// Whether every call is answered here ([`HttpClient::dry_run`]).
    ///
    /// ```
    /// assert!(ses_presend::aws::HttpClient::dry_run().is_dry_run());
    /// ```
    pub fn is_dry_run(&self) -> bool {
        self.inner.is_none()
    }

    /// The account given with [`HttpClient::with_account`].
    ///
    /// ```
    /// assert!(ses_presend::aws::HttpClient::dry_run().account().is_none());
    /// ```
    pub fn account(&self) -> Option<&Account> {
        self.account.as_deref()
    }

    /// The quota given with [`HttpClient::with_quota`].
    ///
    /// ```
    /// assert!(ses_presend::aws::HttpClient::dry_run().quota().is_none());
    /// ```
    pub fn quota(&self) -> Option<&Arc<SendQuota>> {
        self.quota.as_ref()
    }
}

impl SmithyHttpClient for HttpClient {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(Connector {
            inner: self
                .inner
                .as_ref()
                .map(|inner| inner.http_connector(settings, components)),
            account: self.account.clone(),
            quota: self.quota.clone(),
            clock: components.time_source(),
        })
    }

    fn validate_base_client_config(
        &self,
        runtime_components: &RuntimeComponentsBuilder,
        cfg: &ConfigBag,
    ) -> Result<(), BoxError> {
        match &self.inner {
            Some(inner) => inner.validate_base_client_config(runtime_components, cfg),
            None => Ok(()),
        }
    }

    fn validate_final_config(
        &self,
        runtime_components: &RuntimeComponents,
        cfg: &ConfigBag,
    ) -> Result<(), BoxError> {
        match &self.inner {
            Some(inner) => inner.validate_final_config(runtime_components, cfg),
            None => Ok(()),
        }
    }

    fn connector_metadata(&self) -> Option<ConnectorMetadata> {
        self.inner.as_ref()?.connector_metadata()
    }
}

/// One connector: the checks, then the local answer or the inner connector.
#[derive(Debug)]
struct Connector {
    inner: Option<SharedHttpConnector>,
    account: Option<Arc<Account>>,
    quota: Option<Arc<SendQuota>>,
    /// The SDK's clock (what it signed with).
    clock: Option<aws_smithy_async::time::SharedTimeSource>,
}

impl Connector {
    /// What the checks know: the account, the quota and the SDK's clock.
    fn context(&self) -> Context<'_> {
        let mut context = Context::new().with_time(self.now());
        if let Some(account) = &self.account {
            context = context.with_account(account);
        }
        if let Some(quota) = &self.quota {
            context = context.with_quota(quota);
        }
        context
    }

    /// The SDK's time, or the system clock's when the SDK has no time source.
    fn now(&self) -> SystemTime {
        self.clock
            .as_ref()
            .map_or_else(SystemTime::now, |clock| clock.now())
    }
}

impl HttpConnector for Connector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let forward = self.inner.is_some();
        match answer::answer(&request, &self.context(), forward) {
            answer::Answer::Here(response) => HttpConnectorFuture::ready(answer::to_sdk(response)),
            answer::Answer::Forward => match &self.inner {
                Some(inner) => inner.call(request),
                None => HttpConnectorFuture::ready(Err(answer::no_inner())),
            },
        }
    }
}
