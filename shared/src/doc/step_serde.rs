//! Stores guide step ids in documents as their stable kebab-case names.

/// `#[autosurgeon(with = ...)]` helpers for a required [`crate::guide::StepId`].
pub(crate) mod step_id {
    use crate::guide::StepId;
    use autosurgeon::{Hydrate, HydrateError, Prop, ReadDoc, Reconciler};

    pub(crate) fn reconcile<R: Reconciler>(step: &StepId, mut reconciler: R) -> Result<(), R::Error> {
        reconciler.str(step.as_str())
    }

    pub(crate) fn hydrate<D: ReadDoc>(
        doc: &D,
        obj: &automerge::ObjId,
        prop: Prop<'_>,
    ) -> Result<StepId, HydrateError> {
        let s = String::hydrate(doc, obj, prop)?;
        s.parse().map_err(|_| HydrateError::unexpected("a guide step id", s))
    }
}

/// `#[autosurgeon(with = ...)]` helpers for an optional [`crate::guide::StepId`].
pub(crate) mod step_id_opt {
    use crate::guide::StepId;
    use autosurgeon::{Hydrate, HydrateError, Prop, ReadDoc, Reconcile, Reconciler};

    pub(crate) fn reconcile<R: Reconciler>(step: &Option<StepId>, reconciler: R) -> Result<(), R::Error> {
        step.map(|s| s.as_str()).reconcile(reconciler)
    }

    pub(crate) fn hydrate<D: ReadDoc>(
        doc: &D,
        obj: &automerge::ObjId,
        prop: Prop<'_>,
    ) -> Result<Option<StepId>, HydrateError> {
        match Option::<String>::hydrate(doc, obj, prop)? {
            None => Ok(None),
            Some(s) => s.parse().map(Some).map_err(|_| HydrateError::unexpected("a guide step id", s)),
        }
    }
}
