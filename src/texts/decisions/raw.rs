//! The decided rows of raw messages (`raw-…`, with v2 Raw content and SMTP DATA).

use super::{Decision, Effect};

pub(super) const RAW: &[Decision] = &[
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
                 entry gets the check of a Source entry (docs/addresses.md), in list order, \
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
];
