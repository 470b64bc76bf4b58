//! fake-cloud's integration tests, as one test binary: one module per concern in
//! `cases/`, and the helpers they share in `common/`. A new file in `cases/` runs once it
//! has its `mod` line below.

mod common;

mod cases {
    mod binary;
    mod ddm;
    mod ddm_admin;
    mod ddm_gateway;
    mod dws;
    mod faults;
    mod harness;
    mod limits;
    mod ocp;
    mod signatures;
}
