//! The constants the runtime reads: the service profile (authentication, conventions, error
//! shapes) and one `rt::Operation` per operation.

use super::tokens::{ident, paths, str_list};
use crate::ir::*;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

pub(super) fn emit_profile(service: &Service) -> TokenStream {
    let name = &service.module;
    let title = &service.title;
    let client_params: Vec<String> = service
        .client_params
        .iter()
        .map(|c| c.name.clone())
        .collect();
    let client_params = str_list(&client_params);
    let auth = service.auth.iter().map(|a| match a {
        Auth::Token { header } => quote! { rt::AuthScheme::Token { header: #header } },
        Auth::HuaweiAkSk => quote! { rt::AuthScheme::HuaweiAkSk },
        Auth::Basic => quote! { rt::AuthScheme::Basic },
        Auth::OcpAccessKey => quote! { rt::AuthScheme::OcpAccessKey },
        Auth::Bearer => quote! { rt::AuthScheme::Bearer },
        Auth::QueryKey { name } => quote! { rt::AuthScheme::QueryKey { name: #name } },
    });
    let code = paths(&service.error_fields.code);
    let message = paths(&service.error_fields.message);
    let request_id = paths(&service.error_fields.request_id);
    let envelope = match &service.envelope {
        Some(e) => {
            let (data, success) = (&e.data, &e.success);
            let trace_id = option_str(e.trace_id.as_deref());
            quote! { Some(rt::Envelope { data: #data, success: #success, trace_id: #trace_id }) }
        }
        None => quote! { None },
    };
    let body_error = match &service.body_error {
        Some(b) => {
            let code = &b.code;
            let success = b.success.to_string();
            let message = option_str(b.message.as_deref());
            quote! { Some(rt::BodyError { code: #code, success: #success, message: #message }) }
        }
        None => quote! { None },
    };
    let retryable = service.retryable_errors.iter().map(|r| {
        let (status, code) = (Literal::u16_unsuffixed(r.status), &r.code);
        quote! { rt::RetryableError { status: #status, code: #code } }
    });
    quote! {
        /// How this service is reached and how it answers: authentication, conventions, error shapes.
        pub const SERVICE: rt::ServiceProfile = rt::ServiceProfile {
            name: #name,
            title: #title,
            client_params: #client_params,
            auth: &[#(#auth),*],
            error_fields: rt::ErrorFields { code: #code, message: #message, request_id: #request_id },
            envelope: #envelope,
            body_error: #body_error,
            retryable_errors: &[#(#retryable),*],
        };
    }
}

pub(super) fn option_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(v) => quote! { Some(#v) },
        None => quote! { None },
    }
}

pub(super) fn operation_const_name(op: &Operation) -> syn::Ident {
    ident(&op.name.to_ascii_uppercase())
}

pub(super) fn emit_operation_const(op: &Operation) -> TokenStream {
    let const_name = operation_const_name(op);
    let (name, path) = (&op.name, &op.path);
    let method = match op.method {
        Method::Get => quote! { Get },
        Method::Put => quote! { Put },
        Method::Post => quote! { Post },
        Method::Delete => quote! { Delete },
        Method::Patch => quote! { Patch },
        Method::Head => quote! { Head },
        Method::Options => quote! { Options },
    };
    let idempotent = op.idempotent;
    let success = match op.success_rule {
        SuccessRule::Listed => {
            let listed = op.success.iter().map(|s| Literal::u16_unsuffixed(*s));
            quote! { &[#(#listed),*] }
        }
        SuccessRule::Any2xx => quote! { rt::DEFAULT_IS_SUCCESS },
    };
    let response = match op.response_body {
        ResponseBody::None => quote! { rt::ResponseBody::None },
        ResponseBody::JsonOrEmpty => quote! { rt::ResponseBody::JsonOrEmpty },
        ResponseBody::Json => quote! { rt::ResponseBody::Json },
        ResponseBody::Bytes => quote! { rt::ResponseBody::Bytes },
        ResponseBody::ByStatus => quote! { rt::ResponseBody::ByStatus },
    };
    quote! {
        const #const_name: rt::Operation = rt::Operation {
            service: &SERVICE,
            name: #name,
            method: rt::Method::#method,
            path: #path,
            idempotent: #idempotent,
            success: #success,
            response: #response,
        };
    }
}
