//! Whether a method's call builder borrows its arguments is the IR's decision
//! (`Operation::arguments_borrow`), and the signature printed follows it.

const SPEC: &str = r#"openapi: 3.0.3
info: {title: Things, version: '1'}
paths:
  /things/{id}:
    get:
      operationId: getThing
      x-source: 'pages/none: get'
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
        - {name: name, in: query, schema: {type: string}}
      responses:
        '200': {description: OK}
    put:
      operationId: nameThing
      x-source: 'pages/none: put'
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
        - {name: name, in: query, required: true, schema: {type: string}}
      responses:
        '200': {description: OK}
    post:
      operationId: postThing
      x-source: 'pages/none: post'
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      requestBody:
        required: true
        content:
          text/plain:
            schema: {type: string}
      responses:
        '200': {description: OK}
"#;

#[test]
fn only_borrowed_arguments_give_the_method_a_lifetime() {
    let generated = codegen::generate("things.yaml", SPEC).unwrap_or_else(|e| panic!("{e}"));
    let borrows = |name: &str| {
        let op = generated.model.operations.iter().find(|o| o.name == name);
        op.unwrap_or_else(|| panic!("operation {name}"))
            .arguments_borrow()
    };
    // An integer path argument is copied; the optional string is set later, owned.
    assert!(!borrows("get_thing"));
    assert!(borrows("name_thing"), "a required string is borrowed");
    assert!(borrows("post_thing"), "a required body is borrowed");

    let code = generated.code.replace(char::is_whitespace, "");
    for expected in [
        "pubfnget_thing(&self,id:i64)->GetThingCall<'_>",
        "pubfnname_thing<'a>(&'aself,id:i64,name:&'astr)->NameThingCall<'a>",
        "pubfnpost_thing<'a>(&'aself,id:i64,body:&'astr)->PostThingCall<'a>",
    ] {
        assert!(code.contains(expected), "{expected}\n{}", generated.code);
    }
}
