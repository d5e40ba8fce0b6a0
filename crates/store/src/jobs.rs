//! [`JobRepo`] and [`Readiness`] on the store.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use resume_domain::ports::{JobRepo, Readiness};
use resume_domain::{Job, JobId, JobPage, JobPosting, PageRequest, RepoError, UserId};

use crate::connection::AnyConnection;
use crate::error::Fail;
use crate::models::{JobRow, NewJobRow};
use crate::schema::jobs;
use crate::store::{read_snapshot, Store};

#[async_trait]
impl JobRepo for Store {
    #[tracing::instrument(skip_all, fields(user.id = created_by.map(UserId::get), job.id))]
    async fn create(
        &self,
        posting: JobPosting,
        created_by: Option<UserId>,
        now: DateTime<Utc>,
    ) -> Result<Job, RepoError> {
        let row = NewJobRow::new(posting, created_by, now)?;
        let job = self
            .run(move |conn| {
                let stored: JobRow = diesel::insert_into(jobs::table)
                    .values(&row)
                    .returning(jobs::all_columns)
                    .get_result(conn)?;
                Ok(stored.into_job()?)
            })
            .await?;
        tracing::Span::current().record("job.id", job.id.get());
        Ok(job)
    }

    #[tracing::instrument(skip_all, fields(job.id = %id))]
    async fn get(&self, id: JobId) -> Result<Job, RepoError> {
        self.run(move |conn| {
            let row = jobs::table
                .find(id.get())
                .select(JobRow::as_select())
                .first(conn)?;
            Ok(row.into_job()?)
        })
        .await
    }

    #[tracing::instrument(skip_all, fields(page = page.page, page_size = page.page_size))]
    async fn list(&self, page: PageRequest) -> Result<JobPage, RepoError> {
        let offset = i64::try_from(page.offset())
            .map_err(|_| RepoError::Internal("page offset out of range".to_owned()))?;
        let limit = i64::from(page.page_size);
        self.run(move |conn| read_snapshot(conn, |conn| page_of_jobs(conn, limit, offset)))
            .await
    }
}

/// The total and one page, oldest first; the caller reads both on one
/// snapshot so that they agree.
fn page_of_jobs(conn: &mut AnyConnection, limit: i64, offset: i64) -> Result<JobPage, Fail> {
    let count: i64 = jobs::table.count().get_result(conn)?;
    let rows = jobs::table
        .order((jobs::created_at.asc(), jobs::id.asc()))
        .limit(limit)
        .offset(offset)
        .select(JobRow::as_select())
        .load(conn)?;

    let results = rows
        .into_iter()
        .map(JobRow::into_job)
        .collect::<Result<_, _>>()?;
    Ok(JobPage {
        count: u64::try_from(count).unwrap_or(0),
        results,
    })
}

#[async_trait]
impl Readiness for Store {
    #[tracing::instrument(skip_all)]
    async fn ping(&self) -> Result<(), RepoError> {
        self.run(|conn| {
            diesel::sql_query("SELECT 1").execute(conn)?;
            Ok(())
        })
        .await
        .map_err(|err| match err {
            RepoError::Internal(cause) => RepoError::Unavailable(cause),
            other => other,
        })
    }
}
