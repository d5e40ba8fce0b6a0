//! [`ResumeRepo`] on the store.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use resume_domain::ports::{ResumeEdit, ResumeRepo};
use resume_domain::{JobId, NewStoredResume, RepoError, ResumeId, StoredResume, UserId};

use crate::connection::AnyConnection;
use crate::error::Fail;
use crate::models::{from_db_time, to_db_time, NewResumeRow, ResumeEditRow, ResumeRow};
use crate::schema::enhanced_resumes as resumes;
use crate::store::{write_transaction, Store};

#[async_trait]
impl ResumeRepo for Store {
    #[tracing::instrument(
        skip_all,
        fields(user.id = %new.user_id, job.id = %new.job_id, resume.id)
    )]
    async fn insert(&self, new: NewStoredResume) -> Result<StoredResume, RepoError> {
        let mut new = new;
        new.content.assign_item_ids();
        let row = NewResumeRow::new(&new)?;

        let stored = self
            .run(move |conn| {
                let stored: ResumeRow = diesel::insert_into(resumes::table)
                    .values(&row)
                    .returning(resumes::all_columns)
                    .get_result(conn)?;
                Ok(ResumeRow::into_resume(stored)?)
            })
            .await?;
        tracing::Span::current().record("resume.id", stored.id.get());
        Ok(stored)
    }

    #[tracing::instrument(skip_all, fields(user.id = %owner, resume.id = %id))]
    async fn get(&self, owner: UserId, id: ResumeId) -> Result<StoredResume, RepoError> {
        self.run(move |conn| owned_resume(conn, owner, id)).await
    }

    #[tracing::instrument(skip_all, fields(user.id = %owner))]
    async fn latest(&self, owner: UserId) -> Result<StoredResume, RepoError> {
        self.run(move |conn| {
            let row = resumes::table
                .filter(resumes::user_id.eq(owner.get()))
                .order((resumes::created_at.desc(), resumes::id.desc()))
                .select(ResumeRow::as_select())
                .first(conn)?;
            Ok(row.into_resume()?)
        })
        .await
    }

    #[tracing::instrument(skip_all, fields(user.id = %owner, job.id = %job))]
    async fn latest_for_job(&self, owner: UserId, job: JobId) -> Result<StoredResume, RepoError> {
        self.run(move |conn| {
            let row = resumes::table
                .filter(resumes::user_id.eq(owner.get()))
                .filter(resumes::job_id.eq(job.get()))
                .order((resumes::created_at.desc(), resumes::id.desc()))
                .select(ResumeRow::as_select())
                .first(conn)?;
            Ok(row.into_resume()?)
        })
        .await
    }

    #[tracing::instrument(skip_all, fields(user.id = %owner))]
    async fn list(&self, owner: UserId) -> Result<Vec<StoredResume>, RepoError> {
        self.run(move |conn| {
            let rows = resumes::table
                .filter(resumes::user_id.eq(owner.get()))
                .order((resumes::created_at.desc(), resumes::id.desc()))
                .select(ResumeRow::as_select())
                .load(conn)?;
            Ok(rows
                .into_iter()
                .map(ResumeRow::into_resume)
                .collect::<Result<_, _>>()?)
        })
        .await
    }

    #[tracing::instrument(skip_all, fields(user.id = %owner, resume.id = %id))]
    async fn update(
        &self,
        owner: UserId,
        id: ResumeId,
        edit: ResumeEdit,
        now: DateTime<Utc>,
    ) -> Result<StoredResume, RepoError> {
        self.run(move |conn| {
            write_transaction(conn, |conn| edit_in_place(conn, owner, id, edit, now))
        })
        .await
    }

    #[tracing::instrument(skip_all, fields(user.id = %owner))]
    async fn created_since(
        &self,
        owner: UserId,
        since: DateTime<Utc>,
    ) -> Result<Vec<DateTime<Utc>>, RepoError> {
        self.run(move |conn| {
            let instants = resumes::table
                .filter(resumes::user_id.eq(owner.get()))
                .filter(resumes::created_at.ge(to_db_time(since)))
                .order((resumes::created_at.asc(), resumes::id.asc()))
                .select(resumes::created_at)
                .load(conn)?;
            Ok(instants.into_iter().map(from_db_time).collect())
        })
        .await
    }
}

/// The resume `id` if `owner` owns it; anyone else's is not found.
fn owned_resume(
    conn: &mut AnyConnection,
    owner: UserId,
    id: ResumeId,
) -> Result<StoredResume, Fail> {
    let row = resumes::table
        .filter(resumes::id.eq(id.get()))
        .filter(resumes::user_id.eq(owner.get()))
        .select(ResumeRow::as_select())
        .first(conn)?;
    Ok(row.into_resume()?)
}

/// The read-modify-write of an update, inside the caller's write
/// transaction.
fn edit_in_place(
    conn: &mut AnyConnection,
    owner: UserId,
    id: ResumeId,
    edit: ResumeEdit,
    now: DateTime<Utc>,
) -> Result<StoredResume, Fail> {
    lock_row(conn, owner, id)?;
    let mut resume = owned_resume(conn, owner, id)?;

    edit(&mut resume.content).map_err(RepoError::Rejected)?;
    resume.content.assign_item_ids();
    resume.version += 1;
    resume.updated_at = from_db_time(to_db_time(now));

    diesel::update(resumes::table.find(id.get()))
        .set(ResumeEditRow::of(&resume)?)
        .execute(conn)?;
    Ok(resume)
}

/// Locks the row against concurrent writers until the transaction ends. On
/// SQLite the `BEGIN IMMEDIATE` of the transaction already holds the
/// database's write lock.
fn lock_row(conn: &mut AnyConnection, owner: UserId, id: ResumeId) -> Result<(), Fail> {
    let AnyConnection::Postgres(pg) = conn else {
        return Ok(());
    };
    resumes::table
        .filter(resumes::id.eq(id.get()))
        .filter(resumes::user_id.eq(owner.get()))
        .select(resumes::id)
        .for_update()
        .first::<i64>(pg)?;
    Ok(())
}
