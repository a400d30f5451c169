//! The session's state machine: commands, the AUTH exchange and DATA.

use super::password::{decode, password_v4};
use super::path::{envelope_address, quoted_local_is_illegal};
use super::{AuthMode, Session, SessionOptions, Step, Then, Transport, MAX_COMMAND_LINE};
use crate::error::{Api, ErrorCode, SesError};
use crate::render::{self, smtp_reply_to, SmtpCommand};
use crate::texts::raw::SMTP_TOO_LONG_REPLY;
use crate::texts::smtp as t;
use crate::RawOptions;

/// Where an AUTH exchange is.
#[derive(Debug)]
pub(super) enum AuthStep {
    /// AUTH LOGIN asked for the user name.
    LoginUser,
    /// AUTH LOGIN asked for the password of this user (base64-decoded).
    LoginPassword(Vec<u8>),
    /// AUTH PLAIN asked for its response.
    Plain,
}

/// A message being read.
#[derive(Debug, Default)]
pub(super) struct Data {
    message: Vec<u8>,
    too_long: bool,
}

/// A line without its CR LF (or LF, or CR).
fn content(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Upper-case letters and digits from a fresh random id, `n` of them.
fn token(n: usize) -> String {
    let mut out = String::with_capacity(n);
    while out.len() < n {
        out.extend(
            render::request_id()
                .bytes()
                .filter(u8::is_ascii_hexdigit)
                .map(|b| b.to_ascii_uppercase() as char),
        );
    }
    out.truncate(n);
    out
}

impl<'a> Session<'a> {
    /// A session about to greet the client.
    ///
    /// ```
    /// use ses_presend::smtp::{Session, SessionOptions, Transport};
    /// let session = Session::new(SessionOptions::new(Transport::StartTls));
    /// assert_eq!(session.line_limit(), ses_presend::smtp::MAX_COMMAND_LINE);
    /// ```
    pub fn new(options: SessionOptions<'a>) -> Session<'a> {
        Session {
            tls: options.transport == Transport::Tls,
            options,
            authenticated: false,
            auth: None,
            mail_from: None,
            recipients: Vec::new(),
            data: None,
            commands: 0,
            messages: 0,
            closed: false,
        }
    }

    /// The greeting, as SES words it: the host, then two tokens that vary per connection.
    ///
    /// ```
    /// use ses_presend::smtp::{Session, SessionOptions, Transport};
    /// let greeting = Session::new(SessionOptions::new(Transport::Tls)).greeting();
    /// assert!(greeting.starts_with("220 email-smtp.amazonaws.com ESMTP SimpleEmailService-d-"));
    /// ```
    pub fn greeting(&self) -> String {
        format!("{}d-{} {}", t::GREETING_PREFIX, token(9), token(20))
    }

    /// The longest line [`feed_line`](Self::feed_line) takes now, its line end included: a
    /// command line's limit, or while DATA is read what is left of the message size (and a
    /// little more, so that the final `.` is always read). The caller drops a longer line and
    /// calls [`feed_overlong`](Self::feed_overlong).
    ///
    /// ```
    /// use ses_presend::smtp::{Session, SessionOptions, Transport};
    /// let session = Session::new(SessionOptions::new(Transport::Tls));
    /// assert_eq!(session.line_limit(), 2048);
    /// ```
    pub fn line_limit(&self) -> usize {
        match &self.data {
            Some(data) => {
                let left = self
                    .options
                    .max_message_size
                    .saturating_sub(data.message.len());
                left.saturating_add(MAX_COMMAND_LINE)
            }
            None => MAX_COMMAND_LINE,
        }
    }

    /// Whether the session is reading a message (after `354`).
    ///
    /// ```
    /// use ses_presend::smtp::{Session, SessionOptions, Transport};
    /// assert!(!Session::new(SessionOptions::new(Transport::Tls)).in_data());
    /// ```
    pub fn in_data(&self) -> bool {
        self.data.is_some()
    }

    /// Tells the session that the TLS handshake after `STARTTLS` succeeded: it starts over, as
    /// RFC 3207 asks (the client greets again with EHLO and authenticates).
    ///
    /// ```
    /// use ses_presend::smtp::{Session, SessionOptions, Then, Transport};
    /// let mut session = Session::new(SessionOptions::new(Transport::StartTls));
    /// assert_eq!(session.feed_line(b"AUTH LOGIN\r\n").replies,
    ///            ["530 Must issue a STARTTLS command first"]);
    /// let step = session.feed_line(b"STARTTLS\r\n");
    /// assert_eq!((step.replies[0].as_str(), step.then), ("220 Ready to start TLS", Then::StartTls));
    /// session.tls_started();
    /// assert_eq!(session.feed_line(b"AUTH LOGIN\r\n").replies, ["334 VXNlcm5hbWU6"]);
    /// ```
    pub fn tls_started(&mut self) {
        self.tls = true;
        self.authenticated = false;
        self.auth = None;
        self.reset_transaction();
    }

    /// A line longer than [`line_limit`](Self::line_limit) was dropped: in DATA the message is
    /// too long (`552` at its end), otherwise the command gets `500 Line too long`.
    ///
    /// ```
    /// use ses_presend::smtp::{Session, SessionOptions, Transport};
    /// let mut session = Session::new(SessionOptions::new(Transport::Tls));
    /// assert_eq!(session.feed_overlong().replies, ["500 Line too long"]);
    /// ```
    pub fn feed_overlong(&mut self) -> Step {
        if let Some(data) = &mut self.data {
            data.too_long = true;
            data.message = Vec::new();
            return Step::silent();
        }
        self.auth = None;
        if let Some(step) = self.count_command() {
            return step;
        }
        Step::reply(t::LINE_TOO_LONG)
    }

    /// Answers one line from the client (with its line end, or without).
    ///
    /// ```
    /// use ses_presend::smtp::{Session, SessionOptions, Then, Transport};
    /// let mut session = Session::new(SessionOptions::new(Transport::Tls));
    /// let step = session.feed_line(b"QUIT\r\n");
    /// assert_eq!((step.replies, step.then), (vec!["221 Bye".to_string()], Then::Close));
    /// ```
    pub fn feed_line(&mut self, line: &[u8]) -> Step {
        if self.closed {
            return Step {
                replies: Vec::new(),
                then: Then::Close,
            };
        }
        if self.data.is_some() {
            return self.data_line(line);
        }
        if let Some(step) = self.count_command() {
            return step;
        }
        let text = String::from_utf8_lossy(content(line));
        if let Some(step) = self.auth.take() {
            return self.auth_response(step, &text);
        }
        let (verb, args) = match text.find(' ') {
            Some(at) => (&text[..at], &text[at..]),
            None => (&text[..], ""),
        };
        match verb.to_ascii_uppercase().as_str() {
            "EHLO" => self.ehlo(args),
            "HELO" if args.trim().is_empty() => Step::reply(t::HELO_SYNTAX),
            "HELO" => {
                self.reset_transaction();
                Step::reply(format!("250 {}", t::HOST))
            }
            "STARTTLS" if self.tls => Step::reply(t::TLS_ALREADY_ACTIVE),
            "STARTTLS" => Step {
                replies: vec![t::READY_TO_START_TLS.to_string()],
                then: Then::StartTls,
            },
            "AUTH" => self.auth_command(args),
            "MAIL" => self.mail(args),
            "RCPT" => self.rcpt(args),
            "DATA" => self.data_command(),
            "RSET" => {
                self.reset_transaction();
                Step::reply(t::OK)
            }
            "NOOP" => Step::reply(t::OK),
            "QUIT" => {
                self.closed = true;
                Step::close(t::BYE)
            }
            "VRFY" => Step::reply(t::VRFY_DISABLED),
            _ => Step::reply(t::NOT_IMPLEMENTED),
        }
    }

    /// Counts a command; past the limit, the closing reply.
    fn count_command(&mut self) -> Option<Step> {
        self.commands += 1;
        (self.commands > self.options.max_commands).then(|| {
            self.closed = true;
            Step::close(t::TOO_MANY_COMMANDS)
        })
    }

    fn reset_transaction(&mut self) {
        self.mail_from = None;
        self.recipients.clear();
        self.data = None;
    }

    fn ehlo(&mut self, args: &str) -> Step {
        if args.trim().is_empty() {
            return Step::reply(t::EHLO_SYNTAX);
        }
        self.reset_transaction();
        let mut replies = vec![format!("250-{}", t::HOST), t::EIGHT_BIT_MIME.to_string()];
        if !self.tls {
            replies.push(t::STARTTLS.to_string());
        }
        replies.push(t::AUTH_MECHANISMS.to_string());
        replies.push(t::OK.to_string());
        Step {
            replies,
            then: Then::Continue,
        }
    }

    fn auth_command(&mut self, args: &str) -> Step {
        if !self.tls {
            return Step::reply(t::MUST_STARTTLS);
        }
        if self.authenticated {
            return Step::reply(t::ALREADY_AUTHENTICATED);
        }
        let mut words = args.split_ascii_whitespace();
        let mechanism = words.next().unwrap_or("").to_ascii_uppercase();
        let initial = words.next();
        match (mechanism.as_str(), initial) {
            ("PLAIN", Some(response)) => self.plain(response),
            ("PLAIN", None) => {
                self.auth = Some(AuthStep::Plain);
                Step::reply(t::PLAIN_CHALLENGE)
            }
            ("LOGIN", Some(user)) => {
                self.auth = Some(AuthStep::LoginPassword(decode(user).unwrap_or_default()));
                Step::reply(t::ASK_PASSWORD)
            }
            ("LOGIN", None) => {
                self.auth = Some(AuthStep::LoginUser);
                Step::reply(t::ASK_USERNAME)
            }
            _ => Step::reply(t::UNKNOWN_MECHANISM),
        }
    }

    fn auth_response(&mut self, step: AuthStep, line: &str) -> Step {
        match step {
            AuthStep::LoginUser => {
                self.auth = Some(AuthStep::LoginPassword(decode(line).unwrap_or_default()));
                Step::reply(t::ASK_PASSWORD)
            }
            AuthStep::LoginPassword(user) => {
                let password = decode(line);
                self.verdict(Some(&user), password.as_deref())
            }
            AuthStep::Plain => self.plain(line),
        }
    }

    /// AUTH PLAIN's response: `authzid NUL user NUL password`, in base64.
    fn plain(&mut self, response: &str) -> Step {
        let decoded = decode(response).unwrap_or_default();
        let mut parts = decoded.split(|&b| b == 0);
        let (_authzid, user, password) = (parts.next(), parts.next(), parts.next());
        match parts.next() {
            None => self.verdict(user, password),
            Some(_) => self.verdict(None, None),
        }
    }

    fn verdict(&mut self, user: Option<&[u8]>, password: Option<&[u8]>) -> Step {
        let good = match self.options.auth {
            AuthMode::Any => true,
            AuthMode::Account => self.account_accepts(user, password),
        };
        self.authenticated = good;
        Step::reply(match good {
            true => t::AUTH_SUCCESSFUL,
            false => t::CREDENTIALS_INVALID,
        })
    }

    /// Whether the account lists `user` and `password` is SES's password for its secret key.
    fn account_accepts(&self, user: Option<&[u8]>, password: Option<&[u8]>) -> bool {
        let (Some(account), Some(user), Some(password)) =
            (self.options.context.account(), user, password)
        else {
            return false;
        };
        let (Ok(user), Ok(password)) = (std::str::from_utf8(user), std::str::from_utf8(password))
        else {
            return false;
        };
        account.smtp_secret_key(user).is_some_and(|secret| {
            let region = account.region().unwrap_or("us-east-1");
            password_v4(secret, region) == password
        })
    }

    fn mail(&mut self, args: &str) -> Step {
        if !self.authenticated {
            return Step::reply(t::AUTH_REQUIRED);
        }
        if self.messages >= self.options.max_messages {
            self.closed = true;
            return Step::close(t::TOO_MANY_MESSAGES);
        }
        if self.mail_from.is_some() {
            return Step::reply(t::SENDER_ALREADY);
        }
        match envelope_address(args, "FROM") {
            Some(address) => {
                self.mail_from = Some(address.to_string());
                Step::reply(t::OK)
            }
            None => Step::reply(t::INVALID_MAIL_FROM),
        }
    }

    fn rcpt(&mut self, args: &str) -> Step {
        if !self.authenticated {
            return Step::reply(t::AUTH_REQUIRED);
        }
        if self.mail_from.is_none() {
            return Step::reply(t::NEED_MAIL);
        }
        let Some(address) = envelope_address(args, "TO") else {
            return Step::reply(t::INVALID_RCPT_TO);
        };
        if self.recipients.len() >= super::MAX_RECIPIENTS {
            return Step::reply(t::TOO_MANY_RECIPIENTS);
        }
        self.recipients.push(address.to_string());
        Step::reply(t::OK)
    }

    fn data_command(&mut self) -> Step {
        if !self.authenticated {
            return Step::reply(t::AUTH_REQUIRED);
        }
        if self.mail_from.is_none() {
            return Step::reply(t::NEED_MAIL);
        }
        if self.recipients.is_empty() {
            return Step::reply(t::NEED_RCPT);
        }
        self.data = Some(Data::default());
        Step::reply(t::START_DATA)
    }

    /// A line of the message: the end (a lone `.`), or a line kept with its leading dot
    /// removed (RFC 5321 dot-stuffing) while the message fits.
    fn data_line(&mut self, line: &[u8]) -> Step {
        if content(line) == b"." {
            return self.end_of_data();
        }
        let Some(data) = &mut self.data else {
            return Step::silent();
        };
        let line = line.strip_prefix(b".").unwrap_or(line);
        if data.too_long || data.message.len() + line.len() > self.options.max_message_size {
            data.too_long = true;
            data.message = Vec::new();
        } else {
            data.message.extend_from_slice(line);
        }
        Step::silent()
    }

    fn end_of_data(&mut self) -> Step {
        let data = self.data.take().unwrap_or_default();
        self.messages += 1;
        let reply = self.judge(&data);
        self.reset_transaction();
        Step::reply(reply)
    }

    /// The reply to the end of DATA: the size, the recipients' quoted local parts, then the
    /// raw message's checks with the envelope.
    fn judge(&self, data: &Data) -> String {
        if data.too_long {
            return SMTP_TOO_LONG_REPLY.to_string();
        }
        if let Some(bad) = self.recipients.iter().find(|r| quoted_local_is_illegal(r)) {
            let err = SesError::new(ErrorCode::InvalidParameterValue, t::illegal_user_name(bad));
            return smtp_reply_to(&err, SmtpCommand::Data);
        }
        let mut options = RawOptions::new(Api::Smtp)
            .destinations(self.recipients.iter().map(String::as_str))
            .context(self.options.context);
        if let Some(source) = &self.mail_from {
            options = options.source(source);
        }
        match crate::check_raw(&data.message, &options) {
            Ok(()) => format!(
                "{} {}",
                t::OK,
                render::message_id(self.options.context.time())
            ),
            Err(err) => smtp_reply_to(&err, SmtpCommand::Data),
        }
    }
}
