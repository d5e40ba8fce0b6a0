//! The HTTP application: built from the settings, bound to its socket, run
//! until a signal asks it to stop.

use std::net::TcpListener;

use actix_web::dev::Server;
use resume_api::ApiSettings;
use resume_domain::service::Services;
use tracing::{info, warn};

use crate::components;
use crate::config::Settings;
use crate::error::ServerError;

/// A server bound to its port, ready to run.
pub struct Application {
    port: u16,
    server: Server,
}

impl std::fmt::Debug for Application {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Application")
            .field("port", &self.port)
            .finish_non_exhaustive()
    }
}

impl Application {
    /// Opens and migrates the database, makes sure the configured
    /// administrator exists, wires the services and binds the socket
    /// (`PORT=0` picks a free port; see [`Application::port`]).
    ///
    /// # Errors
    /// [`ServerError`] when any of these steps fails.
    pub async fn build(settings: Settings) -> Result<Self, ServerError> {
        let key = components::serving_key(&settings)?;
        let store = components::open_store(&settings).await?;
        let services = components::services(&settings, &store, &key)?;
        ensure_admin(&settings, &services).await?;

        let address = (settings.server.host.as_str(), settings.server.port);
        let listener = TcpListener::bind(address).map_err(|err| {
            let what = format!("cannot listen on {}:{}", address.0, address.1);
            ServerError::io(what, err)
        })?;
        let port = listener
            .local_addr()
            .map_err(|err| ServerError::io("cannot read the bound address", err))?
            .port();

        let server = resume_api::serve(listener, services, api_settings(&settings))
            .map_err(|err| ServerError::io("cannot start the HTTP server", err))?;
        info!(host = %settings.server.host, port, "listening");
        Ok(Self { port, server })
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGINT or SIGTERM, then gives requests in flight up to
    /// 30 seconds to finish (the HTTP layer listens for both signals).
    ///
    /// # Errors
    /// [`ServerError::Io`] when the server fails.
    pub async fn run_until_stopped(self) -> Result<(), ServerError> {
        self.server
            .await
            .map_err(|err| ServerError::io("the HTTP server failed", err))?;
        info!("stopped");
        Ok(())
    }
}

fn api_settings(settings: &Settings) -> ApiSettings {
    ApiSettings {
        max_upload_bytes: usize::try_from(settings.server.max_upload_bytes).unwrap_or(usize::MAX),
        workers: (settings.server.workers > 0).then_some(settings.server.workers),
        ..ApiSettings::default()
    }
}

async fn ensure_admin(settings: &Settings, services: &Services) -> Result<(), ServerError> {
    match (settings.admin_account(), &settings.auth.admin_email) {
        (Some((email, password)), _) => {
            let admin = services
                .accounts
                .ensure_admin(email, password.expose())
                .await?;
            info!(user.id = %admin.id, "administrator account is in place");
        }
        (None, Some(_)) => {
            warn!("ADMIN_EMAIL is set without ADMIN_PASSWORD; no administrator made")
        }
        (None, None) => {}
    }
    Ok(())
}
