//! Accounts, tokens and subscriptions.

use actix_web::{web, HttpRequest, HttpResponse};
use resume_domain::service::Registration;
use resume_domain::{Subscription, Tier, UserId};

use crate::dto::{
    LoginRequest, LoginResponse, RegisterRequest, SetSubscriptionRequest, SubscriptionDto, UserDto,
};
use crate::error::{ApiError, ErrorBody};
use crate::extract::{path_id, services, CurrentUser, JsonBody};
use crate::routes::endpoint;

pub(crate) fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(endpoint("/api/auth/register/", "POST").route(web::post().to(register_user)))
        .service(endpoint("/api/auth/login/", "POST").route(web::post().to(login)))
        .service(endpoint("/api/auth/me/", "GET").route(web::get().to(me)))
        .service(endpoint("/api/subscription/", "GET").route(web::get().to(subscription)))
        .service(
            endpoint("/api/admin/users/{id}/subscription/", "PUT")
                .route(web::put().to(set_subscription)),
        );
}

/// Opens an account on the free tier.
#[utoipa::path(
    post, path = "/api/auth/register/", tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "The new account", body = UserDto),
        (status = 400, description = "Invalid email, password shorter than 8 characters, \
            missing or unknown field; `details.field` names it", body = ErrorBody),
        (status = 409, description = "The email is already registered", body = ErrorBody),
        (status = 413, description = "The JSON body is over the limit", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
    )
)]
pub(crate) async fn register_user(
    req: HttpRequest,
    body: JsonBody<RegisterRequest>,
) -> Result<HttpResponse, ApiError> {
    let services = services(&req)?;
    let RegisterRequest {
        email,
        password,
        full_name,
    } = body.0;

    let user = services
        .accounts
        .register(Registration {
            email,
            password,
            full_name,
        })
        .await?;

    let (_, status) = services.accounts.subscription_of(&user);
    Ok(HttpResponse::Created().json(UserDto::new(&user, status)))
}

/// Exchanges credentials for a bearer token.
#[utoipa::path(
    post, path = "/api/auth/login/", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = LoginResponse),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Unknown email or wrong password: the same answer for \
            both, taking the same time", body = ErrorBody),
    )
)]
pub(crate) async fn login(
    req: HttpRequest,
    body: JsonBody<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let services = services(&req)?;

    let session = services
        .accounts
        .login(&body.0.email, &body.0.password)
        .await?;

    let (_, status) = services.accounts.subscription_of(&session.user);
    Ok(HttpResponse::Ok().json(LoginResponse {
        access_token: session.token.token,
        token_type: "Bearer",
        expires_in: session.token.expires_in,
        user: UserDto::new(&session.user, status),
    }))
}

/// The signed-in account.
#[utoipa::path(
    get, path = "/api/auth/me/", tag = "auth",
    responses(
        (status = 200, description = "The account", body = UserDto),
        (status = 401, description = "Missing, invalid or expired token", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub(crate) async fn me(req: HttpRequest, user: CurrentUser) -> Result<HttpResponse, ApiError> {
    let services = services(&req)?;

    let (_, status) = services.accounts.subscription_of(&user.0);
    Ok(HttpResponse::Ok().json(UserDto::new(&user.0, status)))
}

/// The signed-in account's subscription and whether it is in force.
#[utoipa::path(
    get, path = "/api/subscription/", tag = "subscriptions",
    responses(
        (status = 200, description = "The subscription", body = SubscriptionDto),
        (status = 401, description = "Missing, invalid or expired token", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub(crate) async fn subscription(
    req: HttpRequest,
    user: CurrentUser,
) -> Result<HttpResponse, ApiError> {
    let services = services(&req)?;

    let (subscription, status) = services.accounts.subscription_of(&user.0);
    Ok(HttpResponse::Ok().json(SubscriptionDto::new(subscription, status)))
}

/// Sets any account's subscription (administrators only).
#[utoipa::path(
    put, path = "/api/admin/users/{id}/subscription/", tag = "subscriptions",
    params(("id" = i64, Path, minimum = 1, description = "The account's id")),
    request_body = SetSubscriptionRequest,
    responses(
        (status = 200, description = "The account with its new subscription", body = UserDto),
        (status = 400, description = "Unknown tier, bad timestamp or bad id", body = ErrorBody),
        (status = 401, description = "Missing, invalid or expired token", body = ErrorBody),
        (status = 403, description = "The caller is not an administrator", body = ErrorBody),
        (status = 404, description = "No such account", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub(crate) async fn set_subscription(
    req: HttpRequest,
    actor: CurrentUser,
    body: JsonBody<SetSubscriptionRequest>,
) -> Result<HttpResponse, ApiError> {
    let services = services(&req)?;
    let target = UserId::new(path_id(&req, "id")?);
    let tier: Tier = body.0.tier.parse()?;
    let plan = Subscription {
        tier,
        expires_at: body.0.expires_at,
    };

    let user = services
        .accounts
        .set_subscription(&actor.0, target, plan)
        .await?;

    let (_, status) = services.accounts.subscription_of(&user);
    Ok(HttpResponse::Ok().json(UserDto::new(&user, status)))
}
