//! Call builders: one struct per operation holding a borrow of the client, the required
//! arguments and the optional parameters set so far. Setters fill the optional ones;
//! `send` (or `.await`, through `IntoFuture`) checks the input, builds the `rt::Request`
//! and hands it to the runtime, which does everything else.

use super::checks::emit_value_checks;
use super::profile::operation_const_name;
use super::tokens::{doc_attrs, ident, into_arg, rust_type};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

/// What the builder struct holds for one input of the operation.
pub(super) struct Input<'o> {
    pub(super) name: syn::Ident,
    /// The struct field's type: a borrow with `'a` for a required input, an owned `Option`
    /// for an optional one.
    pub(super) field_ty: TokenStream,
    /// `Some`: an optional input with a setter, which takes this type (`impl Into<..>`).
    pub(super) setter: Option<TokenStream>,
    /// What the setter stores, from its argument.
    pub(super) convert: TokenStream,
    pub(super) param: Option<&'o Param>,
}

/// The inputs of an operation in method order: path and required parameters, the body,
/// then the optional parameters.
pub(super) fn inputs(op: &Operation) -> Vec<Input<'_>> {
    let mut required = Vec::new();
    let mut optional = Vec::new();
    for p in &op.params {
        if p.location == ParamLocation::Client {
            continue;
        }
        let name = ident(&p.name);
        if p.is_argument() {
            required.push(Input {
                name,
                field_ty: borrowed(&p.ty),
                setter: None,
                convert: TokenStream::new(),
                param: Some(p),
            });
        } else {
            let owned = rust_type(&p.ty);
            let (arg, convert) = into_arg(&name, &p.ty);
            optional.push(Input {
                name,
                field_ty: quote! { Option<#owned> },
                setter: Some(arg),
                convert,
                param: Some(p),
            });
        }
    }
    if let Some(body) = &op.body {
        // Text and bytes are borrowed as `&str` and `&[u8]`, a model as `&Model`.
        let ty = match body.media {
            BodyMedia::Text => quote! { str },
            BodyMedia::Bytes => quote! { [u8] },
            _ => rust_type(&body.ty),
        };
        let name = ident("body");
        if body.required {
            required.push(Input {
                name,
                field_ty: quote! { &'a #ty },
                setter: None,
                convert: TokenStream::new(),
                param: None,
            });
        } else {
            // A borrowed body: the setter takes `&'a T`, not `impl Into`.
            optional.push(Input {
                name: name.clone(),
                field_ty: quote! { Option<&'a #ty> },
                setter: Some(quote! { &'a #ty }),
                convert: quote! { #name },
                param: None,
            });
        }
    }
    required.extend(optional);
    required
}

/// The type a required input is held as: borrowed where the IR says so
/// ([`Type::is_borrowed_argument`]).
pub(super) fn borrowed(ty: &Type) -> TokenStream {
    if !ty.is_borrowed_argument() {
        return rust_type(ty);
    }
    match ty {
        Type::String => quote! { &'a str },
        Type::List(inner) => {
            let inner = rust_type(inner);
            quote! { &'a [#inner] }
        }
        other => {
            let t = rust_type(other);
            quote! { &'a #t }
        }
    }
}

pub(super) fn emit_call(op: &Operation) -> TokenStream {
    let call = ident(&op.call);
    let method = &op.name;
    let inputs = inputs(op);
    let doc = format!(
        " The call of [`Client::{method}`]: set the optional parameters, then `.await` it \
         (or call [`send`]({}::send)).",
        op.call
    );
    let fields = inputs.iter().map(|i| {
        let (name, ty) = (&i.name, &i.field_ty);
        quote! { #name: #ty, }
    });
    let setters = inputs.iter().filter_map(emit_setter);
    let names: Vec<&syn::Ident> = inputs.iter().map(|i| &i.name).collect();
    let ret = rust_type(&op.response);
    let request_body = emit_request_body(op);
    let client_field = if op.path_reads_client() {
        quote! { client, }
    } else {
        quote! { client: _, }
    };
    let send = match op.response_body {
        ResponseBody::Bytes => quote! { client.runtime.call_raw(self.request()) },
        ResponseBody::ByStatus => {
            quote! { client.runtime.call_by_status(self.request(), #ret::read) }
        }
        _ => quote! { client.runtime.call(self.request()) },
    };
    let pagination = super::lifecycle::emit_pagination(op);
    let and_wait = super::lifecycle::emit_and_wait(op);
    quote! {
        #[doc = #doc]
        #[must_use = "a call does nothing until it is awaited or sent"]
        #[derive(Clone, Debug)]
        pub struct #call<'a> {
            client: &'a Client,
            #(#fields)*
        }

        impl<'a> #call<'a> {
            #(#setters)*

            /// Checks the input, sends the request and reads the answer.
            pub fn send(self) -> rt::CallFuture<'a, #ret> {
                let client = self.client;
                #send
            }

            /// The request this call sends, once its input is checked.
            fn request(self) -> Result<rt::Request, rt::Error> {
                let Self { #client_field #(#names),* } = self;
                #request_body
            }

            #pagination
            #and_wait
        }

        impl<'a> std::future::IntoFuture for #call<'a> {
            type Output = Result<#ret, rt::Error>;
            type IntoFuture = rt::CallFuture<'a, #ret>;
            fn into_future(self) -> Self::IntoFuture {
                self.send()
            }
        }
    }
}

fn emit_setter(input: &Input) -> Option<TokenStream> {
    let target = input.setter.as_ref()?;
    let name = &input.name;
    let doc = match input.param {
        Some(p) => doc_attrs(Some(&super::docs::param_doc(p))),
        None => quote! { #[doc = " The request body."] },
    };
    let convert = &input.convert;
    Some(quote! {
        #doc
        pub fn #name(mut self, #name: #target) -> Self {
            self.#name = Some(#convert);
            self
        }
    })
}

/// The body of `request`: every input is a local of the name of its parameter, optional
/// ones borrowed (`Option<&str>`) so that each is checked and then sent without a copy.
fn emit_request_body(op: &Operation) -> TokenStream {
    let const_name = operation_const_name(op);
    let mut borrows = TokenStream::new();
    let mut checks = TokenStream::new();
    let mut request_parts = TokenStream::new();
    for p in &op.params {
        let pname = ident(&p.name);
        let wire = &p.wire;
        // An optional text or list is held as `Option<&str>` / `Option<&[T]>` (`as_deref`).
        let by_ref = matches!(p.ty, Type::String | Type::List(_));
        // The checks take a reference: a borrowed argument already is one.
        let value_of = |held: TokenStream| {
            if p.ty.is_borrowed_argument() {
                held
            } else {
                quote! { &#held }
            }
        };
        // The parameter's own rules, checked on `value` (the argument, or what an option holds).
        let rules_on = |value: TokenStream| {
            emit_value_checks(
                p.holds_rules,
                wire,
                value_of(value),
                &p.ty,
                &p.constraints,
                &Constraints::default(),
            )
        };
        match p.location {
            ParamLocation::Client => continue,
            ParamLocation::Path => checks.extend(rules_on(quote! { #pname })),
            ParamLocation::Query | ParamLocation::Header => {
                let list = matches!(p.ty, Type::List(_));
                if p.required {
                    checks.extend(rules_on(quote! { #pname }));
                    request_parts.extend(send_param(p, quote! { #pname }));
                } else {
                    if by_ref {
                        borrows.extend(quote! { let #pname = #pname.as_deref(); });
                    } else if matches!(p.ty, Type::Named(_)) {
                        borrows.extend(quote! { let #pname = #pname.as_ref(); });
                    }
                    let inner_checks = rules_on(quote! { value });
                    if !inner_checks.is_empty() {
                        checks.extend(quote! { if let Some(value) = #pname { #inner_checks } });
                    }
                    if list && p.location == ParamLocation::Query {
                        let send = send_param(p, quote! { #pname.unwrap_or_default() });
                        request_parts.extend(send);
                    } else {
                        let send = send_param(p, quote! { value });
                        request_parts.extend(quote! { if let Some(value) = #pname { #send } });
                    }
                }
            }
        }
    }
    let mut body_validation = TokenStream::new();
    if let Some(body) = &op.body {
        // Models implement `Validate`; a body of plain values (a map of strings) has no rule.
        let checked = body.validated;
        let content_type = body.content_type.as_deref().unwrap_or_default();
        let encode = match body.media {
            BodyMedia::Json => quote! { request.json(body)?; },
            BodyMedia::Form => quote! { request.form(body)?; },
            BodyMedia::Multipart => quote! { request.multipart(body)?; },
            BodyMedia::Text => quote! { request.bytes(body.as_bytes(), #content_type); },
            BodyMedia::Bytes => quote! { request.bytes(body, #content_type); },
        };
        if body.required {
            request_parts.extend(encode);
            if checked {
                body_validation = quote! { v.body(body); };
            }
        } else {
            request_parts.extend(quote! { if let Some(body) = body { #encode } });
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
                match op.params.iter().find(|p| &p.name == name).map(|p| &p.ty) {
                    // OpenAPI's `simple` style: the items encoded one by one, joined by `,`.
                    Some(Type::List(item)) => {
                        let items = list_texts(item, quote! { #n });
                        quote! { &rt::encode_list(#items) }
                    }
                    Some(ty) => {
                        let text = param_text(ty, quote! { &#n });
                        if *ty == Type::DateTime {
                            quote! { &rt::encode(#text) }
                        } else {
                            quote! { &rt::encode(#n) }
                        }
                    }
                    None => quote! { &rt::encode(#n) },
                }
            }
            PathSegment::ClientParam(name) => {
                quote! { &rt::encode(client.runtime.client_param(#name)) }
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
    let mutable = if request_parts.is_empty() {
        quote! {}
    } else {
        quote! { mut }
    };
    quote! {
        #borrows
        #validation
        let path = #path;
        let #mutable request = rt::Request::new(&#const_name, path);
        #request_parts
        Ok(request)
    }
}

/// How a value of `ty` held in `value` (a reference to it, for a date-time) is written as
/// text: a date-time in RFC 3339, anything else as it displays.
fn param_text(ty: &Type, value: TokenStream) -> TokenStream {
    if *ty == Type::DateTime {
        quote! { rt::Rfc3339(#value) }
    } else {
        value
    }
}

/// The items of a list held in `list`, each as [`param_text`] writes it.
fn list_texts(item: &Type, list: TokenStream) -> TokenStream {
    if *item == Type::DateTime {
        quote! { #list.iter().map(rt::Rfc3339) }
    } else {
        quote! { #list.iter() }
    }
}

/// Adds a query or header parameter held in `value` to `request`: a list in a query as the
/// name repeated (`form` style), in a header as one value joined by `,` (`simple` style).
fn send_param(p: &Param, value: TokenStream) -> TokenStream {
    let wire = &p.wire;
    let header = p.location == ParamLocation::Header;
    match (&p.ty, header) {
        (Type::List(item), false) => {
            let text = param_text(item, quote! { item });
            quote! { for item in #value { request.query(#wire, #text); } }
        }
        (Type::List(item), true) => {
            let items = list_texts(item, value);
            quote! { request.header(#wire, rt::join_list(#items)); }
        }
        (ty, header) => {
            let text = if *ty == Type::DateTime {
                param_text(ty, quote! { &#value })
            } else {
                value
            };
            if header {
                quote! { request.header(#wire, #text); }
            } else {
                quote! { request.query(#wire, #text); }
            }
        }
    }
}
