//! The names a person goes by (ID-01, ID-11): name variants that do not belong to the legal
//! name, and work or calls under other names or from GitHub accounts renamed repeatedly.

use clearance_app::model::profile::{LoginChange, ProfileDocument};

use crate::scoring::{dates, names};
use crate::scoring::{Finding, Severity};

use super::{dated, declared_names, has_tokens, report, text, Clues};

/// ID-01: two names of the same person below this similarity (token-sort Jaro-Winkler) are
/// inconsistent.
pub const ID_01_MIN_SIMILARITY: f64 = 0.90;
/// ID-01: a shortened legal name (middle name dropped, given names as initials) explains a
/// variant only with at least this many tokens, so a bare surname does not.
pub const ID_01_MIN_SHORT_FORM_TOKENS: usize = 2;
/// ID-11: a display or commit name sharing less than this share of its tokens with every name
/// the candidate declared is another name.
pub const ID_11_MIN_TOKEN_OVERLAP: f64 = 0.5;
/// ID-11: a one-word handle containing a declared name part at least this long is the person's
/// own handle (`adalovelace`, `jsmith`).
pub const ID_11_MIN_HANDLE_PART: usize = 3;
/// ID-11: this many GitHub login changes…
pub const ID_11_MAX_LOGIN_CHANGES: usize = 2;
/// ID-11: …within this many days before now are identity rotation.
pub const ID_11_LOGIN_WINDOW_DAYS: i64 = 365;

// ---------------------------------------------------------------------------------------------
// ID-01: names

/// A name as one source shows it.
struct SourcedName<'a> {
    field: String,
    value: &'a str,
    source: &'a str,
    /// A declared alias or a short form of the legal name (the ID-01 exceptions).
    explained: bool,
}

impl SourcedName<'_> {
    fn describe(&self) -> String {
        let source = if self.source.is_empty() {
            "source not given"
        } else {
            self.source
        };
        format!("{} ({source})", self.value)
    }
}

/// ID-01 (high): the name variants and the legal name compared pairwise; every pair below
/// [`ID_01_MIN_SIMILARITY`] where neither name is explained (declared preferred or former name,
/// dropped middle name, initials) is cited with both names and their sources.
pub(super) fn id_01_inconsistent_names(p: &ProfileDocument) -> Option<Finding> {
    let named = sourced_names(p);
    let mut clues = Clues::new();
    for (i, a) in named.iter().enumerate() {
        for b in named.iter().skip(i + 1) {
            if a.explained || b.explained {
                continue;
            }
            if names::similarity(a.value, b.value) < ID_01_MIN_SIMILARITY {
                clues.push((a.field.clone(), a.describe()));
                clues.push((b.field.clone(), b.describe()));
            }
        }
    }
    report(
        "ID-01",
        Severity::High,
        "Name is spelled differently across resume, profiles and documents: ask which is the \
         legal name and why the others differ",
        clues,
        "S1; S13; S17",
    )
}

/// The legal name and every non-empty name variant, in document order.
fn sourced_names(p: &ProfileDocument) -> Vec<SourcedName<'_>> {
    let legal = p.identity.legal_name.full.trim();
    let mut named = Vec::new();
    if has_tokens(legal) {
        named.push(SourcedName {
            field: "identity.legal_name.full".to_owned(),
            value: legal,
            source: "legal name entered",
            explained: false,
        });
    }
    for (i, variant) in p.identity.name_variants.iter().enumerate() {
        let value = variant.value.trim();
        if !has_tokens(value) {
            continue;
        }
        named.push(SourcedName {
            field: format!("identity.name_variants[{i}].value"),
            value,
            source: variant.source.trim(),
            explained: is_declared_alias(p, value) || is_short_form_of(value, legal),
        });
    }
    named
}

/// ID-01: the name is the declared preferred name or a declared former name (same tokens).
fn is_declared_alias(p: &ProfileDocument, name: &str) -> bool {
    let key = names::sorted_key(name);
    let legal = &p.identity.legal_name;
    legal
        .preferred_name
        .iter()
        .chain(legal.former_names.iter())
        .map(|alias| names::sorted_key(alias))
        .any(|alias| !alias.is_empty() && alias == key)
}

/// ID-01: `name` is the legal name shortened: every token is a distinct legal-name token or its
/// initial (a dropped middle name, `A. Lovelace`), with at least
/// [`ID_01_MIN_SHORT_FORM_TOKENS`] tokens.
fn is_short_form_of(name: &str, legal: &str) -> bool {
    let short = names::tokens(name);
    let mut unused = names::tokens(legal);
    if short.len() < ID_01_MIN_SHORT_FORM_TOKENS || short.len() > unused.len() {
        return false;
    }
    let (whole, initials): (Vec<&String>, Vec<&String>) =
        short.iter().partition(|t| t.chars().count() > 1);
    for token in whole {
        match unused.iter().position(|u| u == token) {
            Some(i) => {
                unused.swap_remove(i);
            }
            None => return false,
        }
    }
    for initial in initials {
        match unused.iter().position(|u| u.starts_with(initial.as_str())) {
            Some(i) => {
                unused.swap_remove(i);
            }
            None => return false,
        }
    }
    true
}

// ---------------------------------------------------------------------------------------------
// ID-11: other names

/// ID-11 (medium): a commit author, interview display name or e-mail display name sharing less
/// than [`ID_11_MIN_TOKEN_OVERLAP`] of its tokens with every declared name (legal, preferred,
/// former; a handle built from them is the person's own); or at least
/// [`ID_11_MAX_LOGIN_CHANGES`] GitHub login changes within [`ID_11_LOGIN_WINDOW_DAYS`] of now.
pub(super) fn id_11_other_names_or_renamed_accounts(
    p: &ProfileDocument,
    now: i64,
) -> Option<Finding> {
    let mut clues = other_names(p);
    let history = &p.online_presence.github.login_history;
    let recent: Vec<(usize, &LoginChange)> = history
        .iter()
        .enumerate()
        .filter(|(_, change)| changed_recently(change, now))
        .collect();
    if recent.len() >= ID_11_MAX_LOGIN_CHANGES {
        for (i, change) in recent {
            let changed_at = change.changed_at.as_deref().unwrap_or_default().trim();
            let value = format!("{} (changed {changed_at})", change.login.trim());
            clues.push((
                format!("online_presence.github.login_history[{i}].login"),
                value,
            ));
        }
    }
    report(
        "ID-11",
        Severity::Medium,
        "Work or calls appear under other names, or the GitHub account was renamed repeatedly: \
         confirm who does the work",
        clues,
        "S17",
    )
}

/// ID-11: the commit, interview and e-mail display names that are not the candidate's. Silent
/// without a legal name.
fn other_names(p: &ProfileDocument) -> Clues {
    let mut clues = Clues::new();
    if !has_tokens(&p.identity.legal_name.full) {
        return clues;
    }
    let declared = declared_names(p);
    let mut check = |field: String, name: Option<&str>| {
        if let Some(name) = text(name).filter(|n| is_other_name(&declared, n)) {
            clues.push((field, name.to_owned()));
        }
    };
    for (i, name) in p
        .online_presence
        .github
        .commit_author_names
        .iter()
        .enumerate()
    {
        check(
            format!("online_presence.github.commit_author_names[{i}]"),
            Some(name.as_str()),
        );
    }
    for (i, round) in p.interview_observations.iter().enumerate() {
        check(
            format!("interview_observations[{i}].display_name"),
            round.display_name.as_deref(),
        );
    }
    for (i, email) in p.contact.emails.iter().enumerate() {
        check(
            format!("contact.emails[{i}].display_name"),
            email.display_name.as_deref(),
        );
    }
    clues
}

/// ID-11: `name` shares too few tokens with every declared name and is not a handle built
/// from one of them.
fn is_other_name(declared: &[&str], name: &str) -> bool {
    let tokens = names::tokens(name);
    if tokens.is_empty() {
        return false;
    }
    let shares_enough = declared
        .iter()
        .any(|d| names::token_overlap(name, d) >= ID_11_MIN_TOKEN_OVERLAP);
    !shares_enough && !is_handle_of(&tokens, declared)
}

/// ID-11: a one-word name containing a declared name part (`adalovelace`, `jsmith`).
fn is_handle_of(tokens: &[String], declared: &[&str]) -> bool {
    let [handle] = tokens else {
        return false;
    };
    declared
        .iter()
        .flat_map(|d| names::tokens(d))
        .any(|part| part.chars().count() >= ID_11_MIN_HANDLE_PART && handle.contains(part.as_str()))
}

/// ID-11: the login change happened within [`ID_11_LOGIN_WINDOW_DAYS`] before now.
fn changed_recently(change: &LoginChange, now: i64) -> bool {
    dated(change.changed_at.as_deref()).is_some_and(|(_, at)| {
        (0..=ID_11_LOGIN_WINDOW_DAYS).contains(&dates::days_between(at, now))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::identity::fixtures::{
        change, clean, fired, fires, has_evidence, person, variant,
    };

    // ID-01

    #[test]
    fn id_01_a_name_variant_of_someone_else_is_high() {
        let mut p = clean();
        p.identity
            .name_variants
            .push(variant("Jin Sung Il", "resume"));
        let found = fired(&p, "ID-01");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::High);
        assert!(found[0]
            .evidence
            .iter()
            .any(|e| e.field == "identity.name_variants[4].value"
                && e.value == "Jin Sung Il (resume)"));
        assert!(has_evidence(&found[0], "identity.legal_name.full"));
        // The explained variants (initials, former name) are never cited.
        assert!(!has_evidence(&found[0], "identity.name_variants[1].value"));
        assert!(!has_evidence(&found[0], "identity.name_variants[3].value"));
    }

    #[test]
    fn id_01_a_bare_surname_is_not_an_explained_short_form() {
        let mut p = person("Ada Lovelace");
        p.identity.name_variants = vec![variant("Lovelace", "linkedin")];
        assert!(fires(&p, "ID-01"));
    }

    #[test]
    fn id_01_initials_a_dropped_middle_name_and_a_preferred_name_are_not_flagged() {
        let mut p = person("Maria Fernanda Gonzalez Ruiz");
        p.identity.legal_name.preferred_name = Some("Nanda Gonzalez".to_owned());
        p.identity.name_variants = vec![
            variant("Maria Gonzalez", "resume"),
            variant("M. F. Gonzalez Ruiz", "linkedin"),
            variant("Nanda Gonzalez", "github_profile"),
            variant("GONZALEZ RUIZ, Maria Fernanda", "id_document"),
        ];
        assert!(!fires(&p, "ID-01"));
    }

    #[test]
    fn id_01_spelling_variants_above_the_threshold_are_not_flagged() {
        let mut p = person("Jonathan Smith");
        p.identity.name_variants = vec![variant("Jonathon Smith", "resume")];
        assert!(!fires(&p, "ID-01"));
    }

    // ID-11

    #[test]
    fn id_11_commits_under_another_name_are_medium() {
        let mut p = clean();
        p.online_presence
            .github
            .commit_author_names
            .push("Kevin Zhang".to_owned());
        let found = fired(&p, "ID-11");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
        assert!(found[0].evidence.iter().any(|e| e.field
            == "online_presence.github.commit_author_names[2]"
            && e.value == "Kevin Zhang"));
        assert_eq!(found[0].evidence.len(), 1);
    }

    #[test]
    fn id_11_another_name_on_a_call_is_flagged() {
        let mut p = clean();
        p.interview_observations[0].display_name = Some("devguy42".to_owned());
        let found = fired(&p, "ID-11");
        assert_eq!(found.len(), 1);
        assert!(has_evidence(
            &found[0],
            "interview_observations[0].display_name"
        ));
    }

    #[test]
    fn id_11_two_login_changes_within_a_year_are_flagged() {
        let mut p = clean();
        p.online_presence.github.login_history = vec![
            change("ada-l", "2026-02-01"),
            change("al-dev", "2026-09-15"),
        ];
        let found = fired(&p, "ID-11");
        assert_eq!(found.len(), 1);
        assert!(has_evidence(
            &found[0],
            "online_presence.github.login_history[1].login"
        ));
    }

    #[test]
    fn id_11_own_names_handles_initials_and_old_renames_are_not_flagged() {
        let mut p = clean();
        p.online_presence.github.commit_author_names = vec![
            "adalovelace".to_owned(),
            "A. Lovelace".to_owned(),
            "Ada Byron".to_owned(),
        ];
        p.contact.emails[0].display_name = Some("Ada".to_owned());
        p.online_presence.github.login_history =
            vec![change("ada-b", "2019-01-01"), change("ada-l", "2020-02-01")];
        assert!(!fires(&p, "ID-11"));
    }
}
