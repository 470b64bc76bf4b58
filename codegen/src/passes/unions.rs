//! Unions whose arms hold the same Rust type once aliases are followed (`Ipv4Net` and
//! `Ipv6Net`, both `String`): such a union gets no `From` for its arms, since the two impls
//! would be one.

use crate::ir::{Type, TypeKind};
use crate::lower::TypeTable;

/// Marks each union with two arms of the same Rust type (`TypeKind::Union::arms_alike`).
pub(crate) fn mark_alike_arms(types: &mut TypeTable) {
    let mut alike: Vec<String> = Vec::new();
    for def in types.iter() {
        if let TypeKind::Union { arms, .. } = &def.kind {
            let resolved: Vec<&Type> = arms.iter().map(|a| through_aliases(types, &a.ty)).collect();
            let repeated = resolved
                .iter()
                .enumerate()
                .any(|(i, ty)| resolved[..i].contains(ty));
            if repeated {
                alike.push(def.name.clone());
            }
        }
    }
    for name in alike {
        if let Some(TypeKind::Union { arms_alike, .. }) = types.get_mut(&name).map(|t| &mut t.kind)
        {
            *arms_alike = true;
        }
    }
}

/// The type an alias stands for, followed a bounded number of times (the cycle pass has
/// already broken loops; the bound guards against one it reports).
fn through_aliases<'t>(types: &'t TypeTable, ty: &'t Type) -> &'t Type {
    let mut ty = ty;
    for _ in 0..16 {
        match ty {
            Type::Named(name) => match types.kind(name) {
                Some(TypeKind::Alias { ty: target }) => ty = target,
                _ => return ty,
            },
            _ => return ty,
        }
    }
    ty
}
