//! The decided rows of the SMTP interface (`ses_presend::smtp`, docs/smtp.md).

use super::{Decision, Effect};

/// The SMTP session's rows.
pub(super) const SMTP: &[Decision] = &[
    Decision {
        id: "smtp-ehlo",
        situation: "SES's EHLO reply lists `SIZE 10485760` up to 2020 and not since 2023, and \
                    `STARTTLS` after TLS in some sessions and not in the newest (2026)",
        choice: "the newest form: `250-email-smtp.amazonaws.com`, `250-8BITMIME`, \
                 `250-STARTTLS` (before TLS on a STARTTLS port only), `250-AUTH PLAIN LOGIN`, \
                 `250 Ok`; no SIZE (the size is checked at the end of DATA); the greeting's two \
                 tokens are random, in the shape `d-XXXXXXXXX` and 20 characters",
        effect: Effect::Words,
    },
    Decision {
        id: "smtp-envelope-syntax",
        situation: "`501 Invalid MAIL FROM address provided` is seen for `MAIL FROM:<>` and \
                    `501 Invalid RCPT TO address provided` for `RCPT TO:<\"re>ceiver\"@…>`, \
                    while 17 other odd recipients passed RCPT; the exact rule is not known, and \
                    the documented `553` replies were never seen",
        choice: "the 501 replies only for an argument that cannot be read as a path: no \
                 `FROM:`/`TO:`, an empty address, a `<` without `>`, text right after the first \
                 `>`, a `>` in a bare address; angle brackets are optional and parameters after \
                 a space are ignored (SIZE= too); every other address gets `250 Ok` and is \
                 checked at the end of DATA as the message's Source or Destination, answered \
                 `554 Transaction failed: …`",
        effect: Effect::Rejects(
            "seen: https://github.com/sugaya0204/blog/blob/Public/AWS/summary-of-SES-relay-for-non-RFC-compliant-email-addresses/assets/Response-log.md (2020-08) for `>` in a quoted local part; the null sender's 501 in a mailer's change log",
        ),
    },
    Decision {
        id: "smtp-rcpt-quoted",
        situation: "a recipient whose quoted local part holds `:` or `@` passed RCPT and was \
                    refused at the end of DATA with `Address contains illegal characters in \
                    user name: '<…>'.`; quoted local parts with `(`, `)`, `[`, `]`, `<`, `;`, \
                    `,`, `\\`, dots, quotes or spaces were sent",
        choice: "exactly the two seen characters in a quoted local part of a RCPT TO address \
                 are refused, at the end of DATA after the size and before the message's \
                 checks, with the address in angle brackets",
        effect: Effect::Rejects(
            "seen: https://github.com/sugaya0204/blog/blob/Public/AWS/summary-of-SES-relay-for-non-RFC-compliant-email-addresses/assets/Response-log.md (2020-08)",
        ),
    },
    Decision {
        id: "smtp-protocol",
        situation: "commands and orders no SES session shows: HELO, NOOP, VRFY, HELP and \
                    unknown commands, RCPT before MAIL, DATA before RCPT, a second MAIL, AUTH \
                    once authenticated, an unknown AUTH mechanism, STARTTLS under TLS, EHLO \
                    or HELO without a name, AUTH PLAIN without an initial response",
        choice: "the words of the SMTP server SES's replies resemble, without enhanced status \
                 codes as SES writes its own: `250 email-smtp.amazonaws.com` (HELO), `250 Ok` \
                 (NOOP), `502 VRFY command is disabled`, `500 Error: command not implemented`, \
                 `503 Error: need MAIL command`, `503 Error: need RCPT command`, `503 Sender \
                 already specified.`, `503 Already authenticated`, `504 Unrecognized \
                 authentication type`, `454 TLS not available due to temporary reason: TLS \
                 already active`, `501 Syntax: EHLO hostname`; `334 Ok` asks for AUTH PLAIN's \
                 response (seen once); MAIL, RCPT and DATA before AUTH get `530 Authentication \
                 required`; an AUTH response that is not base64 fails as wrong credentials; \
                 after STARTTLS the session starts over (RFC 3207)",
        effect: Effect::Words,
    },
    Decision {
        id: "smtp-bounds",
        situation: "SES closes an idle connection after about 10 seconds and a long session \
                    with `421 … Maximum message count per session reached.`; its other limits \
                    (line length, commands, recipients per message) are not published",
        choice: "command lines up to 2048 bytes (`500 Line too long`), 1000 messages per \
                 session (the seen 421), 20 000 commands per session (`421 Connection closed \
                 by server. Maximum command count per session reached.`), 1000 RCPT per \
                 message (`452 Too many recipients`; SES refuses more than 50 recipients at the \
                 end of DATA anyway); `serve` closes an idle connection with the seen `451 \
                 4.4.2 Timeout waiting for data from client.` and refuses connections past its \
                 limit with the documented `421 Too many concurrent SMTP connections`",
        effect: Effect::Words,
    },
    Decision {
        id: "smtp-auth",
        situation: "SES checks SMTP credentials against IAM; a dry run has no IAM",
        choice: "`--smtp-auth any` (the default) takes any user name and password; `account` \
                 takes only the account file's SMTP users, with the password SES derives \
                 (version 4) from the secret key for the account's region (`us-east-1` when it \
                 names none); older version 2 passwords are refused",
        effect: Effect::Words,
    },
];
