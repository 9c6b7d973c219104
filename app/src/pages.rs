//! One file per page.

pub mod access;
pub mod access_new;
pub mod access_request;
pub mod account;
pub mod audit;
pub mod campaign;
pub mod campaign_items;
pub mod campaigns;
pub mod grants;
pub mod home;
pub mod import_job;
pub mod invite;
pub mod login;
pub mod not_found;
pub mod people;
pub mod people_import;
pub mod person;
pub mod person_access;
pub mod person_edit;
pub mod person_new;
pub mod repositories;
pub mod repository;
pub mod users;
pub mod watchlists;
