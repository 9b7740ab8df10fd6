//! The root keys a batch of incoming changes writes to, read from the changes themselves: a pull
//! then costs in proportion to what arrived, where a diff of the document would walk its index.

use automerge::legacy::{Key, ObjectId, OpId, OpType};
use automerge::{AutoCommit, Bundle, Change, ROOT, ReadDoc};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The first bytes of every automerge chunk.
const MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];
/// Chunk types besides a whole document (0): a change, a deflated change, and a bundle of
/// changes encoded column by column (what a push seals, see [`automerge::Automerge::bundle`]).
const CHANGE_CHUNK: u8 = 1;
const COMPRESSED_CHANGE_CHUNK: u8 = 2;
const BUNDLE_CHUNK: u8 = 3;

/// The changes in `bytes`, each checked whole (checksum, columns, operations) as automerge
/// checks what it loads; `None` unless `bytes` are a plain run of well-formed change and bundle
/// chunks.
pub(super) fn change_chunks(bytes: &[u8]) -> Option<Vec<Change>> {
    let mut changes = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let (chunk, after) = split_chunk(rest)?;
        if chunk[8] == BUNDLE_CHUNK {
            changes.extend(Bundle::try_from(chunk).ok()?.to_changes().ok()?);
        } else {
            changes.push(Change::try_from(chunk).ok()?);
        }
        rest = after;
    }
    Some(changes)
}

/// The first chunk of `bytes` and what follows it, if it is a change or bundle chunk.
fn split_chunk(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    // magic (4) | checksum (4) | type (1) | length (uLEB128) | body (length)
    let header = bytes.get(..9)?;
    if header[..4] != MAGIC || !matches!(header[8], CHANGE_CHUNK | COMPRESSED_CHANGE_CHUNK | BUNDLE_CHUNK) {
        return None;
    }
    let mut len: u64 = 0;
    let mut at = 9;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(at)?;
        at += 1;
        len |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            let end = at.checked_add(usize::try_from(len).ok()?)?;
            return (end <= bytes.len()).then(|| bytes.split_at(end));
        }
    }
    None
}

/// Incoming changes from which reading what they write, on a thread of its own, while automerge
/// merges them, costs less than it saves.
pub(super) const READ_BESIDE_THE_MERGE_FROM: usize = 32;

/// What a batch of changes writes, as far as the changes themselves tell: the root keys they
/// write (a write inside a record's map, or deeper, counts for the root key that holds it), and
/// the objects made before them that they write into, whose root keys only the document knows.
#[derive(Debug, Default)]
pub(super) struct Written {
    keys: BTreeSet<String>,
    older: HashSet<OpId>,
}

/// Where an object sits: under a root key the changes name, or inside an object made before them.
#[derive(Clone)]
enum Holder {
    Key(String),
    Older(OpId),
}

/// What `changes` write, read from the changes alone (no document needed, so this can run while
/// they merge). `None` if one writes a list at the root, which no record does.
pub(super) fn written(changes: &[Change]) -> Option<Written> {
    let mut written = Written::default();
    // Every object the changes make, with where it sits: each is traced once, however many
    // operations touch it.
    let mut holder: HashMap<OpId, Holder> = HashMap::new();
    for change in changes {
        let change = change.decode();
        for (i, op) in change.operations.iter().enumerate() {
            let at = match &op.obj {
                ObjectId::Root => match &op.key {
                    Key::Map(key) => Holder::Key(key.to_string()),
                    Key::Seq(_) => return None,
                },
                ObjectId::Id(id) => holder.get(id).cloned().unwrap_or_else(|| Holder::Older(id.clone())),
            };
            if matches!(op.action, OpType::Make(_)) {
                let made = OpId(change.start_op.get() + i as u64, change.actor_id.clone());
                holder.insert(made, at.clone());
            }
            match at {
                Holder::Key(key) => written.keys.insert(key),
                Holder::Older(id) => written.older.insert(id),
            };
        }
    }
    Some(written)
}

impl Written {
    /// Every root key written, tracing the older objects in `doc` (before or after the merge:
    /// an object never moves to another root key). `None` if one can't be traced to the root.
    pub(super) fn root_keys(self, doc: &AutoCommit) -> Option<BTreeSet<String>> {
        let mut keys = self.keys;
        for id in &self.older {
            keys.insert(root_key_of(doc, &id.to_string())?);
        }
        Some(keys)
    }
}

/// The root key under which the object `id` ("counter@actor") sits in `doc`.
fn root_key_of(doc: &AutoCommit, id: &str) -> Option<String> {
    let obj = doc.import_obj(id).ok()?;
    let top = doc.parents(&obj).ok()?.last()?;
    match (top.obj == ROOT, top.prop) {
        (true, automerge::Prop::Map(key)) => Some(key),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use automerge::ObjType;
    use automerge::transaction::Transactable;

    /// The root keys `changes` write to, objects made before them traced in `doc`.
    fn root_keys(doc: &AutoCommit, changes: &[Change]) -> Option<BTreeSet<String>> {
        written(changes)?.root_keys(doc)
    }

    fn doc_with_a_record() -> AutoCommit {
        let mut doc = AutoCommit::new();
        let record = doc.put_object(ROOT, "promise/1", ObjType::Map).unwrap();
        doc.put(&record, "title", "Call at six").unwrap();
        doc.commit();
        doc
    }

    #[test]
    fn an_edit_inside_an_old_record_counts_for_the_record_s_root_key() {
        let mut mine = doc_with_a_record();
        let mut theirs = mine.fork();
        let before = theirs.get_heads();
        let (_, record) = theirs.get(ROOT, "promise/1").unwrap().unwrap();
        theirs.put(&record, "title", "Call at seven").unwrap();
        let tags = theirs.put_object(ROOT, "checkin/2", ObjType::Map).unwrap();
        let list = theirs.put_object(&tags, "tags", ObjType::List).unwrap();
        theirs.insert(&list, 0, "calm").unwrap();
        theirs.commit();
        let bytes = theirs.save_after(&before);

        let changes = change_chunks(&bytes).expect("a run of change chunks");
        let keys = root_keys(&mine, &changes).unwrap();
        assert_eq!(keys, BTreeSet::from(["promise/1".to_owned(), "checkin/2".to_owned()]));
        mine.load_incremental(&bytes).unwrap();
        assert_eq!(root_keys(&mine, &changes), Some(keys), "the same read after the merge");
    }

    #[test]
    fn a_bundle_reads_as_the_changes_it_carries() {
        let mut mine = doc_with_a_record();
        let mut theirs = mine.fork();
        let (_, record) = theirs.get(ROOT, "promise/1").unwrap().unwrap();
        theirs.put(&record, "title", "Call at seven").unwrap();
        let first = theirs.commit().unwrap();
        theirs.put(ROOT, "note/3", "kept").unwrap();
        let second = theirs.commit().unwrap();
        let bundle = theirs.bundle([first, second]).unwrap();

        let changes = change_chunks(bundle.bytes()).expect("a bundle chunk");
        assert_eq!(changes.iter().map(Change::hash).collect::<Vec<_>>(), vec![first, second]);
        let keys = root_keys(&mine, &changes).unwrap();
        assert_eq!(keys, BTreeSet::from(["promise/1".to_owned(), "note/3".to_owned()]));
        let mut cut = bundle.bytes().to_vec();
        cut.pop();
        assert!(change_chunks(&cut).is_none(), "a bundle cut short");
        let last = cut.len() - 1;
        cut[last] ^= 0xff;
        assert!(
            change_chunks(&[bundle.bytes(), &cut].concat()).is_none(),
            "a damaged bundle after a good one"
        );
        mine.load_incremental(bundle.bytes()).unwrap();
        assert_eq!(mine.get_heads(), vec![second]);
    }

    #[test]
    fn a_whole_document_or_cut_bytes_are_left_to_the_diff() {
        let mut doc = doc_with_a_record();
        assert!(change_chunks(&doc.save()).is_none(), "a document chunk");
        let changes = doc.save_after(&[]);
        assert!(change_chunks(&changes[..changes.len() - 1]).is_none(), "a chunk cut short");
        assert!(change_chunks(b"not automerge").is_none());
        assert_eq!(change_chunks(&[]).map(|c| c.len()), Some(0));
    }
}
