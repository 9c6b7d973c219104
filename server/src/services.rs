//! Use cases: authorise → load → pure core → persist → audit → notify, in one transaction.
//! `Services` implements the ports that the server functions call; the REST API calls the same
//! methods.

mod audit_log;
mod auth;
pub mod campaigns;
mod form_drafts;
pub mod grants;
mod import;
mod import_jobs;
mod invites;
mod match_review;
mod people;
mod person_page;
mod referrals;
mod rescreen;
mod rules_refresh;
mod screening;
pub mod sessions;
pub mod support;
pub mod users;
pub mod watchlists;

use crate::auth::token::TokenKeys;
use crate::grants::PolicySettings;
use crate::store::db::Db;
use clearance_app::ports::Ports;
use sessions::CookiePolicy;
use std::sync::Arc;

#[derive(Clone)]
pub struct Services {
    pub db: Db,
    pub keys: TokenKeys,
    pub cookies: CookiePolicy,
    /// Key of the keyed hashes of bank and ID-document numbers.
    pub hash_key: Arc<Vec<u8>>,
    /// The configurable parts of the access policy (screening age, request lifetime).
    pub grant_policy: PolicySettings,
    /// The matcher of the active watch-list versions, read by every screening.
    pub watchlists: Arc<watchlists::WatchlistState>,
}

impl Services {
    pub fn new(db: Db, keys: TokenKeys, cookies: CookiePolicy, hash_key: Vec<u8>) -> Self {
        Services {
            db,
            keys,
            cookies,
            hash_key: Arc::new(hash_key),
            grant_policy: PolicySettings::default(),
            watchlists: Arc::default(),
        }
    }

    pub fn with_grant_policy(mut self, policy: PolicySettings) -> Self {
        self.grant_policy = policy;
        self
    }

    /// The same services behind each port, for Leptos context.
    pub fn ports(self: &Arc<Self>) -> Ports {
        Ports {
            auth: self.clone(),
            users: self.clone(),
            audit: self.clone(),
            people: self.clone(),
            grants: self.clone(),
            campaigns: self.clone(),
            watchlists: self.clone(),
        }
    }
}
