//! Constructors of models: `new(required...)` with the required fields, and one chained
//! `with_<field>` setter per optional field; `From<&str>`/`FromStr` for enums. Every value
//! is taken as `impl Into<..>`, so `"text"` works where a `String` is held.

use super::tokens::{ident, into_arg};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub(super) fn emit_struct_constructors(name: &syn::Ident, fields: &[Field]) -> TokenStream {
    let mut args = Vec::new();
    let mut values = Vec::new();
    let mut setters = Vec::new();
    for field in fields {
        let fname = ident(&field.name);
        if field.flatten {
            // The open members start empty; one setter adds a member.
            values.push(quote! { #fname: Default::default() });
            if let Type::Map(inner) = &field.ty {
                let inner = super::tokens::rust_type(inner);
                setters.push(quote! {
                    /// Adds a member the spec does not name (`additionalProperties`).
                    pub fn with_member(mut self, key: impl Into<String>, value: impl Into<#inner>) -> Self {
                        self.#fname.insert(key.into(), value.into());
                        self
                    }
                });
            }
            continue;
        }
        let (arg, value) = into_arg(&fname, &field.ty);
        let held = if field.boxed {
            quote! { Box::new(#value) }
        } else {
            value
        };
        if field.optional() {
            values.push(quote! { #fname: None });
            // `type_` → `with_type`, `_2fa` → `with_2fa`: the `_` only kept the field name
            // an identifier, which `with_` already makes it.
            let setter = format_ident!("with_{}", field.name.trim_matches('_'));
            let doc = format!(" Sets `{}`.", field.wire);
            let deprecated = if field.deprecated {
                quote! { #[deprecated] }
            } else {
                quote! {}
            };
            setters.push(quote! {
                #[doc = #doc]
                #deprecated
                pub fn #setter(mut self, #fname: #arg) -> Self {
                    self.#fname = Some(#held);
                    self
                }
            });
        } else {
            args.push(quote! { #fname: #arg });
            values.push(quote! { #fname: #held });
        }
    }
    let many = if args.len() > 7 {
        quote! { #[allow(clippy::too_many_arguments)] }
    } else {
        quote! {}
    };
    let new_doc = if args.is_empty() {
        " A value with every field unset."
    } else {
        " A value with the required fields; the optional ones start unset."
    };
    quote! {
        // The constructor names every field, deprecated ones too.
        #[allow(deprecated)]
        impl #name {
            #[doc = #new_doc]
            #many
            pub fn new(#(#args),*) -> Self {
                Self { #(#values),* }
            }

            #(#setters)*
        }
    }
}

pub(super) fn emit_enum_conversions(name: &syn::Ident, variants: &[Variant]) -> TokenStream {
    let arms = variants.iter().map(|v| {
        let (vname, wire) = (ident(&v.name), &v.wire);
        quote! { #wire => Self::#vname, }
    });
    quote! {
        impl From<&str> for #name {
            /// The variant of this wire value; a value this client does not know is `Unknown`.
            fn from(value: &str) -> Self {
                match value {
                    #(#arms)*
                    other => Self::Unknown(other.to_string()),
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;
            /// As `From<&str>`: never fails, unknown text becomes `Unknown`.
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }
    }
}
