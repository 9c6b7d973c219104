//! Mail: what the outbox queued, delivering all of it to the SMTP sink, and what the sink
//! received.

use super::Api;
use crate::common::smtp_sink::ReceivedMail;
use sqlx::Row;
use std::time::Duration;

impl Api {
    // ---- mail ----------------------------------------------------------------------------------

    /// Mail enqueued for `to` with this subject (delivered or not).
    pub async fn queued_mail(&self, to: &str, subject: &str) -> i64 {
        let mut db = self.app.db().await;
        sqlx::query("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = $1 AND subject = $2")
            .bind(to)
            .bind(subject)
            .fetch_one(&mut db)
            .await
            .unwrap()
            .get(0)
    }

    /// Delivers everything queued and waits until the sink has it. Mail enqueued by an
    /// enforcement pass carries the pass's clock as its first attempt time, which may be days
    /// ahead of the worker's real clock: it is made due now first.
    pub async fn deliver_all_mail(&self) {
        let mut db = self.app.db().await;
        sqlx::query(
            "UPDATE mail_outbox SET next_attempt_at_ms = 0
             WHERE sent_at_ms IS NULL AND failed_at_ms IS NULL",
        )
        .execute(&mut db)
        .await
        .unwrap();
        for _ in 0..200 {
            let waiting: i64 = sqlx::query(
                "SELECT COUNT(*) FROM mail_outbox WHERE sent_at_ms IS NULL AND failed_at_ms IS NULL",
            )
            .fetch_one(&mut db)
            .await
            .unwrap()
            .get(0);
            if waiting == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "the outbox did not drain; received: {:?}",
            self.app.smtp.messages()
        );
    }

    /// Mail the sink received for `to` with this subject.
    pub fn mails(&self, to: &str, subject: &str) -> Vec<ReceivedMail> {
        self.app
            .smtp
            .messages()
            .into_iter()
            .filter(|m| {
                m.rcpt_to.iter().any(|r| r == to) && m.header("Subject").as_deref() == Some(subject)
            })
            .collect()
    }

    /// Waits (up to 10 s) for mail to `to` with this subject.
    pub async fn wait_for_mail(&self, to: &str, subject: &str) -> ReceivedMail {
        for _ in 0..200 {
            if let Some(mail) = self.mails(to, subject).into_iter().next() {
                return mail;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "no \"{subject}\" mail to {to} arrived; received: {:?}",
            self.app.smtp.messages()
        );
    }
}
