//! The root keys a batch of incoming changes writes to, read from the changes themselves: a pull
//! then costs in proportion to what arrived, where a diff of the document would walk its index.

use automerge::legacy::{Key, ObjectId, OpType};
use automerge::{AutoCommit, Change, ExpandedChange, ROOT, ReadDoc};
use std::collections::{BTreeSet, HashMap};

/// The first bytes of every automerge chunk.
const MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];
/// Chunk types besides a whole document (0): a change, a deflated change.
const CHANGE_CHUNK: u8 = 1;
const COMPRESSED_CHANGE_CHUNK: u8 = 2;

/// The changes in `bytes`, decoded; `None` when they are not a plain run of change chunks (a
/// whole document, say), so the caller must find what changed another way.
pub(super) fn decode_changes(bytes: &[u8]) -> Option<Vec<ExpandedChange>> {
    Some(change_chunks(bytes)?.iter().map(Change::decode).collect())
}

/// The changes in `bytes`, each checked whole (checksum, columns, operations) as automerge
/// checks what it loads; `None` unless `bytes` are a plain run of well-formed change chunks.
pub(super) fn change_chunks(bytes: &[u8]) -> Option<Vec<Change>> {
    let mut changes = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let (chunk, after) = split_chunk(rest)?;
        changes.push(Change::try_from(chunk).ok()?);
        rest = after;
    }
    Some(changes)
}

/// The first chunk of `bytes` and what follows it, if it is a change chunk.
fn split_chunk(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    // magic (4) | checksum (4) | type (1) | length (uLEB128) | body (length)
    let header = bytes.get(..9)?;
    if header[..4] != MAGIC || !matches!(header[8], CHANGE_CHUNK | COMPRESSED_CHANGE_CHUNK) {
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

/// The root keys `changes` write to, once they are in `doc`: a write inside a record's map (or
/// deeper) counts for the root key that holds it. `None` if an object can't be traced to the root.
pub(super) fn root_keys(doc: &AutoCommit, changes: &[ExpandedChange]) -> Option<BTreeSet<String>> {
    let mut keys = BTreeSet::new();
    // Objects made in these changes, by id, with the root key that holds each.
    let mut made: HashMap<String, String> = HashMap::new();
    for change in changes {
        for (i, op) in change.operations.iter().enumerate() {
            let key = match &op.obj {
                ObjectId::Root => match &op.key {
                    Key::Map(key) => key.to_string(),
                    Key::Seq(_) => return None,
                },
                ObjectId::Id(id) => {
                    let id = id.to_string();
                    match made.get(&id) {
                        Some(key) => key.clone(),
                        None => root_key_of(doc, &id)?,
                    }
                }
            };
            if matches!(op.action, OpType::Make(_)) {
                let op_id = format!("{}@{}", change.start_op.get() + i as u64, change.actor_id);
                made.insert(op_id, key.clone());
            }
            keys.insert(key);
        }
    }
    Some(keys)
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

        let changes = decode_changes(&bytes).expect("a run of change chunks");
        mine.load_incremental(&bytes).unwrap();
        let keys = root_keys(&mine, &changes).unwrap();
        assert_eq!(keys, BTreeSet::from(["promise/1".to_owned(), "checkin/2".to_owned()]));
    }

    #[test]
    fn a_whole_document_or_cut_bytes_are_left_to_the_diff() {
        let mut doc = doc_with_a_record();
        assert!(decode_changes(&doc.save()).is_none(), "a document chunk");
        let changes = doc.save_after(&[]);
        assert!(decode_changes(&changes[..changes.len() - 1]).is_none(), "a chunk cut short");
        assert!(decode_changes(b"not automerge").is_none());
        assert_eq!(decode_changes(&[]).map(|c| c.len()), Some(0));
    }
}
