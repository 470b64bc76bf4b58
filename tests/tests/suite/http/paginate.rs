//! Paginators over real HTTP against a scripted server, which can misbehave as no fake
//! would: many pages, an empty list, a repeated page, a total larger than what comes, a
//! list that never ends, and a page retried under the retry policy.

use client_tests::fixtures::*;
use client_tests::{
    CASE_LIMIT, Recorded, Reply, ScriptedServer, ddm_client, dws_client, ocp_client, within,
};
use futures::TryStreamExt;
use generated_client::runtime::{ClientBuilder, PaginationError};
use generated_client::{Credentials, Error, RetryPolicy, ddm};
use serde_json::{Value, json};
use std::time::Duration;

fn ddm_page(names: &[&str], total: i64) -> Reply {
    let users: Vec<Value> = names.iter().map(|n| json!({"name": n})).collect();
    Reply::json(200, &json!({"users": users, "total_record": total}))
}

fn dws_page(names: &[&str]) -> Reply {
    let users: Vec<Value> = names.iter().map(|n| json!({"name": n})).collect();
    Reply::json(200, &json!({"users": users}))
}

/// The value of query parameter `name` in a recorded request.
fn query(request: &Recorded, name: &str) -> Option<String> {
    let (_, query) = request.uri.split_once('?')?;
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| value.to_string())
    })
}

fn queries(server: &ScriptedServer, name: &str) -> Vec<Option<String>> {
    server.requests().iter().map(|r| query(r, name)).collect()
}

fn names(items: &[ddm::GetUsersListDetailResponses]) -> Vec<&str> {
    items.iter().filter_map(|u| u.name.as_deref()).collect()
}

fn pagination_error(error: &Error) -> &PaginationError {
    match error {
        Error::Pagination(e) => e,
        other => panic!("a pagination error was expected: {other:?}"),
    }
}

#[tokio::test]
async fn ddm_items_walk_every_page_by_offset_and_stop_at_the_total() {
    within("ddm offset pages", CASE_LIMIT, async {
        let server = ScriptedServer::start().await;
        server.reply(ddm_page(&["a", "b"], 5));
        server.reply(ddm_page(&["c", "d"], 5));
        server.reply(ddm_page(&["e"], 5));
        let client = ddm_client(&server.url());
        let items: Vec<_> = client
            .list_users(DDM_INSTANCE)
            .limit(2)
            .items()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(names(&items), ["a", "b", "c", "d", "e"]);
        let offsets = queries(&server, "offset");
        assert_eq!(
            offsets,
            [Some("0".into()), Some("2".into()), Some("4".into())]
        );
        assert!(
            queries(&server, "limit")
                .iter()
                .all(|l| l.as_deref() == Some("2"))
        );
    })
    .await;
}

#[tokio::test]
async fn a_start_offset_is_where_the_pages_begin() {
    within("ddm start offset", CASE_LIMIT, async {
        let server = ScriptedServer::start().await;
        server.reply(ddm_page(&["c", "d"], 4));
        let client = ddm_client(&server.url());
        let pages: Vec<_> = client
            .list_users(DDM_INSTANCE)
            .offset(2)
            .limit(2)
            .pages()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(pages.len(), 1, "the page reaches the total of 4");
        assert_eq!(queries(&server, "offset"), [Some("2".into())]);
    })
    .await;
}

#[tokio::test]
async fn an_empty_list_is_one_empty_page_and_no_item() {
    within("empty list", CASE_LIMIT, async {
        let server = ScriptedServer::start().await;
        server.reply(ddm_page(&[], 0));
        server.reply(ddm_page(&[], 0));
        let client = ddm_client(&server.url());
        let pages: Vec<_> = client
            .list_users(DDM_INSTANCE)
            .pages()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].total_record, Some(0));
        let items: Vec<_> = client
            .list_users(DDM_INSTANCE)
            .items()
            .try_collect()
            .await
            .unwrap();
        assert!(items.is_empty());
        assert_eq!(server.requests().len(), 2, "one request per listing");
    })
    .await;
}

#[tokio::test]
async fn a_repeated_page_ends_with_an_error_instead_of_looping() {
    within("repeated page", CASE_LIMIT, async {
        let server = ScriptedServer::start().await;
        // A server that ignores `offset`: the same page whatever is asked.
        for _ in 0..5 {
            server.reply(ddm_page(&["a", "b"], 10));
        }
        let client = ddm_client(&server.url());
        let mut items = client.list_users(DDM_INSTANCE).limit(2).items();
        let mut seen = Vec::new();
        let error = loop {
            match items.try_next().await {
                Ok(Some(item)) => seen.push(item.name.unwrap()),
                Ok(None) => panic!("the stream ended without an error"),
                Err(e) => break e,
            }
        };
        assert_eq!(seen, ["a", "b"], "the first page is delivered");
        assert!(
            matches!(
                pagination_error(&error),
                PaginationError::RepeatedPage {
                    page: 2,
                    position: 2,
                    position_param: "offset",
                    ..
                }
            ),
            "{error:?}"
        );
        assert!(
            error.to_string().contains("repeats the page before it"),
            "{error}"
        );
        assert_eq!(server.requests().len(), 2);
        assert_eq!(
            items.try_next().await.unwrap().map(|i| i.name),
            None,
            "ended"
        );
    })
    .await;
}

#[tokio::test]
async fn a_total_larger_than_what_comes_ends_at_the_short_or_empty_page() {
    within("total not reached", CASE_LIMIT, async {
        let server = ScriptedServer::start().await;
        server.reply(ddm_page(&["a", "b"], 10));
        server.reply(ddm_page(&["c"], 10));
        let client = ddm_client(&server.url());
        let pages: Vec<Result<_, _>> =
            collect_all(client.list_users(DDM_INSTANCE).limit(2).pages()).await;
        assert_eq!(pages.len(), 3, "two pages, then the error");
        assert!(pages[0].is_ok() && pages[1].is_ok());
        let error = pages[2].as_ref().unwrap_err();
        assert_eq!(
            pagination_error(error),
            &PaginationError::TotalNotReached {
                service: "ddm",
                operation: "list_users",
                total: 10,
                reached: 3
            }
        );
        assert_eq!(server.requests().len(), 2);

        // Without a page size known, an empty page ends it the same way.
        let server = ScriptedServer::start().await;
        server.reply(ddm_page(&["a"], 3));
        server.reply(ddm_page(&[], 3));
        let client = ddm_client(&server.url());
        let pages = collect_all(client.list_users(DDM_INSTANCE).pages()).await;
        assert_eq!(pages.len(), 2);
        assert!(matches!(
            pagination_error(pages[1].as_ref().unwrap_err()),
            PaginationError::TotalNotReached {
                total: 3,
                reached: 1,
                ..
            }
        ));
    })
    .await;
}

/// Every element of a stream, errors included.
async fn collect_all<S>(mut stream: S) -> Vec<Result<S::Ok, S::Error>>
where
    S: futures::TryStream + Unpin,
{
    let mut out = Vec::new();
    loop {
        match stream.try_next().await {
            Ok(Some(item)) => out.push(Ok(item)),
            Ok(None) => return out,
            Err(e) => out.push(Err(e)),
        }
    }
}

#[tokio::test]
async fn dws_pages_are_numbered_from_0_and_a_short_page_is_the_last() {
    within("dws pages", CASE_LIMIT, async {
        let server = ScriptedServer::start().await;
        server.reply(dws_page(&["u1", "u2"]));
        server.reply(dws_page(&["u3", "u4"]));
        server.reply(dws_page(&["u5"]));
        let client = dws_client(&server.url());
        let items: Vec<_> = client
            .list_database_users(DWS_CLUSTER)
            .limit(2)
            .items()
            .try_collect()
            .await
            .unwrap();
        let got: Vec<_> = items.iter().filter_map(|u| u.name.as_deref()).collect();
        assert_eq!(got, ["u1", "u2", "u3", "u4", "u5"]);
        assert_eq!(
            queries(&server, "offset"),
            [Some("0".into()), Some("1".into()), Some("2".into())]
        );
    })
    .await;
}

#[tokio::test]
async fn a_list_that_never_ends_stops_at_the_most_pages() {
    within("page cap", CASE_LIMIT, async {
        let server = ScriptedServer::start().await;
        for i in 0..5 {
            server.reply(dws_page(&[&format!("a{i}"), &format!("b{i}")]));
        }
        let client = dws_client(&server.url());
        let pages = collect_all(
            client
                .list_database_users(DWS_CLUSTER)
                .limit(2)
                .pages()
                .max_pages(3),
        )
        .await;
        assert_eq!(pages.len(), 4, "three pages, then the error");
        assert!(matches!(
            pagination_error(pages[3].as_ref().unwrap_err()),
            PaginationError::TooManyPages { max_pages: 3, .. }
        ));
        assert_eq!(server.requests().len(), 3);
    })
    .await;
}

#[tokio::test]
async fn ocp_pages_count_from_1_inside_the_envelope() {
    within("ocp pages", CASE_LIMIT, async {
        let server = ScriptedServer::start().await;
        for (page, names) in [(1, vec!["x1", "x2"]), (2, vec!["x3"])] {
            let contents: Vec<Value> = names.iter().map(|n| json!({"username": n})).collect();
            server.reply(Reply::json(
                200,
                &json!({
                    "successful": true,
                    "data": {"contents": contents, "page": {"totalElements": 3, "number": page, "size": 2}}
                }),
            ));
        }
        let client = ocp_client(&server.url());
        let items: Vec<_> = client
            .list_db_users(OCP_CLUSTER, OCP_TENANT)
            .size(2)
            .items()
            .try_collect()
            .await
            .unwrap();
        let got: Vec<_> = items.iter().filter_map(|u| u.username.as_deref()).collect();
        assert_eq!(got, ["x1", "x2", "x3"]);
        assert_eq!(queries(&server, "page"), [Some("1".into()), Some("2".into())]);
    })
    .await;
}

#[tokio::test]
async fn each_page_is_retried_under_the_retry_policy() {
    within("page retry", CASE_LIMIT, async {
        let server = ScriptedServer::start().await;
        server.reply(ddm_page(&["a", "b"], 3));
        server.reply(Reply::json(
            503,
            &json!({"errCode": "DBS.200412", "externalMessage": "busy"}),
        ));
        server.reply(ddm_page(&["c"], 3));
        let client: ddm::Client = ClientBuilder::new()
            .endpoint(server.url())
            .allow_insecure_http()
            .project_id(PROJECT_ID)
            .credentials(Credentials::token(TOKEN))
            .retry(RetryPolicy {
                max_attempts: 2,
                base_delay: Duration::from_millis(1),
                max_delay: Duration::from_millis(5),
                retry_non_idempotent: false,
            })
            .build()
            .unwrap();
        let items: Vec<_> = client
            .list_users(DDM_INSTANCE)
            .limit(2)
            .items()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(names(&items), ["a", "b", "c"]);
        assert_eq!(
            queries(&server, "offset"),
            [Some("0".into()), Some("2".into()), Some("2".into())]
        );
    })
    .await;
}

#[tokio::test]
async fn a_limit_out_of_range_is_refused_before_the_first_page() {
    within("paged validation", CASE_LIMIT, async {
        let server = ScriptedServer::start().await;
        let client = ddm_client(&server.url());
        let error = client
            .list_users(DDM_INSTANCE)
            .limit(129)
            .items()
            .try_next()
            .await
            .unwrap_err();
        assert!(matches!(error, Error::Validation(_)), "{error:?}");
        assert!(error.to_string().contains("limit"), "{error}");
        assert!(server.requests().is_empty());
    })
    .await;
}
