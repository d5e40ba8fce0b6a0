//! What the adapter's spans record: ids, never emails or resume text.

use std::io::Write;
use std::sync::{Arc, Mutex};

use resume_domain::ports::{ResumeRepo, UserRepo};
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::fmt::MakeWriter;

use crate::support::{at, job, new_resume, user, TestDb};

/// Collects everything the subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Self;

    fn make_writer(&'a self) -> Self {
        self.clone()
    }
}

#[tokio::test(flavor = "current_thread")]
async fn spans_carry_ids_and_no_email_or_resume_text() {
    let db = TestDb::sqlite();
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .finish();
    let _default = tracing::subscriber::set_default(subscriber);

    let owner = user(&db.store, "secret.person@example.com").await;
    let target = job(&db.store, "Engineer").await;
    let stored = db
        .store
        .insert(new_resume(&owner, &target, at(0, 0)))
        .await
        .unwrap();
    let edit = Box::new(|content: &mut resume_domain::ResumeContent| {
        content.basic.summary = Some("Confidential summary".to_owned());
        Ok(())
    });
    db.store
        .update(owner.id, stored.id, edit, at(1, 0))
        .await
        .unwrap();
    db.store.credentials(&owner.email).await.unwrap();

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains(&format!("resume.id={}", stored.id)), "{log}");
    assert!(log.contains(&format!("user.id={}", owner.id)), "{log}");
    for secret in [
        "secret.person",
        "Confidential",
        "Ada Example",
        "Builds things",
        "argon2",
    ] {
        assert!(!log.contains(secret), "{secret} leaked into: {log}");
    }
}
