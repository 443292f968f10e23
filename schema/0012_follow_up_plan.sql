-- The follow-up cycle, part 1: the committee's yearly plan of follow-up
-- activities, revised only by dated revisions once decided; instruments
-- and the reviews that apply them to units, contracts and pseudonymous
-- cases, each criterion a computed share measure; correction requests
-- after a contract review; goals that belong to a committee and a year.

-- ---- The plan --------------------------------------------------------
-- One per committee and year. Decided at a meeting (decided_on, the
-- committee's reference); after that, changes are revisions.
CREATE TABLE plan (
    id           INTEGER PRIMARY KEY,
    committee_id INTEGER NOT NULL REFERENCES committee (id),
    year         INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 9999),
    title        TEXT NOT NULL,
    decided_on   TEXT,
    reference    TEXT,
    UNIQUE (committee_id, year)
) STRICT;

-- An activity of a plan. decided_start and decided_due are its dates as
-- the plan was decided (NULL for one added by a revision afterwards).
CREATE TABLE activity (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    plan_id       INTEGER NOT NULL REFERENCES plan (id),
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL
                  CHECK (kind IN ('individual', 'assignment', 'thematic', 'goal', 'basic')),
    responsible   TEXT NOT NULL CHECK (responsible IN ('administration', 'provider')),
    provider_id   INTEGER REFERENCES provider (id),
    start         TEXT NOT NULL,
    due           TEXT NOT NULL,
    description   TEXT,
    status        TEXT NOT NULL DEFAULT 'planned'
                  CHECK (status IN ('planned', 'started', 'done', 'cancelled')),
    started_on    TEXT,
    done_on       TEXT,
    cancelled_on  TEXT,
    cancel_reason TEXT,
    decided_start TEXT,
    decided_due   TEXT,
    CHECK (due >= start)
) STRICT;
CREATE INDEX activity_plan ON activity (plan_id);

CREATE TABLE activity_area (
    activity_id     INTEGER NOT NULL REFERENCES activity (id),
    quality_area_id INTEGER NOT NULL REFERENCES quality_area (id),
    PRIMARY KEY (activity_id, quality_area_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE activity_method (
    activity_id INTEGER NOT NULL REFERENCES activity (id),
    method_id   INTEGER NOT NULL REFERENCES method (id),
    PRIMARY KEY (activity_id, method_id)
) STRICT, WITHOUT ROWID;

-- What an activity follows up: all the committee's units, those of a
-- regime, a provider, an assignment, a service area, or a unit (a
-- level-2 unit with its units). ref_id is the provider's, assignment's,
-- area's or unit's id; regime is 'in_house' or 'private'.
CREATE TABLE activity_scope (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activity (id),
    kind        TEXT NOT NULL
                CHECK (kind IN ('all', 'regime', 'provider', 'assignment', 'area', 'unit')),
    regime      TEXT CHECK (regime IN ('in_house', 'private')),
    ref_id      INTEGER,
    CHECK ((kind = 'all' AND regime IS NULL AND ref_id IS NULL)
        OR (kind = 'regime' AND regime IS NOT NULL AND ref_id IS NULL)
        OR (kind NOT IN ('all', 'regime') AND regime IS NULL AND ref_id IS NOT NULL))
) STRICT;
CREATE INDEX activity_scope_activity ON activity_scope (activity_id);

-- A change to a decided plan: an activity added, cancelled or moved, with
-- the day, the reason, and a move's dates before and after.
CREATE TABLE plan_revision (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plan (id),
    revised_on  TEXT NOT NULL,
    activity_id INTEGER NOT NULL REFERENCES activity (id),
    change      TEXT NOT NULL CHECK (change IN ('added', 'cancelled', 'moved')),
    reason      TEXT NOT NULL,
    old_start   TEXT,
    old_due     TEXT,
    new_start   TEXT,
    new_due     TEXT
) STRICT;

-- The level-3 units an activity follows up: those of its plan's
-- committee active some day of the plan's year, where they stood then,
-- that a row of its scope takes in.
CREATE VIEW activity_unit AS
SELECT DISTINCT s.activity_id, l.unit_id, l.provider_id, p.regime
FROM activity_scope s
JOIN activity a ON a.id = s.activity_id
JOIN plan n ON n.id = a.plan_id
JOIN unit_lineage l ON l.level = 3 AND l.committee_id = n.committee_id
  AND l.valid_from <= n.year || '-12-31'
  AND (l.valid_to IS NULL OR l.valid_to >= n.year || '-01-01')
JOIN provider p ON p.id = l.provider_id
WHERE s.kind = 'all'
   OR (s.kind = 'regime' AND p.regime = s.regime)
   OR (s.kind = 'provider' AND l.provider_id = s.ref_id)
   OR (s.kind = 'assignment' AND l.assignment_id = s.ref_id)
   OR (s.kind = 'area' AND l.area_id = s.ref_id)
   OR (s.kind = 'unit' AND (l.unit_id = s.ref_id OR l.l2_id = s.ref_id));

-- Who follows an activity up by default: the provider, where every unit
-- of its scope is one in-house provider's (it follows up its own), else
-- the administration, which follows up the private providers.
CREATE VIEW activity_default AS
SELECT a.id AS activity_id,
       iif(count(u.unit_id) > 0 AND sum(u.regime = 'private') = 0
           AND count(DISTINCT u.provider_id) = 1, 'provider', 'administration')
         AS responsible,
       iif(count(u.unit_id) > 0 AND sum(u.regime = 'private') = 0
           AND count(DISTINCT u.provider_id) = 1, min(u.provider_id), NULL)
         AS provider_id,
       count(DISTINCT u.unit_id) AS units
FROM activity a LEFT JOIN activity_unit u ON u.activity_id = a.id
GROUP BY a.id;

-- ---- Instruments and reviews -------------------------------------------
-- A granskningsmall, checklist or interview guide: criteria on a scale.
CREATE TABLE instrument (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL,
    method_id INTEGER NOT NULL REFERENCES method (id),
    scale     TEXT NOT NULL
              CHECK (scale IN ('yes_no', 'yes_partly_no', 'met_remark_deficiency'))
) STRICT;

CREATE TABLE criterion (
    id              INTEGER PRIMARY KEY,
    instrument_id   INTEGER NOT NULL REFERENCES instrument (id),
    code            TEXT NOT NULL,
    text            TEXT NOT NULL,
    quality_area_id INTEGER REFERENCES quality_area (id),
    UNIQUE (instrument_id, code)
) STRICT;

-- The answers of each scale, and what each counts as: positive (yes,
-- met), middle (partly, remark), negative (no, deficiency); 'na' (does
-- not apply) belongs to every scale and counts as none.
CREATE TABLE scale_answer (
    scale  TEXT NOT NULL,
    answer TEXT NOT NULL,
    counts TEXT NOT NULL CHECK (counts IN ('positive', 'middle', 'negative', 'na')),
    PRIMARY KEY (scale, answer)
) STRICT, WITHOUT ROWID;
INSERT INTO scale_answer VALUES
    ('yes_no', 'yes', 'positive'), ('yes_no', 'no', 'negative'), ('yes_no', 'na', 'na'),
    ('yes_partly_no', 'yes', 'positive'), ('yes_partly_no', 'partly', 'middle'),
    ('yes_partly_no', 'no', 'negative'), ('yes_partly_no', 'na', 'na'),
    ('met_remark_deficiency', 'met', 'positive'),
    ('met_remark_deficiency', 'remark', 'middle'),
    ('met_remark_deficiency', 'deficiency', 'negative'),
    ('met_remark_deficiency', 'na', 'na');

-- One application of an instrument within an activity: to a level-3
-- unit (and within it, optionally, a pseudonymous case: the municipality's
-- own reference, never a person's identity), or to an assignment (a
-- contract's requirements).
CREATE TABLE review (
    id            INTEGER PRIMARY KEY,
    activity_id   INTEGER NOT NULL REFERENCES activity (id),
    instrument_id INTEGER NOT NULL REFERENCES instrument (id),
    unit_id       INTEGER REFERENCES unit (id),
    assignment_id INTEGER REFERENCES assignment (id),
    case_key      TEXT,
    reviewed_on   TEXT NOT NULL,
    CHECK ((unit_id IS NULL) <> (assignment_id IS NULL)),
    CHECK (case_key IS NULL OR unit_id IS NOT NULL)
) STRICT;
CREATE INDEX review_activity ON review (activity_id);
CREATE UNIQUE INDEX review_subject ON review (activity_id, instrument_id,
    coalesce(unit_id, -assignment_id), coalesce(case_key, ''));

CREATE TABLE review_answer (
    review_id    INTEGER NOT NULL REFERENCES review (id),
    criterion_id INTEGER NOT NULL REFERENCES criterion (id),
    answer       TEXT NOT NULL,
    note         TEXT,
    PRIMARY KEY (review_id, criterion_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX review_answer_criterion ON review_answer (criterion_id);

-- What a provider must correct after a deficiency in a review of its
-- contract: what, by when, its reply, and the day the correction was
-- verified (which closes it).
CREATE TABLE correction (
    id           INTEGER PRIMARY KEY,
    review_id    INTEGER NOT NULL REFERENCES review (id),
    criterion_id INTEGER NOT NULL REFERENCES criterion (id),
    provider_id  INTEGER NOT NULL REFERENCES provider (id),
    text         TEXT NOT NULL,
    opened_on    TEXT NOT NULL,
    due          TEXT NOT NULL,
    replied_on   TEXT,
    reply        TEXT,
    verified_on  TEXT,
    UNIQUE (review_id, criterion_id)
) STRICT;

-- Each criterion is a measure computed from the reviews of units: the
-- share answered positively among the answers that apply, per unit and
-- month of the review, aggregated like every share.
ALTER TABLE measure ADD COLUMN criterion_id INTEGER REFERENCES criterion (id);
-- Computed from the registry's own records rather than recorded.
ALTER TABLE measure ADD COLUMN computed INTEGER
    GENERATED ALWAYS AS (source IS NOT NULL OR criterion_id IS NOT NULL) VIRTUAL;

DROP VIEW computed_value;
CREATE VIEW computed_value AS
SELECT m.id AS measure_id,
       CASE WHEN m.source_metric = 'overdue'
            THEN CAST(substr(d.ivo_due, 1, 4) AS INTEGER) * 12
                 + CAST(substr(d.ivo_due, 6, 2) AS INTEGER) - 1
            ELSE d.month END AS start,
       d.unit_id,
       CAST(CASE m.source_metric
         WHEN 'investigated' THEN sum(d.investigating_on IS NOT NULL)
         WHEN 'closed_within' THEN sum(d.closed_on IS NOT NULL AND
             julianday(d.closed_on) - julianday(d.reported) <= m.source_days)
         ELSE count(*) END AS REAL) AS value,
       CASE WHEN m.type = 'share' THEN CAST(count(*) AS REAL) END AS den
FROM measure m JOIN measure_deviation d ON d.measure_id = m.id
WHERE m.source_statistic IS NULL
  AND (m.source_metric IS NOT 'overdue'
       OR upf_overdue(d.ivo_due, d.ivo_sent, upf_today()))
GROUP BY m.id, 2, d.unit_id
UNION ALL
SELECT m.id,
       CAST(substr(r.reviewed_on, 1, 4) AS INTEGER) * 12
         + CAST(substr(r.reviewed_on, 6, 2) AS INTEGER) - 1,
       r.unit_id,
       CAST(sum(s.counts = 'positive') AS REAL),
       CAST(count(*) AS REAL)
FROM measure m JOIN review_answer a ON a.criterion_id = m.criterion_id
JOIN review r ON r.id = a.review_id
JOIN instrument i ON i.id = r.instrument_id
JOIN scale_answer s ON s.scale = i.scale AND s.answer = a.answer
WHERE r.unit_id IS NOT NULL AND s.counts <> 'na'
GROUP BY m.id, 2, r.unit_id;

-- Where a criterion's measure is expected: the units in the scope of the
-- activities that review with its instrument, while each runs.
CREATE VIEW criterion_scope AS
SELECT DISTINCT m.id AS measure_id, u.unit_id, a.start, a.due
FROM measure m JOIN criterion c ON c.id = m.criterion_id
JOIN review r ON r.instrument_id = c.instrument_id
JOIN activity a ON a.id = r.activity_id
JOIN activity_unit u ON u.activity_id = a.id
WHERE a.status <> 'cancelled';

-- ---- Goals of a committee ------------------------------------------------
-- A goal of the catalogue belongs to no one; a goal of a committee's
-- verksamhetsplan belongs to the committee and a year.
ALTER TABLE process_goal ADD COLUMN committee_id INTEGER REFERENCES committee (id);
ALTER TABLE process_goal ADD COLUMN year INTEGER;

-- ---- Audit ---------------------------------------------------------------
CREATE TRIGGER plan_ai AFTER INSERT ON plan BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'plan', 'insert',
        (SELECT code FROM committee WHERE id = NEW.committee_id) || '/' || NEW.year,
        upf_audit_row('title', NEW.title)); END;
CREATE TRIGGER plan_au AFTER UPDATE ON plan BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'plan', 'update',
        (SELECT code FROM committee WHERE id = NEW.committee_id) || '/' || NEW.year,
        upf_audit_row('title', OLD.title, 'decided_on', OLD.decided_on,
            'reference', OLD.reference),
        upf_audit_row('title', NEW.title, 'decided_on', NEW.decided_on,
            'reference', NEW.reference)); END;
CREATE TRIGGER plan_ad BEFORE DELETE ON plan BEGIN
    SELECT RAISE(ABORT, 'a plan is never deleted'); END;

CREATE TRIGGER activity_ai AFTER INSERT ON activity BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'activity', 'insert',
        NEW.code, upf_audit_row('title', NEW.title, 'kind', NEW.kind,
            'responsible', NEW.responsible,
            'provider', (SELECT code FROM provider WHERE id = NEW.provider_id),
            'start', NEW.start, 'due', NEW.due, 'description', NEW.description)); END;
CREATE TRIGGER activity_au AFTER UPDATE ON activity BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'activity', 'update',
        NEW.code,
        upf_audit_row('status', OLD.status, 'start', OLD.start, 'due', OLD.due,
            'started_on', OLD.started_on, 'done_on', OLD.done_on,
            'cancelled_on', OLD.cancelled_on, 'cancel_reason', OLD.cancel_reason,
            'decided_start', OLD.decided_start, 'decided_due', OLD.decided_due),
        upf_audit_row('status', NEW.status, 'start', NEW.start, 'due', NEW.due,
            'started_on', NEW.started_on, 'done_on', NEW.done_on,
            'cancelled_on', NEW.cancelled_on, 'cancel_reason', NEW.cancel_reason,
            'decided_start', NEW.decided_start, 'decided_due', NEW.decided_due)); END;
CREATE TRIGGER activity_ad BEFORE DELETE ON activity BEGIN
    SELECT RAISE(ABORT, 'an activity is cancelled, never deleted'); END;

CREATE TRIGGER activity_area_ai AFTER INSERT ON activity_area BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'activity_area', 'insert',
        (SELECT code FROM activity WHERE id = NEW.activity_id) || '/' ||
        (SELECT code FROM quality_area WHERE id = NEW.quality_area_id), NULL); END;
CREATE TRIGGER activity_area_au BEFORE UPDATE ON activity_area BEGIN
    SELECT RAISE(ABORT, 'a link is added or removed, never rewritten'); END;
CREATE TRIGGER activity_area_ad BEFORE DELETE ON activity_area BEGIN
    SELECT RAISE(ABORT, 'an activity keeps its quality areas'); END;
CREATE TRIGGER activity_method_ai AFTER INSERT ON activity_method BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'activity_method', 'insert',
        (SELECT code FROM activity WHERE id = NEW.activity_id) || '/' ||
        (SELECT code FROM method WHERE id = NEW.method_id), NULL); END;
CREATE TRIGGER activity_method_au BEFORE UPDATE ON activity_method BEGIN
    SELECT RAISE(ABORT, 'a link is added or removed, never rewritten'); END;
CREATE TRIGGER activity_method_ad BEFORE DELETE ON activity_method BEGIN
    SELECT RAISE(ABORT, 'an activity keeps its methods'); END;
CREATE TRIGGER activity_scope_ai AFTER INSERT ON activity_scope BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'activity_scope', 'insert',
        (SELECT code FROM activity WHERE id = NEW.activity_id),
        upf_audit_row('kind', NEW.kind, 'regime', NEW.regime, 'ref_id', NEW.ref_id)); END;
CREATE TRIGGER activity_scope_au BEFORE UPDATE ON activity_scope BEGIN
    SELECT RAISE(ABORT, 'a scope is added, never rewritten'); END;
CREATE TRIGGER activity_scope_ad BEFORE DELETE ON activity_scope BEGIN
    SELECT RAISE(ABORT, 'an activity keeps its scope'); END;

CREATE TRIGGER plan_revision_ai AFTER INSERT ON plan_revision BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'plan_revision', 'insert',
        (SELECT code FROM activity WHERE id = NEW.activity_id),
        upf_audit_row('revised_on', NEW.revised_on, 'change', NEW.change,
            'reason', NEW.reason, 'old_start', NEW.old_start, 'old_due', NEW.old_due,
            'new_start', NEW.new_start, 'new_due', NEW.new_due)); END;
CREATE TRIGGER plan_revision_au BEFORE UPDATE ON plan_revision BEGIN
    SELECT RAISE(ABORT, 'a revision is never rewritten'); END;
CREATE TRIGGER plan_revision_ad BEFORE DELETE ON plan_revision BEGIN
    SELECT RAISE(ABORT, 'a revision is never deleted'); END;

CREATE TRIGGER instrument_ai AFTER INSERT ON instrument BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'instrument', 'insert',
        NEW.code, upf_audit_row('name', NEW.name,
            'method', (SELECT code FROM method WHERE id = NEW.method_id),
            'scale', NEW.scale)); END;
CREATE TRIGGER instrument_au AFTER UPDATE ON instrument BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'instrument', 'update',
        NEW.code, upf_audit_row('name', OLD.name), upf_audit_row('name', NEW.name)); END;
CREATE TRIGGER instrument_ad BEFORE DELETE ON instrument BEGIN
    SELECT RAISE(ABORT, 'an instrument is never deleted'); END;
CREATE TRIGGER criterion_ai AFTER INSERT ON criterion BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'criterion', 'insert',
        (SELECT code FROM instrument WHERE id = NEW.instrument_id) || '/' || NEW.code,
        upf_audit_row('text', NEW.text,
            'quality_area', (SELECT code FROM quality_area WHERE id = NEW.quality_area_id)));
    END;
CREATE TRIGGER criterion_au AFTER UPDATE ON criterion BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'criterion', 'update',
        (SELECT code FROM instrument WHERE id = NEW.instrument_id) || '/' || NEW.code,
        upf_audit_row('text', OLD.text), upf_audit_row('text', NEW.text)); END;
CREATE TRIGGER criterion_ad BEFORE DELETE ON criterion BEGIN
    SELECT RAISE(ABORT, 'a criterion is never deleted'); END;
CREATE TRIGGER scale_answer_ai BEFORE INSERT ON scale_answer BEGIN
    SELECT RAISE(ABORT, 'the scales are fixed'); END;
CREATE TRIGGER scale_answer_au BEFORE UPDATE ON scale_answer BEGIN
    SELECT RAISE(ABORT, 'the scales are fixed'); END;
CREATE TRIGGER scale_answer_ad BEFORE DELETE ON scale_answer BEGIN
    SELECT RAISE(ABORT, 'the scales are fixed'); END;

CREATE TRIGGER review_ai AFTER INSERT ON review BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'review', 'insert', NEW.id,
        upf_audit_row('activity', (SELECT code FROM activity WHERE id = NEW.activity_id),
            'instrument', (SELECT code FROM instrument WHERE id = NEW.instrument_id),
            'unit', (SELECT code FROM unit WHERE id = NEW.unit_id),
            'assignment', (SELECT code FROM assignment WHERE id = NEW.assignment_id),
            'case', NEW.case_key, 'reviewed_on', NEW.reviewed_on)); END;
CREATE TRIGGER review_au BEFORE UPDATE ON review BEGIN
    SELECT RAISE(ABORT, 'a review is never rewritten'); END;
CREATE TRIGGER review_ad BEFORE DELETE ON review BEGIN
    SELECT RAISE(ABORT, 'a review is never deleted'); END;
CREATE TRIGGER review_answer_ai AFTER INSERT ON review_answer BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'review_answer', 'insert',
        NEW.review_id || '/' || (SELECT code FROM criterion WHERE id = NEW.criterion_id),
        upf_audit_row('answer', NEW.answer, 'note', NEW.note)); END;
CREATE TRIGGER review_answer_au AFTER UPDATE ON review_answer BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'review_answer', 'update',
        NEW.review_id || '/' || (SELECT code FROM criterion WHERE id = NEW.criterion_id),
        upf_audit_row('answer', OLD.answer, 'note', OLD.note),
        upf_audit_row('answer', NEW.answer, 'note', NEW.note)); END;
CREATE TRIGGER review_answer_ad BEFORE DELETE ON review_answer BEGIN
    SELECT RAISE(ABORT, 'an answer is replaced, never deleted'); END;

CREATE TRIGGER correction_ai AFTER INSERT ON correction BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'correction', 'insert', NEW.id,
        upf_audit_row('review', NEW.review_id,
            'criterion', (SELECT code FROM criterion WHERE id = NEW.criterion_id),
            'provider', (SELECT code FROM provider WHERE id = NEW.provider_id),
            'text', NEW.text, 'opened_on', NEW.opened_on, 'due', NEW.due)); END;
CREATE TRIGGER correction_au AFTER UPDATE ON correction BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'correction', 'update', NEW.id,
        upf_audit_row('due', OLD.due, 'replied_on', OLD.replied_on, 'reply', OLD.reply,
            'verified_on', OLD.verified_on),
        upf_audit_row('due', NEW.due, 'replied_on', NEW.replied_on, 'reply', NEW.reply,
            'verified_on', NEW.verified_on)); END;
CREATE TRIGGER correction_ad BEFORE DELETE ON correction BEGIN
    SELECT RAISE(ABORT, 'a correction request is closed, never deleted'); END;

-- The goals' triggers again, with their owner.
DROP TRIGGER process_goal_ai;
CREATE TRIGGER process_goal_ai AFTER INSERT ON process_goal BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'process_goal', 'insert',
        coalesce(NEW.code, NEW.id),
        upf_audit_row('code', NEW.code,
            'quality_area', (SELECT code FROM quality_area WHERE id = NEW.quality_area_id),
            'text', NEW.text,
            'committee', (SELECT code FROM committee WHERE id = NEW.committee_id),
            'year', NEW.year)); END;
