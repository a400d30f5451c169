//! Every text SES answers with, and every choice the project made where SES's behaviour is
//! unknown, in one place.
//!
//! Each entry says how sure we are of it (see `ses-behaviour.md`):
//! [`Certainty::Seen`] means the exact text was quoted from a real SES response or AWS's
//! documentation, [`Certainty::Documented`] that the rule is documented but the words were not
//! seen, and [`Certainty::Decided`] that SES's behaviour is unknown or contradictory and this is
//! the project's choice. [`DECISIONS`] is the one table of such choices; change them there.
//!
//! The principle of the table: **where SES's behaviour is unknown, never reject what SES may
//! accept.** A decided row rejects ([`Effect::Rejects`]) only where a source shows SES, or the
//! JavaMail parser SES runs, rejecting the condition, and the row names that source; every
//! other decided rule only advises ([`Effect::Advises`]) or only chooses the words, order or
//! form of an answer SES is known to give ([`Effect::Words`]).

/// How sure we are that SES behaves as an entry says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Certainty {
    /// The exact text was quoted from a real SES response or from AWS's documentation.
    Seen,
    /// The rule is documented by AWS (or by the RFC an advisory names); the words were not
    /// seen.
    Documented,
    /// SES's behaviour is unknown or contradictory: this is the project's choice.
    Decided,
}

/// One choice the project made where SES's behaviour is not known for certain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    /// A short stable name for the choice.
    pub id: &'static str,
    /// The situation the choice applies to.
    pub situation: &'static str,
    /// What ses-presend does.
    pub choice: &'static str,
    /// Whether the choice can reject a send, and on what evidence.
    pub effect: Effect,
}

/// What a decided rule does to a send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// It rejects. The text names the source (a URL, with the date of a field report) showing
    /// that SES, or the JavaMail parser SES runs, rejects the condition; the decision is only
    /// about the words or the details.
    Rejects(&'static str),
    /// It only advises: SES's answer is unknown, so the send is not rejected.
    Advises,
    /// It only chooses the words, order, names or form of answers SES is known to give (or of
    /// the tool's own answers), never whether a send is rejected.
    Words,
}

impl Effect {
    /// The evidence of a rejecting rule.
    ///
    /// ```
    /// use ses_presend::{Effect, DECISIONS};
    /// let row = DECISIONS.iter().find(|d| d.id == "non-ascii-domain").unwrap();
    /// assert!(row.effect.evidence().unwrap().contains("https://"));
    /// ```
    pub fn evidence(self) -> Option<&'static str> {
        match self {
            Effect::Rejects(source) => Some(source),
            Effect::Advises | Effect::Words => None,
        }
    }
}

/// The one table of behaviours that are decided rather than observed.
///
/// ```
/// let ids: Vec<_> = ses_presend::DECISIONS.iter().map(|d| d.id).collect();
/// assert!(ids.contains(&"non-ascii-domain"));
/// ```
pub const DECISIONS: &[Decision] = &[
    Decision {
        id: "non-ascii-domain",
        situation: "a domain with a non-ASCII character that is not a space or control \
                    character; one 2022 report saw `Domain contains control or whitespace`",
        choice: "`Domain contains illegal character`, as the more recent reports (2022, 2023)",
        effect: Effect::Rejects(
            "SES documents that an address must be 7-bit ASCII with a Punycode domain (https://docs.aws.amazon.com/ses/latest/APIReference/API_SendEmail.html, Source); both texts were seen from SES for `user@bücher.de`-shaped input (2022, 2023)",
        ),
    },
    Decision {
        id: "unicode-space-in-domain",
        situation: "a domain with a Unicode white-space (White_Space) or control (Cc) character",
        choice: "`Domain contains control or whitespace`",
        effect: Effect::Rejects(
            "every non-ASCII domain is refused (https://docs.aws.amazon.com/ses/latest/APIReference/API_SendEmail.html, Source: 7-bit ASCII); only the words are chosen",
        ),
    },
    Decision {
        id: "domain-literal-position",
        situation: "a domain literal that is not the whole domain (`kas@[1.2.3.4]Eng`, \
                    `test@a[1.2.3.4]`) or holds white space: JavaMail from 1.5.2 rejects it \
                    (`Domain literal not at start of domain`, `Domain literal end not at end of \
                    domain`), releases up to 1.5.1 stop the domain check at the first `[` and \
                    accept it (the second answers of tests/data/ses-address-verdicts.tsv). \
                    Evidence for the release: SES's raw-message text `Expected '/', got ;` \
                    exists only up to 1.5.1; no field report shows either answer for a literal",
        choice: "the release before 1.5.2: the domain is checked up to its first `[` and the \
                 rest passes, non-ASCII included (labelled corpus); `report_address` adds the \
                 advisory `domain-literal-misplaced`. A `]` with no `[` before it is \
                 `Domain contains illegal character` (every release rejects it), except as the \
                 last character, which 1.5.2 and later accept",
        effect: Effect::Advises,
    },
    Decision {
        id: "mail-from-code-name",
        situation: "the API model says `MailFromDomainNotVerifiedException`, the error table \
                    `MailFromDomainNotVerified`",
        choice: "send the table's name on the wire; accept both when reading",
        effect: Effect::Words,
    },
    Decision {
        id: "v2-names-of-other-codes",
        situation: "v1 codes with no v2 name observed (the request-level codes of §1); \
                    MissingAuthenticationToken's v2 name was seen (query-errors.md, v2 section)",
        choice: "v2 uses the v1 name and HTTP status unchanged; MissingAuthenticationToken is \
                 `MissingAuthenticationTokenException` 403 on v2, as seen",
        effect: Effect::Words,
    },
    Decision {
        id: "xml-apostrophe",
        situation: "`'` in a v1 XML error message: bodies of 2011 and 2019 show it as written, \
                    one 2026 source as `&apos;` (query-errors.md)",
        choice: "as written; `render::v1_xml_with(…, Apostrophes::Escaped)` gives `&apos;`",
        effect: Effect::Words,
    },
    Decision {
        id: "smtp-reply-classes",
        situation: "which SMTP reply prefix a code gets beyond the three observed classes",
        choice: "MessageRejected, MailFromDomainNotVerified and the sending-paused codes: \
                 `554 Message rejected:`; Throttling: `454 Throttling failure:`; \
                 InternalFailure and ServiceUnavailable: `451 Temporary service failure:`; \
                 every other code: `554 Transaction failed:`",
        effect: Effect::Words,
    },
    Decision {
        id: "request-check-order",
        situation: "the order of the checks of SendEmail, SendTemplatedEmail and v2 SendEmail \
                    (seen: tags before identities)",
        choice: "request shape, tags, configuration-set name, addresses (Source or From, To, Cc, \
                 Bcc, ReplyTo, ReturnPath or feedback address, each in list order), recipient \
                 count, content (v2 subject, headers, attachments; template data), size, \
                 configuration-set and template existence, identity verification, account state \
                 (paused, account disabled, configuration set disabled, MAIL FROM), throttling",
        effect: Effect::Words,
    },
    Decision {
        id: "no-recipients",
        situation: "a Destination with no address in any list, or a v2 Simple or Template \
                    request with no Destination (the condition is documented, the words not)",
        choice: "InvalidParameterValue `There are no recipients specified.`",
        effect: Effect::Rejects(
            "a message must have at least one recipient (https://docs.aws.amazon.com/ses/latest/APIReference/API_SendRawEmail.html, \"The message must include at least one recipient email address\")",
        ),
    },
    Decision {
        id: "validation-member-order",
        situation: "several required members absent (seen: `message` before `destination`)",
        choice: "top-level members in the reverse of the API model's order (`message`, \
                 `destination`, `source`; `templateData`, `template`, `destination`, `source`), \
                 then nested members in document order",
        effect: Effect::Words,
    },
    Decision {
        id: "validation-nested-paths",
        situation: "a required member absent inside a list entry or a v2 request",
        choice: "the path names list entries from 1 (`tags.1.member.name`); v2 answers with the \
                 same ValidationError text",
        effect: Effect::Rejects(
            "the API model marks the members required (https://docs.aws.amazon.com/ses/latest/APIReference/API_MessageTag.html: Name and Value required) and SES answers an absent required member with ValidationError (seen)",
        ),
    },
    Decision {
        id: "template-and-arn",
        situation: "v1 SendTemplatedEmail with both Template and TemplateArn",
        choice:
            "InvalidParameterCombination `The parameters Template and TemplateArn are mutually \
                 exclusive and you have specified both.` (the wording seen from CloudWatch)",
        effect: Effect::Advises,
    },
    Decision {
        id: "v2-content-shape",
        situation: "v2 Content with none or several of Simple, Raw and Template; a Template with \
                    neither name, ARN nor content, or with content and a name or ARN",
        choice: "BadRequestException `Content must contain exactly one of Simple, Raw or \
                 Template.` / `Template must name a template (TemplateName or TemplateArn) or \
                 give its TemplateContent, not both.`",
        effect: Effect::Rejects(
            "v2 content is one of Simple, Raw or Template and a template is named or given inline (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_EmailContent.html, https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_Template.html); with none SES has nothing to send",
        ),
    },
    Decision {
        id: "v2-missing-from",
        situation: "v2 Simple content without FromEmailAddress: SES was seen (one source) to \
                    answer `{\"message\":null}`",
        choice: "BadRequestException with no text, at the From address's place in the order; \
                 its v2 body is `{\"message\":null}` as seen (any error without text renders \
                 so); Template content: `Source cannot be empty` (one source)",
        effect: Effect::Rejects(
            "v2 Simple and Template content take the sender from FromEmailAddress only (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html); SES was seen to answer `{\"message\":null}` without it",
        ),
    },
    Decision {
        id: "tag-check-order",
        situation: "a tag with several problems",
        choice: "tags in list order; the name before the value; empty, then length (characters), \
                 then the character set",
        effect: Effect::Words,
    },
    Decision {
        id: "configuration-set-name",
        situation: "a configuration-set name over 64 characters or outside `[A-Za-z0-9_-]` \
                    (the rule is documented, the words not)",
        choice: "`Configuration set name cannot exceed 64 characters.` / `Invalid configuration \
                 set name <NAME>: only alphanumeric ASCII characters, '_', and '-' are allowed.`; \
                 an empty name is an invalid name",
        effect: Effect::Rejects(
            "documented naming rule: ASCII letters, numbers, `_` and `-`, at most 64 characters (https://docs.aws.amazon.com/ses/latest/APIReference/API_ConfigurationSet.html)",
        ),
    },
    Decision {
        id: "v2-subject-charset",
        situation: "a Simple subject with non-ASCII characters and no Charset (SES encodes the \
                    subject with Content.Charset when one is given; without one its handling is \
                    not documented)",
        choice: "accepted; an advisory says the subject may arrive garbled and to give a \
                 Charset (UTF-8); with a Charset nothing is said",
        effect: Effect::Advises,
    },
    Decision {
        id: "request-charset",
        situation: "a Subject or Body Charset of SendEmail or v2 Simple content (seen: \
                    `Unsupported charset 'string'.`); which names SES's Java runtime knows is \
                    not listed",
        choice: "InvalidParameterValue `Unsupported charset '<name as given>'.` for a name \
                 `raw-charset` does not know, checked first in the content stage (subject, \
                 text, HTML)",
        effect: Effect::Rejects(
            "seen from SES for an unknown Charset (https://github.com/Netflix/lemur/pull/841, \
             2017-06-28)",
        ),
    },
    Decision {
        id: "v2-custom-headers",
        situation: "v2 custom headers beyond the documented limits",
        choice: "`Custom header count exceeds 15.`, `Invalid header name <NAME>: a name is 1 to \
                 126 printable ASCII characters other than ':'.`, `Invalid value for header \
                 <NAME>: a value is at most 995 printable ASCII characters.`, `Header <NAME> is \
                 too long: name and value together cannot exceed 996 characters.`",
        effect: Effect::Rejects(
            "documented limits of v2 custom headers (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_MessageHeader.html; at most 15 per message, https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_Message.html)",
        ),
    },
    Decision {
        id: "v2-attachments",
        situation: "v2 attachments beyond the documented limits",
        choice: "`Attachment file name cannot exceed 255 characters.`, `Attachment content type \
                 must be 1 to 78 characters.`, `Attachment content ID must be 1 to 78 \
                 characters.`, and for a blocked extension (ses-behaviour.md §6) `Attachment type \
                 not supported: <file name>.`, all BadRequestException",
        effect: Effect::Rejects(
            "documented limits of v2 attachments (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_Attachment.html) and the documented list of blocked attachment types (https://docs.aws.amazon.com/ses/latest/dg/attachments.html)",
        ),
    },
    Decision {
        id: "template-data-size",
        situation: "template data over 262144 characters",
        choice: "InvalidParameterValue (BadRequestException) `Template data cannot exceed 262144 \
                 characters.`",
        effect: Effect::Rejects(
            "documented length constraint of TemplateData, 262144 (https://docs.aws.amazon.com/ses/latest/APIReference/API_SendTemplatedEmail.html)",
        ),
    },
    Decision {
        id: "simple-message-size",
        situation: "the size of a message SES builds from a Simple or templated request",
        choice: "the UTF-8 bytes of the subject and bodies plus the base64 text of attachments \
                 and raw data, against 10485760 bytes (v1) or 41943040 (v2), with the words of \
                 SendRawEmail: `Message length is more than 10485760 bytes long: '<size>'.`",
        effect: Effect::Rejects(
            "documented maximum message size, 10 MB (v1) and 40 MB (v2) after encoding (https://docs.aws.amazon.com/ses/latest/dg/quotas.html); the size counted here is never more than the message SES builds",
        ),
    },
    Decision {
        id: "template-does-not-exist",
        situation: "a template the account does not have (when the caller lists them)",
        choice: "TemplateDoesNotExist `Template <NAME> does not exist.`, like the configuration \
                 set's text",
        effect: Effect::Rejects(
            "documented error TemplateDoesNotExist of SendTemplatedEmail (https://docs.aws.amazon.com/ses/latest/APIReference/API_SendTemplatedEmail.html)",
        ),
    },
    Decision {
        id: "identity-matching",
        situation: "which identities a request needs, and when one is verified",
        choice: "senders (Source or From, ReturnPath or feedback address) and, in the sandbox, \
                 recipients (group members one by one; the mailbox simulator always passes); \
                 verified when the address, its domain or a parent domain is listed, domains \
                 compared without case, local parts exactly; an address sent with an identity \
                 ARN (sending authorization) is not checked",
        effect: Effect::Rejects(
            "documented: only verified identities may send, and in the sandbox only to verified identities (https://docs.aws.amazon.com/ses/latest/dg/creating-identities.html, https://docs.aws.amazon.com/ses/latest/dg/request-production-access.html); the text was seen (https://github.com/WPManageNinja/fluent-smtp/issues/90, 2022)",
        ),
    },
    Decision {
        id: "identity-list",
        situation: "the list of identities that failed the check (seen: each as written, a raw \
                    message's From header entries before the envelope sender; the place of \
                    sandbox recipients was seen once, before the sender)",
        choice: "each entry as written (display name kept), in the order: sandbox recipients, \
                 a raw message's From header entries, the envelope sender (Source, \
                 FromEmailAddress, MAIL FROM), the Return-Path or feedback address; an entry \
                 whose text was already listed is not listed again (the same address written \
                 otherwise is); joined by `, `; after 10 identities the list ends with `, ...`",
        effect: Effect::Words,
    },
    Decision {
        id: "unknown-region",
        situation: "identities are checked but the account's region is not given",
        choice: "the region is taken as us-east-1 (`US-EAST-1` in the text)",
        effect: Effect::Words,
    },
    Decision {
        id: "sending-disabled",
        situation: "sending disabled for the account or for a configuration set (documented \
                    codes, words not seen)",
        choice: "AccountSendingPausedException `Email sending is disabled for this account.` / \
                 ConfigurationSetSendingPausedException `Email sending is disabled for \
                 configuration set <NAME>.`; after a pause by AWS, before MAIL FROM",
        effect: Effect::Rejects(
            "documented errors AccountSendingPausedException and ConfigurationSetSendingPausedException of SendEmail (https://docs.aws.amazon.com/ses/latest/APIReference/API_SendEmail.html) after sending is disabled (https://docs.aws.amazon.com/ses/latest/APIReference/API_UpdateAccountSendingEnabled.html)",
        ),
    },
    Decision {
        id: "mail-from-not-verified",
        situation: "the sender's custom MAIL FROM domain is not verified",
        choice: "MailFromDomainNotVerified `Mail FROM domain is not verified.` when its status is \
                 not Success and the behaviour on MX failure is RejectMessage (the address's own \
                 setting first, then its domain's)",
        effect: Effect::Rejects(
            "documented: with the behaviour on MX failure RejectMessage, SES returns a MailFromDomainNotVerified error (https://docs.aws.amazon.com/ses/latest/dg/mail-from.html)",
        ),
    },
    Decision {
        id: "quota-model",
        situation: "how the sending rate and the 24-hour quota are counted",
        choice: "recipients, not messages; the 24-hour quota is checked before the rate; the rate \
                 is a token bucket holding one second of sending, and a message with more \
                 recipients than that passes on a full bucket, leaving it in debt; the 24-hour \
                 window counts by the minute, each recipient until 24 hours after the end of its \
                 minute",
        effect: Effect::Rejects(
            "documented sending quotas (https://docs.aws.amazon.com/ses/latest/dg/quotas.html); both texts were seen from SES; only the counting model is chosen",
        ),
    },
    Decision {
        id: "retry-sets",
        situation: "how many sets of retries the documented schedule makes",
        choice: "two: waits of 5, 10 and 30 seconds, 20 minutes, then 5, 10 and 30 seconds again",
        effect: Effect::Words,
    },
    Decision {
        id: "raw-check-order",
        situation: "the order of the checks of a raw message (SendRawEmail, v2 Raw content, \
                    SMTP DATA); SES returns the first error",
        choice: "size; Source, then Destinations; the header section's length, then its lines \
                 in order; duplicate singleton headers; From, then To, missing or empty; every \
                 address of the address headers in message order; the recipient count; the MIME \
                 structure part by part in document order (Content-Type, Content-Disposition, \
                 the charset of a text part, a multipart's start boundary); blocked attachments \
                 last (MessageRejected)",
        effect: Effect::Words,
    },
    Decision {
        id: "raw-header-lines",
        situation: "how the top-level header section is split into fields (seen: `Empty header \
                    names are illegal.` for `: x` lines, and `Illegal header '<text before the \
                    first colon>'.` for a body line when the blank line is missing)",
        choice: "lines end at LF or CRLF; the section ends at the first empty line (none: the \
                 whole message is headers); a line starting with space or tab continues the \
                 field above; a name is printable ASCII but `:`, white space before the colon \
                 allowed; nothing before the colon, a continuation with no field above, or a \
                 CR not followed by LF: `Empty header names are illegal.`; a line without a \
                 colon, or a name with other bytes: `Illegal header '<text before the first \
                 colon, or the whole line>'.`; only the message's own section is held to these \
                 rules, a part's header lines are read leniently",
        effect: Effect::Rejects(
            "both texts seen from SES for these shapes (`Empty header names are illegal.` for bare CR line breaks and `: x` lines; `Illegal header` for a body line without the blank line before it)",
        ),
    },
    Decision {
        id: "raw-header-section-limit",
        situation: "SES answers `Header section too long.` at an undocumented size",
        choice: "more than 262144 bytes (256 KiB) from the start of the message to the blank \
                 line that ends the header section",
        effect: Effect::Advises,
    },
    Decision {
        id: "raw-account",
        situation: "the account's checks for a raw message, which names its sender and \
                    recipients in headers (seen: the From header's mailboxes and the envelope \
                    sender are checked independently)",
        choice: "after every check of the message: the configuration set of the \
                 `X-SES-CONFIGURATION-SET` header must exist; every From header entry, the \
                 envelope sender (Source) and Return-Path must be verified, each on its own, and \
                 in the sandbox the recipients (the Destinations, else the To, Cc and Bcc \
                 entries); then the account's and configuration set's sending state; the texts \
                 are the request's",
        effect: Effect::Rejects(
            "seen: the From header entries and the envelope sender are checked independently (https://github.com/WPManageNinja/fluent-smtp/issues/90, 2022; https://github.com/dawidd6/action-send-mail/issues/157, 2023; https://github.com/mailcow/mailcow-dockerized/issues/2944, 2019)",
        ),
    },
    Decision {
        id: "raw-duplicate-header",
        situation: "a singleton header given twice in different case (seen over SMTP: \
                    `MIME-Version` then `mime-version` gave `Duplicate header 'MIME-Version'.`, \
                    2019; `from:` then `From:` gave `Duplicate header 'From'.`, \
                    https://github.com/govCMS/GovCMS8/issues/437, 2020)",
        choice: "names compared without case; the error names the header as AWS's list of \
                 singleton headers spells it, which fits both reports (the spelling of the \
                 first occurrence fits only the first); one error per repeat",
        effect: Effect::Words,
    },
    Decision {
        id: "raw-required-headers",
        situation: "missing and empty From and To (seen: `Missing required header 'From'.`, \
                    `Missing required header 'To'.`, `Empty required header 'To'.`)",
        choice: "checked only without a Source (From) or without Destinations (To); a header \
                 is empty when all its occurrences hold no address (blank, or only commas); an \
                 empty From: `Empty required header 'From'.`; a message with Cc or Bcc but no To \
                 still misses To",
        effect: Effect::Rejects(
            "seen from SES: `Missing required header 'From'.`, `Missing required header 'To'.`, `Empty required header 'To'.`; a message with Cc or Bcc but no To only gets an advisory",
        ),
    },
    Decision {
        id: "raw-address-headers",
        situation: "how the address headers (From, Sender, Reply-To, Return-Path, To, Cc, Bcc) \
                    are checked: each holds an address list",
        choice: "the unfolded value (non-UTF-8 bytes read as U+FFFD) is cut at commas outside \
                 quotes, comments, `< >`, `[ ]` and groups; empty entries are skipped; each \
                 entry gets the check of a Source entry (ses-behaviour.md §3), in list order, \
                 headers in message order; so `To: Karen, Chan <k@x.com>` is `Missing final \
                 '@domain'` (for `Karen`), and `Return-Path: <>` is `Empty address`",
        effect: Effect::Rejects(
            "SES runs its address parser on the address headers of a raw message (JavaMail's InternetAddress; its texts were seen for From and To headers)",
        ),
    },
    Decision {
        id: "raw-recipient-count",
        situation: "which recipients count toward the 50 of a raw message",
        choice: "the mailboxes of To, Cc and Bcc (each group member) and the Destinations, \
                 deduplicated by local part as written and domain without case; more than 50: \
                 `Recipient count exceeds 50.`",
        effect: Effect::Rejects(
            "seen `Recipient count exceeds 50.` and the documented 50-recipient limit (https://docs.aws.amazon.com/ses/latest/dg/quotas.html)",
        ),
    },
    Decision {
        id: "raw-message-size",
        situation: "the size limits of a raw message (seen on v1: `Message length is more than \
                    10485760 bytes long: '12078147'.`; documented: 40 MB on v2 and SMTP, and \
                    SMTP's `552 Message is too long.`)",
        choice: "the raw bytes against 10485760 (v1) or 41943040 (v2, SMTP); v2 gets v1's words \
                 with its limit; SMTP gets InvalidParameterValue `Message is too long.`, whose \
                 SMTP reply line is SES's `552 Message is too long.`",
        effect: Effect::Rejects(
            "seen on v1; documented limits (https://docs.aws.amazon.com/ses/latest/dg/quotas.html) and SMTP reply (https://docs.aws.amazon.com/ses/latest/dg/troubleshoot-smtp.html)",
        ),
    },
    Decision {
        id: "v2-raw-content",
        situation: "v2 SendEmail with Raw content: SES checks the message as SendRawEmail does \
                    (documented); the words for Data that is not base64 were not seen",
        choice: "the decoded message gets the raw checks (size against 40 MiB, headers, \
                 addresses, MIME, attachments) after the request's own shape, tag, name, address \
                 and recipient-count stages, with FromEmailAddress as Source, the Destination's \
                 addresses as Destinations and ConfigurationSetName; the account's checks are \
                 the raw message's (From header when no FromEmailAddress; its recipients for \
                 the quota), then FeedbackForwardingEmailAddress's identity; \
                 Data not base64: BadRequestException `Content.Raw.Data is not valid base64.`",
        effect: Effect::Rejects(
            "the REST API carries Raw.Data as base64 (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_RawMessage.html): data that is not base64 cannot be read",
        ),
    },
    Decision {
        id: "raw-configuration-set",
        situation: "a raw message sent with both a ConfigurationSetName parameter and an \
                    X-SES-CONFIGURATION-SET header (both documented; precedence not)",
        choice: "the parameter wins; the header counts only without it",
        effect: Effect::Words,
    },
    Decision {
        id: "smtp-envelope-replies",
        situation: "SES's SMTP replies to a bad envelope are documented as `553 <address> Invalid \
                    email address` (MAIL FROM) and `553 <address> address unknown` (RCPT TO), \
                    with `<address>` written like the spec's other placeholders",
        choice: "`<address>` is a placeholder: the reply carries the address as the client gave \
                 it, without added angle brackets (`553 bob@ Invalid email address`); any \
                 InvalidParameterValue about the envelope gets this reply, other codes keep \
                 their class's line",
        effect: Effect::Words,
    },
    Decision {
        id: "raw-mime-syntax",
        situation: "Content-Type and Content-Disposition errors beyond the three seen (`Expected \
                    '/', got ;`, `Expected ';', got \":\"`, `Expected disposition, got =`)",
        choice: "every part's fields are read strictly (RFC 2045 tokens; comments and folding \
                 skipped); the token found is named as it is after the type, subtype and \
                 disposition and in double quotes in the parameter list, `null` at the end of \
                 the value; decided texts: `Expected MIME type, got X`, `Expected MIME subtype, \
                 got X`, `Expected parameter name, got \"X\"`, `Expected '=', got \"X\"`, \
                 `Expected parameter value, got \"X\"`, `Unbalanced comments`, `Unbalanced \
                 quoted string`; a blank value is an error, a trailing `;` is not",
        effect: Effect::Rejects(
            "SES surfaces the MIME parser's Content-Type and Content-Disposition errors (three texts seen: `Expected '/', got ;`, `Expected ';', got \":\"`, `Expected disposition, got =`)",
        ),
    },
    Decision {
        id: "raw-boundary",
        situation: "multipart bodies beyond the seen `Missing start boundary`",
        choice: "as JavaMail was seen to walk multiparts (tests/mime_oracle.rs compares every \
                 class with it): the boundary is the last `boundary=` or `boundary*=` value \
                 (RFC 2231 charset'language'%XX decoded, kept as written under an unknown \
                 charset; a quoted value folded over two lines loses its line break), or, when \
                 any `boundary*N` is given, continuations 0, 1, … to the first gap, none without \
                 segment 0; an empty boundary is a boundary; a multipart without one takes its \
                 first line starting with `--` as its first boundary line; a boundary line is \
                 `--boundary` followed only by space or tab, a close delimiter `--boundary--` \
                 followed by anything once the first boundary line was seen; an outer \
                 multipart's boundary ends every part inside it; a part's header section runs \
                 to its blank line over its own multipart's boundary lines, and one that reaches \
                 the end of its multipart's content first is no part; no first boundary line \
                 (or a close delimiter before it): `Missing start boundary`; a missing close \
                 delimiter is an advisory",
        effect: Effect::Rejects(
            "seen `Missing start boundary` from SES for a multipart body without its first boundary",
        ),
    },
    Decision {
        id: "raw-charset",
        situation: "which charsets SES cannot decode (seen: `Unsupported encoding cp-850.`)",
        choice: "the charset parameter of text/* parts only; known: UTF-8, US-ASCII, every name \
                 mail-parser decodes and common Java runtime names (utf8, UTF-32, cp437, cp852, \
                 …); the name in the text is as written, quotes and surrounding spaces removed",
        effect: Effect::Rejects(
            "seen `Unsupported encoding cp-850.` from SES for a charset the Java runtime does not know",
        ),
    },
    Decision {
        id: "raw-blocked-attachment",
        situation: "an attachment with a blocked extension in a raw message (the rule and the \
                    list are documented, the answer not)",
        choice: "MessageRejected `Attachment type not supported: <file name>.`, for any part, \
                 embedded messages included, whose file name (Content-Disposition filename, \
                 else Content-Type name; RFC 2231 extended and continued values and RFC 2047 \
                 encoded-words decoded) ends with a blocked extension, compared without case",
        effect: Effect::Rejects(
            "documented: SES does not accept messages with these attachment types (https://docs.aws.amazon.com/ses/latest/dg/attachments.html)",
        ),
    },
    Decision {
        id: "raw-mime-depth",
        situation: "how deep SES opens nested parts, and encoded containers",
        choice: "multiparts and message/rfc822 parts are opened 64 levels deep; deeper ones, and \
                 containers with a transfer encoding other than 7bit, 8bit or binary, are not \
                 opened (an advisory says so)",
        effect: Effect::Advises,
    },
    Decision {
        id: "query-check-order",
        situation: "the order of the Query API's request-level checks (seen: an empty body gets \
                    `<UnknownOperationException/>` whatever else is wrong)",
        choice: "decoding (MalformedQueryString); the operation (UnknownOperationException, \
                 MissingAction, InvalidAction); the signature material (MissingAuthenticationToken; \
                 IncompleteSignature; MissingParameter and InvalidParameterCombination of the \
                 older signing; the date: SignatureDoesNotMatch, RequestExpired); the account \
                 (InvalidClientTokenId, then OptInRequired); the parameters' names \
                 (InvalidQueryParameter, in request order); RawMessage.Data's base64; then the \
                 checks of the request or raw message (ses-behaviour.md §5-§7)",
        effect: Effect::Words,
    },
    Decision {
        id: "query-malformed",
        situation: "a query string or form body that cannot be decoded (documented code, words \
                    not seen)",
        choice: "MalformedQueryString (404) `The query string is malformed.` for a `%` not \
                 followed by two hex digits, or bytes that are not UTF-8 once decoded; the body \
                 is read only for POST with `Content-Type: application/x-www-form-urlencoded` \
                 (parameters: any); `+` is a space; a pair without `=` is a name with an empty \
                 value; a name given twice keeps its first value",
        effect: Effect::Rejects(
            "documented error MalformedQueryString for a query string with a syntax error (https://docs.aws.amazon.com/ses/latest/APIReference/CommonErrors.html)",
        ),
    },
    Decision {
        id: "query-bounds",
        situation: "how many parameters and list entries a request may carry (SES's limits are \
                    not documented)",
        choice: "more than 1000 parameters (query string and body together): MalformedQueryString; \
                 a list index (`member.N`) is 1 to 1000 written without leading zeros, anything \
                 else (`member.0`, `member.01`, `member.x`, `member.1001`) makes the parameter \
                 not recognized; gaps in the indexes are allowed and the entries are taken in \
                 index order",
        effect: Effect::Rejects(
            "MalformedQueryString is documented for a query string SES cannot read (https://docs.aws.amazon.com/ses/latest/APIReference/CommonErrors.html); the bound is the tool's own, far above the parameters of any SES operation (SendEmail's 50 recipients and 50 tags take about 200)",
        ),
    },
    Decision {
        id: "query-missing-action",
        situation: "`Action=` present but empty (documented code, words not seen); no Action \
                    parameter at all",
        choice: "MissingAction `Missing Action`; with no Action parameter at all, whatever else \
                 the request holds, the bare `<UnknownOperationException/>` (404) seen for an \
                 empty body",
        effect: Effect::Rejects(
            "documented error MissingAction for a request without an action (https://docs.aws.amazon.com/ses/latest/APIReference/CommonErrors.html)",
        ),
    },
    Decision {
        id: "query-missing-version",
        situation: "a known Action without a Version parameter (SES's answer is not known; it \
                    may take the one version there is)",
        choice: "an advisory with the words InvalidAction would have, `Could not find \
                 operation <Action> for version NO_VERSION_SPECIFIED` (the form other AWS Query \
                 services are reported to use); the operation is then checked as 2010-12-01",
        effect: Effect::Advises,
    },
    Decision {
        id: "query-unknown-action-no-version",
        situation: "an unknown Action without a Version parameter",
        choice: "InvalidAction `Could not find operation <Action> for version \
                 NO_VERSION_SPECIFIED`",
        effect: Effect::Words,
    },
    Decision {
        id: "query-invalid-action-namespace",
        situation: "InvalidAction was seen under the AWSFault namespace in another service",
        choice: "the SES namespace; `InvalidActionNamespace::AwsFault` gives \
                 `http://webservices.amazon.com/AWSFault/2005-15-09`",
        effect: Effect::Words,
    },
    Decision {
        id: "query-authorization-header",
        situation: "how an Authorization header is read (seen: the sentences for missing parts \
                    and the ` Authorization=<header>` tail)",
        choice: "the first word is the algorithm, the rest `key=value` pairs split at commas and \
                 trimmed, empty pieces skipped, keys compared with case; first a pair without \
                 `=`; then the missing Credential, Signature, SignedHeaders and date sentences \
                 together; then the algorithm; then the credential scope; then the date; values \
                 are checked for shape only, never verified; an Authorization header wins over \
                 presigned query parameters",
        effect: Effect::Rejects(
            "documented error IncompleteSignature for a signature that does not conform to AWS standards (https://docs.aws.amazon.com/ses/latest/APIReference/CommonErrors.html)",
        ),
    },
    Decision {
        id: "query-signature-algorithm",
        situation: "an Authorization header or X-Amz-Algorithm with an algorithm other than \
                    AWS4-HMAC-SHA256, all its parts present",
        choice: "IncompleteSignature `Unsupported AWS 'algorithm': '<algorithm>'.`",
        effect: Effect::Rejects(
            "documented error IncompleteSignature (https://docs.aws.amazon.com/ses/latest/APIReference/CommonErrors.html); Signature Version 4 takes AWS4-HMAC-SHA256 (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html)",
        ),
    },
    Decision {
        id: "query-credential-scope",
        situation: "a credential whose scope is not 5 slash-delimited parts (seen elsewhere: the \
                    start of the text)",
        choice: "IncompleteSignature `Credential must have exactly 5 slash-delimited elements, \
                 e.g. keyid/date/region/service/term, got '<credential>'`, with no tail",
        effect: Effect::Rejects(
            "documented error IncompleteSignature (https://docs.aws.amazon.com/ses/latest/APIReference/CommonErrors.html); the credential scope has five parts (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html)",
        ),
    },
    Decision {
        id: "query-presigned",
        situation: "a presigned request (any of X-Amz-Algorithm, X-Amz-Credential, \
                    X-Amz-Signature, X-Amz-SignedHeaders as query parameters) lacking some of \
                    them or X-Amz-Date",
        choice: "IncompleteSignature `AWS query-string parameters must include '<name>', \
                 '<name>'. Re-examine the query-string parameters.` naming every absent one in \
                 the order X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, \
                 X-Amz-SignedHeaders; a URL with X-Amz-Expires (whole seconds, 1 to 604800) \
                 lives that long from its X-Amz-Date: used later, RequestExpired `Request has \
                 expired.` (the code SES documents for a presigned URL past its expiry), used \
                 before its date, or with a lifetime that cannot be read, the 5-minute rule of \
                 `query-signature-window`",
        effect: Effect::Rejects(
            "documented errors IncompleteSignature and RequestExpired (https://docs.aws.amazon.com/ses/latest/APIReference/CommonErrors.html) and a presigned URL's lifetime (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html)",
        ),
    },
    Decision {
        id: "query-signature-date",
        situation: "a signing date that cannot be read",
        choice: "IncompleteSignature `Date must be in ISO-8601 'basic format'. Got '<value>'. \
                 See http://en.wikipedia.org/wiki/ISO_8601`; X-Amz-Date must be \
                 `YYYYMMDDTHHMMSSZ`, a Date header that or the HTTP form `Wed, 07 Nov 2018 \
                 00:38:42 GMT`; X-Amz-Date wins over Date",
        effect: Effect::Rejects(
            "documented error IncompleteSignature (https://docs.aws.amazon.com/ses/latest/APIReference/CommonErrors.html); the signing date is ISO 8601 basic format (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html)",
        ),
    },
    Decision {
        id: "query-signature-window",
        situation: "a SigV4 date more than 5 minutes ahead of the clock (seen: the text for one \
                    more than 5 minutes behind)",
        choice: "SignatureDoesNotMatch `Signature not yet current: <date> is still later than \
                 <now + 5 min> (<now> + 5 min.)`; exactly 5 minutes either way passes; dates are \
                 written in the basic format",
        effect: Effect::Rejects(
            "documented: a signature is valid within 5 minutes of its date (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html); the text for the other side was seen",
        ),
    },
    Decision {
        id: "query-older-signing",
        situation: "the older signing's parameters (Signature, AWSAccessKeyId, Timestamp, \
                    Expires): what is required and how their dates are read",
        choice: "either Signature or AWSAccessKeyId makes it the older signing; then \
                 MissingParameter for an absent AWSAccessKeyId, Signature, or Timestamp (when \
                 Expires is absent too), in that order; Timestamp with Expires: \
                 InvalidParameterCombination; a date that cannot be read: InvalidParameterValue \
                 `Invalid <name>: '<value>' is not an ISO 8601 date and time in UTC.`; \
                 Timestamp more than 15 minutes from the clock, or Expires before it: \
                 RequestExpired; SignatureVersion and SignatureMethod are not checked",
        effect: Effect::Rejects(
            "documented errors MissingParameter, InvalidParameterCombination and RequestExpired (https://docs.aws.amazon.com/ses/latest/APIReference/CommonErrors.html)",
        ),
    },
    Decision {
        id: "query-missing-parameter",
        situation: "where MissingParameter applies: SES answers an absent required member with \
                    ValidationError (seen)",
        choice: "only for the older signing's parameters (`query-older-signing`); an absent \
                 member of an operation (a tag's Value without its Name, RawMessage.Data) is a \
                 ValidationError",
        effect: Effect::Words,
    },
    Decision {
        id: "query-account",
        situation: "the access key and the subscription (only when the account's keys or \
                    subscription are known)",
        choice: "after the signature's shape and date: the key id (the credential's first part, \
                 or AWSAccessKeyId) not among the account's keys: InvalidClientTokenId; then an \
                 account not subscribed: OptInRequired; `ClientTokenText::WithoutPeriod` drops \
                 the final period some reports lack",
        effect: Effect::Rejects(
            "documented errors InvalidClientTokenId and OptInRequired (https://docs.aws.amazon.com/ses/latest/APIReference/CommonErrors.html)",
        ),
    },
    Decision {
        id: "query-unknown-parameter",
        situation: "a parameter the operation does not have, or a malformed list index \
                    (documented code, words not seen)",
        choice: "InvalidQueryParameter `The parameter <Name> is not recognized.` naming the \
                 parameter as sent, the first in request order; a list may be sent empty as \
                 `Destination.ToAddresses=` (a list name with an empty value); the signing \
                 parameters are every operation's; only SendEmail, SendTemplatedEmail and \
                 SendRawEmail have their parameters checked, other operations are accepted \
                 after the signature and account checks",
        effect: Effect::Advises,
    },
    Decision {
        id: "query-template-and-arn",
        situation: "Template with TemplateArn in a SendTemplatedEmail Query request",
        choice: "left to the request check, so the text and its place in the order are the \
                 request's (`template-and-arn`): after ValidationError",
        effect: Effect::Words,
    },
    Decision {
        id: "query-raw-message",
        situation: "SendRawEmail's parameters: RawMessage.Data absent, not base64, and the \
                    parameters the raw check has no place for",
        choice: "after the parameter names: not base64 (standard alphabet; CR, LF, space and \
                 tab skipped; padding optional): InvalidParameterValue `RawMessage.Data is not \
                 valid base64.`, before any member is validated (the request is read first); \
                 then, as for SendEmail, the shape (one ValidationError naming \
                 `rawMessage.data` when no RawMessage.Data is given — as query-errors.md has \
                 it — and each tag's absent name or value, in that order), the tags, \
                 ConfigurationSetName's syntax, then \
                 the raw check (its existence with the account among the raw check's account \
                 stages); the quota is taken for the message's recipients (Destinations, else \
                 To, Cc and Bcc); FromArn, SourceArn and ReturnPathArn are read but not checked",
        effect: Effect::Rejects(
            "RawMessage.Data is base64 on the Query API (https://docs.aws.amazon.com/ses/latest/APIReference/API_RawMessage.html)",
        ),
    },
    Decision {
        id: "v2-bad-json",
        situation: "a v2 SendEmail body that is not JSON, or not SendEmail's shape (an unknown \
                    member, a value of the wrong type); SES's answer was not observed",
        choice: "400 BadRequestException `The request body is not a valid SendEmail request: \
                 <what is wrong, with its line and column>.`",
        effect: Effect::Rejects(
            "documented: a body the REST-JSON protocol cannot deserialize is refused with 400 \
             (https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html); SES's answer \
             to an unknown member is not known",
        ),
    },
    Decision {
        id: "report-finding-cap",
        situation: "a report with very many findings (SES itself returns one error)",
        choice: "at most 1000 findings in every report; past them one `findings-truncated` \
                 advisory says the rest were not listed",
        effect: Effect::Words,
    },
    Decision {
        id: "serve-address-list",
        situation: "`ses-presend serve`'s `POST /validate/addresses` with a long list (a 1 MiB \
                    body holds some 350 000 entries, each with a report); SES itself takes at \
                    most 50 recipients in a request",
        choice: "at most 1000 addresses; a longer list gets the server's own 400 \
                 `{\"message\":\"/validate/addresses takes at most 1000 addresses, not <n>\"}` \
                 and none is checked",
        effect: Effect::Words,
    },
];

/// The address parser's messages (ses-behaviour.md §3), all seen verbatim. They carry no final
/// period, unlike SES's own texts.
pub(crate) mod address {
    pub const ILLEGAL_ADDRESS: &str = "Illegal address";
    pub const EMPTY_ADDRESS: &str = "Empty address";
    pub const ILLEGAL_ROUTE_ADDR: &str = "Illegal route-addr";
    pub const MISSING_CLOSE_PAREN: &str = "Missing ')'";
    pub const MISSING_OPEN_PAREN: &str = "Missing '('";
    pub const MISSING_QUOTE: &str = "Missing '\"'";
    pub const MISSING_OPEN_ANGLE: &str = "Missing '<'";
    pub const MISSING_CLOSE_ANGLE: &str = "Missing '>'";
    pub const MISSING_CLOSE_BRACKET: &str = "Missing ']'";
    pub const EXTRA_ROUTE_ADDR: &str = "Extra route-addr";
    pub const ILLEGAL_SEMICOLON: &str = "Illegal semicolon, not in group";
    pub const NESTED_GROUP: &str = "Nested group";
    pub const QUOTE_NOT_AT_START: &str = "Quote not at start of local address";
    pub const QUOTE_NOT_AT_END: &str = "Quote not at end of local address";
    pub const QUOTED_CR_WITHOUT_LF: &str = "Quoted local address contains CR without LF";
    pub const QUOTED_NEWLINE_WITHOUT_WSP: &str =
        "Quoted local address contains newline without whitespace";
    pub const UNTERMINATED_QUOTE: &str = "Unterminated quote";
    pub const MISSING_LOCAL_NAME: &str = "Missing local name";
    pub const LOCAL_CONTROL_OR_WHITESPACE: &str = "Local address contains control or whitespace";
    pub const LOCAL_ILLEGAL_CHARACTER: &str = "Local address contains illegal character";
    pub const MISSING_FINAL_DOMAIN: &str = "Missing final '@domain'";
    pub const MISSING_DOMAIN: &str = "Missing domain";
    pub const DOMAIN_STARTS_WITH_DOT: &str = "Domain starts with dot";
    pub const DOMAIN_CONTROL_OR_WHITESPACE: &str = "Domain contains control or whitespace";
    pub const DOMAIN_ILLEGAL_CHARACTER: &str = "Domain contains illegal character";
    pub const DOMAIN_DOT_DOT: &str = "Domain contains dot-dot";
    pub const DOMAIN_ENDS_WITH_DOT: &str = "Domain ends with dot";
    /// JavaMail 1.5.2 and later only; SES is taken to run an earlier release, so these two are
    /// named in the advisory `domain-literal-misplaced` (decided: `domain-literal-position`).
    pub const DOMAIN_LITERAL_NOT_AT_START: &str = "Domain literal not at start of domain";
    pub const DOMAIN_LITERAL_END_NOT_AT_END: &str = "Domain literal end not at end of domain";
    /// v2 SendEmail with an empty string in an address list (seen).
    pub const V2_EMPTY_ADDRESS: &str = "Invalid email address .";
}

/// Texts shared by the send checks of requests (§5) and raw messages (§6).
pub(crate) mod send {
    /// Seen.
    pub const RECIPIENT_COUNT_EXCEEDED: &str = "Recipient count exceeds 50.";

    /// Seen for v1 SendRawEmail (`Message length is more than 10485760 bytes long:
    /// '12078147'.`); the v2 limit and its use for built messages are decided
    /// (`raw-message-size`, `simple-message-size`).
    pub fn message_too_long(limit: u64, size: u64) -> String {
        format!("Message length is more than {limit} bytes long: '{size}'.")
    }

    /// Decided (ses-behaviour.md §6; `raw-blocked-attachment`, `v2-attachments`).
    pub fn attachment_type_not_supported(file_name: &str) -> String {
        format!("Attachment type not supported: {file_name}.")
    }
}

/// SES's texts for SendEmail, SendTemplatedEmail and v2 SendEmail requests
/// (ses-behaviour.md §5). Each says how sure it is; decided ones have a row in [`DECISIONS`].
///
/// [`DECISIONS`]: super::DECISIONS
pub(crate) mod request {
    /// Decided (`v2-raw-content`): v2 Raw content whose Data is not base64.
    pub const V2_RAW_NOT_BASE64: &str = "Content.Raw.Data is not valid base64.";

    pub use super::send::RECIPIENT_COUNT_EXCEEDED;
    /// Decided (`no-recipients`).
    pub const NO_RECIPIENTS: &str = "There are no recipients specified.";
    /// Seen.
    pub const TAG_NAME_EMPTY: &str = "The tag name must be specified.";
    /// Seen.
    pub const TAG_VALUE_EMPTY: &str = "The tag value must be specified.";
    /// Seen.
    pub const TAG_NAME_TOO_LONG: &str = "Tag name cannot exceed 255 characters.";
    /// Seen.
    pub const TAG_VALUE_TOO_LONG: &str = "Tag value cannot exceed 255 characters.";

    /// Seen, with the two spaces before `'-'` and the literal `<`, `>`.
    pub fn tag_name_invalid(name: &str) -> String {
        format!(
            "Invalid tag name <{name}>: only alphanumeric ASCII characters, '_',  '-' are allowed."
        )
    }

    /// Seen, with the two spaces before `'-'` and the space before `,`.
    pub fn tag_value_invalid(value: &str) -> String {
        format!(
            "Invalid tag value <{value}>: only alphanumeric ASCII characters, '_',  '-' , '.', \
             '@' are allowed."
        )
    }

    /// Decided (`configuration-set-name`).
    pub const CONFIGURATION_SET_NAME_TOO_LONG: &str =
        "Configuration set name cannot exceed 64 characters.";

    /// Decided (`configuration-set-name`).
    pub fn configuration_set_name_invalid(name: &str) -> String {
        format!(
            "Invalid configuration set name <{name}>: only alphanumeric ASCII characters, '_', \
             and '-' are allowed."
        )
    }

    /// Seen (`<`, `>` literal).
    pub fn configuration_set_does_not_exist(name: &str) -> String {
        format!("Configuration set <{name}> does not exist.")
    }

    /// Decided (`template-does-not-exist`).
    pub fn template_does_not_exist(name: &str) -> String {
        format!("Template <{name}> does not exist.")
    }

    /// Seen (query-errors.md): `1 validation error detected: Value null at 'source' failed to
    /// satisfy constraint: Member must not be null`, several joined by `; `.
    pub fn validation_error(paths: &[String]) -> String {
        let mut out = match paths.len() {
            1 => "1 validation error detected: ".to_string(),
            n => format!("{n} validation errors detected: "),
        };
        for (i, path) in paths.iter().enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            out.push_str("Value null at '");
            out.push_str(path);
            out.push_str("' failed to satisfy constraint: Member must not be null");
        }
        out
    }

    /// Decided (`template-and-arn`): the wording seen from another Query API.
    pub fn parameters_exclusive(a: &str, b: &str) -> String {
        format!("The parameters {a} and {b} are mutually exclusive and you have specified both.")
    }

    /// Decided (`v2-content-shape`).
    pub const CONTENT_SHAPE: &str = "Content must contain exactly one of Simple, Raw or Template.";
    /// Decided (`v2-content-shape`).
    pub const TEMPLATE_SHAPE: &str = "Template must name a template (TemplateName or \
                                      TemplateArn) or give its TemplateContent, not both.";
    /// Seen once as `{"message":null}`: no text, which the v2 body renders as `null`
    /// (`v2-missing-from`).
    pub const V2_FROM_MISSING: &str = "";
    /// Seen once: v2 Template content without FromEmailAddress.
    pub const SOURCE_CANNOT_BE_EMPTY: &str = "Source cannot be empty";
    /// Seen (`Unsupported charset 'string'.`, 2017); which names are known is decided
    /// (`request-charset`).
    pub fn unsupported_charset(name: &str) -> String {
        format!("Unsupported charset '{name}'.")
    }

    /// Decided (`v2-custom-headers`).
    pub const TOO_MANY_HEADERS: &str = "Custom header count exceeds 15.";

    /// Decided (`v2-custom-headers`).
    pub fn header_name_invalid(name: &str) -> String {
        format!(
            "Invalid header name <{name}>: a name is 1 to 126 printable ASCII characters other \
             than ':'."
        )
    }

    /// Decided (`v2-custom-headers`).
    pub fn header_value_invalid(name: &str) -> String {
        format!(
            "Invalid value for header <{name}>: a value is at most 995 printable ASCII \
             characters."
        )
    }

    /// Decided (`v2-custom-headers`).
    pub fn header_too_long(name: &str) -> String {
        format!(
            "Header <{name}> is too long: name and value together cannot exceed 996 characters."
        )
    }

    /// Decided (`v2-attachments`).
    pub const ATTACHMENT_FILE_NAME_TOO_LONG: &str =
        "Attachment file name cannot exceed 255 characters.";
    /// Decided (`v2-attachments`).
    pub const ATTACHMENT_CONTENT_TYPE: &str = "Attachment content type must be 1 to 78 characters.";
    /// Decided (`v2-attachments`).
    pub const ATTACHMENT_CONTENT_ID: &str = "Attachment content ID must be 1 to 78 characters.";

    pub use super::send::attachment_type_not_supported;

    /// Decided (`template-data-size`).
    pub const TEMPLATE_DATA_TOO_LONG: &str = "Template data cannot exceed 262144 characters.";

    pub use super::send::message_too_long;
}

/// SES's texts that depend on the account (ses-behaviour.md §7).
pub(crate) mod account {
    /// Seen: the start of the unverified-identity text.
    pub const NOT_VERIFIED_PREFIX: &str =
        "Email address is not verified. The following identities failed the check in region ";
    /// Seen.
    pub const SENDING_PAUSED: &str = "Sending paused for this account. For more information, \
                                      please check the inbox of the email address associated \
                                      with your AWS account.";
    /// Seen.
    pub const MAX_SEND_RATE_EXCEEDED: &str = "Maximum sending rate exceeded.";
    /// Seen (SMTP).
    pub const DAILY_QUOTA_EXCEEDED: &str = "Daily message quota exceeded.";
    /// Decided (`mail-from-not-verified`).
    pub const MAIL_FROM_NOT_VERIFIED: &str = "Mail FROM domain is not verified.";
    /// Decided (`sending-disabled`).
    pub const ACCOUNT_SENDING_DISABLED: &str = "Email sending is disabled for this account.";

    /// Decided (`sending-disabled`).
    pub fn configuration_set_sending_disabled(name: &str) -> String {
        format!("Email sending is disabled for configuration set <{name}>.")
    }
}

/// SES's texts for raw messages: SendRawEmail, v2 Raw content and SMTP DATA
/// (ses-behaviour.md §6). Each says how sure it is; decided ones have a `raw-…` row in
/// [`DECISIONS`].
///
/// [`DECISIONS`]: super::DECISIONS
pub(crate) mod raw {
    /// Seen: `Missing required header 'From'.`, `Missing required header 'To'.`.
    pub fn missing_header(name: &str) -> String {
        format!("Missing required header '{name}'.")
    }

    /// Seen for `To`; decided for `From` (`raw-required-headers`).
    pub fn empty_header(name: &str) -> String {
        format!("Empty required header '{name}'.")
    }

    /// Seen (`Duplicate header 'Subject'.`); the name as AWS spells it (`raw-duplicate-header`).
    pub fn duplicate_header(name: &str) -> String {
        format!("Duplicate header '{name}'.")
    }

    /// Seen.
    pub const EMPTY_HEADER_NAME: &str = "Empty header names are illegal.";

    /// Seen: the text before the first colon of a line that is not a header
    /// (`raw-header-lines`).
    pub fn illegal_header(text: &str) -> String {
        format!("Illegal header '{text}'.")
    }

    /// Seen; the limit is decided (`raw-header-section-limit`).
    pub const HEADER_SECTION_TOO_LONG: &str = "Header section too long.";

    pub use super::send::{attachment_type_not_supported, message_too_long};

    /// Doc: the SMTP interface's `552 Message is too long.` (`raw-message-size`).
    pub const SMTP_MESSAGE_TOO_LONG: &str = "Message is too long.";

    /// Doc: the whole SMTP reply line to a message over the size limit.
    pub const SMTP_TOO_LONG_REPLY: &str = "552 Message is too long.";

    /// Doc: the SMTP reply to a bad `MAIL FROM` (`smtp-envelope-replies`).
    pub fn smtp_bad_mail_from(address: &str) -> String {
        format!("553 {address} Invalid email address")
    }

    /// Doc: the SMTP reply to a bad `RCPT TO` (`smtp-envelope-replies`).
    pub fn smtp_bad_rcpt_to(address: &str) -> String {
        format!("553 {address} address unknown")
    }

    pub use super::send::RECIPIENT_COUNT_EXCEEDED;

    /// Seen: `Expected '/', got ;` (the token found, as it is; `raw-mime-syntax`).
    pub fn expected_slash(got: &str) -> String {
        format!("Expected '/', got {got}")
    }

    /// Decided (`raw-mime-syntax`): a Content-Type that does not start with a type.
    pub fn expected_type(got: &str) -> String {
        format!("Expected MIME type, got {got}")
    }

    /// Decided (`raw-mime-syntax`): no subtype after the `/`.
    pub fn expected_subtype(got: &str) -> String {
        format!("Expected MIME subtype, got {got}")
    }

    /// Seen: `Expected disposition, got =` (the token found, as it is).
    pub fn expected_disposition(got: &str) -> String {
        format!("Expected disposition, got {got}")
    }

    /// Seen: `Expected ';', got ":"` and `Expected ';', got "hello.txt"` (the token found, in
    /// double quotes; `raw-mime-syntax`).
    pub fn expected_semicolon(got: &str) -> String {
        format!("Expected ';', got {got}")
    }

    /// Decided (`raw-mime-syntax`): no parameter name after a `;`.
    pub fn expected_parameter_name(got: &str) -> String {
        format!("Expected parameter name, got {got}")
    }

    /// Decided (`raw-mime-syntax`): no `=` after a parameter name.
    pub fn expected_equals(got: &str) -> String {
        format!("Expected '=', got {got}")
    }

    /// Decided (`raw-mime-syntax`): no value after a parameter's `=`.
    pub fn expected_parameter_value(got: &str) -> String {
        format!("Expected parameter value, got {got}")
    }

    /// Decided (`raw-mime-syntax`): a comment left open in Content-Type or
    /// Content-Disposition.
    pub const UNBALANCED_COMMENT: &str = "Unbalanced comments";

    /// Decided (`raw-mime-syntax`): a quoted string left open in Content-Type or
    /// Content-Disposition.
    pub const UNBALANCED_QUOTE: &str = "Unbalanced quoted string";

    /// Seen (no final period).
    pub const MISSING_START_BOUNDARY: &str = "Missing start boundary";

    /// Seen: `Unsupported encoding cp-850.` (the charset as written; `raw-charset`).
    pub fn unsupported_encoding(charset: &str) -> String {
        format!("Unsupported encoding {charset}.")
    }
}

/// SES's texts for the Query API request itself (query-errors.md, ses-behaviour.md §8): the
/// query string, the operation, the signature, the account's credentials and the parameters.
/// Each says how sure it is; decided ones have a `query-…` row in [`DECISIONS`].
///
/// [`DECISIONS`]: super::DECISIONS
pub(crate) mod query {
    /// Decided (`query-malformed`; the code's condition is documented, its words not).
    pub const MALFORMED_QUERY_STRING: &str = "The query string is malformed.";
    /// Seen: SES answers a request with no Action with the bare `<UnknownOperationException/>`,
    /// which has no message.
    pub const UNKNOWN_OPERATION: &str = "";
    /// The bare body of UnknownOperationException (seen).
    pub const UNKNOWN_OPERATION_BODY: &str = "<UnknownOperationException/>";
    /// Decided (`query-missing-action`; documented code).
    pub const MISSING_ACTION: &str = "Missing Action";
    /// Decided (`query-missing-version`): what stands for an absent `Version`.
    pub const NO_VERSION: &str = "NO_VERSION_SPECIFIED";

    /// Seen: `Could not find operation SendEmai for version 2010-12-01`.
    pub fn invalid_action(action: &str, version: &str) -> String {
        format!("Could not find operation {action} for version {version}")
    }

    /// Seen elsewhere (STS); reported for SES.
    pub const MISSING_AUTHENTICATION_TOKEN: &str = "Request is missing Authentication Token";
    /// Seen (one sentence per missing part of the Authorization header).
    pub const REQUIRES_CREDENTIAL: &str = "Authorization header requires 'Credential' parameter.";
    /// Seen.
    pub const REQUIRES_SIGNATURE: &str = "Authorization header requires 'Signature' parameter.";
    /// Seen.
    pub const REQUIRES_SIGNED_HEADERS: &str =
        "Authorization header requires 'SignedHeaders' parameter.";
    /// Seen elsewhere.
    pub const REQUIRES_DATE: &str =
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";

    /// Seen: the sentences, then ` Authorization=<the header as sent>`.
    pub fn incomplete_authorization(sentences: &[&str], header: &str) -> String {
        let mut out = sentences.join(" ");
        out.push_str(" Authorization=");
        out.push_str(header);
        out
    }

    /// Seen elsewhere.
    pub fn missing_equal_sign(pair: &str, header: &str) -> String {
        format!(
            "'{pair}' not a valid key=value pair (missing equal-sign) in Authorization header: \
             '{header}'."
        )
    }

    /// Seen elsewhere (the start); the quoted value at the end is decided
    /// (`query-credential-scope`).
    pub fn credential_scope(value: &str) -> String {
        format!(
            "Credential must have exactly 5 slash-delimited elements, e.g. \
             keyid/date/region/service/term, got '{value}'"
        )
    }

    /// Decided (`query-signature-algorithm`).
    pub fn unsupported_algorithm(algorithm: &str) -> String {
        format!("Unsupported AWS 'algorithm': '{algorithm}'.")
    }

    /// Decided (`query-presigned`): the query-string parameters of a presigned request that
    /// are absent, each quoted, joined by `, `.
    pub fn presigned_missing(names: &[&str]) -> String {
        let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
        format!(
            "AWS query-string parameters must include {}. Re-examine the query-string parameters.",
            quoted.join(", ")
        )
    }

    /// Decided (`query-signature-date`).
    pub fn bad_date(value: &str) -> String {
        format!(
            "Date must be in ISO-8601 'basic format'. Got '{value}'. See \
             http://en.wikipedia.org/wiki/ISO_8601"
        )
    }

    /// Seen: `Signature expired: 20181107T003842Z is now earlier than 20181107T005054Z
    /// (20181107T005554Z - 5 min.)`.
    pub fn signature_expired(date: &str, earliest: &str, now: &str) -> String {
        format!("Signature expired: {date} is now earlier than {earliest} ({now} - 5 min.)")
    }

    /// Decided (`query-signature-window`): the mirror of [`signature_expired`].
    pub fn signature_not_yet_current(date: &str, latest: &str, now: &str) -> String {
        format!("Signature not yet current: {date} is still later than {latest} ({now} + 5 min.)")
    }

    /// Seen elsewhere; the 15-minute rule is documented.
    pub const REQUEST_EXPIRED: &str = "Request has expired.";
    /// Seen.
    pub const INVALID_CLIENT_TOKEN_ID: &str =
        "The security token included in the request is invalid.";
    /// Seen (some reports): the same without the final period.
    pub const INVALID_CLIENT_TOKEN_ID_NO_PERIOD: &str =
        "The security token included in the request is invalid";
    /// Seen elsewhere.
    pub const OPT_IN_REQUIRED: &str = "The AWS Access Key Id needs a subscription for the service";

    /// Seen elsewhere (SQS); where it applies is decided (`query-missing-parameter`).
    pub fn missing_parameter(name: &str) -> String {
        format!("The request must contain the parameter {name}.")
    }

    /// Decided (`query-unknown-parameter`; documented code).
    pub fn parameter_not_recognized(name: &str) -> String {
        format!("The parameter {name} is not recognized.")
    }

    pub use super::request::parameters_exclusive;

    /// Decided (`query-older-signing`).
    pub fn invalid_timestamp(name: &str, value: &str) -> String {
        format!("Invalid {name}: '{value}' is not an ISO 8601 date and time in UTC.")
    }

    /// Decided (`query-raw-message`).
    pub const RAW_MESSAGE_NOT_BASE64: &str = "RawMessage.Data is not valid base64.";
}

/// The texts of the v2 SendEmail endpoint (`ses-presend serve`) beyond the request's own.
#[cfg(feature = "serde")]
pub(crate) mod v2 {
    /// Seen (query-errors.md, v2 section): a v2 call with no credentials at all, as
    /// `MissingAuthenticationTokenException` 403.
    pub const MISSING_AUTHENTICATION_TOKEN: &str = "Missing Authentication Token";

    /// Decided (`v2-bad-json`): a body that is not a SendEmail request's JSON.
    pub fn bad_json(detail: &str) -> String {
        format!("The request body is not a valid SendEmail request: {detail}.")
    }
}
