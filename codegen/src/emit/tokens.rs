//! The small token builders every part of the emitter shares: identifiers, doc attributes,
//! string lists, the Rust spelling of an IR type, and how a setter takes a value of one. A leaf: it uses no other emit module.

use crate::ir::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub(super) fn doc_attrs(text: Option<&str>) -> TokenStream {
    let Some(text) = text else {
        return TokenStream::new();
    };
    let lines = text.trim().lines().map(|line| {
        let line = format!(" {}", line.trim_end());
        quote! { #[doc = #line] }
    });
    quote! { #(#lines)* }
}

/// `lower` chose every name through `names`, so each is an identifier; a name that is not
/// one (a generator bug) becomes a name that fails to compile instead of a panic here.
pub(super) fn ident(name: &str) -> syn::Ident {
    if crate::names::is_identifier(name) {
        format_ident!("{}", name)
    } else {
        format_ident!("__not_an_identifier_{}", name.len())
    }
}

pub(super) fn str_list(items: &[String]) -> TokenStream {
    quote! { &[#(#items),*] }
}

pub(super) fn paths(list: &[Vec<String>]) -> TokenStream {
    let items = list.iter().map(|p| str_list(p));
    quote! { &[#(#items),*] }
}

/// The Rust type of a model field or a return value.
pub(super) fn rust_type(ty: &Type) -> TokenStream {
    match ty {
        Type::String => quote! { String },
        Type::Secret => quote! { rt::Secret },
        Type::Int32 => quote! { i32 },
        Type::Int64 => quote! { i64 },
        Type::Int8 => quote! { i8 },
        Type::Int16 => quote! { i16 },
        Type::UInt8 => quote! { u8 },
        Type::UInt16 => quote! { u16 },
        Type::UInt32 => quote! { u32 },
        Type::UInt64 => quote! { u64 },
        Type::Number => quote! { f64 },
        Type::Boolean => quote! { bool },
        Type::DateTime => quote! { rt::DateTime },
        Type::Date => quote! { rt::Date },
        Type::Base64 => quote! { rt::Base64 },
        Type::Binary => quote! { rt::Binary },
        Type::EpochMillis => quote! { rt::Timestamp },
        Type::Any => quote! { rt::Value },
        Type::Unit => quote! { () },
        Type::Named(n) => {
            let n = ident(n);
            quote! { #n }
        }
        Type::List(inner) => {
            let inner = rust_type(inner);
            quote! { Vec<#inner> }
        }
        Type::Map(inner) => {
            let inner = rust_type(inner);
            quote! { std::collections::BTreeMap<String, #inner> }
        }
        Type::Bytes => quote! { rt::Bytes },
    }
}

/// How a constructor or setter takes a value of `ty` named `name`: the argument's type and
/// the expression that makes the held value of it. A list takes any iterable of anything
/// that converts into its items (`["SELECT"]`, a `Vec`, an iterator); every other type
/// takes `impl Into<..>` (`"text"` for a `String`, a `&str` for a `Secret`).
pub(super) fn into_arg(name: &syn::Ident, ty: &Type) -> (TokenStream, TokenStream) {
    match ty {
        Type::List(inner) => {
            let inner = rust_type(inner);
            (
                quote! { impl IntoIterator<Item = impl Into<#inner>> },
                quote! { #name.into_iter().map(Into::into).collect() },
            )
        }
        other => {
            let target = rust_type(other);
            (quote! { impl Into<#target> }, quote! { #name.into() })
        }
    }
}
