//! The client: the `Client` struct and one method per operation, which takes the required
//! inputs and returns the operation's call builder (`calls`).

use super::calls::inputs;
use super::docs::operation_doc;
use super::tokens::{doc_attrs, ident};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn emit_client(service: &Service) -> TokenStream {
    let title = &service.title;
    let client_doc = format!(" A client of {title}. Build one with [`Client::builder`].");
    let methods = service
        .operations
        .iter()
        .map(|op| emit_method(&service.module, op));
    let waiters = service.operations.iter().map(super::lifecycle::emit_waiter);
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
            #(#waiters)*
        }
    }
}

/// `fn list_users(&self, instance_id: &'a str) -> ListUsersCall<'a>`: the required inputs
/// become arguments, the optional ones start unset.
pub(super) fn emit_method(module: &str, op: &Operation) -> TokenStream {
    let name = ident(&op.name);
    let call = ident(&op.call);
    let doc = doc_attrs(Some(&operation_doc(module, op)));
    let deprecated = if op.deprecated {
        quote! { #[deprecated] }
    } else {
        quote! {}
    };
    let inputs = inputs(op);
    let mut args = Vec::new();
    let mut values = Vec::new();
    for input in &inputs {
        let (n, ty) = (&input.name, &input.field_ty);
        if input.setter.is_some() {
            values.push(quote! { #n: None });
        } else {
            args.push(quote! { #n: #ty });
            values.push(quote! { #n });
        }
    }
    // One argument per required input is the point of a typed method, however many.
    let many = if args.len() + 1 > 7 {
        quote! { #[allow(clippy::too_many_arguments)] }
    } else {
        quote! {}
    };
    let signature = if op.arguments_borrow() {
        quote! { pub fn #name<'a>(&'a self, #(#args),*) -> #call<'a> }
    } else {
        quote! { pub fn #name(&self, #(#args),*) -> #call<'_> }
    };
    quote! {
        #doc
        #deprecated
        #many
        #signature {
            #call { client: self, #(#values),* }
        }
    }
}
