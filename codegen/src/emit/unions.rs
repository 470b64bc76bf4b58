//! Unions (`oneOf` / `anyOf`) and integer enums: Rust enums with the serde code that reads
//! and writes them. A tagged union reads its discriminator through `rt::tagged`; an
//! untagged one is serde's `untagged` (the first arm that reads the value wins).

use super::tokens::{doc_attrs, ident, rust_type};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn emit_union(
    t: &TypeDef,
    arms: &[Arm],
    tag: Option<&str>,
    text: bool,
    arms_alike: bool,
) -> TokenStream {
    let doc = doc_attrs(t.doc.as_deref());
    let name = ident(&t.name);
    let defs = arms.iter().map(|a| {
        let (vname, ty) = (ident(&a.name), rust_type(&a.ty));
        let doc = format!(" A value of {}.", a.ty.describe());
        quote! { #[doc = #doc] #vname(#ty), }
    });
    let serde_code = match tag {
        Some(property) => tagged_serde(&name, arms, property),
        None => TokenStream::new(),
    };
    let (derives, attrs) = if tag.is_some() {
        (quote! { Clone, Debug, PartialEq }, quote! {})
    } else {
        (
            quote! { Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize },
            quote! { #[serde(untagged)] },
        )
    };
    // One `if let` per arm with rules (a `match` with a `_` arm is clippy's `single_match`).
    let checks = arms.iter().filter(|a| a.holds_rules).map(|a| {
        let vname = ident(&a.name);
        quote! { if let Self::#vname(value) = self { rt::Validate::check(value, v); } }
    });
    let validate = if arms.iter().any(|a| a.holds_rules) {
        quote! {
            impl rt::Validate for #name {
                fn check(&self, v: &mut rt::Validator) {
                    #(#checks)*
                }
            }
        }
    } else {
        quote! { impl rt::Validate for #name {} }
    };
    // `From` each arm's type, when no two arms hold the same type (decided in the IR).
    let conversions = arms.iter().filter(|_| !arms_alike).map(|a| {
        let (vname, ty) = (ident(&a.name), rust_type(&a.ty));
        quote! {
            impl From<#ty> for #name {
                fn from(value: #ty) -> Self {
                    Self::#vname(value)
                }
            }
        }
    });
    // A parameter holds it: sent as the text of its arm's value.
    let display = if text {
        let writes = arms.iter().map(|a| {
            let vname = ident(&a.name);
            quote! { Self::#vname(value) => std::fmt::Display::fmt(value, f), }
        });
        quote! {
            impl std::fmt::Display for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    match self {
                        #(#writes)*
                    }
                }
            }
        }
    } else {
        TokenStream::new()
    };
    quote! {
        #doc
        #[derive(#derives)]
        #attrs
        pub enum #name {
            #(#defs)*
        }

        #serde_code
        #(#conversions)*
        #validate
        #display
    }
}

/// Serialize and Deserialize of a union whose arm is named by `property`.
fn tagged_serde(name: &syn::Ident, arms: &[Arm], property: &str) -> TokenStream {
    let writes = arms.iter().map(|a| {
        let vname = ident(&a.name);
        let tags = &a.tags;
        quote! { Self::#vname(value) => rt::tagged::serialize(serializer, #property, &[#(#tags),*], value), }
    });
    let reads = arms.iter().filter(|a| !a.tags.is_empty()).map(|a| {
        let vname = ident(&a.name);
        let tags = &a.tags;
        quote! { #(#tags)|* => rt::tagged::arm(value).map(Self::#vname), }
    });
    let known: Vec<&String> = arms.iter().flat_map(|a| &a.tags).collect();
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#writes)*
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let (tag, value) = rt::tagged::read(deserializer, #property)?;
                match tag.as_str() {
                    #(#reads)*
                    other => Err(rt::tagged::unknown(#property, other, &[#(#known),*])),
                }
            }
        }
    }
}

pub(super) fn emit_int_enum(t: &TypeDef, variants: &[IntVariant]) -> TokenStream {
    let doc = doc_attrs(t.doc.as_deref());
    let name = ident(&t.name);
    let defs = variants.iter().map(|v| {
        let vname = ident(&v.name);
        let doc = format!(" `{}`", v.value);
        quote! { #[doc = #doc] #vname, }
    });
    let values = variants.iter().map(|v| {
        let (vname, value) = (ident(&v.name), v.value);
        quote! { Self::#vname => #value, }
    });
    let froms = variants.iter().map(|v| {
        let (vname, value) = (ident(&v.name), v.value);
        quote! { #value => Self::#vname, }
    });
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#defs)*
            /// A value this version of the client does not know; kept as sent.
            Unknown(i64),
        }

        impl #name {
            /// The value as it is on the wire.
            pub fn value(&self) -> i64 {
                match self {
                    #(#values)*
                    Self::Unknown(value) => *value,
                }
            }
        }

        impl From<i64> for #name {
            /// The variant of this wire value; a value this client does not know is `Unknown`.
            fn from(value: i64) -> Self {
                match value {
                    #(#froms)*
                    other => Self::Unknown(other),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.value())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <i64 as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }

        impl rt::Validate for #name {}
    }
}
