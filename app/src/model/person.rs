//! What pages and the API see of people and their screenings.

use super::page::PageInfo;
use super::profile::ProfileDocument;
use serde::{Deserialize, Serialize};

/// Pipeline status of a person.
pub const STATUSES: [&str; 6] = [
    "new",
    "screening",
    "cleared",
    "rejected",
    "hired",
    "offboarded",
];
/// Risk bands, lowest first.
pub const BANDS: [&str; 4] = ["clear", "review", "high", "critical"];
/// The people list's watch-list filter: people whose latest screening has a watch-list match
/// (KNOWN-*) nobody has confirmed or dismissed yet, or one confirmed as true.
pub const MATCH_FILTERS: [&str; 2] = ["to_review", "confirmed"];
/// The security leads' queue: the people list filtered to matches to review, highest score first
/// (linked from the start page, the watch lists and the re-screening mail).
pub const MATCH_QUEUE: &str = "/people?watchlist=to_review&sort=score";
/// Screening decisions.
pub const DECISIONS: [&str; 3] = ["cleared", "rejected", "needs_info"];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonView {
    pub id: i64,
    pub kind: String,
    pub status: String,
    pub version: i64,
    pub score: i64,
    pub band: String,
    pub document: ProfileDocument,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub id: i64,
    pub full_name: String,
    pub kind: String,
    pub status: String,
    pub score: i64,
    pub band: String,
    pub updated_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeoplePage {
    pub people: Vec<PersonSummary>,
    pub page: PageInfo,
}

/// Search, filters and sort of the people list (all optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleQuery {
    /// Matches name, e-mail or phone.
    pub q: Option<String>,
    pub status: Option<String>,
    pub band: Option<String>,
    pub kind: Option<String>,
    /// One of [`MATCH_FILTERS`]. (Not `matches`: a form control of that name would hide the
    /// form element's `matches` method from scripts.)
    pub watchlist: Option<String>,
    /// name | score | updated (default: updated, newest first)
    pub sort: Option<String>,
    pub page: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceView {
    pub field: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DismissalView {
    pub reason: String,
    pub by: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingView {
    pub id: i64,
    /// The catalogue id, e.g. `PAY-03`.
    pub indicator: String,
    pub family: String,
    pub severity: String,
    pub title: String,
    pub evidence: Vec<EvidenceView>,
    pub related_person_ids: Vec<i64>,
    pub source: String,
    pub dismissed: Option<DismissalView>,
    /// A watch-list match a security lead confirmed as true (KNOWN-* only).
    #[serde(default)]
    pub confirmed: Option<DismissalView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningView {
    pub id: i64,
    pub person_id: i64,
    pub person_version: i64,
    pub score: i64,
    pub band: String,
    pub rules_version: String,
    pub reason: String,
    pub created_at: String,
    pub findings: Vec<FindingView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionView {
    pub id: i64,
    pub decision: String,
    pub reason: String,
    pub decided_by: String,
    pub decided_at: String,
    pub screening_id: i64,
}

/// `POST /api/v1/people` answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedPerson {
    pub id: i64,
    pub screening: ScreeningView,
}

/// One past screening, for the history table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningSummary {
    pub id: i64,
    pub score: i64,
    pub band: String,
    pub reason: String,
    pub rules_version: String,
    pub created_at: String,
}

/// Another person this one is linked to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedPerson {
    pub id: i64,
    pub full_name: String,
    pub band: String,
    /// The indicators that link them, e.g. `LINK-05`.
    pub shared: Vec<String>,
}

/// Everything the person page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonPage {
    pub person: PersonView,
    pub screening: Option<ScreeningView>,
    pub history: Vec<ScreeningSummary>,
    pub decisions: Vec<DecisionView>,
    pub linked: Vec<LinkedPerson>,
    /// What the viewer may do here.
    pub may_decide: bool,
    pub may_dismiss: bool,
    pub may_edit: bool,
}

/// A row of an import that was refused, with the field and what was wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    /// 1-based: array index + 1, JSON line number, or CSV data row number.
    pub row: usize,
    pub field: String,
    pub error: String,
}

/// The outcome of an import: every valid row is in, every invalid one is reported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub imported: usize,
    pub ids: Vec<i64>,
    pub failed: Vec<RowError>,
}

/// Import statuses: running in the background, finished (with a report), or failed.
pub const IMPORT_RUNNING: &str = "running";
pub const IMPORT_FINISHED: &str = "finished";
pub const IMPORT_FAILED: &str = "failed";

/// An import started from the import page, which runs in the background: its progress, then
/// its report or why it failed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportJobView {
    pub id: i64,
    /// `running`, `finished` or `failed`.
    pub status: String,
    /// `csv` or `json`.
    pub format: String,
    /// Rows in the data.
    pub rows: usize,
    /// Rows that passed validation: what the import stores.
    pub total: usize,
    /// Rows stored so far (in transactions of 250: a row is never half-written).
    pub done: usize,
    /// When finished: how many people were imported.
    pub imported: usize,
    /// When finished: every refused row with its field and reason.
    pub failed: Vec<RowError>,
    /// When failed: what went wrong and what to do.
    pub error: Option<String>,
    pub started_at: String,
    pub finished_at: Option<String>,
}

impl ImportJobView {
    pub fn is_running(&self) -> bool {
        self.status == IMPORT_RUNNING
    }
}
