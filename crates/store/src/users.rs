//! [`UserRepo`] on the store.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use resume_domain::ports::UserRepo;
use resume_domain::{Email, NewUser, RepoError, Role, Subscription, User, UserCredentials, UserId};

use crate::models::{to_db_time, NewUserRow, UserRow};
use crate::schema::users;
use crate::store::Store;

#[async_trait]
impl UserRepo for Store {
    #[tracing::instrument(skip_all, fields(user.id))]
    async fn create(&self, new: NewUser) -> Result<User, RepoError> {
        let now = DateTime::<Utc>::from(std::time::SystemTime::now());
        let user = self
            .run(move |conn| {
                let row: UserRow = diesel::insert_into(users::table)
                    .values(NewUserRow::new(&new, now))
                    .returning(users::all_columns)
                    .get_result(conn)?;
                Ok(row.into_user()?)
            })
            .await?;
        tracing::Span::current().record("user.id", user.id.get());
        Ok(user)
    }

    #[tracing::instrument(skip_all, fields(user.id = %id))]
    async fn get(&self, id: UserId) -> Result<User, RepoError> {
        self.run(move |conn| {
            let row = users::table
                .find(id.get())
                .select(UserRow::as_select())
                .first(conn)?;
            Ok(row.into_user()?)
        })
        .await
    }

    #[tracing::instrument(skip_all)]
    async fn find_by_email(&self, email: &Email) -> Result<User, RepoError> {
        Ok(self.credentials(email).await?.user)
    }

    #[tracing::instrument(skip_all)]
    async fn credentials(&self, email: &Email) -> Result<UserCredentials, RepoError> {
        let email = email.as_str().to_owned();
        self.run(move |conn| {
            let row = users::table
                .filter(users::email.eq(email))
                .select(UserRow::as_select())
                .first(conn)?;
            let (user, password_hash) = row.into_credentials()?;
            Ok(UserCredentials {
                user,
                password_hash,
            })
        })
        .await
    }

    #[tracing::instrument(skip_all, fields(user.id = %id))]
    async fn set_subscription(
        &self,
        id: UserId,
        subscription: Subscription,
    ) -> Result<User, RepoError> {
        self.run(move |conn| {
            let row: UserRow = diesel::update(users::table.find(id.get()))
                .set((
                    users::tier.eq(subscription.tier.as_str()),
                    users::expires_at.eq(subscription.expires_at.map(to_db_time)),
                ))
                .returning(users::all_columns)
                .get_result(conn)?;
            Ok(row.into_user()?)
        })
        .await
    }

    #[tracing::instrument(skip_all, fields(user.id = %id))]
    async fn set_role_and_password(
        &self,
        id: UserId,
        role: Role,
        password_hash: String,
    ) -> Result<User, RepoError> {
        self.run(move |conn| {
            let row: UserRow = diesel::update(users::table.find(id.get()))
                .set((
                    users::role.eq(role.as_str()),
                    users::password_hash.eq(password_hash),
                ))
                .returning(users::all_columns)
                .get_result(conn)?;
            Ok(row.into_user()?)
        })
        .await
    }

    #[tracing::instrument(skip_all, fields(user.id = %id))]
    async fn delete(&self, id: UserId) -> Result<(), RepoError> {
        self.run(move |conn| {
            // Resumes go with the account (ON DELETE CASCADE); the jobs it
            // posted stay, without an author (ON DELETE SET NULL), because
            // other people's resumes refer to them.
            let deleted = diesel::delete(users::table.find(id.get())).execute(conn)?;
            if deleted == 0 {
                return Err(RepoError::NotFound.into());
            }
            Ok(())
        })
        .await
    }
}
