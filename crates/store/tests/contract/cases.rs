//! The cases of the repository contract, each run on every backend.

use std::collections::BTreeSet;

use resume_domain::ports::{JobRepo, Readiness, ResumeEdit, ResumeRepo, UserRepo};
use resume_domain::{
    Email, Experience, JobId, PageRequest, RepoError, ResumeId, Role, Subscription, Tier, UserId,
    ValidationError,
};
use resume_store::Store;

use crate::support::{at, content, job, new_resume, new_user, posting, user};

fn edit(
    change: impl FnOnce(&mut resume_domain::ResumeContent) -> Result<(), ValidationError>
        + Send
        + 'static,
) -> ResumeEdit {
    Box::new(change)
}

pub async fn accounts_read_back_by_id_by_email_and_with_credentials(store: &Store) {
    let before = chrono::Utc::now();
    let created = user(store, "Ada@Example.com").await;

    assert_eq!(created.email.as_str(), "ada@example.com");
    assert!(created.created_at >= before - chrono::Duration::milliseconds(1));
    assert_eq!(UserRepo::get(store, created.id).await.unwrap(), created);

    let differently_cased = Email::parse(" ADA@example.COM").unwrap();
    assert_eq!(
        store.find_by_email(&differently_cased).await.unwrap(),
        created
    );
    let credentials = store.credentials(&differently_cased).await.unwrap();
    assert_eq!(credentials.user, created);
    assert_eq!(
        credentials.password_hash,
        new_user("ada@example.com").password_hash
    );
}

pub async fn an_email_taken_in_another_case_is_a_conflict(store: &Store) {
    user(store, "grace@example.com").await;

    let err = UserRepo::create(store, new_user("Grace@EXAMPLE.com"))
        .await
        .unwrap_err();

    assert_eq!(
        err,
        RepoError::Conflict("email is already registered".to_owned())
    );
}

pub async fn unknown_accounts_are_not_found_by_every_method(store: &Store) {
    let nobody = UserId::new(4242);
    let email = Email::parse("nobody@example.com").unwrap();

    assert_eq!(UserRepo::get(store, nobody).await, Err(RepoError::NotFound));
    assert_eq!(store.find_by_email(&email).await, Err(RepoError::NotFound));
    assert!(matches!(
        store.credentials(&email).await,
        Err(RepoError::NotFound)
    ));
    let subscription = Subscription {
        tier: Tier::Premium,
        expires_at: None,
    };
    assert_eq!(
        store.set_subscription(nobody, subscription).await,
        Err(RepoError::NotFound)
    );
    let changed = store
        .set_role_and_password(nobody, Role::Admin, "h".to_owned())
        .await;
    assert_eq!(changed, Err(RepoError::NotFound));
    assert_eq!(
        UserRepo::delete(store, nobody).await,
        Err(RepoError::NotFound)
    );
}

pub async fn subscription_role_and_password_changes_are_stored(store: &Store) {
    let created = user(store, "lin@example.com").await;
    let subscription = Subscription {
        tier: Tier::Standard,
        expires_at: Some(at(86_400, 123_456)),
    };

    let updated = store
        .set_subscription(created.id, subscription)
        .await
        .unwrap();
    assert_eq!(updated.subscription, subscription);
    assert_eq!(
        UserRepo::get(store, created.id).await.unwrap().subscription,
        subscription
    );

    let promoted = store
        .set_role_and_password(created.id, Role::Admin, "new-hash".to_owned())
        .await
        .unwrap();
    assert_eq!(promoted.role, Role::Admin);
    let credentials = store.credentials(&created.email).await.unwrap();
    assert_eq!(credentials.password_hash, "new-hash");
    assert_eq!(credentials.user.role, Role::Admin);
    assert_eq!(credentials.user.subscription, subscription);

    let lapsed = store
        .set_subscription(created.id, Subscription::FREE)
        .await
        .unwrap();
    assert_eq!(lapsed.subscription, Subscription::FREE);
}

pub async fn jobs_read_back_with_their_lists_and_author(store: &Store) {
    let author = user(store, "employer@example.com").await;
    let mut wanted = posting("Backend Engineer");
    wanted.location = Some("Remote, \"EU\" 🌍".to_owned());

    let created = JobRepo::create(store, wanted.clone(), Some(author.id), at(5, 7))
        .await
        .unwrap();

    assert_eq!(created.posting, wanted);
    assert_eq!(created.created_by, Some(author.id));
    assert_eq!(created.created_at, at(5, 7));
    assert_eq!(JobRepo::get(store, created.id).await.unwrap(), created);
    assert_eq!(
        JobRepo::get(store, JobId::new(999)).await,
        Err(RepoError::NotFound)
    );
}

pub async fn job_pages_are_oldest_first_with_the_total_count(store: &Store) {
    let mut ids = Vec::new();
    // Created out of order, with a tie, to show the order is by time then id.
    for (n, second) in [(0, 30), (1, 10), (2, 20), (3, 20), (4, 40)] {
        let created = JobRepo::create(store, posting(&format!("Job {n}")), None, at(second, 0));
        ids.push(created.await.unwrap().id);
    }
    let expected = [ids[1], ids[2], ids[3], ids[0], ids[4]];

    let mut seen = Vec::new();
    for page in 1..=3 {
        let listed = JobRepo::list(store, PageRequest::new(page, 2).unwrap())
            .await
            .unwrap();
        assert_eq!(listed.count, 5);
        seen.extend(listed.results.iter().map(|job| job.id));
    }
    assert_eq!(seen, expected);

    let past_the_end = JobRepo::list(store, PageRequest::new(4, 2).unwrap())
        .await
        .unwrap();
    assert_eq!(past_the_end.count, 5);
    assert!(past_the_end.results.is_empty());
}

pub async fn resumes_read_back_as_stored_with_microsecond_timestamps(store: &Store) {
    let owner = user(store, "owner@example.com").await;
    let target = job(store, "Engineer").await;
    let created_at = at(60, 654_321) + chrono::Duration::nanoseconds(999);

    let stored = store
        .insert(new_resume(&owner, &target, created_at))
        .await
        .unwrap();

    assert_eq!(stored.version, 1);
    assert_eq!(
        stored.created_at,
        at(60, 654_321),
        "cut to microseconds, in UTC"
    );
    assert_eq!(stored.updated_at, stored.created_at);
    assert_eq!(stored.content, content());
    assert_eq!(
        stored.report,
        new_resume(&owner, &target, created_at).report
    );
    assert_eq!(
        ResumeRepo::get(store, owner.id, stored.id).await.unwrap(),
        stored
    );
}

pub async fn a_resume_for_a_missing_user_or_job_is_not_found(store: &Store) {
    let owner = user(store, "owner@example.com").await;
    let target = job(store, "Engineer").await;

    let mut no_job = new_resume(&owner, &target, at(0, 0));
    no_job.job_id = JobId::new(target.id.get() + 100);
    assert_eq!(store.insert(no_job).await, Err(RepoError::NotFound));

    let mut no_user = new_resume(&owner, &target, at(0, 0));
    no_user.user_id = UserId::new(owner.id.get() + 100);
    assert_eq!(store.insert(no_user).await, Err(RepoError::NotFound));

    assert!(ResumeRepo::list(store, owner.id).await.unwrap().is_empty());
}

pub async fn another_users_resume_is_not_found(store: &Store) {
    let owner = user(store, "owner@example.com").await;
    let intruder = user(store, "intruder@example.com").await;
    let target = job(store, "Engineer").await;
    let stored = store
        .insert(new_resume(&owner, &target, at(0, 0)))
        .await
        .unwrap();

    assert_eq!(
        ResumeRepo::get(store, intruder.id, stored.id).await,
        Err(RepoError::NotFound)
    );
    let wipe = edit(|content| {
        content.basic.summary = None;
        Ok(())
    });
    let attempt = store.update(intruder.id, stored.id, wipe, at(1, 0)).await;
    assert_eq!(attempt, Err(RepoError::NotFound));
    assert_eq!(store.latest(intruder.id).await, Err(RepoError::NotFound));
    assert_eq!(
        store.latest_for_job(intruder.id, target.id).await,
        Err(RepoError::NotFound)
    );
    assert!(ResumeRepo::list(store, intruder.id)
        .await
        .unwrap()
        .is_empty());

    assert_eq!(
        ResumeRepo::get(store, owner.id, stored.id).await.unwrap(),
        stored
    );
    let missing = ResumeRepo::get(store, owner.id, ResumeId::new(stored.id.get() + 1)).await;
    assert_eq!(missing, Err(RepoError::NotFound));
}

pub async fn latest_and_list_are_newest_first_with_ties_broken_by_id(store: &Store) {
    let owner = user(store, "owner@example.com").await;
    let first_job = job(store, "First").await;
    let second_job = job(store, "Second").await;
    let insert = |job, at| store.insert(new_resume(&owner, job, at));

    let newest_first_job = insert(&first_job, at(100, 0)).await.unwrap();
    let older = insert(&first_job, at(50, 0)).await.unwrap();
    let tie_low = insert(&second_job, at(80, 0)).await.unwrap();
    let tie_high = insert(&second_job, at(80, 0)).await.unwrap();

    assert_eq!(
        store.latest(owner.id).await.unwrap().id,
        newest_first_job.id
    );
    assert_eq!(
        store
            .latest_for_job(owner.id, second_job.id)
            .await
            .unwrap()
            .id,
        tie_high.id
    );
    assert_eq!(
        store
            .latest_for_job(owner.id, first_job.id)
            .await
            .unwrap()
            .id,
        newest_first_job.id
    );

    let listed: Vec<_> = ResumeRepo::list(store, owner.id).await.unwrap();
    let ids: Vec<_> = listed.iter().map(|resume| resume.id).collect();
    assert_eq!(
        ids,
        [newest_first_job.id, tie_high.id, tie_low.id, older.id]
    );
}

pub async fn an_update_applies_the_edit_bumps_the_version_and_numbers_new_items(store: &Store) {
    let owner = user(store, "owner@example.com").await;
    let target = job(store, "Engineer").await;
    let stored = store
        .insert(new_resume(&owner, &target, at(0, 0)))
        .await
        .unwrap();

    let add_job = edit(|content| {
        content.basic.summary = Some("Edited summary.".to_owned());
        content.experience.push(Experience {
            company: "Globex".to_owned(),
            ..Default::default()
        });
        Ok(())
    });
    let updated = store
        .update(owner.id, stored.id, add_job, at(30, 250))
        .await
        .unwrap();

    assert_eq!(updated.version, 2);
    assert_eq!(updated.updated_at, at(30, 250));
    assert_eq!(updated.created_at, stored.created_at);
    assert_eq!(
        updated.content.basic.summary.as_deref(),
        Some("Edited summary.")
    );
    let ids: Vec<_> = updated
        .content
        .experience
        .iter()
        .map(|item| item.id)
        .collect();
    assert_eq!(ids, [1, 2]);
    assert_eq!(
        ResumeRepo::get(store, owner.id, stored.id).await.unwrap(),
        updated
    );
}

pub async fn a_rejected_edit_leaves_the_row_unchanged(store: &Store) {
    let owner = user(store, "owner@example.com").await;
    let target = job(store, "Engineer").await;
    let stored = store
        .insert(new_resume(&owner, &target, at(0, 0)))
        .await
        .unwrap();

    let half_done = edit(|content| {
        content.experience.clear();
        content.basic.full_name = None;
        Err(ValidationError::new(
            "experience[0].start_date",
            "is after the end date",
        ))
    });
    let result = store.update(owner.id, stored.id, half_done, at(9, 0)).await;

    let Err(RepoError::Rejected(invalid)) = result else {
        panic!("expected a rejection, got {result:?}");
    };
    assert_eq!(invalid.field, "experience[0].start_date");
    assert_eq!(
        ResumeRepo::get(store, owner.id, stored.id).await.unwrap(),
        stored
    );
}

pub async fn concurrent_updates_lose_no_edit(store: &Store) {
    const WRITERS: usize = 16;
    let owner = user(store, "owner@example.com").await;
    let target = job(store, "Engineer").await;
    let mut new = new_resume(&owner, &target, at(0, 0));
    new.content.experience.clear();
    new.content.skills.technical.clear();
    let stored = store.insert(new).await.unwrap();

    let tasks: Vec<_> = (0..WRITERS)
        .map(|n| {
            let store = store.clone();
            tokio::spawn(async move {
                let change = edit(move |content| {
                    // Holding the transaction open a while makes the writers overlap.
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    content.skills.technical.push(format!("skill-{n}"));
                    let company = format!("Company {n}");
                    content.experience.push(Experience {
                        company,
                        ..Default::default()
                    });
                    Ok(())
                });
                store.update(owner.id, stored.id, change, at(1, 0)).await
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }

    let after = ResumeRepo::get(store, owner.id, stored.id).await.unwrap();
    assert_eq!(after.version, 1 + WRITERS as i64);
    let skills: BTreeSet<_> = after.content.skills.technical.iter().cloned().collect();
    let expected: BTreeSet<_> = (0..WRITERS).map(|n| format!("skill-{n}")).collect();
    assert_eq!(skills, expected);
    let companies: BTreeSet<_> = after
        .content
        .experience
        .iter()
        .map(|e| &e.company)
        .collect();
    assert_eq!(companies.len(), WRITERS);
    let ids: BTreeSet<_> = after.content.experience.iter().map(|e| e.id).collect();
    assert_eq!(ids, (1..=WRITERS as u32).collect());
}

pub async fn created_since_includes_its_bound_and_is_oldest_first(store: &Store) {
    let owner = user(store, "owner@example.com").await;
    let other = user(store, "other@example.com").await;
    let target = job(store, "Engineer").await;
    for (who, seconds, micros) in [
        (&owner, 300, 0),
        (&owner, 100, 1),
        (&owner, 100, 0),
        (&owner, 99, 999_999),
        (&other, 200, 0),
    ] {
        store
            .insert(new_resume(who, &target, at(seconds, micros)))
            .await
            .unwrap();
    }

    let counted = store.created_since(owner.id, at(100, 0)).await.unwrap();

    assert_eq!(counted, [at(100, 0), at(100, 1), at(300, 0)]);
    assert!(store
        .created_since(owner.id, at(300, 1))
        .await
        .unwrap()
        .is_empty());
}

pub async fn deleting_an_account_deletes_its_resumes_and_keeps_its_jobs(store: &Store) {
    let leaving = user(store, "leaving@example.com").await;
    let staying = user(store, "staying@example.com").await;
    let posted = JobRepo::create(store, posting("Engineer"), Some(leaving.id), at(0, 0));
    let posted = posted.await.unwrap();
    let gone = store
        .insert(new_resume(&leaving, &posted, at(1, 0)))
        .await
        .unwrap();
    let kept = store
        .insert(new_resume(&staying, &posted, at(2, 0)))
        .await
        .unwrap();

    UserRepo::delete(store, leaving.id).await.unwrap();

    assert_eq!(
        UserRepo::get(store, leaving.id).await,
        Err(RepoError::NotFound)
    );
    assert_eq!(
        ResumeRepo::get(store, leaving.id, gone.id).await,
        Err(RepoError::NotFound)
    );
    assert!(ResumeRepo::list(store, leaving.id)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        ResumeRepo::get(store, staying.id, kept.id).await.unwrap(),
        kept
    );
    assert_eq!(
        JobRepo::get(store, posted.id).await.unwrap().created_by,
        None
    );
    let again = UserRepo::create(store, new_user("leaving@example.com")).await;
    assert!(again.is_ok(), "the email is free again: {again:?}");
}

pub async fn the_readiness_ping_answers(store: &Store) {
    assert_eq!(store.ping().await, Ok(()));
    assert_eq!(store.readiness().ping().await, Ok(()));
}

pub async fn running_the_migrations_again_changes_nothing(store: &Store) {
    let created = user(store, "kept@example.com").await;

    store.run_migrations().unwrap();
    store.run_migrations().unwrap();

    assert_eq!(UserRepo::get(store, created.id).await.unwrap(), created);
}
