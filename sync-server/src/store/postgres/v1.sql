-- Mend relay on PostgreSQL, schema version 1: everything the relay keeps, for any number of relay
-- processes. The rarer operations (rooms, snapshots, the pairing mailbox) are functions here, so
-- each is one round trip and one transaction; appends are stored in batches by the relay itself
-- (store/postgres/appender.rs), under the same rule as everything here: a room's row lock,
-- taken first, orders every change to the room, from whichever process.

CREATE TABLE mend_meta (
    name  text  PRIMARY KEY,
    value bytea NOT NULL
);

CREATE TABLE rooms (
    key          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           bytea  NOT NULL UNIQUE CHECK (length(id) = 32),
    token_hash   bytea  NOT NULL CHECK (length(token_hash) = 32),
    latest_seq   bigint NOT NULL DEFAULT 0,
    snapshot_seq bigint NOT NULL DEFAULT 0,
    used_bytes   bigint NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now(),
    -- When anyone last used the room, in milliseconds since the Unix epoch, for idle expiry (reads
    -- write it only once it has grown stale, so most reads stay reads).
    active_at    bigint NOT NULL DEFAULT (extract(epoch FROM now()) * 1000)::bigint
) WITH (fillfactor = 50);  -- room on each page for HOT updates of the hot columns
CREATE INDEX rooms_by_activity ON rooms (active_at);

CREATE TABLE bundles (
    room  bigint NOT NULL,
    seq   bigint NOT NULL,
    id    bytea  NOT NULL,
    bytes bytea  NOT NULL,
    PRIMARY KEY (room, seq)
);
-- Sealed bytes do not compress: large ones go out of line without a compression attempt.
ALTER TABLE bundles ALTER COLUMN bytes SET STORAGE EXTERNAL;

-- Every id a room ever stored, kept when a snapshot drops the bundle, so a late re-upload is still a duplicate.
CREATE TABLE bundle_ids (
    room bigint NOT NULL,
    id   bytea  NOT NULL,
    seq  bigint NOT NULL,
    PRIMARY KEY (room, id)
);

CREATE TABLE snapshots (
    room  bigint PRIMARY KEY,
    seq   bigint NOT NULL,
    bytes bytea  NOT NULL
);
ALTER TABLE snapshots ALTER COLUMN bytes SET STORAGE EXTERNAL;

-- Relay-wide totals for --max-rooms and --max-stored-bytes, spread over rows by backend process so
-- that concurrent writers almost never wait on one row; the totals are the sums.
CREATE TABLE usage (
    shard integer PRIMARY KEY,
    rooms bigint  NOT NULL DEFAULT 0,
    bytes bigint  NOT NULL DEFAULT 0
) WITH (fillfactor = 50);
INSERT INTO usage (shard) SELECT generate_series(0, 255);

-- The pairing mailbox. A row exists while its number is open or quarantined (until free_at).
CREATE TABLE nameplates (
    nameplate  integer     PRIMARY KEY CHECK (nameplate BETWEEN 1 AND 9999),
    -- A keyed hash of the allocating client's address, for the per-client cap.
    client     bytea       NOT NULL,
    expires_at timestamptz NOT NULL,
    free_at    timestamptz NOT NULL,
    -- 'open', 'closed' (by a phone, or every message delivered: waiters get 410) or 'expired'.
    state      text        NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed', 'expired')),
    -- One bit per slot (a1, b1, a2, b2) read at least once.
    delivered  integer     NOT NULL DEFAULT 0,
    a1 bytea, b1 bytea, a2 bytea, b2 bytea
);
CREATE INDEX nameplates_by_client ON nameplates (client);

-- Now in milliseconds since the Unix epoch, the unit of rooms.active_at.
CREATE FUNCTION mend_now_ms() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT (extract(epoch FROM now()) * 1000)::bigint $$;

-- The shard of `usage` this backend process updates.
CREATE FUNCTION mend_shard() RETURNS integer LANGUAGE sql STABLE AS $$ SELECT pg_backend_pid() % 256 $$;

CREATE FUNCTION mend_create_room(p_room bytea, p_token bytea, p_max_rooms bigint, OUT outcome text)
LANGUAGE plpgsql AS $$
DECLARE
    stored bytea;
BEGIN
    SELECT token_hash INTO stored FROM rooms WHERE id = p_room;
    IF FOUND THEN
        outcome := CASE WHEN stored = p_token THEN 'existed' ELSE 'unauthorized' END;
        RETURN;
    END IF;
    IF p_max_rooms > 0 AND (SELECT sum(u.rooms) FROM usage u) >= p_max_rooms THEN
        outcome := 'full';
        RETURN;
    END IF;
    INSERT INTO rooms (id, token_hash) VALUES (p_room, p_token) ON CONFLICT (id) DO NOTHING;
    IF NOT FOUND THEN
        -- Another relay process created it first (this insert waited for its commit).
        SELECT token_hash INTO stored FROM rooms WHERE id = p_room;
        outcome := CASE WHEN stored = p_token THEN 'existed' ELSE 'unauthorized' END;
        RETURN;
    END IF;
    UPDATE usage SET rooms = rooms + 1 WHERE shard = mend_shard();
    outcome := 'created';
END $$;

-- Remove a locked room and everything in it.
CREATE FUNCTION mend_drop_room(p_key bigint, p_used bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM bundles WHERE room = p_key;
    DELETE FROM bundle_ids WHERE room = p_key;
    DELETE FROM snapshots WHERE room = p_key;
    DELETE FROM rooms WHERE key = p_key;
    UPDATE usage SET rooms = rooms - 1, bytes = bytes - p_used WHERE shard = mend_shard();
END $$;

CREATE FUNCTION mend_delete_room(p_room bytea, p_token bytea, OUT outcome text)
LANGUAGE plpgsql AS $$
DECLARE
    r rooms%ROWTYPE;
BEGIN
    -- The row lock waits out appends in flight on any relay process.
    SELECT * INTO r FROM rooms WHERE id = p_room FOR UPDATE;
    IF NOT FOUND OR r.token_hash <> p_token THEN
        outcome := 'unauthorized';
        RETURN;
    END IF;
    PERFORM mend_drop_room(r.key, r.used_bytes);
    outcome := 'deleted';
END $$;

CREATE FUNCTION mend_put_snapshot(
    p_room bytea, p_token bytea, p_seq bigint, p_bytes bytea, p_quota bigint, p_cap bigint,
    OUT outcome text, OUT o_latest bigint, OUT o_snapshot bigint)
LANGUAGE plpgsql AS $$
DECLARE
    r rooms%ROWTYPE;
    freed bigint;
    old bigint;
    used bigint;
BEGIN
    o_latest := 0;
    o_snapshot := 0;
    SELECT * INTO r FROM rooms WHERE id = p_room FOR UPDATE;
    IF NOT FOUND OR r.token_hash <> p_token THEN
        outcome := 'unauthorized';
        RETURN;
    END IF;
    o_latest := r.latest_seq;
    o_snapshot := r.snapshot_seq;
    IF p_seq = 0 OR p_seq > r.latest_seq THEN
        outcome := 'bad_seq';
        RETURN;
    END IF;
    IF p_seq <= r.snapshot_seq THEN
        outcome := 'stale';
        RETURN;
    END IF;
    SELECT coalesce(sum(length(b.bytes)), 0) INTO freed FROM bundles b WHERE b.room = r.key AND b.seq <= p_seq;
    SELECT length(s.bytes) INTO old FROM snapshots s WHERE s.room = r.key;
    used := r.used_bytes - freed - coalesce(old, 0) + length(p_bytes);
    IF used > p_quota THEN
        outcome := 'quota';
        RETURN;
    END IF;
    IF p_cap > 0 AND used > r.used_bytes
        AND (SELECT sum(u.bytes) FROM usage u) + (used - r.used_bytes) > p_cap THEN
        outcome := 'full';
        RETURN;
    END IF;
    DELETE FROM bundles b WHERE b.room = r.key AND b.seq <= p_seq;
    INSERT INTO snapshots (room, seq, bytes) VALUES (r.key, p_seq, p_bytes)
        ON CONFLICT (room) DO UPDATE SET seq = excluded.seq, bytes = excluded.bytes;
    UPDATE rooms SET snapshot_seq = p_seq, used_bytes = used, active_at = mend_now_ms() WHERE key = r.key;
    UPDATE usage SET bytes = bytes + (used - r.used_bytes) WHERE shard = mend_shard();
    outcome := 'stored';
END $$;

-- Up to `p_limit` rooms nobody used for `p_idle_ms`, deleted with everything in them; their ids
-- are returned. Rooms another transaction holds (an append in flight) are left for the next pass.
CREATE FUNCTION mend_expire_rooms(p_idle_ms bigint, p_limit integer) RETURNS SETOF bytea
LANGUAGE plpgsql AS $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT key, id, used_bytes FROM rooms WHERE active_at < mend_now_ms() - p_idle_ms
             ORDER BY active_at LIMIT p_limit FOR UPDATE SKIP LOCKED LOOP
        PERFORM mend_drop_room(r.key, r.used_bytes);
        RETURN NEXT r.id;
    END LOOP;
END $$;

CREATE FUNCTION mend_write_slot(p_nameplate integer, p_slot integer, p_message bytea) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    n nameplates%ROWTYPE;
BEGIN
    SELECT * INTO n FROM nameplates
        WHERE nameplate = p_nameplate AND state = 'open' AND expires_at > now() FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 'unknown';
    END IF;
    IF (ARRAY[n.a1, n.b1, n.a2, n.b2])[p_slot + 1] IS NOT NULL THEN
        RETURN 'taken';
    END IF;
    UPDATE nameplates SET
        a1 = CASE WHEN p_slot = 0 THEN p_message ELSE a1 END,
        b1 = CASE WHEN p_slot = 1 THEN p_message ELSE b1 END,
        a2 = CASE WHEN p_slot = 2 THEN p_message ELSE a2 END,
        b2 = CASE WHEN p_slot = 3 THEN p_message ELSE b2 END
        WHERE nameplate = p_nameplate;
    RETURN 'written';
END $$;

-- Read a slot. Delivering the last of the four messages completes the exchange and retires the
-- nameplate for good (its messages are dropped, its number quarantined for `p_quarantine_secs`).
CREATE FUNCTION mend_read_slot(
    p_nameplate integer, p_slot integer, p_quarantine_secs double precision,
    OUT outcome text, OUT message bytea, OUT expires_in double precision)
LANGUAGE plpgsql AS $$
DECLARE
    n nameplates%ROWTYPE;
    d integer;
BEGIN
    expires_in := 0;
    SELECT * INTO n FROM nameplates WHERE nameplate = p_nameplate FOR UPDATE;
    IF NOT FOUND OR n.free_at <= now() THEN
        outcome := 'unknown';
        RETURN;
    END IF;
    IF n.state = 'closed' THEN
        outcome := 'closed';
        RETURN;
    END IF;
    IF n.state <> 'open' OR n.expires_at <= now() THEN
        outcome := 'unknown';
        RETURN;
    END IF;
    expires_in := extract(epoch FROM n.expires_at - now());
    message := (ARRAY[n.a1, n.b1, n.a2, n.b2])[p_slot + 1];
    IF message IS NULL THEN
        outcome := 'empty';
        RETURN;
    END IF;
    outcome := 'ready';
    d := n.delivered | (1 << p_slot);
    IF d = 15 THEN
        UPDATE nameplates SET state = 'closed', delivered = d,
            free_at = now() + make_interval(secs => p_quarantine_secs),
            a1 = NULL, b1 = NULL, a2 = NULL, b2 = NULL
            WHERE nameplate = p_nameplate;
        outcome := 'completed';
    ELSIF d <> n.delivered THEN
        UPDATE nameplates SET delivered = d WHERE nameplate = p_nameplate;
    END IF;
END $$;
