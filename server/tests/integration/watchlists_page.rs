//! The watch lists page: its import form takes a larger body than other forms (within bound),
//! and offers the ids of the lists in use, so that a new version keeps its list's id.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::TestApp;

db_test!(
    the_watch_lists_page_takes_a_list_larger_than_other_forms_but_not_without_bound,
    |app: TestApp| async move {
        let (lead, _) = app.signed_in("security_lead").await;
        // About 1.6 MiB once URL-encoded: over every other form's 1 MiB.
        let mut csv = String::from("kind,value,label,source\n");
        for i in 0..24_000 {
            csv.push_str(&format!(
                "email,persona{i}@e2e.example,Persona {i},internal\n"
            ));
        }
        let form = [
            ("source", "big_incidents"),
            ("format", "custom_csv"),
            ("first", csv.as_str()),
        ];
        let (status, body) = app.call(&lead, "/api/watchlists/import", &form).await;
        assert!(status < 400, "{status}: {body}");
        let (status, page) = app.call(&lead, "/api/watchlists/list", &[]).await;
        assert_eq!(status, 200, "{page}");
        let active = page["active"].as_array().unwrap();
        let big = active
            .iter()
            .find(|v| v["source"] == "big_incidents")
            .unwrap_or_else(|| panic!("{page}"));
        assert_eq!(big["entry_count"], 24_000);

        let form_head = "Content-Type: application/x-www-form-urlencoded\r\n";
        let over = clearance_server::web::body_limit::WATCHLIST_PAGE_MAX_BYTES + 1;
        let status_line = app
            .status_for_declared_length("/api/watchlists/import", over, form_head)
            .await;
        assert!(status_line.starts_with("HTTP/1.1 413"), "{status_line}");
    }
);

db_test!(
    the_import_form_offers_the_ids_of_the_lists_in_use,
    |app: TestApp| async move {
        let (lead, _) = app.signed_in("security_lead").await;
        let page = || async {
            let response = lead.get(app.url("/watchlists")).send().await.unwrap();
            assert_eq!(response.status(), 200);
            response.text().await.unwrap()
        };
        let before = page().await;
        assert!(before.contains("Import a version"));
        assert!(!before.contains("In use:"), "no list yet");

        for source in ["incidents", "community_personas"] {
            let form = [
                ("source", source),
                ("format", "custom_csv"),
                (
                    "first",
                    "kind,value,label,source\nemail,someone@e2e.example,x,internal\n",
                ),
            ];
            let (status, body) = app.call(&lead, "/api/watchlists/import", &form).await;
            assert!(status < 400, "{status}: {body}");
        }
        let after = page().await;
        let datalist = after
            .split(r#"<datalist id="list-sources">"#)
            .nth(1)
            .and_then(|rest| rest.split("</datalist>").next())
            .unwrap_or_else(|| panic!("no datalist in {after}"));
        for source in ["incidents", "community_personas"] {
            assert!(
                datalist.contains(&format!(r#"value="{source}""#)),
                "{source} not offered: {datalist}"
            );
        }
        assert!(
            after.contains("In use: community_personas, incidents."),
            "{after}"
        );
    }
);
