//! The listed names and their entries as the matcher keeps them: display names in one arena,
//! and per entry the qualifiers (dates of birth parsed once, nationalities canonical). A name's
//! id is its position in the slice given to `Matcher::new`.

use super::qualifiers::{canonical_country, parse_date, DateSpec};
use super::{ListName, NameKind};
use std::collections::HashMap;

/// What the matcher knows about one entry besides its names.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entry {
    pub id: String,
    /// As written, for explanations.
    pub birth_dates_as_listed: Vec<String>,
    /// The readable ones.
    pub birth_dates: Vec<DateSpec>,
    /// Canonical (ISO alpha-2 where known).
    pub nationalities: Vec<String>,
}

impl Entry {
    fn add_facts(&mut self, birth_dates: &[String], nationalities: &[String]) {
        for text in birth_dates {
            let text = text.trim();
            if text.is_empty() || self.birth_dates_as_listed.iter().any(|d| d == text) {
                continue;
            }
            self.birth_dates_as_listed.push(text.to_owned());
            if let Some(date) = parse_date(text) {
                self.birth_dates.push(date);
            }
        }
        for text in nationalities {
            if let Some(code) = canonical_country(text).filter(|c| !self.nationalities.contains(c))
            {
                self.nationalities.push(code);
            }
        }
    }
}

/// One listed name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NameRecord<'a> {
    pub text: &'a str,
    pub entry: &'a Entry,
    pub is_alias: bool,
    pub kind: NameKind,
}

const ALIAS: u8 = 1;
const ORGANIZATION: u8 = 2;

/// All listed names and entries.
#[derive(Debug, Default)]
pub struct Listed {
    text: String,
    offsets: Vec<u32>,
    entry_of: Vec<u32>,
    flags: Vec<u8>,
    entries: Vec<Entry>,
    entry_ids: HashMap<String, u32>,
}

impl Listed {
    /// Takes every name (its id is its position) and merges the facts of names of one entry.
    pub fn new(names: &[ListName]) -> Listed {
        let mut listed = Listed {
            offsets: vec![0],
            ..Listed::default()
        };
        for name in names {
            let entry = listed.entry(&name.entry_id);
            if let Some(e) = listed.entries.get_mut(entry as usize) {
                e.add_facts(&name.birth_dates, &name.nationalities);
            }
            listed.text.push_str(name.name.trim());
            listed.offsets.push(listed.text.len() as u32);
            listed.entry_of.push(entry);
            let mut flags = 0;
            if name.is_alias {
                flags |= ALIAS;
            }
            if name.kind == NameKind::Organization {
                flags |= ORGANIZATION;
            }
            listed.flags.push(flags);
        }
        listed
    }

    /// The index of an entry, added if new.
    pub fn entry(&mut self, id: &str) -> u32 {
        if let Some(index) = self.entry_ids.get(id) {
            return *index;
        }
        let index = self.entries.len() as u32;
        self.entries.push(Entry {
            id: id.to_owned(),
            ..Entry::default()
        });
        self.entry_ids.insert(id.to_owned(), index);
        index
    }

    /// A name by id.
    pub fn name(&self, id: u32) -> Option<NameRecord<'_>> {
        let i = id as usize;
        let start = *self.offsets.get(i)? as usize;
        let end = *self.offsets.get(i + 1)? as usize;
        let flags = *self.flags.get(i)?;
        Some(NameRecord {
            text: self.text.get(start..end)?,
            entry: self.entries.get(*self.entry_of.get(i)? as usize)?,
            is_alias: flags & ALIAS != 0,
            kind: if flags & ORGANIZATION != 0 {
                NameKind::Organization
            } else {
                NameKind::Person
            },
        })
    }

    /// An entry by index.
    pub fn entry_at(&self, index: u32) -> Option<&Entry> {
        self.entries.get(index as usize)
    }

    pub fn name_count(&self) -> usize {
        self.flags.len()
    }

    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// Approximate heap bytes.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + (self.offsets.capacity() + self.entry_of.capacity()) * 4
            + self.flags.capacity()
            + self
                .entries
                .iter()
                .map(|e| {
                    96 + e.id.capacity() * 2
                        + e.birth_dates_as_listed
                            .iter()
                            .map(|d| 24 + d.capacity())
                            .sum::<usize>()
                        + e.birth_dates.capacity() * std::mem::size_of::<DateSpec>()
                        + e.nationalities
                            .iter()
                            .map(|n| 24 + n.capacity())
                            .sum::<usize>()
                })
                .sum::<usize>()
    }
}
