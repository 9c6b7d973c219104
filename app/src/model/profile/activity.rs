//! What the person's devices and accounts did once hired: devices, logins, activity and repository
//! events.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Device {
    pub device_id: Option<String>,
    pub serial: Option<String>,
    /// corporate | byod | vdi
    #[serde(rename = "type")]
    pub device_type: Option<String>,
    pub mdm_enrolled: Option<bool>,
    pub delivered_at: Option<String>,
    pub installed_rmm_tools: Vec<String>,
    pub listening_ports: Vec<u16>,
    pub usb_devices_seen: Vec<UsbDevice>,
    pub os_locale: Option<String>,
    pub keyboard_layouts: Vec<String>,
    pub edr_alerts: Vec<EdrAlert>,
    pub geolocation_checkins: Vec<GeoCheckin>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UsbDevice {
    pub vid: Option<String>,
    pub pid: Option<String>,
    pub product: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EdrAlert {
    pub at: Option<String>,
    /// low | medium | high | critical
    pub severity: Option<String>,
    pub title: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GeoCheckin {
    pub at: Option<String>,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Login {
    pub ts: String,
    pub ip: Option<String>,
    pub ip_country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub is_vpn: Option<bool>,
    pub vpn_provider: Option<String>,
    pub is_hosting: Option<bool>,
    pub is_residential_proxy: Option<bool>,
    pub device_id: Option<String>,
    /// The device is company-managed.
    pub managed: Option<bool>,
    pub mfa_device_id: Option<String>,
    /// Fresh MFA was completed for this session.
    pub fresh_mfa: Option<bool>,
    pub accept_language: Option<String>,
    pub session_duration_s: Option<i64>,
    /// Distinct clock hours with activity during the session (ACC-07).
    pub active_hours: Option<u32>,
    /// Egress of the company's own network (excluded from travel checks).
    pub corporate_egress: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityEvent {
    pub ts: String,
    /// message | commit | login | meeting
    pub kind: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RepoEvent {
    pub ts: String,
    pub repo: String,
    /// clone | push | fork
    pub action: String,
    pub remote_url: Option<String>,
    pub external_remote: bool,
}
