//! The enum of an operation whose successes differ in type: one variant per success
//! status (`Status200(Thing)`, `Status204`), and the function the runtime calls with the
//! status and body of a success to pick and decode its arm.

use super::tokens::{ident, rust_type};
use crate::ir::*;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

pub(super) fn emit_success_enum(op: &Operation) -> TokenStream {
    let Type::Named(name) = &op.response else {
        return TokenStream::new();
    };
    if op.response_body != ResponseBody::ByStatus {
        return TokenStream::new();
    }
    let name = ident(name);
    let doc = format!(
        " What [`Client::{}`] answers: one variant per success status.",
        op.name
    );
    let variants = op.success_arms.iter().map(|arm| {
        let variant = ident(&arm.variant);
        let doc = format!(" Status {}.", arm.status);
        match &arm.ty {
            Type::Unit => quote! { #[doc = #doc] #variant, },
            ty => {
                let ty = rust_type(ty);
                quote! { #[doc = #doc] #variant(#ty), }
            }
        }
    });
    let reads = op.success_arms.iter().map(|arm| {
        let variant = ident(&arm.variant);
        let status = Literal::u16_unsuffixed(arm.status);
        let read = match &arm.ty {
            Type::Unit => quote! { Ok(Self::#variant) },
            Type::Bytes => quote! { Ok(Self::#variant(body.clone())) },
            _ => quote! { rt::json_of(body).map(Self::#variant) },
        };
        quote! { #status => #read, }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// The arm of a success answer, by its status.
            fn read(status: u16, body: &rt::Bytes) -> Result<Self, String> {
                match status {
                    #(#reads)*
                    other => Err(format!("status {other} is not a documented success")),
                }
            }
        }
    }
}
