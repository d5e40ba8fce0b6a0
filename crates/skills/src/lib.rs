//! Skills for resume-enhancer: a built-in taxonomy of several hundred skills
//! across professions with their categories and aliases, the analysis of a
//! job posting into weighted keywords, and the scoring of a resume against
//! them.
//!
//! * [`Taxonomy`] implements [`resume_domain::ports::SkillTaxonomy`]; its data
//!   is the text file `data/skills.txt`, embedded in the binary and parsed
//!   once. Matching ignores case, spacing and punctuation (`Node.js`,
//!   `NodeJS` and `node` are one skill); words that are also ordinary English
//!   (`Go`, `R`, `Excel`) match only when written as a skill in a skill
//!   context.
//! * [`analyze_job`] turns a posting into a [`JobProfile`]: taxonomy skills
//!   weighted by where they appear (title, requirements, description,
//!   nice-to-haves).
//! * [`ResumeEvidence`] records which skills a resume shows and how
//!   prominently; [`score`] and [`match_report`] turn that into the domain's
//!   [`resume_domain::MatchReport`].
//!
//! Phrases outside the taxonomy are not extracted from postings: without a
//! phrase model they would mostly be noise (`clear path`, `day to day`). A
//! job keyword therefore always has a taxonomy entry, which is what lets an
//! alias in the posting (`k8s`) match another alias in the resume.

mod job;
mod scan;
mod score;
mod taxonomy;

pub use job::{analyze_job, analyze_posting, JobProfile, Keyword, Section};
pub use scan::Mention;
pub use score::{match_report, score, Prominence, ResumeEvidence, Score};
pub use taxonomy::{Skill, SkillId, Taxonomy, TaxonomyError};
