//! A link from a thing's page to its history in the audit log, for the roles that may read the
//! log (the page's own timeline shows only what concerns it; the log shows every entry about it,
//! with actors, request ids and hashes).

use crate::components::permitted::PermittedPart;
use crate::model::access::Operation;
use crate::query_string::encode;
use leptos::prelude::*;

/// `subject` as the log names it, e.g. `person:12`.
#[component]
pub fn AuditHistoryLink(subject: String) -> impl IntoView {
    let href = format!("/audit?subject={}", encode(&subject));
    view! {
        <PermittedPart operation=Operation::ViewAuditLog>
            <a class="button secondary" href=href.clone()>"Audit log"</a>
        </PermittedPart>
    }
}
