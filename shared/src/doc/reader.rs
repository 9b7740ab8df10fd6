//! Reading records out of the document in one pass per object: autosurgeon asks for a record's
//! fields one `get` at a time, and each `get` is a seek through the whole op set; a record's map
//! read once with `map_range` answers all of them.

use automerge::{AutoCommit, AutomergeError, ObjId, ObjType, Prop, ROOT, Value};
use autosurgeon::ReadDoc;
use std::cell::RefCell;
use std::ops::RangeBounds;

/// How many objects' fields are kept at once: a record reads its own map, then any map nested in
/// it, then goes back to its own; older objects are not asked again.
const KEPT_OBJECTS: usize = 4;

/// One object's visible entries: key, winning value, and the id of the op that wrote it.
type Entries = Vec<(String, Value<'static>, ObjId)>;

/// A read-only view of a document for hydrating records, keeping the last few maps it read.
pub(super) struct RecordReader<'a> {
    doc: &'a AutoCommit,
    kept: RefCell<Vec<(ObjId, Entries)>>,
}

impl<'a> RecordReader<'a> {
    pub(super) fn new(doc: &'a AutoCommit) -> Self {
        Self { doc, kept: RefCell::new(Vec::with_capacity(KEPT_OBJECTS)) }
    }

    /// The entry at `key` of the map `obj`, reading the whole map once.
    fn map_entry(&self, obj: &ObjId, key: &str) -> Option<(Value<'static>, ObjId)> {
        let mut kept = self.kept.borrow_mut();
        let at = match kept.iter().position(|(id, _)| id == obj) {
            Some(at) => at,
            None => {
                let entries = automerge::ReadDoc::map_range(self.doc, obj, ..)
                    .map(|item| {
                        let id = item.id();
                        (item.key.to_string(), Value::from(item.value), id)
                    })
                    .collect();
                if kept.len() == KEPT_OBJECTS {
                    kept.remove(0);
                }
                kept.push((obj.clone(), entries));
                kept.len() - 1
            }
        };
        // A record has a handful of fields: a scan is as quick as anything.
        kept[at].1.iter().find(|(k, _, _)| k == key).map(|(_, value, id)| (value.clone(), id.clone()))
    }
}

impl ReadDoc for RecordReader<'_> {
    type Parents<'b>
        = automerge::Parents<'b>
    where
        Self: 'b;

    fn get_heads(&self) -> Vec<automerge::ChangeHash> {
        ReadDoc::get_heads(self.doc)
    }

    fn get<P: Into<Prop>>(&self, obj: &ObjId, prop: P) -> Result<Option<(Value<'_>, ObjId)>, AutomergeError> {
        let prop = prop.into();
        match &prop {
            // The root holds every record, so a seek is right there; a record's map is small.
            Prop::Map(key) if obj != &ROOT => Ok(self.map_entry(obj, key)),
            _ => ReadDoc::get(self.doc, obj, prop),
        }
    }

    fn object_type<O: AsRef<ObjId>>(&self, obj: O) -> Option<ObjType> {
        ReadDoc::object_type(self.doc, obj)
    }

    fn map_range<'b, O, R>(&'b self, obj: O, range: R) -> automerge::iter::MapRange<'b>
    where
        R: RangeBounds<String> + 'b,
        O: AsRef<ObjId>,
        R: RangeBounds<String>,
    {
        ReadDoc::map_range(self.doc, obj, range)
    }

    fn list_range<O: AsRef<ObjId>, R: RangeBounds<usize>>(
        &self,
        obj: O,
        range: R,
    ) -> automerge::iter::ListRange<'_> {
        ReadDoc::list_range(self.doc, obj, range)
    }

    fn length<O: AsRef<ObjId>>(&self, obj: O) -> usize {
        ReadDoc::length(self.doc, obj)
    }

    fn text<O: AsRef<ObjId>>(&self, obj: O) -> Result<String, AutomergeError> {
        ReadDoc::text(self.doc, obj)
    }

    fn parents<O: AsRef<ObjId>>(&self, obj: O) -> Result<Self::Parents<'_>, AutomergeError> {
        ReadDoc::parents(self.doc, obj)
    }

    fn is_empty(&self) -> bool {
        ReadDoc::is_empty(self.doc)
    }
}
