//! The DWS O&M account of a cluster: turn it on, extend it, read when it expires (a time,
//! sent as epoch milliseconds), turn it off. `cargo run --example dws_om_user`.

use client_examples::show;
use fake_cloud::FakeCloud;
use generated_client::{Error, dws};

const CLUSTER: &str = "e7107fab-cac0-4261-916b-7f32b3053034";

#[tokio::main]
async fn main() -> Result<(), Error> {
    let fake = FakeCloud::start().await;
    let client = fake.dws_client();

    let on = dws::OmUserActionRequest::new(dws::OmUserOperation::AddOmUser);
    let answer = client.om_user_action(CLUSTER, &on).await?;
    let expires = answer
        .om_user_info
        .and_then(|info| info.om_user_expires_time)
        .expect("the service says when the account expires");
    show("om_user_action addOmUser: on until", &expires.to_string());

    // An operation read from configuration: enums parse their wire text.
    let extend: dws::OmUserOperation = "increaseOmUserPeriod".parse().unwrap();
    let answer = client
        .om_user_action(CLUSTER, &dws::OmUserActionRequest::new(extend))
        .await?;
    let later = answer
        .om_user_info
        .and_then(|info| info.om_user_expires_time);
    show(
        "om_user_action increaseOmUserPeriod: on until",
        &later.map(|t| t.to_string()),
    );

    let off = dws::OmUserActionRequest::new(dws::OmUserOperation::DeleteOmUser);
    let answer = client.om_user_action(CLUSTER, &off).await?;
    show("om_user_action deleteOmUser", &answer);
    show("the fake now holds", &fake.dws_om_user(CLUSTER));
    Ok(())
}
