//! The spec as written: the OpenAPI 3.0 subset the generator reads, every piece with its
//! position. Nothing is resolved here; `lower` resolves references and takes the decisions.
//! Keys the generator checks but does not use (`example`, `readOnly`, ...) are not kept.

use crate::ir::Method;
use crate::yaml::{Node, Pos};

/// A value and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct At<T> {
    pub pos: Pos,
    pub value: T,
}

impl<T> At<T> {
    pub fn new(pos: Pos, value: T) -> Self {
        At { pos, value }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Document {
    pub openapi: Option<At<String>>,
    pub title: String,
    pub description: Option<String>,
    pub version: String,
    pub servers: Vec<String>,
    pub paths: Vec<PathItem>,
    pub components: Components,
    pub security: Vec<At<String>>,
    pub envelope: Option<Envelope>,
    pub body_error: Option<BodyError>,
    pub retryable_errors: Vec<RetryableError>,
    /// The dialect it was read in: what lowering asks of a spec of ours and forgives in a
    /// document published elsewhere.
    pub profile: crate::profile::Profile,
}

#[derive(Clone, Debug, Default)]
pub struct Components {
    pub schemas: Vec<(At<String>, Schema)>,
    pub parameters: Vec<(At<String>, RefOr<Parameter>)>,
    pub request_bodies: Vec<(At<String>, RefOr<RequestBody>)>,
    pub responses: Vec<(At<String>, RefOr<Response>)>,
    pub security_schemes: Vec<(At<String>, SecurityScheme)>,
    /// `components.examples`: each example's `value` (JSON), when it has one.
    pub examples: Vec<(At<String>, RefOr<Option<serde_json::Value>>)>,
}

/// Either the thing itself or a `$ref` to a component of the same kind.
#[derive(Clone, Debug)]
pub enum RefOr<T> {
    Ref(At<String>),
    Item(T),
}

#[derive(Clone, Debug)]
pub struct PathItem {
    pub path: At<String>,
    pub parameters: Vec<RefOr<Parameter>>,
    pub operations: Vec<Operation>,
}

#[derive(Clone, Debug)]
pub struct Operation {
    pub pos: Pos,
    /// Where the method key (`get:`) is written.
    pub method_pos: Pos,
    pub method: Method,
    pub operation_id: Option<At<String>>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    pub parameters: Vec<RefOr<Parameter>>,
    pub request_body: Option<RefOr<RequestBody>>,
    pub responses: Vec<(At<String>, RefOr<Response>)>,
    /// Every documented response was read (so a missing success is the spec's, not a
    /// consequence of an error already reported).
    pub responses_complete: bool,
    pub source: Option<At<String>>,
    pub idempotent: Option<bool>,
    pub security: Option<Vec<At<String>>>,
    pub pagination: Option<PaginationSpec>,
    pub waiter: Option<WaiterSpec>,
    pub and_wait: Option<AndWaitSpec>,
}

/// `x-pagination` as written: which query parameters move through the pages and where the
/// answer holds its items and its total (dotted field paths, wire names).
#[derive(Clone, Debug)]
pub struct PaginationSpec {
    pub pos: Pos,
    /// The parameter holding the index of the first item (offset style).
    pub offset: Option<At<String>>,
    /// The parameter holding the page number (page style).
    pub page: Option<At<String>>,
    /// The number of the first page (page style).
    pub first_page: Option<At<u64>>,
    /// The parameter holding the page size.
    pub limit: Option<At<String>>,
    pub items: Option<At<String>>,
    pub total: Option<At<String>>,
}

/// `x-waiter` as written: the helper's name, where the answer holds the state, and the
/// states that end the wait.
#[derive(Clone, Debug)]
pub struct WaiterSpec {
    pub pos: Pos,
    pub name: Option<At<String>>,
    pub state: Option<At<String>>,
    pub done: Vec<At<String>>,
    pub failed: Vec<At<String>>,
}

/// `x-and-wait` as written: the operation (by `operationId`) whose waiter follows this
/// one, and the answer field holding the id it polls.
#[derive(Clone, Debug)]
pub struct AndWaitSpec {
    pub pos: Pos,
    pub waiter: Option<At<String>>,
    pub id: Option<At<String>>,
}

#[derive(Clone, Debug)]
pub struct Parameter {
    pub pos: Pos,
    pub name: At<String>,
    pub location: At<String>,
    pub required: bool,
    pub description: Option<String>,
    pub schema: Option<Schema>,
    pub from_client: bool,
}

#[derive(Clone, Debug)]
pub struct RequestBody {
    pub description: Option<String>,
    pub required: bool,
    pub content: Vec<MediaType>,
}

#[derive(Clone, Debug)]
pub struct MediaType {
    pub media_type: At<String>,
    pub schema: Option<Schema>,
    /// `examples`: each one's `value` (JSON), or a `$ref` to `components.examples`
    /// (resolved by `lower`).
    pub examples: Vec<RefOr<Option<serde_json::Value>>>,
}

#[derive(Clone, Debug)]
pub struct Response {
    pub description: String,
    pub content: Vec<MediaType>,
    pub body_optional: bool,
}

#[derive(Clone, Debug)]
pub struct SecurityScheme {
    pub pos: Pos,
    pub kind: At<String>,
    pub scheme: Option<At<String>>,
    pub location: Option<At<String>>,
    pub name: Option<At<String>>,
    pub signing: Option<At<String>>,
}

/// `x-envelope`: every answer wraps its payload; the generated call returns the payload.
#[derive(Clone, Debug)]
pub struct Envelope {
    pub pos: Pos,
    pub data: At<String>,
    pub success: At<String>,
    pub trace_id: Option<At<String>>,
}

/// `x-body-error`: a 2xx answer can still carry an error code in its body.
#[derive(Clone, Debug)]
pub struct BodyError {
    pub code: At<String>,
    pub success: At<serde_json::Value>,
    pub message: Option<At<String>>,
}

/// `x-retryable-errors`: a status and service error code that mean "try again later".
#[derive(Clone, Debug)]
pub struct RetryableError {
    pub status: u16,
    pub code: String,
}

/// A JSON Schema object, as written.
#[derive(Clone, Debug, Default)]
pub struct Schema {
    pub pos: Pos,
    pub reference: Option<At<String>>,
    pub ty: Option<At<String>>,
    pub format: Option<At<String>>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub properties: Vec<(At<String>, Schema)>,
    pub required: Vec<At<String>>,
    pub items: Option<Box<Schema>>,
    pub enumeration: Vec<Node>,
    pub additional_properties: Option<AdditionalProperties>,
    /// Where the `additionalProperties` key is written.
    pub additional_properties_at: Option<Pos>,
    pub all_of: Vec<Schema>,
    pub nullable: bool,
    pub deprecated: bool,
    pub min_length: Option<At<u64>>,
    pub max_length: Option<At<u64>>,
    pub pattern: Option<At<String>>,
    pub min_items: Option<At<u64>>,
    pub max_items: Option<At<u64>>,
    pub unique_items: bool,
    pub min_properties: Option<At<u64>>,
    pub minimum: Option<At<f64>>,
    pub maximum: Option<At<f64>>,
    pub exclusive_minimum: bool,
    pub exclusive_maximum: bool,
    pub error_role: Option<At<String>>,
    /// `default`, as text (`128`, `false`): documentation, never sent for the caller.
    pub default: Option<String>,
    pub requires: Vec<Requirement>,
    /// `not`: read so that `lower` can refuse it by name.
    pub unsupported: Vec<At<String>>,
    /// `oneOf`: exactly one of these describes the value.
    pub one_of: Vec<Schema>,
    /// `anyOf`: at least one of these describes the value.
    pub any_of: Vec<Schema>,
    pub discriminator: Option<Discriminator>,
    /// Where `oneOf` / `anyOf` is written.
    pub union_at: Option<Pos>,
    pub max_properties: Option<At<u64>>,
    pub multiple_of: Option<At<f64>>,
    /// `default` as written, checked against the schema.
    pub default_node: Option<Node>,
    /// `example` as written, checked against the schema.
    pub example: Option<Node>,
}

/// `discriminator`: the property whose value names the arm of a `oneOf` / `anyOf`.
#[derive(Clone, Debug)]
pub struct Discriminator {
    pub pos: Pos,
    pub property: At<String>,
    /// Value of the property → `$ref` (or bare schema name) of the arm it selects.
    pub mapping: Vec<(At<String>, At<String>)>,
}

#[derive(Clone, Debug)]
pub enum AdditionalProperties {
    Allowed(bool),
    Schema(Box<Schema>),
}

/// `x-requires`: when a list property contains a value, another list must contain another.
#[derive(Clone, Debug)]
pub struct Requirement {
    pub when_property: At<String>,
    pub when_contains: At<String>,
    pub then_property: At<String>,
    pub then_contains: At<String>,
}
