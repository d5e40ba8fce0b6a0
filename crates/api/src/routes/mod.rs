//! Route table and the helpers the handlers share.
//!
//! Paths are registered exactly as documented, with their trailing slash, and
//! also without it. A known path called with a method it does not serve gets
//! a JSON 405 with an `Allow` header; an unknown path gets a JSON 404.

pub(crate) mod accounts;
pub(crate) mod enhance;
pub(crate) mod jobs;
pub(crate) mod meta;
pub(crate) mod resumes;
pub(crate) mod sections;

use actix_web::{web, HttpRequest, HttpResponse, Resource};

use crate::error::ApiError;

/// A resource answering `path` and `path` without its trailing slash, with a
/// JSON 405 naming `allow` for any other method.
pub(crate) fn endpoint(path: &'static str, allow: &'static str) -> Resource {
    let bare = path.trim_end_matches('/');
    let patterns = if bare.is_empty() || bare == path {
        vec![path]
    } else {
        vec![path, bare]
    };

    web::resource(patterns).default_service(web::to(move |req: HttpRequest| async move {
        Err::<HttpResponse, _>(ApiError::MethodNotAllowed {
            method: req.method().clone(),
            allow,
        })
    }))
}

/// The answer to a path no route matches.
pub(crate) async fn route_not_found() -> Result<HttpResponse, ApiError> {
    Err(ApiError::RouteNotFound)
}

/// The query parameter `name`, parsed as a positive integer when present.
pub(crate) fn query_number(req: &HttpRequest, name: &str) -> Result<Option<i64>, ApiError> {
    let pairs = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
        .map_err(|_| ApiError::bad_request("the query string is malformed"))?;

    let Some((_, raw)) = pairs.iter().rev().find(|(key, _)| key == name) else {
        return Ok(None);
    };
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .map(Some)
        .ok_or_else(|| ApiError::bad_field(name, "must be a positive integer"))
}

/// Registers every route.
pub(crate) fn register(cfg: &mut web::ServiceConfig) {
    meta::register(cfg);
    accounts::register(cfg);
    jobs::register(cfg);
    enhance::register(cfg);
    resumes::register(cfg);
    sections::register(cfg);
}
