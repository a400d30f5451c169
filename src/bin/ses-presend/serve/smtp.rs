//! `serve --smtp`/`--smtps`: SES's SMTP interface on tokio and rustls (docs/smtp.md). The
//! session itself is `ses_presend::smtp::Session`; this file reads lines within its bounds,
//! writes its replies, performs TLS, and enforces the idle timeout and the connection limit.

use super::App;
use crate::Failure;
use ses_presend::smtp::{self, AuthMode, Session, SessionOptions, Then, Transport};
use std::ffi::OsString;
use std::io::{self, Write as _};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::{self, ServerConfig};
use tokio_rustls::TlsAcceptor;

/// The SMTP arguments of `ses-presend serve`.
#[derive(Debug, clap::Args)]
pub(crate) struct SmtpArgs {
    /// Serve SES's SMTP interface on a STARTTLS port (like SES's 587): plain text until
    /// STARTTLS, AUTH refused before it. Without --listen, only SMTP is served.
    #[arg(long, value_name = "ADDR:PORT")]
    smtp: Option<SocketAddr>,

    /// Serve SES's SMTP interface on a TLS wrapper port (like SES's 465).
    #[arg(long, value_name = "ADDR:PORT")]
    smtps: Option<SocketAddr>,

    /// Which SMTP credentials pass: any, or only the account file's `[[smtp_users]]` with
    /// the password SES derives from the secret key (needs --account).
    #[arg(long, value_enum, default_value_t = SmtpAuthArg::Any, requires_if("account", "account"))]
    smtp_auth: SmtpAuthArg,

    /// The TLS certificate chain (PEM); without it a self-signed certificate for localhost is
    /// made at start.
    #[arg(long, value_name = "FILE", requires = "smtp_key")]
    smtp_cert: Option<OsString>,

    /// The TLS private key (PEM) of --smtp-cert.
    #[arg(long, value_name = "FILE", requires = "smtp_cert")]
    smtp_key: Option<OsString>,

    /// Seconds a connection may stay idle before `451 4.4.2 Timeout waiting for data from
    /// client.` closes it (SES: about 10).
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    smtp_idle_timeout: u64,

    /// SMTP connections served at once; past it, `421 Too many concurrent SMTP connections`.
    #[arg(long, value_name = "N", default_value_t = 100)]
    smtp_max_connections: usize,
}

/// What `--smtp-auth` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SmtpAuthArg {
    /// Any user name and password.
    Any,
    /// The account file's SMTP users, with SES's derived passwords.
    Account,
}

impl SmtpArgs {
    /// Whether any SMTP port is asked for.
    pub(crate) fn wanted(&self) -> bool {
        self.smtp.is_some() || self.smtps.is_some()
    }
}

/// What every SMTP connection shares.
struct Shared {
    app: Arc<App>,
    tls: TlsAcceptor,
    auth: AuthMode,
    idle: Duration,
    permits: Arc<Semaphore>,
}

fn failure(doing: &'static str) -> impl Fn(io::Error) -> Failure {
    move |error| Failure { doing, error }
}

fn invalid(error: impl std::fmt::Display) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, error.to_string())
}

/// The TLS configuration: the PEM files given, or a self-signed certificate.
fn tls_config(args: &SmtpArgs) -> Result<ServerConfig, Failure> {
    let (certs, key) = match (&args.smtp_cert, &args.smtp_key) {
        (Some(cert), Some(key)) => {
            let certs = CertificateDer::pem_file_iter(cert)
                .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
                .map_err(invalid)
                .map_err(failure("reading --smtp-cert"))?;
            let key = PrivateKeyDer::from_pem_file(key)
                .map_err(invalid)
                .map_err(failure("reading --smtp-key"))?;
            (certs, key)
        }
        _ => {
            let names = vec!["localhost".to_string(), "127.0.0.1".to_string()];
            let made = rcgen::generate_simple_self_signed(names)
                .map_err(invalid)
                .map_err(failure("making a self-signed certificate"))?;
            let key = PrivatePkcs8KeyDer::from(made.signing_key.serialize_der());
            (vec![made.cert.der().clone()], key.into())
        }
    };
    // rustls 0.23.48 deprecates ring's provider for lacking post-quantum key exchange; a local
    // dry-run endpoint does not need it, and ring keeps the build free of C toolchains' cmake.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|builder| builder.with_no_client_auth().with_single_cert(certs, key))
        .map_err(invalid)
        .map_err(failure("setting up TLS"))
}

/// Binds the SMTP ports asked for, prints them, and serves them in the background.
pub(crate) async fn start(args: &SmtpArgs, app: Arc<App>) -> Result<(), Failure> {
    if !args.wanted() {
        return Ok(());
    }
    let shared = Arc::new(Shared {
        app,
        tls: TlsAcceptor::from(Arc::new(tls_config(args)?)),
        auth: match args.smtp_auth {
            SmtpAuthArg::Any => AuthMode::Any,
            SmtpAuthArg::Account => AuthMode::Account,
        },
        idle: Duration::from_secs(args.smtp_idle_timeout.max(1)),
        permits: Arc::new(Semaphore::new(args.smtp_max_connections.max(1))),
    });
    let ports = [
        (args.smtp, Transport::StartTls),
        (args.smtps, Transport::Tls),
    ];
    for (address, transport) in ports {
        let Some(address) = address else { continue };
        let listener = TcpListener::bind(address)
            .await
            .map_err(failure("binding the SMTP address"))?;
        let bound = listener
            .local_addr()
            .map_err(failure("binding the SMTP address"))?;
        let (scheme, kind) = match transport {
            Transport::StartTls => ("smtp", "STARTTLS"),
            Transport::Tls => ("smtps", "TLS"),
        };
        // Tests and scripts read this line to learn the port.
        let mut stdout = io::stdout().lock();
        writeln!(stdout, "ses-presend: {scheme} on {bound} ({kind})")
            .and_then(|()| stdout.flush())
            .map_err(Failure::writing)?;
        tokio::spawn(accept(listener, transport, shared.clone()));
    }
    Ok(())
}

async fn accept(listener: TcpListener, transport: Transport, shared: Arc<Shared>) {
    loop {
        let Ok((stream, _peer)) = listener.accept().await else {
            // Out of file descriptors and the like: wait a little rather than spin.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let shared = shared.clone();
        tokio::spawn(async move {
            let _ = connection(stream, transport, &shared).await;
        });
    }
}

/// One connection, from the greeting (or the refusal) to the close.
async fn connection(stream: TcpStream, transport: Transport, shared: &Shared) -> io::Result<()> {
    let permit = shared.permits.clone().try_acquire_owned().ok();
    let options = SessionOptions::new(transport)
        .auth(shared.auth)
        .context(shared.app.context());
    let mut session = Session::new(options);
    match transport {
        Transport::StartTls => {
            let mut plain = BufReader::new(stream);
            if permit.is_none() {
                return refuse(&mut plain).await;
            }
            write_lines(&mut plain, &[session.greeting()]).await?;
            if drive(&mut plain, &mut session, shared.idle).await? == Then::StartTls {
                let stream = plain.into_inner();
                let tls = handshake(shared, stream).await?;
                session.tls_started();
                drive(&mut BufReader::new(tls), &mut session, shared.idle).await?;
            }
        }
        Transport::Tls => {
            let mut tls = BufReader::new(handshake(shared, stream).await?);
            if permit.is_none() {
                return refuse(&mut tls).await;
            }
            write_lines(&mut tls, &[session.greeting()]).await?;
            drive(&mut tls, &mut session, shared.idle).await?;
        }
    }
    Ok(())
}

async fn handshake(
    shared: &Shared,
    stream: TcpStream,
) -> io::Result<tokio_rustls::server::TlsStream<TcpStream>> {
    tokio::time::timeout(shared.idle, shared.tls.accept(stream))
        .await
        .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "TLS handshake"))?
}

async fn refuse<S: AsyncWrite + Unpin>(stream: &mut S) -> io::Result<()> {
    write_lines(stream, &[smtp::TOO_MANY_CONNECTIONS.to_string()]).await?;
    stream.shutdown().await
}

async fn write_lines<S: AsyncWrite + Unpin>(stream: &mut S, lines: &[String]) -> io::Result<()> {
    let mut out = Vec::with_capacity(lines.iter().map(|l| l.len() + 2).sum());
    for line in lines {
        out.extend_from_slice(line.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    stream.write_all(&out).await?;
    stream.flush().await
}

/// How a line read ended.
enum Read {
    /// A whole line (its end included, unless the stream ended first).
    Line,
    /// A line over the limit, dropped.
    Overlong,
    /// The client closed the connection.
    End,
}

/// Reads one line of at most `limit` bytes into `line`; a longer line is read to its end and
/// dropped, so memory stays within the limit.
async fn read_line<S: AsyncRead + Unpin>(
    stream: &mut BufReader<S>,
    line: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Read> {
    line.clear();
    let mut overlong = false;
    loop {
        let available = stream.fill_buf().await?;
        if available.is_empty() {
            return Ok(match (line.is_empty(), overlong) {
                (_, true) => Read::Overlong,
                (true, false) => Read::End,
                (false, false) => Read::Line,
            });
        }
        let (take, done) = match memchr::memchr(b'\n', available) {
            Some(at) => (at + 1, true),
            None => (available.len(), false),
        };
        if !overlong && line.len() + take <= limit {
            line.extend_from_slice(&available[..take]);
        } else {
            overlong = true;
            line.clear();
        }
        stream.consume(take);
        if done {
            return Ok(if overlong { Read::Overlong } else { Read::Line });
        }
    }
}

/// Reads lines and answers them until the session closes, asks for TLS, or the client goes.
async fn drive<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut BufReader<S>,
    session: &mut Session<'_>,
    idle: Duration,
) -> io::Result<Then> {
    let mut line = Vec::new();
    loop {
        let limit = session.line_limit();
        let read = match tokio::time::timeout(idle, read_line(stream, &mut line, limit)).await {
            Ok(read) => read?,
            Err(_) => {
                write_lines(stream, &[smtp::TIMEOUT.to_string()]).await?;
                stream.shutdown().await?;
                return Ok(Then::Close);
            }
        };
        let step = match read {
            Read::End => return Ok(Then::Close),
            Read::Overlong => session.feed_overlong(),
            // The end of DATA runs the message's checks: up to 40 MB of work, off the async
            // workers' queue.
            Read::Line if session.in_data() && is_final_dot(&line) => {
                tokio::task::block_in_place(|| session.feed_line(&line))
            }
            Read::Line => session.feed_line(&line),
        };
        if !step.replies.is_empty() {
            write_lines(stream, &step.replies).await?;
        }
        match step.then {
            Then::Continue => {}
            Then::Close => {
                stream.shutdown().await?;
                return Ok(Then::Close);
            }
            Then::StartTls => return Ok(Then::StartTls),
        }
    }
}

fn is_final_dot(line: &[u8]) -> bool {
    matches!(line, b".\r\n" | b".\n" | b".")
}
