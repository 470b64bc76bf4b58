//! The change report `cargo xtask regen` prints (`codegen::changes`), on pairs of specs:
//! `change_report/base.yaml` and the same spec with one edit. Each test names the kind of
//! change and checks every line of the report, BREAKING or not, as regen prints it.

use std::path::Path;

fn base() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("change_report/base.yaml");
    std::fs::read_to_string(path).expect("base spec is readable")
}

fn model(text: &str) -> codegen::ir::Service {
    codegen::load("orders.yaml", text).unwrap_or_else(|e| panic!("{e}"))
}

/// The report for `base.yaml` edited by replacing each `(old, new)` once.
fn report(edits: &[(&str, &str)]) -> Vec<String> {
    let before = base();
    let mut after = before.clone();
    for (old, new) in edits {
        assert!(after.contains(old), "the base spec has `{old}`");
        after = after.replacen(old, new, 1);
    }
    codegen::changes::compare(&model(&before), &model(&after))
        .iter()
        .map(ToString::to_string)
        .collect()
}

const GET_ORDER_END: &str = "                $ref: '#/components/schemas/OrderView'\ncomponents:";

#[test]
fn no_change_no_report() {
    assert_eq!(report(&[]), Vec::<String>::new());
}

#[test]
fn an_operation_added_is_not_breaking() {
    let added = "                $ref: '#/components/schemas/OrderView'
    delete:
      operationId: deleteOrder
      x-source: \"Orders: delete\"
      parameters:
        - {name: project_id, in: path, required: true, x-client-param: true, schema: {type: string}}
        - {name: order_id, in: path, required: true, schema: {type: integer, format: int64}}
      responses:
        '204':
          description: Deleted.
components:";
    assert_eq!(
        report(&[(GET_ORDER_END, added)]),
        ["ok        operation `delete_order` added (DELETE /v1/{project_id}/orders/{order_id})"]
    );
}

#[test]
fn an_operation_removed_is_breaking() {
    let base = base();
    let start = base.find("  /v1/{project_id}/orders/{order_id}:").unwrap();
    let end = base.find("components:").unwrap();
    assert_eq!(
        report(&[(&base[start..end], "")]),
        ["BREAKING  operation `get_order` removed"]
    );
}

#[test]
fn a_field_added_breaks_request_models_only() {
    assert_eq!(
        report(&[
            (
                "        note:\n          type: string\n",
                "        note:\n          type: string\n        gift:\n          type: boolean\n",
            ),
            (
                "        total:\n          type: number\n",
                "        total:\n          type: number\n        currency:\n          type: string\n",
            ),
        ]),
        [
            "BREAKING  optional field `Order.gift` added to a request model (struct literals must set it)",
            "ok        optional field `OrderView.currency` added",
        ]
    );
    assert_eq!(
        report(&[(
            "      required: [name]\n      properties:\n        name:\n          type: string\n          maxLength: 20\n",
            "      required: [name, id]\n      properties:\n        id:\n          type: string\n        name:\n          type: string\n          maxLength: 20\n",
        )]),
        ["BREAKING  required field `OrderView.id` added"]
    );
}

#[test]
fn a_field_removed_is_breaking() {
    assert_eq!(
        report(&[("        total:\n          type: number\n", "")]),
        ["BREAKING  field `OrderView.total` removed"]
    );
}

#[test]
fn optional_and_required_swapped_are_breaking_both_ways() {
    assert_eq!(
        report(&[(
            "required: [name, quantity]",
            "required: [name, quantity, note]"
        )]),
        ["BREAKING  field `Order.note` became required (was optional)"]
    );
    assert_eq!(
        report(&[("required: [name, quantity]", "required: [name]")]),
        ["BREAKING  field `Order.quantity` became optional (was required)"]
    );
}

#[test]
fn a_type_change_is_breaking() {
    assert_eq!(
        report(&[(
            "          format: int32\n          minimum: 1",
            "          format: int64\n          minimum: 1"
        )]),
        ["BREAKING  field `Order.quantity` changed type from int32 to int64"]
    );
}

#[test]
fn enum_values_added_are_not_breaking_removed_are() {
    assert_eq!(
        report(&[("enum: [open, closed]", "enum: [open, closed, on-hold]")]),
        ["ok        value `on-hold` added to enum `OrderStatus`"]
    );
    assert_eq!(
        report(&[("enum: [open, closed]", "enum: [open]")]),
        ["BREAKING  value `closed` removed from enum `OrderStatus`"]
    );
}

#[test]
fn tighter_rules_break_requests_looser_ones_do_not() {
    assert_eq!(
        report(&[(
            "          minLength: 1\n          maxLength: 20",
            "          minLength: 1\n          maxLength: 10"
        )]),
        ["BREAKING  field `Order.name`: maximum length changed from 20 to 10"]
    );
    assert_eq!(
        report(&[(
            "          minLength: 1\n          maxLength: 20",
            "          maxLength: 40"
        )]),
        [
            "ok        field `Order.name`: minimum length changed from 1 to none",
            "ok        field `Order.name`: maximum length changed from 20 to 40",
        ]
    );
    assert_eq!(
        report(&[(
            "          minimum: 1\n          maximum: 100",
            "          minimum: 5\n          maximum: 100"
        )]),
        ["BREAKING  field `Order.quantity`: minimum changed from 1 to 5"]
    );
    // Rules of answers are not checked by the client: tightening them breaks nothing.
    assert_eq!(
        report(&[(
            "          type: string\n          maxLength: 20\n        total:",
            "          type: string\n          maxLength: 5\n        total:"
        )]),
        ["ok        field `OrderView.name`: maximum length changed from 20 to 5"]
    );
}

#[test]
fn success_statuses_removed_break_added_do_not() {
    assert_eq!(
        report(&[(
            "        '201':\n          description: Created.",
            "        '200':\n          description: Created."
        )]),
        [
            "BREAKING  status 201 of `create_order` is no longer a success (the call now fails with it)",
            "ok        status 200 of `create_order` is now a success",
        ]
    );
    assert_eq!(
        report(&[(
            "        '400':\n          description: Refused.",
            "        '409':\n          description: Conflict.\n        '400':\n          description: Refused."
        )]),
        [
            "ok        documented errors of `create_order` changed from [\"400\"] to [\"409\", \"400\"]"
        ]
    );
}

#[test]
fn default_as_the_success_is_one_line_each_way() {
    let created = "        '201':\n          description: Created.";
    let default = "        default:\n          description: Created.";
    assert_eq!(
        report(&[(created, default)]),
        ["ok        `create_order` now takes every 2xx status as a success (was 201)"]
    );
    let before = base().replacen(created, default, 1);
    let changes: Vec<String> = codegen::changes::compare(&model(&before), &model(&base()))
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        changes,
        [
            "BREAKING  `create_order` no longer takes every 2xx status as a success, only 201 (the call now fails with the others)"
        ]
    );
}

#[test]
fn parameters_added_reordered_or_moved_to_the_client_break_calls() {
    assert_eq!(
        report(&[(
            "        - name: expand\n",
            "        - name: limit\n          in: query\n          schema:\n            type: integer\n        - name: expand\n"
        )]),
        [
            "BREAKING  optional parameter `limit` added to `get_order` (the method takes a new argument)"
        ]
    );
    // Arguments are positional: the same two in another order would be passed swapped.
    assert_eq!(
        report(&[
            (
                "        - name: expand\n          in: query\n          schema:\n            type: boolean\n",
                ""
            ),
            (
                "            type: string\n      responses:",
                "            type: string\n        - name: expand\n          in: query\n          schema:\n            type: boolean\n      responses:"
            ),
        ]),
        [
            "BREAKING  the arguments of `get_order` changed order from (order_id, expand, fields) to (order_id, fields, expand)"
        ]
    );
    assert_eq!(
        report(&[(
            "        - name: order_id\n          in: path\n          required: true\n          schema:",
            "        - name: order_id\n          in: path\n          required: true\n          x-client-param: true\n          schema:"
        )]),
        [
            "BREAKING  client setting `order_id` is now required",
            "BREAKING  parameter `order_id` of `get_order` is now a client setting (was an argument of the method)",
        ]
    );
    assert_eq!(
        report(&[(
            "        - name: X-Client-Token\n          in: header",
            "        - name: X-Client-Token\n          in: query"
        )]),
        [
            "ok        parameter `x_client_token` of `create_order` is now sent in the query (was the headers)"
        ]
    );
}

#[test]
fn a_parameter_type_change_is_breaking() {
    assert_eq!(
        report(&[(
            "            type: integer\n            format: int64",
            "            type: string"
        )]),
        ["BREAKING  parameter `order_id` of `get_order` changed type from int64 to string"]
    );
}

#[test]
fn retry_behaviour_and_deprecation_are_reported_as_not_breaking() {
    assert_eq!(
        report(&[(
            "      operationId: createOrder\n",
            "      operationId: createOrder\n      x-idempotent: true\n      deprecated: true\n"
        )]),
        [
            "ok        operation `create_order` is now deprecated",
            "ok        operation `create_order` is now idempotent (retry behaviour)",
        ]
    );
}
