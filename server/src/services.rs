//! Use cases: authorise → load → pure core → persist → audit → notify, in one transaction.
//! `Services` implements the ports that the server functions call; the REST API calls the same
//! methods.

mod audit_log;
mod auth;
mod invites;
pub mod sessions;
pub mod support;
pub mod users;

use crate::auth::token::TokenKeys;
use crate::store::db::Db;
use clearance_app::ports::Ports;
use sessions::CookiePolicy;
use std::sync::Arc;

#[derive(Clone)]
pub struct Services {
    pub db: Db,
    pub keys: TokenKeys,
    pub cookies: CookiePolicy,
}

impl Services {
    pub fn new(db: Db, keys: TokenKeys, cookies: CookiePolicy) -> Self {
        Services { db, keys, cookies }
    }

    /// The same services behind each port, for Leptos context.
    pub fn ports(self: &Arc<Self>) -> Ports {
        Ports {
            auth: self.clone(),
            users: self.clone(),
            audit: self.clone(),
        }
    }
}
