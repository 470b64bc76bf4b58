//! Which statuses mean success, decided in the IR and printed compactly: an operation that
//! documents no 2xx takes its `default` answer as the success (every 2xx), which the
//! generated code spells `rt::DEFAULT_IS_SUCCESS`, not as a hundred statuses.

use codegen::ir::SuccessRule;

const SPEC: &str = r#"openapi: 3.0.3
info: {title: Things, version: '1'}
paths:
  /things:
    post:
      operationId: postThing
      x-source: 'pages/none: post'
      responses:
        '409': {description: Taken.}
        default: {description: 'The success, as no 2xx is documented.'}
    get:
      operationId: listThings
      x-source: 'pages/none: list'
      responses:
        '200': {description: OK}
        '204': {description: Nothing.}
        default: {description: 'An error, beside the 2xx.'}
"#;

#[test]
fn default_without_a_2xx_is_every_2xx_and_printed_as_one_constant() {
    let generated = codegen::generate("things.yaml", SPEC).unwrap_or_else(|e| panic!("{e}"));
    let op = |name: &str| {
        let found = generated.model.operations.iter().find(|o| o.name == name);
        found.unwrap_or_else(|| panic!("operation {name}"))
    };
    let post = op("post_thing");
    assert_eq!(post.success_rule, SuccessRule::Any2xx);
    assert!(post.success.is_empty(), "{:?}", post.success);
    assert!(post.is_success(200) && post.is_success(201) && post.is_success(299));
    assert!(!post.is_success(409) && !post.is_success(302) && !post.is_success(500));
    let list = op("list_things");
    assert_eq!(list.success_rule, SuccessRule::Listed);
    assert_eq!(list.success, [200, 204]);
    assert!(list.is_success(204) && !list.is_success(201));

    let code = generated.code.replace(char::is_whitespace, "");
    assert!(
        code.contains("success:rt::DEFAULT_IS_SUCCESS,"),
        "{}",
        generated.code
    );
    assert!(code.contains("success:&[200,204],"), "{}", generated.code);
    assert!(
        !code.contains("299"),
        "no list of every 2xx: {}",
        generated.code
    );
}
