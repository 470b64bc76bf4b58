//! The resolved model of one service: what the emitter prints and what `regen` compares.
//!
//! Every decision is taken here, once: Rust names, Rust types, constraints, error shapes,
//! envelopes. No `$ref` is left and no name is computed later.

mod inputs;
mod method;
mod wire;

pub use method::Method;
use serde::{Deserialize, Serialize};
pub use wire::{BodyMedia, ParamLocation, PathSegment, ResponseBody, SuccessRule};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Service {
    /// The Rust module (`ddm`), from the spec file name.
    pub module: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub version: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<String>,
    /// The ways of authenticating the service accepts, in the spec's order of preference.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub auth: Vec<Auth>,
    /// Path parameters filled from the client's configuration (`project_id`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub client_params: Vec<ClientParam>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envelope: Option<Envelope>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_error: Option<BodyError>,
    #[serde(default, skip_serializing_if = "ErrorFields::is_empty")]
    pub error_fields: ErrorFields,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retryable_errors: Vec<RetryableError>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<TypeDef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<Operation>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Auth {
    /// A token sent as is in a header (`X-Auth-Token`).
    Token { header: String },
    /// Huawei Cloud AK/SK request signing, `SDK-HMAC-SHA256`.
    HuaweiAkSk,
    /// HTTP Basic.
    Basic,
    /// OCP's access-key signature, `OCP-ACCESS-KEY-HMACSHA1`.
    OcpAccessKey,
    /// A token sent as `Authorization: Bearer <token>`: `http` `bearer`, and `oauth2` or
    /// `openIdConnect` with a token the user obtained.
    Bearer,
    /// A token sent as the query parameter `name` (`apiKey` `in: query`).
    QueryKey { name: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientParam {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub data: String,
    pub success: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BodyError {
    pub code: String,
    pub success: serde_json::Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Where, in the JSON of an error answer, the service puts each piece (paths of keys).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorFields {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub code: Vec<Vec<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub message: Vec<Vec<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_id: Vec<Vec<String>>,
}

impl ErrorFields {
    pub fn is_empty(&self) -> bool {
        *self == ErrorFields::default()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetryableError {
    pub status: u16,
    pub code: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypeDef {
    /// The Rust type name.
    pub name: String,
    /// Where it comes from: the component name, or the place of an inline schema.
    pub origin: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    pub kind: TypeKind,
    /// Whether the type, or a type it holds, has a rule to check before sending. Decided
    /// once by `passes`, which also marks each field and parameter holding such a type
    /// (`holds_rules`); the emitter reads those marks.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub checked: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TypeKind {
    Struct {
        fields: Vec<Field>,
        /// "At least N of the optional fields must be set" (`minProperties`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_properties: Option<u64>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        requires: Vec<Requires>,
        /// "At most N of the fields may be set" (`maxProperties`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_properties: Option<u64>,
    },
    Enum {
        variants: Vec<Variant>,
    },
    Alias {
        ty: Type,
    },
    /// `oneOf` / `anyOf`: a value of one of the arms. With a `discriminator` (`tag`) the
    /// arm is chosen by that property's value; without one, the first arm that reads wins.
    Union {
        arms: Vec<Arm>,
        /// The discriminator property (`petType`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tag: Option<String>,
        /// Every arm is a plain value and a parameter holds the union: it is sent as the
        /// text of the value its arm holds (`Display`).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        text: bool,
        /// Two arms hold the same Rust type (also through aliases): no `From` per arm.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        arms_alike: bool,
    },
    /// An enum of integers (`type: integer`, `enum: [1, 2, 3]`).
    IntEnum {
        variants: Vec<IntVariant>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub name: String,
    pub wire: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntVariant {
    pub name: String,
    pub value: i64,
}

/// One arm of a union: the Rust variant name and the type it holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arm {
    pub name: String,
    pub ty: Type,
    /// The discriminator values that select this arm; the first is the one sent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// As [`Field::holds_rules`].
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub holds_rules: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub name: String,
    pub wire: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    pub ty: Type,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nullable: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    #[serde(default, skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
    /// Constraints on each item when the field is a list of plain values.
    #[serde(default, skip_serializing_if = "Constraints::is_empty")]
    pub item_constraints: Constraints,
    /// The field holds a struct that (through its own fields) holds the field's owner: it is
    /// kept behind a `Box` so the type has a size.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub boxed: bool,
    /// The named type the field holds (itself, or in a list or map) has rules of its own
    /// ([`TypeDef::checked`]): the value is checked with `validate`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub holds_rules: bool,
    /// The map of the members `properties` does not name (`additionalProperties` beside
    /// `properties`): serde's `flatten`, no wire name of its own.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flatten: bool,
    /// The value the service assumes when the field is not sent, as the spec writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

impl Field {
    /// Whether the Rust field is an `Option`.
    pub fn optional(&self) -> bool {
        !self.required || self.nullable
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Type {
    String,
    /// A string that must never be printed: passwords.
    Secret,
    Int32,
    Int64,
    /// `int8`, `int16`, `uint8` ... `uint64`: the Rust integer of that width.
    Int8,
    Int16,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Number,
    Boolean,
    DateTime,
    /// `format: date`: a calendar date (`2026-01-31`).
    Date,
    /// `format: byte`: bytes sent as base64 text.
    Base64,
    /// `format: binary`: bytes; in JSON, the text of a string.
    Binary,
    /// `format: epoch-millis`: an integer of milliseconds since the Unix epoch, as a time.
    EpochMillis,
    /// Any JSON value.
    Any,
    /// No content (an answer without a body).
    Unit,
    Named(String),
    List(Box<Type>),
    Map(Box<Type>),
    /// Raw bytes, kept exactly: a body of a media type other than JSON, form or text, or an
    /// answer without a schema (`rt::Bytes`; a request body takes `&[u8]`).
    Bytes,
}

impl Type {
    /// Whether the value is a number (the range rules apply to it).
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            Type::Int32
                | Type::Int64
                | Type::Int8
                | Type::Int16
                | Type::UInt8
                | Type::UInt16
                | Type::UInt32
                | Type::UInt64
                | Type::Number
        )
    }

    /// A short, stable description for change reports: `list of string`, `CreateUsersRequest`.
    pub fn describe(&self) -> String {
        match self {
            Type::String => "string".into(),
            Type::Secret => "secret string".into(),
            Type::Int32 => "int32".into(),
            Type::Int64 => "int64".into(),
            Type::Int8 => "int8".into(),
            Type::Int16 => "int16".into(),
            Type::UInt8 => "uint8".into(),
            Type::UInt16 => "uint16".into(),
            Type::UInt32 => "uint32".into(),
            Type::UInt64 => "uint64".into(),
            Type::Number => "number".into(),
            Type::Boolean => "boolean".into(),
            Type::DateTime => "date-time".into(),
            Type::Date => "date".into(),
            Type::Base64 => "base64 bytes".into(),
            Type::Binary => "binary".into(),
            Type::EpochMillis => "epoch-millis".into(),
            Type::Any => "any JSON".into(),
            Type::Unit => "no content".into(),
            Type::Named(n) => n.clone(),
            Type::List(t) => format!("list of {}", t.describe()),
            Type::Map(t) => format!("map of {}", t.describe()),
            Type::Bytes => "raw bytes".into(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Constraints {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unique_items: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<f64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclusive_minimum: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclusive_maximum: bool,
    /// An ECMA-262 regular expression a string must match (checked by `regress` when the
    /// spec is read and before sending).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// `multipleOf`: the number must be a whole number of these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiple_of: Option<f64>,
    /// `minProperties` / `maxProperties` of a map: how many entries it may have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_entries: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_entries: Option<u64>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// `x-requires`: when list `when_field` contains `when_value`, list `then_field` must contain
/// `then_value`. Each side names a field of the struct (Rust name, wire name, whether it is an
/// `Option`), the enum of its items and the variant looked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requires {
    pub when_field: String,
    #[serde(default)]
    pub when_wire: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub when_optional: bool,
    pub when_enum: String,
    pub when_variant: String,
    pub when_value: String,
    pub then_field: String,
    #[serde(default)]
    pub then_wire: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub then_optional: bool,
    pub then_enum: String,
    pub then_variant: String,
    pub then_value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    /// The Rust method name.
    pub name: String,
    /// The Rust name of the call builder the method returns (`ListUsersCall`): never the
    /// name of a type of the service.
    #[serde(default)]
    pub call: String,
    pub operation_id: String,
    pub method: Method,
    /// The path template as written (`/v1/{project_id}/users`), for documentation.
    pub path: String,
    /// The same template, parsed once: literal text and placeholders, each tied to the
    /// parameter that fills it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path_segments: Vec<PathSegment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// The page (and section) the operation was distilled from.
    pub source: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// Whether sending it twice has the effect of sending it once (retry safety).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub idempotent: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<Param>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    /// Statuses that mean success (empty under [`SuccessRule::Any2xx`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub success: Vec<u16>,
    /// Whether `success` lists them all, or every 2xx is one.
    #[serde(default, skip_serializing_if = "SuccessRule::is_listed")]
    pub success_rule: SuccessRule,
    /// What a success returns (after unwrapping an envelope); `Unit` for no body.
    pub response: Type,
    /// A success may come without a body; it then reads as `{}`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub response_body_optional: bool,
    /// How the runtime reads a success answer, from `response` and `response_body_optional`.
    #[serde(default)]
    pub response_body: ResponseBody,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorResponse>,
    /// Successes of different types ([`ResponseBody::ByStatus`]): one arm of the enum
    /// `response` names per success status.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub success_arms: Vec<SuccessArm>,
    /// `x-pagination`: the operation lists a page at a time; its call offers `pages()` and
    /// `items()`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
    /// `x-waiter`: the operation is polled by `wait_for_<name>` until a final state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiter: Option<Waiter>,
    /// `x-and-wait`: the operation starts what a waiter polls; its call offers `and_wait()`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub and_wait: Option<AndWait>,
}

impl Operation {
    /// Whether an answer of this status is a success.
    pub fn is_success(&self, status: u16) -> bool {
        match self.success_rule {
            SuccessRule::Listed => self.success.contains(&status),
            SuccessRule::Any2xx => (200..300).contains(&status),
        }
    }
}

/// How a paged list moves from page to page, resolved against the operation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pagination {
    pub style: PageStyle,
    /// The Rust name of the query parameter that moves (the offset or the page number).
    pub position: String,
    /// Its wire name, for errors.
    pub position_wire: String,
    /// Its type (an integer type).
    pub position_ty: Type,
    /// The Rust name of the query parameter holding the page size.
    pub limit: String,
    /// The page size the service uses when none is sent (the parameter's `default`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_limit: Option<i64>,
    /// The fields from the answer to its list of items.
    pub items: Vec<FieldStep>,
    /// The type of one item.
    pub item_ty: Type,
    /// The fields from the answer to its count of every item; empty when it has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub total: Vec<FieldStep>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PageStyle {
    /// The position is the index of the first item.
    Offset,
    /// The position is the number of the page, the first being `first`.
    Page { first: u64 },
}

/// One step of a path through an answer: a field (Rust name), and whether it is an `Option`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldStep {
    pub field: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}

/// A waiter: the operation polled by id until its answer's state is final.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waiter {
    /// The Rust method on the client (`wait_for_job`).
    pub method: String,
    /// What is waited for, as the spec names it (`job`), for messages.
    pub what: String,
    /// The Rust name of the path parameter holding the id.
    pub id: String,
    /// The fields from the answer to its state (a string or a string enum).
    pub state: Vec<FieldStep>,
    /// The states (wire values) that end the wait with success.
    pub done: Vec<String>,
    /// The states (wire values) that end the wait with an error.
    pub failed: Vec<String>,
}

/// "Send, then wait": the waiter method that follows and the answer field holding its id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AndWait {
    /// The Rust method of the waiter (`wait_for_job`).
    pub waiter: String,
    /// The Rust name of the operation that is polled (`show_job`), for documentation.
    pub polls: String,
    /// What the waiter returns (the polled operation's answer).
    pub answer: Type,
    /// The fields from this operation's answer to the id (a string).
    pub id: Vec<FieldStep>,
    /// The id's wire path as the spec writes it (`job_id`), for the error naming it.
    pub id_wire: String,
}

/// One success status of an operation whose successes differ in type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SuccessArm {
    pub status: u16,
    /// The enum variant: `Status200`.
    pub variant: String,
    /// What the status carries: `Unit` (a variant without data), `Bytes` or a JSON type.
    pub ty: Type,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Param {
    pub name: String,
    pub wire: String,
    pub location: ParamLocation,
    pub ty: Type,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// The value the service assumes when the parameter is not sent, as the spec writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
    /// As [`Field::holds_rules`].
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub holds_rules: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Body {
    pub ty: Type,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// The body's Rust type implements `rt::Validate` (a generated struct or enum, or a list
    /// or map of them, through aliases): it is passed to the validator before sending.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub validated: bool,
    #[serde(default, skip_serializing_if = "is_json")]
    pub media: BodyMedia,
    /// The `Content-Type` sent for a text or bytes body, as the spec writes the media type
    /// (`*/*` and other ranges as `application/octet-stream`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
}

fn is_json(media: &BodyMedia) -> bool {
    *media == BodyMedia::Json
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorResponse {
    /// `400`, `4XX` or `default`.
    pub status: String,
    pub description: String,
    pub ty: Type,
}
