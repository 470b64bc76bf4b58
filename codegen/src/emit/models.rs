//! Models: a struct, an enum or an alias per IR type, with their serde attributes.

use super::checks::emit_checks;
use super::constructors::{emit_enum_conversions, emit_struct_constructors};
use super::tokens::{doc_attrs, ident, rust_type};
use super::unions::{emit_int_enum, emit_union};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn emit_type(t: &TypeDef) -> TokenStream {
    let doc = doc_attrs(t.doc.as_deref());
    let name = ident(&t.name);
    match &t.kind {
        TypeKind::Struct {
            fields,
            min_properties,
            requires,
            max_properties,
        } => {
            let all_optional = fields.iter().all(|f| f.optional() || f.flatten);
            let default = if all_optional {
                quote! { Default, }
            } else {
                quote! {}
            };
            let field_defs = fields.iter().map(emit_field);
            let constructors = emit_struct_constructors(&name, fields);
            let checks = emit_checks(fields, *min_properties, *max_properties, requires);
            let validate = if checks.is_empty() {
                quote! { impl rt::Validate for #name {} }
            } else {
                quote! {
                    impl rt::Validate for #name {
                        fn check(&self, v: &mut rt::Validator) {
                            #checks
                        }
                    }
                }
            };
            quote! {
                #doc
                #[derive(Clone, Debug, #default PartialEq, serde::Serialize, serde::Deserialize)]
                pub struct #name {
                    #(#field_defs)*
                }

                #constructors
                #validate
            }
        }
        TypeKind::Enum { variants } => {
            let defs = variants.iter().map(|v| {
                let doc_wire = format!(" `{}` on the wire.", v.wire);
                let vname = ident(&v.name);
                quote! { #[doc = #doc_wire] #vname, }
            });
            let arms = variants.iter().map(|v| {
                let (vname, wire) = (ident(&v.name), &v.wire);
                quote! { Self::#vname => #wire, }
            });
            let conversions = emit_enum_conversions(&name, variants);
            quote! {
                #doc
                #[derive(Clone, Debug, PartialEq, Eq, Hash)]
                #[non_exhaustive]
                pub enum #name {
                    #(#defs)*
                    /// A value this version of the client does not know; kept as sent.
                    Unknown(String),
                }

                // By hand, not derived: the value as text both ways (see `rt::text_enum`).
                impl serde::Serialize for #name {
                    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        serializer.serialize_str(self.as_str())
                    }
                }

                impl<'de> serde::Deserialize<'de> for #name {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        rt::text_enum::deserialize(deserializer)
                    }
                }

                impl #name {
                    /// The value as it is on the wire.
                    pub fn as_str(&self) -> &str {
                        match self {
                            #(#arms)*
                            Self::Unknown(value) => value,
                        }
                    }
                }

                impl std::fmt::Display for #name {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }

                #conversions

                impl rt::Validate for #name {}
            }
        }
        TypeKind::Union {
            arms,
            tag,
            text,
            arms_alike,
        } => emit_union(t, arms, tag.as_deref(), *text, *arms_alike),
        TypeKind::IntEnum { variants } => emit_int_enum(t, variants),
        TypeKind::Alias { ty } => {
            let ty = rust_type(ty);
            quote! {
                #doc
                pub type #name = #ty;
            }
        }
    }
}

pub(super) fn emit_field(field: &Field) -> TokenStream {
    let mut doc_text = field.doc.clone().unwrap_or_default();
    if let Some(default) = &field.default {
        if !doc_text.is_empty() {
            doc_text.push_str("\n\n");
        }
        doc_text.push_str(&format!(
            "Default (what the service assumes when unset): `{default}`."
        ));
    }
    if !field.constraints.is_empty() {
        let rules = describe_constraints(&field.constraints);
        if !rules.is_empty() {
            if !doc_text.is_empty() {
                doc_text.push_str("\n\n");
            }
            doc_text.push_str(&format!("Checked before sending: {rules}."));
        }
    }
    let doc = doc_attrs((!doc_text.is_empty()).then_some(doc_text.as_str()));
    let name = ident(&field.name);
    if field.flatten {
        let (name, ty) = (ident(&field.name), rust_type(&field.ty));
        return quote! {
            #doc
            #[serde(flatten)]
            pub #name: #ty,
        };
    }
    let rename = if field.name != field.wire {
        let wire = &field.wire;
        quote! { #[serde(rename = #wire)] }
    } else {
        quote! {}
    };
    let deprecated = if field.deprecated {
        quote! { #[deprecated] }
    } else {
        quote! {}
    };
    let inner = rust_type(&field.ty);
    let inner = if field.boxed {
        quote! { Box<#inner> }
    } else {
        inner
    };
    let (ty, serde_attr) = match (field.required, field.nullable) {
        (true, false) => (inner, quote! {}),
        (true, true) => (quote! { Option<#inner> }, quote! { #[serde(default)] }),
        (false, _) => (
            quote! { Option<#inner> },
            quote! { #[serde(default, skip_serializing_if = "Option::is_none")] },
        ),
    };
    quote! {
        #doc
        #rename
        #serde_attr
        #deprecated
        pub #name: #ty,
    }
}

pub(super) fn describe_constraints(c: &Constraints) -> String {
    let mut rules = Vec::new();
    match (c.min_length, c.max_length) {
        (Some(a), Some(b)) if a == b => rules.push(format!("exactly {a} characters")),
        (Some(a), Some(b)) => rules.push(format!("{a} to {b} characters")),
        (Some(a), None) => rules.push(format!("at least {a} characters")),
        (None, Some(b)) => rules.push(format!("at most {b} characters")),
        (None, None) => {}
    }
    match (c.min_items, c.max_items) {
        (Some(a), Some(b)) => rules.push(format!("{a} to {b} items")),
        (Some(a), None) => rules.push(format!(
            "at least {a} item{}",
            if a == 1 { "" } else { "s" }
        )),
        (None, Some(b)) => rules.push(format!("at most {b} items")),
        (None, None) => {}
    }
    if c.unique_items {
        rules.push("no duplicates".into());
    }
    if let Some(m) = c.minimum {
        rules.push(format!(
            "{} {m}",
            if c.exclusive_minimum {
                "above"
            } else {
                "at least"
            }
        ));
    }
    if let Some(m) = c.maximum {
        rules.push(format!(
            "{} {m}",
            if c.exclusive_maximum {
                "below"
            } else {
                "at most"
            }
        ));
    }
    if let Some(pattern) = &c.pattern {
        rules.push(format!("matching `{pattern}`"));
    }
    if let Some(step) = c.multiple_of {
        rules.push(format!("a multiple of {step}"));
    }
    match (c.min_entries, c.max_entries) {
        (Some(a), Some(b)) => rules.push(format!("{a} to {b} entries")),
        (Some(a), None) => rules.push(format!("at least {a} entries")),
        (None, Some(b)) => rules.push(format!("at most {b} entries")),
        (None, None) => {}
    }
    rules.join(", ")
}
