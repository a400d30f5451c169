//! `ses_presend::lettre::Presend` in front of lettre's own transports: what SES would refuse
//! never reaches the transport behind, and its error is SES's, word for word.
#![cfg(all(feature = "lettre", feature = "server"))]

use lettre::address::Envelope;
use lettre::transport::stub::{AsyncStubTransport, StubTransport};
use lettre::{AsyncTransport, Message, Transport};
use ses_presend::account::AccountMode;
use ses_presend::lettre::{Presend, PresendError};
use ses_presend::{Account, Api};

fn message(to: &str) -> Message {
    Message::builder()
        .from("Ops <ops@example.com>".parse().unwrap())
        .to(to.parse().unwrap())
        .subject("Weekly report")
        .body(String::from("Hello"))
        .unwrap()
}

fn envelope(from: &str, to: &str) -> Envelope {
    Envelope::new(Some(from.parse().unwrap()), vec![to.parse().unwrap()]).unwrap()
}

#[test]
fn accepted_messages_reach_the_transport() {
    let mailer = Presend::new(StubTransport::new_ok());
    mailer.send(&message("bob@example.org")).unwrap();
    assert_eq!(mailer.inner().messages().len(), 1);
}

#[test]
fn refused_messages_get_ses_words_and_stay_here() {
    let mailer = Presend::new(StubTransport::new_ok()).with_api(Api::V1);
    let cases: [(&[u8], &str); 3] = [
        (
            b"From: ops@example.com\r\nTo: bob@example.org\r\nSubject: a\r\nSubject: b\r\n\r\nHi",
            "Duplicate header 'Subject'.",
        ),
        (
            b"From: ops@example.com\r\nTo: bob@example.org\r\nContent-Type: text; charset=UTF-8\r\n\r\nHi",
            "Expected '/', got ;",
        ),
        (
            // The header's list splits at the comma: `Karen` is an entry of its own.
            b"From: Karen, Chan <karen@example.com>\r\nTo: bob@example.org\r\n\r\nHi",
            "Missing final '@domain'",
        ),
    ];
    for (raw, words) in cases {
        let err = mailer
            .send_raw(&envelope("ops@example.com", "bob@example.org"), raw)
            .unwrap_err();
        assert_eq!(err.to_string(), words);
        assert!(matches!(err, PresendError::Rejected(_)));
        assert_eq!(err.ses_error().unwrap().message, words);
    }
    assert!(mailer.inner().messages().is_empty());
}

#[test]
fn the_account_and_the_transport_errors() {
    let account = Account::new()
        .with_region("eu-west-1")
        .with_mode(AccountMode::Sandbox)
        .with_verified_identities(["example.com"]);
    let mailer = Presend::new(StubTransport::new_ok()).with_account(account);
    let err = mailer.send(&message("bob@example.org")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Email address is not verified. The following identities failed the check in region \
         EU-WEST-1: bob@example.org"
    );
    assert_eq!(err.ses_error().unwrap().code.as_str(), "MessageRejected");
    // An error of the transport behind is passed on as it is.
    let failing = Presend::new(StubTransport::new_error());
    let err = failing.send(&message("bob@example.org")).unwrap_err();
    assert!(matches!(err, PresendError::Transport(_)), "{err:?}");
    assert!(err.ses_error().is_none());
}

#[tokio::test]
async fn async_transports_too() {
    let mailer = Presend::new(AsyncStubTransport::new_ok());
    mailer.send(message("bob@example.org")).await.unwrap();
    let raw = b"From: ops@example.com\r\nTo: bob@example.org\r\nSubject: a\r\nSubject: b\r\n\r\nHi";
    let err = mailer
        .send_raw(&envelope("ops@example.com", "bob@example.org"), raw)
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "Duplicate header 'Subject'.");
    assert_eq!(mailer.inner().messages().await.len(), 1);
}
