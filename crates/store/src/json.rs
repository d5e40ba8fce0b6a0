//! A JSON document column: `JSONB` on PostgreSQL, checked `TEXT` on SQLite.
//!
//! Diesel's multi-backend connection only knows the SQL types every backend
//! shares, so the document type is declared here with one mapping per backend
//! and one for the combined backend.

use std::io::Write;

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{HasSqlType, SqlType, Text};
use diesel::sqlite::Sqlite;

use crate::connection::MultiBackend;

/// The SQL type of a JSON document column.
#[derive(Debug, Clone, Copy, Default, SqlType, diesel::query_builder::QueryId)]
#[diesel(postgres_type(oid = 3802, array_oid = 3807))]
#[diesel(sqlite_type(name = "Text"))]
pub struct Json;

/// The serialised text of a JSON document, as read from or written to a
/// [`Json`] column.
#[derive(Debug, Clone, PartialEq, Eq, AsExpression, FromSqlRow)]
#[diesel(sql_type = Json)]
pub struct JsonDoc(pub String);

/// The version byte that starts PostgreSQL's binary `jsonb` format.
const JSONB_VERSION: u8 = 1;

impl ToSql<Json, Pg> for JsonDoc {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        out.write_all(&[JSONB_VERSION])?;
        out.write_all(self.0.as_bytes())?;
        Ok(IsNull::No)
    }
}

impl FromSql<Json, Pg> for JsonDoc {
    fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
        match value.as_bytes().split_first() {
            Some((&JSONB_VERSION, text)) => Ok(Self(std::str::from_utf8(text)?.to_owned())),
            Some((version, _)) => Err(format!("unsupported jsonb format version {version}").into()),
            None => Err("empty jsonb value".into()),
        }
    }
}

impl ToSql<Json, Sqlite> for JsonDoc {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        <str as ToSql<Text, Sqlite>>::to_sql(self.0.as_str(), out)
    }
}

impl FromSql<Json, Sqlite> for JsonDoc {
    fn from_sql(value: <Sqlite as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        <String as FromSql<Text, Sqlite>>::from_sql(value).map(Self)
    }
}

impl HasSqlType<Json> for MultiBackend {
    fn metadata(lookup: &mut Self::MetadataLookup) -> Self::TypeMetadata {
        MultiBackend::lookup_sql_type::<Json>(lookup)
    }
}

impl ToSql<Json, MultiBackend> for JsonDoc {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
        out.set_value((Json, self));
        Ok(IsNull::No)
    }
}

impl FromSql<Json, MultiBackend> for JsonDoc {
    fn from_sql(value: <MultiBackend as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        value.from_sql::<Self, Json>()
    }
}
