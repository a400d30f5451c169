//! SES's SMTP interface as a sans-IO session (docs/smtp.md): feed it the client's lines, send
//! back the lines it answers with. The words and their order are SES's, as AWS documents them
//! and as real sessions show them; where nothing shows SES's answer the choice is a `smtp-…`
//! row of [`DECISIONS`](crate::texts::DECISIONS), and such a choice only picks words, never
//! refuses a message SES would take.
//!
//! At the end of DATA the message goes through [`check_raw`](crate::check_raw) with
//! [`Api::Smtp`](crate::Api::Smtp), `MAIL FROM` as its Source, the `RCPT TO` addresses as its
//! Destinations and the session's [`Context`] (the account, with the message's
//! `X-SES-CONFIGURATION-SET`, and the quota); an error is answered with
//! [`render::smtp_reply_to`](crate::render::smtp_reply_to).
//!
//! ```
//! use ses_presend::smtp::{Session, SessionOptions, Then, Transport};
//!
//! let mut session = Session::new(SessionOptions::new(Transport::Tls));
//! assert!(session.greeting().starts_with("220 email-smtp.amazonaws.com ESMTP SimpleEmailService-"));
//! let mut send = |line: &str| session.feed_line(format!("{line}\r\n").as_bytes()).replies;
//! assert_eq!(send("EHLO client.example.com").last().unwrap(), "250 Ok");
//! assert_eq!(send("MAIL FROM:<a@example.com>"), ["530 Authentication required"]);
//! assert_eq!(send("AUTH PLAIN AHVzZXIAcGFzcw=="), ["235 Authentication successful."]);
//! assert_eq!(send("MAIL FROM:<a@example.com>"), ["250 Ok"]);
//! assert_eq!(send("RCPT TO:<b@example.com>"), ["250 Ok"]);
//! assert_eq!(send("DATA"), ["354 End data with <CR><LF>.<CR><LF>"]);
//! assert!(send("Subject: hi").is_empty());
//! assert!(send("").is_empty());
//! assert!(send("Hello").is_empty());
//! assert!(send(".")[0].starts_with("250 Ok 0100"));
//! send("MAIL FROM:<a@example.com>");
//! send("RCPT TO:<b@example.com>");
//! send("DATA");
//! send("Subject: a");
//! send("Subject: b");
//! send("");
//! assert_eq!(send("."), ["554 Transaction failed: Duplicate header 'Subject'."]);
//! assert_eq!(send("QUIT"), ["221 Bye"]);
//! ```

mod password;
mod path;
mod session;

pub use crate::texts::smtp::{TIMEOUT, TOO_MANY_CONNECTIONS};
pub use password::password_v4;

use crate::account::Context;

/// The longest command line taken, CRLF included; a longer one is answered `500 Line too long`
/// (decided `smtp-bounds`; RFC 5321 asks servers for at least 512).
pub const MAX_COMMAND_LINE: usize = 2048;

/// The messages one session may send before SES closes it (decided `smtp-bounds`: SES has such
/// a limit, its number is not published).
pub const DEFAULT_MAX_MESSAGES: usize = 1000;

/// The commands one session may give (decided `smtp-bounds`).
pub const DEFAULT_MAX_COMMANDS: usize = 20_000;

/// The `RCPT TO` commands one message may have (decided `smtp-bounds`; SES refuses more than
/// 50 recipients at the end of DATA).
pub const MAX_RECIPIENTS: usize = 1000;

/// How the connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transport {
    /// A STARTTLS port (SES's 25, 587, 2587): the session starts in plain text, offers
    /// `STARTTLS`, and refuses AUTH before it.
    StartTls,
    /// A TLS wrapper port (SES's 465, 2465): TLS from the first byte.
    Tls,
}

/// Which credentials AUTH takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AuthMode {
    /// Any user name and password (a dry run needs no credentials).
    #[default]
    Any,
    /// The account's SMTP users only: the user name is an access key id the account lists and
    /// the password the one SES derives from its secret key for the account's region
    /// ([`password_v4`]; `us-east-1` when the account names no region).
    Account,
}

/// What a session knows and how far it goes.
///
/// ```
/// use ses_presend::smtp::{AuthMode, SessionOptions, Transport};
/// let options = SessionOptions::new(Transport::StartTls).auth(AuthMode::Account).max_messages(10);
/// assert_eq!(options.max_messages, 10);
/// assert_eq!(options.max_message_size, 41_943_040);
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct SessionOptions<'a> {
    /// What the checks know: the account (identities, configuration sets, SMTP users) and the
    /// quota; the time gives the message ids' time.
    pub context: Context<'a>,
    /// How the connection is secured.
    pub transport: Transport,
    /// Which credentials AUTH takes.
    pub auth: AuthMode,
    /// The largest message, in bytes as DATA carries them (SES's 40 MB by default); a larger
    /// one is answered `552 Message is too long.` and not kept.
    pub max_message_size: usize,
    /// The messages one session may send ([`DEFAULT_MAX_MESSAGES`]).
    pub max_messages: usize,
    /// The commands one session may give ([`DEFAULT_MAX_COMMANDS`]).
    pub max_commands: usize,
}

impl<'a> SessionOptions<'a> {
    /// The defaults for `transport`: any credentials, nothing known of the account.
    ///
    /// ```
    /// use ses_presend::smtp::{AuthMode, SessionOptions, Transport};
    /// assert_eq!(SessionOptions::new(Transport::Tls).auth, AuthMode::Any);
    /// ```
    pub fn new(transport: Transport) -> SessionOptions<'a> {
        SessionOptions {
            context: Context::new(),
            transport,
            auth: AuthMode::Any,
            max_message_size: crate::limits::V2_MAX_MESSAGE_SIZE,
            max_messages: DEFAULT_MAX_MESSAGES,
            max_commands: DEFAULT_MAX_COMMANDS,
        }
    }

    /// Checks with what `context` knows.
    ///
    /// ```
    /// use ses_presend::smtp::{SessionOptions, Transport};
    /// let account = ses_presend::Account::new().with_region("eu-west-1");
    /// let context = ses_presend::Context::new().with_account(&account);
    /// let options = SessionOptions::new(Transport::Tls).context(context);
    /// assert!(options.context.account().is_some());
    /// ```
    #[must_use]
    pub fn context(mut self, context: Context<'a>) -> SessionOptions<'a> {
        self.context = context;
        self
    }

    /// Sets which credentials AUTH takes.
    ///
    /// ```
    /// use ses_presend::smtp::{AuthMode, SessionOptions, Transport};
    /// let options = SessionOptions::new(Transport::Tls).auth(AuthMode::Account);
    /// assert_eq!(options.auth, AuthMode::Account);
    /// ```
    #[must_use]
    pub fn auth(mut self, auth: AuthMode) -> SessionOptions<'a> {
        self.auth = auth;
        self
    }

    /// Sets the largest message.
    ///
    /// ```
    /// use ses_presend::smtp::{SessionOptions, Transport};
    /// assert_eq!(SessionOptions::new(Transport::Tls).max_message_size(100).max_message_size, 100);
    /// ```
    #[must_use]
    pub fn max_message_size(mut self, bytes: usize) -> SessionOptions<'a> {
        self.max_message_size = bytes;
        self
    }

    /// Sets the messages one session may send.
    ///
    /// ```
    /// use ses_presend::smtp::{SessionOptions, Transport};
    /// assert_eq!(SessionOptions::new(Transport::Tls).max_messages(5).max_messages, 5);
    /// ```
    #[must_use]
    pub fn max_messages(mut self, messages: usize) -> SessionOptions<'a> {
        self.max_messages = messages;
        self
    }

    /// Sets the commands one session may give.
    ///
    /// ```
    /// use ses_presend::smtp::{SessionOptions, Transport};
    /// assert_eq!(SessionOptions::new(Transport::Tls).max_commands(50).max_commands, 50);
    /// ```
    #[must_use]
    pub fn max_commands(mut self, commands: usize) -> SessionOptions<'a> {
        self.max_commands = commands;
        self
    }
}

/// What the connection does after sending a step's replies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Then {
    /// Read the next line.
    Continue,
    /// Start TLS (the TLS handshake), then call [`Session::tls_started`]; whatever the client
    /// sent after `STARTTLS` in plain text is dropped.
    StartTls,
    /// Close the connection.
    Close,
}

/// The replies to one line, each without its CRLF (a multi-line reply is several), and what
/// the connection does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The reply lines, in order; none while DATA is being read.
    pub replies: Vec<String>,
    /// What to do after sending them.
    pub then: Then,
}

impl Step {
    fn reply(line: impl Into<String>) -> Step {
        Step {
            replies: vec![line.into()],
            then: Then::Continue,
        }
    }

    fn close(line: impl Into<String>) -> Step {
        Step {
            replies: vec![line.into()],
            then: Then::Close,
        }
    }

    fn silent() -> Step {
        Step {
            replies: Vec::new(),
            then: Then::Continue,
        }
    }
}

/// One SMTP session: the state between the greeting and QUIT. It does no IO; the caller reads
/// lines (at most [`Session::line_limit`] bytes each), hands them to
/// [`Session::feed_line`], writes the replies with CRLF, and does what [`Step::then`] says.
#[derive(Debug)]
pub struct Session<'a> {
    options: SessionOptions<'a>,
    tls: bool,
    authenticated: bool,
    auth: Option<session::AuthStep>,
    mail_from: Option<String>,
    recipients: Vec<String>,
    data: Option<session::Data>,
    commands: usize,
    messages: usize,
    closed: bool,
}
