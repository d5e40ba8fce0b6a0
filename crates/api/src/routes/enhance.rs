//! `POST /api/resume/enhance-resume/{job_id}/`: upload and enhance.
//!
//! Checks run cheapest first, and none reads the upload before the caller is
//! known to be allowed: bearer token (401), job exists (404), subscription
//! and quota (403, 429), declared `Content-Length` (413), then the multipart
//! body is streamed, and refused with 413 as soon as the `file` field passes
//! the limit, before the rest of the body is read.

use actix_multipart::{Field, Multipart};
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt as _;
use resume_domain::JobId;

use crate::dto::{EnhanceResponse, MatchDto, ResumeDto};
use crate::error::{ApiError, ErrorBody};
use crate::extract::{
    declared_length, path_id, services, settings, within_body_timeout, CurrentUser,
};
use crate::routes::endpoint;

/// Bytes allowed in a multipart body beyond the file itself: boundaries,
/// part headers and small extra fields.
const MULTIPART_OVERHEAD_BYTES: usize = 64 * 1024;
/// Most parts read from one upload before giving up on finding `file`.
const MAX_PARTS: usize = 16;

/// The upload form, for the OpenAPI description.
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "describes the request body for OpenAPI only")]
pub(crate) struct UploadForm {
    /// The resume: PDF, DOCX, DOC, ODT, RTF or plain text, told by its bytes.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// The message of a completed enhancement.
pub(crate) const COMPLETED: &str = "Resume enhancement completed successfully.";

pub(crate) fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(
        endpoint("/api/resume/enhance-resume/{job_id}/", "POST")
            .route(web::post().to(enhance_resume)),
    );
}

fn require_multipart(req: &HttpRequest) -> Result<(), ApiError> {
    let is_multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .trim()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        });

    if is_multipart {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType(
            "the upload must be multipart/form-data with the resume in a field named `file`".into(),
        ))
    }
}

fn multipart_failure(err: &actix_multipart::MultipartError) -> ApiError {
    ApiError::bad_request(format!("the multipart body could not be read: {err}"))
}

async fn read_field(field: &mut Field, limit: usize, sink: &mut Vec<u8>) -> Result<(), ApiError> {
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(|err| multipart_failure(&err))?;
        if sink.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge { limit });
        }
        sink.extend_from_slice(&chunk);
    }
    Ok(())
}

/// Streams the multipart body and returns the bytes of its `file` field.
async fn read_file(
    req: &HttpRequest,
    payload: web::Payload,
    limit: usize,
) -> Result<Vec<u8>, ApiError> {
    require_multipart(req)?;
    if declared_length(req).is_some_and(|len| len > limit + MULTIPART_OVERHEAD_BYTES) {
        return Err(ApiError::PayloadTooLarge { limit });
    }

    let mut parts = Multipart::new(req.headers(), payload);
    let mut other_bytes = Vec::new();
    for _ in 0..MAX_PARTS {
        let Some(field) = parts.next().await else {
            break;
        };
        let mut field = field.map_err(|err| multipart_failure(&err))?;

        if field.name() == Some("file") {
            let mut file = Vec::new();
            read_field(&mut field, limit, &mut file).await?;
            return Ok(file);
        }

        other_bytes.clear();
        read_field(&mut field, MULTIPART_OVERHEAD_BYTES, &mut other_bytes).await?;
    }
    Err(ApiError::bad_field(
        "file",
        "the upload has no `file` field",
    ))
}

/// Tailors an uploaded resume to a job and stores the result.
#[utoipa::path(
    post, path = "/api/resume/enhance-resume/{job_id}/", tag = "enhancement",
    description = "Runs synchronously: the answer carries the stored enhanced resume. \
        Checks run in this order, and the upload is not read before the first three pass: \
        bearer token (401), job exists (404), subscription and quota (403, 429), then the \
        upload: a `Content-Length` over the limit or a `file` part that grows past it while \
        streaming is 413 at once; no `file` part is 400; the format is decided by the bytes, \
        not the file name (PDF, DOCX, DOC, ODT, RTF, plain text; anything else 415); a scan \
        without a text layer, an encrypted or damaged document, or one with no text is 400 \
        saying which; a document over an extraction limit (pages, decompressed size, \
        entries) is 413.",
    params(("job_id" = i64, Path, minimum = 1, description = "The job to tailor the resume to")),
    request_body(content_type = "multipart/form-data", content = UploadForm,
        description = "A form with the resume file in the field `file`"),
    responses(
        (status = 200, description = "Enhancement completed", body = EnhanceResponse),
        (status = 400, description = "No `file` field, unreadable multipart, or no \
            extractable text (scanned, encrypted, damaged, empty)", body = ErrorBody),
        (status = 401, description = "Missing, invalid or expired token", body = ErrorBody),
        (status = 403, description = "No subscription, an expired one, or a tier without \
            enhancement; `details.reason` is `no_subscription`, `subscription_expired` or \
            `tier_excludes_feature`", body = ErrorBody),
        (status = 404, description = "No such job", body = ErrorBody),
        (status = 408, description = "The upload did not arrive in time", body = ErrorBody),
        (status = 413, description = "The upload or the document is too large", body = ErrorBody),
        (status = 415, description = "Not multipart, or a file format that is not supported",
            body = ErrorBody),
        (status = 429, description = "The 24-hour quota is used up; see `Retry-After`",
            body = ErrorBody),
        (status = 503, description = "The model is unavailable; see `Retry-After`",
            body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub(crate) async fn enhance_resume(
    req: HttpRequest,
    user: CurrentUser,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let services = services(&req)?;
    let job = JobId::new(path_id(&req, "job_id")?);
    let admission = services.enhancements.admit(&user.0, job).await?;

    let settings = settings(&req);
    let read = read_file(&req, payload, settings.max_upload_bytes);
    let file = within_body_timeout(settings.body_timeout_secs, read).await?;
    tracing::info!(upload.bytes = file.len(), "upload received");
    let outcome = services.enhancements.enhance(admission, file).await?;

    let resume = &outcome.resume;
    Ok(HttpResponse::Ok().json(EnhanceResponse {
        message: COMPLETED,
        status: "completed",
        enhanced_resume: ResumeDto::from(resume),
        engine: resume.engine.as_str(),
        match_report: MatchDto::from(&resume.report),
        warnings: outcome.warnings,
    }))
}
