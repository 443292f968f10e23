-- The audit trail's operation, checked by comparisons instead of a list.
-- A CHECK with IN and more than two constants is coded as a table built
-- on every insert, and an audit row is inserted by every write: on a
-- single value it was a quarter of the library's own work. Same rule,
-- same rows.
--
-- The table is made again (a CHECK cannot be altered). The library
-- migrates with foreign keys off (audit_scope refers to the trail) and
-- renames the old way, so that the triggers that write to the trail are
-- left as they are and find the new table by its name.
PRAGMA legacy_alter_table = ON;
CREATE TABLE audit_v22 (
    id    INTEGER PRIMARY KEY,
    at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    actor TEXT NOT NULL,
    tbl   TEXT NOT NULL,
    op    TEXT NOT NULL CHECK (op = 'insert' OR op = 'update' OR op = 'delete'
                               OR op = 'bulk' OR op = 'migrate'),
    key   TEXT,
    old   TEXT,   -- JSON object of the row before, or NULL
    new   TEXT    -- JSON object of the row after, or NULL
) STRICT;
INSERT INTO audit_v22 SELECT id, at, actor, tbl, op, key, old, new FROM audit;
DROP TABLE audit;
ALTER TABLE audit_v22 RENAME TO audit;
PRAGMA legacy_alter_table = OFF;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_bi BEFORE INSERT ON audit BEGIN
    SELECT upf_library(); END;
