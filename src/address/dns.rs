//! Whether a domain takes mail, asked of DNS (feature `deliverability`, docs/deliverability.md).
//!
//! A [`Resolver`] wraps hickory's resolver with its own small runtime, so it can be used from
//! plain threads (the CLI's workers, a form backend) and from async code alike. It keeps a
//! cache of verdicts per domain (on top of hickory's cache of records), bounds every lookup
//! with a timeout, and looks many domains up at once with [`Resolver::prefetch`].

use crate::report::Reason;
use hickory_resolver::config::{NameServerConfig, ResolverConfig};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::NetError;
use hickory_resolver::proto::rr::{RData, RecordType};
use hickory_resolver::TokioResolver;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How a [`Resolver`] asks DNS.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DnsOptions {
    /// The name server (`ADDR:PORT`); `None` for the system's resolvers (`/etc/resolv.conf`).
    pub server: Option<SocketAddr>,
    /// How long one query may take before it is tried again or given up.
    pub timeout: Duration,
    /// How many times a query is sent before the lookup fails.
    pub attempts: usize,
    /// How many domains' verdicts are kept (0: none, and no record cache either).
    pub cache_size: usize,
    /// How long a verdict is kept.
    pub cache_ttl: Duration,
    /// How many lookups [`Resolver::prefetch`] runs at once.
    pub concurrency: usize,
}

impl Default for DnsOptions {
    /// The system's resolvers, a 2-second timeout and 2 attempts, 10 000 verdicts kept for 5
    /// minutes, 64 lookups at once.
    fn default() -> DnsOptions {
        DnsOptions {
            server: None,
            timeout: Duration::from_secs(2),
            attempts: 2,
            cache_size: 10_000,
            cache_ttl: Duration::from_secs(300),
            concurrency: 64,
        }
    }
}

impl DnsOptions {
    /// The defaults with the name server `server`.
    ///
    /// ```
    /// let options = ses_presend::address::dns::DnsOptions::server("127.0.0.1:5353".parse().unwrap());
    /// assert_eq!(options.server.unwrap().port(), 5353);
    /// ```
    pub fn server(server: SocketAddr) -> DnsOptions {
        DnsOptions {
            server: Some(server),
            ..DnsOptions::default()
        }
    }
}

/// What DNS says about a domain as a mail destination.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MailDomain {
    /// It has a mail server: an MX record, or, without MX, an address record (RFC 5321, section
    /// 5.1).
    Accepts,
    /// The domain does not exist (NXDOMAIN).
    DoesNotExist,
    /// It publishes a null MX: it takes no mail (RFC 7505).
    NullMx,
    /// It exists but has neither MX nor address records.
    NoMailServer,
    /// DNS did not answer (a timeout, a server failure): nothing is known.
    LookupFailed(String),
}

impl MailDomain {
    /// The advisory for `domain`, or `None` when it takes mail.
    ///
    /// ```
    /// use ses_presend::address::dns::MailDomain;
    /// let (reason, message) = MailDomain::NullMx.advice("example.net").unwrap();
    /// assert_eq!(reason.as_str(), "domain-accepts-no-mail");
    /// assert!(message.contains("null MX"));
    /// assert!(MailDomain::Accepts.advice("example.net").is_none());
    /// ```
    pub fn advice(&self, domain: &str) -> Option<(Reason, String)> {
        let (reason, why) = match self {
            MailDomain::Accepts => return None,
            MailDomain::DoesNotExist => (
                Reason::DomainDoesNotExist,
                "the domain does not exist (NXDOMAIN)".to_string(),
            ),
            MailDomain::NullMx => (
                Reason::DomainAcceptsNoMail,
                "the domain publishes a null MX record: it takes no mail (RFC 7505)".to_string(),
            ),
            MailDomain::NoMailServer => (
                Reason::NoMailServer,
                "the domain has no MX record and no address record, so no server takes its \
                 mail (RFC 5321, section 5.1)"
                    .to_string(),
            ),
            MailDomain::LookupFailed(e) => {
                return Some((
                    Reason::DnsLookupFailed,
                    format!("DNS did not say whether '{domain}' takes mail: {e}"),
                ))
            }
        };
        Some((
            reason,
            format!("SES accepts '{domain}', but mail to it will bounce: {why}"),
        ))
    }
}

/// A DNS resolver for mail domains, with a timeout, a cache and concurrent lookups. Cloning
/// it is cheap and shares the cache.
#[derive(Clone)]
pub struct Resolver {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Resolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resolver")
            .field("options", &self.inner.options)
            .finish_non_exhaustive()
    }
}

struct Inner {
    /// Its own runtime, so that lookups work from any thread; `None` only while dropping.
    runtime: Option<tokio::runtime::Runtime>,
    resolver: TokioResolver,
    cache: Mutex<HashMap<Box<str>, (Instant, MailDomain)>>,
    options: DnsOptions,
}

impl Drop for Inner {
    fn drop(&mut self) {
        // Dropping a runtime blocks, which an async caller's thread must not do.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

impl Resolver {
    /// A resolver as `options` say; fails when the system's configuration cannot be read.
    ///
    /// ```
    /// use ses_presend::address::dns::{DnsOptions, Resolver};
    /// let resolver = Resolver::new(&DnsOptions::server("127.0.0.1:53".parse().unwrap())).unwrap();
    /// # drop(resolver);
    /// ```
    pub fn new(options: &DnsOptions) -> std::io::Result<Resolver> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("ses-presend-dns")
            .enable_all()
            .build()?;
        let provider = TokioRuntimeProvider::default();
        let mut builder = match options.server {
            Some(addr) => {
                let mut server = NameServerConfig::udp_and_tcp(addr.ip());
                for connection in &mut server.connections {
                    connection.port = addr.port();
                }
                TokioResolver::builder_with_config(
                    ResolverConfig::from_name_servers(vec![server]),
                    provider,
                )
            }
            None => TokioResolver::builder(provider).map_err(std::io::Error::other)?,
        };
        let opts = builder.options_mut();
        opts.timeout = options.timeout;
        opts.attempts = options.attempts;
        opts.cache_size = options.cache_size as u64;
        opts.ip_strategy = hickory_resolver::config::LookupIpStrategy::Ipv4AndIpv6;
        let resolver = {
            let _entered = runtime.enter();
            builder.build().map_err(std::io::Error::other)?
        };
        Ok(Resolver {
            inner: Arc::new(Inner {
                runtime: Some(runtime),
                resolver,
                cache: Mutex::new(HashMap::new()),
                options: options.clone(),
            }),
        })
    }

    fn runtime(&self) -> &tokio::runtime::Runtime {
        // Set from construction until the last clone is dropped.
        self.inner.runtime.as_ref().expect("the resolver's runtime")
    }

    /// The cached verdict for `domain`, if fresh.
    fn cached(&self, domain: &str) -> Option<MailDomain> {
        let cache = self.inner.cache.lock().ok()?;
        let (at, verdict) = cache.get(domain)?;
        (at.elapsed() < self.inner.options.cache_ttl).then(|| verdict.clone())
    }

    fn remember(&self, domain: &str, verdict: &MailDomain) {
        let size = self.inner.options.cache_size;
        if size == 0 || matches!(verdict, MailDomain::LookupFailed(_)) {
            return;
        }
        if let Ok(mut cache) = self.inner.cache.lock() {
            if cache.len() >= size {
                // Simple and bounded: start again rather than track ages.
                cache.clear();
            }
            cache.insert(domain.into(), (Instant::now(), verdict.clone()));
        }
    }

    /// What DNS says about `domain` as a mail destination. Blocks until the answer or the
    /// timeout; from async code, use [`Resolver::mail_domain_async`].
    ///
    /// ```no_run
    /// use ses_presend::address::dns::{DnsOptions, MailDomain, Resolver};
    /// let resolver = Resolver::new(&DnsOptions::default()).unwrap();
    /// assert_eq!(resolver.mail_domain("gmail.com"), MailDomain::Accepts);
    /// ```
    pub fn mail_domain(&self, domain: &str) -> MailDomain {
        let key = domain.to_ascii_lowercase();
        if let Some(verdict) = self.cached(&key) {
            return verdict;
        }
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        let this = self.clone();
        let task_key = key.clone();
        self.runtime().spawn(async move {
            let _ = tx.send(this.lookup(&task_key).await);
        });
        let verdict = rx
            .recv()
            .unwrap_or_else(|_| MailDomain::LookupFailed("the lookup was cancelled".into()));
        self.remember(&key, &verdict);
        verdict
    }

    /// [`Resolver::mail_domain`] for async code: the lookup runs on the resolver's runtime.
    ///
    /// ```no_run
    /// # async fn f(resolver: ses_presend::address::dns::Resolver) {
    /// let verdict = resolver.mail_domain_async("gmail.com").await;
    /// # }
    /// ```
    pub async fn mail_domain_async(&self, domain: &str) -> MailDomain {
        let key = domain.to_ascii_lowercase();
        if let Some(verdict) = self.cached(&key) {
            return verdict;
        }
        let this = self.clone();
        let task_key = key.clone();
        let verdict = self
            .runtime()
            .spawn(async move { this.lookup(&task_key).await })
            .await
            .unwrap_or_else(|e| MailDomain::LookupFailed(e.to_string()));
        self.remember(&key, &verdict);
        verdict
    }

    /// Looks up every domain of `domains` not in the cache, [`DnsOptions::concurrency`] at a
    /// time, and caches the verdicts; blocks until all are known. A batch of addresses is then
    /// checked from the cache.
    ///
    /// ```no_run
    /// use ses_presend::address::dns::{DnsOptions, Resolver};
    /// let resolver = Resolver::new(&DnsOptions::default()).unwrap();
    /// resolver.prefetch(["gmail.com", "yahoo.com"]);
    /// ```
    pub fn prefetch<'a>(&self, domains: impl IntoIterator<Item = &'a str>) {
        let mut wanted: Vec<String> = domains
            .into_iter()
            .map(str::to_ascii_lowercase)
            .filter(|d| self.cached(d).is_none())
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        if wanted.is_empty() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        let this = self.clone();
        self.runtime().spawn(async move {
            let limit = Arc::new(tokio::sync::Semaphore::new(
                this.inner.options.concurrency.max(1),
            ));
            let mut tasks = tokio::task::JoinSet::new();
            for domain in wanted {
                let (this, limit) = (this.clone(), limit.clone());
                tasks.spawn(async move {
                    let _permit = limit.acquire().await;
                    let verdict = this.lookup(&domain).await;
                    this.remember(&domain, &verdict);
                });
            }
            while tasks.join_next().await.is_some() {}
            let _ = tx.send(());
        });
        let _ = rx.recv();
    }

    /// The lookup itself: MX, then, without MX, A and AAAA.
    async fn lookup(&self, domain: &str) -> MailDomain {
        // Fully qualified: no search domains are tried.
        let fqdn = format!("{}.", domain.trim_end_matches('.'));
        let resolver = &self.inner.resolver;
        match resolver.lookup(fqdn.as_str(), RecordType::MX).await {
            Ok(lookup) => {
                let mut exchanges = lookup.answers().iter().filter_map(|r| match &r.data {
                    RData::MX(mx) => Some(mx.exchange.is_root()),
                    _ => None,
                });
                let first = exchanges.next();
                match first {
                    // Only null MX records: the domain takes no mail.
                    Some(true) if exchanges.all(|null| null) => MailDomain::NullMx,
                    Some(_) => MailDomain::Accepts,
                    None => self.address_records(&fqdn).await,
                }
            }
            Err(e) if e.is_nx_domain() => MailDomain::DoesNotExist,
            Err(e) if e.is_no_records_found() => self.address_records(&fqdn).await,
            Err(e) => failed(&e),
        }
    }

    /// Without MX, an address record is the mail server (RFC 5321, section 5.1).
    async fn address_records(&self, fqdn: &str) -> MailDomain {
        match self.inner.resolver.lookup_ip(fqdn).await {
            Ok(ips) if ips.iter().next().is_some() => MailDomain::Accepts,
            Ok(_) => MailDomain::NoMailServer,
            Err(e) if e.is_nx_domain() => MailDomain::DoesNotExist,
            Err(e) if e.is_no_records_found() => MailDomain::NoMailServer,
            Err(e) => failed(&e),
        }
    }
}

fn failed(e: &NetError) -> MailDomain {
    MailDomain::LookupFailed(e.to_string())
}
