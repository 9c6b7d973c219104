//! The port the server functions call; each method is the service of the same name.

use super::super::Services;
use async_trait::async_trait;
use clearance_app::model::campaigns::{
    CampaignCreated, CampaignItemView, CampaignItemsPage, CampaignView, CampaignsPage, Dashboard,
    ItemsQuery, NewCampaign,
};
use clearance_app::model::error::AppError;
use clearance_app::model::request::RequestContext;
use clearance_app::ports::CampaignsPort;

#[async_trait]
impl CampaignsPort for Services {
    async fn campaigns(&self, req: &RequestContext) -> Result<CampaignsPage, AppError> {
        self.list_campaigns(req).await
    }

    async fn start_campaign(
        &self,
        req: &RequestContext,
        new: NewCampaign,
    ) -> Result<CampaignCreated, AppError> {
        Services::start_campaign(self, req, new).await
    }

    async fn campaign(&self, req: &RequestContext, id: i64) -> Result<CampaignView, AppError> {
        self.campaign_view(req, id).await
    }

    async fn campaign_items(
        &self,
        req: &RequestContext,
        id: i64,
        query: ItemsQuery,
    ) -> Result<CampaignItemsPage, AppError> {
        Services::campaign_items(self, req, id, query).await
    }

    async fn decide_item(
        &self,
        req: &RequestContext,
        item_id: i64,
        decision: &str,
        reason: &str,
    ) -> Result<CampaignItemView, AppError> {
        self.decide_campaign_item(req, item_id, decision, reason)
            .await
    }

    async fn sign_off(&self, req: &RequestContext, id: i64) -> Result<CampaignView, AppError> {
        self.sign_off_campaign(req, id).await
    }

    async fn dashboard(&self, req: &RequestContext) -> Result<Dashboard, AppError> {
        Services::dashboard(self, req).await
    }
}
