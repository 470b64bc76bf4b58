//! Validation: the calls on `rt::Validator` for the rules of a struct's fields, its
//! `x-requires` rules and `minProperties`, and for a method's parameters.

use super::tokens::ident;
use crate::ir::*;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// Calls on the validator `v` for one value at `path` (a field name) held in `value`.
///
/// `nested`: the named type the value holds has rules of its own (`holds_rules` in the IR),
/// so the value is checked through `validate`.
pub(super) fn emit_value_checks(
    nested: bool,
    path: &str,
    value: TokenStream,
    ty: &Type,
    c: &Constraints,
    items: &Constraints,
) -> TokenStream {
    let mut out = TokenStream::new();
    match ty {
        Type::String => out.extend(length_check(path, quote! { #value }, c)),
        Type::Secret => {
            // `expose()` borrows by itself: `&self.password.expose()` would borrow twice.
            let secret = without_borrow(&value);
            out.extend(length_check(path, quote! { #secret.expose() }, c))
        }
        ty if ty.is_numeric() => {
            let number = deref(&value);
            if c.minimum.is_some() || c.maximum.is_some() {
                let (min, max) = (opt_f64(c.minimum), opt_f64(c.maximum));
                let (emin, emax) = (c.exclusive_minimum, c.exclusive_maximum);
                out.extend(quote! { v.range(#path, #number as f64, #min, #max, #emin, #emax); });
            }
            if let Some(step) = c.multiple_of {
                let step = Literal::f64_suffixed(step);
                // An `f64` is passed as it is (clippy refuses a cast to the same type).
                let number = if matches!(ty, Type::Number) {
                    number
                } else {
                    quote! { #number as f64 }
                };
                out.extend(quote! { v.multiple_of(#path, #number, #step); });
            }
        }
        Type::List(inner) => {
            if c.min_items.is_some() || c.max_items.is_some() || c.unique_items {
                let (min, max) = (opt_u64(c.min_items), opt_u64(c.max_items));
                let unique = c.unique_items;
                out.extend(quote! { v.items(#path, #value, #min, #max, #unique); });
            }
            if nested {
                // Models check themselves; the list names each item `field[i]`.
                out.extend(quote! { v.nested(#path, #value); });
            } else {
                let each = emit_value_checks(
                    nested,
                    "",
                    quote! { item },
                    inner,
                    items,
                    &Constraints::default(),
                );
                if !each.is_empty() {
                    out.extend(quote! { v.each(#path, #value, |v, item| { #each }); });
                }
            }
        }
        Type::Named(_) if nested => out.extend(quote! { v.nested(#path, #value); }),
        Type::Map(inner) => {
            if c.min_entries.is_some() || c.max_entries.is_some() {
                let (min, max) = (opt_u64(c.min_entries), opt_u64(c.max_entries));
                out.extend(quote! { v.entries(#path, #value.len(), #min, #max); });
            }
            if nested && matches!(inner.as_ref(), Type::Named(_)) {
                out.extend(quote! { v.nested(#path, #value); })
            }
        }
        _ => {}
    }
    out
}

/// The value behind a reference expression: `&x` → `x`, `value` → `*value`, without the
/// `*&x` that clippy refuses in generated code.
pub(super) fn deref(value: &TokenStream) -> TokenStream {
    let mut tokens = value.clone().into_iter();
    match tokens.next() {
        Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == '&' => tokens.collect(),
        _ => quote! { *#value },
    }
}

/// `value` without a leading `&`, for a method call that borrows by itself.
fn without_borrow(value: &TokenStream) -> TokenStream {
    let mut tokens = value.clone().into_iter();
    match tokens.next() {
        Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == '&' => tokens.collect(),
        _ => value.clone(),
    }
}

pub(super) fn length_check(path: &str, value: TokenStream, c: &Constraints) -> TokenStream {
    let mut out = TokenStream::new();
    if c.min_length.is_some() || c.max_length.is_some() {
        let (min, max) = (opt_u64(c.min_length), opt_u64(c.max_length));
        out.extend(quote! { v.length(#path, #value, #min, #max); });
    }
    if let Some(pattern) = &c.pattern {
        out.extend(quote! { v.pattern(#path, #value, #pattern); });
    }
    out
}

pub(super) fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(v) => {
            let lit = Literal::u64_unsuffixed(v);
            quote! { Some(#lit) }
        }
        None => quote! { None },
    }
}

pub(super) fn opt_f64(v: Option<f64>) -> TokenStream {
    match v {
        Some(v) => {
            let lit = Literal::f64_suffixed(v);
            quote! { Some(#lit) }
        }
        None => quote! { None },
    }
}

pub(super) fn emit_checks(
    fields: &[Field],
    min_properties: Option<u64>,
    max_properties: Option<u64>,
    requires: &[Requires],
) -> TokenStream {
    let mut out = TokenStream::new();
    for field in fields {
        let name = ident(&field.name);
        let wire = &field.wire;
        if field.optional() {
            let checks = emit_value_checks(
                field.holds_rules,
                wire,
                quote! { value },
                &field.ty,
                &field.constraints,
                &field.item_constraints,
            );
            if !checks.is_empty() {
                let value = if field.boxed {
                    quote! { self.#name.as_deref() }
                } else {
                    quote! { &self.#name }
                };
                out.extend(quote! { if let Some(value) = #value { #checks } });
            }
        } else {
            let value = if field.boxed {
                quote! { &*self.#name }
            } else {
                quote! { &self.#name }
            };
            out.extend(emit_value_checks(
                field.holds_rules,
                wire,
                value,
                &field.ty,
                &field.constraints,
                &field.item_constraints,
            ));
        }
    }
    for r in requires {
        let (when_field, then_field) = (ident(&r.when_field), ident(&r.then_field));
        let (when_enum, then_enum) = (ident(&r.when_enum), ident(&r.then_enum));
        let (when_variant, then_variant) = (ident(&r.when_variant), ident(&r.then_variant));
        let (when_wire, then_wire) = (&r.when_wire, &r.then_wire);
        let (when_value, then_value) = (&r.when_value, &r.then_value);
        let has = |field: &syn::Ident, optional: bool, e: &syn::Ident, variant: &syn::Ident| {
            if optional {
                quote! { self.#field.as_ref().is_some_and(|list| list.contains(&#e::#variant)) }
            } else {
                quote! { self.#field.contains(&#e::#variant) }
            }
        };
        let when_has = has(&when_field, r.when_optional, &when_enum, &when_variant);
        let then_has = has(&then_field, r.then_optional, &then_enum, &then_variant);
        out.extend(quote! {
            v.requires(#when_wire, #when_value, #when_has, #then_wire, #then_value, #then_has);
        });
    }
    let present = || {
        fields.iter().filter(|f| !f.flatten).map(|f| {
            let (name, wire) = (ident(&f.name), &f.wire);
            if f.optional() {
                quote! { (#wire, self.#name.is_some()) }
            } else {
                quote! { (#wire, true) }
            }
        })
    };
    // The members of a flattened map count as properties too.
    let extra = match fields.iter().find(|f| f.flatten) {
        Some(f) => {
            let name = ident(&f.name);
            quote! { self.#name.len() }
        }
        None => quote! { 0 },
    };
    if let Some(min) = min_properties {
        let lit = Literal::u64_unsuffixed(min);
        let present = present();
        if fields.iter().any(|f| f.flatten) {
            out.extend(quote! { v.min_members(#lit, &[#(#present),*], #extra); });
        } else {
            out.extend(quote! { v.min_properties(#lit, &[#(#present),*]); });
        }
    }
    if let Some(max) = max_properties {
        let lit = Literal::u64_unsuffixed(max);
        let present = present();
        out.extend(quote! { v.max_properties(#lit, &[#(#present),*], #extra); });
    }
    out
}
