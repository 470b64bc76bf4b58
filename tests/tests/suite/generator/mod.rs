//! The generator: its output for every spec, the located errors of broken specs, the
//! change report, fuzzed specs, the kitchen-sink client, and the build script.

mod build_script;
mod change_report;
mod constructors;
mod examples;
mod generated_code;
mod kitchen_sink;
mod methods;
mod published;
mod real_world;
mod real_world_operations;
mod real_world_schemas;
mod spec_errors;
mod spec_mutations;
