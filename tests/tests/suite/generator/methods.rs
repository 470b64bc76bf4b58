//! The HTTP methods exist twice: in the generator's model (`codegen::ir::Method`, read from
//! the spec) and in the runtime (`rt::Method`, sent). The generated code names the
//! runtime's variant for the model's; these tests fail when the two tables stop agreeing
//! (a method added to one only, or spelled differently on the wire).

use codegen::ir::Method as Model;
use generated_client::runtime::Method as Runtime;

/// The runtime variant for each model variant. Both matches are exhaustive: a method added
/// to either table alone stops this file from compiling.
fn runtime_of(method: Model) -> Runtime {
    match method {
        Model::Get => Runtime::Get,
        Model::Put => Runtime::Put,
        Model::Post => Runtime::Post,
        Model::Delete => Runtime::Delete,
        Model::Patch => Runtime::Patch,
        Model::Head => Runtime::Head,
        Model::Options => Runtime::Options,
    }
}

fn model_of(method: Runtime) -> Model {
    match method {
        Runtime::Get => Model::Get,
        Runtime::Put => Model::Put,
        Runtime::Post => Model::Post,
        Runtime::Delete => Model::Delete,
        Runtime::Patch => Model::Patch,
        Runtime::Head => Model::Head,
        Runtime::Options => Model::Options,
    }
}

#[test]
fn both_tables_name_the_same_methods_and_send_the_same_text() {
    assert_eq!(Model::ALL.len(), 7);
    for (key, method) in Model::ALL {
        let runtime = runtime_of(method);
        assert_eq!(model_of(runtime), method);
        assert_eq!(runtime.as_str(), method.as_str(), "{key}");
        assert_eq!(key.to_ascii_uppercase(), method.as_str());
    }
}

#[test]
fn the_generated_code_names_the_runtime_variant_of_each_method() {
    let mut spec =
        String::from("openapi: 3.0.3\ninfo: {title: Methods, version: '1'}\npaths:\n  /things:\n");
    for (key, _) in Model::ALL {
        spec.push_str(&format!(
            "    {key}:\n      operationId: {key}Thing\n      x-source: 'pages/none: {key}'\n      \
             responses:\n        '200': {{description: OK}}\n"
        ));
    }
    let generated = codegen::generate("methods.yaml", &spec).unwrap_or_else(|e| panic!("{e}"));
    let code = generated.code.replace(char::is_whitespace, "");
    for (key, method) in Model::ALL {
        let constant = format!(
            "const{}_THING:rt::Operation=rt::Operation{{service:&SERVICE,name:\"{key}_thing\",method:rt::Method::{:?},",
            key.to_ascii_uppercase(),
            runtime_of(method)
        );
        assert!(code.contains(&constant), "{constant}\n{}", generated.code);
    }
}
