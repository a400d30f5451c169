//! Why a finding was raised: [`Reason`], and the problem kinds of each input (a send request,
//! a raw message, a Query API request), each with its stable machine-readable name.

use crate::intl::domain::IdnaProblem;
use crate::intl::encoded_word::EncodedWordProblem;
use std::fmt;

/// Why a finding was raised. [`Reason::as_str`] is the stable machine-readable name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reason {
    /// SES rejects the address's syntax (the error says how).
    AddressSyntax,
    /// SES rejects a domain with non-ASCII characters: use its Punycode form.
    NonAsciiDomain,
    /// SES rejects a non-ASCII local part.
    NonAsciiLocalPart,
    /// A non-ASCII local part cannot be fixed (Punycode is not allowed there).
    LocalPartUnfixable,
    /// The domain is not a valid (internationalized) domain name.
    Idna(IdnaProblem),
    /// A local part that looks like Punycode, which is not allowed there.
    LocalPartPunycode,
    /// A local part starting with `.`.
    LocalPartLeadingDot,
    /// A local part ending with `.`.
    LocalPartTrailingDot,
    /// A local part with `..`.
    LocalPartConsecutiveDots,
    /// A local part over 64 octets.
    LocalPartTooLong,
    /// An address over 254 octets.
    AddressTooLong,
    /// A domain literal (`[...]`) that is not the whole domain: SES's parser accepts it, later
    /// parsers reject it, and no server delivers to it.
    DomainLiteralMisplaced,
    /// A friendly name with raw non-ASCII characters, which SES mangles.
    NameRawNonAscii,
    /// A friendly name that looks like Punycode, which is not allowed there.
    NamePunycode,
    /// A malformed or misplaced encoded-word.
    EncodedWord(EncodedWordProblem),
    /// A problem of a send request beyond its addresses (tags, recipients, content, account).
    Request(RequestProblem),
    /// A problem of a raw message beyond its addresses (headers, size, MIME, attachments).
    Raw(RawProblem),
    /// A problem of a Query API request itself (decoding, operation, signature, parameters).
    Query(QueryProblem),
    /// More findings than a report keeps ([`super::MAX_FINDINGS`] errors and as many
    /// advisories): how many more were dropped.
    FindingsTruncated,
    /// A special-use or reserved domain (`localhost`, `.test`, `.invalid`, …) that cannot
    /// receive mail (docs/deliverability.md).
    SpecialUseDomain,
    /// DNS says the domain does not exist (NXDOMAIN).
    DomainDoesNotExist,
    /// The domain publishes a null MX (RFC 7505): it takes no mail.
    DomainAcceptsNoMail,
    /// The domain has neither MX nor address records.
    NoMailServer,
    /// DNS did not answer whether the domain takes mail (a timeout, a server failure).
    DnsLookupFailed,
}

impl Reason {
    /// The stable machine-readable name, such as `invalid-punycode-label`.
    ///
    /// ```
    /// use ses_presend::Reason;
    /// assert_eq!(Reason::NameRawNonAscii.as_str(), "name-raw-non-ascii");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::AddressSyntax => "address-syntax",
            Reason::NonAsciiDomain => "non-ascii-domain",
            Reason::NonAsciiLocalPart => "non-ascii-local-part",
            Reason::LocalPartUnfixable => "local-part-cannot-be-fixed",
            Reason::Idna(p) => p.reason(),
            Reason::LocalPartPunycode => "local-part-punycode",
            Reason::LocalPartLeadingDot => "local-part-leading-dot",
            Reason::LocalPartTrailingDot => "local-part-trailing-dot",
            Reason::LocalPartConsecutiveDots => "local-part-consecutive-dots",
            Reason::LocalPartTooLong => "local-part-too-long",
            Reason::AddressTooLong => "address-too-long",
            Reason::DomainLiteralMisplaced => "domain-literal-misplaced",
            Reason::NameRawNonAscii => "name-raw-non-ascii",
            Reason::NamePunycode => "name-looks-like-punycode",
            Reason::EncodedWord(p) => match p {
                EncodedWordProblem::Grammar => "encoded-word-grammar",
                EncodedWordProblem::TooLong => "encoded-word-too-long",
                EncodedWordProblem::WhiteSpace => "encoded-word-white-space",
                EncodedWordProblem::BadBase64 => "encoded-word-bad-base64",
                EncodedWordProblem::BadQ => "encoded-word-bad-q",
                EncodedWordProblem::UnknownCharset => "encoded-word-unknown-charset",
                EncodedWordProblem::InvalidBytes => "encoded-word-invalid-bytes",
                EncodedWordProblem::InQuotedString => "encoded-word-in-quoted-string",
                EncodedWordProblem::NotSeparated => "encoded-word-not-separated",
                EncodedWordProblem::InAddress => "encoded-word-in-address",
            },
            Reason::Request(p) => p.as_str(),
            Reason::Raw(p) => p.as_str(),
            Reason::Query(p) => p.as_str(),
            Reason::FindingsTruncated => "findings-truncated",
            Reason::SpecialUseDomain => "special-use-domain",
            Reason::DomainDoesNotExist => "domain-does-not-exist",
            Reason::DomainAcceptsNoMail => "domain-accepts-no-mail",
            Reason::NoMailServer => "no-mail-server",
            Reason::DnsLookupFailed => "dns-lookup-failed",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Why a request finding was raised. [`RequestProblem::as_str`] is the stable name, also given
/// by [`super::Reason::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RequestProblem {
    /// A required member is absent (`ValidationError`).
    MissingMember,
    /// Members that exclude each other were given together.
    ExclusiveMembers,
    /// v2 Content or Template does not have exactly one form.
    ContentShape,
    /// v2 Simple or Template content without `FromEmailAddress`.
    MissingFrom,
    /// A tag name that is empty, too long or has other characters.
    TagName,
    /// A tag value that is empty, too long or has other characters.
    TagValue,
    /// A configuration-set name that is too long or has other characters.
    ConfigurationSetName,
    /// No recipients at all.
    NoRecipients,
    /// More than 50 recipients.
    TooManyRecipients,
    /// A subject with non-ASCII characters and no Charset (an advisory: SES accepts it).
    SubjectNotAscii,
    /// A Charset SES cannot encode in.
    UnsupportedCharset,
    /// More than 15 v2 custom headers.
    TooManyHeaders,
    /// A v2 custom header name that is empty, too long or has other characters.
    HeaderName,
    /// A v2 custom header value that is too long or not printable ASCII.
    HeaderValue,
    /// A v2 custom header whose name and value together are too long.
    HeaderTooLong,
    /// A v2 attachment file name over 255 characters.
    AttachmentFileName,
    /// A v2 attachment with a blocked file extension.
    BlockedAttachment,
    /// A v2 attachment content type not 1 to 78 characters.
    AttachmentContentType,
    /// A v2 attachment content ID not 1 to 78 characters.
    AttachmentContentId,
    /// Template data over 262144 characters.
    TemplateDataTooLong,
    /// A message over SES's size limit.
    MessageTooLong,
    /// A body with neither text nor HTML (an advisory).
    EmptyBody,
    /// The configuration set does not exist in the account.
    ConfigurationSetDoesNotExist,
    /// The template does not exist in the account.
    TemplateDoesNotExist,
    /// An identity the send needs is not verified.
    IdentityNotVerified,
    /// AWS paused the account's sending.
    AccountPaused,
    /// Sending is disabled for the account.
    AccountSendingDisabled,
    /// Sending is disabled for the configuration set.
    ConfigurationSetSendingDisabled,
    /// The sender's MAIL FROM domain is not verified and set to reject.
    MailFromNotVerified,
    /// The account's maximum sending rate would be exceeded.
    SendingRateExceeded,
    /// The account's 24-hour quota would be exceeded.
    DailyQuotaExceeded,
    /// v2 Raw content whose Data is not base64.
    RawMessageNotBase64,
    /// v2 Raw content whose message SES rejects (the raw check's error).
    RawMessage,
    /// A bulk send with more than 50 destinations.
    TooManyDestinations,
    /// A bulk send with an empty list of destinations (an advisory).
    NoDestinations,
    /// A v1 bulk destination without `ReplacementTemplateData`.
    ReplacementDataAbsent,
    /// A v2 bulk send whose `DefaultContent` has no `Template`.
    BulkContent,
    /// SES accepts the templated send but cannot render it: the message is dropped and only a
    /// Rendering Failure event says so.
    RenderingFailure,
    /// A template that is not rendered here (its syntax, or a bound): an advisory.
    TemplateNotRenderable,
    /// `TemplateData` that is not a JSON object.
    TemplateDataNotJson,
    /// A v2 inline template with more than simple substitution (`Template contains unsupported
    /// operations.`).
    InlineTemplateUnsupported,
    /// A v2 inline template tag whose SES answer is not known (an advisory).
    InlineTemplateForm,
    /// More findings than a report keeps ([`super::MAX_FINDINGS`] errors and as many
    /// advisories): how many more were dropped.
    FindingsTruncated,
}

impl RequestProblem {
    /// The stable machine-readable name, such as `too-many-recipients`.
    ///
    /// ```
    /// assert_eq!(ses_presend::request::RequestProblem::TooManyRecipients.as_str(), "too-many-recipients");
    /// ```
    pub fn as_str(self) -> &'static str {
        use RequestProblem::*;
        match self {
            MissingMember => "missing-member",
            ExclusiveMembers => "exclusive-members",
            ContentShape => "content-shape",
            MissingFrom => "missing-from",
            TagName => "tag-name",
            TagValue => "tag-value",
            ConfigurationSetName => "configuration-set-name",
            NoRecipients => "no-recipients",
            TooManyRecipients => "too-many-recipients",
            SubjectNotAscii => "subject-without-charset",
            UnsupportedCharset => "unsupported-charset",
            TooManyHeaders => "too-many-headers",
            HeaderName => "header-name",
            HeaderValue => "header-value",
            HeaderTooLong => "header-too-long",
            AttachmentFileName => "attachment-file-name",
            BlockedAttachment => "blocked-attachment-type",
            AttachmentContentType => "attachment-content-type",
            AttachmentContentId => "attachment-content-id",
            TemplateDataTooLong => "template-data-too-long",
            MessageTooLong => "message-too-long",
            EmptyBody => "empty-body",
            ConfigurationSetDoesNotExist => "configuration-set-does-not-exist",
            TemplateDoesNotExist => "template-does-not-exist",
            IdentityNotVerified => "identity-not-verified",
            AccountPaused => "account-sending-paused",
            AccountSendingDisabled => "account-sending-disabled",
            ConfigurationSetSendingDisabled => "configuration-set-sending-disabled",
            MailFromNotVerified => "mail-from-domain-not-verified",
            SendingRateExceeded => "sending-rate-exceeded",
            DailyQuotaExceeded => "daily-quota-exceeded",
            RawMessageNotBase64 => "raw-message-not-base64",
            RawMessage => "raw-message",
            TooManyDestinations => "too-many-destinations",
            NoDestinations => "no-destinations",
            ReplacementDataAbsent => "replacement-template-data-absent",
            BulkContent => "bulk-content",
            RenderingFailure => "rendering-failure",
            TemplateNotRenderable => "template-not-renderable",
            TemplateDataNotJson => "template-data-not-json",
            InlineTemplateUnsupported => "inline-template-unsupported",
            InlineTemplateForm => "inline-template-form",
            FindingsTruncated => "findings-truncated",
        }
    }
}

/// Why a raw-message finding was raised. [`RawProblem::as_str`] is the stable name, also given
/// by [`Reason::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RawProblem {
    /// The message is over the interface's size limit.
    MessageTooLong,
    /// The header section is over 256 KiB.
    HeaderSectionTooLong,
    /// A header line with an empty name (or a bare CR, or a continuation with nothing above).
    EmptyHeaderName,
    /// A line of the header section that is not a header field.
    IllegalHeader,
    /// A singleton header given twice.
    DuplicateHeader,
    /// No `From` (without Source) or no `To` (without Destinations).
    MissingHeader,
    /// A `From` or `To` header with no address.
    EmptyHeader,
    /// More than 50 recipients.
    TooManyRecipients,
    /// A Content-Type SES cannot read.
    ContentTypeSyntax,
    /// A Content-Disposition SES cannot read.
    ContentDispositionSyntax,
    /// A multipart body without its first boundary line (or without a boundary parameter).
    MissingStartBoundary,
    /// A text part in a charset SES cannot decode.
    UnsupportedCharset,
    /// An attachment with a blocked file extension.
    BlockedAttachment,
    /// Advisory: a header with bytes over 0x7F.
    EightBitHeader,
    /// Advisory: lines over 1000 octets with their CRLF.
    LineTooLong,
    /// Advisory: a multipart body without its close delimiter.
    MissingEndBoundary,
    /// Advisory: parts nested deeper than [`MAX_MIME_DEPTH`](crate::limits::MAX_MIME_DEPTH), not checked.
    TooDeep,
    /// Advisory: a multipart or message part with a transfer encoding, not checked inside.
    EncodedContainer,
    /// Advisory: the report hit its bound on findings.
    FindingsTruncated,
}

impl RawProblem {
    /// The stable machine-readable name, such as `duplicate-header`.
    ///
    /// ```
    /// assert_eq!(ses_presend::raw::RawProblem::DuplicateHeader.as_str(), "duplicate-header");
    /// ```
    pub fn as_str(self) -> &'static str {
        use RawProblem::*;
        match self {
            MessageTooLong => "message-too-long",
            HeaderSectionTooLong => "header-section-too-long",
            EmptyHeaderName => "empty-header-name",
            IllegalHeader => "illegal-header",
            DuplicateHeader => "duplicate-header",
            MissingHeader => "missing-required-header",
            EmptyHeader => "empty-required-header",
            TooManyRecipients => "too-many-recipients",
            ContentTypeSyntax => "content-type-syntax",
            ContentDispositionSyntax => "content-disposition-syntax",
            MissingStartBoundary => "missing-start-boundary",
            UnsupportedCharset => "unsupported-charset",
            BlockedAttachment => "blocked-attachment-type",
            EightBitHeader => "header-8bit",
            LineTooLong => "line-too-long",
            MissingEndBoundary => "missing-end-boundary",
            TooDeep => "mime-too-deep",
            EncodedContainer => "encoded-container",
            FindingsTruncated => "findings-truncated",
        }
    }
}

/// Why a Query finding was raised. [`QueryProblem::as_str`] is the stable name, also given by
/// [`super::Reason::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QueryProblem {
    /// The query string or form body cannot be decoded, or has too many parameters.
    MalformedQuery,
    /// No `Action` parameter at all.
    UnknownOperation,
    /// `Action` is empty.
    MissingAction,
    /// An unknown operation, or a `Version` other than 2010-12-01.
    InvalidAction,
    /// No signature material.
    MissingAuthentication,
    /// Signature material with parts missing or malformed.
    IncompleteSignature,
    /// A SigV4 date more than 5 minutes from the clock.
    SignatureDate,
    /// The older signing's Timestamp or Expires outside its window.
    RequestExpired,
    /// The older signing's Timestamp or Expires cannot be read.
    SigningDate,
    /// A parameter of the older signing is absent.
    MissingParameter,
    /// Parameters that exclude each other.
    ExclusiveParameters,
    /// A parameter the operation does not have, or a malformed list index.
    UnknownParameter,
    /// The access key is not the account's.
    UnknownAccessKey,
    /// The account has no subscription to SES.
    NotSubscribed,
    /// `RawMessage.Data` is not base64.
    RawMessageNotBase64,
    /// The raw message is rejected (the finding of [`check_raw`](crate::check_raw)).
    RawMessage,
    /// Advisory: the report hit its bound on findings.
    FindingsTruncated,
}

impl QueryProblem {
    /// The stable machine-readable name, such as `unknown-parameter`.
    ///
    /// ```
    /// use ses_presend::query::QueryProblem;
    /// assert_eq!(QueryProblem::UnknownParameter.as_str(), "unknown-parameter");
    /// ```
    pub fn as_str(self) -> &'static str {
        use QueryProblem::*;
        match self {
            MalformedQuery => "malformed-query-string",
            UnknownOperation => "unknown-operation",
            MissingAction => "missing-action",
            InvalidAction => "invalid-action",
            MissingAuthentication => "missing-authentication",
            IncompleteSignature => "incomplete-signature",
            SignatureDate => "signature-date-out-of-window",
            RequestExpired => "request-expired",
            SigningDate => "signing-date-unreadable",
            MissingParameter => "missing-parameter",
            ExclusiveParameters => "exclusive-parameters",
            UnknownParameter => "unknown-parameter",
            UnknownAccessKey => "unknown-access-key",
            NotSubscribed => "not-subscribed",
            RawMessageNotBase64 => "raw-message-not-base64",
            RawMessage => "raw-message",
            FindingsTruncated => "findings-truncated",
        }
    }
}
