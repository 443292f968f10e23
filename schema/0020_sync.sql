-- Changesets: what a provider's registry recorded travels to the
-- municipality's as SQLite session changesets (lib/sync.c).

-- In the municipality's registry: the provider registries it made
-- organisations for (upf_org_export), each with its number, whose ids
-- begin at number * 2^32.
CREATE TABLE sync_peer (
    uid         TEXT PRIMARY KEY CHECK (length(uid) = 32),
    number      INTEGER NOT NULL UNIQUE CHECK (number > 0),
    provider_id INTEGER NOT NULL REFERENCES provider (id),
    made_on     TEXT NOT NULL
) STRICT;

-- In the municipality's: each changeset applied, whole, kept so that
-- every row it changed can be traced to it.
CREATE TABLE sync_applied (
    sha256     TEXT PRIMARY KEY,
    peer       TEXT NOT NULL REFERENCES sync_peer (uid),
    seq_from   INTEGER NOT NULL,
    seq_to     INTEGER NOT NULL CHECK (seq_to >= seq_from),
    audit_id   INTEGER NOT NULL REFERENCES audit (id),
    applied_on TEXT NOT NULL,
    changeset  BLOB NOT NULL
) STRICT;

-- In a provider's registry: every write's changes, in order, as the
-- session recorded them; and the exports made of them.
CREATE TABLE sync_change (
    seq       INTEGER PRIMARY KEY,
    changeset BLOB NOT NULL
) STRICT;
CREATE TABLE sync_export (
    id          INTEGER PRIMARY KEY,
    seq_from    INTEGER NOT NULL,
    seq_to      INTEGER NOT NULL CHECK (seq_to >= seq_from),
    sha256      TEXT NOT NULL,
    exported_on TEXT NOT NULL
) STRICT;

-- Written by the library only, and never changed: the library audits
-- each export and apply with one entry of its own.
CREATE TRIGGER sync_peer_bi BEFORE INSERT ON sync_peer BEGIN SELECT upf_library(); END;
CREATE TRIGGER sync_peer_bu BEFORE UPDATE ON sync_peer
BEGIN SELECT RAISE(ABORT, 'the sync records are append-only'); END;
CREATE TRIGGER sync_peer_bd BEFORE DELETE ON sync_peer
BEGIN SELECT RAISE(ABORT, 'the sync records are append-only'); END;
CREATE TRIGGER sync_applied_bi BEFORE INSERT ON sync_applied BEGIN SELECT upf_library(); END;
CREATE TRIGGER sync_applied_bu BEFORE UPDATE ON sync_applied
BEGIN SELECT RAISE(ABORT, 'the sync records are append-only'); END;
CREATE TRIGGER sync_applied_bd BEFORE DELETE ON sync_applied
BEGIN SELECT RAISE(ABORT, 'the sync records are append-only'); END;
CREATE TRIGGER sync_change_bi BEFORE INSERT ON sync_change BEGIN SELECT upf_library(); END;
CREATE TRIGGER sync_change_bu BEFORE UPDATE ON sync_change
BEGIN SELECT RAISE(ABORT, 'the sync records are append-only'); END;
CREATE TRIGGER sync_change_bd BEFORE DELETE ON sync_change
BEGIN SELECT RAISE(ABORT, 'the sync records are append-only'); END;
CREATE TRIGGER sync_export_bi BEFORE INSERT ON sync_export BEGIN SELECT upf_library(); END;
CREATE TRIGGER sync_export_bu BEFORE UPDATE ON sync_export
BEGIN SELECT RAISE(ABORT, 'the sync records are append-only'); END;
CREATE TRIGGER sync_export_bd BEFORE DELETE ON sync_export
BEGIN SELECT RAISE(ABORT, 'the sync records are append-only'); END;
