//! Stored enhanced resumes: status, history, lookup by job, detail, update.

use actix_web::{web, HttpRequest, HttpResponse};
use resume_domain::service::EditMode;
use resume_domain::{JobId, ResumeId, UserId};

use crate::dto::{epoch_seconds, timestamp, EnhancementStatusResponse, ResumeDto};
use crate::error::{ApiError, ErrorBody};
use crate::extract::{path_id, services, CurrentUser, JsonObject};
use crate::routes::endpoint;
use crate::routes::enhance::COMPLETED;

pub(crate) fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(
        endpoint("/api/resume/enhancement-status/{task_id}/", "GET")
            .route(web::get().to(enhancement_status)),
    )
    .service(
        endpoint("/api/resume/enhancement-history/", "GET")
            .route(web::get().to(enhancement_history)),
    )
    .service(
        endpoint(
            "/api/resume/check-enhanced-resume/{user_id}/{job_id}/",
            "GET",
        )
        .route(web::get().to(check_enhanced_resume)),
    )
    .service(
        endpoint("/api/resume/enhanced-resume/{id}/", "GET, PUT, PATCH")
            .route(web::get().to(get_enhanced_resume))
            .route(web::put().to(put_enhanced_resume))
            .route(web::patch().to(patch_enhanced_resume)),
    );
}

/// The status of an enhancement (kept for older clients; always completed).
#[utoipa::path(
    get, path = "/api/resume/enhancement-status/{task_id}/", tag = "enhancement",
    description = "Enhancement is synchronous, so a stored enhanced resume is always \
        `completed`; `task_id` is the enhanced resume id as a string.",
    params(("task_id" = i64, Path, minimum = 1, description = "The enhanced resume id")),
    responses(
        (status = 200, description = "Completed", body = EnhancementStatusResponse),
        (status = 400, description = "The id is not a positive integer", body = ErrorBody),
        (status = 401, description = "Missing, invalid or expired token", body = ErrorBody),
        (status = 404, description = "No such enhanced resume for this user", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub(crate) async fn enhancement_status(
    req: HttpRequest,
    user: CurrentUser,
) -> Result<HttpResponse, ApiError> {
    let services = services(&req)?;
    let id = ResumeId::new(path_id(&req, "task_id")?);

    let resume = services.resumes.get(&user.0, id).await?;

    Ok(HttpResponse::Ok().json(EnhancementStatusResponse {
        status: "completed",
        task_id: resume.id.to_string(),
        created_at: timestamp(resume.created_at),
        updated_at: timestamp(resume.updated_at),
        last_updated_timestamp: epoch_seconds(resume.updated_at),
        message: COMPLETED,
        enhanced_resume: ResumeDto::from(&resume),
    }))
}

/// Every enhanced resume of the signed-in user, newest first.
#[utoipa::path(
    get, path = "/api/resume/enhancement-history/", tag = "enhancement",
    responses(
        (status = 200, description = "Newest first", body = Vec<ResumeDto>),
        (status = 401, description = "Missing, invalid or expired token", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub(crate) async fn enhancement_history(
    req: HttpRequest,
    user: CurrentUser,
) -> Result<HttpResponse, ApiError> {
    let services = services(&req)?;

    let resumes = services.resumes.history(&user.0).await?;

    let body: Vec<ResumeDto> = resumes.iter().map(ResumeDto::from).collect();
    Ok(HttpResponse::Ok().json(body))
}

/// The newest enhanced resume of a user for a job.
#[utoipa::path(
    get, path = "/api/resume/check-enhanced-resume/{user_id}/{job_id}/", tag = "enhancement",
    params(
        ("user_id" = i64, Path, minimum = 1, description = "Must be the signed-in user's id"),
        ("job_id" = i64, Path, minimum = 1, description = "The job"),
    ),
    responses(
        (status = 200, description = "The newest enhanced resume for the job", body = ResumeDto),
        (status = 400, description = "An id is not a positive integer", body = ErrorBody),
        (status = 401, description = "Missing, invalid or expired token", body = ErrorBody),
        (status = 403, description = "`user_id` is not the caller's", body = ErrorBody),
        (status = 404, description = "No enhanced resume for this job", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub(crate) async fn check_enhanced_resume(
    req: HttpRequest,
    user: CurrentUser,
) -> Result<HttpResponse, ApiError> {
    let services = services(&req)?;
    let owner = UserId::new(path_id(&req, "user_id")?);
    let job = JobId::new(path_id(&req, "job_id")?);

    let resume = services.resumes.for_job(&user.0, owner, job).await?;

    Ok(HttpResponse::Ok().json(ResumeDto::from(&resume)))
}

/// One enhanced resume.
#[utoipa::path(
    get, path = "/api/resume/enhanced-resume/{id}/", tag = "enhancement",
    params(("id" = i64, Path, minimum = 1, description = "The enhanced resume id")),
    responses(
        (status = 200, description = "The enhanced resume", body = ResumeDto),
        (status = 400, description = "The id is not a positive integer", body = ErrorBody),
        (status = 401, description = "Missing, invalid or expired token", body = ErrorBody),
        (status = 404, description = "No such enhanced resume for this user (another \
            user's resume is answered 404 too)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub(crate) async fn get_enhanced_resume(
    req: HttpRequest,
    user: CurrentUser,
) -> Result<HttpResponse, ApiError> {
    let services = services(&req)?;
    let id = ResumeId::new(path_id(&req, "id")?);

    let resume = services.resumes.get(&user.0, id).await?;

    Ok(HttpResponse::Ok().json(ResumeDto::from(&resume)))
}

async fn update(
    req: &HttpRequest,
    user: &CurrentUser,
    mode: EditMode,
    body: JsonObject,
) -> Result<HttpResponse, ApiError> {
    let services = services(req)?;
    let id = ResumeId::new(path_id(req, "id")?);

    let resume = services
        .resumes
        .update_resume(&user.0, id, mode, body.0)
        .await?;

    Ok(HttpResponse::Ok().json(ResumeDto::from(&resume)))
}

/// Replaces a whole enhanced resume.
#[utoipa::path(
    put, path = "/api/resume/enhanced-resume/{id}/", tag = "enhancement",
    description = "PUT replaces every section: a section left out becomes empty. \
        `skills` may be the categorised object or a flat list, which the server sorts into \
        categories. Read-only fields (`id`, `user`, `job`, `created_at`, `updated_at`, \
        `engine`, `match`) are ignored; any other unknown field, a wrong type or an invalid \
        value (dates must be `YYYY-MM`, `YYYY` or `Present`) is 400 naming the field, and \
        nothing is written.",
    params(("id" = i64, Path, minimum = 1, description = "The enhanced resume id")),
    request_body = ResumeDto,
    responses(
        (status = 200, description = "The updated resume", body = ResumeDto),
        (status = 400, description = "Invalid body; `details.field` names the field",
            body = ErrorBody),
        (status = 401, description = "Missing, invalid or expired token", body = ErrorBody),
        (status = 404, description = "No such enhanced resume for this user", body = ErrorBody),
        (status = 413, description = "The JSON body is over the limit", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub(crate) async fn put_enhanced_resume(
    req: HttpRequest,
    user: CurrentUser,
    body: JsonObject,
) -> Result<HttpResponse, ApiError> {
    update(&req, &user, EditMode::Replace, body).await
}

/// Changes only the fields a body carries.
#[utoipa::path(
    patch, path = "/api/resume/enhanced-resume/{id}/", tag = "enhancement",
    description = "PATCH changes only what it carries. In a list section an item with an \
        `id` updates that item and an item without one is appended. Field rules as for PUT.",
    params(("id" = i64, Path, minimum = 1, description = "The enhanced resume id")),
    request_body = ResumeDto,
    responses(
        (status = 200, description = "The updated resume", body = ResumeDto),
        (status = 400, description = "Invalid body; `details.field` names the field",
            body = ErrorBody),
        (status = 401, description = "Missing, invalid or expired token", body = ErrorBody),
        (status = 404, description = "No such enhanced resume for this user", body = ErrorBody),
        (status = 413, description = "The JSON body is over the limit", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub(crate) async fn patch_enhanced_resume(
    req: HttpRequest,
    user: CurrentUser,
    body: JsonObject,
) -> Result<HttpResponse, ApiError> {
    update(&req, &user, EditMode::Merge, body).await
}
