//! The tables, as Diesel sees them on both backends.
//!
//! Timestamps are declared `Timestamp` (UTC wall time): SQLite stores them as
//! text, PostgreSQL as `TIMESTAMPTZ`, which Diesel's PostgreSQL connection
//! reads and writes in UTC because it sets the session time zone to UTC.

diesel::table! {
    use diesel::sql_types::*;

    users (id) {
        id -> BigInt,
        email -> Text,
        password_hash -> Text,
        full_name -> Text,
        role -> Text,
        tier -> Text,
        expires_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::json::Json;

    jobs (id) {
        id -> BigInt,
        title -> Text,
        company -> Nullable<Text>,
        location -> Nullable<Text>,
        description -> Text,
        requirements -> Json,
        nice_to_have -> Json,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::json::Json;

    enhanced_resumes (id) {
        id -> BigInt,
        user_id -> BigInt,
        job_id -> BigInt,
        content -> Json,
        engine -> Text,
        match_report -> Json,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::joinable!(enhanced_resumes -> users (user_id));
diesel::joinable!(enhanced_resumes -> jobs (job_id));
diesel::allow_tables_to_appear_in_same_query!(users, jobs, enhanced_resumes);
