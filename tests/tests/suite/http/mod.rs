//! The generated clients over real HTTP on 127.0.0.1 against a scripted server that
//! records every request: the bytes on the wire, authentication, and secrets kept out of
//! logs and errors.

mod auth;
mod ddm;
mod dws;
mod hostile;
mod ocp;
mod official_sdk;
mod paginate;
mod secrets;
