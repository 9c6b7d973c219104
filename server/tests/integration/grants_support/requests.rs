//! Repositories and access requests through the API: registering, requesting, reviewing,
//! walking a request to a grant, changing a grant, and listing them.

use super::{Api, User};
use serde_json::{json, Value};

impl Api {
    // ---- repositories and requests ------------------------------------------------------------

    /// Registers a GitHub repository; its id.
    pub async fn repository(&self, manager: &User, name: &str, tier: &str) -> i64 {
        let (status, body) = self
            .post(
                manager,
                "/repositories",
                json!({ "name": name, "provider": "github", "tier": tier }),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        body["id"].as_i64().unwrap()
    }

    pub async fn request(
        &self,
        requester: &User,
        person: i64,
        repository: i64,
        permission: &str,
        days: i64,
    ) -> (u16, Value) {
        self.post(
            requester,
            "/access-requests",
            json!({
                "person_id": person,
                "repository_id": repository,
                "permission": permission,
                "duration_days": days,
                "justification": "Works on this code from next week.",
            }),
        )
        .await
    }

    /// A request that must be accepted; its id.
    pub async fn requested(
        &self,
        requester: &User,
        person: i64,
        repository: i64,
        permission: &str,
        days: i64,
    ) -> i64 {
        let (status, body) = self
            .request(requester, person, repository, permission, days)
            .await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["state"], "pending", "{body}");
        body["id"].as_i64().unwrap()
    }

    pub async fn review(
        &self,
        reviewer: &User,
        request: i64,
        decision: &str,
        comment: &str,
    ) -> (u16, Value) {
        self.post(
            reviewer,
            &format!("/access-requests/{request}/reviews"),
            json!({ "decision": decision, "comment": comment }),
        )
        .await
    }

    /// An approval that must be accepted; the request as it is after it.
    pub async fn approve(&self, lead: &User, request: i64) -> Value {
        let answer = self.review(lead, request, "approve", "Looks right.").await;
        assert_eq!(answer.0, 200, "{}", answer.1);
        answer.1
    }

    /// A request approved by `leads` in turn until active; its id.
    pub async fn granted(
        &self,
        requester: &User,
        leads: &[&User],
        person: i64,
        repository: i64,
        permission: &str,
        days: i64,
    ) -> i64 {
        let id = self
            .requested(requester, person, repository, permission, days)
            .await;
        let mut last = Value::Null;
        for lead in leads {
            last = self.approve(lead, id).await;
            if last["state"] == "active" {
                break;
            }
        }
        assert_eq!(last["state"], "active", "{last}");
        id
    }

    /// `GET /access-requests/{id}`: the request page.
    pub async fn request_page(&self, who: &User, request: i64) -> Value {
        self.get(who, &format!("/access-requests/{request}")).await
    }

    /// The request's state, as the API shows it.
    pub async fn state(&self, who: &User, request: i64) -> String {
        self.request_page(who, request).await["request"]["state"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// `revoke`, `suspend` or `reinstate` with a reason.
    pub async fn change(&self, who: &User, grant: i64, what: &str, reason: &str) -> (u16, Value) {
        self.post(
            who,
            &format!("/grants/{grant}/{what}"),
            json!({ "reason": reason }),
        )
        .await
    }

    /// Every grant listed under this query (`state=active`, `person_id=3`, …), all pages.
    pub async fn grants(&self, who: &User, query: &str) -> Vec<Value> {
        let mut all = Vec::new();
        for page in 1.. {
            let path = if query.is_empty() {
                format!("/grants?page={page}")
            } else {
                format!("/grants?{query}&page={page}")
            };
            let body = self.get(who, &path).await;
            let grants = body["grants"].as_array().unwrap().clone();
            let total = body["page"]["total"].as_i64().unwrap();
            let empty = grants.is_empty();
            all.extend(grants);
            if empty || all.len() as i64 >= total {
                break;
            }
        }
        all
    }

    /// Ids of the grants listed under this query.
    pub async fn grant_ids(&self, who: &User, query: &str) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .grants(who, query)
            .await
            .iter()
            .map(|g| g["id"].as_i64().unwrap())
            .collect();
        ids.sort_unstable();
        ids
    }
}
