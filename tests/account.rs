//! The account context: built in code, read from TOML (errors point at the line), and the
//! rules for verified identities and MAIL FROM domains (docs/account.md).

use ses_presend::account::{
    AccountMode, AccountSending, DailyLimit, MailFromDomain, MailFromStatus, MxFailureBehavior,
    SendLimits,
};
use ses_presend::Account;

#[test]
fn nothing_known_by_default() {
    let a = Account::default();
    assert_eq!(a.region(), None);
    assert_eq!(a.mode(), None);
    assert_eq!(a.verified_identities(), None);
    assert_eq!(a.sending(), None);
    assert_eq!(a.limits(), None);
    assert_eq!(a.has_configuration_set("x"), None);
    assert_eq!(a.has_template("x"), None);
    assert!(!a.is_verified("a@example.com"));
}

#[test]
fn verification_rules() {
    let a = Account::new().with_verified_identities([
        "example.com",
        "Ops@Example.ORG",
        " spaced.example ",
        "trailing.example.",
    ]);
    let cases = [
        ("a@example.com", true),
        ("A@EXAMPLE.COM", true),
        ("Bob <bob@deep.sub.example.com>", true),
        ("a@notexample.com", false),
        ("a@example.com.evil", false),
        ("Ops@example.org", true),
        ("ops@example.org", false),
        ("other@example.org", false),
        ("x@spaced.example", true),
        ("x@trailing.example", true),
        ("team: a@example.com, b@example.com;", true),
        ("team: a@example.com, b@example.net;", false),
        ("not an address", false),
    ];
    for (address, verified) in cases {
        assert_eq!(a.is_verified(address), verified, "{address}");
    }
    assert_eq!(
        a.verified_identities().unwrap(),
        [
            "example.com",
            "Ops@Example.ORG",
            " spaced.example ",
            "trailing.example."
        ]
    );
}

#[test]
fn mail_from_lookup() {
    let setting = |identity: &str, status| MailFromDomain {
        identity: identity.into(),
        domain: format!("bounce.{identity}"),
        status,
        on_mx_failure: MxFailureBehavior::RejectMessage,
    };
    let a = Account::new()
        .with_mail_from(setting("example.com", MailFromStatus::Failed))
        .with_mail_from(setting("ops@example.com", MailFromStatus::Success));
    assert!(!a.mail_from_for("ops@example.com").unwrap().rejects());
    assert!(a
        .mail_from_for("OPS <sales@Example.COM>")
        .unwrap()
        .rejects());
    assert!(a.mail_from_for("x@sub.example.com").unwrap().rejects());
    assert!(a.mail_from_for("x@example.net").is_none());
    let pending = MailFromDomain {
        status: MailFromStatus::Pending,
        ..setting("example.com", MailFromStatus::Pending)
    };
    assert!(pending.rejects());
    let fallback = MailFromDomain {
        on_mx_failure: MxFailureBehavior::UseDefaultValue,
        ..setting("example.com", MailFromStatus::Failed)
    };
    assert!(!fallback.rejects());
}

#[test]
fn sandbox_limits_by_default() {
    let sandbox = Account::new().with_mode(AccountMode::Sandbox);
    assert_eq!(sandbox.limits(), Some(SendLimits::SANDBOX));
    let production = Account::new().with_mode(AccountMode::Production);
    assert_eq!(production.limits(), None);
    let given = SendLimits {
        max_send_rate: 14.0,
        max_24_hour_send: DailyLimit::Unlimited,
        sent_last_24_hours: 3,
    };
    assert_eq!(sandbox.with_limits(given).limits(), Some(given));
}

#[cfg(feature = "serde")]
mod toml_file {
    use super::*;
    use std::path::Path;

    /// The example file ships every key.
    #[test]
    fn example_file() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/account.toml");
        let a = Account::from_toml(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(a.region(), Some("us-east-1"));
        assert_eq!(a.mode(), Some(AccountMode::Sandbox));
        assert_eq!(
            a.verified_identities().unwrap(),
            ["example.com", "ops@example.org"]
        );
        assert_eq!(a.has_configuration_set("marketing"), Some(true));
        assert_eq!(a.has_template("welcome"), Some(true));
        assert_eq!(a.sending(), Some(AccountSending::Enabled));
        assert_eq!(
            a.limits(),
            Some(SendLimits {
                max_send_rate: 1.0,
                max_24_hour_send: DailyLimit::Recipients(200),
                sent_last_24_hours: 0,
            })
        );
        let m = a.mail_from_for("ops@example.com").unwrap();
        assert_eq!(m.domain, "bounce.example.com");
        assert_eq!(m.status, MailFromStatus::Success);
    }

    #[test]
    fn the_issue_keys() {
        let a = Account::from_toml(
            r#"region = "us-east-1"
sandbox = true
verified_identities = ["example.com", "ops@example.org"]
configuration_sets = ["marketing"]
sending_paused = false
"#,
        )
        .unwrap();
        assert!(a.is_verified("ops@example.org"));
        assert_eq!(a.sending(), Some(AccountSending::Enabled));
    }

    #[test]
    fn sending_states() {
        let state = |text: &str| Account::from_toml(text).unwrap().sending();
        assert_eq!(state(""), None);
        assert_eq!(
            state("sending_paused = true"),
            Some(AccountSending::PausedByAws)
        );
        assert_eq!(
            state("sending_enabled = false"),
            Some(AccountSending::Disabled)
        );
        assert_eq!(
            state("sending_enabled = true"),
            Some(AccountSending::Enabled)
        );
        assert_eq!(
            state("sending_paused = true\nsending_enabled = false"),
            Some(AccountSending::PausedByAws)
        );
        let a = Account::from_toml("disabled_configuration_sets = [\"old\"]").unwrap();
        assert!(a.configuration_set_disabled("old"));
        let a = Account::from_toml("sandbox = false").unwrap();
        assert_eq!(a.mode(), Some(AccountMode::Production));
    }

    #[test]
    fn quota_values() {
        let limits = |text: &str| Account::from_toml(text).unwrap().limits().unwrap();
        let l = limits("[quota]\nmax_send_rate = 14.5\nmax_24_hour_send = -1\n");
        assert_eq!(l.max_send_rate, 14.5);
        assert_eq!(l.max_24_hour_send, DailyLimit::Unlimited);
        assert_eq!(l.sent_last_24_hours, 0);
        let l = limits(
            "[quota]\nmax_send_rate = 1\nmax_24_hour_send = 50000.0\nsent_last_24_hours = 12\n",
        );
        assert_eq!(l.max_24_hour_send, DailyLimit::Recipients(50_000));
        assert_eq!(l.sent_last_24_hours, 12);
    }

    /// Every error names its line (and column), and what is wrong.
    #[test]
    fn errors_point_at_the_line() {
        let cases: &[(&str, usize, usize, &str)] = &[
            ("region = \"us-east-1\"\nsandbx = true\n", 2, 1, "unknown field `sandbx`"),
            ("region = \"us-east-1\"\n\nsandbox = \"yes\"\n", 3, 11, "invalid type: string \"yes\", expected a boolean"),
            ("verified_identities = [\"a.com\",\n  5]\n", 2, 3, "invalid type: integer `5`, expected a string"),
            ("region = \"us-east-1\"\nregion = \"eu-west-1\"\n", 2, 1, "duplicate key"),
            ("sandbox = true\n[quota]\nmax_send_rate = 0\nmax_24_hour_send = 200\n", 3, 17, "`max_send_rate` must be a positive number"),
            ("[quota]\nmax_send_rate = 1\nmax_24_hour_send = 2.5\n", 3, 20, "`max_24_hour_send` must be a whole number"),
            ("[quota]\nmax_send_rate = 1\nmax_24_hour_send = 5\nsent_last_24_hours = -3\n", 4, 22, "`sent_last_24_hours` must be a whole number"),
            ("[quota]\nmax_send_rate = 1\n", 1, 1, "missing field `max_24_hour_send`"),
            ("[[mail_from]]\nidentity = \"example.com\"\ndomain = \"b.example.com\"\nstatus = \"Verified\"\n", 4, 10, "unknown variant `Verified`"),
            ("[[mail_from]]\nidentity = \"example.com\"\ndomain = \"b.example.com\"\nstatus = \"Failed\"\non_mx_failure = \"Reject\"\n", 5, 17, "unknown variant `Reject`"),
            ("region = \"us-east-1\"\nthis is not toml\n", 2, 6, ""),
        ];
        for &(text, line, column, message) in cases {
            let err = Account::from_toml(text).unwrap_err();
            assert_eq!(err.line(), Some(line), "{text:?}: {err}");
            assert_eq!(err.column(), Some(column), "{text:?}: {err}");
            assert!(err.message().contains(message), "{text:?}: {err}");
            assert!(
                err.to_string()
                    .starts_with(&format!("line {line}, column {column}: ")),
                "{err}"
            );
        }
    }
}
