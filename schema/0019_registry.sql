-- Which registry this is. A municipality runs one registry of its own; a
-- private provider may run another, made from the municipality's
-- organisation (upf_org_import), which records only for that provider and
-- reports to the municipality's registry.
--
-- uid is made once, when the registry is created or migrated to this
-- version: 32 hex digits, the same in every copy of the file. A
-- provider's registry names its provider and the uid of the registry it
-- reports to; a municipality's names neither.
CREATE TABLE registry (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    uid         TEXT NOT NULL CHECK (length(uid) = 32),
    provider_id INTEGER REFERENCES provider (id),
    reports_to  TEXT CHECK (reports_to IS NULL OR length(reports_to) = 32),
    CHECK ((provider_id IS NULL) = (reports_to IS NULL))
) STRICT;
INSERT INTO registry (id, uid) VALUES (1, lower(hex(randomblob(16))));

-- A registry becomes a provider's once, and is never anything else again.
CREATE TRIGGER registry_bi BEFORE INSERT ON registry BEGIN
    SELECT upf_library(); END;
CREATE TRIGGER registry_bu BEFORE UPDATE ON registry
WHEN OLD.provider_id IS NOT NULL OR NEW.uid IS NOT OLD.uid
BEGIN SELECT RAISE(ABORT, 'a registry''s identity never changes'); END;
CREATE TRIGGER registry_au AFTER UPDATE ON registry BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'registry', 'update',
        NEW.uid, upf_audit_row('provider', NULL, 'reports_to', NULL),
        upf_audit_row('provider', (SELECT code FROM provider WHERE id = NEW.provider_id),
                      'reports_to', NEW.reports_to)); END;
CREATE TRIGGER registry_bd BEFORE DELETE ON registry
BEGIN SELECT RAISE(ABORT, 'a registry''s identity never changes'); END;
