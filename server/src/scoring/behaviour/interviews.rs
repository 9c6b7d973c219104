//! What interviewers recorded (BEH-01, BEH-02, BEH-04 to BEH-06): camera off, a different
//! person or an implausible local time on camera, read answers, failed liveness prompts, and
//! small talk that does not fit the claimed home, school or employer.
//!
//! Guardrail (INDICATORS.md §0): no rule reads appearance, accent or nationality.

use clearance_app::model::profile::ProfileDocument;

use crate::scoring::{Finding, Severity};

use super::{finding, is, text};

/// BEH-01: this many rounds with the camera off (when video was asked for) are high; fewer are
/// medium.
pub const BEH_01_HIGH_FROM_ROUNDS: usize = 2;

/// BEH-05: liveness prompt outcomes that count (the catalogue's `failed` is accepted too).
pub const BEH_05_BAD_OUTCOMES: &[&str] = &["fail", "failed", "declined"];

/// BEH-01 (medium; high from [`BEH_01_HIGH_FROM_ROUNDS`] rounds): camera off in a round where
/// video was asked for — `video_requested` not recorded as false, or a video-mode round.
pub(super) fn beh_01_camera_off(p: &ProfileDocument) -> Vec<Finding> {
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
pub(super) fn beh_02_inconsistent_on_camera(p: &ProfileDocument) -> Vec<Finding> {
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

/// BEH-04 (medium): the interviewer suspected the candidate was reading answers.
pub(super) fn beh_04_reading_answers(p: &ProfileDocument) -> Vec<Finding> {
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
pub(super) fn beh_05_liveness_failed(p: &ProfileDocument) -> Vec<Finding> {
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
pub(super) fn beh_06_location_smalltalk(p: &ProfileDocument) -> Vec<Finding> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::behaviour::fixtures::{clean_round, get, run, with_rounds};
    use crate::scoring::Family;
    use clearance_app::model::profile::{InterviewObservation, LivenessPrompts};

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
}
