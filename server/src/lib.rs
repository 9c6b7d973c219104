//! The Clearance server: everything that runs only on the server.

pub mod audits;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod grants;
pub mod jobs;
pub mod mail;
pub mod profiles;
pub mod rest;
pub mod scoring;
pub mod services;
pub mod startup;
pub mod store;
pub mod telemetry;
pub mod watchlists;
pub mod web;
