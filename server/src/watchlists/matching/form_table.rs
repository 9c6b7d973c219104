//! Per form of the name index: its kind bits, its part count, its terms and its parts' lengths,
//! in one 32-byte record.
//!
//! A search bounds thousands of candidate forms scattered over the whole index
//! (`evaluate.rs`), and each one read from memory that is not in any cache costs a miss per
//! array it touches: with the terms in an array of their own, reading a form's first term was
//! half the time of bounding. A record holds the terms of a form of up to three parts (three
//! parts and two joined pairs, most names) and the lengths of its first four parts (what its
//! unpaired parts weigh) in one cache line; only longer forms keep their terms in a second
//! array.

/// Terms held in the record itself; a form with more keeps them in `FormTable::spilled`.
const INLINE: usize = 6;
/// Part lengths held in the record.
const INLINE_LENGTHS: usize = 4;
/// A part length that does not fit a byte (read from the vocabulary instead).
const NO_LENGTH: u8 = 0;

#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(32))]
struct FormRecord {
    /// How many terms the form has (parts, then joined pairs).
    len: u8,
    parts: u8,
    kinds: u8,
    /// The chars of each of the first parts, or [`NO_LENGTH`].
    lengths: [u8; INLINE_LENGTHS],
    /// The terms when at most [`INLINE`]; else `[start in spilled, ..]`.
    terms: [u32; INLINE],
}

/// The forms' records, and the terms of the longer forms.
#[derive(Debug, Default)]
pub(super) struct FormTable {
    records: Vec<FormRecord>,
    spilled: Vec<u32>,
}

impl FormTable {
    /// Adds a form of kind bits `kinds` with `parts` (ids, and their lengths in chars), then
    /// `joined` (the ids of its joined adjacent parts); returns its number.
    pub fn push(&mut self, kinds: u8, parts: &[(u32, usize)], joined: &[u32]) -> u32 {
        let mut record = FormRecord {
            len: (parts.len() + joined.len()) as u8,
            parts: parts.len() as u8,
            kinds,
            ..FormRecord::default()
        };
        for (slot, (_, len)) in record.lengths.iter_mut().zip(parts) {
            *slot = u8::try_from(*len).unwrap_or(NO_LENGTH);
        }
        let terms = parts
            .iter()
            .map(|(id, _)| *id)
            .chain(joined.iter().copied());
        if usize::from(record.len) <= INLINE {
            for (slot, id) in record.terms.iter_mut().zip(terms) {
                *slot = id;
            }
        } else {
            record.terms[0] = self.spilled.len() as u32;
            self.spilled.extend(terms);
        }
        self.records.push(record);
        (self.records.len() - 1) as u32
    }

    /// Adds kind bits to a form.
    pub fn add_kinds(&mut self, form: u32, kinds: u8) {
        if let Some(record) = self.records.get_mut(form as usize) {
            record.kinds |= kinds;
        }
    }

    /// Replaces every term id by `renumbered[id]` (ids beyond it are kept: `NO_TERM`).
    pub fn renumber(&mut self, renumbered: &[u32]) {
        let renumber = |id: &mut u32| {
            if let Some(new) = renumbered.get(*id as usize) {
                *id = *new;
            }
        };
        for record in &mut self.records {
            if usize::from(record.len) <= INLINE {
                record.terms.iter_mut().for_each(renumber);
            }
        }
        self.spilled.iter_mut().for_each(renumber);
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// A form's record, copied out of the table: a search that bounds thousands of forms first
    /// copies all their records, in a loop whose reads the processor can overlap, before it
    /// reads them one by one (`candidates.rs`).
    pub fn get(&self, form: u32) -> Option<Form<'_>> {
        Some(Form {
            id: form,
            record: *self.records.get(form as usize)?,
            spilled: &self.spilled,
        })
    }

    /// A form's terms: its parts, then its joined parts.
    pub fn terms(&self, form: u32) -> &[u32] {
        let Some(record) = self.records.get(form as usize) else {
            return &[];
        };
        terms_of(record, &self.spilled)
    }

    /// A form's kind bits (0 for an unknown form).
    pub fn kinds(&self, form: u32) -> u8 {
        self.get(form).map_or(0, |form| form.kinds())
    }

    pub fn heap_bytes(&self) -> usize {
        self.records.capacity() * std::mem::size_of::<FormRecord>() + self.spilled.capacity() * 4
    }
}

fn terms_of<'a>(record: &'a FormRecord, spilled: &'a [u32]) -> &'a [u32] {
    let len = usize::from(record.len);
    if len <= INLINE {
        return record.terms.get(..len).unwrap_or_default();
    }
    let start = record.terms[0] as usize;
    spilled.get(start..start + len).unwrap_or_default()
}

/// One form's record ([`FormTable::get`]).
#[derive(Clone, Copy, Debug)]
pub(super) struct Form<'t> {
    id: u32,
    record: FormRecord,
    spilled: &'t [u32],
}

impl Form<'_> {
    /// The form's number.
    pub fn id(&self) -> u32 {
        self.id
    }

    /// The form's terms: its parts, then its joined parts.
    pub fn terms(&self) -> &[u32] {
        terms_of(&self.record, self.spilled)
    }

    pub fn parts(&self) -> usize {
        usize::from(self.record.parts)
    }

    pub fn kinds(&self) -> u8 {
        self.record.kinds
    }

    /// The chars of part `j`, when the record holds them.
    pub fn part_length(&self, j: usize) -> Option<usize> {
        let length = *self.record.lengths.get(j)?;
        (length != NO_LENGTH).then_some(usize::from(length))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_half_a_cache_line() {
        assert_eq!(std::mem::size_of::<FormRecord>(), 32);
        assert_eq!(std::mem::align_of::<FormRecord>(), 32);
    }

    #[test]
    fn short_forms_are_held_inline_and_long_ones_spilled_in_order() {
        let mut table = FormTable::default();
        let short = table.push(1, &[(7, 3), (9, 2), (4, 300)], &[11, 12]);
        let long = table.push(2, &[(1, 1), (2, 2), (3, 3), (4, 4), (5, 5)], &[6, 7, 8, 9]);
        let one = table.push(1, &[(5, 4)], &[]);
        assert_eq!(table.terms(short), &[7, 9, 4, 11, 12]);
        assert_eq!(table.terms(long), &[1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(table.terms(one), &[5]);
        assert_eq!(table.spilled.len(), 9, "only the long form is spilled");
        let (short, long) = (table.get(short).unwrap(), table.get(long).unwrap());
        assert_eq!((short.id(), long.id()), (0, 1));
        assert_eq!((short.parts(), long.parts()), (3, 5));
        assert_eq!(short.terms(), &[7, 9, 4, 11, 12]);
        assert_eq!(long.terms(), &[1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(short.part_length(0), Some(3));
        assert_eq!(short.part_length(2), None, "300 chars do not fit");
        assert_eq!(long.part_length(3), Some(4));
        assert_eq!(long.part_length(4), None, "only four lengths are held");
        assert_eq!(table.terms(99), &[] as &[u32]);
        assert!(table.get(99).is_none());
        assert_eq!(table.kinds(99), 0);
    }

    #[test]
    fn kinds_add_up_and_renumbering_reaches_both_places() {
        let mut table = FormTable::default();
        let short = table.push(1, &[(0, 3), (1, 3)], &[u32::MAX]);
        let long = table.push(2, &[(2, 1), (0, 1), (1, 1), (2, 1)], &[3, 3, 3]);
        table.add_kinds(short, 2);
        assert_eq!(table.kinds(short), 3);
        table.renumber(&[10, 11, 12, 13]);
        assert_eq!(table.terms(short), &[10, 11, u32::MAX]);
        assert_eq!(table.terms(long), &[12, 10, 11, 12, 13, 13, 13]);
    }
}
