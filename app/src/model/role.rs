//! The four roles of Clearance. What each may do is decided in one place: [`super::access`].

use serde::{Deserialize, Serialize};
use std::fmt;

/// A user's role. Every user has exactly one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Founders: manage users, run audits, see everything.
    Admin,
    /// Approve code-repository access; dismiss false positives.
    SecurityLead,
    /// Enter and screen candidates and contractors.
    Hr,
    /// Read-only: the audit log and evidence.
    Auditor,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::SecurityLead, Role::Hr, Role::Auditor];

    /// The stable identifier used in the database, the API and forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::SecurityLead => "security_lead",
            Role::Hr => "hr",
            Role::Auditor => "auditor",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Admin",
            Role::SecurityLead => "Security lead",
            Role::Hr => "HR",
            Role::Auditor => "Auditor",
        }
    }

    /// Parses the stable identifier; the error names the accepted values.
    pub fn parse(value: &str) -> Result<Role, String> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == value.trim())
            .ok_or_else(|| {
                format!("Unknown role \"{value}\": use one of admin, security_lead, hr, auditor.")
            })
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_identifier() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
    }

    #[test]
    fn an_unknown_role_is_refused_with_the_accepted_values() {
        let err = Role::parse("superuser").unwrap_err();
        assert!(err.contains("security_lead"), "{err}");
    }

    #[test]
    fn serde_uses_the_same_identifiers() {
        assert_eq!(
            serde_json::to_string(&Role::SecurityLead).unwrap(),
            "\"security_lead\""
        );
    }
}
