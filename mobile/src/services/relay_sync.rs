//! The real pairing and sync service: mend-shared's pairing, live sync and unpair, run on a small
//! runtime of their own so every platform's UI executor can await them.
//!
//! The service owns one background thread with a Tokio runtime (reqwest needs one, and neither
//! the desktop nor the phone UI executor is one). UI futures hand work to it and await a
//! oneshot answer. While the phone is paired, live sync runs there: it long-polls the relay,
//! pushes each local edit at once, and forwards every status change to the top bar.

use super::{Invitation, KeepData, Pairing, PairingFuture, ServiceError};
use crate::Phone;
use crate::words::sentence;
use mend_shared::doc::Setting;
use mend_shared::relay::RelayClient;
use mend_shared::sync::{self, SyncError, SyncStatus, Syncer};
use std::future::Future;
use std::sync::{Arc, Mutex};
use tokio::runtime::Handle;
use tokio::sync::{oneshot, watch};

/// A relay address built in at compile time (`MEND_DEFAULT_RELAY`), used until the partner sets
/// one in Settings.
pub const DEFAULT_RELAY: Option<&str> = option_env!("MEND_DEFAULT_RELAY");

/// Pairing, unpairing and live sync for one phone through its relay.
pub struct RelaySync {
    phone: Phone,
    runtime: Handle,
    live: Mutex<Option<watch::Sender<bool>>>,
    _shutdown: oneshot::Sender<()>,
}

impl std::fmt::Debug for RelaySync {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RelaySync").finish_non_exhaustive()
    }
}

impl RelaySync {
    /// Start the service for `phone` (pass a clone taken before [`Phone::with_pairing`], so the
    /// service and the phone don't own each other). Live sync starts at once if already paired,
    /// and a relay deletion left over from an offline unpair is retried.
    pub fn start(phone: Phone) -> Arc<Self> {
        let (runtime_tx, runtime_rx) = std::sync::mpsc::channel();
        let (shutdown, shutdown_rx) = oneshot::channel::<()>();
        std::thread::Builder::new()
            .name("mend-sync".into())
            .spawn(move || match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(rt) => {
                    let _ = runtime_tx.send(Some(rt.handle().clone()));
                    // Runs the service's tasks until the service is dropped.
                    rt.block_on(async {
                        let _ = shutdown_rx.await;
                    });
                }
                Err(e) => {
                    tracing::error!("the sync runtime could not start: {e}");
                    let _ = runtime_tx.send(None);
                }
            })
            .ok();
        let runtime = runtime_rx.recv().ok().flatten().unwrap_or_else(|| {
            panic!("mend-sync: a Tokio runtime is required for sync and none could start")
        });
        let service = Arc::new(RelaySync { phone, runtime, live: Mutex::new(None), _shutdown: shutdown });
        service.resume();
        service
    }

    /// The relay to use: the one set in Settings, else the built-in default.
    fn relay(&self) -> Result<RelayClient, ServiceError> {
        let url = self
            .phone
            .read(|s| s.private().setting(Setting::RelayUrl).map(str::to_string))
            .or_else(|| DEFAULT_RELAY.map(str::to_string))
            .ok_or_else(|| {
                ServiceError::new("Set your relay's address in Settings first, then try again.")
            })?;
        RelayClient::new(&url).map_err(|e| ServiceError::new(sentence(&e.to_string())))
    }

    /// Start live sync if this phone is paired; otherwise show "Not paired".
    fn resume(self: &Arc<Self>) {
        let Ok(relay) = self.relay() else {
            self.phone.set_sync_status(SyncStatus::default());
            return;
        };
        let session = self.phone.session();
        let phone = self.phone.clone();
        self.runtime.spawn(async move {
            let _ = sync::retry_pending_room_deletion(&session, &relay).await;
            drop(phone);
        });
        self.start_live();
    }

    /// Run live sync in the background until [`Self::stop_live`].
    fn start_live(self: &Arc<Self>) {
        self.stop_live();
        let Ok(relay) = self.relay() else { return };
        let syncer = match Syncer::for_session(self.phone.session(), relay) {
            Ok(Some(s)) => Arc::new(s),
            Ok(None) => {
                self.phone.set_sync_status(SyncStatus::default());
                return;
            }
            Err(e) => {
                tracing::warn!("sync could not start: {e}");
                return;
            }
        };
        let (stop, stopped) = watch::channel(false);
        *self.live.lock().unwrap_or_else(|e| e.into_inner()) = Some(stop);
        let phone = self.phone.clone();
        phone.set_sync_status(syncer.status());

        // The sync loop itself.
        let (s, mut halt) = (syncer.clone(), stopped.clone());
        self.runtime.spawn(async move {
            s.run_live(async move {
                let _ = halt.wait_for(|v| *v).await;
            })
            .await
        });
        // Status changes go to the top bar.
        let (s, p, mut halt) = (syncer.clone(), phone.clone(), stopped.clone());
        self.runtime.spawn(async move {
            let mut status = s.watch();
            loop {
                tokio::select! {
                    _ = halt.wait_for(|v| *v) => break,
                    changed = status.changed() => {
                        if changed.is_err() { break }
                        p.set_sync_status(status.borrow_and_update().clone());
                    }
                }
            }
        });
        // Every local edit wakes the loop so it is pushed at once.
        let (s, mut halt) = (syncer, stopped);
        let mut edits = phone.local_edits();
        self.runtime.spawn(async move {
            loop {
                tokio::select! {
                    _ = halt.wait_for(|v| *v) => break,
                    changed = edits.changed() => {
                        if changed.is_err() { break }
                        s.local_change();
                    }
                }
            }
        });
    }

    fn stop_live(&self) {
        if let Some(stop) = self.live.lock().unwrap_or_else(|e| e.into_inner()).take() {
            let _ = stop.send(true);
        }
    }

    /// Run `work` on the service's runtime and await its answer from any executor.
    fn run<T: Send + 'static>(
        &self,
        work: impl Future<Output = Result<T, ServiceError>> + Send + 'static,
    ) -> PairingFuture<T> {
        let (tx, rx) = oneshot::channel();
        self.runtime.spawn(async move {
            let _ = tx.send(work.await);
        });
        Box::pin(async move {
            rx.await.unwrap_or_else(|_| Err(ServiceError::new("Sync stopped. Please try again.")))
        })
    }
}

impl Drop for RelaySync {
    fn drop(&mut self) {
        self.stop_live();
    }
}

/// Pairing goes through `Arc<RelaySync>` so finished pairings can start live sync.
#[derive(Debug, Clone)]
pub struct RelayPairing(pub Arc<RelaySync>);

impl RelayPairing {
    /// Open an invitation (a new couple, or a replacement of the partner's lost phone), hand its
    /// code to the screen, and finish it once the partner joins.
    fn open_invitation(&self, replace: bool) -> PairingFuture<Invitation> {
        let service = self.0.clone();
        let relay = match service.relay() {
            Ok(r) => r,
            Err(e) => return Box::pin(async move { Err(e) }),
        };
        if replace {
            // Live sync pauses: the couple's keys change when the new phone joins, and a round
            // still running on the old keys must not write the new room's bookkeeping.
            service.stop_live();
        }
        let session = service.phone.session();
        let (code_tx, code_rx) = oneshot::channel::<Result<String, ServiceError>>();
        let (done_tx, done_rx) = oneshot::channel::<Result<(), ServiceError>>();
        let finished = service.clone();
        service.runtime.spawn(async move {
            let opened = if replace {
                sync::replace_partner_phone(&session, &relay).await
            } else {
                sync::invite(&session, &relay).await
            };
            let pending = match opened {
                Ok(p) => p,
                Err(e) => {
                    let _ = code_tx.send(Err(service_error(&e)));
                    if replace {
                        finished.start_live();
                    }
                    return;
                }
            };
            let code = pending.code();
            let nameplate = code.split('-').next().and_then(|n| n.parse().ok());
            if code_tx.send(Ok(code)).is_err() {
                pending.cancel().await;
                if replace {
                    finished.start_live();
                }
                return;
            }
            let mut done_tx = done_tx;
            tokio::select! {
                result = pending.finish() => {
                    let result = result.map(drop).map_err(|e| service_error(&e));
                    // Paired now (on the new keys, for a replacement), or a failed replacement
                    // still paired on the old ones.
                    if result.is_ok() || replace {
                        finished.start_live();
                    }
                    if result.is_ok() {
                        finished.phone.changed_elsewhere();
                    }
                    let _ = done_tx.send(result);
                }
                // The partner left the invite screen: close the code so it can't be used.
                _ = done_tx.closed() => {
                    if let Some(plate) = nameplate {
                        let _ = relay.close_nameplate(plate).await;
                    }
                    if replace {
                        finished.start_live();
                    }
                }
            }
        });
        Box::pin(async move {
            let code = code_rx
                .await
                .unwrap_or_else(|_| Err(ServiceError::new("Sync stopped. Please try again.")))?;
            let accepted: PairingFuture<()> = Box::pin(async move {
                done_rx.await.unwrap_or_else(|_| Err(ServiceError::new("The invitation was closed.")))
            });
            Ok(Invitation { code, accepted })
        })
    }
}

impl Pairing for RelayPairing {
    fn invite(&self) -> PairingFuture<Invitation> {
        self.open_invitation(false)
    }

    fn replace_partner_phone(&self) -> PairingFuture<Invitation> {
        self.open_invitation(true)
    }

    fn join(&self, code: String) -> PairingFuture<()> {
        let service = self.0.clone();
        let relay = match service.relay() {
            Ok(r) => r,
            Err(e) => return Box::pin(async move { Err(e) }),
        };
        let session = service.phone.session();
        service.clone().run(async move {
            sync::join_with_code(&session, &relay, &code).await.map_err(|e| service_error(&e))?;
            service.start_live();
            service.phone.changed_elsewhere();
            Ok(())
        })
    }

    fn unpair(&self, keep: KeepData) -> PairingFuture<()> {
        let service = self.0.clone();
        let relay = match service.relay() {
            Ok(r) => r,
            Err(e) => return Box::pin(async move { Err(e) }),
        };
        // Live sync pauses so it doesn't push into a room being deleted.
        service.stop_live();
        let session = service.phone.session();
        service.clone().run(async move {
            match sync::unpair(&session, &relay, keep == KeepData::Keep).await {
                Ok(_) => {
                    service.phone.set_sync_status(SyncStatus::default());
                    service.phone.changed_elsewhere();
                    Ok(())
                }
                Err(e) => {
                    // Refused (not merely offline): the keys are still here, so this phone is
                    // still paired. Sync goes on and the badge keeps telling the truth.
                    tracing::warn!("unpairing failed: {e}");
                    service.start_live();
                    service.phone.changed_elsewhere();
                    Err(service_error(&e))
                }
            }
        })
    }
}

/// A sync error as the sentence the screen shows.
fn service_error(e: &SyncError) -> ServiceError {
    ServiceError::new(e.user_message())
}
