//! Request extractors that fail with [`ApiError`], so that a bad body, path or
//! header is answered in the same JSON envelope as every other error.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;
use futures_util::StreamExt as _;
use resume_domain::service::Services;
use resume_domain::{User, UserId};
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::ApiSettings;

/// The signed-in account, from `Authorization: Bearer <token>`.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub User);

/// The id of the signed-in account, left in the request extensions for the
/// request log.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AuthenticatedId(pub UserId);

fn bearer_token(req: &HttpRequest) -> Result<String, ApiError> {
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or(ApiError::MissingCredentials(
            "authentication credentials were not provided",
        ))?;

    let value = value
        .to_str()
        .map_err(|_| ApiError::MissingCredentials("the Authorization header is not readable"))?;

    match value.trim().split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(token.trim().to_owned())
        }
        _ => Err(ApiError::MissingCredentials(
            "the Authorization header must be `Bearer <token>`",
        )),
    }
}

pub(crate) fn services(req: &HttpRequest) -> Result<web::Data<Services>, ApiError> {
    req.app_data::<web::Data<Services>>()
        .cloned()
        .ok_or_else(|| resume_domain::DomainError::Internal("services are not configured".into()))
        .map_err(ApiError::from)
}

pub(crate) fn settings(req: &HttpRequest) -> ApiSettings {
    req.app_data::<web::Data<ApiSettings>>()
        .map(|data| data.get_ref().clone())
        .unwrap_or_default()
}

impl FromRequest for CurrentUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();

        Box::pin(async move {
            let token = bearer_token(&req)?;
            let services = services(&req)?;
            let user = services.accounts.authenticate(&token).await?;

            tracing::Span::current().record("user.id", user.id.get());
            req.extensions_mut().insert(AuthenticatedId(user.id));
            Ok(Self(user))
        })
    }
}

/// Reads a whole body, refusing it with 413 as soon as it passes `limit`
/// (at once when `Content-Length` already says so).
pub(crate) async fn read_body(
    req: &HttpRequest,
    payload: &mut Payload,
    limit: usize,
) -> Result<Vec<u8>, ApiError> {
    if declared_length(req).is_some_and(|len| len > limit) {
        return Err(ApiError::PayloadTooLarge { limit });
    }

    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk
            .map_err(|err| ApiError::bad_request(format!("could not read the body: {err}")))?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Runs `read` within the time allowed for a request body.
pub(crate) async fn within_body_timeout<T>(
    secs: u64,
    read: impl std::future::Future<Output = Result<T, ApiError>>,
) -> Result<T, ApiError> {
    actix_web::rt::time::timeout(std::time::Duration::from_secs(secs), read)
        .await
        .map_err(|_| ApiError::BodyTimeout(secs))?
}

/// The `Content-Length` the client declared, when it is a number.
pub(crate) fn declared_length(req: &HttpRequest) -> Option<usize> {
    req.headers()
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

fn require_json_content_type(req: &HttpRequest) -> Result<(), ApiError> {
    let is_json =
        req.mime_type().ok().flatten().is_some_and(|mime| {
            mime.subtype() == "json" || mime.suffix().is_some_and(|s| s == "json")
        });

    if is_json {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType(
            "the body must be JSON with `Content-Type: application/json`".into(),
        ))
    }
}

/// Names the field a serde error is about: the path serde was at, plus the
/// field quoted in a "missing field" message (an unknown field is already
/// the last step of the path).
fn field_of(path: &serde_path_to_error::Path, message: &str) -> String {
    let missing = message
        .split_once("missing field `")
        .and_then(|(_, rest)| rest.split_once('`'))
        .map(|(name, _)| name.to_owned());

    let at = path.to_string();
    match (at.as_str(), missing) {
        (".", Some(name)) => name,
        (".", None) => String::new(),
        (_, Some(name)) => format!("{at}.{name}"),
        (_, None) => at,
    }
}

/// Parses JSON bytes into `T`, naming the offending field on failure.
pub(crate) fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let parsed: Result<T, _> = serde_path_to_error::deserialize(&mut deserializer);

    let value = parsed.map_err(|err| {
        let message = err.inner().to_string();
        match field_of(err.path(), &message) {
            field if field.is_empty() || err.inner().is_syntax() || err.inner().is_eof() => {
                ApiError::bad_request(format!("malformed JSON body: {message}"))
            }
            field => ApiError::bad_field(field, message),
        }
    })?;

    deserializer
        .end()
        .map_err(|err| ApiError::bad_request(format!("malformed JSON body: {err}")))?;
    Ok(value)
}

/// A JSON body parsed into `T` within the configured size limit; unknown
/// fields, wrong types and malformed JSON are 400s naming the field.
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for JsonBody<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let mut payload = payload.take();

        Box::pin(async move {
            require_json_content_type(&req)?;

            let settings = settings(&req);
            let read = read_body(&req, &mut payload, settings.max_json_bytes);
            let bytes = within_body_timeout(settings.body_timeout_secs, read).await?;
            parse_json(&bytes).map(Self)
        })
    }
}

/// A JSON body that must be an object, handed to the domain as it is.
#[derive(Debug)]
pub struct JsonObject(pub serde_json::Value);

impl FromRequest for JsonObject {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = JsonBody::<serde_json::Value>::from_request(req, payload);

        Box::pin(async move {
            match body.await?.0 {
                value @ serde_json::Value::Object(_) => Ok(Self(value)),
                _ => Err(ApiError::bad_request("the body must be a JSON object")),
            }
        })
    }
}

/// A numeric id from the path, named after its placeholder; anything else
/// is a 400 naming the placeholder.
pub(crate) fn path_id(req: &HttpRequest, name: &str) -> Result<i64, ApiError> {
    let raw = req.match_info().get(name).unwrap_or_default();

    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| ApiError::bad_field(name, "must be a positive integer"))
}
