//! The client: the `Client` struct and one async method per operation.

use super::checks::emit_value_checks;
use super::profile::operation_const_name;
use super::tokens::{doc_attrs, ident, param_type, rust_type};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn emit_client(service: &Service) -> TokenStream {
    let title = &service.title;
    let client_doc = format!(" A client of {title}. Build one with [`Client::builder`].");
    let methods = service.operations.iter().map(emit_method);
    quote! {
        #[doc = #client_doc]
        ///
        /// Cloning is cheap: clones share one connection pool.
        #[derive(Clone, Debug)]
        pub struct Client {
            runtime: rt::Runtime,
        }

        impl rt::ServiceClient for Client {
            const SERVICE: &'static rt::ServiceProfile = &SERVICE;
            fn from_runtime(runtime: rt::Runtime) -> Self {
                Client { runtime }
            }
        }

        impl Client {
            /// Starts configuring a client: endpoint (or region), credentials, and the values
            /// every path needs (such as the project id).
            pub fn builder() -> rt::ClientBuilder<Client> {
                rt::ClientBuilder::new()
            }

            /// The configuration this client was built with (secrets stay hidden).
            pub fn runtime(&self) -> &rt::Runtime {
                &self.runtime
            }

            #(#methods)*
        }
    }
}

pub(super) fn emit_method(op: &Operation) -> TokenStream {
    let name = ident(&op.name);
    let const_name = operation_const_name(op);
    let mut doc = String::new();
    if let Some(summary) = &op.summary {
        doc.push_str(summary.trim());
        doc.push_str("\n\n");
    }
    if let Some(text) = &op.doc {
        doc.push_str(text.trim());
        doc.push_str("\n\n");
    }
    doc.push_str(&format!(
        "`{} {}` (source: {})",
        op.method, op.path, op.source
    ));
    if !op.errors.is_empty() {
        doc.push_str("\n\nDocumented errors:");
        for e in &op.errors {
            let shape = match &e.ty {
                Type::Unit => String::new(),
                ty => format!(" (body: `{}`)", ty.describe()),
            };
            doc.push_str(&format!(
                "\n- `{}`: {}{shape}",
                e.status,
                e.description.trim()
            ));
        }
    }
    let doc = doc_attrs(Some(&doc));
    let deprecated = if op.deprecated {
        quote! { #[deprecated] }
    } else {
        quote! {}
    };

    let mut args = Vec::new();
    let mut checks = TokenStream::new();
    let mut request_parts = TokenStream::new();
    for p in &op.params {
        let pname = ident(&p.name);
        let wire = &p.wire;
        match p.location {
            ParamLocation::Client => continue,
            ParamLocation::Path => {
                let ty = param_type(&p.ty);
                args.push(quote! { #pname: #ty });
                let value = if matches!(p.ty, Type::String) {
                    quote! { #pname }
                } else {
                    quote! { &#pname }
                };
                checks.extend(emit_value_checks(
                    p.holds_rules,
                    wire,
                    value,
                    &p.ty,
                    &p.constraints,
                    &Constraints::default(),
                ));
            }
            ParamLocation::Query | ParamLocation::Header => {
                let add = if p.location == ParamLocation::Query {
                    quote! { query }
                } else {
                    quote! { header }
                };
                let base = param_type(&p.ty);
                let list = matches!(p.ty, Type::List(_));
                if p.required {
                    args.push(quote! { #pname: #base });
                    let value = if matches!(p.ty, Type::String | Type::List(_)) {
                        quote! { #pname }
                    } else {
                        quote! { &#pname }
                    };
                    checks.extend(emit_value_checks(
                        p.holds_rules,
                        wire,
                        value,
                        &p.ty,
                        &p.constraints,
                        &Constraints::default(),
                    ));
                    if list {
                        request_parts
                            .extend(quote! { for item in #pname { request.#add(#wire, item); } });
                    } else {
                        request_parts.extend(quote! { request.#add(#wire, #pname); });
                    }
                } else {
                    args.push(quote! { #pname: Option<#base> });
                    let value = if matches!(p.ty, Type::String | Type::List(_)) {
                        quote! { value }
                    } else {
                        quote! { &value }
                    };
                    let inner_checks = emit_value_checks(
                        p.holds_rules,
                        wire,
                        value,
                        &p.ty,
                        &p.constraints,
                        &Constraints::default(),
                    );
                    if !inner_checks.is_empty() {
                        checks.extend(quote! { if let Some(value) = #pname { #inner_checks } });
                    }
                    if list {
                        request_parts.extend(quote! { for item in #pname.unwrap_or_default() { request.#add(#wire, item); } });
                    } else {
                        request_parts.extend(
                            quote! { if let Some(value) = #pname { request.#add(#wire, value); } },
                        );
                    }
                }
            }
        }
    }
    let mut body_validation = TokenStream::new();
    if let Some(body) = &op.body {
        let ty = rust_type(&body.ty);
        // Models implement `Validate`; a body of plain values (a map of strings) has no rule.
        let checked = body.validated;
        if body.required {
            args.push(quote! { body: &#ty });
            request_parts.extend(quote! { request.json(body)?; });
            if checked {
                body_validation = quote! { v.body(body); };
            }
        } else {
            args.push(quote! { body: Option<&#ty> });
            request_parts.extend(quote! { if let Some(body) = body { request.json(body)?; } });
            if checked {
                body_validation = quote! { if let Some(body) = body { v.body(body); } };
            }
        }
    }

    // The path: literal pieces and percent-encoded placeholders, joined.
    let pieces: Vec<TokenStream> = op
        .path_segments
        .iter()
        .map(|segment| match segment {
            PathSegment::Literal(text) => quote! { #text },
            PathSegment::Argument(name) => {
                let n = ident(name);
                quote! { &rt::encode(#n) }
            }
            PathSegment::ClientParam(name) => {
                quote! { &rt::encode(self.runtime.client_param(#name)) }
            }
        })
        .collect();

    let validation = if checks.is_empty() && body_validation.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            let mut v = rt::Validator::new();
            #checks
            #body_validation
            v.finish()?;
        }
    };
    let path = match pieces.as_slice() {
        [only] => quote! { String::from(#only) },
        _ => quote! { [#(#pieces),*].concat() },
    };
    let ret = rust_type(&op.response);
    let mutable = if request_parts.is_empty() {
        quote! {}
    } else {
        quote! { mut }
    };
    // One argument per parameter is the point of a typed method, however many there are.
    let many = if args.len() + 1 > 7 {
        quote! { #[allow(clippy::too_many_arguments)] }
    } else {
        quote! {}
    };
    quote! {
        #doc
        #deprecated
        #many
        pub async fn #name(&self, #(#args),*) -> Result<#ret, rt::Error> {
            #validation
            let path = #path;
            let #mutable request = rt::Request::new(&#const_name, path);
            #request_parts
            self.runtime.call(request).await
        }
    }
}
