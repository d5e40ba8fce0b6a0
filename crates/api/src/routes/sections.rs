//! Endpoints 7 to 18: one section of an enhanced resume at a time.
//!
//! Each acts on the user's newest enhanced resume, or on the one named by
//! `?resume_id=`. GET returns the section under its key (basic info at the
//! top level); PUT replaces the section and PATCH merges into it, and both
//! answer with a message and the section as stored after the edit. The body
//! is handed to the domain as it is, which names any offending field.

use actix_web::{web, HttpRequest, HttpResponse};
use resume_domain::service::{EditMode, Section};
use resume_domain::{ResumeId, StoredResume};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use crate::dto::{
    AwardDto, BasicInfoDto, CertificationDto, EducationDto, ExperienceDto, LanguageDto, ProjectDto,
    PublicationDto, SkillsDto, VolunteerDto,
};
use crate::error::{ApiError, ErrorBody};
use crate::extract::{services, CurrentUser, JsonObject};
use crate::routes::{endpoint, query_number};

/// Which enhanced resume a section request acts on.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query string for OpenAPI only")]
pub(crate) struct ResumeIdQuery {
    /// The enhanced resume to act on; the newest one when absent.
    #[param(minimum = 1)]
    resume_id: Option<i64>,
}

/// A JSON shape built from a stored resume.
trait SectionBody: Serialize {
    fn of(resume: &StoredResume) -> Self;
}

macro_rules! list_section {
    ($view:ident, $updated:ident, $key:ident, $field:ident, $item:ty, $message:literal) => {
        #[doc = concat!("The `", stringify!($key), "` section.")]
        #[derive(Debug, Serialize, ToSchema)]
        pub(crate) struct $view {
            #[doc = "The items, each with its `id`."]
            $key: Vec<$item>,
        }

        impl SectionBody for $view {
            fn of(resume: &StoredResume) -> Self {
                Self {
                    $key: resume.content.$field.iter().map(<$item>::from).collect(),
                }
            }
        }

        #[doc = concat!("The answer to an update of `", stringify!($key), "`.")]
        #[derive(Debug, Serialize, ToSchema)]
        pub(crate) struct $updated {
            #[doc = concat!("`", $message, "`")]
            message: &'static str,
            #[doc = "The section as stored after the edit."]
            $key: Vec<$item>,
        }

        impl SectionBody for $updated {
            fn of(resume: &StoredResume) -> Self {
                Self {
                    message: $message,
                    $key: resume.content.$field.iter().map(<$item>::from).collect(),
                }
            }
        }
    };
}

list_section!(
    ExperiencesSection,
    ExperiencesUpdated,
    experiences,
    experience,
    ExperienceDto,
    "Enhanced experiences updated successfully"
);
list_section!(
    EducationSection,
    EducationUpdated,
    education,
    education,
    EducationDto,
    "Enhanced resume education updated successfully"
);
list_section!(
    CertificationsSection,
    CertificationsUpdated,
    certifications,
    certifications,
    CertificationDto,
    "Enhanced resume certifications updated successfully"
);
list_section!(
    ProjectsSection,
    ProjectsUpdated,
    projects,
    projects,
    ProjectDto,
    "Enhanced resume projects updated successfully"
);
list_section!(
    LanguagesSection,
    LanguagesUpdated,
    languages,
    languages,
    LanguageDto,
    "Enhanced resume languages updated successfully"
);
list_section!(
    AwardsSection,
    AwardsUpdated,
    awards,
    awards,
    AwardDto,
    "Enhanced resume awards updated successfully"
);
list_section!(
    PublicationsSection,
    PublicationsUpdated,
    publications,
    publications,
    PublicationDto,
    "Enhanced resume publications updated successfully"
);
list_section!(
    VolunteerSection,
    VolunteerUpdated,
    volunteer_experience,
    volunteer_experience,
    VolunteerDto,
    "Enhanced resume volunteer experience updated successfully"
);
list_section!(
    InterestsSection,
    InterestsUpdated,
    interests,
    interests,
    String,
    "Enhanced resume interests updated successfully"
);

impl SectionBody for BasicInfoDto {
    fn of(resume: &StoredResume) -> Self {
        Self::from(&resume.content.basic)
    }
}

/// The answer to an update of basic info: the message and the fields.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct BasicInfoUpdated {
    /// `Enhanced resume basic info updated successfully`
    message: &'static str,
    /// The fields as stored after the edit.
    #[serde(flatten)]
    basic: BasicInfoDto,
}

impl SectionBody for BasicInfoUpdated {
    fn of(resume: &StoredResume) -> Self {
        Self {
            message: "Enhanced resume basic info updated successfully",
            basic: BasicInfoDto::of(resume),
        }
    }
}

/// The `skills` section, always categorised.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SkillsSection {
    /// The skills in three categories.
    skills: SkillsDto,
}

impl SectionBody for SkillsSection {
    fn of(resume: &StoredResume) -> Self {
        Self {
            skills: SkillsDto::from(&resume.content.skills),
        }
    }
}

/// The answer to an update of skills.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SkillsUpdated {
    /// `Enhanced resume skills updated successfully`
    message: &'static str,
    /// How many skills there are now, in all categories.
    skills_count: usize,
    /// The skills as stored after the edit, categorised.
    skills: SkillsDto,
}

impl SectionBody for SkillsUpdated {
    fn of(resume: &StoredResume) -> Self {
        Self {
            message: "Enhanced resume skills updated successfully",
            skills_count: resume.content.skills.len(),
            skills: SkillsDto::from(&resume.content.skills),
        }
    }
}

fn requested_resume(req: &HttpRequest) -> Result<Option<ResumeId>, ApiError> {
    Ok(query_number(req, "resume_id")?.map(ResumeId::new))
}

async fn show<V: SectionBody>(
    req: &HttpRequest,
    user: &CurrentUser,
) -> Result<HttpResponse, ApiError> {
    let services = services(req)?;
    let id = requested_resume(req)?;

    let resume = services.resumes.resolve(&user.0, id).await?;

    Ok(HttpResponse::Ok().json(V::of(&resume)))
}

async fn edit<U: SectionBody>(
    req: &HttpRequest,
    user: &CurrentUser,
    section: Section,
    mode: EditMode,
    body: JsonObject,
) -> Result<HttpResponse, ApiError> {
    let services = services(req)?;
    let id = requested_resume(req)?;

    let resume = services
        .resumes
        .update_section(&user.0, id, section, mode, body.0)
        .await?;

    Ok(HttpResponse::Ok().json(U::of(&resume)))
}

macro_rules! section_routes {
    (
        $section:expr, $path:literal, $what:literal, $view:ty, $updated:ty,
        $get:ident, $put:ident, $patch:ident
    ) => {
        #[doc = concat!("The ", $what, " of the newest or the named enhanced resume.")]
        #[utoipa::path(
            get, path = $path, tag = "resume sections",
            summary = concat!("The ", $what, " of the newest or the named enhanced resume."),
            params(ResumeIdQuery),
            responses(
                (status = 200, description = "The section", body = $view),
                (status = 400, description = "`resume_id` is not a positive integer",
                    body = ErrorBody),
                (status = 401, description = "Missing, invalid or expired token",
                    body = ErrorBody),
                (status = 404, description = "The user has no enhanced resume, or none with \
                    this `resume_id`", body = ErrorBody),
            ),
            security(("bearer" = []))
        )]
        pub(crate) async fn $get(
            req: HttpRequest,
            user: CurrentUser,
        ) -> Result<HttpResponse, ApiError> {
            show::<$view>(&req, &user).await
        }

        #[doc = concat!("Replaces the ", $what, " of the newest or the named enhanced resume.")]
        #[utoipa::path(
            put, path = $path, tag = "resume sections",
            summary = concat!("Replaces the ", $what, "."),
            description = "PUT replaces the whole section. Read-only fields (`id`, `user`, \
                `job`, `created_at`, `updated_at`) are ignored; any other unknown field, a \
                wrong type or an invalid value is 400 naming the field, and nothing is \
                written. Skills may be sent categorised or as a flat list.",
            params(ResumeIdQuery),
            request_body = $view,
            responses(
                (status = 200, description = "Updated; the section as stored", body = $updated),
                (status = 400, description = "Invalid body; `details.field` names the field",
                    body = ErrorBody),
                (status = 401, description = "Missing, invalid or expired token",
                    body = ErrorBody),
                (status = 404, description = "No enhanced resume to edit", body = ErrorBody),
                (status = 413, description = "The JSON body is over the limit",
                    body = ErrorBody),
            ),
            security(("bearer" = []))
        )]
        pub(crate) async fn $put(
            req: HttpRequest,
            user: CurrentUser,
            body: JsonObject,
        ) -> Result<HttpResponse, ApiError> {
            edit::<$updated>(&req, &user, $section, EditMode::Replace, body).await
        }

        #[doc = concat!("Merges changes into the ", $what, " of the newest or the named \
            enhanced resume.")]
        #[utoipa::path(
            patch, path = $path, tag = "resume sections",
            summary = concat!("Merges changes into the ", $what, "."),
            description = "PATCH changes only what it carries: a list item with an `id` \
                updates that item, one without is appended. Field rules as for PUT.",
            params(ResumeIdQuery),
            request_body = $view,
            responses(
                (status = 200, description = "Updated; the section as stored", body = $updated),
                (status = 400, description = "Invalid body; `details.field` names the field",
                    body = ErrorBody),
                (status = 401, description = "Missing, invalid or expired token",
                    body = ErrorBody),
                (status = 404, description = "No enhanced resume to edit", body = ErrorBody),
                (status = 413, description = "The JSON body is over the limit",
                    body = ErrorBody),
            ),
            security(("bearer" = []))
        )]
        pub(crate) async fn $patch(
            req: HttpRequest,
            user: CurrentUser,
            body: JsonObject,
        ) -> Result<HttpResponse, ApiError> {
            edit::<$updated>(&req, &user, $section, EditMode::Merge, body).await
        }
    };
}

section_routes!(
    Section::Experiences,
    "/api/resume/enhanced-experiences/",
    "work experience",
    ExperiencesSection,
    ExperiencesUpdated,
    get_experiences,
    put_experiences,
    patch_experiences
);
section_routes!(
    Section::BasicInfo,
    "/api/resume/enhanced-basic-info/",
    "basic information",
    BasicInfoDto,
    BasicInfoUpdated,
    get_basic_info,
    put_basic_info,
    patch_basic_info
);
section_routes!(
    Section::Skills,
    "/api/resume/enhanced-skills/",
    "skills",
    SkillsSection,
    SkillsUpdated,
    get_skills,
    put_skills,
    patch_skills
);
section_routes!(
    Section::Education,
    "/api/resume/enhanced-education/",
    "education",
    EducationSection,
    EducationUpdated,
    get_education,
    put_education,
    patch_education
);
section_routes!(
    Section::Certifications,
    "/api/resume/enhanced-certifications/",
    "certifications",
    CertificationsSection,
    CertificationsUpdated,
    get_certifications,
    put_certifications,
    patch_certifications
);
section_routes!(
    Section::Projects,
    "/api/resume/enhanced-projects/",
    "projects",
    ProjectsSection,
    ProjectsUpdated,
    get_projects,
    put_projects,
    patch_projects
);
section_routes!(
    Section::Languages,
    "/api/resume/enhanced-languages/",
    "languages",
    LanguagesSection,
    LanguagesUpdated,
    get_languages,
    put_languages,
    patch_languages
);
section_routes!(
    Section::Awards,
    "/api/resume/enhanced-awards/",
    "awards",
    AwardsSection,
    AwardsUpdated,
    get_awards,
    put_awards,
    patch_awards
);
section_routes!(
    Section::Publications,
    "/api/resume/enhanced-publications/",
    "publications",
    PublicationsSection,
    PublicationsUpdated,
    get_publications,
    put_publications,
    patch_publications
);
section_routes!(
    Section::VolunteerExperience,
    "/api/resume/enhanced-volunteer-experience/",
    "volunteer experience",
    VolunteerSection,
    VolunteerUpdated,
    get_volunteer_experience,
    put_volunteer_experience,
    patch_volunteer_experience
);
section_routes!(
    Section::Interests,
    "/api/resume/enhanced-interests/",
    "interests",
    InterestsSection,
    InterestsUpdated,
    get_interests,
    put_interests,
    patch_interests
);

macro_rules! register_sections {
    ($cfg:ident; $($path:literal => $get:ident, $put:ident, $patch:ident;)*) => {
        $(
            $cfg.service(
                endpoint($path, "GET, PUT, PATCH")
                    .route(web::get().to($get))
                    .route(web::put().to($put))
                    .route(web::patch().to($patch)),
            );
        )*
    };
}

pub(crate) fn register(cfg: &mut web::ServiceConfig) {
    register_sections!(cfg;
        "/api/resume/enhanced-experiences/" => get_experiences, put_experiences, patch_experiences;
        "/api/resume/enhanced-basic-info/" => get_basic_info, put_basic_info, patch_basic_info;
        "/api/resume/enhanced-skills/" => get_skills, put_skills, patch_skills;
        "/api/resume/enhanced-education/" => get_education, put_education, patch_education;
        "/api/resume/enhanced-certifications/" =>
            get_certifications, put_certifications, patch_certifications;
        "/api/resume/enhanced-projects/" => get_projects, put_projects, patch_projects;
        "/api/resume/enhanced-languages/" => get_languages, put_languages, patch_languages;
        "/api/resume/enhanced-awards/" => get_awards, put_awards, patch_awards;
        "/api/resume/enhanced-publications/" =>
            get_publications, put_publications, patch_publications;
        "/api/resume/enhanced-volunteer-experience/" =>
            get_volunteer_experience, put_volunteer_experience, patch_volunteer_experience;
        "/api/resume/enhanced-interests/" => get_interests, put_interests, patch_interests;
    );
}
