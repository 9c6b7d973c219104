//! The closed sets of stable identifiers of repository access: permission levels, tiers,
//! providers, request states and review decisions.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Declares a closed set of stable identifiers with labels, `ALL`, `as_str`, `parse` (the error
/// names the accepted values) and `Display`.
macro_rules! identifiers {
    ($(#[$meta:meta])* $name:ident, $what:literal, { $($variant:ident => ($id:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable identifier used in the database, the API and forms.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }

            /// A label for people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parses the stable identifier (trimmed, case-insensitive).
            pub fn parse(value: &str) -> Result<$name, String> {
                let wanted = value.trim().to_ascii_lowercase();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == wanted)
                    .ok_or_else(|| {
                        let ids: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                        format!("Unknown {} \"{}\": use one of {}.", $what, value.trim(), ids.join(", "))
                    })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

identifiers!(
    /// Permission levels on a repository, weakest first (GitHub's repository roles).
    Permission, "permission", {
        Read => ("read", "Read"),
        Triage => ("triage", "Triage"),
        Write => ("write", "Write"),
        Maintain => ("maintain", "Maintain"),
        Admin => ("admin", "Admin"),
    }
);

identifiers!(
    /// How much harm access to a repository could do, lowest first.
    Tier, "tier", {
        Standard => ("standard", "Standard"),
        Sensitive => ("sensitive", "Sensitive"),
        Critical => ("critical", "Critical"),
    }
);

identifiers!(
    /// Where a repository is hosted.
    Provider, "provider", {
        Github => ("github", "GitHub"),
        Gitlab => ("gitlab", "GitLab"),
        Other => ("other", "Other"),
    }
);

identifiers!(
    /// Where an access request is in its life.
    GrantState, "state", {
        Pending => ("pending", "Pending review"),
        Approved => ("approved", "Approved"),
        Active => ("active", "Active"),
        Suspended => ("suspended", "Suspended"),
        Expired => ("expired", "Expired"),
        Revoked => ("revoked", "Revoked"),
        Denied => ("denied", "Denied"),
        Cancelled => ("cancelled", "Cancelled"),
        Lapsed => ("lapsed", "Lapsed"),
    }
);

identifiers!(
    /// A reviewer's decision on an access request.
    ReviewDecision, "decision", {
        Approve => ("approve", "Approve"),
        Deny => ("deny", "Deny"),
    }
);

impl GrantState {
    /// States a request never leaves.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            GrantState::Expired
                | GrantState::Revoked
                | GrantState::Denied
                | GrantState::Cancelled
                | GrantState::Lapsed
        )
    }

    /// States in which the person holds (or held until suspension) access: what audits certify.
    pub fn is_live_grant(self) -> bool {
        matches!(
            self,
            GrantState::Approved | GrantState::Active | GrantState::Suspended
        )
    }

    /// States of a request that became a grant (the `/grants` list).
    pub const GRANTS: &'static [GrantState] = &[
        GrantState::Approved,
        GrantState::Active,
        GrantState::Suspended,
        GrantState::Expired,
        GrantState::Revoked,
    ];
}
