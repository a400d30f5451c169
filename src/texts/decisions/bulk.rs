//! The decided rows of bulk sends (v1 SendBulkTemplatedEmail, v2 SendBulkEmail) and of
//! SendRawEmail request files.

use super::{Decision, Effect};

pub(super) const BULK: &[Decision] = &[
    Decision {
        id: "bulk-request-or-entry",
        situation: "a bulk send's failure: SES answers either the whole request with an error \
                    or each destination with a status (the API reference lists both the \
                    operation's errors and the statuses, and does not say which failure goes \
                    where)",
        choice: "the whole request: absent members, Template with TemplateArn, a v1 destination \
                 without ReplacementTemplateData, the v2 DefaultContent's form, the default \
                 tags, the configuration-set name, the sender, Reply-To and return-path \
                 addresses, more than 50 destinations, the default template data, headers and \
                 attachments, then the template's and configuration set's existence, the \
                 sender's identities, the account's and configuration set's sending state and \
                 MAIL FROM. One destination: its replacement tags, its addresses, its \
                 recipient count (none, or over 50), its replacement data's size and headers, \
                 in the sandbox its unverified recipients, and the quota. A destination's \
                 account checks run only when the request has no error",
        effect: Effect::Words,
    },
    Decision {
        id: "bulk-entry-status",
        situation: "the status of a destination SES refuses (BulkEmailStatus)",
        choice: "from the error's code: InvalidParameterValue → InvalidParameterValue (v2 \
                 INVALID_PARAMETER), MessageRejected → MessageRejected, Throttling → \
                 AccountThrottled, or AccountDailyQuotaExceeded for `Daily message quota \
                 exceeded.`; the entry's Error is the error's message; a successful entry gets \
                 a made-up MessageId",
        effect: Effect::Words,
    },
    Decision {
        id: "bulk-template-data-absent",
        situation: "a v1 bulk destination without ReplacementTemplateData",
        choice: "the whole request is refused: InvalidParameterValue `The template data is \
                 invalid` (the code is not seen)",
        effect: Effect::Rejects(
            "seen: https://github.com/boto/boto3/issues/1795 (2018) and \
             https://github.com/aws/aws-sdk-php/issues/1454 (2017): the send fails with these \
             words until `ReplacementTemplateData: \"{}\"` is added",
        ),
    },
    Decision {
        id: "bulk-destination-count",
        situation: "a bulk send with more than 50 destinations (v1 Destinations, v2 \
                    BulkEmailEntries)",
        choice: "the whole request: InvalidParameterValue `Destination count exceeds 50.`",
        effect: Effect::Rejects(
            "documented limit: \"You can specify up to 50 Destination objects\" \
             (https://docs.aws.amazon.com/ses/latest/APIReference/API_SendBulkTemplatedEmail.html); \
             the words are decided",
        ),
    },
    Decision {
        id: "bulk-default-content",
        situation: "a v2 bulk send whose DefaultContent has no Template",
        choice: "BadRequestException `DefaultContent must contain a Template.`",
        effect: Effect::Rejects(
            "documented: a template is BulkEmailContent's only content \
             (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_BulkEmailContent.html); \
             the words are decided",
        ),
    },
    Decision {
        id: "bulk-no-destinations",
        situation: "a bulk send with an empty list of destinations (present, but empty)",
        choice: "an advisory only: SES's answer is not known",
        effect: Effect::Advises,
    },
    Decision {
        id: "raw-request-data",
        situation: "RawMessage.Data in a SendRawEmail request file: the AWS CLI v2 reads a \
                    blob in --cli-input-json as base64, the AWS CLI v1 as the text itself",
        choice: "base64, as the AWS CLI v2 and the Query API carry it; `request \
                 --cli-binary-format raw-in-base64-out` reads it as the text itself, as the \
                 AWS CLI v1 does",
        effect: Effect::Words,
    },
];
