//! The matcher of the active list versions, shared by every screening. Rebuilt when the set of
//! active versions changes: at once on the instance that imported, and by the watch-list job on
//! every other instance (several app instances share one PostgreSQL database).

use super::super::support::{blocking, OrInternal};
use super::super::Services;
use crate::store::watchlists;
use crate::watchlists::lookup::{ActiveLists, ListVersion};
use crate::watchlists::Entry;
use clearance_app::model::error::AppError;
use clearance_app::model::request::RequestContext;
use std::sync::{Arc, RwLock};
use tokio::sync::Notify;

/// The active lists, and a bell that wakes the re-screening job after an import.
#[derive(Default)]
pub struct WatchlistState {
    lists: RwLock<Arc<ActiveLists>>,
    pub wake: Notify,
}

impl WatchlistState {
    /// The lists as they are now; a screening keeps its copy even if a switch happens meanwhile.
    pub fn current(&self) -> Arc<ActiveLists> {
        self.lists
            .read()
            .map(|l| Arc::clone(&l))
            .unwrap_or_else(|poisoned| Arc::clone(&poisoned.into_inner()))
    }

    fn replace(&self, lists: ActiveLists) {
        let lists = Arc::new(lists);
        match self.lists.write() {
            Ok(mut slot) => *slot = lists,
            Err(poisoned) => *poisoned.into_inner() = lists,
        }
    }
}

impl Services {
    /// Rebuilds the matcher when the active versions differ from the loaded ones; returns whether
    /// it did.
    pub async fn reload_watchlists(&self, req: &RequestContext) -> Result<bool, AppError> {
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let active = watchlists::active(&mut conn).await.or_internal(req)?;
        let wanted: Vec<ListVersion> = active
            .iter()
            .map(|v| ListVersion {
                source: v.source.clone(),
                version_id: v.id,
            })
            .collect();
        if self.watchlists.current().versions() == wanted {
            return Ok(false);
        }
        let mut loaded = Vec::with_capacity(active.len());
        for version in &active {
            let bodies = watchlists::entries_of(&mut conn, version.id)
                .await
                .or_internal(req)?;
            loaded.push((version.clone(), bodies));
        }
        drop(conn);
        let hash_key = std::sync::Arc::clone(&self.hash_key);
        let lists = blocking(req, move || -> Result<ActiveLists, serde_json::Error> {
            let mut lists = ActiveLists::with_hash_key(&hash_key);
            for (version, bodies) in loaded {
                let entries = bodies
                    .iter()
                    .map(|b| serde_json::from_str::<Entry>(b))
                    .collect::<Result<Vec<_>, _>>()?;
                let id = ListVersion {
                    source: version.source.clone(),
                    version_id: version.id,
                };
                lists.add(id, &version.format, &entries);
            }
            Ok(lists)
        })
        .await?
        .or_internal(req)?;
        self.watchlists.replace(lists);
        Ok(true)
    }
}
