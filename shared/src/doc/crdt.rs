//! A thin wrapper over an automerge document that reads and writes typed [`Record`]s.

use super::reader::RecordReader;
use super::{DocError, Record, SCHEMA_KEY, SCHEMA_VERSION, Table, touched};
use crate::time::Clock;
use automerge::transaction::{CommitOptions, Transactable};
use automerge::{ActorId, AutoCommit, Change, ChangeHash, ObjType, PatchAction, Prop, ROOT, ReadDoc, Value};
use autosurgeon::Hydrate;
use std::collections::BTreeSet;

/// An automerge document holding Mend records under its root.
#[derive(Debug)]
pub struct CrdtDoc {
    doc: AutoCommit,
}

/// What applying remote changes did: which root keys changed, so typed state can refresh only those.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeSet {
    /// Root keys whose record was created, changed or deleted.
    pub keys: BTreeSet<String>,
}

/// Changes on their way into a document: the bytes as they arrived (what gets stored) and, when
/// they are a plain run of change or bundle chunks, those changes parsed and checked, so that neither the
/// merge nor the search for what they touched parses them again.
#[derive(Debug)]
pub struct Incoming<'a> {
    bytes: &'a [u8],
    changes: Option<Vec<Change>>,
}

impl<'a> Incoming<'a> {
    /// Parse `bytes` if they are a run of changes; anything else is left for the merge to read.
    pub fn parse(bytes: &'a [u8]) -> Self {
        Incoming { bytes, changes: touched::change_chunks(bytes) }
    }

    /// Parse `bytes` and check them whole, without applying them: a run of changes chunk by chunk
    /// (in proportion to its size), anything else (a whole document) by loading it. Refuses
    /// damaged bytes; changes whose dependencies are elsewhere are well-formed.
    pub fn check(bytes: &'a [u8]) -> Result<Self, DocError> {
        let incoming = Incoming::parse(bytes);
        if incoming.changes.is_none() {
            let strict = automerge::LoadOptions::new()
                .on_partial_load(automerge::OnPartialLoad::Error)
                .verification_mode(automerge::VerificationMode::DontCheck);
            match AutoCommit::load_with_options(bytes, strict) {
                Ok(_) | Err(automerge::AutomergeError::MissingDeps) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(incoming)
    }

    /// `bytes` with the changes parsed from exactly them earlier (`None`: they were not a run of
    /// changes).
    pub(crate) fn from_parts(bytes: &'a [u8], changes: Option<Vec<Change>>) -> Self {
        Incoming { bytes, changes }
    }

    /// The parsed changes, borrowed, if the bytes were a run of them.
    pub(crate) fn changes(&self) -> Option<&[Change]> {
        self.changes.as_deref()
    }

    /// The parsed changes, if the bytes were a run of them.
    pub(crate) fn into_changes(self) -> Option<Vec<Change>> {
        self.changes
    }

    /// The bytes as they arrived.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }
}

impl Default for CrdtDoc {
    fn default() -> Self {
        Self::new()
    }
}

impl CrdtDoc {
    /// An empty document with a random actor.
    pub fn new() -> Self {
        Self { doc: AutoCommit::new() }
    }

    /// Load a document from saved bytes (a full save, changes, or both concatenated).
    pub fn load(bytes: &[u8]) -> Result<Self, DocError> {
        let doc = Self { doc: AutoCommit::load(bytes)? };
        doc.check_schema()?;
        Ok(doc)
    }

    /// Wrap an already loaded automerge document, checking its schema.
    pub fn from_automerge(doc: AutoCommit) -> Result<Self, DocError> {
        let doc = Self { doc };
        doc.check_schema()?;
        Ok(doc)
    }

    /// Use `actor` for this device's future changes.
    pub fn set_actor(&mut self, actor: &[u8]) {
        self.doc.set_actor(ActorId::from(actor));
    }

    /// Write `record` at its key; only fields that differ become operations.
    pub fn put<T: Record>(&mut self, record: &T) -> Result<(), DocError> {
        if self.doc.get(ROOT, SCHEMA_KEY)?.is_none() {
            self.doc.put(ROOT, SCHEMA_KEY, SCHEMA_VERSION)?;
        }
        autosurgeon::reconcile_prop(&mut self.doc, ROOT, record.doc_key().as_str(), record)?;
        Ok(())
    }

    /// Remove the record of kind `T` with natural key `key`.
    pub fn delete<T: Record>(&mut self, key: &str) -> Result<(), DocError> {
        self.doc.delete(ROOT, format!("{}{key}", T::PREFIX).as_str())?;
        Ok(())
    }

    /// The record of kind `T` with natural key `key`, if present.
    pub fn get<T: Record>(&self, key: &str) -> Result<Option<T>, DocError> {
        self.settled(&format!("{}{key}", T::PREFIX))
    }

    /// How many keys the root holds (records, plus the schema version).
    pub fn root_len(&self) -> usize {
        self.doc.length(ROOT)
    }

    /// Every record of kind `T`.
    pub fn table<T: Record>(&self) -> Result<Table<T>, DocError> {
        let mut table = Table::default();
        self.read_into(&mut table, "", None)?;
        Ok(table)
    }

    /// Add to `table` the records of kind `T` whose natural keys sort from `from` up to (not
    /// including) `until`, or to the last of the kind when `until` is `None`.
    pub(crate) fn read_into<T: Record>(
        &self,
        table: &mut Table<T>,
        from: &str,
        until: Option<&str>,
    ) -> Result<(), DocError> {
        let reader = RecordReader::new(&self.doc);
        let start = format!("{}{from}", T::PREFIX);
        let end = until.map_or_else(|| prefix_end(T::PREFIX), |until| format!("{}{until}", T::PREFIX));
        if start >= end {
            return Ok(());
        }
        for item in self.doc.map_range(ROOT, start..end) {
            let record = match item.value {
                _ if item.conflict => self.settled::<T>(&item.key)?,
                automerge::ValueRef::Object(ObjType::Map) => Some(T::hydrate_map(&reader, &item.id())?),
                _ => None,
            };
            if let Some(record) = record {
                table.upsert(record);
            }
        }
        Ok(())
    }

    /// The record at root key `key`. When copies that never saw each other both created it, the
    /// version its author wrote last wins ([`Record::written_at`]); on a tie, automerge's own
    /// winner (the last value `get_all` lists), so every replica settles the same way.
    fn settled<T: Record>(&self, key: &str) -> Result<Option<T>, DocError> {
        let mut best: Option<T> = None;
        for (value, id) in self.doc.get_all(ROOT, key)? {
            if !matches!(value, Value::Object(ObjType::Map)) {
                continue;
            }
            let candidate = T::hydrate_map(&RecordReader::new(&self.doc), &id)?;
            if best.as_ref().is_none_or(|b| candidate.written_at() >= b.written_at()) {
                best = Some(candidate);
            }
        }
        Ok(best)
    }

    /// Close the pending edits into one change stamped with the clock's time.
    pub fn commit(&mut self, clock: &dyn Clock) -> Option<ChangeHash> {
        self.commit_at(clock.now().timestamp_millis())
    }

    /// Close the pending edits into one change stamped `unix_millis`.
    pub fn commit_at(&mut self, unix_millis: i64) -> Option<ChangeHash> {
        self.doc.commit_with(CommitOptions::default().with_time(unix_millis))
    }

    /// The current heads.
    pub fn heads(&mut self) -> Vec<ChangeHash> {
        self.doc.get_heads()
    }

    /// Every change not already covered by `heads`, encoded compactly.
    pub fn changes_since(&mut self, heads: &[ChangeHash]) -> Vec<u8> {
        self.doc.save_after(heads)
    }

    /// The whole document in its compact, compressed form.
    pub fn save(&mut self) -> Vec<u8> {
        self.doc.save()
    }

    /// Merge changes (from [`Self::changes_since`] or [`Self::save`]); duplicates are harmless and
    /// changes whose dependencies are missing wait until they arrive.
    pub fn apply(&mut self, bytes: &[u8]) -> Result<ChangeSet, DocError> {
        self.apply_incoming(Incoming::parse(bytes))
    }

    /// Merge changes parsed once by [`Incoming`]. Costs in proportion to what arrives, not to the
    /// document: the changed keys are read from the changes themselves (see [`touched`]), or from
    /// automerge's patch index when the bytes are a whole document or changes wait on missing
    /// dependencies.
    pub fn apply_incoming(&mut self, incoming: Incoming<'_>) -> Result<ChangeSet, DocError> {
        let before = self.doc.get_heads();
        let nothing_waiting = |doc: &mut AutoCommit| doc.get_missing_deps(&[]).is_empty();
        // The changes' own keys describe the merge only if none waited before (they could come
        // in with these) and none waits after.
        let quiet_before = !before.is_empty() && nothing_waiting(&mut self.doc);
        let keys = match incoming.changes {
            Some(changes) if quiet_before => {
                // What they write is read from the changes while automerge merges them: beside
                // the merge from a copy when there are many, before it otherwise.
                let (written, merged) = if changes.len() >= touched::READ_BESIDE_THE_MERGE_FROM {
                    let copy = changes.clone();
                    std::thread::scope(|scope| {
                        let reading = scope.spawn(|| touched::written(&copy));
                        let merged = self.doc.apply_changes(changes);
                        (reading.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), merged)
                    })
                } else {
                    (touched::written(&changes), self.doc.apply_changes(changes))
                };
                merged?;
                match written.and_then(|written| written.root_keys(&self.doc)) {
                    Some(keys) if nothing_waiting(&mut self.doc) => Ok(keys),
                    _ => self.keys_changed_since(&before),
                }
            }
            _ => {
                self.doc.update_diff_cursor();
                let loaded = self.doc.load_incremental(incoming.bytes);
                let keys = loaded.map_err(DocError::from).and_then(|_| self.keys_changed_since(&before));
                self.doc.reset_diff_cursor();
                keys
            }
        };
        let keys = keys?;
        self.check_schema()?;
        Ok(ChangeSet { keys })
    }

    /// The root keys changed since `before`: every key when the document was empty, else those
    /// in automerge's diff (indexed when the diff cursor is set at `before`, a walk of the
    /// document otherwise) plus any key holding concurrent versions.
    fn keys_changed_since(&mut self, before: &[ChangeHash]) -> Result<BTreeSet<String>, DocError> {
        if before.is_empty() {
            return Ok(self.doc.keys(ROOT).collect());
        }
        let after = self.doc.get_heads();
        if before == after {
            return Ok(BTreeSet::new());
        }
        let mut keys = BTreeSet::new();
        for patch in self.doc.diff(before, &after) {
            match patch.path.first() {
                Some((_, Prop::Map(key))) => {
                    keys.insert(key.clone());
                }
                Some(_) => {}
                None => match patch.action {
                    PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key } => {
                        keys.insert(key);
                    }
                    _ => {}
                },
            }
        }
        // A concurrent version of a record that automerge ranks below the current one yields no
        // patch, yet it may be the newer word (see `settled`): recheck every key that holds two
        // versions. Almost always none do, and this reads no values.
        keys.extend(
            self.doc.map_range(ROOT, ..).filter(|item| item.conflict).map(|item| item.key.into_owned()),
        );
        Ok(keys)
    }

    /// The schema version written in the document (0 if it holds no records yet).
    pub fn schema(&self) -> u64 {
        match self.doc.get(ROOT, SCHEMA_KEY) {
            Ok(Some((Value::Scalar(s), _))) => s.as_u64().unwrap_or(0),
            _ => 0,
        }
    }

    fn check_schema(&self) -> Result<(), DocError> {
        let found = self.schema();
        if found > SCHEMA_VERSION {
            return Err(DocError::NewerSchema { found, supported: SCHEMA_VERSION });
        }
        Ok(())
    }

    /// Read a single root scalar string (settings in the private document).
    pub(crate) fn get_str(&self, key: &str) -> Result<Option<String>, DocError> {
        Ok(Option::<String>::hydrate(&self.doc, &ROOT, key.into())?)
    }

    /// Write a single root scalar string.
    pub(crate) fn put_str(&mut self, key: &str, value: &str) -> Result<(), DocError> {
        self.doc.put(ROOT, key, value)?;
        Ok(())
    }

    /// Remove a root key of any kind.
    pub(crate) fn delete_key(&mut self, key: &str) -> Result<(), DocError> {
        self.doc.delete(ROOT, key)?;
        Ok(())
    }

    /// Root keys with the given prefix, in order.
    pub(crate) fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        self.doc.map_range(ROOT, prefix.to_string()..prefix_end(prefix)).map(|i| i.key.into_owned()).collect()
    }

    /// Access to the raw automerge document, for sync and benchmarks.
    pub fn automerge(&mut self) -> &mut AutoCommit {
        &mut self.doc
    }
}

/// The smallest string greater than every string starting with `prefix` (prefixes end in ASCII).
pub(crate) fn prefix_end(prefix: &str) -> String {
    let mut end = prefix.to_string();
    if let Some(last) = end.pop() {
        end.push(char::from_u32(last as u32 + 1).unwrap_or(char::MAX));
    }
    end
}
