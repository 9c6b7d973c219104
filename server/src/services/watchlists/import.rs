//! Importing a version of a list: the files are checked and parsed whole before anything is
//! written; the version, its entries and the switch of the active version are one transaction,
//! so a malformed file leaves the active version as it was.

use super::super::support::{actor_label, audit, authorize_actor, blocking, OrInternal};
use super::super::Services;
use crate::clock::unix_now_ms;
use crate::store::watchlists::{self, NewVersion};
use crate::watchlists::lookup::matcher_inputs;
use crate::watchlists::shrink::{shrink_refusal, Replaced};
use crate::watchlists::{
    parse_custom, parse_ftm, parse_ofac_csv, parse_ofac_xml, parse_targets_simple, Entry,
    OfacCsvFiles, ParseError,
};
use base64::Engine;
use clearance_app::model::access::Operation;
use clearance_app::model::error::AppError;
use clearance_app::model::request::RequestContext;
use clearance_app::model::watchlists::{files_of, ListVersionView, NewListVersion, FORMATS};
use serde_json::json;
use sha2::{Digest, Sha256};

/// What a source id may look like (it names the list in findings and URLs).
pub const SOURCE_RULE: &str =
    "2 to 40 characters: lower-case letters, digits and underscores, starting with a letter";

fn valid_source(source: &str) -> bool {
    (2..=40).contains(&source.len())
        && source.starts_with(|c: char| c.is_ascii_lowercase())
        && source
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The upload's files in the order the format lists them, decoded to bytes.
fn files_in_order(upload: &NewListVersion) -> Result<Vec<(String, Vec<u8>)>, AppError> {
    if !FORMATS.iter().any(|(f, _)| *f == upload.format) {
        let known: Vec<&str> = FORMATS.iter().map(|(f, _)| *f).collect();
        return Err(AppError::invalid(
            "format",
            format!("Choose one of the formats: {}.", known.join(", ")),
        ));
    }
    let wanted = files_of(&upload.format);
    if let Some(stray) = upload
        .files
        .iter()
        .find(|f| !wanted.contains(&f.name.as_str()))
    {
        return Err(AppError::invalid(
            "files",
            format!(
                "This format takes the files {}; \u{201c}{}\u{201d} is not one of them.",
                wanted.join(", "),
                stray.name
            ),
        ));
    }
    let mut out = Vec::with_capacity(wanted.len());
    for name in wanted {
        let file = upload
            .files
            .iter()
            .find(|f| f.name == *name)
            .ok_or_else(|| {
                AppError::invalid(
                    "files",
                    format!("The file {name} is missing from the upload."),
                )
            })?;
        let bytes = if file.base64 {
            base64::engine::general_purpose::STANDARD
                .decode(file.content.trim())
                .map_err(|_| {
                    AppError::invalid("files", format!("{name} is marked base64 but is not."))
                })?
        } else {
            file.content.clone().into_bytes()
        };
        out.push((name.to_string(), bytes));
    }
    Ok(out)
}

fn parse(
    source: &str,
    format: &str,
    files: &[(String, Vec<u8>)],
) -> Result<Vec<Entry>, ParseError> {
    let file = |i: usize| files.get(i).map(|(_, b)| b.as_slice()).unwrap_or_default();
    match format {
        "ofac_csv" => parse_ofac_csv(
            source,
            &OfacCsvFiles {
                sdn: file(0),
                alt: file(1),
                add: file(2),
                comments: file(3),
            },
        ),
        "ofac_xml" => parse_ofac_xml(source, file(0)),
        "ftm" => parse_ftm(source, file(0)),
        "targets_simple" => parse_targets_simple(source, file(0)),
        _ => parse_custom(source, file(0)),
    }
}

/// SHA-256 over every file's name and content, in the format's order.
fn content_digest(files: &[(String, Vec<u8>)]) -> String {
    let mut hasher = Sha256::new();
    for (name, bytes) in files {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update((bytes.len() as u64).to_be_bytes());
        hasher.update(bytes);
    }
    hex::encode(hasher.finalize())
}

impl Services {
    /// The port's import: admins and security leads.
    pub async fn import_watchlist(
        &self,
        req: &RequestContext,
        source: &str,
        upload: NewListVersion,
    ) -> Result<ListVersionView, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::ImportWatchlist).await?;
        let by = actor.email.clone();
        self.import_watchlist_as(req, &by, source, upload).await
    }

    /// Imports without an authorisation check, for the `server watchlist import` command (run by
    /// whoever runs the server) and the port above.
    pub async fn import_watchlist_as(
        &self,
        req: &RequestContext,
        imported_by: &str,
        source: &str,
        upload: NewListVersion,
    ) -> Result<ListVersionView, AppError> {
        if !valid_source(source) {
            return Err(AppError::invalid(
                "source",
                format!("A list's id is {SOURCE_RULE}."),
            ));
        }
        let files = files_in_order(&upload)?;
        let (source_owned, format) = (source.to_owned(), upload.format.clone());
        // Parsing and canonicalising a large list is CPU work: off the async workers.
        let parsed = blocking(req, move || {
            let entries = parse(&source_owned, &format, &files)?;
            let (names, identifiers) = matcher_inputs(&entries);
            let rows: Vec<(String, String)> = entries
                .iter()
                .map(|e| (e.id.clone(), serde_json::to_string(e).unwrap_or_default()))
                .collect();
            Ok::<_, ParseError>((content_digest(&files), rows, names.len(), identifiers.len()))
        })
        .await?;
        let (digest, rows, names, identifiers) =
            parsed.map_err(|e| AppError::invalid("files", e.to_string()))?;
        if rows.is_empty() {
            return Err(AppError::invalid(
                "files",
                "The file has no entries; the active version stays as it is.",
            ));
        }
        let now = unix_now_ms();
        let mut tx = self.db.begin().await.or_internal(req)?;
        // Read in the transaction that switches versions: the guard compares with the version
        // this one replaces.
        let replaced = watchlists::active(&mut tx)
            .await
            .or_internal(req)?
            .into_iter()
            .find(|v| v.source == source)
            .map(|v| Replaced {
                version: v.id,
                entries: v.entry_count,
            });
        if let Some(refusal) = shrink_refusal(rows.len() as i64, replaced, upload.allow_shrink) {
            return Err(AppError::invalid("allow_shrink", refusal));
        }
        let id = watchlists::insert_version(
            &mut tx,
            &NewVersion {
                source,
                format: &upload.format,
                content_sha256: &digest,
                entry_count: rows.len() as i64,
                name_count: names as i64,
                identifier_count: identifiers as i64,
                imported_by,
            },
            now,
        )
        .await
        .or_internal(req)?;
        watchlists::insert_entries(&mut tx, id, &rows)
            .await
            .or_internal(req)?;
        let people = watchlists::people_count(&mut tx).await.or_internal(req)?;
        watchlists::activate(&mut tx, source, id, people)
            .await
            .or_internal(req)?;
        audit(
            &mut tx,
            req,
            "watchlist.import",
            &format!("watchlist:{source}"),
            json!({
                "version": id,
                "format": upload.format,
                "entries": rows.len(),
                "replaced": replaced.map(|r| json!({ "version": r.version, "entries": r.entries })),
                "content_sha256": digest,
                "by": actor_label(req),
            }),
        )
        .await
        .or_internal(req)?;
        let stored = watchlists::find(&mut tx, id)
            .await
            .or_internal(req)?
            .ok_or("the new version vanished")
            .or_internal(req)?;
        tx.commit().await.or_internal(req)?;
        tracing::info!(
            source,
            version = id,
            entries = rows.len(),
            "watch list imported"
        );
        self.reload_watchlists(req).await?;
        self.watchlists.wake.notify_one();
        Ok(super::reads::view(&stored))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clearance_app::model::watchlists::ListFile;

    #[test]
    fn source_ids_are_short_lower_case_words() {
        assert!(valid_source("us_ofac_sdn"));
        assert!(valid_source("incidents2"));
        for bad in ["", "x", "US_OFAC", "9lists", "a-b", "a b", &"a".repeat(41)] {
            assert!(!valid_source(bad), "{bad:?}");
        }
    }

    fn upload(format: &str, names: &[&str]) -> NewListVersion {
        NewListVersion {
            format: format.into(),
            files: names
                .iter()
                .map(|n| ListFile {
                    name: (*n).into(),
                    content: "x".into(),
                    base64: false,
                })
                .collect(),
            allow_shrink: false,
        }
    }

    #[test]
    fn an_upload_names_exactly_the_files_of_its_format() {
        let err =
            files_in_order(&upload("ofac_csv", &["sdn.csv", "alt.csv", "add.csv"])).unwrap_err();
        assert!(err.to_string().contains("sdn_comments.csv"), "{err}");
        let err = files_in_order(&upload("custom_csv", &["custom.csv", "extra.csv"])).unwrap_err();
        assert!(err.to_string().contains("extra.csv"), "{err}");
        let err = files_in_order(&upload("xml", &[])).unwrap_err();
        assert!(err.to_string().contains("ofac_csv"), "{err}");
        let ok = files_in_order(&upload(
            "ofac_csv",
            &["sdn_comments.csv", "add.csv", "alt.csv", "sdn.csv"],
        ))
        .unwrap();
        let names: Vec<&str> = ok.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"]);
    }

    #[test]
    fn base64_content_is_decoded_and_bad_base64_refused() {
        let mut up = upload("custom_csv", &["custom.csv"]);
        up.files[0].content = base64::engine::general_purpose::STANDARD.encode(b"kind,value\n");
        up.files[0].base64 = true;
        assert_eq!(files_in_order(&up).unwrap()[0].1, b"kind,value\n");
        up.files[0].content = "***".into();
        assert!(files_in_order(&up).is_err());
    }

    #[test]
    fn the_digest_covers_names_and_contents() {
        let a = vec![("a.csv".to_string(), b"1".to_vec())];
        let b = vec![("b.csv".to_string(), b"1".to_vec())];
        let c = vec![("a.csv".to_string(), b"2".to_vec())];
        assert_ne!(content_digest(&a), content_digest(&b));
        assert_ne!(content_digest(&a), content_digest(&c));
        assert_eq!(content_digest(&a).len(), 64);
    }
}
