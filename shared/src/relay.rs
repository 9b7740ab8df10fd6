//! The HTTP client for the relay: typed calls, every answer checked at the edge.

mod error;

pub use error::RelayError;

use crate::crypto::CoupleKeys;
use crate::protocol::{
    AppendResponse, BUNDLES_CONTENT_TYPE, BundleId, BundlePage, DEFAULT_MAX_SNAPSHOT_BYTES, ErrorBody,
    ErrorCode, MAX_BUNDLE_BYTES, MAX_LIST_LIMIT, MAX_PAIRING_MESSAGE_BYTES, MAX_WAIT_SECS, Nameplate,
    NameplateResponse, PairingSlot, RelayToken, RoomId, SEALED_CONTENT_TYPE, SNAPSHOT_SEQ_HEADER,
    SnapshotResponse,
};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use std::time::Duration;

/// How long to wait for a connection before calling the relay unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Time allowed for a request beyond any long-poll wait it asks for.
const REQUEST_SLACK: Duration = Duration::from_secs(20);

/// A client for one relay.
#[derive(Debug, Clone)]
pub struct RelayClient {
    base: String,
    http: reqwest::Client,
}

impl RelayClient {
    /// A client for the relay at `base_url` (`http://` or `https://`).
    pub fn new(base_url: &str) -> Result<Self, RelayError> {
        let base = normalize_relay_url(base_url)?;
        let http = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .user_agent(concat!("mend/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| RelayError::Unreachable(e.to_string()))?;
        Ok(Self { base, http })
    }

    /// The relay's base URL.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    fn request(&self, method: Method, path: &str, wait: Duration) -> RequestBuilder {
        self.http.request(method, format!("{}{path}", self.base)).timeout(wait + REQUEST_SLACK)
    }

    fn authed(&self, method: Method, path: &str, token: &RelayToken, wait: Duration) -> RequestBuilder {
        self.request(method, path, wait).header(reqwest::header::AUTHORIZATION, token.authorization())
    }

    /// Create the couple's room (idempotent).
    pub async fn create_room(&self, keys: &CoupleKeys) -> Result<(), RelayError> {
        let req = self.authed(Method::PUT, &room_path(&keys.room), &keys.token, Duration::ZERO);
        expect_ok(send(req).await?).await.map(drop)
    }

    /// Delete the couple's room and everything in it.
    pub async fn delete_room(&self, room: &RoomId, token: &RelayToken) -> Result<(), RelayError> {
        let req = self.authed(Method::DELETE, &room_path(room), token, Duration::ZERO);
        expect_ok(send(req).await?).await.map(drop)
    }

    /// Store a sealed bundle under `id`; storing the same id again is harmless.
    pub async fn put_bundle(
        &self,
        keys: &CoupleKeys,
        id: &BundleId,
        sealed: Vec<u8>,
    ) -> Result<AppendResponse, RelayError> {
        if sealed.len() > MAX_BUNDLE_BYTES {
            return Err(RelayError::TooLarge { len: sealed.len(), max: MAX_BUNDLE_BYTES });
        }
        let path = format!("{}/bundles/{id}", room_path(&keys.room));
        let req = self
            .authed(Method::PUT, &path, &keys.token, Duration::ZERO)
            .header(reqwest::header::CONTENT_TYPE, SEALED_CONTENT_TYPE)
            .body(sealed);
        json(expect_ok(send(req).await?).await?).await
    }

    /// Bundles after `after`, waiting up to `wait` for one to arrive if there are none.
    pub async fn list_bundles(
        &self,
        keys: &CoupleKeys,
        after: u64,
        limit: u32,
        wait: Duration,
    ) -> Result<BundlePage, RelayError> {
        let wait = wait.min(Duration::from_secs(MAX_WAIT_SECS));
        let path = format!(
            "{}/bundles?after={after}&limit={}&wait={}",
            room_path(&keys.room),
            limit.clamp(1, MAX_LIST_LIMIT),
            wait.as_secs()
        );
        let resp = expect_ok(send(self.authed(Method::GET, &path, &keys.token, wait)).await?).await?;
        let content_type = resp.headers().get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
        if content_type != Some(BUNDLES_CONTENT_TYPE) {
            return Err(RelayError::UnexpectedAnswer(format!("content type {content_type:?}")));
        }
        let body = resp.bytes().await.map_err(|e| RelayError::Unreachable(e.to_string()))?;
        let page = BundlePage::decode(&body)?;
        if page.bundles.first().is_some_and(|b| b.seq <= after) {
            return Err(RelayError::UnexpectedAnswer("a bundle at or before the cursor".into()));
        }
        Ok(page)
    }

    /// Upload a sealed snapshot covering the room up to `seq`.
    pub async fn put_snapshot(
        &self,
        keys: &CoupleKeys,
        seq: u64,
        sealed: Vec<u8>,
    ) -> Result<u64, RelayError> {
        let path = format!("{}/snapshot", room_path(&keys.room));
        let req = self
            .authed(Method::PUT, &path, &keys.token, Duration::ZERO)
            .header(reqwest::header::CONTENT_TYPE, SEALED_CONTENT_TYPE)
            .header(SNAPSHOT_SEQ_HEADER, seq.to_string())
            .body(sealed);
        let r: SnapshotResponse = json(expect_ok(send(req).await?).await?).await?;
        Ok(r.seq)
    }

    /// The room's snapshot and the sequence it covers, if there is one.
    pub async fn get_snapshot(&self, keys: &CoupleKeys) -> Result<Option<(u64, Vec<u8>)>, RelayError> {
        let path = format!("{}/snapshot", room_path(&keys.room));
        let resp = send(self.authed(Method::GET, &path, &keys.token, Duration::ZERO)).await?;
        if resp.status() == StatusCode::NOT_FOUND {
            let err = error_of(resp).await;
            return match err {
                RelayError::Refused { code: Some(ErrorCode::NoSnapshot), .. } => Ok(None),
                other => Err(other),
            };
        }
        let resp = expect_ok(resp).await?;
        let seq = resp
            .headers()
            .get(SNAPSHOT_SEQ_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
            .ok_or_else(|| RelayError::UnexpectedAnswer("a snapshot without its sequence".into()))?;
        let body = resp.bytes().await.map_err(|e| RelayError::Unreachable(e.to_string()))?;
        if body.len() > DEFAULT_MAX_SNAPSHOT_BYTES * 4 {
            return Err(RelayError::TooLarge { len: body.len(), max: DEFAULT_MAX_SNAPSHOT_BYTES * 4 });
        }
        Ok(Some((seq, body.to_vec())))
    }

    /// Allocate a pairing nameplate.
    pub async fn allocate_nameplate(&self) -> Result<Nameplate, RelayError> {
        let r: NameplateResponse =
            json(expect_ok(send(self.request(Method::POST, "/v1/pairing", Duration::ZERO)).await?).await?)
                .await?;
        Ok(r.nameplate)
    }

    /// Write one pairing slot.
    pub async fn put_slot(
        &self,
        nameplate: Nameplate,
        slot: PairingSlot,
        message: Vec<u8>,
    ) -> Result<(), RelayError> {
        if message.len() > MAX_PAIRING_MESSAGE_BYTES {
            return Err(RelayError::TooLarge { len: message.len(), max: MAX_PAIRING_MESSAGE_BYTES });
        }
        let req = self
            .request(Method::PUT, &format!("/v1/pairing/{nameplate}/{slot}"), Duration::ZERO)
            .header(reqwest::header::CONTENT_TYPE, SEALED_CONTENT_TYPE)
            .body(message);
        expect_ok(send(req).await?).await.map(drop)
    }

    /// Read one pairing slot, waiting up to `wait` for it to be written; `None` if still empty.
    pub async fn get_slot(
        &self,
        nameplate: Nameplate,
        slot: PairingSlot,
        wait: Duration,
    ) -> Result<Option<Vec<u8>>, RelayError> {
        let wait = wait.min(Duration::from_secs(MAX_WAIT_SECS));
        let path = format!("/v1/pairing/{nameplate}/{slot}?wait={}", wait.as_secs());
        let resp = expect_ok(send(self.request(Method::GET, &path, wait)).await?).await?;
        if resp.status() == StatusCode::NO_CONTENT {
            return Ok(None);
        }
        let body = resp.bytes().await.map_err(|e| RelayError::Unreachable(e.to_string()))?;
        if body.is_empty() || body.len() > MAX_PAIRING_MESSAGE_BYTES {
            return Err(RelayError::UnexpectedAnswer(format!("a pairing message of {} bytes", body.len())));
        }
        Ok(Some(body.to_vec()))
    }

    /// Close a nameplate so it can't be used again.
    pub async fn close_nameplate(&self, nameplate: Nameplate) -> Result<(), RelayError> {
        let req = self.request(Method::DELETE, &format!("/v1/pairing/{nameplate}"), Duration::ZERO);
        match expect_ok(send(req).await?).await {
            Ok(_) | Err(RelayError::NameplateGone) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

fn room_path(room: &RoomId) -> String {
    format!("/v1/rooms/{room}")
}

/// Check a relay address and return it cleaned for storing (no trailing slash), or say what is
/// wrong with it in words the settings screen can show.
pub fn normalize_relay_url(text: &str) -> Result<String, RelayError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(RelayError::BadUrl("can't be empty".into()));
    }
    let url = reqwest::Url::parse(text)
        .map_err(|_| RelayError::BadUrl("should look like https://relay.example.org".into()))?;
    if !matches!(url.scheme(), "https" | "http") {
        return Err(RelayError::BadUrl("should start with https://".into()));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(RelayError::BadUrl("needs a host name".into()));
    }
    if url.query().is_some()
        || url.fragment().is_some()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(RelayError::BadUrl("can't contain a query, a fragment or a user name".into()));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

async fn send(req: RequestBuilder) -> Result<Response, RelayError> {
    req.send().await.map_err(|e| RelayError::Unreachable(e.without_url().to_string()))
}

async fn expect_ok(resp: Response) -> Result<Response, RelayError> {
    if resp.status().is_success() { Ok(resp) } else { Err(error_of(resp).await) }
}

async fn json<T: serde::de::DeserializeOwned>(resp: Response) -> Result<T, RelayError> {
    let body = resp.bytes().await.map_err(|e| RelayError::Unreachable(e.to_string()))?;
    serde_json::from_slice(&body).map_err(|e| RelayError::UnexpectedAnswer(format!("malformed JSON: {e}")))
}

/// Turn an error answer into a [`RelayError`], reading the relay's JSON error body.
async fn error_of(resp: Response) -> RelayError {
    let status = resp.status();
    let retry_after = resp
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let body: Option<ErrorBody> = match resp.bytes().await {
        Ok(b) => serde_json::from_slice(&b).ok(),
        Err(_) => None,
    };
    let code = body.as_ref().and_then(ErrorBody::code);
    match code {
        Some(ErrorCode::Unauthorized) => RelayError::Unauthorized,
        Some(ErrorCode::SnapshotRequired) => RelayError::SnapshotRequired,
        Some(ErrorCode::CursorAhead) => RelayError::CursorAhead,
        Some(ErrorCode::UnknownNameplate | ErrorCode::NameplateClosed) => RelayError::NameplateGone,
        Some(ErrorCode::SlotTaken) => RelayError::SlotTaken,
        Some(ErrorCode::StaleSnapshot) => RelayError::StaleSnapshot,
        Some(ErrorCode::RateLimited) => {
            RelayError::RateLimited { retry_after_secs: retry_after.unwrap_or(5) }
        }
        Some(ErrorCode::QuotaExceeded) => RelayError::Full,
        _ if status == StatusCode::INSUFFICIENT_STORAGE => RelayError::Full,
        _ if status == StatusCode::SERVICE_UNAVAILABLE && retry_after.is_some() => {
            RelayError::Unavailable { retry_after_secs: retry_after.unwrap_or(1) }
        }
        _ => RelayError::Refused {
            status: status.as_u16(),
            code,
            message: body.map(|b| b.message).unwrap_or_else(|| format!("HTTP {status}")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relay_addresses_are_checked_before_use() {
        assert_eq!(normalize_relay_url(" https://relay.example.org/ ").unwrap(), "https://relay.example.org");
        assert_eq!(normalize_relay_url("http://127.0.0.1:8787").unwrap(), "http://127.0.0.1:8787");
        let bad = |u: &str| normalize_relay_url(u).unwrap_err().to_string();
        assert_eq!(bad(""), "the relay address can't be empty");
        assert_eq!(bad("relay.example.org"), "the relay address should look like https://relay.example.org");
        assert_eq!(bad("ftp://relay.example.org"), "the relay address should start with https://");
        assert_eq!(
            bad("https://relay.example.org/?x=1"),
            "the relay address can't contain a query, a fragment or a user name"
        );
        assert_eq!(
            bad("https://ana@relay.example.org"),
            "the relay address can't contain a query, a fragment or a user name"
        );
    }
}
