//! Passwords, sign-in throttling, session tokens.
pub mod password;
pub mod password_policy;
pub mod random;
pub mod throttle;
pub mod token;
