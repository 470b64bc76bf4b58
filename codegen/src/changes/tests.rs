//! The report on model fields the spec-pair tests (`tests/change_report.rs`) do not reach:
//! paging, waiters, "send, then wait", union arms, integer enums and the count, entry and
//! multiple-of rules. Each test edits a loaded model and checks every line of the report.

use super::compare;
use crate::ir::*;

const SPEC: &str = r#"openapi: 3.0.3
info: {title: Things, version: '1'}
paths:
  /things:
    get:
      operationId: listThings
      x-source: 'pages/none: list'
      parameters:
        - {name: offset, in: query, schema: {type: integer}}
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        '200': {description: OK}
    post:
      operationId: createThing
      x-source: 'pages/none: create'
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        '200': {description: OK}
components:
  schemas:
    Thing:
      type: object
      properties:
        step: {type: integer}
        labels: {type: object, additionalProperties: {type: string}}
"#;

fn base() -> Service {
    crate::load("things.yaml", SPEC).unwrap_or_else(|e| panic!("{e}"))
}

fn report(old: &Service, new: &Service) -> Vec<String> {
    compare(old, new).iter().map(ToString::to_string).collect()
}

fn op<'s>(service: &'s mut Service, name: &str) -> &'s mut Operation {
    let found = service.operations.iter_mut().find(|o| o.name == name);
    found.unwrap_or_else(|| panic!("operation {name}"))
}

fn field<'s>(service: &'s mut Service, name: &str) -> &'s mut Field {
    let thing = service.types.iter_mut().find(|t| t.name == "Thing");
    let Some(TypeDef {
        kind: TypeKind::Struct { fields, .. },
        ..
    }) = thing
    else {
        panic!("struct Thing");
    };
    let found = fields.iter_mut().find(|f| f.name == name);
    found.unwrap_or_else(|| panic!("field {name}"))
}

fn step(field: &str) -> FieldStep {
    FieldStep {
        field: field.into(),
        optional: false,
    }
}

fn pagination() -> Pagination {
    Pagination {
        style: PageStyle::Offset,
        position: "offset".into(),
        position_wire: "offset".into(),
        position_ty: Type::Int64,
        limit: "limit".into(),
        default_limit: Some(10),
        items: vec![step("things")],
        item_ty: Type::String,
        total: Vec::new(),
    }
}

#[test]
fn paging_added_is_compatible_removed_or_retyped_breaks() {
    let plain = base();
    let mut paged = base();
    op(&mut paged, "list_things").pagination = Some(pagination());
    assert_eq!(
        report(&plain, &paged),
        ["ok        `list_things` is now paged (its call offers `pages()` and `items()`)"]
    );
    assert_eq!(
        report(&paged, &plain),
        ["BREAKING  `list_things` is no longer paged (its call loses `pages()` and `items()`)"]
    );
    let mut changed = paged.clone();
    let p = op(&mut changed, "list_things").pagination.as_mut().unwrap();
    p.item_ty = Type::Int64;
    p.style = PageStyle::Page { first: 1 };
    p.total = vec![step("count")];
    assert_eq!(
        report(&paged, &changed),
        [
            "BREAKING  the items of `list_things` changed type from string to int64",
            "ok        paging of `list_things` changed: style page numbers from 1 (was offset), total at `count` (was none)",
        ]
    );
}

fn waiter() -> Waiter {
    Waiter {
        method: "wait_for_thing".into(),
        what: "thing".into(),
        id: "id".into(),
        state: vec![step("status")],
        done: vec!["Done".into()],
        failed: vec!["Failed".into()],
    }
}

#[test]
fn waiters_added_are_compatible_removed_renamed_or_failing_sooner_break() {
    let plain = base();
    let mut waited = base();
    op(&mut waited, "list_things").waiter = Some(waiter());
    assert_eq!(
        report(&plain, &waited),
        ["ok        waiter `wait_for_thing` added (polls `list_things`)"]
    );
    assert_eq!(
        report(&waited, &plain),
        ["BREAKING  waiter `wait_for_thing` removed (polled `list_things`)"]
    );
    let mut renamed = waited.clone();
    op(&mut renamed, "list_things")
        .waiter
        .as_mut()
        .unwrap()
        .method = "wait_for_it".into();
    assert_eq!(
        report(&waited, &renamed),
        ["BREAKING  waiter `wait_for_thing` is now `wait_for_it` (polls `list_things`)"]
    );
    let mut states = waited.clone();
    let w = op(&mut states, "list_things").waiter.as_mut().unwrap();
    w.done = vec!["Ready".into()];
    w.failed = vec![];
    assert_eq!(
        report(&waited, &states),
        [
            "BREAKING  state `Done` no longer ends waiter `wait_for_thing` as a success",
            "ok        state `Ready` now ends waiter `wait_for_thing` as a success",
            "ok        state `Failed` no longer ends waiter `wait_for_thing` as a failure",
        ]
    );
    assert_eq!(
        report(&states, &waited)[2],
        "BREAKING  state `Failed` now ends waiter `wait_for_thing` as a failure"
    );
}

#[test]
fn and_wait_added_is_compatible_removed_or_retyped_breaks() {
    let plain = base();
    let mut waited = base();
    op(&mut waited, "create_thing").and_wait = Some(AndWait {
        waiter: "wait_for_thing".into(),
        polls: "show_thing".into(),
        answer: Type::Named("Thing".into()),
        id: vec![step("id")],
        id_wire: "id".into(),
    });
    assert_eq!(
        report(&plain, &waited),
        ["ok        the call of `create_thing` now offers `and_wait()` (with `wait_for_thing`)"]
    );
    assert_eq!(
        report(&waited, &plain),
        [
            "BREAKING  the call of `create_thing` no longer offers `and_wait()` (was with `wait_for_thing`)"
        ]
    );
    let mut retyped = waited.clone();
    let a = op(&mut retyped, "create_thing").and_wait.as_mut().unwrap();
    a.answer = Type::Any;
    a.id_wire = "job.id".into();
    assert_eq!(
        report(&waited, &retyped),
        [
            "BREAKING  `and_wait()` of `create_thing` now returns any JSON (was Thing)",
            "ok        `and_wait()` of `create_thing` now waits with `wait_for_thing` on `job.id` (was `wait_for_thing` on `id`)",
        ]
    );
}

fn arm(name: &str, ty: Type, tags: &[&str]) -> Arm {
    Arm {
        name: name.into(),
        ty,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        holds_rules: false,
    }
}

fn with_union(arms: Vec<Arm>, tag: Option<&str>) -> Service {
    let mut service = base();
    service.types.push(TypeDef {
        name: "Pet".into(),
        origin: "Pet".into(),
        doc: None,
        kind: TypeKind::Union {
            arms_alike: arms.windows(2).any(|w| w[0].ty == w[1].ty),
            arms,
            tag: tag.map(str::to_string),
            text: false,
        },
        checked: false,
    });
    service
}

#[test]
fn union_arms_added_are_compatible_removed_retyped_or_retagged_break() {
    let cat = || arm("Cat", Type::Named("Thing".into()), &["cat"]);
    let old = with_union(vec![cat()], Some("kind"));
    let added = with_union(
        vec![cat(), arm("Dog", Type::String, &["dog"])],
        Some("kind"),
    );
    assert_eq!(
        report(&old, &added),
        ["ok        arm `Dog` (string) added to union `Pet`"]
    );
    assert_eq!(
        report(&added, &old),
        ["BREAKING  arm `Dog` removed from union `Pet`"]
    );
    let twin = with_union(
        vec![cat(), arm("Lion", Type::Named("Thing".into()), &["lion"])],
        Some("kind"),
    );
    assert_eq!(
        report(&old, &twin),
        [
            "ok        arm `Lion` (Thing) added to union `Pet`",
            "BREAKING  union `Pet` is now missing its `From` conversions (two arms hold the same type)",
        ]
    );
    assert_eq!(
        report(&twin, &old),
        [
            "BREAKING  arm `Lion` removed from union `Pet`",
            "ok        union `Pet` is no longer missing its `From` conversions (two arms hold the same type)",
        ]
    );
    let changed = with_union(vec![arm("Cat", Type::Any, &["feline"])], None);
    assert_eq!(
        report(&old, &changed),
        [
            "BREAKING  union `Pet`: discriminator changed from `kind` to none",
            "BREAKING  arm `Pet::Cat` changed type from Thing to any JSON",
            "BREAKING  arm `Pet::Cat` is now chosen by [\"feline\"] (was [\"cat\"])",
        ]
    );
    let more_tags = with_union(
        vec![arm("Cat", Type::Named("Thing".into()), &["cat", "kitten"])],
        Some("kind"),
    );
    assert_eq!(
        report(&old, &more_tags),
        ["ok        arm `Pet::Cat` is now chosen by [\"cat\", \"kitten\"] (was [\"cat\"])"]
    );
}

#[test]
fn integer_enum_values_added_are_compatible_removed_break() {
    let int_enum = |values: &[i64]| {
        let mut service = base();
        let variants = values
            .iter()
            .map(|v| IntVariant {
                name: format!("V{v}"),
                value: *v,
            })
            .collect();
        service.types.push(TypeDef {
            name: "Level".into(),
            origin: "Level".into(),
            doc: None,
            kind: TypeKind::IntEnum { variants },
            checked: false,
        });
        service
    };
    assert_eq!(
        report(&int_enum(&[1, 2]), &int_enum(&[2, 3])),
        [
            "BREAKING  value 1 (`V1`) removed from enum `Level`",
            "ok        value 3 (`V3`) added to enum `Level`",
        ]
    );
}

#[test]
fn multiple_of_breaks_unless_the_new_rule_accepts_every_old_value() {
    let with = |multiple: Option<f64>| {
        let mut service = base();
        field(&mut service, "step").constraints.multiple_of = multiple;
        service
    };
    let line =
        |a: &str, b: &str| format!("field `Thing.step`: multiple of changed from {a} to {b}");
    let cases = [
        (None, Some(5.0), "BREAKING", "none", "5"),
        (Some(10.0), Some(5.0), "ok      ", "10", "5"),
        (Some(5.0), Some(10.0), "BREAKING", "5", "10"),
        (Some(5.0), Some(3.0), "BREAKING", "5", "3"),
        (Some(5.0), None, "ok      ", "5", "none"),
    ];
    for (old, new, tag, a, b) in cases {
        assert_eq!(
            report(&with(old), &with(new)),
            [format!("{tag}  {}", line(a, b))],
            "{old:?} -> {new:?}"
        );
    }
}

#[test]
fn map_entry_counts_and_the_most_fields_set_break_when_tighter() {
    let with = |min: Option<u64>, max: Option<u64>| {
        let mut service = base();
        let labels = field(&mut service, "labels");
        labels.constraints.min_entries = min;
        labels.constraints.max_entries = max;
        service
    };
    assert_eq!(
        report(&with(None, Some(5)), &with(Some(1), Some(9))),
        [
            "BREAKING  field `Thing.labels`: minimum entries changed from none to 1",
            "ok        field `Thing.labels`: maximum entries changed from 5 to 9",
        ]
    );
    let at_most = |max: Option<u64>| {
        let mut service = base();
        for t in &mut service.types {
            if let TypeKind::Struct { max_properties, .. } = &mut t.kind {
                *max_properties = max;
            }
        }
        service
    };
    assert_eq!(
        report(&at_most(Some(2)), &at_most(Some(1))),
        ["BREAKING  `Thing` maximum number of set fields changed from 2 to 1"]
    );
    assert_eq!(
        report(&at_most(Some(1)), &at_most(None)),
        ["ok        `Thing` maximum number of set fields changed from 1 to none"]
    );
}

#[test]
fn a_pattern_added_breaks_one_removed_does_not() {
    let with = |pattern: Option<&str>| {
        let mut service = base();
        let step = field(&mut service, "step");
        step.constraints.pattern = pattern.map(str::to_string);
        service
    };
    assert_eq!(
        report(&with(None), &with(Some("^a"))),
        ["BREAKING  field `Thing.step`: pattern changed from none to `^a`"]
    );
    assert_eq!(
        report(&with(Some("^a")), &with(None)),
        ["ok        field `Thing.step`: pattern changed from `^a` to none"]
    );
}
