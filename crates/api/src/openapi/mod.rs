//! The OpenAPI 3.1 document, generated from the handlers' annotations and
//! refined with the rules request bodies follow.

mod requests;

use std::sync::OnceLock;

use serde_json::Value;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::dto;
use crate::error::ErrorBody;
use crate::routes::{accounts, enhance, jobs, meta, resumes, sections};

const DESCRIPTION: &str = "\
Tailors resumes to job postings and keeps the result editable section by section.

**Authentication.** Every `/api/` route except register, login and this document needs \
`Authorization: Bearer <access_token>` from `POST /api/auth/login/`. A missing, malformed, \
expired or invalid token is 401 with `WWW-Authenticate: Bearer`.

**Errors.** Every error, including unknown routes (404) and wrong methods (405, with an \
`Allow` header), is JSON: `{\"error\": \"...\", \"details\": ...}`. `details` is present when \
it helps: `field` and `message` for a 400 about one field, `reason` for subscription \
refusals, limits for 413 and 429. Statuses: 400 invalid input (malformed JSON, unknown field, \
wrong type, invalid value, bad id in the path or query); 401; 403 not allowed (including \
subscription refusals, told apart by `details.reason`: `no_subscription`, \
`subscription_expired`, `tier_excludes_feature`); 404 not found, also for another user's \
resume; 408 a request body (JSON or upload) that did not arrive within the time allowed; \
409 email taken; 413 a body over its limit (JSON bodies and uploads) or a document \
over an extraction limit (pages, decompressed size, entries); 415 a body that is not JSON \
where JSON is read, not multipart on upload, or a file format that is not supported; 429 \
the 24-hour enhancement quota is used up, with `Retry-After`; 500 an internal failure (the \
body says only that it failed; the cause is logged with the request id); 503 the model or \
the database is unavailable, with `Retry-After`.

**Request ids.** A sane `X-Request-Id` (up to 128 of `A-Z a-z 0-9 - _ . :`) is kept, \
otherwise one is generated; it is returned on every response and logged.

**Formats.** Timestamps are RFC 3339 in UTC with microseconds (`2025-09-24T00:18:20.987654Z`). \
Dates inside sections are `YYYY-MM`, `YYYY` or `Present`. Skills are always returned as \
`{\"technical\", \"soft_skills\", \"tools\"}`; requests may send that object or a flat list, \
which the server sorts into categories. Paths are documented with a trailing slash and are \
also answered without it.";

/// The OpenAPI document served at `/api/openapi.json`: [`ApiDoc`] with
/// request bodies described as strictly as the server checks them. Built
/// once.
pub fn document() -> &'static Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
        requests::refine(&mut doc);
        doc
    })
}

/// The OpenAPI document as the annotations give it. [`document`] is the
/// one to publish.
#[derive(OpenApi)]
#[openapi(
    info(title = "resume-enhancer API", description = DESCRIPTION),
    paths(
        meta::healthz, meta::readyz, meta::openapi_json, meta::docs,
        accounts::register_user, accounts::login, accounts::me,
        accounts::subscription, accounts::set_subscription,
        jobs::create_job, jobs::list_jobs, jobs::get_job,
        enhance::enhance_resume,
        resumes::enhancement_status, resumes::enhancement_history,
        resumes::check_enhanced_resume, resumes::get_enhanced_resume,
        resumes::put_enhanced_resume, resumes::patch_enhanced_resume,
        sections::get_experiences, sections::put_experiences, sections::patch_experiences,
        sections::get_basic_info, sections::put_basic_info, sections::patch_basic_info,
        sections::get_skills, sections::put_skills, sections::patch_skills,
        sections::get_education, sections::put_education, sections::patch_education,
        sections::get_certifications, sections::put_certifications,
        sections::patch_certifications,
        sections::get_projects, sections::put_projects, sections::patch_projects,
        sections::get_languages, sections::put_languages, sections::patch_languages,
        sections::get_awards, sections::put_awards, sections::patch_awards,
        sections::get_publications, sections::put_publications, sections::patch_publications,
        sections::get_volunteer_experience, sections::put_volunteer_experience,
        sections::patch_volunteer_experience,
        sections::get_interests, sections::put_interests, sections::patch_interests,
    ),
    components(schemas(ErrorBody, dto::UserDto, dto::SubscriptionDto, dto::JobDto,
        dto::ResumeDto, dto::SkillsDto)),
    modifiers(&BearerScheme),
    tags(
        (name = "auth", description = "Accounts and tokens"),
        (name = "subscriptions", description = "Plans; enhancement needs Standard or Premium"),
        (name = "jobs", description = "Job postings resumes are tailored to"),
        (name = "enhancement", description = "Uploading, enhancing and reading enhanced resumes"),
        (name = "resume sections", description = "Reading and editing one section at a time"),
        (name = "operations", description = "Health, readiness and documentation"),
    )
)]
pub struct ApiDoc;

/// Adds the `bearer` HTTP security scheme the operations refer to.
struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .bearer_format("JWT")
            .description(Some("An access token from `POST /api/auth/login/`"))
            .build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}
