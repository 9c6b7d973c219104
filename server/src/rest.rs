//! `/api/v1`: JSON for integrations and scripts, with `Authorization: Bearer` tokens from
//! `POST /api/v1/auth/login`. The routes call the same services as the server functions.

mod body;
mod campaigns;
mod error;
mod grants;
pub mod people;
mod routes;
mod watchlists;

pub use error::ApiError;
pub use routes::{router, ROUTES};
