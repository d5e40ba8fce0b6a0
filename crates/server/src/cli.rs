//! The command line: `resume-server [COMMAND]`, serving when no command is
//! given.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use resume_domain::{Role, Tier};

/// Tailors resumes to job postings over a REST API.
///
/// Configuration comes from config/default.toml, config/local.toml and
/// environment variables (DATABASE_URL, PORT, JWT_SECRET, ENHANCER, ...).
#[derive(Debug, Parser)]
#[command(name = "resume-server", version, about)]
pub struct Cli {
    /// What to do; `serve` when absent.
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The command to run, `serve` by default.
    pub fn into_command(self) -> Command {
        self.command.unwrap_or(Command::Serve)
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run pending migrations, then serve HTTP until SIGINT or SIGTERM.
    Serve,
    /// Run pending migrations and exit.
    Migrate,
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage subscriptions.
    #[command(subcommand)]
    Subscription(SubscriptionCommand),
    /// Manage job postings.
    #[command(subcommand)]
    Job(JobCommand),
    /// Print the text extracted from a resume file (no database).
    Extract(ExtractArgs),
    /// Print a resume file tailored to a job posting, as JSON (no database).
    Enhance(EnhanceArgs),
}

/// `user ...`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account and print it as JSON.
    Create(CreateUserArgs),
}

/// `user create`
#[derive(Debug, Args)]
pub struct CreateUserArgs {
    /// Email address (compared case-insensitively).
    #[arg(long)]
    pub email: String,
    /// Password, at least 8 characters.
    #[arg(long)]
    pub password: String,
    /// Display name; the part of the email before `@` when absent.
    #[arg(long)]
    pub full_name: Option<String>,
    /// user, employer or admin.
    #[arg(long, default_value = "user", value_parser = parse_role)]
    pub role: Role,
    /// free, standard or premium.
    #[arg(long, default_value = "free", value_parser = parse_tier)]
    pub tier: Tier,
    /// Days until the subscription expires; no expiry when absent.
    #[arg(long)]
    pub days: Option<u32>,
}

/// `subscription ...`
#[derive(Debug, Subcommand)]
pub enum SubscriptionCommand {
    /// Set an account's tier and print the account as JSON.
    Set(SetSubscriptionArgs),
}

/// `subscription set`
#[derive(Debug, Args)]
pub struct SetSubscriptionArgs {
    /// Email of the account.
    #[arg(long)]
    pub email: String,
    /// free, standard or premium.
    #[arg(long, value_parser = parse_tier)]
    pub tier: Tier,
    /// Days until the subscription expires; no expiry when absent.
    #[arg(long)]
    pub days: Option<u32>,
}

/// `job ...`
#[derive(Debug, Subcommand)]
pub enum JobCommand {
    /// Create a job from a JSON file shaped like the body of `POST /api/jobs/`
    /// and print it as JSON.
    Create(CreateJobArgs),
}

/// `job create`
#[derive(Debug, Args)]
pub struct CreateJobArgs {
    /// The JSON file.
    #[arg(long)]
    pub file: PathBuf,
}

/// `extract`
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The resume file (PDF, DOCX, DOC, ODT, RTF or text; told by its bytes).
    pub file: PathBuf,
    /// Print the whole extracted document (format, text, links, pages) as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `enhance`
#[derive(Debug, Args)]
pub struct EnhanceArgs {
    /// The resume file.
    pub file: PathBuf,
    /// A job posting as JSON, shaped like the body of `POST /api/jobs/`.
    #[arg(long)]
    pub job_file: PathBuf,
}

fn parse_role(text: &str) -> Result<Role, String> {
    text.parse::<Role>().map_err(|err| err.message)
}

fn parse_tier(text: &str) -> Result<Tier, String> {
    text.parse::<Tier>().map_err(|err| err.message)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_definition_is_consistent() {
        <Cli as CommandFactory>::command().debug_assert();
    }

    #[test]
    fn no_argument_means_serve() {
        let cli = Cli::try_parse_from(["resume-server"]).unwrap();
        assert!(matches!(cli.into_command(), Command::Serve));
    }

    #[test]
    fn user_create_reads_every_option() {
        let cli = Cli::try_parse_from([
            "resume-server",
            "user",
            "create",
            "--email",
            "a@example.com",
            "--password",
            "long-enough",
            "--role",
            "employer",
            "--tier",
            "premium",
            "--days",
            "30",
            "--full-name",
            "Ada",
        ])
        .unwrap();
        let Command::User(UserCommand::Create(args)) = cli.into_command() else {
            panic!("wrong command")
        };
        assert_eq!(args.role, Role::Employer);
        assert_eq!(args.tier, Tier::Premium);
        assert_eq!(args.days, Some(30));
        assert_eq!(args.full_name.as_deref(), Some("Ada"));
    }

    #[test]
    fn an_unknown_tier_is_refused() {
        let err = Cli::try_parse_from([
            "resume-server",
            "subscription",
            "set",
            "--email",
            "a@example.com",
            "--tier",
            "gold",
        ])
        .unwrap_err();
        assert!(err.to_string().contains("free, standard, premium"), "{err}");
    }
}
