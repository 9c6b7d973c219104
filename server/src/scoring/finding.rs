//! What a rule reports: the indicator it implements, how serious, why (the fields and values that
//! triggered it) and where the indicator comes from.

use serde::Serialize;

/// INDICATORS.md §2 severity scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    /// One step up (INDICATORS.md §4.2 step 4), critical stays critical.
    pub fn raised(self) -> Severity {
        match self {
            Severity::Info => Severity::Low,
            Severity::Low => Severity::Medium,
            Severity::Medium => Severity::High,
            Severity::High | Severity::Critical => Severity::Critical,
        }
    }
}

/// The indicator families of the catalogue, in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    Known,
    Identity,
    Payment,
    Behaviour,
    Access,
    Link,
}

/// A field of the profile and the value that triggered a rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Path in the profile document, e.g. `payment_instructions[0].bank_country`.
    pub field: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// The catalogue id, e.g. `PAY-03`.
    pub indicator: &'static str,
    pub family: Family,
    pub severity: Severity,
    /// One line a person can act on.
    pub title: String,
    pub evidence: Vec<Evidence>,
    /// Other profiles involved (links).
    pub related_person_ids: Vec<i64>,
    /// The catalogue's source tags, e.g. `S1; S8`.
    pub source: &'static str,
}

impl Finding {
    pub fn new(
        indicator: &'static str,
        family: Family,
        severity: Severity,
        title: impl Into<String>,
    ) -> Self {
        Finding {
            indicator,
            family,
            severity,
            title: title.into(),
            evidence: Vec::new(),
            related_person_ids: Vec::new(),
            source: "",
        }
    }

    /// Adds one piece of evidence.
    pub fn evidence(mut self, field: impl Into<String>, value: impl Into<String>) -> Self {
        self.evidence.push(Evidence {
            field: field.into(),
            value: value.into(),
        });
        self
    }

    /// Adds pieces of evidence in the order given.
    pub fn with_evidence(self, evidence: impl IntoIterator<Item = (String, String)>) -> Self {
        evidence
            .into_iter()
            .fold(self, |f, (field, value)| f.evidence(field, value))
    }

    pub fn source(mut self, source: &'static str) -> Self {
        self.source = source;
        self
    }

    pub fn related(mut self, ids: impl IntoIterator<Item = i64>) -> Self {
        self.related_person_ids.extend(ids);
        self
    }
}
