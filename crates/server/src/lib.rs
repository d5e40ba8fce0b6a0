//! The resume-enhancer server: configuration, wiring of every adapter into
//! the domain's services, the command-line commands and the HTTP start-up.
//!
//! `main.rs` only parses the command line and calls [`run`]; the end-to-end
//! tests start the same [`Application`] on a free port.

#![deny(missing_docs)]

mod app;
pub mod cli;
pub mod commands;
pub mod components;
pub mod config;
pub mod database;
pub mod error;
pub mod secret_key;
pub mod telemetry;

use std::io::Write;

pub use app::Application;
pub use config::Settings;
pub use error::ServerError;

use cli::{Command, JobCommand, SubscriptionCommand, UserCommand};

/// Loads the configuration, sets up logging and runs `command` to its end.
///
/// # Errors
/// [`ServerError`]; its [`ServerError::exit_code`] is the process's.
pub fn run(command: Command) -> Result<(), ServerError> {
    let settings = Settings::from_process_env()?;
    telemetry::init(&settings.log)?;

    let mut builder = match command {
        // Extraction is synchronous and needs no runtime: a command-line run
        // is mostly process start-up, and a runtime with its blocking thread
        // would be most of what remains.
        Command::Extract(args) => return print_text(&commands::extract(&settings, args)?),
        // Serving wants a worker per core.
        Command::Serve => tokio::runtime::Builder::new_multi_thread(),
        // The other one-shot commands are done before a pool of workers
        // would have started, so they run on the calling thread.
        _ => tokio::runtime::Builder::new_current_thread(),
    };
    let runtime = builder
        .enable_all()
        .build()
        .map_err(|err| ServerError::io("cannot start the async runtime", err))?;
    runtime.block_on(dispatch(command, settings))
}

async fn dispatch(command: Command, settings: Settings) -> Result<(), ServerError> {
    match command {
        Command::Serve => {
            Application::build(settings)
                .await?
                .run_until_stopped()
                .await
        }
        Command::Migrate => commands::migrate(&settings).await,
        Command::User(UserCommand::Create(args)) => {
            print_json(&commands::create_user(&settings, args).await?)
        }
        Command::Subscription(SubscriptionCommand::Set(args)) => {
            print_json(&commands::set_subscription(&settings, args).await?)
        }
        Command::Job(JobCommand::Create(args)) => {
            print_json(&commands::create_job(&settings, args).await?)
        }
        // Handled by `run` without a runtime.
        Command::Extract(args) => print_text(&commands::extract(&settings, args)?),
        Command::Enhance(args) => print_json(&commands::enhance(&settings, args).await?),
    }
}

fn print_json(value: &serde_json::Value) -> Result<(), ServerError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|err| ServerError::Input(format!("cannot print: {err}")))?;
    print_text(&text)
}

fn print_text(text: &str) -> Result<(), ServerError> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").map_err(|err| ServerError::io("cannot write to standard output", err))
}
