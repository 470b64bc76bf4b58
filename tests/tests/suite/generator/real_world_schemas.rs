//! The schema constructs of the real-world kitchen sink (`kitchen_sink/real_world.yaml`):
//! unions with and without a discriminator, integer enums, `null` in an enum; generated,
//! compiled and called over HTTP on 127.0.0.1.

use client_tests::{Reply, ScriptedServer};
use generated_client::runtime::Validate;
use generated_client::{Credentials, Error};
use serde_json::json;

#[allow(dead_code)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/real_world.rs"));
}

use generated as rw;

fn client(url: &str) -> rw::Client {
    client_tests::local_client(url, Credentials::token("key-1"))
        .build()
        .expect("the real-world client builds")
}

async fn get_pet(answer: serde_json::Value) -> Result<rw::Pet, Error> {
    let server = ScriptedServer::start().await;
    server.reply(Reply::json(200, &answer));
    client(&server.url()).get_pet("p1").await
}

#[tokio::test]
async fn a_tagged_union_reads_each_arm_by_its_discriminator() {
    let cat = get_pet(json!({"pet_type": "cat", "lives": 7}))
        .await
        .unwrap();
    assert_eq!(
        cat,
        rw::Pet::Cat(rw::Cat {
            pet_type: "cat".into(),
            lives: 7
        })
    );
    let dog = get_pet(json!({"pet_type": "dog", "name": "Rex", "level": 2}))
        .await
        .unwrap();
    let rw::Pet::Dog(dog) = dog else {
        panic!("a dog: {dog:?}")
    };
    assert_eq!((dog.name.as_str(), dog.level), ("Rex", Some(rw::Level::V2)));
    // A second mapping key for the same arm.
    let hound = get_pet(json!({"pet_type": "hound", "name": "Bo"}))
        .await
        .unwrap();
    assert!(matches!(hound, rw::Pet::Dog(_)), "{hound:?}");
}

#[tokio::test]
async fn an_answer_that_fits_no_arm_is_a_decode_error_with_status_and_body() {
    for (answer, reason) in [
        (
            json!({"pet_type": "cow"}),
            "the discriminator `pet_type` is `cow`, expected one of `cat`, `dog`, `hound`",
        ),
        (
            json!({"lives": 1}),
            "the discriminator `pet_type` is missing",
        ),
        (json!({"pet_type": "cat"}), "missing field `lives`"),
    ] {
        let error = get_pet(answer.clone()).await.unwrap_err();
        let Error::Decode(decode) = error else {
            panic!("a decode error: {error:?}")
        };
        assert_eq!(decode.status, 200);
        assert!(decode.reason.contains(reason), "{}", decode.reason);
        let body: serde_json::Value = serde_json::from_slice(&decode.body).unwrap();
        assert_eq!(body, answer);
    }
}

#[tokio::test]
async fn a_tagged_union_is_sent_with_its_tag_after_the_arm_is_checked() {
    let server = ScriptedServer::start().await;
    let dog = rw::Pet::from(rw::Dog::new("Rex").with_level(rw::Level::Minus1));
    server.reply(Reply::json(200, &json!({"pet_type": "dog", "name": "Rex"})));
    client(&server.url()).put_pet("p1", &dog).await.unwrap();
    assert_eq!(
        server.single_request().json(),
        json!({"pet_type": "dog", "name": "Rex", "level": -1})
    );
    // The arm's own rules are checked before sending; nothing goes out.
    let cat = rw::Pet::Cat(rw::Cat::new("cat", 10));
    let error = client(&server.url()).put_pet("p2", &cat).await.unwrap_err();
    let Error::Validation(invalid) = error else {
        panic!("a validation error: {error:?}")
    };
    assert_eq!(invalid.violations[0].field, "lives");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn an_untagged_union_reads_the_first_arm_that_fits() {
    let server = ScriptedServer::start().await;
    server.reply(Reply::json(200, &json!({"radius": 2.5})));
    server.reply(Reply::json(200, &json!("big")));
    server.reply(Reply::json(200, &json!(7)));
    server.reply(Reply::json(200, &json!({"diameter": 2})));
    let client = client(&server.url());
    assert_eq!(
        client.get_shape("s").await.unwrap(),
        rw::Shape::Circle(rw::Circle::new(2.5))
    );
    assert_eq!(
        client.get_shape("s").await.unwrap(),
        rw::Shape::String("big".into())
    );
    assert_eq!(client.get_shape("s").await.unwrap(), rw::Shape::Integer(7));
    let error = client.get_shape("s").await.unwrap_err();
    let Error::Decode(decode) = error else {
        panic!("a decode error: {error:?}")
    };
    assert!(
        decode.reason.contains("did not match any variant"),
        "{}",
        decode.reason
    );
    assert_eq!(&decode.body[..], br#"{"diameter":2}"#);
}

#[tokio::test]
async fn integer_enums_and_null_in_an_enum_read_and_send() {
    let server = ScriptedServer::start().await;
    server.reply(Reply::json(
        200,
        &json!({"level": 3, "mood": null, "size": 12}),
    ));
    server.reply(Reply::json(
        200,
        &json!({"level": 42, "mood": "sad", "size": "XL"}),
    ));
    let client = client(&server.url());
    let first = client.get_reading().level(rw::Level::V1).await.unwrap();
    assert_eq!(first.level, rw::Level::V3);
    assert_eq!(first.mood, None);
    assert_eq!(first.size, Some(rw::ReadingSize::Integer(12)));
    let second = client.get_reading().await.unwrap();
    // A value the client does not know is kept.
    assert_eq!(second.level, rw::Level::Unknown(42));
    assert_eq!(second.level.value(), 42);
    assert_eq!(second.mood, Some(rw::Mood::Sad));
    assert_eq!(second.size, Some(rw::ReadingSize::String("XL".into())));
    let sent = server.requests();
    assert_eq!(sent[0].uri, "/v2/readings?level=1");
    assert_eq!(sent[1].uri, "/v2/readings");
    assert!(rw::Reading::new(rw::Level::V2).validate().is_ok());
}

fn profile() -> rw::Profile {
    let born = generated_client::runtime::Date::from_ymd_opt(2026, 1, 31).unwrap();
    rw::Profile::new("4f9b1c2e-8d3a-4b5e-9f60-1a2b3c4d5e6f", born)
        .with_avatar(vec![0_u8, 255, 7])
        .with_note("plain text")
        .with_step(15)
        .with_ratio(0.75)
        .with_labels(
            [("team".to_string(), "db".to_string())]
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>(),
        )
        .with_anything(vec![json!(1), json!({"a": [true]})])
        .with_code("AB12")
        .with_mood(rw::Mood::Happy)
        .with_member("color", "red")
}

#[tokio::test]
async fn formats_open_members_and_plain_all_of_go_over_the_wire_as_the_spec_says() {
    let server = ScriptedServer::start().await;
    let sent = profile();
    let wire = json!({
        "id": "4f9b1c2e-8d3a-4b5e-9f60-1a2b3c4d5e6f",
        "born": "2026-01-31",
        "avatar": "AP8H",
        "note": "plain text",
        "step": 15,
        "ratio": 0.75,
        "labels": {"team": "db"},
        "anything": [1, {"a": [true]}],
        "code": "AB12",
        "mood": "happy",
        "color": "red"
    });
    server.reply(Reply::json(200, &wire));
    let got = client(&server.url())
        .put_profile("4f9b1c2e-8d3a-4b5e-9f60-1a2b3c4d5e6f", &sent)
        .await
        .unwrap();
    assert_eq!(server.single_request().json(), wire);
    assert_eq!(got, sent);
    assert_eq!(&got.avatar.unwrap()[..], &[0, 255, 7]);
    assert_eq!(got.additional_properties["color"], "red");
}

#[tokio::test]
async fn multiples_counts_and_plain_all_of_rules_are_checked_before_sending() {
    let server = ScriptedServer::start().await;
    let mut bad = profile()
        .with_step(7)
        .with_ratio(0.3)
        .with_code("TOOLONG")
        .with_member("size", "L");
    bad.labels = Some(
        [("a", "1"), ("b", "2"), ("c", "3")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    );
    let error = client(&server.url())
        .put_profile("id", &bad)
        .await
        .unwrap_err();
    let found = client_tests::violations(&error);
    assert_eq!(
        found,
        [
            ("step", "must be a multiple of 5 (is 7)"),
            ("ratio", "must be a multiple of 0.25 (is 0.3)"),
            ("labels", "must have 1 to 2 entries (has 3)"),
            ("code", "must be at most 4 characters long (is 7)"),
            ("body", "must set at most 11 properties (sets 12)"),
        ]
    );
    assert!(server.requests().is_empty(), "nothing was sent");
}
