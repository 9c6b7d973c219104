//! The repeatable sections of an edit form applied to the stored document (see `apply`): rows
//! are matched to stored entries by their main value (an address, a number, a name), or by
//! position for interview rounds, so an entry keeps what the form does not show of it.

use super::apply::{edited, set};
use super::fill::{interview_cells, key, phone_key, text};
use super::{at, opt, yes_no, PersonForm};
use crate::model::profile::*;

/// Rebuilds a repeatable section in the form's row order. A row whose key matches a stored
/// entry's is that entry, updated by `update` (so what the form does not show of it is kept); a
/// row with a new key is a new entry, built as `to_document` would; a stored entry whose key no
/// row has any more was removed or replaced by the person. Entries without a key had no row (the
/// form could not show them) and are kept.
fn merge_rows<T>(
    stored: Vec<T>,
    rows: usize,
    entry_key: impl Fn(&T) -> Option<String>,
    row_key: impl Fn(usize) -> Option<String>,
    mut update: impl FnMut(usize, &mut T),
    build: impl Fn(usize) -> Option<T>,
) -> Vec<T> {
    let mut stored: Vec<Option<T>> = stored.into_iter().map(Some).collect();
    let mut merged = Vec::new();
    for i in 0..rows {
        let Some(wanted) = row_key(i) else { continue };
        let index = stored
            .iter()
            .position(|e| e.as_ref().and_then(&entry_key).as_ref() == Some(&wanted));
        let found = index
            .and_then(|position| stored.get_mut(position))
            .and_then(Option::take);
        match found {
            Some(mut entry) => {
                update(i, &mut entry);
                merged.push(entry);
            }
            None => merged.extend(build(i)),
        }
    }
    merged.extend(
        stored
            .into_iter()
            .flatten()
            .filter(|e| entry_key(e).is_none()),
    );
    merged
}

impl PersonForm {
    pub(super) fn apply_contact(&self, doc: &mut ProfileDocument) {
        let contact = &mut doc.contact;
        contact.emails = merge_rows(
            std::mem::take(&mut contact.emails),
            self.emails.len(),
            |e| key(&e.address),
            |i| key(at(&self.emails, i)),
            |i, e| {
                if edited(at(&self.emails, i), &e.address) {
                    e.address = at(&self.emails, i).trim().to_owned();
                }
            },
            |i| self.email_row(i),
        );
        // A changed number is a new entry: carrier and name match belonged to the old one.
        contact.phones = merge_rows(
            std::mem::take(&mut contact.phones),
            self.phones.len(),
            |p| phone_key(&p.e164),
            |i| phone_key(at(&self.phones, i)),
            |i, p| {
                if edited(at(&self.phones, i), &p.e164) {
                    p.e164 = at(&self.phones, i).trim().to_owned();
                }
                let shown = text(&p.line_type);
                set(&mut p.line_type, at(&self.phone_types, i), &shown);
            },
            |i| self.phone_row(i),
        );
    }

    pub(super) fn apply_employment(&self, doc: &mut ProfileDocument) {
        doc.employment = merge_rows(
            std::mem::take(&mut doc.employment),
            self.employers.len(),
            |job| key(&job.employer_name),
            |i| key(at(&self.employers, i)),
            |i, job| {
                if edited(at(&self.employers, i), &job.employer_name) {
                    job.employer_name = at(&self.employers, i).trim().to_owned();
                }
                let domain = at(&self.employer_domains, i);
                if edited(domain, &text(&job.employer_domain)) {
                    job.employer_domain = opt(domain);
                    // The registration date was looked up for the old domain.
                    job.domain_created_at = None;
                }
                let shown = text(&job.country);
                set(&mut job.country, at(&self.employer_countries, i), &shown);
            },
            |i| self.job_row(i),
        );
    }

    /// Interview rounds are rows by position: row i is the i-th stored round.
    pub(super) fn apply_interviews(&self, doc: &mut ProfileDocument) {
        let stored = std::mem::take(&mut doc.interview_observations);
        let rows = [
            self.interview_modes.len(),
            self.interview_camera.len(),
            self.interview_liveness.len(),
            self.interview_same_person.len(),
            stored.len(),
        ]
        .into_iter()
        .max()
        .unwrap_or(0);
        let mut stored = stored.into_iter();
        for i in 0..rows {
            let Some(mut round) = stored.next() else {
                doc.interview_observations.extend(self.interview_row(i));
                continue;
            };
            let shown = interview_cells(&round);
            let [mode, camera, liveness, same] = [
                at(&self.interview_modes, i),
                at(&self.interview_camera, i),
                at(&self.interview_liveness, i),
                at(&self.interview_same_person, i),
            ];
            let typed = [mode, camera, liveness, same];
            if typed.iter().zip(&shown).all(|(t, s)| !edited(t, s)) {
                doc.interview_observations.push(round);
                continue;
            }
            if typed.iter().all(|t| opt(t).is_none()) {
                continue; // the row was cleared: the round goes
            }
            let [shown_mode, shown_camera, shown_liveness, shown_same] = shown;
            if edited(mode, &shown_mode) {
                round.mode = opt(mode);
                // As for a new round. An unchanged mode keeps the stored flag: an import may
                // record that video was asked for in an audio round (BEH-01).
                round.video_requested = round.mode.as_ref().map(|m| m == "video");
            }
            if edited(camera, &shown_camera) {
                round.camera_on = yes_no(camera);
            }
            set(
                &mut round.liveness_prompts.hand_wave,
                liveness,
                &shown_liveness,
            );
            set(&mut round.same_person_as_previous, same, &shown_same);
            doc.interview_observations.push(round);
        }
    }

    pub(super) fn apply_references(&self, doc: &mut ProfileDocument) {
        doc.references = merge_rows(
            std::mem::take(&mut doc.references),
            self.reference_names.len(),
            |r| key(&r.name),
            |i| key(at(&self.reference_names, i)),
            |i, r| {
                if edited(at(&self.reference_names, i), &r.name) {
                    r.name = at(&self.reference_names, i).trim().to_owned();
                }
                let (email, company) = (text(&r.email), text(&r.company));
                set(&mut r.email, at(&self.reference_emails, i), &email);
                set(&mut r.company, at(&self.reference_companies, i), &company);
            },
            |i| self.reference_row(i),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::apply::tests::stored;
    use super::*;

    #[test]
    fn rows_can_be_added_cleared_and_replaced() {
        let original = stored();
        let mut form = PersonForm::from_document(&original);
        form.emails[0] = String::new();
        form.emails.push("ada@new.example".into());
        form.phones[0] = "+447700900999".into();
        form.reference_names.push("Mary Somerville".into());
        form.interview_modes[0] = String::new();
        form.interview_camera[0] = String::new();
        form.interview_liveness[0] = String::new();
        let mut doc = original.clone();
        form.apply_to(&mut doc);
        let emails: Vec<&str> = doc
            .contact
            .emails
            .iter()
            .map(|e| e.address.as_str())
            .collect();
        assert_eq!(emails, ["ada.k@example.org", "ada@new.example"]);
        assert_eq!(doc.contact.phones[0].e164, "+447700900999");
        assert_eq!(doc.contact.phones[0].carrier, None, "a new number");
        assert_eq!(doc.references.len(), 2);
        assert_eq!(doc.interview_observations.len(), 1);
        assert_eq!(
            doc.interview_observations[0].notes,
            original.interview_observations[1].notes
        );
    }
}
