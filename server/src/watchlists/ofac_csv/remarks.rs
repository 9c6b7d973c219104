//! OFAC Remarks: a `;`-separated bag of typed facts (INDICATORS.md §5.2, §5.3). The caller
//! passes the Remarks *already joined* with their `sdn_comments.csv` continuation, because the
//! cut falls mid-token and splitting first would lose or corrupt addresses and emails.
//!
//! Facts read: `DOB`, `nationality`/`citizen`, identity numbers ([`ID_LABELS`]), `Email
//! Address`, `Phone Number`, `Website`, `Digital Currency Address - <TICKER>`, and `a.k.a.`
//! (OFAC's weak aliases). Each may carry an `alt. ` prefix. Other facts stay in the remarks text.

use crate::watchlists::countries;
use crate::watchlists::entry::{push_unique, AliasKind, Entry};

/// Remark labels that introduce an identity or registration number, as OFAC writes them.
/// Labels not listed stay in the remarks text only.
pub const ID_LABELS: &[&str] = &[
    "Passport",
    "Diplomatic Passport",
    "Stateless Person Passport",
    "Travel Document Number",
    "National ID No.",
    "Identification Number",
    "Personal ID Card",
    "Stateless Person ID Card",
    "Refugee ID Card",
    "Kenyan ID No.",
    "Tax ID No.",
    "Tax Identification Number",
    "Unified Social Credit Code (USCC)",
    "Registration Number",
    "Registration ID",
    "Business Registration Number",
    "Company Number",
    "UK Company Number",
    "Commercial Registry Number",
    "Certificate of Incorporation Number",
    "Chamber of Commerce Number",
    "Trade License No.",
    "Legal Entity Number",
    "D-U-N-S Number",
    "SWIFT/BIC",
    "Cedula No.",
    "C.U.R.P.",
    "R.F.C.",
    "NIT #",
    "RUC #",
    "SSN",
    "Driver's License No.",
    "Birth Certificate Number",
    "Residency Number",
    "Public Security and Immigration No.",
    "Seafarer's Identification Document",
    "Vessel Registration Identification",
    "MMSI",
    "Aircraft Manufacturer's Serial Number (MSN)",
    "Aircraft Tail Number",
    "Economic Register Number (CBLS)",
    "V.A.T. Number",
    "Enterprise Number",
    "Government Gazette Number",
];

/// Sets `entry.remarks` to the joined text and extracts its typed facts into `entry`.
pub fn apply(entry: &mut Entry, joined: &str) {
    let text = joined.trim();
    if text.is_empty() {
        return;
    }
    entry.remarks = Some(text.to_owned());
    // The bag ends with a full stop; without this the last fact's value would carry it.
    let body = text.strip_suffix('.').unwrap_or(text);
    for fact in body.split(';') {
        fact_into(entry, fact.trim());
    }
}

fn fact_into(entry: &mut Entry, fact: &str) {
    let fact = after(fact, "alt.").unwrap_or(fact);
    if let Some(date) = after(fact, "DOB") {
        push_unique(&mut entry.birth_dates, date);
    } else if let Some(country) = after(fact, "nationality").or_else(|| after(fact, "citizen")) {
        push_unique(&mut entry.nationalities, &countries::normalise(country));
    } else if let Some(email) = after(fact, "Email Address").or_else(|| after(fact, "Email")) {
        push_unique(&mut entry.emails, first_token(email));
    } else if let Some(phone) = after(fact, "Phone Number").or_else(|| after(fact, "Telephone")) {
        push_unique(&mut entry.phones, phone.trim_end_matches(['.', ',']));
    } else if let Some(site) = after(fact, "Website") {
        push_unique(&mut entry.websites, first_token(site));
    } else if let Some(rest) = after(fact, "Digital Currency Address") {
        wallet_into(entry, rest);
    } else if let Some(name) = after(fact, "a.k.a.") {
        entry.add_alias(unquote(name), AliasKind::Weak);
    } else if let Some(name) = after(fact, "f.k.a.") {
        entry.add_alias(unquote(name), AliasKind::Former);
    } else if let Some(name) = after(fact, "n.k.a.") {
        entry.add_alias(unquote(name), AliasKind::Strong);
    } else if let Some((label, rest)) = id_label(fact) {
        id_into(entry, label, rest);
    }
}

/// `- ETH 0x098B…` → ticker `ETH`, the address as written.
fn wallet_into(entry: &mut Entry, rest: &str) {
    let mut tokens = rest.trim_start_matches(['-', ' ']).split_whitespace();
    if let (Some(ticker), Some(address)) = (tokens.next(), tokens.next()) {
        entry.add_wallet(Some(ticker), address.trim_end_matches(['.', ',']));
    }
}

/// `T14553558 (Iran) issued 28 Oct 2008 expires 29 Oct 2013` → number, ISO country.
fn id_into(entry: &mut Entry, label: &str, rest: &str) {
    let (number, country) = match rest.split_once('(') {
        Some((number, tail)) => {
            let country = tail.split(')').next().unwrap_or("");
            (number, Some(countries::normalise(country)))
        }
        None => {
            let end = [" issued ", " expires ", " (", " Expiration"]
                .iter()
                .filter_map(|marker| rest.find(*marker))
                .min()
                .unwrap_or(rest.len());
            (rest.get(..end).unwrap_or(rest), None)
        }
    };
    entry.add_id_number(label, number.trim().trim_end_matches(['.', ',']), country);
}

/// The longest [`ID_LABELS`] entry the fact starts with, and the text after it.
fn id_label(fact: &str) -> Option<(&'static str, &str)> {
    ID_LABELS
        .iter()
        .filter_map(|label| after(fact, label).map(|rest| (*label, rest)))
        .max_by_key(|(label, _)| label.len())
}

/// The text after `label` when `fact` starts with it (ASCII case-insensitive) as a whole word;
/// `None` when it does not or nothing follows.
fn after<'a>(fact: &'a str, label: &str) -> Option<&'a str> {
    let head = fact.get(..label.len())?;
    if !head.eq_ignore_ascii_case(label) {
        return None;
    }
    let rest = fact.get(label.len()..)?;
    if !rest.is_empty() && !rest.starts_with(|c: char| c == ':' || c.is_whitespace()) {
        return None;
    }
    let rest = rest
        .trim_start_matches(|c: char| c == ':' || c.is_whitespace())
        .trim();
    (!rest.is_empty()).then_some(rest)
}

fn first_token(value: &str) -> &str {
    value
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches(['.', ','])
}

/// `'HIDDEN COBRA'` → `HIDDEN COBRA`: one quote off each end (names may contain apostrophes).
fn unquote(name: &str) -> &str {
    let is_quote = |c: char| matches!(c, '\'' | '"' | '\u{2018}' | '\u{2019}');
    let name = name.trim();
    let name = name.strip_prefix(is_quote).unwrap_or(name);
    name.strip_suffix(is_quote).unwrap_or(name).trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::watchlists::entry::{Alias, EntryKind, IdNumber, Wallet};

    fn facts(remarks: &str) -> Entry {
        let mut entry = Entry::new("us_ofac_sdn", "1", EntryKind::Person, "X");
        apply(&mut entry, remarks);
        entry
    }

    #[test]
    fn dob_nationality_and_passport_are_typed() {
        let entry = facts(
            "DOB 14 Mar 1986; alt. DOB 1987; POB Pyongyang, Korea, North; nationality Korea, \
             North; Passport 836420186 (Korea, North) issued 02 Jan 2019 expires 01 Jan 2024.",
        );
        assert_eq!(entry.birth_dates, vec!["14 Mar 1986", "1987"]);
        assert_eq!(entry.nationalities, vec!["KP"]);
        assert_eq!(
            entry.id_numbers,
            vec![IdNumber {
                kind: "Passport".into(),
                number: "836420186".into(),
                country: Some("KP".into())
            }]
        );
    }

    #[test]
    fn the_longest_id_label_wins_and_parenthesised_labels_are_whole() {
        let entry = facts(
            "Diplomatic Passport PD12345 (Korea, North); Unified Social Credit Code (USCC) \
             91222401MA0Y31E659 (China); Identification Number 2103021987 (China); \
             Registration Number 12-345 issued 2019.",
        );
        let got: Vec<(&str, &str, Option<&str>)> = entry
            .id_numbers
            .iter()
            .map(|i| (i.kind.as_str(), i.number.as_str(), i.country.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Diplomatic Passport", "PD12345", Some("KP")),
                (
                    "Unified Social Credit Code (USCC)",
                    "91222401MA0Y31E659",
                    Some("CN")
                ),
                ("Identification Number", "2103021987", Some("CN")),
                ("Registration Number", "12-345", None),
            ]
        );
    }

    #[test]
    fn contact_facts_are_typed_with_and_without_alt() {
        let entry = facts(
            "Email Address kim.dev@example.com; alt. Email Address kim2@example.net; Phone \
             Number 8613300000001; alt. Phone Number +7 423 000 0000; Website www.example-it.cn.",
        );
        assert_eq!(
            entry.emails,
            vec!["kim.dev@example.com", "kim2@example.net"]
        );
        assert_eq!(entry.phones, vec!["8613300000001", "+7 423 000 0000"]);
        assert_eq!(entry.websites, vec!["www.example-it.cn"]);
    }

    #[test]
    fn digital_currency_addresses_keep_ticker_and_case() {
        let entry = facts(
            "Digital Currency Address - ETH 0x098B716B8Aaf21512996dC57EB0615e2383E2f96; alt. \
             Digital Currency Address - XBT 1ExampleAddrXyZ; Digital Currency Address - USDT \
             TExampleTronAddr.",
        );
        let wallets: Vec<(Option<&str>, &str)> = entry
            .wallets
            .iter()
            .map(|Wallet { ticker, address }| (ticker.as_deref(), address.as_str()))
            .collect();
        assert_eq!(
            wallets,
            vec![
                (Some("ETH"), "0x098B716B8Aaf21512996dC57EB0615e2383E2f96"),
                (Some("XBT"), "1ExampleAddrXyZ"),
                (Some("USDT"), "TExampleTronAddr"),
            ]
        );
    }

    #[test]
    fn remark_akas_are_weak_aliases_without_their_quotes() {
        let entry =
            facts("a.k.a. 'HIDDEN COBRA'; a.k.a. 'SO'NG-HWA'; f.k.a. 'OLD CO'; Linked To: X.");
        assert_eq!(
            entry.aliases,
            vec![
                Alias {
                    name: "HIDDEN COBRA".into(),
                    kind: AliasKind::Weak
                },
                Alias {
                    name: "SO'NG-HWA".into(),
                    kind: AliasKind::Weak
                },
                Alias {
                    name: "OLD CO".into(),
                    kind: AliasKind::Former
                },
            ]
        );
    }

    #[test]
    fn the_remarks_text_is_kept_and_unknown_facts_are_ignored() {
        let entry = facts("  Secondary sanctions risk: section 510.201; Gender Male.  ");
        assert_eq!(
            entry.remarks.as_deref(),
            Some("Secondary sanctions risk: section 510.201; Gender Male.")
        );
        assert!(entry.birth_dates.is_empty() && entry.id_numbers.is_empty());
        assert_eq!(facts("   ").remarks, None);
    }

    #[test]
    fn labels_match_whole_words_only() {
        let entry = facts("DOBROVOLSKY; Passports none; Websites; nationality");
        assert!(entry.birth_dates.is_empty());
        assert!(entry.id_numbers.is_empty());
        assert!(entry.websites.is_empty() && entry.nationalities.is_empty());
    }

    #[test]
    fn cut_or_odd_facts_never_panic() {
        for fact in [
            "Passport (",
            "Passport ((",
            "Passport )",
            "Digital Currency Address - ",
            "Digital Currency Address - ETH",
            "a.k.a. '",
            "a.k.a. ''",
            "Email Address",
            "é",
            "DOB\u{2028}",
        ] {
            let _ = facts(fact);
        }
    }
}
