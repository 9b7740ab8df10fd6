//! Access-log spans: the method, the route template and a short tag of the room, never the raw
//! path or query. A room id is the address of a couple's data, so logs carry only a 32-bit tag
//! of it: enough to follow one room through the logs, too short to name it.

use axum::extract::MatchedPath;
use axum::http::Request;
use sha2::{Digest, Sha256};
use tracing::Span;

/// The span every request is logged under.
pub fn span<B>(req: &Request<B>) -> Span {
    let route = req.extensions().get::<MatchedPath>().map_or("unmatched", MatchedPath::as_str);
    let room = route.starts_with("/v1/rooms/").then(|| room_tag(req.uri().path())).flatten();
    tracing::info_span!(
        "request",
        method = %req.method(),
        route = %route,
        room = %room.as_deref().unwrap_or("-"),
    )
}

/// Eight hex digits of the SHA-256 of the path's room segment.
fn room_tag(path: &str) -> Option<String> {
    let segment = path.strip_prefix("/v1/rooms/")?.split('/').next()?;
    Some(hex::encode(&Sha256::digest(segment.as_bytes())[..4]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_room_tag_is_short_stable_and_not_the_id() {
        let id = "ab".repeat(32);
        let tag = room_tag(&format!("/v1/rooms/{id}/bundles")).unwrap();
        assert_eq!(tag.len(), 8);
        assert_eq!(room_tag(&format!("/v1/rooms/{id}")), Some(tag.clone()));
        assert!(!id.contains(&tag));
        assert_ne!(room_tag(&format!("/v1/rooms/{}", "cd".repeat(32))), Some(tag));
        assert_eq!(room_tag("/v1/pairing/12"), None);
    }
}
