//! Using the offline engine when the model cannot be used.

use std::sync::Arc;

use async_trait::async_trait;

use resume_domain::ports::{Enhancer, SourceResume};
use resume_domain::{EngineKind, EnhanceError, Enhancement, Job};

/// Warning added to a result produced by the fallback.
pub const FALLBACK_WARNING: &str = "the model was unavailable; the offline engine was used";

/// Runs `primary`; when it reports [`EnhanceError::Unavailable`], returns the
/// result of `fallback` instead, marked as offline and with a warning.
/// Other errors are passed on.
#[derive(Clone)]
pub struct FallbackEnhancer {
    /// The preferred enhancer, usually the model.
    pub primary: Arc<dyn Enhancer>,
    /// The enhancer used when the primary is unavailable.
    pub fallback: Arc<dyn Enhancer>,
}

impl std::fmt::Debug for FallbackEnhancer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FallbackEnhancer").finish_non_exhaustive()
    }
}

impl FallbackEnhancer {
    /// Combines a primary enhancer with its fallback.
    pub fn new(primary: Arc<dyn Enhancer>, fallback: Arc<dyn Enhancer>) -> Self {
        Self { primary, fallback }
    }
}

#[async_trait]
impl Enhancer for FallbackEnhancer {
    async fn enhance(&self, source: &SourceResume, job: &Job) -> Result<Enhancement, EnhanceError> {
        let reason = match self.primary.enhance(source, job).await {
            Err(EnhanceError::Unavailable { reason, .. }) => reason,
            other => return other,
        };
        tracing::warn!(reason = %reason, "model unavailable; using the offline engine");

        let mut result = self.fallback.enhance(source, job).await?;
        result.engine = EngineKind::Offline;
        result.usage = None;
        result.warnings.push(FALLBACK_WARNING.to_owned());
        Ok(result)
    }
}
