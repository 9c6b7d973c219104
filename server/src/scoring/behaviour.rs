//! Behavioural and interview rules (INDICATORS.md §2.4, BEH-*): what interviewers recorded, how
//! the hire was sourced, and when the worker is active. One function per indicator; `evaluate`
//! runs them in catalogue order.
//!
//! Each indicator reports at most one finding, listing every observation that triggered it.
//! Interviewer attestations count only when recorded explicitly (`Some(false)`, `"false"`): a
//! missing or `unsure` answer proves nothing.
//!
//! Not implemented here:
//! - BEH-08 (referral chains) and BEH-10 (cover letters reused across applicants) compare
//!   profiles with each other; the link index reports them.
//! - BEH-09 (output quality varies as if several people share the account) comes from post-hire
//!   manager notes, which the profile document does not carry.
//!
//! Guardrails (INDICATORS.md §0): no rule reads appearance, accent or nationality; BEH-07
//! compares activity with the worker's own claimed time zone and never fires for someone who
//! claims to live in UTC+8 or UTC+9.

use clearance_app::model::profile::ProfileDocument;

use super::dates::{self, DAY_SECS};
use super::{Family, Finding, Input, Severity};

/// BEH-01: this many rounds with the camera off (when video was asked for) are high; fewer are
/// medium.
pub const BEH_01_HIGH_FROM_ROUNDS: usize = 2;
/// BEH-03: this many declined in-person steps are "repeated".
pub const BEH_03_MIN_DECLINED_IN_PERSON: usize = 2;
/// BEH-05: liveness prompt outcomes that count (the catalogue's `failed` is accepted too).
pub const BEH_05_BAD_OUTCOMES: &[&str] = &["fail", "failed", "declined"];
/// BEH-07: at least this many readable activity timestamps are needed.
pub const BEH_07_MIN_EVENTS: usize = 20;
/// BEH-07: business hours start, seconds after local midnight (08:00, inclusive).
pub const BEH_07_BUSINESS_START_SECS: i64 = 8 * 3600;
/// BEH-07: business hours end, seconds after local midnight (19:00, exclusive).
pub const BEH_07_BUSINESS_END_SECS: i64 = 19 * 3600;
/// BEH-07: fires only when less than this share (percent) of activity falls in the claimed
/// zone's business hours…
pub const BEH_07_MAX_CLAIMED_PERCENT: usize = 40;
/// BEH-07: …while at least this share (percent) falls in the business hours of one of
/// [`BEH_07_OTHER_OFFSETS_MIN`].
pub const BEH_07_MIN_OTHER_PERCENT: usize = 60;
/// BEH-07: the zones activity is compared with, in minutes east of UTC (UTC+8, UTC+9). A worker
/// claiming one of these offsets is never flagged.
pub const BEH_07_OTHER_OFFSETS_MIN: &[i64] = &[8 * 60, 9 * 60];
/// BEH-07: standard-time offsets (minutes east of UTC) of common IANA zones. Daylight saving
/// time is ignored (at most one hour of drift for part of the year, which the 40%/60% thresholds
/// absorb); a zone not listed gives no finding.
pub const BEH_07_ZONE_OFFSETS_MIN: &[(&str, i64)] = &[
    ("Pacific/Honolulu", -10 * 60),
    ("America/Anchorage", -9 * 60),
    ("America/Los_Angeles", -8 * 60),
    ("America/Vancouver", -8 * 60),
    ("America/Tijuana", -8 * 60),
    ("America/Denver", -7 * 60),
    ("America/Phoenix", -7 * 60),
    ("America/Edmonton", -7 * 60),
    ("America/Chicago", -6 * 60),
    ("America/Winnipeg", -6 * 60),
    ("America/Mexico_City", -6 * 60),
    ("America/New_York", -5 * 60),
    ("America/Detroit", -5 * 60),
    ("America/Toronto", -5 * 60),
    ("America/Bogota", -5 * 60),
    ("America/Lima", -5 * 60),
    ("America/Halifax", -4 * 60),
    ("America/Sao_Paulo", -3 * 60),
    ("America/Argentina/Buenos_Aires", -3 * 60),
    ("UTC", 0),
    ("Etc/UTC", 0),
    ("Europe/London", 0),
    ("Europe/Dublin", 0),
    ("Europe/Lisbon", 0),
    ("Africa/Lagos", 60),
    ("Europe/Amsterdam", 60),
    ("Europe/Berlin", 60),
    ("Europe/Brussels", 60),
    ("Europe/Madrid", 60),
    ("Europe/Paris", 60),
    ("Europe/Prague", 60),
    ("Europe/Rome", 60),
    ("Europe/Stockholm", 60),
    ("Europe/Vienna", 60),
    ("Europe/Warsaw", 60),
    ("Europe/Zurich", 60),
    ("Africa/Cairo", 2 * 60),
    ("Africa/Johannesburg", 2 * 60),
    ("Europe/Athens", 2 * 60),
    ("Europe/Bucharest", 2 * 60),
    ("Europe/Helsinki", 2 * 60),
    ("Europe/Kiev", 2 * 60),
    ("Europe/Kyiv", 2 * 60),
    ("Asia/Jerusalem", 2 * 60),
    ("Africa/Nairobi", 3 * 60),
    ("Europe/Istanbul", 3 * 60),
    ("Europe/Minsk", 3 * 60),
    ("Europe/Moscow", 3 * 60),
    ("Asia/Dubai", 4 * 60),
    ("Asia/Karachi", 5 * 60),
    ("Asia/Tashkent", 5 * 60),
    ("Asia/Kolkata", 5 * 60 + 30),
    ("Asia/Dhaka", 6 * 60),
    ("Asia/Bangkok", 7 * 60),
    ("Asia/Ho_Chi_Minh", 7 * 60),
    ("Asia/Jakarta", 7 * 60),
    ("Asia/Hong_Kong", 8 * 60),
    ("Asia/Kuala_Lumpur", 8 * 60),
    ("Asia/Manila", 8 * 60),
    ("Asia/Shanghai", 8 * 60),
    ("Asia/Singapore", 8 * 60),
    ("Asia/Taipei", 8 * 60),
    ("Australia/Perth", 8 * 60),
    ("Asia/Seoul", 9 * 60),
    ("Asia/Tokyo", 9 * 60),
    ("Asia/Vladivostok", 10 * 60),
    ("Australia/Brisbane", 10 * 60),
    ("Australia/Melbourne", 10 * 60),
    ("Australia/Sydney", 10 * 60),
    ("Pacific/Auckland", 12 * 60),
];

/// Runs every behavioural rule on the profile.
pub fn evaluate(input: &Input<'_>, out: &mut Vec<Finding>) {
    let p = input.profile;
    out.extend(beh_01_camera_off(p));
    out.extend(beh_02_inconsistent_on_camera(p));
    out.extend(beh_03_avoids_in_person_steps(p));
    out.extend(beh_04_reading_answers(p));
    out.extend(beh_05_liveness_failed(p));
    out.extend(beh_06_location_smalltalk(p));
    out.extend(beh_07_activity_in_another_zone(p));
    out.extend(beh_11_agency_without_own_verification(p));
}

/// BEH-01 (medium; high from [`BEH_01_HIGH_FROM_ROUNDS`] rounds): camera off in a round where
/// video was asked for — `video_requested` not recorded as false, or a video-mode round.
fn beh_01_camera_off(p: &ProfileDocument) -> Vec<Finding> {
    let mut rounds = 0;
    let mut evidence = Vec::new();
    for (i, o) in p.interview_observations.iter().enumerate() {
        let video_asked = o.video_requested != Some(false) || is(o.mode.as_deref(), "video");
        if o.camera_on != Some(false) || !video_asked {
            continue;
        }
        rounds += 1;
        evidence.push((
            format!("interview_observations[{i}].camera_on"),
            "false".to_owned(),
        ));
        if let Some(reason) = text(o.camera_refusal_reason.as_deref()) {
            let field = format!("interview_observations[{i}].camera_refusal_reason");
            evidence.push((field, reason.to_owned()));
        }
    }
    if rounds == 0 {
        return Vec::new();
    }
    let (severity, title) = if rounds >= BEH_01_HIGH_FROM_ROUNDS {
        let title = format!(
            "Camera off in {rounds} interview rounds where video was asked for: \
             hold a live video call before any offer"
        );
        (Severity::High, title)
    } else {
        let title = "Camera off in an interview round where video was asked for: \
                     hold a live video call before any offer";
        (Severity::Medium, title.to_owned())
    };
    vec![finding("BEH-01", severity, title, evidence, "S1; S2")]
}

/// BEH-02 (high): the interviewer recorded a different person than in the previous round, or a
/// visible local time that does not fit the claimed location.
fn beh_02_inconsistent_on_camera(p: &ProfileDocument) -> Vec<Finding> {
    let mut other_person = false;
    let mut wrong_time = false;
    let mut evidence = Vec::new();
    for (i, o) in p.interview_observations.iter().enumerate() {
        if is(o.same_person_as_previous.as_deref(), "false") {
            other_person = true;
            let field = format!("interview_observations[{i}].same_person_as_previous");
            evidence.push((field, "false".to_owned()));
        }
        if o.local_time_visible_consistent == Some(false) {
            wrong_time = true;
            let field = format!("interview_observations[{i}].local_time_visible_consistent");
            evidence.push((field, "false".to_owned()));
        }
    }
    let what = match (other_person, wrong_time) {
        (false, false) => return Vec::new(),
        (true, false) => "a different person than in an earlier round",
        (false, true) => "a local time that does not fit the claimed place",
        (true, true) => "a different person and a local time that does not fit the claimed place",
    };
    let title = format!(
        "Interviewer saw {what} on camera: \
         verify identity live before any offer or laptop shipment"
    );
    vec![finding(
        "BEH-02",
        Severity::High,
        title,
        evidence,
        "S2; S5; S16",
    )]
}

/// BEH-03 (medium): repeatedly declines in-person steps, or refuses a drug test the role
/// requires.
fn beh_03_avoids_in_person_steps(p: &ProfileDocument) -> Vec<Finding> {
    let facts = &p.screening;
    let declined: Vec<usize> = facts
        .in_person_offers
        .iter()
        .enumerate()
        .filter(|(_, offer)| offer.accepted == Some(false))
        .map(|(i, _)| i)
        .collect();
    let repeated = declined.len() >= BEH_03_MIN_DECLINED_IN_PERSON;
    let refused_test =
        facts.role_requires_drug_test && is(facts.drug_test_status.as_deref(), "refused");

    let mut reasons: Vec<String> = Vec::new();
    let mut evidence = Vec::new();
    if repeated {
        reasons.push(format!("declined {} in-person steps", declined.len()));
        for i in &declined {
            let offer = facts.in_person_offers.get(*i);
            let reason = offer.and_then(|o| text(o.declined_reason.as_deref()));
            let value = match reason {
                Some(reason) => format!("false ({reason})"),
                None => "false".to_owned(),
            };
            evidence.push((format!("screening.in_person_offers[{i}].accepted"), value));
        }
    }
    if refused_test {
        reasons.push("refused the drug test the role requires".to_owned());
        evidence.push((
            "screening.role_requires_drug_test".to_owned(),
            "true".to_owned(),
        ));
        evidence.push((
            "screening.drug_test_status".to_owned(),
            "refused".to_owned(),
        ));
    }
    if reasons.is_empty() {
        return Vec::new();
    }
    let title = format!(
        "Avoids in-person requirements ({}): arrange an in-person identity check",
        reasons.join("; ")
    );
    vec![finding(
        "BEH-03",
        Severity::Medium,
        title,
        evidence,
        "S2; S17",
    )]
}

/// BEH-04 (medium): the interviewer suspected the candidate was reading answers.
fn beh_04_reading_answers(p: &ProfileDocument) -> Vec<Finding> {
    let evidence: Vec<(String, String)> = p
        .interview_observations
        .iter()
        .enumerate()
        .filter(|(_, o)| o.reading_suspected == Some(true))
        .map(|(i, _)| {
            (
                format!("interview_observations[{i}].reading_suspected"),
                "true".to_owned(),
            )
        })
        .collect();
    if evidence.is_empty() {
        return Vec::new();
    }
    let title = "Interviewer suspected scripted or read answers: \
                 run a live, unscripted technical exercise";
    vec![finding("BEH-04", Severity::Medium, title, evidence, "S2")]
}

/// BEH-05 (high): failed or declined a liveness prompt (hand wave, profile turn, window view).
fn beh_05_liveness_failed(p: &ProfileDocument) -> Vec<Finding> {
    let mut evidence = Vec::new();
    for (i, o) in p.interview_observations.iter().enumerate() {
        let prompts = &o.liveness_prompts;
        let outcomes = [
            ("hand_wave", prompts.hand_wave.as_deref()),
            ("profile_turn", prompts.profile_turn.as_deref()),
            ("window_view", prompts.window_view.as_deref()),
        ];
        for (prompt, outcome) in outcomes {
            let Some(outcome) = text(outcome) else {
                continue;
            };
            if BEH_05_BAD_OUTCOMES
                .iter()
                .any(|bad| outcome.eq_ignore_ascii_case(bad))
            {
                let field = format!("interview_observations[{i}].liveness_prompts.{prompt}");
                evidence.push((field, outcome.to_owned()));
            }
        }
    }
    if evidence.is_empty() {
        return Vec::new();
    }
    let title = "Failed or declined a liveness prompt on camera (possible deepfake): \
                 repeat the check live before any offer";
    vec![finding(
        "BEH-05",
        Severity::High,
        title,
        evidence,
        "S4; S5; S11",
    )]
}

/// BEH-06 (medium): could not hold small talk about the claimed location, school or employer.
fn beh_06_location_smalltalk(p: &ProfileDocument) -> Vec<Finding> {
    let evidence: Vec<(String, String)> = p
        .interview_observations
        .iter()
        .enumerate()
        .filter(|(_, o)| o.location_smalltalk_consistent == Some(false))
        .map(|(i, _)| {
            let field = format!("interview_observations[{i}].location_smalltalk_consistent");
            (field, "false".to_owned())
        })
        .collect();
    if evidence.is_empty() {
        return Vec::new();
    }
    let title = "Small talk about the claimed home, school or employer did not fit the documents: \
                 compare the answers with the ID and résumé";
    vec![finding(
        "BEH-06",
        Severity::Medium,
        title,
        evidence,
        "S5; S17",
    )]
}

/// BEH-07 (medium): over at least [`BEH_07_MIN_EVENTS`] events, little activity falls in the
/// claimed zone's business hours while most falls in those of UTC+8 or UTC+9.
fn beh_07_activity_in_another_zone(p: &ProfileDocument) -> Vec<Finding> {
    let Some(zone) = text(p.identity.claimed_timezone.as_deref()) else {
        return Vec::new();
    };
    let Some(claimed) = zone_offset_min(zone) else {
        return Vec::new();
    };
    if BEH_07_OTHER_OFFSETS_MIN.contains(&claimed) {
        return Vec::new();
    }
    let events: Vec<i64> = p
        .activity_events
        .iter()
        .filter_map(|e| dates::instant(&e.ts))
        .collect();
    let n = events.len();
    if n < BEH_07_MIN_EVENTS {
        return Vec::new();
    }

    let claimed_inside = inside_business_hours(&events, claimed);
    let mut other: Option<(i64, usize)> = None;
    for &offset in BEH_07_OTHER_OFFSETS_MIN {
        let inside = inside_business_hours(&events, offset);
        if other.is_none_or(|(_, best)| inside > best) {
            other = Some((offset, inside));
        }
    }
    let Some((other_offset, other_inside)) = other else {
        return Vec::new();
    };
    let few_claimed = claimed_inside * 100 < BEH_07_MAX_CLAIMED_PERCENT * n;
    let most_other = other_inside * 100 >= BEH_07_MIN_OTHER_PERCENT * n;
    if !(few_claimed && most_other) {
        return Vec::new();
    }

    let other_zone = utc_offset_label(other_offset);
    let claimed_pct = claimed_inside * 100 / n;
    let other_pct = other_inside * 100 / n;
    let evidence = vec![
        ("identity.claimed_timezone".to_owned(), zone.to_owned()),
        (
            "activity_events".to_owned(),
            format!(
                "{n} events: {claimed_pct}% within 08:00–19:00 {zone}, \
                 {other_pct}% within 08:00–19:00 {other_zone}"
            ),
        ),
    ];
    let title = format!(
        "Activity falls mostly in {other_zone} business hours, not those of the claimed {zone}: \
         ask about working hours and check where the worker is"
    );
    vec![finding(
        "BEH-07",
        Severity::Medium,
        title,
        evidence,
        "S1; S17",
    )]
}

/// BEH-11 (medium): hired through a staffing agency without our own identity verification.
fn beh_11_agency_without_own_verification(p: &ProfileDocument) -> Vec<Finding> {
    let channel = &p.source_channel;
    if !is(channel.channel_type.as_deref(), "staffing_agency")
        || channel.own_identity_verification == Some(true)
    {
        return Vec::new();
    }
    let mut evidence = vec![(
        "source_channel.type".to_owned(),
        "staffing_agency".to_owned(),
    )];
    if let Some(agency) = text(channel.agency_name.as_deref()) {
        evidence.push(("source_channel.agency_name".to_owned(), agency.to_owned()));
    }
    if let Some(attested) = channel.agency_vetting_attestation {
        let value = attested.to_string();
        evidence.push((
            "source_channel.agency_vetting_attestation".to_owned(),
            value,
        ));
    }
    let own = match channel.own_identity_verification {
        Some(verified) => verified.to_string(),
        None => "not recorded".to_owned(),
    };
    evidence.push(("source_channel.own_identity_verification".to_owned(), own));
    let title = "Hired through a staffing agency without our own identity check: \
                 verify the ID document and liveness ourselves";
    vec![finding(
        "BEH-11",
        Severity::Medium,
        title,
        evidence,
        "S2; S4; S5",
    )]
}

/// A behaviour finding with its evidence, in the order given.
fn finding(
    indicator: &'static str,
    severity: Severity,
    title: impl Into<String>,
    evidence: Vec<(String, String)>,
    source: &'static str,
) -> Finding {
    evidence.into_iter().fold(
        Finding::new(indicator, Family::Behaviour, severity, title).source(source),
        |f, (field, value)| f.evidence(field, value),
    )
}

/// Trimmed, non-empty text.
fn text(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// Whether a recorded value is `expected` (trimmed, case-insensitive).
fn is(value: Option<&str>, expected: &str) -> bool {
    value
        .map(str::trim)
        .is_some_and(|v| v.eq_ignore_ascii_case(expected))
}

/// The standard-time offset of an IANA zone from [`BEH_07_ZONE_OFFSETS_MIN`].
fn zone_offset_min(zone: &str) -> Option<i64> {
    BEH_07_ZONE_OFFSETS_MIN
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(zone))
        .map(|&(_, offset)| offset)
}

/// How many instants fall within 08:00–19:00 local time at `offset_min` minutes east of UTC.
fn inside_business_hours(instants: &[i64], offset_min: i64) -> usize {
    instants
        .iter()
        .map(|at| (at + offset_min * 60).rem_euclid(DAY_SECS))
        .filter(|secs| (BEH_07_BUSINESS_START_SECS..BEH_07_BUSINESS_END_SECS).contains(secs))
        .count()
}

/// `UTC+8`, `UTC-6`, `UTC+5:30`.
fn utc_offset_label(offset_min: i64) -> String {
    let sign = if offset_min < 0 { '-' } else { '+' };
    let (hours, minutes) = (offset_min.abs() / 60, offset_min.abs() % 60);
    if minutes == 0 {
        format!("UTC{sign}{hours}")
    } else {
        format!("UTC{sign}{hours}:{minutes:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clearance_app::model::profile::{
        ActivityEvent, InPersonOffer, InterviewObservation, LivenessPrompts, SourceChannel,
    };

    const NOW: i64 = 1_790_000_000;

    fn run(p: &ProfileDocument) -> Vec<Finding> {
        let mut out = Vec::new();
        evaluate(
            &Input {
                profile: p,
                now: NOW,
            },
            &mut out,
        );
        out
    }

    fn get<'a>(findings: &'a [Finding], id: &str) -> Option<&'a Finding> {
        findings.iter().find(|f| f.indicator == id)
    }

    /// A video round where nothing odd was recorded.
    fn clean_round(round: u32) -> InterviewObservation {
        InterviewObservation {
            round,
            mode: Some("video".into()),
            video_requested: Some(true),
            camera_on: Some(true),
            same_person_as_previous: Some("true".into()),
            local_time_visible_consistent: Some(true),
            reading_suspected: Some(false),
            location_smalltalk_consistent: Some(true),
            liveness_prompts: LivenessPrompts {
                hand_wave: Some("pass".into()),
                profile_turn: Some("pass".into()),
                window_view: Some("not_asked".into()),
            },
            ..Default::default()
        }
    }

    fn with_rounds(rounds: Vec<InterviewObservation>) -> ProfileDocument {
        ProfileDocument {
            interview_observations: rounds,
            ..Default::default()
        }
    }

    /// 24 events at 02:00 UTC: 10:00 in UTC+8, 20:00 the evening before in Chicago.
    fn night_shift(zone: &str) -> ProfileDocument {
        let mut p = ProfileDocument::default();
        p.identity.claimed_timezone = Some(zone.into());
        for day in 1..=24 {
            p.activity_events.push(ActivityEvent {
                ts: format!("2026-03-{day:02}T02:00:00Z"),
                kind: Some("commit".into()),
            });
        }
        p
    }

    #[test]
    fn an_empty_profile_has_no_behaviour_findings() {
        assert!(run(&ProfileDocument::default()).is_empty());
    }

    #[test]
    fn clean_interview_rounds_have_no_findings() {
        assert!(run(&with_rounds(vec![clean_round(1), clean_round(2)])).is_empty());
    }

    #[test]
    fn beh_01_one_round_with_the_camera_off_is_medium() {
        let off = InterviewObservation {
            camera_on: Some(false),
            camera_refusal_reason: Some("webcam broken".into()),
            ..clean_round(2)
        };
        let found = run(&with_rounds(vec![clean_round(1), off]));
        let f = get(&found, "BEH-01").unwrap();
        assert_eq!(f.severity, Severity::Medium);
        assert_eq!(f.family, Family::Behaviour);
        assert_eq!(f.evidence[0].field, "interview_observations[1].camera_on");
        assert_eq!(f.evidence[1].value, "webcam broken");
    }

    #[test]
    fn beh_01_two_rounds_with_the_camera_off_are_high() {
        let off = |round| InterviewObservation {
            camera_on: Some(false),
            ..clean_round(round)
        };
        let found = run(&with_rounds(vec![off(1), off(2)]));
        assert_eq!(get(&found, "BEH-01").unwrap().severity, Severity::High);
    }

    #[test]
    fn beh_01_camera_off_in_an_audio_round_without_video_is_not_flagged() {
        let audio = InterviewObservation {
            mode: Some("audio".into()),
            video_requested: Some(false),
            camera_on: Some(false),
            ..clean_round(1)
        };
        assert!(get(&run(&with_rounds(vec![audio])), "BEH-01").is_none());
    }

    #[test]
    fn beh_02_a_different_person_is_high() {
        let other = InterviewObservation {
            same_person_as_previous: Some("False".into()),
            ..clean_round(2)
        };
        let found = run(&with_rounds(vec![clean_round(1), other]));
        let f = get(&found, "BEH-02").unwrap();
        assert_eq!(f.severity, Severity::High);
        assert_eq!(
            f.evidence[0].field,
            "interview_observations[1].same_person_as_previous"
        );
    }

    #[test]
    fn beh_02_an_inconsistent_visible_time_is_high() {
        let night = InterviewObservation {
            local_time_visible_consistent: Some(false),
            ..clean_round(1)
        };
        let found = run(&with_rounds(vec![night]));
        assert_eq!(get(&found, "BEH-02").unwrap().severity, Severity::High);
    }

    #[test]
    fn beh_02_an_unsure_or_missing_attestation_is_not_flagged() {
        let unsure = InterviewObservation {
            same_person_as_previous: Some("unsure".into()),
            local_time_visible_consistent: None,
            ..clean_round(2)
        };
        assert!(get(&run(&with_rounds(vec![clean_round(1), unsure])), "BEH-02").is_none());
    }

    #[test]
    fn beh_03_two_declined_in_person_steps_are_medium() {
        let mut p = ProfileDocument::default();
        for reason in ["travelling", "sick"] {
            p.screening.in_person_offers.push(InPersonOffer {
                accepted: Some(false),
                declined_reason: Some(reason.into()),
                ..Default::default()
            });
        }
        let found = run(&p);
        let f = get(&found, "BEH-03").unwrap();
        assert_eq!(f.severity, Severity::Medium);
        assert_eq!(
            f.evidence[1].field,
            "screening.in_person_offers[1].accepted"
        );
        assert_eq!(f.evidence[1].value, "false (sick)");
    }

    #[test]
    fn beh_03_refusing_a_drug_test_the_role_requires_is_medium() {
        let mut p = ProfileDocument::default();
        p.screening.role_requires_drug_test = true;
        p.screening.drug_test_status = Some("refused".into());
        assert_eq!(get(&run(&p), "BEH-03").unwrap().severity, Severity::Medium);
    }

    #[test]
    fn beh_03_one_decline_or_a_refused_test_the_role_does_not_need_is_not_flagged() {
        let mut p = ProfileDocument::default();
        p.screening.drug_test_status = Some("refused".into());
        p.screening.in_person_offers.push(InPersonOffer {
            accepted: Some(false),
            ..Default::default()
        });
        p.screening.in_person_offers.push(InPersonOffer {
            accepted: Some(true),
            ..Default::default()
        });
        assert!(get(&run(&p), "BEH-03").is_none());
    }

    #[test]
    fn beh_04_suspected_reading_is_medium() {
        let reading = InterviewObservation {
            reading_suspected: Some(true),
            ..clean_round(1)
        };
        let found = run(&with_rounds(vec![reading]));
        assert_eq!(get(&found, "BEH-04").unwrap().severity, Severity::Medium);
    }

    #[test]
    fn beh_04_no_suspicion_recorded_is_not_flagged() {
        let unknown = InterviewObservation {
            reading_suspected: None,
            ..clean_round(1)
        };
        assert!(get(&run(&with_rounds(vec![clean_round(1), unknown])), "BEH-04").is_none());
    }

    #[test]
    fn beh_05_a_declined_window_view_is_high() {
        let declined = InterviewObservation {
            liveness_prompts: LivenessPrompts {
                hand_wave: Some("pass".into()),
                profile_turn: Some("FAIL".into()),
                window_view: Some("declined".into()),
            },
            ..clean_round(1)
        };
        let found = run(&with_rounds(vec![declined]));
        let f = get(&found, "BEH-05").unwrap();
        assert_eq!(f.severity, Severity::High);
        assert_eq!(f.evidence.len(), 2);
        assert_eq!(
            f.evidence[1].field,
            "interview_observations[0].liveness_prompts.window_view"
        );
    }

    #[test]
    fn beh_05_passed_or_unasked_prompts_are_not_flagged() {
        let unasked = InterviewObservation {
            liveness_prompts: LivenessPrompts::default(),
            ..clean_round(2)
        };
        assert!(get(&run(&with_rounds(vec![clean_round(1), unasked])), "BEH-05").is_none());
    }

    #[test]
    fn beh_06_inconsistent_smalltalk_is_medium() {
        let vague = InterviewObservation {
            location_smalltalk_consistent: Some(false),
            ..clean_round(1)
        };
        let found = run(&with_rounds(vec![vague]));
        assert_eq!(get(&found, "BEH-06").unwrap().severity, Severity::Medium);
    }

    #[test]
    fn beh_06_consistent_or_unrecorded_smalltalk_is_not_flagged() {
        let unrecorded = InterviewObservation {
            location_smalltalk_consistent: None,
            ..clean_round(2)
        };
        assert!(get(
            &run(&with_rounds(vec![clean_round(1), unrecorded])),
            "BEH-06"
        )
        .is_none());
    }

    #[test]
    fn beh_07_a_chicago_claimant_working_utc8_business_hours_is_medium() {
        let found = run(&night_shift("America/Chicago"));
        let f = get(&found, "BEH-07").unwrap();
        assert_eq!(f.severity, Severity::Medium);
        assert!(f.title.contains("UTC+8"), "{}", f.title);
        assert_eq!(f.evidence[0].value, "America/Chicago");
        assert!(
            f.evidence[1].value.starts_with("24 events: 0% "),
            "{}",
            f.evidence[1].value
        );
    }

    #[test]
    fn beh_07_the_same_activity_for_a_shanghai_claimant_is_not_flagged() {
        assert!(run(&night_shift("Asia/Shanghai")).is_empty());
        assert!(run(&night_shift("Asia/Seoul")).is_empty());
    }

    #[test]
    fn beh_07_too_few_events_or_an_unknown_zone_is_not_flagged() {
        let mut few = night_shift("America/Chicago");
        few.activity_events.truncate(BEH_07_MIN_EVENTS - 1);
        assert!(run(&few).is_empty());
        assert!(run(&night_shift("Mars/Olympus_Mons")).is_empty());
    }

    #[test]
    fn beh_07_daytime_activity_in_the_claimed_zone_is_not_flagged() {
        let mut p = night_shift("America/Chicago");
        for event in &mut p.activity_events {
            // 15:00 UTC is 09:00 in Chicago.
            event.ts = event.ts.replace("T02:", "T15:");
        }
        assert!(run(&p).is_empty());
    }

    #[test]
    fn beh_11_an_agency_hire_without_our_own_check_is_medium() {
        let p = ProfileDocument {
            source_channel: SourceChannel {
                channel_type: Some("staffing_agency".into()),
                agency_name: Some("Acme Talent".into()),
                agency_vetting_attestation: Some(true),
                ..Default::default()
            },
            ..Default::default()
        };
        let found = run(&p);
        let f = get(&found, "BEH-11").unwrap();
        assert_eq!(f.severity, Severity::Medium);
        assert_eq!(f.evidence.last().unwrap().value, "not recorded");
    }

    #[test]
    fn beh_11_an_agency_hire_we_verified_ourselves_is_not_flagged() {
        let p = ProfileDocument {
            source_channel: SourceChannel {
                channel_type: Some("staffing_agency".into()),
                own_identity_verification: Some(true),
                ..Default::default()
            },
            ..Default::default()
        };
        assert!(run(&p).is_empty());
        let referral = ProfileDocument {
            source_channel: SourceChannel {
                channel_type: Some("referral".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        assert!(run(&referral).is_empty());
    }
}
