//! Health, readiness and the API's own documentation.

use actix_web::http::header::ContentType;
use actix_web::{web, HttpRequest, HttpResponse};
use resume_domain::{DomainError, RepoError};

use crate::dto::HealthDto;
use crate::error::{ApiError, ErrorBody};
use crate::extract::services;
use crate::openapi;
use crate::routes::endpoint;

/// The interactive documentation page; it loads `/api/openapi.json`.
const DOCS_PAGE: &str = include_str!("../docs.html");

pub(crate) fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(endpoint("/healthz", "GET").route(web::get().to(healthz)))
        .service(endpoint("/readyz", "GET").route(web::get().to(readyz)))
        .service(endpoint("/api/openapi.json", "GET").route(web::get().to(openapi_json)))
        .service(endpoint("/docs", "GET").route(web::get().to(docs)));
}

/// Liveness: the process answers.
#[utoipa::path(
    get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "The process is alive", body = HealthDto))
)]
pub(crate) async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(HealthDto { status: "ok" })
}

/// Readiness: the database answers. Any failure of the check is a 503.
#[utoipa::path(
    get, path = "/readyz", tag = "operations",
    responses(
        (status = 200, description = "Ready to serve", body = HealthDto),
        (status = 503, description = "The database cannot be reached", body = ErrorBody),
    )
)]
pub(crate) async fn readyz(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let services = services(&req)?;

    services.readiness.ping().await.map_err(|err| {
        let cause = match err {
            RepoError::Unavailable(cause) => cause,
            other => other.to_string(),
        };
        DomainError::Storage(RepoError::Unavailable(cause))
    })?;

    Ok(HttpResponse::Ok().json(HealthDto { status: "ready" }))
}

/// This document.
#[utoipa::path(
    get, path = "/api/openapi.json", tag = "operations",
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json"))
)]
pub(crate) async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(openapi::document())
}

/// Interactive documentation (no external assets).
#[utoipa::path(
    get, path = "/docs", tag = "operations",
    responses((status = 200, description = "An HTML page", content_type = "text/html"))
)]
pub(crate) async fn docs() -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::html())
        .body(DOCS_PAGE)
}
