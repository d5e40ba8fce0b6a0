//! `resume-server`: see `resume-server --help`.

use std::process::ExitCode;

use clap::Parser;
use resume_server::cli::Cli;

fn main() -> ExitCode {
    let command = Cli::parse().into_command();
    match resume_server::run(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("resume-server: error: {err}");
            ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(1))
        }
    }
}
