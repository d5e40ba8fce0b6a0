//! Job postings.

use actix_web::{web, HttpRequest, HttpResponse};
use resume_domain::{JobId, PageRequest};
use utoipa::IntoParams;

use crate::dto::{JobDto, JobPageDto, JobPostingRequest};
use crate::error::{ApiError, ErrorBody};
use crate::extract::{path_id, services, CurrentUser, JsonBody};
use crate::routes::{endpoint, query_number};

pub(crate) fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(
        endpoint("/api/jobs/", "GET, POST")
            .route(web::get().to(list_jobs))
            .route(web::post().to(create_job)),
    )
    .service(endpoint("/api/jobs/{id}/", "GET").route(web::get().to(get_job)));
}

/// Paging of the job list.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query string for OpenAPI only")]
pub(crate) struct PageQuery {
    /// 1-based page number (default 1).
    #[param(minimum = 1, maximum = 4294967295_i64)]
    page: Option<i64>,
    /// Jobs per page, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    page_size: Option<u32>,
}

/// Posts a job (employers and administrators).
#[utoipa::path(
    post, path = "/api/jobs/", tag = "jobs",
    request_body = JobPostingRequest,
    responses(
        (status = 201, description = "The stored job", body = JobDto),
        (status = 400, description = "Missing title or description, a limit passed, or an \
            unknown field; `details.field` names it", body = ErrorBody),
        (status = 401, description = "Missing, invalid or expired token", body = ErrorBody),
        (status = 403, description = "A plain user may not post jobs", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub(crate) async fn create_job(
    req: HttpRequest,
    user: CurrentUser,
    body: JsonBody<JobPostingRequest>,
) -> Result<HttpResponse, ApiError> {
    let services = services(&req)?;

    let job = services.jobs.create(&user.0, body.0.into()).await?;

    Ok(HttpResponse::Created().json(JobDto::from(&job)))
}

fn page_param(req: &HttpRequest, name: &str, default: u32) -> Result<u32, ApiError> {
    match query_number(req, name)? {
        None => Ok(default),
        Some(n) => u32::try_from(n).map_err(|_| ApiError::bad_field(name, "is too large")),
    }
}

/// Lists jobs, oldest first, one page at a time.
#[utoipa::path(
    get, path = "/api/jobs/", tag = "jobs",
    params(PageQuery),
    responses(
        (status = 200, description = "One page of jobs and the total count", body = JobPageDto),
        (status = 400, description = "`page` below 1 or `page_size` outside 1 to 100",
            body = ErrorBody),
        (status = 401, description = "Missing, invalid or expired token", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub(crate) async fn list_jobs(
    req: HttpRequest,
    _user: CurrentUser,
) -> Result<HttpResponse, ApiError> {
    let services = services(&req)?;
    let defaults = PageRequest::default();
    let page = page_param(&req, "page", defaults.page)?;
    let page_size = page_param(&req, "page_size", defaults.page_size)?;
    let request = PageRequest::new(page, page_size)?;

    let jobs = services.jobs.list(request).await?;

    Ok(HttpResponse::Ok().json(JobPageDto::from(&jobs)))
}

/// One job.
#[utoipa::path(
    get, path = "/api/jobs/{id}/", tag = "jobs",
    params(("id" = i64, Path, minimum = 1, description = "The job's id")),
    responses(
        (status = 200, description = "The job", body = JobDto),
        (status = 400, description = "The id is not a positive integer", body = ErrorBody),
        (status = 401, description = "Missing, invalid or expired token", body = ErrorBody),
        (status = 404, description = "No such job", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub(crate) async fn get_job(
    req: HttpRequest,
    _user: CurrentUser,
) -> Result<HttpResponse, ApiError> {
    let services = services(&req)?;
    let id = JobId::new(path_id(&req, "id")?);

    let job = services.jobs.get(id).await?;

    Ok(HttpResponse::Ok().json(JobDto::from(&job)))
}
