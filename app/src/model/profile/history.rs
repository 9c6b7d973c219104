//! What the person claims and shows of their career: employment, education, online presence
//! (LinkedIn, GitHub, portfolio), résumé and photo hashes.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Employment {
    pub employer_name: String,
    pub employer_domain: Option<String>,
    pub domain_created_at: Option<String>,
    pub title: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub country: Option<String>,
    /// verified | failed | unverified
    pub verification_result: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Education {
    pub institution: String,
    pub country: Option<String>,
    pub degree: Option<String>,
    pub verification_result: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OnlinePresence {
    pub linkedin: LinkedIn,
    pub github: GitHub,
    pub portfolio_sites: Vec<PortfolioSite>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LinkedIn {
    pub url: Option<String>,
    pub display_name: Option<String>,
    pub created_year: Option<i32>,
    pub positions: Vec<Position>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Position {
    pub employer: String,
    pub start_year: Option<i32>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GitHub {
    pub login: Option<String>,
    pub created_at: Option<String>,
    pub earliest_commit_at: Option<String>,
    pub repos: Vec<GitHubRepo>,
    pub commit_author_names: Vec<String>,
    /// Earlier logins, with the time of each change (ID-11).
    pub login_history: Vec<LoginChange>,
    pub collaborators: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GitHubRepo {
    pub name: String,
    pub is_fork: bool,
    pub is_copy: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoginChange {
    pub login: String,
    pub changed_at: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PortfolioSite {
    pub url: String,
    pub host: Option<String>,
    pub testimonials_verified: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Resume {
    /// SHA-256 of the normalised text (exact copies, LINK-03).
    pub normalized_text_sha256: Option<String>,
    /// 64-bit SimHash as 16 hex digits (near copies, LINK-03).
    pub simhash64: Option<String>,
    /// 64-bit SimHash of the cover letter (BEH-10).
    pub cover_letter_simhash64: Option<String>,
}

/// A photo the person supplied, kept only as its perceptual hash (INDICATORS.md §3 `photos[]`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Photo {
    /// Where it came from, e.g. `resume`, `linkedin`, `github_avatar`, `application`.
    pub source: Option<String>,
    /// 64-bit perceptual hash (DCT pHash) as 16 hex digits.
    pub phash: String,
    pub captured_at: Option<String>,
}
