//! Whole SMTP sessions through `ses_presend::smtp::Session`, from the table
//! `tests/cases/smtp-sessions.txt` (its header explains the format), and the SMTP password
//! derivation against the published test vectors.

use ses_presend::account::{DailyLimit, ManualClock, SendLimits, SendQuota};
use ses_presend::smtp::{password_v4, AuthMode, Session, SessionOptions, Then, Transport};
use ses_presend::{Account, Context};

/// SES's SMTP passwords (Signature Version 4) for secret keys and regions: the four vectors of
/// terraform-provider-aws's `TestSESSMTPPasswordFromSecretKeySigV4`
/// (https://github.com/hashicorp/terraform-provider-aws, internal/service/iam/access_key_test.go),
/// and AWS's example key (https://docs.aws.amazon.com/ses/latest/dg/smtp-credentials.html).
#[test]
fn smtp_password_vectors() {
    let vectors = [
        (
            "eu-central-1",
            "some+secret+key",
            "BMXhUYlu5Z3gSXVQORxlVa7XPaz91aGWdfHxvkOZdWZ2",
        ),
        (
            "eu-central-1",
            "another+secret+key",
            "BBbphbrQmrKMx42d1N6+C7VINYEBGI5v9VsZeTxwskfh",
        ),
        (
            "us-west-1",
            "some+secret+key",
            "BH+jbMzper5WwlwUar9E1ySBqHa9whi0GPo+sJ0mVYJj",
        ),
        (
            "us-west-1",
            "another+secret+key",
            "BKVmjjMDFk/qqw8EROW99bjCS65PF8WKvK5bSr4Y6EqF",
        ),
        (
            "us-east-1",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "BLBM/9hSUELfq8Gw+rU1YcBjkOxGbhT2XG763xVLGWL9",
        ),
    ];
    for (region, secret, password) in vectors {
        assert_eq!(password_v4(secret, region), password, "{region} {secret}");
        assert_eq!(password.len(), 44);
    }
}

#[derive(Default)]
struct Setup {
    transport: Option<Transport>,
    auth: AuthMode,
    users: Vec<(String, String)>,
    region: Option<String>,
    verified: Option<Vec<String>>,
    configuration_sets: Option<Vec<String>>,
    rate: Option<f64>,
    max_size: Option<usize>,
    max_messages: Option<usize>,
    max_commands: Option<usize>,
}

fn list(v: &str) -> Vec<String> {
    v.split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

impl Setup {
    fn parse(text: &str) -> Setup {
        let mut setup = Setup::default();
        for word in text.split_whitespace() {
            let (key, value) = word.split_once('=').unwrap_or((word, ""));
            let number = || value.parse::<usize>().expect("a number");
            match key {
                "starttls" => setup.transport = Some(Transport::StartTls),
                "tls" => setup.transport = Some(Transport::Tls),
                "auth" if value == "account" => setup.auth = AuthMode::Account,
                "user" => {
                    let (id, secret) = value.split_once(':').expect("user=ID:SECRET");
                    setup.users.push((id.to_string(), secret.to_string()));
                }
                "region" => setup.region = Some(value.to_string()),
                "verified" => setup.verified = Some(list(value)),
                "configuration-sets" => setup.configuration_sets = Some(list(value)),
                "rate" => setup.rate = Some(value.parse().expect("a rate")),
                "max-size" => setup.max_size = Some(number()),
                "max-messages" => setup.max_messages = Some(number()),
                "max-commands" => setup.max_commands = Some(number()),
                _ => panic!("unknown option {word:?}"),
            }
        }
        setup
    }

    fn account(&self) -> Account {
        let mut account = Account::new();
        for (id, secret) in &self.users {
            account = account.with_smtp_user(id, secret);
        }
        if let Some(region) = &self.region {
            account = account.with_region(region.as_str());
        }
        if let Some(verified) = &self.verified {
            account = account.with_verified_identities(verified.iter().map(String::as_str));
        }
        if let Some(sets) = &self.configuration_sets {
            account = account.with_configuration_sets(sets.iter().map(String::as_str));
        }
        account
    }

    fn quota(&self) -> Option<SendQuota> {
        let limits = SendLimits {
            max_send_rate: self.rate?,
            max_24_hour_send: DailyLimit::Unlimited,
            sent_last_24_hours: 0,
        };
        Some(SendQuota::with_clock(limits, ManualClock::new()))
    }
}

/// Whether `got` is the reply `want` describes (a final `*` matches any rest).
fn matches(want: &str, got: &str) -> bool {
    match want.strip_suffix('*') {
        Some(prefix) => got.starts_with(prefix),
        None => want == got,
    }
}

/// Runs one session's lines; the first difference, with its line number.
fn run(setup: &Setup, lines: &[(usize, &str)]) -> Result<(), String> {
    let account = setup.account();
    let quota = setup.quota();
    let mut context = Context::new().with_account(&account);
    if let Some(quota) = &quota {
        context = context.with_quota(quota);
    }
    let transport = setup.transport.ok_or("options name no port kind")?;
    let mut options = SessionOptions::new(transport)
        .auth(setup.auth)
        .context(context);
    if let Some(n) = setup.max_size {
        options = options.max_message_size(n);
    }
    if let Some(n) = setup.max_messages {
        options = options.max_messages(n);
    }
    if let Some(n) = setup.max_commands {
        options = options.max_commands(n);
    }
    let mut session = Session::new(options);
    let mut pending = vec![session.greeting()];
    pending.reverse();
    let mut then = Then::Continue;
    for &(at, line) in lines {
        let unread =
            |pending: &Vec<String>| format!("line {at}: replies not expected: {pending:?}");
        if let Some(want) = line.strip_prefix("< ") {
            let got = pending
                .pop()
                .ok_or_else(|| format!("line {at}: no reply, expected {want:?}"))?;
            if !matches(want, &got) {
                return Err(format!("line {at}: expected {want:?}, got {got:?}"));
            }
            continue;
        }
        if !pending.is_empty() {
            return Err(unread(&pending));
        }
        let step = match line {
            "! tls" if then == Then::StartTls => {
                session.tls_started();
                then = Then::Continue;
                continue;
            }
            "! closed" if then == Then::Close => continue,
            "! tls" | "! closed" => {
                return Err(format!("line {at}: {line}, but the step was {then:?}"))
            }
            "! overlong" => session.feed_overlong(),
            _ => match line.strip_prefix('>') {
                Some(text) => {
                    let text = text.strip_prefix(' ').unwrap_or(text);
                    session.feed_line(format!("{text}\r\n").as_bytes())
                }
                None => return Err(format!("line {at}: unknown line {line:?}")),
            },
        };
        then = step.then;
        pending = step.replies;
        pending.reverse();
    }
    match pending.is_empty() {
        true => Ok(()),
        false => Err(format!("at the end: replies not expected: {pending:?}")),
    }
}

/// A session's lines, each with its line number in the table.
type Lines<'t> = Vec<(usize, &'t str)>;

#[test]
fn smtp_sessions_from_the_table() {
    let table = include_str!("cases/smtp-sessions.txt");
    let mut sessions: Vec<(usize, String, Lines)> = Vec::new();
    for (i, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix("session: ") {
            sessions.push((i + 1, name.to_string(), Vec::new()));
            continue;
        }
        let session = sessions
            .last_mut()
            .expect("a line before the first session");
        session.2.push((i + 1, line));
    }
    assert!(sessions.len() >= 15, "only {} sessions", sessions.len());
    let mut failures = Vec::new();
    for (at, name, lines) in &sessions {
        let header = |key: &str| {
            lines
                .iter()
                .find_map(|(_, l)| l.strip_prefix(key))
                .unwrap_or_else(|| panic!("session at line {at} has no `{key}`"))
        };
        let source = header("source: ");
        assert!(
            source.starts_with("https://") || source.starts_with("docs/smtp.md"),
            "session at line {at}: source {source:?} is not a URL or docs/smtp.md"
        );
        let setup = Setup::parse(header("options: "));
        let body: Vec<(usize, &str)> = lines
            .iter()
            .filter(|(_, l)| !l.starts_with("source: ") && !l.starts_with("options: "))
            .copied()
            .collect();
        if let Err(why) = run(&setup, &body) {
            failures.push(format!("{name} (line {at}, {source}): {why}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} sessions differ:\n{}",
        failures.len(),
        sessions.len(),
        failures.join("\n")
    );
}

/// No input can panic the session or make it keep more than its bounds: random lines in every
/// state, including DATA, with a small size limit.
#[test]
fn hostile_lines_are_bounded() {
    let options = SessionOptions::new(Transport::StartTls).max_message_size(1000);
    let mut session = Session::new(options);
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let words: &[&[u8]] = &[
        b"EHLO x",
        b"STARTTLS",
        b"AUTH PLAIN",
        b"AUTH LOGIN",
        b"=",
        b"AHVzZXIAcGFzcw==",
        b"MAIL FROM:<a@b.c>",
        b"RCPT TO:<\"x\"@y>",
        b"DATA",
        b".",
        b"..",
        b"RSET",
        b"\xff\xfe",
        b"Subject: x",
        b"",
        b"MAIL FROM:<",
        b"RCPT TO:",
        b"AUTH LOGIN =",
    ];
    for _ in 0..20_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let word = words[(seed % words.len() as u64) as usize];
        let step = session.feed_line(word);
        if step.then == Then::StartTls {
            session.tls_started();
        }
        assert!(session.line_limit() <= 1000 + ses_presend::smtp::MAX_COMMAND_LINE);
        if step.then == Then::Close {
            break;
        }
    }
}
