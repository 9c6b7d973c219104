//! Where mail goes: an SMTP server when `SMTP_URL` is set, otherwise `.eml` files in a folder
//! (so a newcomer can open the invite link without any mail set-up).

use anyhow::Context;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;

/// An SMTP conversation never holds a worker longer than this (SECURITY.md E3).
const SMTP_TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Directory(PathBuf),
}

impl Transport {
    pub fn new(smtp_url: Option<&str>, outbox_dir: PathBuf) -> anyhow::Result<Transport> {
        match smtp_url {
            Some(url) => Ok(Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .with_context(|| {
                        format!(
                            "SMTP_URL is not a valid SMTP URL ({})",
                            crate::config::redact_url(url)
                        )
                    })?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build(),
            )),
            None => Ok(Transport::Directory(outbox_dir)),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Transport::Smtp(_) => "SMTP".into(),
            Transport::Directory(dir) => format!(".eml files in {}", dir.display()),
        }
    }

    /// Delivers one message; the error text is stored with the mail for the admin to read.
    pub async fn deliver(&self, message: Message, id: i64) -> Result<(), String> {
        match self {
            Transport::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Transport::Directory(dir) => {
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(|e| e.to_string())?;
                let path = dir.join(format!("{:06}-{}.eml", id, crate::clock::unix_now_ms()));
                tokio::fs::write(&path, message.formatted())
                    .await
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// Builds a plain-text message. Addresses go through lettre's parser and the subject through
/// its typed header, so CR/LF in any of them cannot add headers (SECURITY.md E4).
pub fn build_message(from: &str, to: &str, subject: &str, body: &str) -> Result<Message, String> {
    let from: Mailbox = from
        .parse()
        .map_err(|e| format!("MAIL_FROM is not a valid mailbox: {e}"))?;
    let to: Mailbox = to
        .parse()
        .map_err(|e| format!("recipient is not a valid address: {e}"))?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(subject)
        .message_id(None)
        .header(ContentType::TEXT_PLAIN)
        .body(body.to_owned())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_has_one_recipient_and_an_encoded_subject() {
        let msg = build_message(
            "Clearance <no-reply@clearance.example>",
            "ada@example.com",
            "Hi\r\nBcc: evil@example.com",
            "body",
        )
        .unwrap();
        let text = String::from_utf8(msg.formatted()).unwrap();
        assert!(text.contains("To: ada@example.com\r\n"));
        assert!(!text.contains("\r\nBcc: evil@example.com"), "{text}");
        assert_eq!(msg.envelope().to().len(), 1);
    }

    #[test]
    fn an_injected_recipient_is_refused() {
        assert!(build_message(
            "a@b.co",
            "x@example.com\r\nBcc: attacker@evil.example",
            "s",
            "b"
        )
        .is_err());
    }
}
