//! Profile documents on their way in: validation that names the field, and replacing bank and
//! ID-document numbers by keyed hashes. Pure.
pub mod chunking;
pub mod import;
pub mod protect;
pub mod validate;
