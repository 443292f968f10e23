-- The follow-up cycle, part 2: what an activity found, the
-- administration's overall assessment per quality area, actions from any
-- source with their evaluated effect, stakeholders and who was informed,
-- and the supervision reports of IVO and Arbetsmiljöverket.

-- ---- Findings ----------------------------------------------------------
-- What a follow-up found about a subject (a unit, an assignment, a
-- service area, or a regime) in a quality area, graded.
CREATE TABLE finding (
    id              INTEGER PRIMARY KEY,
    activity_id     INTEGER NOT NULL REFERENCES activity (id),
    subject         TEXT NOT NULL CHECK (subject IN ('unit', 'assignment', 'area', 'regime')),
    unit_id         INTEGER REFERENCES unit (id),
    assignment_id   INTEGER REFERENCES assignment (id),
    area_id         INTEGER REFERENCES service_area (id),
    regime          TEXT CHECK (regime IN ('in_house', 'private')),
    quality_area_id INTEGER NOT NULL REFERENCES quality_area (id),
    grade           TEXT NOT NULL CHECK (grade IN ('strength', 'improvement', 'deficiency')),
    text            TEXT NOT NULL,
    found_on        TEXT NOT NULL,
    CHECK ((subject = 'unit') = (unit_id IS NOT NULL)
       AND (subject = 'assignment') = (assignment_id IS NOT NULL)
       AND (subject = 'area') = (area_id IS NOT NULL)
       AND (subject = 'regime') = (regime IS NOT NULL))
) STRICT;
CREATE INDEX finding_activity ON finding (activity_id);

-- The figures a finding rests on, as they were when it was made: a later
-- correction of a value does not change what the finding said.
CREATE TABLE finding_evidence (
    finding_id     INTEGER NOT NULL REFERENCES finding (id),
    measure_id     INTEGER NOT NULL REFERENCES measure (id),
    period         TEXT NOT NULL,
    node           TEXT NOT NULL,
    value          REAL,
    numerator      REAL,
    denominator    REAL,
    units_reported INTEGER,
    units_expected INTEGER,
    PRIMARY KEY (finding_id, measure_id, period)
) STRICT, WITHOUT ROWID;

-- ---- The overall assessment ----------------------------------------------
-- The administration's combined judgement (sammanvägd bedömning) per
-- committee, year and quality area, for all its units or a regime, an
-- assignment or a service area. A new one for the same key supersedes the
-- old, which is kept.
CREATE TABLE overall_assessment (
    id              INTEGER PRIMARY KEY,
    committee_id    INTEGER NOT NULL REFERENCES committee (id),
    year            INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 9999),
    quality_area_id INTEGER NOT NULL REFERENCES quality_area (id),
    scope           TEXT NOT NULL CHECK (scope IN ('all', 'regime', 'assignment', 'area')),
    regime          TEXT CHECK (regime IN ('in_house', 'private')),
    ref_id          INTEGER,
    grade           TEXT NOT NULL
                    CHECK (grade IN ('good', 'acceptable', 'improvement_needed', 'insufficient')),
    rationale       TEXT NOT NULL,
    assessed_on     TEXT NOT NULL,
    superseded_by   INTEGER REFERENCES overall_assessment (id),
    CHECK ((scope = 'regime') = (regime IS NOT NULL)
       AND (scope IN ('assignment', 'area')) = (ref_id IS NOT NULL))
) STRICT;
-- One current assessment per key: the library supersedes the one before
-- in the transaction that adds the new.
CREATE INDEX overall_assessment_key ON overall_assessment
    (committee_id, year, quality_area_id);

-- ---- Actions from any source ---------------------------------------------
-- The actions table of 0005 becomes the one table of actions (åtgärder,
-- handlingsplaner): from a deviation, an activity, a finding, a review or
-- a measure's figure for a period; for a unit or an assignment where one
-- is known; decided on a day, done, and its effect evaluated. The rows
-- there are deviations' actions: they stay where they are, and get their
-- source, their unit and the day they were decided (the day the trail
-- recorded them, or an immediate measure's own day).
ALTER TABLE action ADD COLUMN source TEXT NOT NULL DEFAULT 'deviation'
    CHECK (source IN ('deviation', 'activity', 'finding', 'review', 'measure'));
ALTER TABLE action ADD COLUMN activity_id INTEGER REFERENCES activity (id);
ALTER TABLE action ADD COLUMN finding_id INTEGER REFERENCES finding (id);
ALTER TABLE action ADD COLUMN review_id INTEGER REFERENCES review (id);
ALTER TABLE action ADD COLUMN measure_id INTEGER REFERENCES measure (id);
ALTER TABLE action ADD COLUMN period TEXT;
ALTER TABLE action ADD COLUMN unit_id INTEGER REFERENCES unit (id);
ALTER TABLE action ADD COLUMN assignment_id INTEGER REFERENCES assignment (id);
ALTER TABLE action ADD COLUMN decided_on TEXT;
ALTER TABLE action ADD COLUMN evaluated_on TEXT;
ALTER TABLE action ADD COLUMN effect TEXT
    CHECK (effect IN ('achieved', 'partly', 'not_achieved'));
ALTER TABLE action ADD COLUMN effect_note TEXT;
CREATE INDEX action_source ON action (source);

-- Filled in without an audit entry per row: the migration's own entry
-- records it (the triggers come back below, with the new columns).
DROP TRIGGER action_ai;
DROP TRIGGER action_au;
UPDATE action SET
    unit_id = (SELECT unit_id FROM deviation WHERE id = action.deviation_id),
    decided_on = coalesce(iif(immediate, done, NULL),
        (SELECT min(substr(at, 1, 10)) FROM audit
         WHERE tbl = 'action' AND op = 'insert' AND key = CAST(action.id AS TEXT)),
        (SELECT reported FROM deviation WHERE id = action.deviation_id));

-- ---- Stakeholders and who was informed -----------------------------------
CREATE TABLE stakeholder (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('users', 'relatives', 'provider', 'partner', 'staff',
                                       'union', 'committee', 'other'))
) STRICT;

CREATE TABLE activity_stakeholder (
    activity_id    INTEGER NOT NULL REFERENCES activity (id),
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholder (id),
    PRIMARY KEY (activity_id, stakeholder_id)
) STRICT, WITHOUT ROWID;

-- That an activity's results were fed back to a stakeholder.
CREATE TABLE information (
    id             INTEGER PRIMARY KEY,
    activity_id    INTEGER NOT NULL REFERENCES activity (id),
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholder (id),
    informed_on    TEXT NOT NULL,
    how            TEXT NOT NULL CHECK (how IN ('meeting', 'letter', 'web', 'report')),
    note           TEXT
) STRICT;
CREATE INDEX information_activity ON information (activity_id);

-- ---- Deviations: internal or external ------------------------------------
-- Bilaga 1 lists "avvikelser (internt/externt)": one found within the
-- unit, or reported from outside (a relative, a partner, an authority).
ALTER TABLE deviation ADD COLUMN origin TEXT NOT NULL DEFAULT 'internal'
    CHECK (origin IN ('internal', 'external'));

-- ---- Supervision reports -------------------------------------------------
-- A report from IVO or Arbetsmiljöverket to which the provider must
-- respond: received, response due, responded, closed; addressed to a
-- unit, a level-2 unit or an assignment.
CREATE TABLE supervision (
    id            INTEGER PRIMARY KEY,
    authority     TEXT NOT NULL CHECK (authority IN ('IVO', 'AMV')),
    reference     TEXT,
    unit_id       INTEGER REFERENCES unit (id),
    assignment_id INTEGER REFERENCES assignment (id),
    summary       TEXT NOT NULL,
    received_on   TEXT NOT NULL,
    response_due  TEXT NOT NULL,
    responded_on  TEXT,
    closed_on     TEXT,
    CHECK ((unit_id IS NULL) <> (assignment_id IS NULL)),
    CHECK (response_due >= received_on)
) STRICT;

-- ---- Audit ---------------------------------------------------------------
CREATE TRIGGER finding_ai AFTER INSERT ON finding BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'finding', 'insert', NEW.id,
        upf_audit_row('activity', (SELECT code FROM activity WHERE id = NEW.activity_id),
            'subject', NEW.subject, 'unit', (SELECT code FROM unit WHERE id = NEW.unit_id),
            'assignment', (SELECT code FROM assignment WHERE id = NEW.assignment_id),
            'area', (SELECT code FROM service_area WHERE id = NEW.area_id),
            'regime', NEW.regime,
            'quality_area', (SELECT code FROM quality_area WHERE id = NEW.quality_area_id),
            'grade', NEW.grade, 'text', NEW.text, 'found_on', NEW.found_on)); END;
CREATE TRIGGER finding_au BEFORE UPDATE ON finding BEGIN
    SELECT RAISE(ABORT, 'a finding is never rewritten'); END;
CREATE TRIGGER finding_ad BEFORE DELETE ON finding BEGIN
    SELECT RAISE(ABORT, 'a finding is never deleted'); END;
CREATE TRIGGER finding_evidence_ai AFTER INSERT ON finding_evidence BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'finding_evidence', 'insert',
        NEW.finding_id || '/' || (SELECT code FROM measure WHERE id = NEW.measure_id) || '/'
          || NEW.period,
        upf_audit_row('node', NEW.node, 'value', NEW.value, 'numerator', NEW.numerator,
            'denominator', NEW.denominator)); END;
CREATE TRIGGER finding_evidence_au BEFORE UPDATE ON finding_evidence BEGIN
    SELECT RAISE(ABORT, 'evidence is kept as it was'); END;
CREATE TRIGGER finding_evidence_ad BEFORE DELETE ON finding_evidence BEGIN
    SELECT RAISE(ABORT, 'evidence is kept as it was'); END;

CREATE TRIGGER overall_assessment_ai AFTER INSERT ON overall_assessment BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'overall_assessment', 'insert',
        NEW.id, upf_audit_row('committee', (SELECT code FROM committee WHERE id = NEW.committee_id),
            'year', NEW.year,
            'quality_area', (SELECT code FROM quality_area WHERE id = NEW.quality_area_id),
            'scope', NEW.scope, 'regime', NEW.regime, 'ref_id', NEW.ref_id, 'grade', NEW.grade,
            'rationale', NEW.rationale, 'assessed_on', NEW.assessed_on)); END;
CREATE TRIGGER overall_assessment_au AFTER UPDATE ON overall_assessment BEGIN
    SELECT RAISE(ABORT, 'an assessment is superseded, never rewritten')
    WHERE OLD.superseded_by IS NOT NULL OR NEW.grade IS NOT OLD.grade
       OR NEW.rationale IS NOT OLD.rationale OR NEW.assessed_on IS NOT OLD.assessed_on;
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'overall_assessment',
        'update', NEW.id, upf_audit_row('superseded_by', OLD.superseded_by),
        upf_audit_row('superseded_by', NEW.superseded_by)); END;
CREATE TRIGGER overall_assessment_ad BEFORE DELETE ON overall_assessment BEGIN
    SELECT RAISE(ABORT, 'an assessment is never deleted'); END;

-- The action's triggers again, with what it now records.
CREATE TRIGGER action_ai AFTER INSERT ON action BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'action', 'insert', NEW.id,
        upf_audit_row('source', NEW.source, 'deviation', NEW.deviation_id,
            'activity', (SELECT code FROM activity WHERE id = NEW.activity_id),
            'finding', NEW.finding_id, 'review', NEW.review_id,
            'measure', (SELECT code FROM measure WHERE id = NEW.measure_id),
            'period', NEW.period, 'unit', (SELECT code FROM unit WHERE id = NEW.unit_id),
            'assignment', (SELECT code FROM assignment WHERE id = NEW.assignment_id),
            'text', NEW.text, 'responsible', NEW.responsible, 'due', NEW.due,
            'done', NEW.done, 'immediate', NEW.immediate, 'decided_on', NEW.decided_on)); END;
CREATE TRIGGER action_au AFTER UPDATE ON action BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'action', 'update', NEW.id,
        upf_audit_row('done', OLD.done, 'evaluated_on', OLD.evaluated_on, 'effect', OLD.effect,
            'effect_note', OLD.effect_note),
        upf_audit_row('done', NEW.done, 'evaluated_on', NEW.evaluated_on, 'effect', NEW.effect,
            'effect_note', NEW.effect_note)); END;

CREATE TRIGGER stakeholder_ai AFTER INSERT ON stakeholder BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'stakeholder', 'insert',
        NEW.code, upf_audit_row('name', NEW.name, 'kind', NEW.kind)); END;
CREATE TRIGGER stakeholder_au AFTER UPDATE ON stakeholder BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'stakeholder', 'update',
        NEW.code, upf_audit_row('name', OLD.name, 'kind', OLD.kind),
        upf_audit_row('name', NEW.name, 'kind', NEW.kind)); END;
CREATE TRIGGER stakeholder_ad BEFORE DELETE ON stakeholder BEGIN
    SELECT RAISE(ABORT, 'a stakeholder is never deleted'); END;
CREATE TRIGGER activity_stakeholder_ai AFTER INSERT ON activity_stakeholder BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'activity_stakeholder',
        'insert', (SELECT code FROM activity WHERE id = NEW.activity_id) || '/' ||
        (SELECT code FROM stakeholder WHERE id = NEW.stakeholder_id), NULL); END;
CREATE TRIGGER activity_stakeholder_au BEFORE UPDATE ON activity_stakeholder BEGIN
    SELECT RAISE(ABORT, 'a link is added or removed, never rewritten'); END;
CREATE TRIGGER activity_stakeholder_ad AFTER DELETE ON activity_stakeholder BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'activity_stakeholder',
        'delete', (SELECT code FROM activity WHERE id = OLD.activity_id) || '/' ||
        (SELECT code FROM stakeholder WHERE id = OLD.stakeholder_id), NULL); END;
CREATE TRIGGER information_ai AFTER INSERT ON information BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'information', 'insert',
        (SELECT code FROM activity WHERE id = NEW.activity_id) || '/' ||
        (SELECT code FROM stakeholder WHERE id = NEW.stakeholder_id),
        upf_audit_row('informed_on', NEW.informed_on, 'how', NEW.how, 'note', NEW.note)); END;
CREATE TRIGGER information_au BEFORE UPDATE ON information BEGIN
    SELECT RAISE(ABORT, 'who was informed is never rewritten'); END;
CREATE TRIGGER information_ad BEFORE DELETE ON information BEGIN
    SELECT RAISE(ABORT, 'who was informed is never deleted'); END;

CREATE TRIGGER supervision_ai AFTER INSERT ON supervision BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'supervision', 'insert',
        NEW.id, upf_audit_row('authority', NEW.authority, 'reference', NEW.reference,
            'unit', (SELECT code FROM unit WHERE id = NEW.unit_id),
            'assignment', (SELECT code FROM assignment WHERE id = NEW.assignment_id),
            'summary', NEW.summary, 'received_on', NEW.received_on,
            'response_due', NEW.response_due)); END;
CREATE TRIGGER supervision_au AFTER UPDATE ON supervision BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'supervision', 'update',
        NEW.id, upf_audit_row('responded_on', OLD.responded_on, 'closed_on', OLD.closed_on),
        upf_audit_row('responded_on', NEW.responded_on, 'closed_on', NEW.closed_on)); END;
CREATE TRIGGER supervision_ad BEFORE DELETE ON supervision BEGIN
    SELECT RAISE(ABORT, 'a supervision report is closed, never deleted'); END;

-- The deviation's update trigger again, with its origin.
DROP TRIGGER deviation_au;
CREATE TRIGGER deviation_au AFTER UPDATE ON deviation BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'deviation', 'update', NEW.id,
        upf_audit_row('status', OLD.status, 'investigating_on', OLD.investigating_on,
            'assessment', OLD.assessment, 'assessed_on', OLD.assessed_on,
            'ivo_notified', OLD.ivo_notified, 'ivo_notified_by', OLD.ivo_notified_by,
            'ivo_sent', OLD.ivo_sent, 'committee_informed', OLD.committee_informed,
            'closed_on', OLD.closed_on, 'close_reason', OLD.close_reason,
            'withdrawn_on', OLD.withdrawn_on, 'withdraw_reason', OLD.withdraw_reason,
            'origin', OLD.origin),
        upf_audit_row('status', NEW.status, 'investigating_on', NEW.investigating_on,
            'assessment', NEW.assessment, 'assessed_on', NEW.assessed_on,
            'ivo_notified', NEW.ivo_notified, 'ivo_notified_by', NEW.ivo_notified_by,
            'ivo_sent', NEW.ivo_sent, 'committee_informed', NEW.committee_informed,
            'closed_on', NEW.closed_on, 'close_reason', NEW.close_reason,
            'withdrawn_on', NEW.withdrawn_on, 'withdraw_reason', NEW.withdraw_reason,
            'origin', NEW.origin)); END;
DROP TRIGGER deviation_ai;
CREATE TRIGGER deviation_ai AFTER INSERT ON deviation BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'deviation', 'insert', NEW.id,
        upf_audit_row('unit', (SELECT code FROM unit WHERE id = NEW.unit_id),
            'type', (SELECT code FROM deviation_type WHERE id = NEW.type_id),
            'category', (SELECT code FROM deviation_category WHERE id = NEW.category_id),
            'occurred', NEW.occurred, 'reported', NEW.reported, 'summary', NEW.summary,
            'origin', NEW.origin)); END;

-- An action names exactly the source its kind says; ALTER TABLE cannot
-- add a table constraint, so a trigger holds it.
CREATE TRIGGER action_source_bi BEFORE INSERT ON action BEGIN
    SELECT RAISE(ABORT, 'an action names the one source of its kind')
    WHERE (NEW.source = 'deviation') <> (NEW.deviation_id IS NOT NULL)
       OR (NEW.source = 'activity') <> (NEW.activity_id IS NOT NULL)
       OR (NEW.source = 'finding') <> (NEW.finding_id IS NOT NULL)
       OR (NEW.source = 'review') <> (NEW.review_id IS NOT NULL)
       OR (NEW.source = 'measure') <> (NEW.measure_id IS NOT NULL AND NEW.period IS NOT NULL)
       OR NEW.decided_on IS NULL; END;

-- Where an action stood when it was decided: its unit's placing that day
-- (the level-2 unit, assignment, committee and provider), else its
-- assignment's, else, for one from an activity, a finding or a review,
-- the committee whose plan it came from.
CREATE VIEW action_place AS
SELECT a.id AS action_id, l.l2_id,
       coalesce(l.assignment_id, a.assignment_id) AS assignment_id,
       coalesce(l.committee_id, s.committee_id, n.committee_id) AS committee_id,
       coalesce(l.provider_id, s.provider_id) AS provider_id
FROM action a
LEFT JOIN unit_lineage l ON l.unit_id = a.unit_id AND l.valid_from <= a.decided_on
  AND (l.valid_to IS NULL OR l.valid_to >= a.decided_on)
LEFT JOIN assignment s ON s.id = a.assignment_id
LEFT JOIN activity v ON v.id = coalesce(a.activity_id,
  (SELECT activity_id FROM finding WHERE id = a.finding_id),
  (SELECT activity_id FROM review WHERE id = a.review_id))
LEFT JOIN plan n ON n.id = v.plan_id;

-- The activity's update trigger again: its title and description can now
-- be edited.
DROP TRIGGER activity_au;
CREATE TRIGGER activity_au AFTER UPDATE ON activity BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'activity', 'update',
        NEW.code,
        upf_audit_row('title', OLD.title, 'description', OLD.description,
            'status', OLD.status, 'start', OLD.start, 'due', OLD.due,
            'started_on', OLD.started_on, 'done_on', OLD.done_on,
            'cancelled_on', OLD.cancelled_on, 'cancel_reason', OLD.cancel_reason,
            'decided_start', OLD.decided_start, 'decided_due', OLD.decided_due),
        upf_audit_row('title', NEW.title, 'description', NEW.description,
            'status', NEW.status, 'start', NEW.start, 'due', NEW.due,
            'started_on', NEW.started_on, 'done_on', NEW.done_on,
            'cancelled_on', NEW.cancelled_on, 'cancel_reason', NEW.cancel_reason,
            'decided_start', NEW.decided_start, 'decided_due', NEW.decided_due)); END;
