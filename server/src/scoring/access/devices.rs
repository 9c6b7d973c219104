//! What runs on and is plugged into the worker's devices, and how they are managed (ACC-03,
//! ACC-04, ACC-12, ACC-13): remote-access software or RDP, IP-KVM hardware, unmanaged devices,
//! and EDR alerts right after delivery.

use clearance_app::model::profile::ProfileDocument;

use crate::scoring::dates::instant;
use crate::scoring::{Finding, Severity};

use super::{capitalised, contains_any, device_label, gap, non_empty, one_of, Case, HOUR_SECS};

/// ACC-03: remote-access / RMM products (matched as case-insensitive substrings of the inventory
/// names, so `RealVNC Server` and `AnyDesk 8.0` match).
pub const ACC_03_RMM_DENY_LIST: &[&str] = &[
    "anydesk",
    "teamviewer",
    "chrome remote desktop",
    "rustdesk",
    "splashtop",
    "ammyy",
    "supremo",
    "ultraviewer",
    "vnc",
];
/// ACC-03: the Remote Desktop Protocol port (S1: "port 3389 in the router").
pub const ACC_03_RDP_PORT: u16 = 3389;

/// ACC-04: IP-KVM products, matched as case-insensitive substrings of USB product strings.
pub const ACC_04_IP_KVM_PRODUCTS: &[&str] =
    &["pikvm", "tinypilot", "jetkvm", "ip-kvm", "kvm over ip"];

/// ACC-12: device types that are not a managed company laptop.
pub const ACC_12_UNMANAGED_TYPES: &[&str] = &["byod", "vdi"];

/// ACC-13: an alert this soon after delivery happened on (or near) first boot.
pub const ACC_13_WINDOW_SECS: i64 = 72 * HOUR_SECS;
/// ACC-13: EDR severities that count.
pub const ACC_13_SEVERITIES: &[&str] = &["high", "critical"];

/// ACC-03 (high): remote-access software from the deny-list, or RDP listening, on a device.
pub(super) fn acc_03_remote_access_software(profile: &ProfileDocument, out: &mut Vec<Finding>) {
    let mut case = Case::default();
    for (d, device) in profile.devices.iter().enumerate() {
        for (t, tool) in device.installed_rmm_tools.iter().enumerate() {
            if contains_any(tool, ACC_03_RMM_DENY_LIST) {
                case.reason(format!(
                    "Remote-access software {} is installed on {}: confirm it is sanctioned or remove it",
                    tool.trim(),
                    device_label(device, d)
                ));
                case.evidence(
                    format!("devices[{d}].installed_rmm_tools[{t}]"),
                    tool.trim(),
                );
            }
        }
        for (p, port) in device.listening_ports.iter().enumerate() {
            if *port == ACC_03_RDP_PORT {
                case.reason(format!(
                    "Remote-desktop port {ACC_03_RDP_PORT} is open on {}: close it and find out who connects",
                    device_label(device, d)
                ));
                case.evidence(
                    format!("devices[{d}].listening_ports[{p}]"),
                    port.to_string(),
                );
            }
        }
    }
    out.extend(case.report("ACC-03", Severity::High, "S1; S3; S8; S11", "devices"));
}

/// ACC-04 (high): an IP-KVM (the laptop operated over the network by someone elsewhere).
pub(super) fn acc_04_ip_kvm_hardware(profile: &ProfileDocument, out: &mut Vec<Finding>) {
    let mut case = Case::default();
    for (d, device) in profile.devices.iter().enumerate() {
        for (u, usb) in device.usb_devices_seen.iter().enumerate() {
            let Some(product) = non_empty(usb.product.as_deref()) else {
                continue;
            };
            if contains_any(product, ACC_04_IP_KVM_PRODUCTS) {
                case.reason(format!(
                    "IP-KVM hardware ({product}) was plugged into {}: someone may be operating it remotely",
                    device_label(device, d)
                ));
                case.evidence(
                    format!("devices[{d}].usb_devices_seen[{u}].product"),
                    product,
                );
            }
        }
    }
    out.extend(case.report("ACC-04", Severity::High, "S13; S9", "devices"));
}

/// ACC-12 (medium): work on a personal (BYOD) or VDI-only device, or a device outside MDM.
pub(super) fn acc_12_unmanaged_device(profile: &ProfileDocument, out: &mut Vec<Finding>) {
    let mut case = Case::default();
    for (d, device) in profile.devices.iter().enumerate() {
        if let Some(kind) = non_empty(device.device_type.as_deref()) {
            if one_of(kind, ACC_12_UNMANAGED_TYPES) {
                let what = if kind.eq_ignore_ascii_case("vdi") {
                    "only a VDI session"
                } else {
                    "a personal (BYOD) device"
                };
                case.reason(format!(
                    "Work is done on {what}, not a managed company laptop: ask why"
                ));
                case.evidence(format!("devices[{d}].type"), kind);
            }
        }
        if device.mdm_enrolled == Some(false) {
            case.reason(format!(
                "{} is not enrolled in device management (MDM): enrol it or find out why not",
                capitalised(&device_label(device, d))
            ));
            case.evidence(format!("devices[{d}].mdm_enrolled"), "false");
        }
    }
    out.extend(case.report("ACC-12", Severity::Medium, "S13", "devices"));
}

/// ACC-13 (critical): a high or critical EDR alert within 72 hours after the device was delivered.
pub(super) fn acc_13_edr_alert_after_delivery(profile: &ProfileDocument, out: &mut Vec<Finding>) {
    let mut case = Case::default();
    for (d, device) in profile.devices.iter().enumerate() {
        let Some(delivered) = device.delivered_at.as_deref().and_then(instant) else {
            continue;
        };
        for (a, alert) in device.edr_alerts.iter().enumerate() {
            let Some(severity) = non_empty(alert.severity.as_deref()) else {
                continue;
            };
            let Some(at) = alert.at.as_deref().and_then(instant) else {
                continue;
            };
            let after = at.saturating_sub(delivered);
            if !one_of(severity, ACC_13_SEVERITIES) || !(0..=ACC_13_WINDOW_SECS).contains(&after) {
                continue;
            }
            let what = match non_empty(alert.title.as_deref()) {
                Some(title) => format!(" \"{title}\""),
                None => String::new(),
            };
            case.reason(format!(
                "{}-severity EDR alert{what} {} after {} was delivered: isolate it and investigate",
                capitalised(&severity.to_lowercase()),
                gap(after),
                device_label(device, d)
            ));
            if let Some(text) = non_empty(device.delivered_at.as_deref()) {
                case.evidence(format!("devices[{d}].delivered_at"), text);
            }
            case.evidence(format!("devices[{d}].edr_alerts[{a}].severity"), severity);
            if let Some(text) = non_empty(alert.at.as_deref()) {
                case.evidence(format!("devices[{d}].edr_alerts[{a}].at"), text);
            }
            if let Some(title) = non_empty(alert.title.as_deref()) {
                case.evidence(format!("devices[{d}].edr_alerts[{a}].title"), title);
            }
        }
    }
    out.extend(case.report("ACC-13", Severity::Critical, "S16", "devices"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::access::fixtures::{finding, with_device};
    use clearance_app::model::profile::{Device, EdrAlert, UsbDevice};

    // ACC-03

    #[test]
    fn acc_03_anydesk_on_the_laptop_is_flagged() {
        let profile = with_device(Device {
            device_id: Some("LT-7".into()),
            installed_rmm_tools: vec!["Slack".into(), "AnyDesk 8.0".into()],
            ..Default::default()
        });
        let f = finding(&profile, "ACC-03").unwrap();
        assert_eq!(f.severity, Severity::High);
        assert!(
            f.title.contains("AnyDesk 8.0") && f.title.contains("LT-7"),
            "{}",
            f.title
        );
        assert_eq!(f.evidence[0].field, "devices[0].installed_rmm_tools[1]");
    }

    #[test]
    fn acc_03_rdp_listening_is_flagged() {
        let profile = with_device(Device {
            listening_ports: vec![22, 3389],
            ..Default::default()
        });
        let f = finding(&profile, "ACC-03").unwrap();
        assert_eq!(f.evidence[0].field, "devices[0].listening_ports[1]");
        assert_eq!(f.evidence[0].value, "3389");
    }

    #[test]
    fn acc_03_an_ordinary_device_is_not() {
        let profile = with_device(Device {
            installed_rmm_tools: vec!["Slack".into(), "Zoom".into()],
            listening_ports: vec![22, 443],
            ..Default::default()
        });
        assert_eq!(finding(&profile, "ACC-03"), None);
    }

    // ACC-04

    #[test]
    fn acc_04_a_pikvm_is_flagged() {
        let profile = with_device(Device {
            usb_devices_seen: vec![UsbDevice {
                product: Some("PiKVM Composite HID".into()),
                ..Default::default()
            }],
            ..Default::default()
        });
        let f = finding(&profile, "ACC-04").unwrap();
        assert_eq!(f.severity, Severity::High);
        assert_eq!(
            f.evidence[0].field,
            "devices[0].usb_devices_seen[0].product"
        );
    }

    #[test]
    fn acc_04_an_ordinary_keyboard_is_not() {
        let profile = with_device(Device {
            usb_devices_seen: vec![UsbDevice {
                product: Some("Logitech USB Keyboard".into()),
                ..Default::default()
            }],
            ..Default::default()
        });
        assert_eq!(finding(&profile, "ACC-04"), None);
    }

    // ACC-12

    #[test]
    fn acc_12_a_personal_device_is_flagged() {
        let profile = with_device(Device {
            device_type: Some("BYOD".into()),
            ..Default::default()
        });
        let f = finding(&profile, "ACC-12").unwrap();
        assert_eq!(f.severity, Severity::Medium);
        assert_eq!(f.evidence[0].field, "devices[0].type");
    }

    #[test]
    fn acc_12_a_device_outside_mdm_is_flagged() {
        let profile = with_device(Device {
            device_type: Some("corporate".into()),
            mdm_enrolled: Some(false),
            ..Default::default()
        });
        let f = finding(&profile, "ACC-12").unwrap();
        assert_eq!(f.evidence[0].field, "devices[0].mdm_enrolled");
    }

    #[test]
    fn acc_12_an_enrolled_company_laptop_is_not() {
        let profile = with_device(Device {
            device_type: Some("corporate".into()),
            mdm_enrolled: Some(true),
            ..Default::default()
        });
        assert_eq!(finding(&profile, "ACC-12"), None);
    }

    // ACC-13

    fn delivered_with(alert_at: &str, severity: &str) -> ProfileDocument {
        with_device(Device {
            device_id: Some("LT-7".into()),
            delivered_at: Some("2026-11-01T10:00:00Z".into()),
            edr_alerts: vec![EdrAlert {
                at: Some(alert_at.into()),
                severity: Some(severity.into()),
                title: Some("Infostealer detected".into()),
            }],
            ..Default::default()
        })
    }

    #[test]
    fn acc_13_a_high_alert_hours_after_delivery_is_critical() {
        let f = finding(&delivered_with("2026-11-01T15:00:00Z", "High"), "ACC-13").unwrap();
        assert_eq!(f.severity, Severity::Critical);
        assert!(
            f.title.starts_with("High-severity EDR alert"),
            "{}",
            f.title
        );
        assert!(f.title.contains("5.0 h"), "{}", f.title);
    }

    #[test]
    fn acc_13_a_late_or_low_alert_is_not() {
        assert_eq!(
            finding(
                &delivered_with("2026-11-06T15:00:00Z", "critical"),
                "ACC-13"
            ),
            None
        );
        assert_eq!(
            finding(&delivered_with("2026-11-01T15:00:00Z", "low"), "ACC-13"),
            None
        );
        assert_eq!(
            finding(&delivered_with("2026-10-31T15:00:00Z", "high"), "ACC-13"),
            None
        );
    }
}
