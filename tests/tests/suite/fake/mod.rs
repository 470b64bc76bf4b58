//! The generated clients against `fake-cloud`, the stateful fake of the three services:
//! each service's documented behaviour, the README's example, and wire-level faults.

mod ddm;
mod ddm_lifecycle;
mod dws;
mod dws_users;
mod faults;
mod ocp;
mod ocp_users;
mod paged_and_waited;
mod readme;
mod readme_lifecycle;
