//! The one place where failures become HTTP responses.
//!
//! Every error leaves the server as `{"error": "...", "details": ...}` with
//! `details` present only when it adds something a client can act on. The
//! mapping of [`DomainError`] variants to statuses is [`ApiError::status_code`];
//! the reasons behind each choice are repeated in the OpenAPI description.
//!
//! A 500 tells the client only that the request failed; its full cause is
//! logged once, here, at the boundary.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{HttpResponse, HttpResponseBuilder, ResponseError};
use resume_domain::{
    DomainError, EnhanceError, ExtractError, GateRefusal, RepoError, ValidationError,
};
use serde::Serialize;
use serde_json::{json, Value};
use utoipa::ToSchema;

/// Seconds a client is asked to wait when the model is unavailable and the
/// enhancer gave no hint of its own.
const DEFAULT_ENHANCER_RETRY_SECS: u64 = 30;
/// Seconds a client is asked to wait when the database is unavailable.
const STORAGE_RETRY_SECS: u64 = 5;

/// The JSON body of every error response.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"error": "email: is not a valid email address",
    "details": {"field": "email", "message": "is not a valid email address"}}))]
pub struct ErrorBody {
    /// What went wrong, in a sentence meant for people.
    pub error: String,
    /// Structured context: the offending `field`, a refusal `reason`, limits.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub details: Option<Value>,
}

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A use case refused or failed.
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// The request itself is malformed (bad JSON, bad path or query value).
    #[error("{message}")]
    BadRequest {
        /// What is wrong.
        message: String,
        /// The offending field, when one can be named.
        field: Option<String>,
    },
    /// No or unusable `Authorization` header.
    #[error("{0}")]
    MissingCredentials(&'static str),
    /// The body is larger than the configured limit, in bytes.
    #[error("the request body exceeds the limit of {limit} bytes")]
    PayloadTooLarge {
        /// The limit that was passed.
        limit: usize,
    },
    /// The body did not arrive within the time allowed, in seconds.
    #[error("the request body did not arrive within {0} seconds")]
    BodyTimeout(u64),
    /// The body has a content type this endpoint does not read.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// No route has this path.
    #[error("no route matches this path")]
    RouteNotFound,
    /// The route exists but not with this method.
    #[error("method {method} is not allowed here")]
    MethodNotAllowed {
        /// The method used.
        method: Method,
        /// The methods the route accepts, for the `Allow` header.
        allow: &'static str,
    },
}

impl ApiError {
    /// A 400 that names `field`.
    pub fn bad_field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadRequest {
            message: message.into(),
            field: Some(field.into()),
        }
    }

    /// A 400 that names no field.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::BadRequest {
            message: message.into(),
            field: None,
        }
    }
}

impl From<ValidationError> for ApiError {
    fn from(err: ValidationError) -> Self {
        Self::Domain(DomainError::Validation(err))
    }
}

/// Status, body and extra headers of one error response.
struct Rendered {
    status: StatusCode,
    body: ErrorBody,
    retry_after: Option<u64>,
}

impl Rendered {
    fn new(status: StatusCode, error: impl Into<String>) -> Self {
        Self {
            status,
            body: ErrorBody {
                error: error.into(),
                details: None,
            },
            retry_after: None,
        }
    }

    fn details(mut self, details: Value) -> Self {
        self.body.details = Some(details);
        self
    }

    fn retry_after(mut self, secs: u64) -> Self {
        self.retry_after = Some(secs);
        self
    }
}

fn field_details(field: &str, message: &str) -> Value {
    json!({ "field": field, "message": message })
}

fn internal(cause: &dyn std::fmt::Display) -> Rendered {
    tracing::error!(error.cause = %cause, "request failed with an internal error");
    Rendered::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "the request could not be completed",
    )
}

fn render_validation(err: &ValidationError) -> Rendered {
    Rendered::new(StatusCode::BAD_REQUEST, err.to_string())
        .details(field_details(&err.field, &err.message))
}

fn render_refusal(refusal: &GateRefusal) -> Rendered {
    let reason = match refusal {
        GateRefusal::NoSubscription => "no_subscription",
        GateRefusal::Expired => "subscription_expired",
        GateRefusal::TierExcludesFeature => "tier_excludes_feature",
        GateRefusal::QuotaExceeded {
            limit,
            retry_after_secs,
        } => {
            return Rendered::new(StatusCode::TOO_MANY_REQUESTS, refusal.to_string())
                .details(json!({ "reason": "quota_exceeded", "limit": limit,
                    "retry_after_secs": retry_after_secs }))
                .retry_after(*retry_after_secs);
        }
    };
    Rendered::new(StatusCode::FORBIDDEN, refusal.to_string()).details(json!({ "reason": reason }))
}

fn render_extraction(err: &ExtractError) -> Rendered {
    let status = match err {
        ExtractError::UnsupportedFormat(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ExtractError::LimitExceeded { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        ExtractError::Empty
        | ExtractError::Encrypted
        | ExtractError::NoTextLayer
        | ExtractError::Corrupt(_)
        | ExtractError::Timeout(_)
        | ExtractError::NoText => StatusCode::BAD_REQUEST,
    };
    let rendered = Rendered::new(status, err.to_string());

    match err {
        ExtractError::LimitExceeded { limit, .. } => rendered.details(json!({ "limit": limit })),
        _ => rendered,
    }
}

fn render_enhancement(err: &EnhanceError) -> Rendered {
    match err {
        EnhanceError::Unavailable {
            reason,
            retry_after_secs,
        } => {
            tracing::warn!(enhancer.reason = %reason, "enhancement model unavailable");
            Rendered::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the enhancement model is unavailable; try again later",
            )
            .retry_after(retry_after_secs.unwrap_or(DEFAULT_ENHANCER_RETRY_SECS))
        }
        EnhanceError::Internal(_) => internal(err),
    }
}

fn render_storage(err: &RepoError) -> Rendered {
    match err {
        RepoError::NotFound => Rendered::new(StatusCode::NOT_FOUND, "not found"),
        RepoError::Conflict(what) => Rendered::new(StatusCode::CONFLICT, what.clone()),
        RepoError::Rejected(invalid) => render_validation(invalid),
        RepoError::Unavailable(cause) => {
            tracing::error!(error.cause = %cause, "database unavailable");
            Rendered::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the database is unavailable",
            )
            .retry_after(STORAGE_RETRY_SECS)
        }
        RepoError::Internal(_) => internal(err),
    }
}

fn render_domain(err: &DomainError) -> Rendered {
    match err {
        DomainError::Validation(invalid) => render_validation(invalid),
        DomainError::Unauthenticated(why) => Rendered::new(StatusCode::UNAUTHORIZED, why.clone()),
        DomainError::Forbidden(why) => Rendered::new(StatusCode::FORBIDDEN, why.clone()),
        DomainError::NotFound(_) => Rendered::new(StatusCode::NOT_FOUND, err.to_string()),
        DomainError::Conflict(why) => Rendered::new(StatusCode::CONFLICT, why.clone()),
        DomainError::Subscription(refusal) => render_refusal(refusal),
        DomainError::Extraction(failure) => render_extraction(failure),
        DomainError::Enhancement(failure) => render_enhancement(failure),
        DomainError::Storage(failure) => render_storage(failure),
        DomainError::Hashing(_) | DomainError::Internal(_) => internal(err),
    }
}

impl ApiError {
    fn render(&self) -> Rendered {
        match self {
            Self::Domain(err) => render_domain(err),
            Self::BadRequest {
                message,
                field: Some(field),
            } => Rendered::new(StatusCode::BAD_REQUEST, format!("{field}: {message}"))
                .details(field_details(field, message)),
            Self::BadRequest {
                message,
                field: None,
            } => Rendered::new(StatusCode::BAD_REQUEST, message.clone()),
            Self::MissingCredentials(why) => Rendered::new(StatusCode::UNAUTHORIZED, *why),
            Self::PayloadTooLarge { limit } => {
                Rendered::new(StatusCode::PAYLOAD_TOO_LARGE, self.to_string())
                    .details(json!({ "limit_bytes": limit }))
            }
            Self::UnsupportedMediaType(why) => {
                Rendered::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, why.clone())
            }
            Self::BodyTimeout(_) => Rendered::new(StatusCode::REQUEST_TIMEOUT, self.to_string()),
            Self::RouteNotFound => Rendered::new(StatusCode::NOT_FOUND, self.to_string()),
            Self::MethodNotAllowed { allow, .. } => {
                Rendered::new(StatusCode::METHOD_NOT_ALLOWED, self.to_string())
                    .details(json!({ "allow": allow }))
            }
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::Domain(err) => domain_status(err),
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::MissingCredentials(_) => StatusCode::UNAUTHORIZED,
            Self::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::BodyTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            Self::RouteNotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let rendered = self.render();
        let mut response = HttpResponseBuilder::new(rendered.status);

        if let Some(secs) = rendered.retry_after {
            response.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        if rendered.status == StatusCode::UNAUTHORIZED {
            response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
        }
        if let Self::MethodNotAllowed { allow, .. } = self {
            response.insert_header((header::ALLOW, *allow));
        }

        response.json(rendered.body)
    }
}

/// The status a domain error maps to, without logging anything.
fn domain_status(err: &DomainError) -> StatusCode {
    match err {
        DomainError::Validation(_) => StatusCode::BAD_REQUEST,
        DomainError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
        DomainError::Forbidden(_) => StatusCode::FORBIDDEN,
        DomainError::NotFound(_) => StatusCode::NOT_FOUND,
        DomainError::Conflict(_) => StatusCode::CONFLICT,
        DomainError::Subscription(GateRefusal::QuotaExceeded { .. }) => {
            StatusCode::TOO_MANY_REQUESTS
        }
        DomainError::Subscription(_) => StatusCode::FORBIDDEN,
        DomainError::Extraction(ExtractError::UnsupportedFormat(_)) => {
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        }
        DomainError::Extraction(ExtractError::LimitExceeded { .. }) => {
            StatusCode::PAYLOAD_TOO_LARGE
        }
        DomainError::Extraction(_) => StatusCode::BAD_REQUEST,
        DomainError::Enhancement(EnhanceError::Unavailable { .. }) => {
            StatusCode::SERVICE_UNAVAILABLE
        }
        DomainError::Storage(RepoError::Unavailable(_)) => StatusCode::SERVICE_UNAVAILABLE,
        DomainError::Storage(RepoError::NotFound) => StatusCode::NOT_FOUND,
        DomainError::Storage(RepoError::Conflict(_)) => StatusCode::CONFLICT,
        DomainError::Storage(RepoError::Rejected(_)) => StatusCode::BAD_REQUEST,
        DomainError::Enhancement(_)
        | DomainError::Storage(_)
        | DomainError::Hashing(_)
        | DomainError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}
