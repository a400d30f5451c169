//! The decided rows of addresses, error codes, requests and the account.

use super::{Decision, Effect};

pub(super) const SEND: &[Decision] = &[
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
                    MissingAuthenticationToken's v2 name was seen (docs/query.md#v2)",
        choice: "v2 uses the v1 name and HTTP status unchanged; MissingAuthenticationToken is \
                 `MissingAuthenticationTokenException` 403 on v2, as seen",
        effect: Effect::Words,
    },
    Decision {
        id: "xml-apostrophe",
        situation: "`'` in a v1 XML error message: bodies of 2011 and 2019 show it as written, \
                    one 2026 source as `&apos;` (docs/query.md)",
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
                 characters.`, and for a blocked extension (docs/raw.md) `Attachment type \
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
        choice: "TemplateDoesNotExist with the words seen for a v1 send, `Template NAME does \
                 not exist` (https://github.com/Enase/serverless-ses-template/issues/5, \
                 2018-12-29; no angle brackets, no period, unlike the configuration set's \
                 text); on v2 NotFoundException with the same words",
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
];
