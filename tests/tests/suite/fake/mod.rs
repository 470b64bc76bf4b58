//! The generated clients against `fake-cloud`, the stateful fake of the three services:
//! each service's documented behaviour, the README's example, and wire-level faults.

mod ddm;
mod dws;
mod faults;
mod ocp;
mod readme;
