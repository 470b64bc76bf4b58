//! How an operation's method takes its inputs: which are arguments (the rest start unset
//! and have setters on the call builder) and which arguments are borrowed from the caller.
//! The emitter prints these decisions; it does not guess them from the types it printed.

use super::{Operation, Param, ParamLocation, PathSegment, Type};

impl Param {
    /// Whether the method takes it as an argument: a required parameter or a path one (a
    /// path always needs its value). A client setting is never an argument.
    pub fn is_argument(&self) -> bool {
        self.location != ParamLocation::Client
            && (self.required || self.location == ParamLocation::Path)
    }
}

impl Type {
    /// Whether an argument of this type is borrowed (`&'a str`, `&'a Model`, `&'a [T]`),
    /// saving a copy, rather than taken by value (numbers, booleans, times).
    pub fn is_borrowed_argument(&self) -> bool {
        matches!(self, Type::String | Type::Named(_) | Type::List(_))
    }
}

impl Operation {
    /// Whether any argument of the method is a borrow: its call builder then lives as
    /// long as the shortest of them and the client (`fn f<'a>(&'a self, ..) -> FCall<'a>`),
    /// not only the client (`-> FCall<'_>`). A required body is always borrowed.
    pub fn arguments_borrow(&self) -> bool {
        let params = self
            .params
            .iter()
            .any(|p| p.is_argument() && p.ty.is_borrowed_argument());
        params || self.body.as_ref().is_some_and(|b| b.required)
    }

    /// Whether building the request reads the client: only for a path's client setting
    /// (the project id); the request of any other operation needs its inputs alone.
    pub fn path_reads_client(&self) -> bool {
        (self.path_segments.iter()).any(|s| matches!(s, PathSegment::ClientParam(_)))
    }
}
