//! The operation extensions that describe a lifecycle helper: `x-pagination` (a paged
//! list), `x-waiter` (an operation polled until a state) and `x-and-wait` (an operation
//! that starts what a waiter polls). Read as written here; checked against the operation's
//! parameters and types in `lower/lifecycle`.

use super::ctx::Ctx;
use super::obj::Obj;
use crate::spec::{AndWaitSpec, PaginationSpec, WaiterSpec};
use crate::yaml::Node;

pub(super) fn read_pagination(ctx: &Ctx, node: &Node) -> Option<PaginationSpec> {
    let mut obj = Obj::new(ctx, node, "`x-pagination`")?;
    let spec = PaginationSpec {
        pos: node.pos,
        offset: obj.string("offset"),
        page: obj.string("page"),
        first_page: obj.count("first-page"),
        limit: obj.required_string("limit"),
        items: obj.required_string("items"),
        total: obj.string("total"),
    };
    obj.finish();
    Some(spec)
}

pub(super) fn read_waiter(ctx: &Ctx, node: &Node) -> Option<WaiterSpec> {
    let mut obj = Obj::new(ctx, node, "`x-waiter`")?;
    let spec = WaiterSpec {
        pos: node.pos,
        name: obj.required_string("name"),
        state: obj.required_string("state"),
        done: obj.strings("done"),
        failed: obj.strings("failed"),
    };
    obj.finish();
    Some(spec)
}

pub(super) fn read_and_wait(ctx: &Ctx, node: &Node) -> Option<AndWaitSpec> {
    let mut obj = Obj::new(ctx, node, "`x-and-wait`")?;
    let spec = AndWaitSpec {
        pos: node.pos,
        waiter: obj.required_string("waiter"),
        id: obj.required_string("id"),
    };
    obj.finish();
    Some(spec)
}
