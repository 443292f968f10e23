-- The registry core: the audit trail and the organisation model.
--
-- Every table is STRICT. Codes are the users' stable keys; ids are
-- internal. Dates are ISO 8601 text ('YYYY-MM-DD'), which compares in
-- date order.

-- The audit trail: every write, with its actor. Append-only.
CREATE TABLE audit (
    id    INTEGER PRIMARY KEY,
    at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    actor TEXT NOT NULL,
    tbl   TEXT NOT NULL,
    op    TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'bulk', 'migrate')),
    key   TEXT,
    old   TEXT,   -- JSON object of the row before, or NULL
    new   TEXT    -- JSON object of the row after, or NULL
) STRICT;
-- No index on at: the trail is read rarely and in order, and an index
-- would cost every write of the registry a second B-tree insert.

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

CREATE TABLE committee (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
) STRICT;

CREATE TABLE provider (
    id     INTEGER PRIMARY KEY,
    code   TEXT NOT NULL UNIQUE,
    name   TEXT NOT NULL,
    regime TEXT NOT NULL CHECK (regime IN ('in_house', 'private'))
) STRICT;

CREATE TABLE service_area (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
) STRICT;

CREATE TABLE assignment (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    committee_id INTEGER NOT NULL REFERENCES committee (id),
    provider_id  INTEGER NOT NULL REFERENCES provider (id),
    kind         TEXT NOT NULL CHECK (kind IN ('assignment', 'contract')),
    valid_from   TEXT NOT NULL,
    valid_to     TEXT CHECK (valid_to IS NULL OR valid_to >= valid_from)
) STRICT;
CREATE INDEX assignment_committee ON assignment (committee_id);
CREATE INDEX assignment_provider ON assignment (provider_id);

-- A unit: level 2 (an aggregated part of an assignment, with its service
-- area) or level 3 (where the service is given). Where a unit belongs is
-- in membership, never here, because it changes over time.
CREATE TABLE unit (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    level   INTEGER NOT NULL CHECK (level IN (2, 3)),
    area_id INTEGER REFERENCES service_area (id),
    CHECK ((level = 2) = (area_id IS NOT NULL))
) STRICT;

-- Where a unit belongs from a date on: a level-2 unit under an
-- assignment, a level-3 unit under a level-2 unit. A membership lasts
-- until the day before the unit's next one, so a move only ever adds a
-- row: history is never rewritten.
CREATE TABLE membership (
    unit_id       INTEGER NOT NULL REFERENCES unit (id),
    valid_from    TEXT NOT NULL,
    assignment_id INTEGER REFERENCES assignment (id),
    parent_id     INTEGER REFERENCES unit (id),
    PRIMARY KEY (unit_id, valid_from),
    CHECK ((assignment_id IS NULL) <> (parent_id IS NULL))
) STRICT, WITHOUT ROWID;
CREATE INDEX membership_parent ON membership (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX membership_assignment ON membership (assignment_id) WHERE assignment_id IS NOT NULL;

CREATE TRIGGER membership_no_update BEFORE UPDATE ON membership
BEGIN SELECT RAISE(ABORT, 'a membership is never rewritten; move the unit instead'); END;

-- Each membership with its end: the day before the unit's next one.
CREATE VIEW membership_span AS
SELECT m.unit_id, m.assignment_id, m.parent_id, m.valid_from,
       date(lead(m.valid_from) OVER (PARTITION BY m.unit_id ORDER BY m.valid_from),
            '-1 day') AS valid_to
FROM membership m;

-- Where every unit stood, span by span: its level-2 unit, assignment,
-- committee, provider and service area. A level-3 span is cut where its
-- level-2 parent moved, and every span ends with its assignment: a unit
-- under a contract that has ended is no longer active. "The parent of
-- unit U on date D" and "the units under node N during a period" are
-- queries on this view.
CREATE VIEW unit_lineage AS
WITH l2 AS (
    SELECT s.unit_id, s.unit_id AS l2_id, s.assignment_id,
           s.valid_from, coalesce(s.valid_to, '9999-12-31') AS valid_to
    FROM membership_span s WHERE s.assignment_id IS NOT NULL
), spans AS (
    SELECT unit_id, 2 AS level, NULL AS parent_id, l2_id, assignment_id,
           valid_from, valid_to
    FROM l2
    UNION ALL
    SELECT c.unit_id, 3, c.parent_id, p.l2_id, p.assignment_id,
           max(c.valid_from, p.valid_from),
           min(coalesce(c.valid_to, '9999-12-31'), p.valid_to)
    FROM membership_span c JOIN l2 p ON p.unit_id = c.parent_id
    WHERE p.valid_from <= coalesce(c.valid_to, '9999-12-31')
      AND p.valid_to >= c.valid_from
), clipped AS (
    SELECT s.unit_id, s.level, s.parent_id, s.l2_id, s.assignment_id,
           a.committee_id, a.provider_id,
           max(s.valid_from, a.valid_from) AS valid_from,
           min(s.valid_to, coalesce(a.valid_to, '9999-12-31')) AS valid_to
    FROM spans s JOIN assignment a ON a.id = s.assignment_id
)
SELECT c.unit_id, c.level, c.parent_id, c.l2_id, c.assignment_id,
       c.committee_id, c.provider_id, u2.area_id, c.valid_from,
       nullif(c.valid_to, '9999-12-31') AS valid_to
FROM clipped c JOIN unit u2 ON u2.id = c.l2_id
WHERE c.valid_from <= c.valid_to;

-- The service areas of the seeds; municipalities add their own.
INSERT INTO service_area (code, name) VALUES
    ('hemtjanst', 'Hemtjänst'),
    ('sarskilt_boende', 'Särskilt boende'),
    ('korttid', 'Korttidsboende'),
    ('dagverksamhet', 'Dagverksamhet äldre'),
    ('lss_bostad', 'LSS-bostad'),
    ('daglig_verksamhet', 'Daglig verksamhet'),
    ('personlig_assistans', 'Personlig assistans'),
    ('socialpsykiatri', 'Socialpsykiatri'),
    ('ifo_barn_unga', 'IFO barn och unga'),
    ('ifo_vuxna', 'IFO vuxna och missbruk'),
    ('ekonomiskt_bistand', 'Ekonomiskt bistånd');

-- Audit triggers: every write to the organisation leaves a row in audit.
CREATE TRIGGER committee_ai AFTER INSERT ON committee BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'committee', 'insert', NEW.code,
        upf_audit_row('code', NEW.code, 'name', NEW.name)); END;
CREATE TRIGGER committee_au AFTER UPDATE ON committee BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'committee', 'update', NEW.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name),
        upf_audit_row('code', NEW.code, 'name', NEW.name)); END;
CREATE TRIGGER committee_ad AFTER DELETE ON committee BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'committee', 'delete', OLD.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name)); END;

CREATE TRIGGER provider_ai AFTER INSERT ON provider BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'provider', 'insert', NEW.code,
        upf_audit_row('code', NEW.code, 'name', NEW.name, 'regime', NEW.regime)); END;
CREATE TRIGGER provider_au AFTER UPDATE ON provider BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'provider', 'update', NEW.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name, 'regime', OLD.regime),
        upf_audit_row('code', NEW.code, 'name', NEW.name, 'regime', NEW.regime)); END;
CREATE TRIGGER provider_ad AFTER DELETE ON provider BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'provider', 'delete', OLD.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name, 'regime', OLD.regime)); END;

CREATE TRIGGER service_area_ai AFTER INSERT ON service_area BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'service_area', 'insert', NEW.code,
        upf_audit_row('code', NEW.code, 'name', NEW.name)); END;
CREATE TRIGGER service_area_au AFTER UPDATE ON service_area BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'service_area', 'update', NEW.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name),
        upf_audit_row('code', NEW.code, 'name', NEW.name)); END;
CREATE TRIGGER service_area_ad AFTER DELETE ON service_area BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'service_area', 'delete', OLD.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name)); END;

CREATE TRIGGER assignment_ai AFTER INSERT ON assignment BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'assignment', 'insert', NEW.code,
        upf_audit_row('code', NEW.code, 'name', NEW.name,
            'committee', (SELECT code FROM committee WHERE id = NEW.committee_id),
            'provider', (SELECT code FROM provider WHERE id = NEW.provider_id),
            'kind', NEW.kind, 'valid_from', NEW.valid_from, 'valid_to', NEW.valid_to)); END;
CREATE TRIGGER assignment_au AFTER UPDATE ON assignment BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'assignment', 'update', NEW.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name,
            'committee', (SELECT code FROM committee WHERE id = OLD.committee_id),
            'provider', (SELECT code FROM provider WHERE id = OLD.provider_id),
            'kind', OLD.kind, 'valid_from', OLD.valid_from, 'valid_to', OLD.valid_to),
        upf_audit_row('code', NEW.code, 'name', NEW.name,
            'committee', (SELECT code FROM committee WHERE id = NEW.committee_id),
            'provider', (SELECT code FROM provider WHERE id = NEW.provider_id),
            'kind', NEW.kind, 'valid_from', NEW.valid_from, 'valid_to', NEW.valid_to)); END;
CREATE TRIGGER assignment_ad AFTER DELETE ON assignment BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'assignment', 'delete', OLD.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name,
            'committee', (SELECT code FROM committee WHERE id = OLD.committee_id),
            'provider', (SELECT code FROM provider WHERE id = OLD.provider_id),
            'kind', OLD.kind, 'valid_from', OLD.valid_from, 'valid_to', OLD.valid_to)); END;

CREATE TRIGGER unit_ai AFTER INSERT ON unit BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'unit', 'insert', NEW.code,
        upf_audit_row('code', NEW.code, 'name', NEW.name, 'level', NEW.level,
            'area', (SELECT code FROM service_area WHERE id = NEW.area_id))); END;
CREATE TRIGGER unit_au AFTER UPDATE ON unit BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'unit', 'update', NEW.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name, 'level', OLD.level,
            'area', (SELECT code FROM service_area WHERE id = OLD.area_id)),
        upf_audit_row('code', NEW.code, 'name', NEW.name, 'level', NEW.level,
            'area', (SELECT code FROM service_area WHERE id = NEW.area_id))); END;
CREATE TRIGGER unit_ad AFTER DELETE ON unit BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'unit', 'delete', OLD.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name, 'level', OLD.level,
            'area', (SELECT code FROM service_area WHERE id = OLD.area_id))); END;

CREATE TRIGGER membership_ai AFTER INSERT ON membership BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'membership', 'insert',
        (SELECT code FROM unit WHERE id = NEW.unit_id) || '@' || NEW.valid_from,
        upf_audit_row('unit', (SELECT code FROM unit WHERE id = NEW.unit_id),
            'valid_from', NEW.valid_from,
            'assignment', (SELECT code FROM assignment WHERE id = NEW.assignment_id),
            'parent', (SELECT code FROM unit WHERE id = NEW.parent_id))); END;
CREATE TRIGGER membership_ad AFTER DELETE ON membership BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'membership', 'delete',
        (SELECT code FROM unit WHERE id = OLD.unit_id) || '@' || OLD.valid_from,
        upf_audit_row('unit', (SELECT code FROM unit WHERE id = OLD.unit_id),
            'valid_from', OLD.valid_from,
            'assignment', (SELECT code FROM assignment WHERE id = OLD.assignment_id),
            'parent', (SELECT code FROM unit WHERE id = OLD.parent_id))); END;
