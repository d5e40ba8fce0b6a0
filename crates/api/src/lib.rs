//! The HTTP layer of resume-enhancer, on actix-web.
//!
//! It knows the use cases of [`resume_domain::service`] and nothing of the
//! adapters behind them: the server binary builds [`Services`] and calls
//! [`serve`]. Every route of the API document and the platform contract is
//! here, with the JSON shapes of `dto`, one error mapping in [`ApiError`], a
//! request id and one log event per request, and an OpenAPI 3.1 document at
//! `GET /api/openapi.json` with a self-contained page at `GET /docs`.

mod dto;
mod error;
mod extract;
mod openapi;
mod routes;
mod telemetry;

use std::net::TcpListener;

pub use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};
use resume_domain::service::Services;

pub use error::{ApiError, ErrorBody};
pub use openapi::{document as openapi_document, ApiDoc};
pub use telemetry::REQUEST_ID_HEADER;

/// Limits and timings of the HTTP layer.
#[derive(Debug, Clone)]
pub struct ApiSettings {
    /// Largest resume file accepted, in bytes (`MAX_UPLOAD_BYTES`).
    pub max_upload_bytes: usize,
    /// Largest JSON body accepted, in bytes.
    pub max_json_bytes: usize,
    /// Seconds a client gets to send a whole request body (JSON or upload)
    /// once its head has arrived; a slower body is answered 408.
    pub body_timeout_secs: u64,
    /// Seconds in-flight requests get to finish after a stop signal.
    pub shutdown_timeout_secs: u64,
    /// Worker threads; `None` for one per CPU core.
    pub workers: Option<usize>,
}

impl ApiSettings {
    /// Default upload limit: 10 MiB.
    pub const DEFAULT_MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;
    /// Default JSON limit: 1 MiB, far above any real resume.
    pub const DEFAULT_MAX_JSON_BYTES: usize = 1024 * 1024;
}

impl Default for ApiSettings {
    fn default() -> Self {
        Self {
            max_upload_bytes: Self::DEFAULT_MAX_UPLOAD_BYTES,
            max_json_bytes: Self::DEFAULT_MAX_JSON_BYTES,
            body_timeout_secs: 120,
            shutdown_timeout_secs: 30,
            workers: None,
        }
    }
}

/// Registers every route with its shared state. The app that uses it should
/// also be wrapped in the request-id middleware, as [`serve`] does; tests
/// may use it with `actix_web::test`.
pub fn configure(
    services: Services,
    settings: ApiSettings,
) -> impl Fn(&mut web::ServiceConfig) + Clone {
    let services = web::Data::new(services);
    let settings = web::Data::new(settings);

    move |cfg: &mut web::ServiceConfig| {
        cfg.app_data(services.clone()).app_data(settings.clone());
        routes::register(cfg);
        cfg.default_service(web::to(routes::route_not_found));
    }
}

/// Builds the HTTP server on `listener` (bind it to port 0 in tests). Call it
/// inside an actix runtime (`#[actix_web::main]`, `#[actix_web::test]`, or
/// [`run`]); the returned [`Server`] serves while it is awaited or spawned.
/// It stops gracefully on SIGTERM or SIGINT, giving in-flight requests
/// `shutdown_timeout_secs` to finish.
///
/// # Errors
/// The I/O error when the listener cannot be used.
pub fn serve(
    listener: TcpListener,
    services: Services,
    settings: ApiSettings,
) -> std::io::Result<Server> {
    let shutdown = settings.shutdown_timeout_secs;
    let workers = settings.workers;
    let routes = configure(services, settings);

    let mut server = HttpServer::new(move || {
        App::new()
            .wrap(from_fn(telemetry::trace_request))
            .configure(routes.clone())
    })
    .shutdown_timeout(shutdown);

    if let Some(workers) = workers {
        server = server.workers(workers);
    }
    Ok(server.listen(listener)?.run())
}

/// Serves on a new actix system until the server stops (SIGTERM or SIGINT),
/// for a caller that runs no async runtime of its own.
///
/// # Errors
/// The I/O error when the listener cannot be used or the server fails.
pub fn run(
    listener: TcpListener,
    services: Services,
    settings: ApiSettings,
) -> std::io::Result<()> {
    actix_web::rt::System::new().block_on(async move { serve(listener, services, settings)?.await })
}
