//! Calling the chat-completions endpoint: response formats, retries,
//! timeouts and reading the answer.
//!
//! Requests go through async-openai with a tower service of this crate in
//! place of its default executor. The service turns every unsuccessful HTTP
//! status into an [`HttpFailure`] carrying the status and the `Retry-After`
//! delay, which the retry loop here needs and async-openai's own error does
//! not keep. async-openai's built-in retry layer is not used, so the number
//! of retries and the delays are the configured ones.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU8, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use async_openai::config::{AzureConfig, Config, OpenAIConfig};
use async_openai::error::OpenAIError;
use async_openai::middleware::{HttpRequestFactory, ReqwestService};
use async_openai::types::chat::{
    ChatCompletionRequestMessage, CreateChatCompletionRequest, ResponseFormat,
    ResponseFormatJsonSchema,
};
use async_openai::Client;
use reqwest::header::HeaderMap;
use reqwest::Response;
use serde::Deserialize;

use resume_domain::{EnhanceError, ModelUsage};

use crate::answer::strip_reasoning;
use crate::config::{ConfigError, LlmConfig};
use crate::edits::edit_list_schema;

/// Longest error body read from a failed response, in bytes.
const MAX_ERROR_BODY: usize = 4_096;

/// Longest successful response body accepted, in bytes. An answer bounded by
/// `max_completion_tokens` is far smaller; a server that sends more is
/// treated as broken instead of being read into memory without limit.
pub const MAX_ANSWER_BODY: usize = 1 << 20;

/// A response with an unsuccessful HTTP status.
#[derive(Debug, thiserror::Error)]
#[error("HTTP status {status}")]
pub struct HttpFailure {
    /// The status code.
    pub status: u16,
    /// The delay the server asked for (`retry-after-ms` or `Retry-After`).
    pub retry_after: Option<Duration>,
    /// The error message of the body, cut to a few kilobytes.
    pub message: String,
}

/// A successful response whose body exceeds [`MAX_ANSWER_BODY`].
#[derive(Debug, thiserror::Error)]
#[error("the response body exceeds {MAX_ANSWER_BODY} bytes")]
struct OversizedAnswer;

/// The tower service that executes requests, reads successful bodies up to
/// [`MAX_ANSWER_BODY`] and reports bad statuses as [`HttpFailure`].
#[derive(Clone, Debug)]
struct StatusCheckingService {
    inner: ReqwestService,
}

type ServiceFuture = Pin<Box<dyn Future<Output = Result<Response, OpenAIError>> + Send>>;

impl tower::Service<HttpRequestFactory> for StatusCheckingService {
    type Response = Response;
    type Error = OpenAIError;
    type Future = ServiceFuture;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: HttpRequestFactory) -> Self::Future {
        let sent = self.inner.call(request);
        Box::pin(async move {
            let response = sent.await?;
            if response.status().is_success() {
                return bounded(response).await;
            }
            Err(OpenAIError::Boxed(Box::new(failure_of(response).await)))
        })
    }
}

/// At most `limit` bytes of the body; `None` when it is longer.
async fn read_at_most(
    response: &mut Response,
    limit: usize,
) -> Result<Option<Vec<u8>>, OpenAIError> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(OpenAIError::Reqwest)? {
        if body.len() + chunk.len() > limit {
            return Ok(None);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Some(body))
}

/// The same response with its body read into memory, refused when larger
/// than [`MAX_ANSWER_BODY`].
async fn bounded(mut response: Response) -> Result<Response, OpenAIError> {
    if response
        .content_length()
        .is_some_and(|n| n > MAX_ANSWER_BODY as u64)
    {
        return Err(OpenAIError::Boxed(Box::new(OversizedAnswer)));
    }
    let status = response.status();
    let headers = response.headers().clone();
    let body = read_at_most(&mut response, MAX_ANSWER_BODY)
        .await?
        .ok_or_else(|| OpenAIError::Boxed(Box::new(OversizedAnswer)))?;

    let mut rebuilt = http::Response::new(body);
    *rebuilt.status_mut() = status;
    *rebuilt.headers_mut() = headers;
    Ok(Response::from(rebuilt))
}

async fn failure_of(mut response: Response) -> HttpFailure {
    let status = response.status().as_u16();
    let retry_after = retry_after(response.headers());
    let mut body = Vec::new();
    while body.len() < MAX_ERROR_BODY {
        match response.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            _ => break,
        }
    }
    body.truncate(MAX_ERROR_BODY);
    let message = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|json| json["error"]["message"].as_str().map(str::to_owned))
        .unwrap_or_else(|| String::from_utf8_lossy(&body).into_owned());
    HttpFailure {
        status,
        retry_after,
        message,
    }
}

/// `retry-after-ms` (OpenAI, Azure) or `Retry-After` in seconds. An HTTP
/// date in `Retry-After` is not read; the configured backoff applies then.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let number = |name: &str| headers.get(name)?.to_str().ok()?.trim().parse::<f64>().ok();
    let valid = |value: f64| value.is_finite() && value >= 0.0;
    if let Some(ms) = number("retry-after-ms").filter(|v| valid(*v)) {
        return Some(Duration::from_secs_f64(ms.min(1e9) / 1_000.0));
    }
    number("retry-after")
        .filter(|v| valid(*v))
        .map(|s| Duration::from_secs_f64(s.min(1e6)))
}

/// How the answer's format is requested, from most to least strict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum FormatMode {
    /// `response_format: json_schema`, strict.
    JsonSchema = 0,
    /// `response_format: json_object`.
    JsonObject = 1,
    /// No `response_format`; the JSON is found in the text.
    PlainText = 2,
}

impl FormatMode {
    fn from_u8(raw: u8) -> Self {
        match raw {
            0 => Self::JsonSchema,
            1 => Self::JsonObject,
            _ => Self::PlainText,
        }
    }

    fn next(self) -> Option<Self> {
        match self {
            Self::JsonSchema => Some(Self::JsonObject),
            Self::JsonObject => Some(Self::PlainText),
            Self::PlainText => None,
        }
    }

    /// The wire name, for logs.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::JsonSchema => "json_schema",
            Self::JsonObject => "json_object",
            Self::PlainText => "text",
        }
    }

    fn response_format(self) -> Option<ResponseFormat> {
        match self {
            Self::JsonSchema => Some(ResponseFormat::JsonSchema {
                json_schema: ResponseFormatJsonSchema {
                    description: Some("Edits to a resume".into()),
                    name: "resume_edits".into(),
                    schema: edit_list_schema(),
                    strict: Some(true),
                },
            }),
            Self::JsonObject => Some(ResponseFormat::JsonObject),
            Self::PlainText => None,
        }
    }
}

/// The parts of a chat completion this crate reads. Every field is
/// optional so that the small differences between servers do not matter.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireCompletion {
    model: Option<String>,
    choices: Vec<WireChoice>,
    usage: Option<WireUsage>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireChoice {
    message: WireMessage,
    finish_reason: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireMessage {
    content: Option<String>,
    refusal: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireUsage {
    prompt_tokens: u32,
    completion_tokens: u32,
}

/// Optional request parameters that some servers refuse (reasoning models
/// refuse `temperature`, older Azure API versions `max_completion_tokens`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OptionalParam {
    Temperature = 1,
    MaxCompletionTokens = 2,
}

impl OptionalParam {
    const ALL: [Self; 2] = [Self::Temperature, Self::MaxCompletionTokens];

    const fn name(self) -> &'static str {
        match self {
            Self::Temperature => "temperature",
            Self::MaxCompletionTokens => "max_completion_tokens",
        }
    }

    const fn bit(self) -> u8 {
        self as u8
    }
}

/// What went wrong with one HTTP exchange, for the retry loop.
enum Failure {
    /// The server does not accept the requested response format.
    FormatRejected,
    /// The server does not accept an optional parameter.
    ParamRejected(OptionalParam),
    /// Worth another attempt after a delay.
    Transient {
        reason: String,
        retry_after: Option<Duration>,
    },
    /// Another attempt would fail the same way.
    Permanent(String),
}

/// A chat-completions client with the configured retries and formats.
pub struct ChatClient {
    client: Client<Box<dyn Config>>,
    config: LlmConfig,
    /// The least strict format known to be needed; starts at json_schema
    /// and only ever moves down, so a server is probed once.
    mode: AtomicU8,
    /// Bits of the [`OptionalParam`]s no longer sent.
    dropped_params: AtomicU8,
}

impl std::fmt::Debug for ChatClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatClient")
            .field("config", &self.config)
            .field("mode", &self.mode())
            .finish_non_exhaustive()
    }
}

impl ChatClient {
    /// Builds the HTTP client for `config`.
    ///
    /// # Errors
    /// [`ConfigError`] when the configuration is invalid or the HTTP client
    /// cannot be built.
    pub fn new(config: LlmConfig) -> Result<Self, ConfigError> {
        config.validate()?;
        // Installing fails when a provider is already installed, which is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();

        let http = reqwest::Client::builder()
            .connect_timeout(config.timeout.min(Duration::from_secs(10)))
            .timeout(config.timeout)
            .build()
            .map_err(|err| ConfigError::HttpClient(err.to_string()))?;
        let service = StatusCheckingService {
            inner: ReqwestService::new(http.clone()),
        };
        let client = Client::build(http, api_config(&config)).with_http_service(service);
        Ok(Self {
            client,
            config,
            mode: AtomicU8::new(FormatMode::JsonSchema as u8),
            dropped_params: AtomicU8::new(0),
        })
    }

    /// The format the next request will ask for.
    pub fn mode(&self) -> FormatMode {
        FormatMode::from_u8(self.mode.load(Ordering::Relaxed))
    }

    /// Sends `messages` and returns the text of the answer, reasoning
    /// traces removed. Tokens and time are added to `usage`.
    ///
    /// # Errors
    /// [`EnhanceError::Unavailable`] when no usable answer was obtained.
    pub async fn complete(
        &self,
        messages: &[ChatCompletionRequestMessage],
        usage: &mut ModelUsage,
    ) -> Result<String, EnhanceError> {
        let mut retries = 0;
        loop {
            let mode = self.mode();
            let started = Instant::now();
            let outcome = self.send(messages, mode).await;
            usage.latency_ms += u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);

            let failure = match outcome {
                Ok(completion) => return self.read(completion, usage),
                Err(failure) => failure,
            };
            match failure {
                Failure::FormatRejected => self.step_down(mode)?,
                Failure::ParamRejected(param) => {
                    tracing::info!(
                        param = param.name(),
                        "parameter not supported; leaving it out"
                    );
                    self.dropped_params.fetch_or(param.bit(), Ordering::Relaxed);
                }
                Failure::Permanent(reason) => return Err(unavailable(reason, None)),
                Failure::Transient {
                    reason,
                    retry_after,
                } => {
                    let delay = self.delay_before_retry(retries, retry_after, &reason)?;
                    tracing::warn!(
                        retry = retries + 1,
                        delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                        reason = %reason,
                        "model request failed; retrying"
                    );
                    tokio::time::sleep(delay).await;
                    retries += 1;
                }
            }
        }
    }

    /// Moves to the next less strict response format.
    fn step_down(&self, mode: FormatMode) -> Result<(), EnhanceError> {
        let next = mode.next().ok_or_else(|| {
            unavailable(
                "the server refused the request even without a response format".into(),
                None,
            )
        })?;
        tracing::info!(
            from = mode.as_str(),
            to = next.as_str(),
            "response format not supported; falling back"
        );
        self.mode.fetch_max(next as u8, Ordering::Relaxed);
        Ok(())
    }

    /// The backoff before retry number `retries + 1`, or the final error when
    /// the retries are used up or the server asks for a longer wait than
    /// configured.
    fn delay_before_retry(
        &self,
        retries: u32,
        retry_after: Option<Duration>,
        reason: &str,
    ) -> Result<Duration, EnhanceError> {
        let suggested = retry_after.unwrap_or(self.config.default_retry_after);
        if retries >= self.config.max_retries {
            let attempts = retries + 1;
            return Err(unavailable(
                format!("{reason} (after {attempts} attempts)"),
                Some(suggested),
            ));
        }
        if retry_after.is_some_and(|wait| wait > self.config.backoff_max) {
            return Err(unavailable(
                format!("{reason}; the server asked to wait"),
                Some(suggested),
            ));
        }
        let exponential = self
            .config
            .backoff_base
            .saturating_mul(1 << retries.min(16));
        let capped = exponential.min(self.config.backoff_max);
        // Full jitter between half and all of the delay spreads retries out.
        let jittered = capped.mul_f64(0.5 + fastrand::f64() / 2.0);
        Ok(jittered.max(retry_after.unwrap_or_default()))
    }

    async fn send(
        &self,
        messages: &[ChatCompletionRequestMessage],
        mode: FormatMode,
    ) -> Result<WireCompletion, Failure> {
        let dropped = self.dropped_params.load(Ordering::Relaxed);
        let sent = |param: OptionalParam| dropped & param.bit() == 0;
        let request = CreateChatCompletionRequest {
            model: self.config.model.clone(),
            messages: messages.to_vec(),
            temperature: sent(OptionalParam::Temperature).then_some(self.config.temperature),
            max_completion_tokens: self
                .config
                .max_completion_tokens
                .filter(|_| sent(OptionalParam::MaxCompletionTokens)),
            response_format: mode.response_format(),
            ..CreateChatCompletionRequest::default()
        };
        let chat = self.client.chat();
        let call = chat.create_byot::<_, WireCompletion>(&request);
        match tokio::time::timeout(self.config.timeout, call).await {
            Ok(Ok(completion)) => Ok(completion),
            Ok(Err(err)) => Err(classify(err, mode, dropped)),
            Err(_) => Err(Failure::Permanent(self.timeout_reason())),
        }
    }

    fn timeout_reason(&self) -> String {
        format!(
            "the model did not answer within {} ms",
            self.config.timeout.as_millis()
        )
    }

    /// The answer text, or why there is none.
    fn read(
        &self,
        completion: WireCompletion,
        usage: &mut ModelUsage,
    ) -> Result<String, EnhanceError> {
        if let Some(counts) = &completion.usage {
            usage.prompt_tokens = usage.prompt_tokens.saturating_add(counts.prompt_tokens);
            usage.completion_tokens = usage
                .completion_tokens
                .saturating_add(counts.completion_tokens);
        }
        usage.model = completion
            .model
            .unwrap_or_else(|| self.config.model.clone());

        let choice = completion
            .choices
            .into_iter()
            .next()
            .ok_or_else(|| unavailable("the model returned no choices".into(), None))?;
        if choice
            .message
            .refusal
            .as_deref()
            .is_some_and(|r| !r.trim().is_empty())
        {
            return Err(unavailable("the model refused the request".into(), None));
        }
        match choice.finish_reason.as_deref() {
            Some("length") => {
                return Err(unavailable(
                    "the answer was cut off at the token limit".into(),
                    None,
                ))
            }
            Some("content_filter") => {
                return Err(unavailable(
                    "the answer was withheld by a content filter".into(),
                    None,
                ))
            }
            _ => {}
        }
        let text = strip_reasoning(choice.message.content.as_deref().unwrap_or_default());
        if text.trim().is_empty() {
            return Err(unavailable(
                "the model returned an empty answer".into(),
                None,
            ));
        }
        Ok(text)
    }
}

fn api_config(config: &LlmConfig) -> Box<dyn Config> {
    let key = config
        .api_key
        .as_ref()
        .map(|k| k.expose().to_owned())
        .unwrap_or_default();
    match &config.azure {
        Some(azure) => Box::new(
            AzureConfig::new()
                .with_api_base(config.trimmed_base_url())
                .with_api_key(key)
                .with_deployment_id(azure.deployment.clone())
                .with_api_version(azure.api_version.clone()),
        ),
        None => Box::new(
            OpenAIConfig::new()
                .with_api_base(config.trimmed_base_url())
                .with_api_key(key)
                .with_org_id("")
                .with_project_id(""),
        ),
    }
}

fn classify(err: OpenAIError, mode: FormatMode, dropped: u8) -> Failure {
    match err {
        OpenAIError::Boxed(boxed) => match boxed.downcast::<HttpFailure>() {
            Ok(failure) => classify_status(*failure, mode, dropped),
            Err(other) if other.is::<OversizedAnswer>() => Failure::Permanent(format!(
                "the server's answer exceeds {MAX_ANSWER_BODY} bytes"
            )),
            Err(_) => Failure::Permanent("the request failed in the HTTP layer".into()),
        },
        OpenAIError::Reqwest(err) if err.is_timeout() => {
            Failure::Permanent("the model did not answer in time".into())
        }
        OpenAIError::Reqwest(err) if err.is_connect() => Failure::Transient {
            reason: "the model server could not be reached".into(),
            retry_after: None,
        },
        OpenAIError::Reqwest(_) => Failure::Transient {
            reason: "the connection to the model server failed".into(),
            retry_after: None,
        },
        OpenAIError::JSONDeserialize(..) => {
            Failure::Permanent("the server's answer is not a chat completion".into())
        }
        other => Failure::Permanent(format!(
            "the request could not be made: {}",
            kind_of(&other)
        )),
    }
}

fn kind_of(err: &OpenAIError) -> &'static str {
    match err {
        OpenAIError::InvalidArgument(_) => "invalid argument",
        OpenAIError::StreamError(_) => "stream error",
        _ => "client error",
    }
}

/// What a failed status means; `dropped` holds the bits of the optional
/// parameters that were not sent.
fn classify_status(failure: HttpFailure, mode: FormatMode, dropped: u8) -> Failure {
    let HttpFailure {
        status,
        retry_after,
        message,
    } = failure;
    if matches!(status, 400 | 422) && mode != FormatMode::PlainText && mentions_format(&message) {
        return Failure::FormatRejected;
    }
    if matches!(status, 400 | 422) {
        let lower = message.to_ascii_lowercase();
        let refused = OptionalParam::ALL
            .into_iter()
            .find(|p| dropped & p.bit() == 0 && lower.contains(p.name()));
        if let Some(param) = refused {
            return Failure::ParamRejected(param);
        }
    }
    match status {
        429 => Failure::Transient {
            reason: "the model server is rate limiting (429)".into(),
            retry_after,
        },
        500..=599 => Failure::Transient {
            reason: format!("the model server failed ({status})"),
            retry_after,
        },
        401 | 403 => Failure::Permanent(format!(
            "the model server refused the credentials ({status})"
        )),
        404 => Failure::Permanent("the model or endpoint was not found (404)".into()),
        _ => Failure::Permanent(format!("the model server rejected the request ({status})")),
    }
}

fn mentions_format(message: &str) -> bool {
    let message = message.to_ascii_lowercase();
    [
        "response_format",
        "json_schema",
        "json_object",
        "response format",
        "structured output",
    ]
    .iter()
    .any(|hint| message.contains(hint))
}

fn unavailable(reason: String, retry_after: Option<Duration>) -> EnhanceError {
    EnhanceError::Unavailable {
        reason,
        retry_after_secs: retry_after.map(|d| d.as_secs_f64().ceil() as u64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn retry_after_prefers_milliseconds_and_ignores_dates() {
        assert_eq!(
            retry_after(&headers(&[("retry-after-ms", "250"), ("retry-after", "9")])),
            Some(Duration::from_millis(250))
        );
        assert_eq!(
            retry_after(&headers(&[("retry-after", "3")])),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            retry_after(&headers(&[(
                "retry-after",
                "Wed, 21 Oct 2015 07:28:00 GMT"
            )])),
            None
        );
        assert_eq!(retry_after(&headers(&[("retry-after", "-1")])), None);
    }

    #[test]
    fn a_format_complaint_steps_down_only_while_a_format_is_requested() {
        let failure = |message: &str| HttpFailure {
            status: 400,
            retry_after: None,
            message: message.into(),
        };
        assert!(matches!(
            classify_status(
                failure("Invalid parameter: 'response_format' of type 'json_schema'"),
                FormatMode::JsonSchema,
                0
            ),
            Failure::FormatRejected
        ));
        assert!(matches!(
            classify_status(failure("json_object unsupported"), FormatMode::PlainText, 0),
            Failure::Permanent(_)
        ));
        assert!(matches!(
            classify_status(failure("bad model"), FormatMode::JsonSchema, 0),
            Failure::Permanent(_)
        ));
    }

    #[test]
    fn rate_limits_and_server_errors_are_transient() {
        let failure = |status| HttpFailure {
            status,
            retry_after: Some(Duration::from_secs(2)),
            message: String::new(),
        };
        assert!(matches!(
            classify_status(failure(429), FormatMode::JsonSchema, 0),
            Failure::Transient {
                retry_after: Some(_),
                ..
            }
        ));
        assert!(matches!(
            classify_status(failure(503), FormatMode::JsonSchema, 0),
            Failure::Transient { .. }
        ));
        assert!(matches!(
            classify_status(failure(401), FormatMode::JsonSchema, 0),
            Failure::Permanent(_)
        ));
    }

    #[test]
    fn a_refused_optional_parameter_is_left_out_once() {
        let refusal = || HttpFailure {
            status: 400,
            retry_after: None,
            message: "Unsupported parameter: 'temperature' is not supported with this model."
                .into(),
        };
        assert!(matches!(
            classify_status(refusal(), FormatMode::JsonSchema, 0),
            Failure::ParamRejected(OptionalParam::Temperature)
        ));
        let already_dropped = OptionalParam::Temperature.bit();
        assert!(matches!(
            classify_status(refusal(), FormatMode::JsonSchema, already_dropped),
            Failure::Permanent(_)
        ));
    }
}
