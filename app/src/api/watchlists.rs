//! Watch lists: their versions, and the upload form.

use crate::model::error::AppError;
use crate::model::watchlists::WatchlistsPage;
use leptos::prelude::*;

#[server(endpoint = "watchlists/list")]
pub async fn list_watchlists(page: Option<u32>) -> Result<WatchlistsPage, AppError> {
    let (ports, request) = super::context::current()?;
    ports
        .watchlists
        .watchlists(&request, page.unwrap_or(1))
        .await
}

/// The upload form: `first` is the format's first (or only) file; `alt`, `add` and `comments`
/// are the rest of the OFAC set. Blank fields are not sent on. `allow_shrink` is the checkbox
/// accepting a version much smaller than the active one (present when ticked).
#[server(endpoint = "watchlists/import")]
pub async fn import_watchlist(
    source: String,
    format: String,
    first: String,
    alt: Option<String>,
    add: Option<String>,
    comments: Option<String>,
    allow_shrink: Option<String>,
) -> Result<i64, AppError> {
    use crate::model::watchlists::{files_of, ListFile, NewListVersion};
    let (ports, request) = super::context::current()?;
    let contents = [Some(first), alt, add, comments];
    let files = files_of(&format)
        .iter()
        .zip(contents)
        .filter_map(|(name, content)| {
            content
                .filter(|c| !c.trim().is_empty())
                .map(|content| ListFile {
                    name: (*name).to_owned(),
                    content,
                    base64: false,
                })
        })
        .collect();
    let upload = NewListVersion {
        format,
        files,
        allow_shrink: allow_shrink.is_some(),
    };
    let created = ports
        .watchlists
        .import_watchlist(&request, source.trim(), upload)
        .await?;
    leptos_axum::redirect("/watchlists");
    Ok(created.id)
}
