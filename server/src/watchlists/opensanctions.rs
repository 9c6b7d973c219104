//! OpenSanctions exports (INDICATORS.md §5.4): FollowTheMoney entities as JSON lines
//! (`entities.ftm.json`, [`parse_ftm`]) and the flat `targets.simple.csv`
//! ([`parse_targets_simple`]).
//! Both are UTF-8 by contract: a file that is not is refused naming the line.
//!
//! Licensing (§5.4): OpenSanctions data is free for non-commercial use only; a commercial
//! deployment needs a data licence before importing these files.

mod ftm;
mod targets;

pub use ftm::{parse_ftm, parse_ftm_with, FTM_FILE};
pub use targets::{parse_targets_simple, parse_targets_simple_with, TARGETS_FILE};

use super::entry::EntryKind;

/// The entry kind of an FtM schema that designates a party, `None` for the others (Sanction,
/// Address, Ownership, …), which are read only for what they add to a party.
fn party_kind(schema: &str) -> Option<EntryKind> {
    match schema {
        "Person" => Some(EntryKind::Person),
        "Organization" | "Company" | "LegalEntity" | "PublicBody" => Some(EntryKind::Organization),
        "Vessel" => Some(EntryKind::Vessel),
        "Airplane" => Some(EntryKind::Aircraft),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_schemas_map_to_kinds_and_others_are_not_parties() {
        assert_eq!(party_kind("Person"), Some(EntryKind::Person));
        assert_eq!(party_kind("Company"), Some(EntryKind::Organization));
        assert_eq!(party_kind("LegalEntity"), Some(EntryKind::Organization));
        assert_eq!(party_kind("Airplane"), Some(EntryKind::Aircraft));
        assert_eq!(party_kind("Sanction"), None);
        assert_eq!(party_kind("CryptoWallet"), None);
    }
}
