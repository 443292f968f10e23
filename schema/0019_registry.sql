-- Which registry this is. A municipality runs one registry of its own; a
-- private provider may run another, made from the municipality's
-- organisation (upf_org_import), which records only for that provider and
-- reports to the municipality's registry.
--
-- uid is made once, when the registry is created or migrated to this
-- version: 32 hex digits, the same in every copy of the file; a
-- provider's registry takes the uid the municipality's gave it when it
-- exported the organisation for it. A provider's registry names its
-- provider and the uid of the registry it reports to; a municipality's
-- names neither. id_base: where the ids of the records it makes begin
-- (deviations, actions, reviews, correction requests), so that they never
-- meet another registry's: 0 in a municipality's, k * 2^32 in its k-th
-- provider's registry.
CREATE TABLE registry (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    uid         TEXT NOT NULL CHECK (length(uid) = 32),
    provider_id INTEGER REFERENCES provider (id),
    reports_to  TEXT CHECK (reports_to IS NULL OR length(reports_to) = 32),
    id_base     INTEGER NOT NULL DEFAULT 0,
    CHECK ((provider_id IS NULL) = (reports_to IS NULL))
) STRICT;
INSERT INTO registry (id, uid) VALUES (1, lower(hex(randomblob(16))));

-- A registry becomes a provider's once, and is never anything else again.
CREATE TRIGGER registry_bi BEFORE INSERT ON registry BEGIN
    SELECT upf_library(); END;
CREATE TRIGGER registry_bu BEFORE UPDATE ON registry
WHEN OLD.provider_id IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a registry''s identity never changes'); END;
CREATE TRIGGER registry_au AFTER UPDATE ON registry BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'registry', 'update',
        NEW.uid, upf_audit_row('uid', OLD.uid, 'provider', NULL, 'reports_to', NULL),
        upf_audit_row('uid', NEW.uid,
                      'provider', (SELECT code FROM provider WHERE id = NEW.provider_id),
                      'reports_to', NEW.reports_to, 'id_base', NEW.id_base)); END;
CREATE TRIGGER registry_bd BEFORE DELETE ON registry
BEGIN SELECT RAISE(ABORT, 'a registry''s identity never changes'); END;
