//! Quarterly access reviews and the founders' dashboard.

use crate::model::campaigns::{
    CampaignItemsPage, CampaignView, CampaignsPage, Dashboard, ItemsQuery,
};
use crate::model::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "campaigns/list")]
pub async fn list_campaigns() -> Result<CampaignsPage, AppError> {
    let (ports, request) = super::context::current()?;
    ports.campaigns.campaigns(&request).await
}

/// The start form; on success the browser goes to the new campaign. `revoke_undecided` is the
/// checkbox (`on` when ticked; absent otherwise).
#[server(endpoint = "campaigns/start")]
pub async fn start_campaign(
    quarter: String,
    due_date: String,
    revoke_undecided: Option<String>,
) -> Result<i64, AppError> {
    use crate::model::campaigns::NewCampaign;
    let (ports, request) = super::context::current()?;
    let new = NewCampaign {
        quarter,
        due_date,
        revoke_undecided_at_due: revoke_undecided.is_some_and(|v| !v.is_empty()),
    };
    let created = ports.campaigns.start_campaign(&request, new).await?;
    leptos_axum::redirect(&format!("/campaigns/{}", created.id));
    Ok(created.id)
}

#[server(endpoint = "campaigns/page")]
pub async fn load_campaign(id: i64) -> Result<CampaignView, AppError> {
    let (ports, request) = super::context::current()?;
    ports.campaigns.campaign(&request, id).await
}

#[server(endpoint = "campaigns/items")]
pub async fn load_campaign_items(
    id: i64,
    query: ItemsQuery,
) -> Result<CampaignItemsPage, AppError> {
    let (ports, request) = super::context::current()?;
    ports.campaigns.campaign_items(&request, id, query).await
}

/// Certify or revoke one item; the browser comes back to the campaign.
#[server(endpoint = "campaigns/decide")]
pub async fn decide_campaign_item(
    item_id: i64,
    decision: String,
    reason: String,
) -> Result<(), AppError> {
    let (ports, request) = super::context::current()?;
    let item = ports
        .campaigns
        .decide_item(&request, item_id, &decision, &reason)
        .await?;
    leptos_axum::redirect(&format!("/campaigns/{}", item.campaign_id));
    Ok(())
}

#[server(endpoint = "campaigns/sign-off")]
pub async fn sign_off_campaign(id: i64) -> Result<(), AppError> {
    let (ports, request) = super::context::current()?;
    ports.campaigns.sign_off(&request, id).await?;
    leptos_axum::redirect(&format!("/campaigns/{id}"));
    Ok(())
}

#[server(endpoint = "dashboard")]
pub async fn load_dashboard() -> Result<Dashboard, AppError> {
    let (ports, request) = super::context::current()?;
    ports.campaigns.dashboard(&request).await
}
