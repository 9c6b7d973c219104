//! What the hiring process observed: interviews and liveness prompts, screening facts, in-person
//! offers, references, the source channel and the application.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InterviewObservation {
    pub round: u32,
    pub at: Option<String>,
    /// video | audio | chat | onsite
    pub mode: Option<String>,
    /// Video was asked for in this round.
    pub video_requested: Option<bool>,
    pub camera_on: Option<bool>,
    pub camera_refusal_reason: Option<String>,
    pub virtual_background: Option<bool>,
    pub display_name: Option<String>,
    pub local_time_visible_consistent: Option<bool>,
    pub liveness_prompts: LivenessPrompts,
    /// true | false | unsure
    pub same_person_as_previous: Option<String>,
    pub reading_suspected: Option<bool>,
    pub location_smalltalk_consistent: Option<bool>,
    /// 64-bit perceptual hash of a snapshot taken in this round, as 16 hex digits (ID-03).
    pub snapshot_phash: Option<String>,
    pub notes: Option<String>,
}

/// Each prompt: pass | fail | declined | not_asked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LivenessPrompts {
    pub hand_wave: Option<String>,
    pub profile_turn: Option<String>,
    pub window_view: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScreeningFacts {
    /// The role requires a drug test (BEH-03 only applies then).
    pub role_requires_drug_test: bool,
    /// passed | failed | refused | pending
    pub drug_test_status: Option<String>,
    pub in_person_offers: Vec<InPersonOffer>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InPersonOffer {
    pub at: Option<String>,
    pub accepted: Option<bool>,
    pub declined_reason: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reference {
    pub name: String,
    pub relationship: Option<String>,
    pub company: Option<String>,
    pub company_domain: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub verified_via_independent_channel: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceChannel {
    /// job_board | referral | staffing_agency | direct_outreach | oss_contribution | bounty | dev_shop
    #[serde(rename = "type")]
    pub channel_type: Option<String>,
    pub agency_name: Option<String>,
    pub referred_by_profile_id: Option<i64>,
    /// The agency attests it verified identity.
    pub agency_vetting_attestation: Option<bool>,
    /// We verified identity ourselves (ID document + liveness), whatever the agency did.
    pub own_identity_verification: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Application {
    pub submitted_at: Option<String>,
    pub offer_at: Option<String>,
    pub employment_start: Option<String>,
    /// Years of experience the candidate claims (ID-04).
    pub claimed_years_experience: Option<f64>,
}
