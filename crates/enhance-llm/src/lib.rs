//! Resume tailoring with a language model behind an OpenAI-compatible API
//! (OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio, llama.cpp server).
//!
//! The model never rewrites a resume. [`LlmEnhancer`] runs the offline
//! engine first, shows the model the editable fields of that result, the job
//! and the match report, and asks for a list of edits (see [`edits`]). Each
//! edit is applied only when it targets a tailorable field, its `original`
//! is the current text, and the result passes the domain truthfulness check
//! and this crate's checks on free text. Personal data is masked before the
//! request and restored in the answer ([`mask`]). A model that cannot be
//! used yields [`resume_domain::EnhanceError::Unavailable`];
//! [`FallbackEnhancer`] turns that into the offline result.

#![deny(missing_docs)]

pub mod answer;
pub mod config;
pub mod edits;
mod enhancer;
mod fallback;
mod guard;
pub mod mask;
mod prompt;
mod transport;

pub use config::{
    ApiKey, AzureDeployment, ConfigError, LlmConfig, DEFAULT_BASE_URL, DEFAULT_MODEL,
};
pub use enhancer::{LlmEnhancer, THIN_SOURCE_WARNING};
pub use fallback::{FallbackEnhancer, FALLBACK_WARNING};
pub use transport::{FormatMode, HttpFailure};
