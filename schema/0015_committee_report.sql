-- Reporting to the committee (återrapportering): reports built from the
-- registry, the administration's narrative, what was presented at which
-- meeting, and the periods a committee has approved.
--
-- A presented report is a public record: its figures, narrative and HTML
-- are kept with their SHA-256 and never change. The triggers below refuse
-- any change to it, from the library or from any other program.

-- Settings of the registry, by name. The library knows each name and
-- checks its value.
CREATE TABLE setting (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
-- A figure that rests on fewer individuals than this is not shown in a
-- public report.
INSERT INTO setting (name, value) VALUES ('disclosure_threshold', '5');

-- Whether a measure counts individuals (1) or not (0); NULL: decided by
-- its kind and type, see measure_counts_people.
ALTER TABLE measure ADD COLUMN individuals INTEGER CHECK (individuals IN (0, 1));

-- A count or share counts people unless it describes the structure or the
-- economy (places, costs): what disclosure control looks at.
CREATE VIEW measure_counts_people (measure_id, code, type, counts_people) AS
SELECT id, code, type,
       coalesce(individuals, type IN ('count', 'share', 'mean')
                             AND kind NOT IN ('structure', 'economic'))
FROM measure;

CREATE TABLE committee_report (
    id           INTEGER PRIMARY KEY,
    committee_id INTEGER NOT NULL REFERENCES committee (id),
    kind         TEXT NOT NULL CHECK (kind IN ('interim', 'annual', 'quality', 'adhoc')),
    period       TEXT NOT NULL,
    from_month   INTEGER NOT NULL,
    to_month     INTEGER NOT NULL CHECK (to_month >= from_month),
    title        TEXT NOT NULL,
    internal     INTEGER NOT NULL DEFAULT 0 CHECK (internal IN (0, 1)),
    built_on     TEXT NOT NULL,
    figures      TEXT NOT NULL,
    -- Set together when it is presented, and never again.
    meeting      TEXT,
    reference    TEXT,
    narrative    TEXT,
    html         TEXT,
    sha256       TEXT,
    CHECK ((meeting IS NULL) = (sha256 IS NULL)),
    CHECK ((meeting IS NULL) = (html IS NULL))
) STRICT;
CREATE INDEX committee_report_committee ON committee_report (committee_id);

-- The narrative of a draft, per section; frozen into committee_report
-- (narrative, as JSON) when the report is presented.
CREATE TABLE committee_report_text (
    report_id INTEGER NOT NULL REFERENCES committee_report (id),
    section   TEXT NOT NULL,
    text      TEXT NOT NULL,
    PRIMARY KEY (report_id, section)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER committee_report_bu BEFORE UPDATE ON committee_report
WHEN OLD.sha256 IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'committee report: presented; it never changes'); END;
CREATE TRIGGER committee_report_bd BEFORE DELETE ON committee_report
WHEN OLD.sha256 IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'committee report: presented; it never changes'); END;
CREATE TRIGGER committee_report_text_bi BEFORE INSERT ON committee_report_text
WHEN (SELECT sha256 FROM committee_report WHERE id = NEW.report_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'committee report: presented; it never changes'); END;
CREATE TRIGGER committee_report_text_bu BEFORE UPDATE ON committee_report_text
WHEN (SELECT sha256 FROM committee_report WHERE id = OLD.report_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'committee report: presented; it never changes'); END;
CREATE TRIGGER committee_report_text_bd BEFORE DELETE ON committee_report_text
WHEN (SELECT sha256 FROM committee_report WHERE id = OLD.report_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'committee report: presented; it never changes'); END;

-- A period a committee has approved: values of its units in it are not
-- recorded, imported or deleted while the lock holds. A lock is lifted
-- only by an unlock with a reason, which stays visible; no lock is ever
-- deleted.
CREATE TABLE period_lock (
    id           INTEGER PRIMARY KEY,
    committee_id INTEGER NOT NULL REFERENCES committee (id),
    period       TEXT NOT NULL,
    from_month   INTEGER NOT NULL,
    to_month     INTEGER NOT NULL CHECK (to_month >= from_month),
    report_id    INTEGER REFERENCES committee_report (id),
    locked_on    TEXT NOT NULL,
    -- An unlock: when, why, and the period it named (a lock that held
    -- more goes on holding the rest, as new locks).
    unlocked_on  TEXT,
    reason       TEXT,
    unlocked     TEXT,
    CHECK ((unlocked_on IS NULL) = (reason IS NULL)),
    CHECK ((unlocked_on IS NULL) = (unlocked IS NULL))
) STRICT;
CREATE INDEX period_lock_committee ON period_lock (committee_id);

CREATE TRIGGER period_lock_bu BEFORE UPDATE ON period_lock
WHEN OLD.unlocked_on IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'period lock: already unlocked'); END;
CREATE TRIGGER period_lock_bd BEFORE DELETE ON period_lock BEGIN
    SELECT RAISE(ABORT, 'period lock: never deleted; unlock it with a reason'); END;

-- The audit trail.
CREATE TRIGGER setting_au AFTER UPDATE ON setting BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'setting', 'update',
        NEW.name, upf_audit_row('value', OLD.value), upf_audit_row('value', NEW.value)); END;
CREATE TRIGGER setting_ai AFTER INSERT ON setting BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'setting', 'insert',
        NEW.name, upf_audit_row('value', NEW.value)); END;
CREATE TRIGGER setting_ad AFTER DELETE ON setting BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'setting', 'delete',
        OLD.name, upf_audit_row('value', OLD.value)); END;
CREATE TRIGGER committee_report_ai AFTER INSERT ON committee_report BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'committee_report',
        'insert', NEW.id, upf_audit_row('committee',
            (SELECT code FROM committee WHERE id = NEW.committee_id), 'kind', NEW.kind,
            'period', NEW.period, 'title', NEW.title, 'internal', NEW.internal)); END;
CREATE TRIGGER committee_report_au AFTER UPDATE ON committee_report BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'committee_report',
        'update', NEW.id, upf_audit_row('meeting', OLD.meeting, 'reference', OLD.reference,
            'sha256', OLD.sha256),
        upf_audit_row('meeting', NEW.meeting, 'reference', NEW.reference,
            'sha256', NEW.sha256)); END;
CREATE TRIGGER committee_report_ad AFTER DELETE ON committee_report BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'committee_report',
        'delete', OLD.id, upf_audit_row('kind', OLD.kind, 'period', OLD.period,
            'title', OLD.title)); END;
CREATE TRIGGER committee_report_text_ai AFTER INSERT ON committee_report_text BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'committee_report_text',
        'insert', NEW.report_id || '/' || NEW.section, upf_audit_row('text', NEW.text)); END;
CREATE TRIGGER committee_report_text_au AFTER UPDATE ON committee_report_text BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(),
        'committee_report_text', 'update', NEW.report_id || '/' || NEW.section,
        upf_audit_row('text', OLD.text), upf_audit_row('text', NEW.text)); END;
CREATE TRIGGER committee_report_text_ad AFTER DELETE ON committee_report_text BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'committee_report_text',
        'delete', OLD.report_id || '/' || OLD.section, upf_audit_row('text', OLD.text)); END;
CREATE TRIGGER period_lock_ai AFTER INSERT ON period_lock BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'period_lock', 'insert',
        (SELECT code FROM committee WHERE id = NEW.committee_id) || '/' || NEW.period,
        upf_audit_row('report', NEW.report_id, 'locked_on', NEW.locked_on)); END;
CREATE TRIGGER period_lock_au AFTER UPDATE ON period_lock BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'period_lock', 'update',
        (SELECT code FROM committee WHERE id = NEW.committee_id) || '/' || NEW.period,
        upf_audit_row('unlocked_on', OLD.unlocked_on, 'reason', OLD.reason),
        upf_audit_row('unlocked_on', NEW.unlocked_on, 'reason', NEW.reason,
            'unlocked', NEW.unlocked)); END;
