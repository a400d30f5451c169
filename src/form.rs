//! One field at a time, for form backends (feature `serde`): each function checks what a user
//! typed into one field and answers with a small serializable object — SES's verdict (the code
//! named as on the chosen API, and SES's words), the advisories, and the fix to offer.
//!
//! The objects are the ones the command-line tool prints with `--format json`, and the ones
//! `ses-presend serve` answers on `/validate/…`, so a form, the CLI and a script see the same
//! thing. Absent parts are left out of the JSON (`code` and `message` when SES accepts, `fix`
//! when there is none, `advisories` when empty).
//!
//! ```
//! use ses_presend::{form, Api, Strictness};
//!
//! let check = form::address("jose@bücher.de", Api::V1, Strictness::Ses);
//! assert_eq!(
//!     serde_json::to_string(&check).unwrap(),
//!     r#"{"input":"jose@bücher.de","ok":false,"code":"InvalidParameterValue","message":"Domain contains illegal character","certainty":"decided","decision":"non-ascii-domain","fix":"jose@xn--bcher-kva.de"}"#
//! );
//! ```

use crate::account::checks::configuration_set_problem;
use crate::account::Context;
use crate::address::{
    check_address, friendly_name_fix, name_probe, recipients_of, report_address,
    report_friendly_name,
};
use crate::error::footing::Footing;
use crate::error::{Api, ErrorCode, SesError};
use crate::limits::MAX_RECIPIENTS;
use crate::raw::{report_raw, RawOptions};
use crate::report::{Finding as ReportFinding, Report, Strictness};
use crate::request::check::tag_problem;
use crate::request::{JsonError, Request, RequestKind};
use crate::texts::request as msg;
use crate::texts::Certainty;
use serde::Serialize;
use std::borrow::Cow;

/// One problem in an answer, the same shape in every answer of this module: why (the stable
/// reason name), where, what in plain words, SES's error when SES rejects it, how sure this
/// is, and the fix. Absent parts are left out of the JSON.
///
/// ```
/// use ses_presend::{form, Api, Strictness};
///
/// let check = form::friendly_name("Kristóf", Api::V1, Strictness::Ses);
/// assert_eq!(
///     serde_json::to_string(&check.advisories[0]).unwrap(),
///     r#"{"reason":"name-raw-non-ascii","field":"display_name","message":"SES accepts a raw non-ASCII friendly name but mangles it: encode it as an RFC 2047 encoded-word","certainty":"seen"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The reason's stable name, such as `name-raw-non-ascii`.
    pub reason: &'static str,
    /// Where: inside a field (`domain`, `display_name`, …), a request's field path
    /// (`Destination.ToAddresses[1]`) or a place in a message (`headers.To[0]`).
    pub field: String,
    /// What is wrong, for a person.
    pub message: String,
    /// SES's error, for a finding SES rejects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorOut>,
    /// How sure this is: `seen`, `documented` or `decided`.
    pub certainty: Certainty,
    /// The `DECISIONS` row behind a decided answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<&'static str>,
    /// The corrected text of `field`, when a fix exists. A one-field answer ([`Check`]) leaves
    /// it out: its own `fix` is the whole field's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

/// SES's error inside a [`Finding`]: the code named as on the API asked for, and SES's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorOut {
    /// The code, named as on the API asked for.
    pub code: &'static str,
    /// SES's message.
    pub message: Cow<'static, str>,
}

impl Finding {
    /// The report's `finding`, its error named as on `api`.
    fn new(finding: ReportFinding, api: Api) -> Finding {
        Finding {
            reason: finding.reason.as_str(),
            field: finding.field,
            message: finding.message,
            error: finding.error.map(|e| ErrorOut {
                code: e.code.name_on(api),
                message: e.message,
            }),
            certainty: finding.certainty,
            decision: finding.decision,
            fix: finding.fix,
        }
    }
}

/// The answer for one field: `{"input":…,"ok":…,"code":…,"message":…,"advisories":[…],"fix":…}`,
/// the object one line of `ses-presend address --format json` is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check<'a> {
    /// What was checked, as given.
    pub input: &'a str,
    /// Whether it passes: SES accepts it and, under [`Strictness::Deliverable`], there is no
    /// advisory (under [`Strictness::Documented`] a decided rejection is an advisory).
    pub ok: bool,
    /// SES's error code, named as on the API asked for, when SES rejects the field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    /// SES's message, verbatim, when SES rejects the field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Cow<'static, str>>,
    /// How sure the verdict is: of SES's words for a rejection; for an acceptance,
    /// `documented`, or `decided` when a decided rule let it pass.
    pub certainty: Certainty,
    /// The `DECISIONS` row behind a decided verdict.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<&'static str>,
    /// What SES accepts but should not be sent (without their fixes: [`Check::fix`] is the
    /// field's).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub advisories: Vec<Finding>,
    /// The corrected field, when one exists and differs from the input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

impl<'a> Check<'a> {
    /// A check of `input` with SES's `verdict` (named for `api`) and the full `report`'s
    /// advisories and fix.
    fn new(
        input: &'a str,
        verdict: Result<(), SesError>,
        report: Report,
        api: Api,
        strictness: Strictness,
    ) -> Check<'a> {
        // Under Strictness::Documented a decided rejection is advice (Report::under).
        let decided = verdict.as_ref().err().map(|e| {
            report
                .errors
                .first()
                .filter(|f| f.error.as_ref() == Some(e))
                .map_or_else(|| e.footing(), |f| f.footing())
        });
        let verdict = match decided {
            Some(f)
                if strictness == Strictness::Documented && f.certainty == Certainty::Decided =>
            {
                Ok(())
            }
            _ => verdict,
        };
        let report = report.under(strictness);
        let ok = verdict.is_ok()
            && (strictness != Strictness::Deliverable || report.advisories.is_empty());
        let (code, message, footing) = match verdict {
            // Accepted because its rejection was only decided: that decision is its footing.
            Ok(()) => (
                None,
                None,
                decided.unwrap_or_else(|| accepted_footing(&report)),
            ),
            Err(err) => {
                let footing = decided.unwrap_or_else(|| err.footing());
                (Some(err.code.name_on(api)), Some(err.message), footing)
            }
        };
        Check {
            input,
            ok,
            code,
            message,
            certainty: footing.certainty,
            decision: footing.decision,
            advisories: report
                .advisories
                .into_iter()
                .map(|f| Finding {
                    fix: None,
                    ..Finding::new(f, api)
                })
                .collect(),
            fix: report.fix,
        }
    }

    /// A check with only SES's verdict: no advisories and no fix.
    fn verdict(input: &'a str, problem: Option<SesError>, api: Api) -> Check<'a> {
        Check::new(
            input,
            problem.map_or(Ok(()), Err),
            Report::default(),
            api,
            Strictness::Ses,
        )
    }
}

/// How sure an acceptance is: `decided` when an advisory of a decided rule (one that advises
/// where SES's answer is unknown) stands for what would otherwise be an error, else
/// `documented`.
fn accepted_footing(report: &Report) -> Footing {
    report
        .advisories
        .iter()
        .find(|f| crate::error::footing::only_advises(f.decision))
        .map_or(Footing::DOCUMENTED, ReportFinding::footing)
}

/// Checks one address as SES checks a Source or Destination entry on `api` (v2 has its own
/// text for an empty entry), with the advisories and the SES-safe fix (Punycode domain,
/// encoded friendly name). Exactly what `ses-presend address --format json` prints for it.
///
/// ```
/// use ses_presend::{form, Api, Strictness};
///
/// let check = form::address("user@", Api::V2, Strictness::Ses);
/// assert_eq!((check.code, check.message.as_deref()), (Some("BadRequestException"), Some("Missing domain")));
///
/// // SES accepts it, but it will bounce: a rejection only when deliverability counts.
/// assert!(form::address("a..b@example.com", Api::V1, Strictness::Ses).ok);
/// let strict = form::address("a..b@example.com", Api::V1, Strictness::Deliverable);
/// assert!(!strict.ok);
/// assert_eq!(strict.advisories[0].reason, "local-part-consecutive-dots");
/// ```
pub fn address(input: &str, api: Api, strictness: Strictness) -> Check<'_> {
    let report = report_address(input);
    // One parse: the report's first error is SES's verdict (its first problem), except for
    // the empty entry, which v1 and v2 refuse with their own text before parsing.
    let verdict = if input.is_empty() {
        check_address(input, api)
    } else {
        report
            .errors
            .iter()
            .find_map(|f| f.error.clone())
            .map_or(Ok(()), Err)
    };
    Check::new(input, verdict, report, api, strictness)
}

/// [`address`] with the deliverability advisories `options` ask for (docs/deliverability.md):
/// `special-use-domain`, and with DNS `domain-does-not-exist`, `domain-accepts-no-mail`,
/// `no-mail-server` or `dns-lookup-failed`. They are advisories: `ok` stays true unless
/// `strictness` is [`Strictness::Deliverable`].
///
/// ```
/// use ses_presend::address::Deliverability;
/// use ses_presend::{form, Api, Strictness};
///
/// let options = Deliverability::special_use();
/// let check = form::address_with("bob@localhost", Api::V1, Strictness::Ses, &options);
/// assert!(check.ok);
/// assert_eq!(check.advisories[0].reason, "special-use-domain");
/// assert!(!form::address_with("bob@localhost", Api::V1, Strictness::Deliverable, &options).ok);
/// ```
pub fn address_with<'a>(
    input: &'a str,
    api: Api,
    strictness: Strictness,
    options: &crate::address::Deliverability,
) -> Check<'a> {
    Check::new(
        input,
        check_address(input, api),
        crate::address::report_address_with(input, options),
        api,
        strictness,
    )
}

/// The answer for a list of recipients: each address's [`Check`], in order, and SES's one
/// error for the whole list — the first rejected address's, else `Recipient count exceeds 50.`
/// when there are more than 50.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListCheck<'a> {
    /// Whether every address passes and the count is within SES's limit.
    pub ok: bool,
    /// SES's error code for the list, named as on the API asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    /// SES's message for the list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Cow<'static, str>>,
    /// How many recipients the list has, as SES counts them: a group's members one by one.
    pub count: usize,
    /// Each address's answer, in list order.
    pub addresses: Vec<Check<'a>>,
}

/// Checks a list of recipients (the entries of one request's To, Cc and Bcc together), one
/// [`address`] check each, and the 50-recipient limit.
///
/// ```
/// use ses_presend::{form, Api, Strictness};
///
/// let list = form::addresses(["a@example.com", "bob", "user@"], Api::V1, Strictness::Ses);
/// assert!(!list.ok);
/// assert_eq!(list.message.as_deref(), Some("Missing final '@domain'"));
/// assert_eq!(list.addresses[2].message.as_deref(), Some("Missing domain"));
///
/// let many: Vec<String> = (0..51).map(|i| format!("u{i}@example.com")).collect();
/// let list = form::addresses(many.iter().map(String::as_str), Api::V2, Strictness::Ses);
/// assert_eq!(list.message.as_deref(), Some("Recipient count exceeds 50."));
///
/// // A group's members count one by one, as SES counts them.
/// let team: String = (0..30).map(|i| format!("u{i}@example.com")).collect::<Vec<_>>().join(", ");
/// let (a, b) = (format!("a: {team};"), format!("b: {team};"));
/// let list = form::addresses([a.as_str(), b.as_str()], Api::V1, Strictness::Ses);
/// assert_eq!((list.count, list.message.as_deref()), (60, Some("Recipient count exceeds 50.")));
/// ```
pub fn addresses<'a>(
    list: impl IntoIterator<Item = &'a str>,
    api: Api,
    strictness: Strictness,
) -> ListCheck<'a> {
    let mut count = 0;
    let addresses: Vec<Check<'a>> = list
        .into_iter()
        .map(|input| {
            count += recipients_of(input);
            address(input, api, strictness)
        })
        .collect();
    let first = addresses
        .iter()
        .find_map(|c| c.code.zip(c.message.clone()))
        .or_else(|| {
            (count > MAX_RECIPIENTS).then(|| {
                (
                    ErrorCode::InvalidParameterValue.name_on(api),
                    Cow::Borrowed(msg::RECIPIENT_COUNT_EXCEEDED),
                )
            })
        });
    ListCheck {
        ok: first.is_none() && addresses.iter().all(|c| c.ok),
        code: first.as_ref().map(|(code, _)| *code),
        message: first.map(|(_, message)| message),
        count,
        addresses,
    }
}

/// Checks a friendly name as written before the `<` of an address (a phrase: atoms, quoted
/// strings, encoded-words). SES's verdict is the one it gives `<name> <name@example.com>`,
/// so an unquoted comma gets `Illegal address`; the advisories are
/// [`report_friendly_name`]'s, and the fix is its encoded form, or, for a name SES rejects,
/// [`encode_friendly_name`](crate::address::encode_friendly_name)'s quoted or encoded form: the fix
/// [`address`] offers for the same name in front of an address.
///
/// ```
/// use ses_presend::{form, Api, Strictness};
///
/// let check = form::friendly_name("Chan, Karen", Api::V1, Strictness::Ses);
/// assert_eq!(check.message.as_deref(), Some("Illegal address"));
/// assert_eq!(check.fix.as_deref(), Some("\"Chan, Karen\""));
///
/// let check = form::friendly_name("Kristóf", Api::V1, Strictness::Ses);
/// assert!(check.ok);
/// assert_eq!(check.advisories[0].reason, "name-raw-non-ascii");
/// assert_eq!(check.fix.as_deref(), Some("=?UTF-8?Q?Krist=C3=B3f?="));
/// ```
pub fn friendly_name(name: &str, api: Api, strictness: Strictness) -> Check<'_> {
    let verdict = check_address(&name_probe(name), api);
    let mut report = report_friendly_name(name);
    report.fix = friendly_name_fix(name, report.fix.take(), verdict.is_err());
    Check::new(name, verdict, report, api, strictness)
}

/// The answer for a message tag: the name's and the value's checks, and SES's one error for
/// the tag (the name's before the value's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagCheck<'a> {
    /// Whether SES accepts both.
    pub ok: bool,
    /// SES's error code for the tag, named as on the API asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    /// SES's message for the tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Cow<'static, str>>,
    /// The name's check.
    pub name: Check<'a>,
    /// The value's check.
    pub value: Check<'a>,
}

/// Checks a message tag (`Tags[i]` in v1, `EmailTags[i]` in v2) as SES does: each of name
/// and value is 1 to 255 characters of ASCII letters, digits, `_` and `-`; a value may also
/// hold `.` and `@`.
///
/// ```
/// use ses_presend::{form, Api};
///
/// let tag = form::tag("campaign", "spring sale", Api::V1);
/// assert!(tag.name.ok && !tag.value.ok);
/// assert_eq!(
///     tag.message.as_deref(),
///     Some("Invalid tag value <spring sale>: only alphanumeric ASCII characters, '_',  '-' , '.', '@' are allowed.")
/// );
/// assert!(form::tag("campaign", "ops@example.com", Api::V2).ok);
/// ```
pub fn tag<'a>(name: &'a str, value: &'a str, api: Api) -> TagCheck<'a> {
    let name = Check::verdict(name, tag_problem(name, false), api);
    let value = Check::verdict(value, tag_problem(value, true), api);
    let first = [&name, &value]
        .into_iter()
        .find_map(|c| c.code.zip(c.message.clone()));
    TagCheck {
        ok: first.is_none(),
        code: first.as_ref().map(|(code, _)| *code),
        message: first.map(|(_, message)| message),
        name,
        value,
    }
}

/// Checks a configuration set's name as SES does (1 to 64 ASCII letters, digits, `_` and `-`).
/// Whether the set exists is the account's business: see [`Context::with_account`].
///
/// ```
/// use ses_presend::{form, Api};
///
/// assert!(form::configuration_set_name("transactional-eu", Api::V1).ok);
/// let check = form::configuration_set_name("my set", Api::V2);
/// assert_eq!(check.code, Some("BadRequestException"));
/// ```
pub fn configuration_set_name(name: &str, api: Api) -> Check<'_> {
    Check::verdict(name, configuration_set_problem(name), api)
}

/// The answer for a whole send request: the document `ses-presend request --format json`
/// prints (`api`, `operation`, `ok`, `code`, `http_status`, `message`, `errors`, `advisories`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestCheck {
    /// `v1` or `v2`.
    pub api: &'static str,
    /// The operation as the AWS CLI spells it.
    pub operation: &'static str,
    /// Whether SES would accept the request.
    pub ok: bool,
    /// SES's error code, named as on the request's API.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    /// The HTTP status SES answers with on the request's API.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// SES's message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Cow<'static, str>>,
    /// How sure the verdict's words are, when SES rejects it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certainty: Option<Certainty>,
    /// The `DECISIONS` row behind a decided rejection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<&'static str>,
    /// Every error, SES's first.
    pub errors: Vec<Finding>,
    /// Every advisory.
    pub advisories: Vec<Finding>,
}

impl RequestCheck {
    /// The answer for a request of `kind` from its full [`Report`].
    ///
    /// ```
    /// use ses_presend::{form::RequestCheck, report_email};
    /// use ses_presend::request::{RequestKind, SendEmailRequest};
    /// let req = SendEmailRequest::builder().source("bob").to("a@example.com").subject("s").text("t").build();
    /// let check = RequestCheck::new(report_email(&req), RequestKind::SendEmail);
    /// assert_eq!((check.code, check.http_status), (Some("InvalidParameterValue"), Some(400)));
    /// ```
    pub fn new(report: Report, kind: RequestKind) -> RequestCheck {
        let api = kind.api();
        let first = report.first_error().cloned();
        let finding = |f| Finding::new(f, api);
        RequestCheck {
            api: api.as_str(),
            operation: kind.cli_name(),
            ok: first.is_none(),
            code: first.as_ref().map(|e| e.code.name_on(api)),
            http_status: first.as_ref().map(|e| e.code.http_status_on(api)),
            certainty: report.errors.first().map(|f| f.certainty),
            decision: report.errors.first().and_then(|f| f.decision),
            message: first.map(|e| e.message),
            errors: report.errors.into_iter().map(finding).collect(),
            advisories: report.advisories.into_iter().map(finding).collect(),
        }
    }
}

/// Reads a request of `kind` from the JSON the AWS CLI's `--cli-input-json` takes and checks
/// it in `context` (which holds what is known of the account, if anything).
///
/// ```
/// use ses_presend::request::RequestKind;
/// use ses_presend::{form, Context};
///
/// let json = r#"{"FromEmailAddress": "ops@example.com",
///                "Destination": {"ToAddresses": ["user@"]},
///                "Content": {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hi"}}}}}"#;
/// let check = form::request(RequestKind::V2SendEmail, json, &Context::new()).unwrap();
/// assert_eq!(check.code, Some("BadRequestException"));
/// assert_eq!(check.errors[0].field, "Destination.ToAddresses[0]");
/// assert!(form::request(RequestKind::SendEmail, "{", &Context::new()).is_err());
/// ```
pub fn request(
    kind: RequestKind,
    json: &str,
    context: &Context<'_>,
) -> Result<RequestCheck, JsonError> {
    let request = Request::from_json(kind, json)?;
    Ok(RequestCheck::new(context.report_email(&request), kind))
}

/// The answer for a raw message: what one line of `ses-presend message --format json` holds
/// after its `file` (`ok`, `code`, `message`, `errors`, `advisories`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MessageCheck {
    /// Whether the message passes at the strictness asked for.
    pub ok: bool,
    /// SES's error code, named as on the message's API.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    /// SES's message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Cow<'static, str>>,
    /// How sure the verdict's words are, when SES rejects it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certainty: Option<Certainty>,
    /// The `DECISIONS` row behind a decided rejection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<&'static str>,
    /// Every error, SES's first.
    pub errors: Vec<Finding>,
    /// Every advisory.
    pub advisories: Vec<Finding>,
}

/// Checks a raw message (SendRawEmail, v2 Raw content or SMTP `DATA`, as `options.api` says)
/// with the envelope and account of `options`.
///
/// ```
/// use ses_presend::{form, Api, RawOptions, Strictness};
///
/// let raw = b"From: a@example.com\r\nSubject: Hi\r\n\r\nHello\r\n";
/// let check = form::message(raw, &RawOptions::new(Api::V1), Strictness::Ses);
/// assert_eq!(check.code, Some("InvalidParameterValue"));
/// assert_eq!(check.errors[0].reason, "missing-required-header");
/// ```
pub fn message(raw: &[u8], options: &RawOptions<'_>, strictness: Strictness) -> MessageCheck {
    let report = report_raw(raw, options).under(strictness);
    let api = options.api;
    let ok = report.passes(strictness);
    let first = report.first_error().cloned();
    let finding = |f| Finding::new(f, api);
    MessageCheck {
        ok,
        code: first.as_ref().map(|e| e.code.name_on(api)),
        certainty: report.errors.first().map(|f| f.certainty),
        decision: report.errors.first().and_then(|f| f.decision),
        message: first.map(|e| e.message),
        errors: report.errors.into_iter().map(finding).collect(),
        advisories: report.advisories.into_iter().map(finding).collect(),
    }
}
