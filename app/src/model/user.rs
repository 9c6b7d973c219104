//! What pages and the API see of users, invites and the signed-in person.

use super::page::PageInfo;
use super::role::Role;
use serde::{Deserialize, Serialize};

/// The signed-in person, as the server established it for this request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: i64,
    pub email: String,
    pub role: Role,
}

/// One row of the users page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub disabled: bool,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// An invite that has not been accepted, revoked or let expire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteSummary {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub invited_by: String,
    pub created_at: String,
    pub expires_at: String,
}

/// The users page: one page of users and every open invite.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsersPage {
    pub users: Vec<UserSummary>,
    pub page: PageInfo,
    pub open_invites: Vec<InviteSummary>,
}

/// What the invite page shows before the person sets a password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteDetails {
    pub email: String,
    pub role: Role,
    pub expires_at: String,
}
