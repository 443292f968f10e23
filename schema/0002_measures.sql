-- Measures, values, targets and derived indicators.
--
-- A period is stored as its first month, counted as year * 12 + month - 1,
-- and its length comes from the measure's frequency: so alignment, ranges
-- and "one year earlier" are integer arithmetic in SQL.

CREATE TABLE quality_area (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT
) STRICT;

-- The process goals (processmål) of each quality area.
CREATE TABLE process_goal (
    id              INTEGER PRIMARY KEY,
    quality_area_id INTEGER NOT NULL REFERENCES quality_area (id),
    text            TEXT NOT NULL
) STRICT;

CREATE TABLE frequency (
    code   TEXT PRIMARY KEY,
    months INTEGER NOT NULL UNIQUE
) STRICT, WITHOUT ROWID;
INSERT INTO frequency VALUES ('month', 1), ('quarter', 3), ('tertial', 4),
    ('half', 6), ('year', 12);

CREATE TABLE measure (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('structure', 'process', 'result', 'economic')),
    quality_area_id INTEGER REFERENCES quality_area (id),
    goal_id         INTEGER REFERENCES process_goal (id),
    type            TEXT NOT NULL CHECK (type IN ('count', 'amount', 'share', 'mean', 'yesno')),
    -- How a unit's sub-periods combine: flow sums, stock averages, last
    -- takes the latest; shares and means always pool, yes/no takes the
    -- latest answer. The column always says which.
    time_rule       TEXT NOT NULL,
    level           INTEGER NOT NULL DEFAULT 3 CHECK (level IN (2, 3)),
    frequency       TEXT NOT NULL DEFAULT 'month' REFERENCES frequency (code),
    direction       TEXT NOT NULL DEFAULT 'none' CHECK (direction IN ('up', 'down', 'none')),
    unit_label      TEXT,
    method          TEXT,
    kpi             TEXT,
    description     TEXT,
    CHECK ((type IN ('count', 'amount') AND time_rule IN ('flow', 'stock', 'last'))
        OR (type IN ('share', 'mean') AND time_rule = 'pool')
        OR (type = 'yesno' AND time_rule = 'last'))
) STRICT;
CREATE INDEX measure_kpi ON measure (kpi) WHERE kpi IS NOT NULL;

-- One value per measure, period and unit. For a share, value is the count
-- and den its base; for a mean, value is the mean and den the number of
-- observations.
CREATE TABLE value (
    measure_id INTEGER NOT NULL REFERENCES measure (id),
    start      INTEGER NOT NULL,
    unit_id    INTEGER NOT NULL REFERENCES unit (id),
    value      REAL NOT NULL,
    den        REAL,
    note       TEXT,
    PRIMARY KEY (measure_id, start, unit_id)
) STRICT, WITHOUT ROWID;
-- No index on unit_id: every report reads values by measure and period,
-- and a second index would cost every insert a second B-tree write.

-- A target for a year: for every unit, or for an assignment, or a unit.
CREATE TABLE target (
    measure_id    INTEGER NOT NULL REFERENCES measure (id),
    year          INTEGER NOT NULL,
    assignment_id INTEGER REFERENCES assignment (id),
    unit_id       INTEGER REFERENCES unit (id),
    value         REAL NOT NULL,
    CHECK (assignment_id IS NULL OR unit_id IS NULL)
) STRICT;
CREATE UNIQUE INDEX target_key ON target
    (measure_id, year, coalesce(assignment_id, 0), coalesce(unit_id, 0));

-- A derived indicator: two measures, each aggregated by its own rules
-- over the same node and period, then divided (times factor).
CREATE TABLE indicator (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    numerator_id   INTEGER NOT NULL REFERENCES measure (id),
    denominator_id INTEGER NOT NULL REFERENCES measure (id),
    factor         REAL NOT NULL DEFAULT 1
) STRICT;

-- Month numbers as text.
CREATE VIEW value_labelled AS
SELECT m.code AS measure, u.code AS unit,
       CASE m.frequency
           WHEN 'month' THEN printf('%04d-%02d', v.start / 12, v.start % 12 + 1)
           WHEN 'quarter' THEN printf('%04d-Q%d', v.start / 12, v.start % 12 / 3 + 1)
           WHEN 'tertial' THEN printf('%04d-T%d', v.start / 12, v.start % 12 / 4 + 1)
           WHEN 'half' THEN printf('%04d-H%d', v.start / 12, v.start % 12 / 6 + 1)
           ELSE printf('%04d', v.start / 12)
       END AS period,
       v.value, v.den AS denominator, v.note,
       v.measure_id, v.unit_id, v.start
FROM value v JOIN measure m ON m.id = v.measure_id JOIN unit u ON u.id = v.unit_id;

-- Audit. A new value is recorded by the library, which inserts values in
-- one place (lib/value.c): one entry per value set one at a time, one
-- 'bulk' entry with its count for a batch. A trigger on every insert would
-- cost the bulk path a trigger program per row, even with a WHEN that is
-- false. A replaced or deleted value is always recorded by the triggers
-- below, with its old content.
CREATE TRIGGER measure_ai AFTER INSERT ON measure BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'measure', 'insert', NEW.code,
        upf_audit_row('code', NEW.code, 'name', NEW.name, 'kind', NEW.kind,
            'type', NEW.type, 'time_rule', NEW.time_rule, 'level', NEW.level,
            'frequency', NEW.frequency, 'direction', NEW.direction,
            'quality_area', (SELECT code FROM quality_area WHERE id = NEW.quality_area_id),
            'unit_label', NEW.unit_label, 'method', NEW.method, 'kpi', NEW.kpi)); END;
CREATE TRIGGER measure_au AFTER UPDATE ON measure BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'measure', 'update', NEW.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name, 'kind', OLD.kind,
            'type', OLD.type, 'time_rule', OLD.time_rule, 'level', OLD.level,
            'frequency', OLD.frequency, 'direction', OLD.direction,
            'unit_label', OLD.unit_label, 'method', OLD.method, 'kpi', OLD.kpi),
        upf_audit_row('code', NEW.code, 'name', NEW.name, 'kind', NEW.kind,
            'type', NEW.type, 'time_rule', NEW.time_rule, 'level', NEW.level,
            'frequency', NEW.frequency, 'direction', NEW.direction,
            'unit_label', NEW.unit_label, 'method', NEW.method, 'kpi', NEW.kpi)); END;

CREATE TRIGGER value_au AFTER UPDATE ON value BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'value', 'update',
        (SELECT measure || '/' || unit || '/' || period FROM value_labelled
         WHERE measure_id = NEW.measure_id AND start = NEW.start AND unit_id = NEW.unit_id),
        upf_audit_row('value', OLD.value, 'denominator', OLD.den, 'note', OLD.note),
        upf_audit_row('value', NEW.value, 'denominator', NEW.den, 'note', NEW.note)); END;
CREATE TRIGGER value_ad AFTER DELETE ON value BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'value', 'delete',
        (SELECT m.code || '/' || u.code || '/' || CASE m.frequency
             WHEN 'month' THEN printf('%04d-%02d', OLD.start / 12, OLD.start % 12 + 1)
             WHEN 'quarter' THEN printf('%04d-Q%d', OLD.start / 12, OLD.start % 12 / 3 + 1)
             WHEN 'tertial' THEN printf('%04d-T%d', OLD.start / 12, OLD.start % 12 / 4 + 1)
             WHEN 'half' THEN printf('%04d-H%d', OLD.start / 12, OLD.start % 12 / 6 + 1)
             ELSE printf('%04d', OLD.start / 12) END
         FROM measure m, unit u WHERE m.id = OLD.measure_id AND u.id = OLD.unit_id),
        upf_audit_row('value', OLD.value, 'denominator', OLD.den, 'note', OLD.note)); END;

CREATE TRIGGER target_ai AFTER INSERT ON target BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'target', 'insert',
        (SELECT code FROM measure WHERE id = NEW.measure_id) || '/' || NEW.year,
        upf_audit_row('value', NEW.value,
            'assignment', (SELECT code FROM assignment WHERE id = NEW.assignment_id),
            'unit', (SELECT code FROM unit WHERE id = NEW.unit_id))); END;
CREATE TRIGGER target_au AFTER UPDATE ON target BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'target', 'update',
        (SELECT code FROM measure WHERE id = NEW.measure_id) || '/' || NEW.year,
        upf_audit_row('value', OLD.value,
            'assignment', (SELECT code FROM assignment WHERE id = OLD.assignment_id),
            'unit', (SELECT code FROM unit WHERE id = OLD.unit_id)),
        upf_audit_row('value', NEW.value,
            'assignment', (SELECT code FROM assignment WHERE id = NEW.assignment_id),
            'unit', (SELECT code FROM unit WHERE id = NEW.unit_id))); END;

CREATE TRIGGER indicator_ai AFTER INSERT ON indicator BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'indicator', 'insert', NEW.code,
        upf_audit_row('code', NEW.code, 'name', NEW.name,
            'numerator', (SELECT code FROM measure WHERE id = NEW.numerator_id),
            'denominator', (SELECT code FROM measure WHERE id = NEW.denominator_id),
            'factor', NEW.factor)); END;
