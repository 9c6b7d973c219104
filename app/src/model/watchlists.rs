//! Watch lists (KNOWN-* indicators): each import of a list is a version; one version per source
//! is active and every profile is screened again against it.

use super::page::PageInfo;
use serde::{Deserialize, Serialize};

/// The most the watch-lists page sends in all (its files' text). The OFAC CSV set is about
/// 10 MiB today; larger lists go through the API or `server watchlist import`.
pub const PAGE_UPLOAD_MAX_BYTES: usize = 16 * 1024 * 1024;

/// The file formats a list may come in (README, "Watch lists").
pub const FORMATS: [(&str, &str); 5] = [
    (
        "ofac_csv",
        "OFAC SDN CSV set (sdn.csv, alt.csv, add.csv, sdn_comments.csv)",
    ),
    ("ofac_xml", "OFAC SDN_ADVANCED.XML"),
    ("ftm", "OpenSanctions FollowTheMoney entities (JSON lines)"),
    ("targets_simple", "OpenSanctions targets.simple.csv"),
    ("custom_csv", "Custom list CSV (kind,value,label,source)"),
];

/// The files each format takes, by name; the OFAC set needs all four.
pub fn files_of(format: &str) -> &'static [&'static str] {
    match format {
        "ofac_csv" => &["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"],
        "ofac_xml" => &["sdn_advanced.xml"],
        "ftm" => &["entities.ftm.json"],
        "targets_simple" => &["targets.simple.csv"],
        "custom_csv" => &["custom.csv"],
        _ => &[],
    }
}

/// One uploaded file. `content` is the text, or base64 when `base64` is set (binary-safe, for
/// Windows-1252 files sent through the API).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListFile {
    pub name: String,
    pub content: String,
    #[serde(default)]
    pub base64: bool,
}

/// `POST /api/v1/watchlists/{source}/versions` and the upload form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewListVersion {
    pub format: String,
    pub files: Vec<ListFile>,
    /// The importer confirms that the list shrank: a version with fewer than half the active
    /// one's entries is refused without it (a file cut short parses cleanly).
    #[serde(default)]
    pub allow_shrink: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListVersionView {
    pub id: i64,
    pub source: String,
    pub format: String,
    pub content_sha256: String,
    pub entry_count: i64,
    pub name_count: i64,
    pub identifier_count: i64,
    pub imported_by: String,
    /// RFC 3339, UTC.
    pub imported_at: String,
    pub active: bool,
    pub rescreen: RescreenProgress,
}

/// The re-screening pass after a version became active.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RescreenProgress {
    pub done: i64,
    pub total: i64,
    pub finished: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchlistsPage {
    /// The active version of every source.
    pub active: Vec<ListVersionView>,
    /// Every version, newest first.
    pub versions: Vec<ListVersionView>,
    pub page: PageInfo,
    /// Whether the reader may import a version (admins and security leads).
    pub may_import: bool,
}
