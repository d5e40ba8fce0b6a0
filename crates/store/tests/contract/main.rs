//! The repository contract, written once and run on every backend: always on
//! SQLite (a fresh file per test), and on PostgreSQL (a fresh database per
//! test) when `TEST_DATABASE_URL` names a server whose user may create
//! databases.

// A failing unwrap is a failing test.
#![allow(clippy::unwrap_used)]

mod cases;
mod connecting;
mod faults;
mod logging;
mod support;

/// Runs each named case of [`cases`] once per backend.
macro_rules! on_every_backend {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $case() {
                    let db = crate::support::TestDb::sqlite();
                    crate::cases::$case(&db.store).await;
                }
            )*
        }

        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $case() {
                    let Some(db) = crate::support::TestDb::postgres() else { return };
                    crate::cases::$case(&db.store).await;
                }
            )*
        }
    };
}

on_every_backend!(
    accounts_read_back_by_id_by_email_and_with_credentials,
    an_email_taken_in_another_case_is_a_conflict,
    unknown_accounts_are_not_found_by_every_method,
    subscription_role_and_password_changes_are_stored,
    jobs_read_back_with_their_lists_and_author,
    job_pages_are_oldest_first_with_the_total_count,
    resumes_read_back_as_stored_with_microsecond_timestamps,
    a_resume_for_a_missing_user_or_job_is_not_found,
    another_users_resume_is_not_found,
    latest_and_list_are_newest_first_with_ties_broken_by_id,
    an_update_applies_the_edit_bumps_the_version_and_numbers_new_items,
    a_rejected_edit_leaves_the_row_unchanged,
    concurrent_updates_lose_no_edit,
    created_since_includes_its_bound_and_is_oldest_first,
    deleting_an_account_deletes_its_resumes_and_keeps_its_jobs,
    the_readiness_ping_answers,
    running_the_migrations_again_changes_nothing,
);
