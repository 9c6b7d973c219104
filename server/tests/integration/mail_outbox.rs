//! The outbox: mail survives an SMTP outage and is delivered once when the server is back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use clearance_server::jobs::mail_worker;
use clearance_server::mail::transport::Transport;
use common::smtp_sink::SmtpSink;
use common::TestApp;
use sqlx::{Executor, Row};

async fn retried_then_delivered_once(backend: common::Backend) {
    // The app's own worker sleeps for an hour after its first pass: this test drives delivery.
    let app = TestApp::spawn_with(backend, |s| {
        s.mail_poll_interval = std::time::Duration::from_secs(3600)
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_port = closed.local_addr().unwrap().port();
    drop(closed);
    let dead = Transport::new(
        Some(&format!("smtp://127.0.0.1:{dead_port}")),
        app.data_dir.path().join("x"),
    )
    .unwrap();
    let live = Transport::new(Some(&app.smtp.url()), app.data_dir.path().join("x")).unwrap();
    let from = "Clearance <no-reply@clearance.example>";
    let id = {
        let mut tx = app.services.db.begin().await.unwrap();
        let id = clearance_server::store::outbox::enqueue(
            &mut tx,
            "late@example.com",
            "Subject",
            "Body",
            0,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        id
    };
    assert_eq!(
        mail_worker::drain_once(&app.services.db, &dead, from)
            .await
            .unwrap(),
        0
    );
    let mut db = app.db().await;
    let row = sqlx::query("SELECT attempts, sent_at_ms, last_error, next_attempt_at_ms FROM mail_outbox WHERE id = $1").bind(id).fetch_one(&mut db).await.unwrap();
    assert_eq!(row.get::<i64, _>(0), 1);
    assert!(row.get::<Option<i64>, _>(1).is_none());
    assert!(row.get::<Option<String>, _>(2).is_some());
    assert!(
        row.get::<i64, _>(3) > clearance_server::clock::unix_now_ms(),
        "backs off before retrying"
    );
    // Not due yet: nothing is sent even though the server is back.
    assert_eq!(
        mail_worker::drain_once(&app.services.db, &live, from)
            .await
            .unwrap(),
        0
    );
    db.execute(sqlx::query("UPDATE mail_outbox SET next_attempt_at_ms = 0 WHERE id = $1").bind(id))
        .await
        .unwrap();
    assert_eq!(
        mail_worker::drain_once(&app.services.db, &live, from)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        mail_worker::drain_once(&app.services.db, &live, from)
            .await
            .unwrap(),
        0
    );
    let mail = app.smtp.wait_for("late@example.com").await;
    assert_eq!(mail.header("Subject").as_deref(), Some("Subject"));
    assert_eq!(app.smtp.messages().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_is_retried_after_a_failure_and_delivered_exactly_once_sqlite() {
    retried_then_delivered_once(common::Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_is_retried_after_a_failure_and_delivered_exactly_once_postgres() {
    if std::env::var("TEST_DATABASE_URL").is_ok() {
        retried_then_delivered_once(common::Backend::Postgres).await;
    }
}

#[tokio::test]
async fn the_sink_sees_exactly_what_lettre_sends() {
    let sink = SmtpSink::start().await;
    let transport = Transport::new(Some(&sink.url()), std::env::temp_dir()).unwrap();
    let message = clearance_server::mail::transport::build_message(
        "Clearance <a@b.co>",
        "c@d.co",
        "Hello\r\nBcc: x@evil.example",
        "line one\r\n.\r\nMAIL FROM:<x@evil.example>",
    )
    .unwrap();
    transport.deliver(message, 1).await.unwrap();
    let mail = sink.wait_for("c@d.co").await;
    assert_eq!(sink.messages().len(), 1);
    assert_eq!(mail.rcpt_to, ["c@d.co"]);
    assert!(mail.header("Bcc").is_none());
    assert!(
        mail.body().contains("MAIL FROM:<x@evil.example>"),
        "the body stays body: {}",
        mail.body()
    );
}
