//! The decided rows of the Query API request itself (`query-…`).

use super::{Decision, Effect};

pub(super) const QUERY: &[Decision] = &[
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
                 checks of the request or raw message (docs/requests.md, docs/raw.md and docs/account.md)",
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
                 `rawMessage.data` when no RawMessage.Data is given — as docs/query.md has \
                 it — and each tag's absent name or value, in that order), the tags, \
                 ConfigurationSetName's syntax, then \
                 the raw check (its existence with the account among the raw check's account \
                 stages); the quota is taken for the message's recipients (Destinations, else \
                 To, Cc and Bcc); FromArn, SourceArn and ReturnPathArn are read but not checked",
        effect: Effect::Rejects(
            "RawMessage.Data is base64 on the Query API (https://docs.aws.amazon.com/ses/latest/APIReference/API_RawMessage.html)",
        ),
    },
];
