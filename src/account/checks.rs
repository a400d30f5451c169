//! The checks that need what the caller knows about the account, in SES's order after the
//! input's own checks (docs/account.md): the configuration set and the template exist, the
//! identities the send needs are verified, the account and the configuration set may send,
//! and the quota holds. A send request, a raw message, a Query API request and an SMTP
//! transaction all describe their send as [`SendFacts`] and run these same checks.

use super::{AccountMode, AccountSending, Context};
use crate::address::{self, Address, Mailbox};
use crate::error::{ErrorCode, SesError};
use crate::limits::{IDENTITY_LIST_CUTOFF, MAX_CONFIGURATION_SET_NAME};
use crate::report::{Collector, Finding, Flow, Reason, RequestProblem};
use crate::texts::{account as acct, request as msg};
use std::collections::HashSet;

/// The mailbox simulator's domain: sandbox accounts may send to it unverified (documented).
const SIMULATOR: &str = "simulator.amazonses.com";

/// An address the send names, where it came from, and the ARN that stands in for its
/// verification (`SourceArn`, `ReturnPathArn`, …).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Identity<'a> {
    /// The field it came from, such as `Source` or `headers.Return-Path`.
    pub field: &'static str,
    /// The address as written, when given.
    pub address: Option<&'a str>,
    /// The identity ARN given for it, when given: then it is not checked here.
    pub arn: Option<&'a str>,
}

/// What the account checks need to know of a send, whichever input it came from.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct SendFacts<'a> {
    /// The envelope sender (`Source`, `FromEmailAddress`, `MAIL FROM`, or a raw message's
    /// `From` header when there is no envelope sender).
    pub sender: Identity<'a>,
    /// A raw message's `From:` header entries as written: each is an identity SES checks
    /// beside the envelope sender (decided `raw-account`).
    pub header_senders: &'a [String],
    /// The identity ARN that stands in for the `From:` entries' verification
    /// (`X-SES-FROM-ARN`).
    pub header_senders_arn: Option<&'a str>,
    /// `ReturnPath`, the feedback address, or a raw message's `Return-Path` header.
    pub return_path: Identity<'a>,
    /// The recipient lists (To, Cc, Bcc, or the Destinations), each with its field name.
    pub recipients: [(&'static str, &'a [String]); 3],
    /// The configuration set and the field that names it.
    pub configuration_set: Option<(&'a str, &'static str)>,
    /// The template and the field that names it.
    pub template: Option<(&'a str, &'static str)>,
}

/// Every account check, in SES's order.
pub(crate) fn check(context: &Context<'_>, facts: &SendFacts<'_>, out: &mut Collector) -> Flow {
    existence(context, facts, out)?;
    identities(context, facts, out)?;
    sending_state(context, facts, out)?;
    throttling(context, facts, out)
}

fn error(out: &mut Collector, field: &str, problem: RequestProblem, error: SesError) -> Flow {
    out.error(|| {
        let message = error.message.to_string();
        Finding::new(field, Reason::Request(problem), message).with_error(error)
    })
}

/// The configuration set and the template exist.
fn existence(context: &Context<'_>, facts: &SendFacts<'_>, out: &mut Collector) -> Flow {
    let account = context.known();
    if let Some((name, field)) = facts.configuration_set {
        let valid = configuration_set_problem(name).is_none();
        if valid && account.has_configuration_set(name) == Some(false) {
            let e = SesError::new(
                ErrorCode::ConfigurationSetDoesNotExist,
                msg::configuration_set_does_not_exist(name),
            );
            error(out, field, RequestProblem::ConfigurationSetDoesNotExist, e)?;
        }
    }
    if let Some((name, field)) = facts.template {
        if context.has_template(name) == Some(false) {
            let e = SesError::new(
                ErrorCode::TemplateDoesNotExist,
                msg::template_does_not_exist(name),
            );
            error(out, field, RequestProblem::TemplateDoesNotExist, e)?;
        }
    }
    Ok(())
}

/// A configuration-set name's problem.
pub(crate) fn configuration_set_problem(name: &str) -> Option<SesError> {
    if name.len() > MAX_CONFIGURATION_SET_NAME && name.chars().count() > MAX_CONFIGURATION_SET_NAME
    {
        return Some(SesError::new(
            ErrorCode::InvalidParameterValue,
            msg::CONFIGURATION_SET_NAME_TOO_LONG,
        ));
    }
    let valid = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    (!valid).then(|| {
        SesError::new(
            ErrorCode::InvalidParameterValue,
            msg::configuration_set_name_invalid(name),
        )
    })
}

/// A group member as written: `name <local@domain>` or `local@domain`.
fn member_text(m: &Mailbox<'_>) -> String {
    match m.display_name {
        Some(name) => format!("{name} <{}>", m.addr_spec()),
        None => m.addr_spec(),
    }
}

/// A field holding one address, or one entry of a list.
fn slot(name: &str, index: Option<usize>) -> String {
    match index {
        Some(i) => format!("{name}[{i}]"),
        None => name.to_string(),
    }
}

/// The identities the send needs are verified (decided: `identity-matching`). One error names
/// every unverified identity (at most [`IDENTITY_LIST_CUTOFF`], then `...`), in this order
/// (decided `identity-list`): in the sandbox the recipients first (as seen in
/// <https://github.com/django-ses/django-ses/issues/120>, 2017), then a raw message's From
/// header entries, then the envelope sender, then the Return-Path or feedback address.
pub(crate) fn identities(
    context: &Context<'_>,
    facts: &SendFacts<'_>,
    out: &mut Collector,
) -> Flow {
    let account = context.known();
    if !account.knows_identities() {
        return Ok(());
    }
    let sandbox = account.mode() == Some(AccountMode::Sandbox);
    let verified = |m: &Mailbox<'_>, recipient: bool| match m.domain {
        Some(domain) => {
            (recipient && domain.eq_ignore_ascii_case(SIMULATOR))
                || account.is_verified_parts(m.local_part, domain)
        }
        None => false,
    };
    // (field, index, input, is a recipient)
    let mut ordered: Vec<(&str, Option<usize>, &str, bool)> = Vec::new();
    if sandbox {
        for (name, list) in facts.recipients {
            for (i, entry) in list.iter().enumerate() {
                ordered.push((name, Some(i), entry, true));
            }
        }
    }
    if facts.header_senders_arn.is_none() {
        for (i, entry) in facts.header_senders.iter().enumerate() {
            ordered.push(("headers.From", Some(i), entry, false));
        }
    }
    if let (Some(sender), None) = (facts.sender.address, facts.sender.arn) {
        ordered.push((facts.sender.field, None, sender, false));
    }
    if let (Some(path), None) = (facts.return_path.address, facts.return_path.arn) {
        ordered.push((facts.return_path.field, None, path, false));
    }
    let mut failed: Vec<(String, String)> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (name, index, input, recipient) in ordered {
        // An address SES rejects was answered by the syntax checks.
        let Ok(addr) = address::parse_address(input) else {
            continue;
        };
        match &addr {
            Address::Mailbox(m) => {
                if !verified(m, recipient) && seen.insert(input.to_string()) {
                    failed.push((slot(name, index), input.to_string()));
                }
            }
            Address::Group(g) => {
                for m in g.members.iter().filter(|m| !verified(m, recipient)) {
                    let text = member_text(m);
                    if seen.insert(text.clone()) {
                        failed.push((slot(name, index), text));
                    }
                }
            }
        }
    }
    if failed.is_empty() {
        return Ok(());
    }
    let region = account.region().unwrap_or("us-east-1").to_ascii_uppercase();
    let mut text = String::from(acct::NOT_VERIFIED_PREFIX);
    text.push_str(&region);
    text.push_str(": ");
    for (i, (_, identity)) in failed.iter().take(IDENTITY_LIST_CUTOFF).enumerate() {
        if i > 0 {
            text.push_str(", ");
        }
        text.push_str(identity);
    }
    if failed.len() > IDENTITY_LIST_CUTOFF {
        text.push_str(", ...");
    }
    let e = SesError::new(ErrorCode::MessageRejected, text);
    for (field, identity) in failed {
        out.error(|| {
            let message = format!("{identity} is not a verified identity in {region}");
            Finding::new(
                field,
                Reason::Request(RequestProblem::IdentityNotVerified),
                message,
            )
            .with_error(e.clone())
        })?;
    }
    Ok(())
}

/// The account's and the configuration set's sending state, then MAIL FROM.
fn sending_state(context: &Context<'_>, facts: &SendFacts<'_>, out: &mut Collector) -> Flow {
    let account = context.known();
    match account.sending() {
        Some(AccountSending::PausedByAws) => {
            let e = SesError::new(ErrorCode::MessageRejected, acct::SENDING_PAUSED);
            error(out, "account", RequestProblem::AccountPaused, e)?;
        }
        Some(AccountSending::Disabled) => {
            let e = SesError::new(
                ErrorCode::AccountSendingPausedException,
                acct::ACCOUNT_SENDING_DISABLED,
            );
            error(out, "account", RequestProblem::AccountSendingDisabled, e)?;
        }
        _ => {}
    }
    if let Some((name, field)) = facts.configuration_set {
        if account.configuration_set_disabled(name) {
            let e = SesError::new(
                ErrorCode::ConfigurationSetSendingPausedException,
                acct::configuration_set_sending_disabled(name),
            );
            error(
                out,
                field,
                RequestProblem::ConfigurationSetSendingDisabled,
                e,
            )?;
        }
    }
    if let (Some(sender), None) = (facts.sender.address, facts.sender.arn) {
        if account.mail_from_for(sender).is_some_and(|m| m.rejects()) {
            let e = SesError::new(
                ErrorCode::MailFromDomainNotVerified,
                acct::MAIL_FROM_NOT_VERIFIED,
            );
            error(
                out,
                facts.sender.field,
                RequestProblem::MailFromNotVerified,
                e,
            )?;
        }
    }
    Ok(())
}

/// The sending rate and the 24-hour quota: a check takes the recipients from the quota, a
/// report only looks.
fn throttling(context: &Context<'_>, facts: &SendFacts<'_>, out: &mut Collector) -> Flow {
    let Some(quota) = context.quota() else {
        return Ok(());
    };
    let recipients = facts
        .recipients
        .iter()
        .flat_map(|(_, list)| list.iter())
        .map(|e| address::recipients_of(e))
        .sum::<usize>()
        .max(1);
    let recipients = u32::try_from(recipients).unwrap_or(u32::MAX);
    let verdict = match out.advising() {
        false => quota.try_acquire(recipients),
        true => quota.check(recipients),
    };
    if let Err(e) = verdict {
        let problem = match e.message == acct::DAILY_QUOTA_EXCEEDED {
            true => RequestProblem::DailyQuotaExceeded,
            false => RequestProblem::SendingRateExceeded,
        };
        error(out, "account.quota", problem, e)?;
    }
    Ok(())
}
