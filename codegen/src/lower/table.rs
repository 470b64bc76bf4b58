//! The type table: every named type of the service, found by its Rust name in one map, kept
//! in the order the types are printed (a type before the inline types it names).

use crate::ir::{Type, TypeDef, TypeKind};
use crate::names::{RESERVED_TYPES, camel, unique};
use std::collections::{HashMap, HashSet};

pub(crate) struct TypeTable {
    types: Vec<TypeDef>,
    by_name: HashMap<String, usize>,
    /// Names no new inline type may take: every type's, every component's (registered before
    /// it is lowered) and those the generated module already uses.
    taken: HashSet<String>,
}

impl TypeTable {
    pub(crate) fn new() -> Self {
        TypeTable {
            types: Vec::new(),
            by_name: HashMap::new(),
            taken: RESERVED_TYPES.iter().map(|r| r.to_string()).collect(),
        }
    }

    /// Keeps `name` (a component's Rust name) from being given to an inline type.
    pub(crate) fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }

    /// A fresh Rust type name for an inline schema, never taken by a component or another
    /// inline type.
    pub(crate) fn fresh_name(&self, wanted: &str) -> String {
        unique(camel(wanted, "Inline"), &self.taken, true)
    }

    /// Adds a type, or replaces the kind and doc of the one of the same name (a name
    /// reserved by a placeholder while its fields were lowered).
    pub(crate) fn insert(&mut self, def: TypeDef) {
        self.taken.insert(def.name.clone());
        match self.by_name.get(&def.name) {
            Some(&i) => self.types[i] = def,
            None => {
                self.by_name.insert(def.name.clone(), self.types.len());
                self.types.push(def);
            }
        }
    }

    pub(crate) fn get(&self, name: &str) -> Option<&TypeDef> {
        self.by_name.get(name).map(|&i| &self.types[i])
    }

    pub(crate) fn get_mut(&mut self, name: &str) -> Option<&mut TypeDef> {
        self.by_name.get(name).map(|&i| &mut self.types[i])
    }

    pub(crate) fn kind(&self, name: &str) -> Option<&TypeKind> {
        self.get(name).map(|t| &t.kind)
    }

    /// The kind of the type `ty` names, if it names one.
    pub(crate) fn kind_of(&self, ty: &Type) -> Option<&TypeKind> {
        match ty {
            Type::Named(n) => self.kind(n),
            _ => None,
        }
    }

    /// The position of `name` in printing order.
    pub(crate) fn position(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    pub(crate) fn len(&self) -> usize {
        self.types.len()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &TypeDef> {
        self.types.iter()
    }

    pub(crate) fn iter_mut(&mut self) -> impl Iterator<Item = &mut TypeDef> {
        self.types.iter_mut()
    }

    pub(crate) fn into_types(self) -> Vec<TypeDef> {
        self.types
    }
}
