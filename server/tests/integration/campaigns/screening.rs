//! Items flag a grant that outlives the person's screening, on the page and in the evidence CSV.

use super::support::*;
use crate::common::TestApp;
use crate::grants_support::*;

db_test!(
    an_item_whose_grant_outlives_the_screening_is_flagged,
    |app: TestApp| async move {
        let api = Api::new(app);
        let t = Team::new(&api).await;
        let repo = owned_repository(&api, &t.admin, "acme/infra", "standard", &[&t.a]).await;
        let stale = api.cleared_person(&t.hr, 1).await;
        let fresh = api.cleared_person(&t.hr, 2).await;
        let g_stale = api.granted(&t.hr, &[&t.b], stale, repo, "read", 30).await;
        let g_fresh = api.granted(&t.hr, &[&t.b], fresh, repo, "read", 30).await;
        let (due, _) = due_in(30);
        let id = started(&api, &t.admin, "2031-Q2", &due, false, 2).await;

        // The clearance now dates from 80 days ago: it counts for 10 more days, the grant for 30.
        api.age_decision(stale, 80).await;

        let items = campaign_items(&api, &t.a, id, "").await;
        let flagged = item_of(&items, g_stale);
        assert_eq!(flagged["outlives_screening"], true, "{flagged}");
        assert_eq!(flagged["screening_age_days"], 80, "{flagged}");
        let valid_until = ms_of(flagged["screening"]["valid_until"].as_str().unwrap());
        let expires = ms_of(flagged["expires_at"].as_str().unwrap());
        assert!(valid_until < expires, "{flagged}");
        let fine = item_of(&items, g_fresh);
        assert_eq!(fine["outlives_screening"], false, "{fine}");
        assert_eq!(fine["screening_age_days"], 0, "{fine}");

        let (_, csv) = download(&api, &t.auditor, &format!("/campaigns/{id}/export.csv")).await;
        let (_, rows) = csv_table(&csv);
        let flagged_id = flagged["id"].as_i64().unwrap();
        let fine_id = fine["id"].as_i64().unwrap();
        assert_eq!(csv_row(&rows, flagged_id)["outlives_screening"], "true");
        assert_eq!(csv_row(&rows, fine_id)["outlives_screening"], "false");
    }
);
