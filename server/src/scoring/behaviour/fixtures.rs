//! Test fixtures shared by the behaviour rules' tests: an interview round where nothing odd was
//! recorded, and a profile made of such rounds.

use clearance_app::model::profile::{InterviewObservation, LivenessPrompts, ProfileDocument};

use crate::scoring::Finding;

use super::evaluate;

const NOW: i64 = 1_790_000_000;

pub(super) fn run(p: &ProfileDocument) -> Vec<Finding> {
    crate::scoring::run_family(evaluate, p, NOW)
}

pub(super) fn get<'a>(findings: &'a [Finding], id: &str) -> Option<&'a Finding> {
    findings.iter().find(|f| f.indicator == id)
}

/// A video round where nothing odd was recorded.
pub(super) fn clean_round(round: u32) -> InterviewObservation {
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

pub(super) fn with_rounds(rounds: Vec<InterviewObservation>) -> ProfileDocument {
    ProfileDocument {
        interview_observations: rounds,
        ..Default::default()
    }
}
