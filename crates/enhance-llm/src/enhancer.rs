//! The model enhancer: the offline result, improved by model edits that
//! survive the truthfulness checks.

use std::sync::Arc;

use async_openai::types::chat::{
    ChatCompletionRequestAssistantMessage, ChatCompletionRequestMessage,
    ChatCompletionRequestSystemMessage, ChatCompletionRequestUserMessage,
};
use async_trait::async_trait;

use resume_domain::ports::{Enhancer, SkillTaxonomy, SourceResume};
use resume_domain::{EngineKind, EnhanceError, Enhancement, Job, ModelUsage, ResumeContent};

use crate::answer::parse_edit_list;
use crate::config::{ConfigError, LlmConfig};
use crate::edits::{apply, Edit, EditList, Rejection, MAX_EDITS};
use crate::guard::Guard;
use crate::mask::Masker;
use crate::prompt::{system_message, user_message};
use crate::transport::ChatClient;

/// Warning added when the source resume is too thin to send to the model.
pub const THIN_SOURCE_WARNING: &str =
    "the resume holds too little text to tailor with the model; the offline engine was used";

/// Tailors resumes with a language model behind an OpenAI-compatible API.
///
/// The offline engine runs first; the model then proposes edits to the
/// offline result, and only the edits that match the current text, target
/// an editable field and pass the truthfulness checks are applied.
pub struct LlmEnhancer {
    chat: ChatClient,
    config: LlmConfig,
    offline: Arc<dyn Enhancer>,
    taxonomy: Arc<dyn SkillTaxonomy>,
}

impl std::fmt::Debug for LlmEnhancer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LlmEnhancer")
            .field("chat", &self.chat)
            .finish_non_exhaustive()
    }
}

/// What became of the model's edits.
struct Outcome {
    content: ResumeContent,
    proposed: usize,
    applied: usize,
}

impl LlmEnhancer {
    /// A model enhancer that starts from `offline`'s result and checks skills
    /// against `taxonomy`.
    ///
    /// # Errors
    /// [`ConfigError`] when the configuration is invalid or the HTTP client
    /// cannot be built.
    pub fn new(
        config: LlmConfig,
        offline: Arc<dyn Enhancer>,
        taxonomy: Arc<dyn SkillTaxonomy>,
    ) -> Result<Self, ConfigError> {
        let chat = ChatClient::new(config.clone())?;
        Ok(Self {
            chat,
            config,
            offline,
            taxonomy,
        })
    }

    /// The edits the model proposes for `baseline`, personal data restored,
    /// and what the calls used; `None` when nothing in `baseline` is editable.
    async fn ask(
        &self,
        baseline: &Enhancement,
        job: &Job,
    ) -> Result<Option<(Vec<Edit>, ModelUsage)>, EnhanceError> {
        let content = &baseline.content;
        let mut masker = self.config.mask_personal_data.then(|| masker_for(content));
        let user = user_message(
            content,
            job,
            &baseline.report,
            self.config.max_job_chars,
            masker.as_mut(),
        );
        if user.targets == 0 {
            return Ok(None);
        }
        let mut messages: Vec<ChatCompletionRequestMessage> = vec![
            ChatCompletionRequestSystemMessage::from(system_message()).into(),
            ChatCompletionRequestUserMessage::from(user.text).into(),
        ];

        let mut usage = ModelUsage::default();
        let list = match self.edit_list(&mut messages, &mut usage).await {
            Ok(list) => list,
            Err(err) => {
                log_failed_usage(&usage, &self.config.model);
                return Err(err);
            }
        };
        let edits = match &masker {
            Some(masker) => list
                .edits
                .into_iter()
                .map(|edit| unmask(masker, edit))
                .collect(),
            None => list.edits,
        };
        Ok(Some((edits, usage)))
    }

    /// Asks once and, when the answer cannot be read, once more with the
    /// parser's message.
    async fn edit_list(
        &self,
        messages: &mut Vec<ChatCompletionRequestMessage>,
        usage: &mut ModelUsage,
    ) -> Result<EditList, EnhanceError> {
        let answer = self.chat.complete(messages, usage).await?;
        let problem = match parse_edit_list(&answer) {
            Ok(list) => return Ok(list),
            Err(problem) => problem,
        };
        tracing::warn!(
            problem = problem.kind(),
            "model answer unreadable; asking again"
        );

        messages.push(ChatCompletionRequestAssistantMessage::from(answer).into());
        messages.push(
            ChatCompletionRequestUserMessage::from(format!(
                "Your answer could not be read: {problem}. Reply again with only the JSON \
                 object {{\"edits\": [...]}} described above, without any other text."
            ))
            .into(),
        );
        let answer = self.chat.complete(messages, usage).await?;
        parse_edit_list(&answer).map_err(|problem| EnhanceError::Unavailable {
            reason: format!(
                "the model's answer could not be read twice ({})",
                problem.kind()
            ),
            retry_after_secs: None,
        })
    }
}

#[async_trait]
impl Enhancer for LlmEnhancer {
    async fn enhance(&self, source: &SourceResume, job: &Job) -> Result<Enhancement, EnhanceError> {
        let mut baseline = self.offline.enhance(source, job).await?;

        let asked = if is_thin(source, self.config.min_source_words) {
            None
        } else {
            self.ask(&baseline, job).await?
        };
        let Some((edits, usage)) = asked else {
            tracing::info!("model not called: the resume is too thin or has nothing to edit");
            baseline.warnings.push(THIN_SOURCE_WARNING.to_owned());
            return Ok(baseline);
        };
        let outcome = apply_edits(source, &baseline.content, &edits, self.taxonomy.as_ref());
        log_usage(&usage, &outcome);

        let mut warnings = baseline.warnings;
        let dropped = outcome.proposed - outcome.applied;
        if dropped > 0 {
            warnings.push(format!(
                "{dropped} of {} edits suggested by the model were discarded because the resume \
                 does not support them or they targeted fields that are never changed",
                outcome.proposed
            ));
        }
        Ok(Enhancement {
            content: outcome.content,
            engine: EngineKind::Openai,
            report: baseline.report,
            warnings,
            usage: Some(usage),
        })
    }
}

fn log_failed_usage(usage: &ModelUsage, configured_model: &str) {
    let model = if usage.model.is_empty() {
        configured_model
    } else {
        usage.model.as_str()
    };
    tracing::warn!(
        llm.model = %model,
        llm.prompt_tokens = usage.prompt_tokens,
        llm.completion_tokens = usage.completion_tokens,
        llm.latency_ms = usage.latency_ms,
        "model enhancement failed"
    );
}

fn log_usage(usage: &ModelUsage, outcome: &Outcome) {
    tracing::info!(
        llm.model = %usage.model,
        llm.prompt_tokens = usage.prompt_tokens,
        llm.completion_tokens = usage.completion_tokens,
        llm.latency_ms = usage.latency_ms,
        edits.proposed = outcome.proposed,
        edits.applied = outcome.applied,
        "model enhancement finished"
    );
}

/// Whether the source is too thin to send: fewer than `min_words` words, or
/// no name, no experience and no education at all.
fn is_thin(source: &SourceResume, min_words: usize) -> bool {
    let content = &source.content;
    let words = source.text.split_whitespace().count();
    let nothing_known = content
        .basic
        .full_name
        .as_deref()
        .is_none_or(|n| n.trim().is_empty())
        && content.experience.is_empty()
        && content.education.is_empty();
    words < min_words || nothing_known
}

fn masker_for(content: &ResumeContent) -> Masker {
    let names: Vec<String> = content.basic.full_name.iter().cloned().collect();
    Masker::new(&names, content.basic.location.as_deref())
}

fn unmask(masker: &Masker, edit: Edit) -> Edit {
    Edit {
        target: edit.target,
        original: masker.restore(&edit.original),
        replacement: masker.restore(&edit.replacement),
        reason: masker.restore(&edit.reason),
    }
}

/// Applies the edits one at a time to a copy of `baseline`, keeping each
/// only when it applies cleanly and adds no untruthful fact.
fn apply_edits(
    source: &SourceResume,
    baseline: &ResumeContent,
    edits: &[Edit],
    taxonomy: &dyn SkillTaxonomy,
) -> Outcome {
    let guard = Guard::new(source, taxonomy);
    let mut content = baseline.clone();
    let mut applied = 0;

    for (index, edit) in edits.iter().enumerate() {
        let result = if index >= MAX_EDITS {
            Err(Rejection::TooMany)
        } else {
            try_edit(&guard, &content, edit)
        };
        match result {
            Ok(changed) => {
                content = changed;
                applied += 1;
            }
            Err(rejection) => tracing::info!(
                edit = index,
                target = %loggable_target(&edit.target),
                rejection = %rejection.label(),
                "model edit dropped"
            ),
        }
    }
    Outcome {
        content,
        proposed: edits.len(),
        applied,
    }
}

fn try_edit(
    guard: &Guard<'_>,
    current: &ResumeContent,
    edit: &Edit,
) -> Result<ResumeContent, Rejection> {
    let mut candidate = current.clone();
    apply(&mut candidate, edit)?;
    let added = guard.added_violations(current, &candidate, &edit.replacement);
    if added.is_empty() {
        Ok(candidate)
    } else {
        Err(Rejection::Untruthful(added))
    }
}

/// The target as the model wrote it, when it looks like a field path;
/// otherwise a marker, since free text could hold personal data.
fn loggable_target(target: &str) -> String {
    let path_like = target.len() <= 64
        && target
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.[]".contains(c));
    if path_like {
        target.to_owned()
    } else {
        "<not a field path>".to_owned()
    }
}
