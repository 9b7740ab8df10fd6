//! Behaviour of mend-shared's model, documents, store and session, through the public API.

mod core {
    pub mod convergence;
    pub mod crash;
    pub mod rules;
    pub mod session;
    pub mod support;
}
