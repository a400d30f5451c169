//! The operations of the SES v1 Query API, version 2010-12-01 (the AWS SES API reference's
//! list of actions).

macro_rules! actions {
    ($($name:ident),* $(,)?) => {
        /// An operation of the SES v1 Query API (version 2010-12-01). Names are case-sensitive.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize))]
        pub enum Operation {
            $(
                #[doc = concat!("`Action=", stringify!($name), "`.")]
                $name,
            )*
        }

        impl Operation {
            /// Every operation, in the API reference's (alphabetical) order.
            pub const ALL: &'static [Operation] = &[$(Operation::$name),*];

            /// The operation's name, as the `Action` parameter spells it.
            ///
            /// ```
            /// use ses_presend::query::Operation;
            /// assert_eq!(Operation::SendRawEmail.name(), "SendRawEmail");
            /// ```
            pub fn name(&self) -> &'static str {
                match self {
                    $(Operation::$name => stringify!($name),)*
                }
            }
        }
    };
}

actions! {
    CloneReceiptRuleSet,
    CreateConfigurationSet,
    CreateConfigurationSetEventDestination,
    CreateConfigurationSetTrackingOptions,
    CreateCustomVerificationEmailTemplate,
    CreateReceiptFilter,
    CreateReceiptRule,
    CreateReceiptRuleSet,
    CreateTemplate,
    DeleteConfigurationSet,
    DeleteConfigurationSetEventDestination,
    DeleteConfigurationSetTrackingOptions,
    DeleteCustomVerificationEmailTemplate,
    DeleteIdentity,
    DeleteIdentityPolicy,
    DeleteReceiptFilter,
    DeleteReceiptRule,
    DeleteReceiptRuleSet,
    DeleteTemplate,
    DeleteVerifiedEmailAddress,
    DescribeActiveReceiptRuleSet,
    DescribeConfigurationSet,
    DescribeReceiptRule,
    DescribeReceiptRuleSet,
    GetAccountSendingEnabled,
    GetCustomVerificationEmailTemplate,
    GetIdentityDkimAttributes,
    GetIdentityMailFromDomainAttributes,
    GetIdentityNotificationAttributes,
    GetIdentityPolicies,
    GetIdentityVerificationAttributes,
    GetSendQuota,
    GetSendStatistics,
    GetTemplate,
    ListConfigurationSets,
    ListCustomVerificationEmailTemplates,
    ListIdentities,
    ListIdentityPolicies,
    ListReceiptFilters,
    ListReceiptRuleSets,
    ListTemplates,
    ListVerifiedEmailAddresses,
    PutConfigurationSetDeliveryOptions,
    PutIdentityPolicy,
    ReorderReceiptRuleSet,
    SendBounce,
    SendBulkTemplatedEmail,
    SendCustomVerificationEmail,
    SendEmail,
    SendRawEmail,
    SendTemplatedEmail,
    SetActiveReceiptRuleSet,
    SetIdentityDkimEnabled,
    SetIdentityFeedbackForwardingEnabled,
    SetIdentityHeadersInNotificationsEnabled,
    SetIdentityMailFromDomain,
    SetIdentityNotificationTopic,
    SetReceiptRulePosition,
    TestRenderTemplate,
    UpdateAccountSendingEnabled,
    UpdateConfigurationSetEventDestination,
    UpdateConfigurationSetReputationMetricsEnabled,
    UpdateConfigurationSetSendingEnabled,
    UpdateConfigurationSetTrackingOptions,
    UpdateCustomVerificationEmailTemplate,
    UpdateReceiptRule,
    UpdateTemplate,
    VerifyDomainDkim,
    VerifyDomainIdentity,
    VerifyEmailAddress,
    VerifyEmailIdentity,
}

impl Operation {
    /// The operation named `name` exactly (case-sensitive), if SES v1 has one.
    ///
    /// ```
    /// use ses_presend::query::Operation;
    /// assert_eq!(Operation::from_name("SendEmail"), Some(Operation::SendEmail));
    /// assert_eq!(Operation::from_name("sendemail"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Operation> {
        // The list is sorted, so a binary search finds a name in a few comparisons.
        Operation::ALL
            .binary_search_by(|a| a.name().cmp(name))
            .ok()
            .map(|i| Operation::ALL[i])
    }

    /// Whether a successful answer carries a `MessageId` (the operations that send a message).
    ///
    /// ```
    /// use ses_presend::query::Operation;
    /// assert!(Operation::SendBounce.returns_message_id());
    /// assert!(!Operation::GetSendQuota.returns_message_id());
    /// ```
    pub fn returns_message_id(&self) -> bool {
        matches!(
            self,
            Operation::SendEmail
                | Operation::SendRawEmail
                | Operation::SendTemplatedEmail
                | Operation::SendBounce
                | Operation::SendCustomVerificationEmail
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Operation;

    #[test]
    fn seventy_one_sorted_operations() {
        assert_eq!(Operation::ALL.len(), 71);
        assert!(Operation::ALL.windows(2).all(|w| w[0].name() < w[1].name()));
        for &a in Operation::ALL {
            assert_eq!(Operation::from_name(a.name()), Some(a));
        }
    }
}
