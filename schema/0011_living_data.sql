-- Living data: measures and basic follow-up items that apply where they
-- belong; the catalogue's goals and methods as data; what maintenance
-- needs (closing a unit, retiring a measure, withdrawing a deviation);
-- plausibility ranges and rules between measures; and the catalogue
-- corrected against the guideline's appendix.

-- ---- Applicability --------------------------------------------------
-- The service areas a measure or an item belongs to. None listed: all.
CREATE TABLE measure_area (
    measure_id INTEGER NOT NULL REFERENCES measure (id),
    area_id    INTEGER NOT NULL REFERENCES service_area (id),
    PRIMARY KEY (measure_id, area_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE basic_item_area (
    item_id INTEGER NOT NULL REFERENCES basic_item (id),
    area_id INTEGER NOT NULL REFERENCES service_area (id),
    PRIMARY KEY (item_id, area_id)
) STRICT, WITHOUT ROWID;

-- Whether a measure applies in an area: it lists none, or lists it.
CREATE VIEW measure_applies AS
SELECT m.id AS measure_id, a.id AS area_id
FROM measure m CROSS JOIN service_area a
WHERE NOT EXISTS (SELECT 1 FROM measure_area x WHERE x.measure_id = m.id)
   OR EXISTS (SELECT 1 FROM measure_area x WHERE x.measure_id = m.id AND x.area_id = a.id);

CREATE VIEW basic_item_applies AS
SELECT i.id AS item_id, a.id AS area_id
FROM basic_item i CROSS JOIN service_area a
WHERE NOT EXISTS (SELECT 1 FROM basic_item_area x WHERE x.item_id = i.id)
   OR EXISTS (SELECT 1 FROM basic_item_area x WHERE x.item_id = i.id AND x.area_id = a.id);

-- Granted hours beside performed hours, so that a rule can hold one to
-- the other.
INSERT INTO measure (code, name, kind, type, time_rule, level, frequency, direction,
                     unit_label, description)
VALUES ('STR-TIMMAR-BEV', 'Beviljade timmar', 'structure', 'amount', 'flow', 3, 'month',
        'none', 'timmar', 'Volym: beviljade timmar enligt biståndsbeslut');

-- The national user survey's overall judgement (helhetssyn), in home care
-- and in residential care: Kolada publishes both per unit and per
-- municipality, so the comparison is with the same question. No other
-- default measure has a KPI that measures the same thing.
INSERT INTO measure (code, name, kind, type, time_rule, level, frequency, direction,
                     unit_label, method, kpi, description)
VALUES ('RES-NOJD-HT', 'Brukarbedömning hemtjänst, helhetssyn', 'result', 'share',
        'pool', 3, 'year', 'up', 'andel nöjda', 'Brukarundersökning',
        'U21468', 'Andel brukare som är ganska eller mycket nöjda med sin hemtjänst som helhet'),
       ('RES-NOJD-SABO', 'Brukarbedömning särskilt boende, helhetssyn', 'result', 'share',
        'pool', 3, 'year', 'up', 'andel nöjda', 'Brukarundersökning',
        'U23471', 'Andel brukare som är ganska eller mycket nöjda med sitt särskilda boende som helhet');

-- Places are counted where there are places; hours where hours are given.
INSERT INTO measure_area
SELECT m.id, a.id FROM measure m JOIN service_area a
ON (m.code = 'STR-PLATSER' AND a.code IN ('sarskilt_boende', 'korttid', 'lss_bostad',
                                          'dagverksamhet', 'daglig_verksamhet'))
OR (m.code IN ('STR-TIMMAR', 'STR-TIMMAR-BEV')
    AND a.code IN ('hemtjanst', 'personlig_assistans'))
OR (m.code = 'RES-NOJD-HT' AND a.code = 'hemtjanst')
OR (m.code = 'RES-NOJD-SABO' AND a.code = 'sarskilt_boende');

-- The quality registers belong to the care of older people (Senior Alert),
-- to residential and short-term care (the palliative register), and to
-- dementia care (BPSD): IFO is not asked for them.
INSERT INTO basic_item_area
SELECT i.id, a.id FROM basic_item i JOIN service_area a
ON (i.code = 'senior_alert' AND a.code IN ('hemtjanst', 'sarskilt_boende', 'korttid',
                                           'dagverksamhet'))
OR (i.code = 'palliativregistret' AND a.code IN ('sarskilt_boende', 'korttid'))
OR (i.code = 'bpsd' AND a.code IN ('sarskilt_boende', 'korttid', 'dagverksamhet'));

-- ---- Maintenance -----------------------------------------------------
-- A unit closes on a day: it is active until then, expected no more after.
ALTER TABLE unit ADD COLUMN closed_on TEXT;
-- A measure retires from a month on (year * 12 + month - 1): not expected
-- or recorded after, still reported for what came before.
ALTER TABLE measure ADD COLUMN retired_from INTEGER;
-- A deviation registered by mistake is withdrawn: kept, and left out of
-- every report and count.
ALTER TABLE deviation ADD COLUMN withdrawn_on TEXT;
ALTER TABLE deviation ADD COLUMN withdraw_reason TEXT;

-- As in 0001, with the unit's close: a span ends on the day its unit, or
-- the level-2 unit above it, closed.
DROP VIEW unit_lineage;
CREATE VIEW unit_lineage AS
WITH l2 AS (
    SELECT s.unit_id, s.unit_id AS l2_id, s.assignment_id, s.valid_from,
           min(coalesce(s.valid_to, '9999-12-31'), coalesce(u.closed_on, '9999-12-31'))
             AS valid_to
    FROM membership_span s JOIN unit u ON u.id = s.unit_id
    WHERE s.assignment_id IS NOT NULL
), spans AS (
    SELECT unit_id, 2 AS level, NULL AS parent_id, l2_id, assignment_id,
           valid_from, valid_to
    FROM l2
    UNION ALL
    SELECT c.unit_id, 3, c.parent_id, p.l2_id, p.assignment_id,
           max(c.valid_from, p.valid_from),
           min(coalesce(c.valid_to, '9999-12-31'), p.valid_to,
               coalesce(u.closed_on, '9999-12-31'))
    FROM membership_span c JOIN l2 p ON p.unit_id = c.parent_id
    JOIN unit u ON u.id = c.unit_id
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

-- ---- Data quality ----------------------------------------------------
-- The plausible range of a measure's values; a value outside it is
-- refused unless confirmed, and then flagged.
ALTER TABLE measure ADD COLUMN min REAL;
ALTER TABLE measure ADD COLUMN max REAL;
ALTER TABLE value ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1));

-- A rule between two measures of the same unit and period: left op right.
-- An error refuses a write that breaks it; a warning is reported.
CREATE TABLE rule (
    id       INTEGER PRIMARY KEY,
    code     TEXT NOT NULL UNIQUE,
    left_id  INTEGER NOT NULL REFERENCES measure (id),
    op       TEXT NOT NULL CHECK (op IN ('<', '<=', '=', '>=', '>')),
    right_id INTEGER NOT NULL REFERENCES measure (id),
    severity TEXT NOT NULL CHECK (severity IN ('warning', 'error'))
) STRICT;

-- Performed hours above the hours granted deserve a look, not a refusal.
INSERT INTO rule (code, left_id, op, right_id, severity)
SELECT 'TIMMAR-INOM-BEVILJAT', u.id, '<=', b.id, 'warning'
FROM measure u, measure b WHERE u.code = 'STR-TIMMAR' AND b.code = 'STR-TIMMAR-BEV';

-- ---- Goals and methods as catalogues ------------------------------------
-- A process goal gets a code, and a measure may follow several goals.
ALTER TABLE process_goal ADD COLUMN code TEXT;
UPDATE process_goal SET code = (
    SELECT CASE q.code WHEN 'delaktighet' THEN 'DEL' WHEN 'ledning' THEN 'LED'
             WHEN 'personcentrerat' THEN 'PC' WHEN 'samverkan' THEN 'SAM'
             WHEN 'kompetens' THEN 'KOMP' WHEN 'kunskapsbaserad' THEN 'KUNS'
             ELSE upper(q.code) END
      || '-G' || (SELECT count(*) FROM process_goal g2
                  WHERE g2.quality_area_id = process_goal.quality_area_id
                    AND g2.id <= process_goal.id)
    FROM quality_area q WHERE q.id = process_goal.quality_area_id);
CREATE UNIQUE INDEX process_goal_code ON process_goal (code);

CREATE TABLE measure_goal (
    measure_id INTEGER NOT NULL REFERENCES measure (id),
    goal_id    INTEGER NOT NULL REFERENCES process_goal (id),
    PRIMARY KEY (measure_id, goal_id)
) STRICT, WITHOUT ROWID;
INSERT INTO measure_goal SELECT id, goal_id FROM measure WHERE goal_id IS NOT NULL;

-- The appendix's table pairs each process measure with a goal. Corrected:
-- a say and influence belong with the goal on influence, not with the
-- individual's best; new knowledge with the structures for local
-- knowledge, and the users' own experience with the knowledge insatser are
-- built on.
DELETE FROM measure_goal WHERE measure_id IN
    (SELECT id FROM measure WHERE code IN ('DEL-INFLYT', 'KUNS-NY', 'KUNS-ERFAR'));
INSERT INTO measure_goal
SELECT m.id, g.id FROM measure m JOIN process_goal g
ON (m.code = 'DEL-INFLYT' AND g.text LIKE 'Individen (barnet%')
OR (m.code = 'KUNS-NY' AND g.text LIKE 'Det finns strukturer%')
OR (m.code = 'KUNS-ERFAR' AND g.text LIKE 'Insatser utformas%');
UPDATE measure SET goal_id = NULL;

-- Reviewing care plans and SIPs gives a share of the plans reviewed, not a
-- yes or no: where no value has been recorded yet, PC-METOD is a share.
UPDATE measure SET type = 'share', time_rule = 'pool',
    unit_label = 'andel granskade planer',
    description = 'Andel av granskade genomförandeplaner och SIP som visar personcentrerade arbetssätt'
WHERE code = 'PC-METOD' AND NOT EXISTS (SELECT 1 FROM value v WHERE v.measure_id = measure.id);

-- The methods of follow-up, from the appendix; measures and, later,
-- follow-up activities refer to them.
CREATE TABLE method (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
) STRICT;
INSERT INTO method (code, name) VALUES
    ('enkat', 'Enkät'), ('avslutssamtal', 'Avslutssamtal'),
    ('granskning_gp', 'Granskning av genomförandeplaner'),
    ('granskning_sip', 'Granskning av SIP'),
    ('hme', 'HME, hållbart medarbetarengagemang'),
    ('budget', 'Budgetuppföljning och internbudget'),
    ('natverk', 'Uppföljning av nätverksarbete'), ('svop', 'SVOP'),
    ('kundresan', 'Kundresan'),
    ('samverkan', 'Samverkansöverenskommelser (tjänstemannanivå)'),
    ('fokusgrupper', 'Fokusgrupper'),
    ('avvikelser', 'Analys av avvikelser, synpunkter, lex Sarah och lex Maria'),
    ('brukarenkat', 'Brukarenkät'), ('medarbetarenkat', 'Medarbetarenkät'),
    ('medarbetarsamtal', 'Medarbetarsamtal'),
    ('exitsamtal', 'Exitsamtal och avgångssamtal'),
    ('kompetens', 'Uppföljning av kompetensförsörjning och kompetensutveckling'),
    ('effektutvardering', 'Effektutvärdering'),
    ('handlingsplaner', 'Handlingsplaner utifrån brukarundersökningar'),
    ('egenkontroll', 'Egenkontroll'), ('granskning', 'Granskning'),
    ('tidsregistrering', 'Tidsregistrering');

CREATE TABLE measure_method (
    measure_id INTEGER NOT NULL REFERENCES measure (id),
    method_id  INTEGER NOT NULL REFERENCES method (id),
    PRIMARY KEY (measure_id, method_id)
) STRICT, WITHOUT ROWID;
WITH link (measure, method) AS (VALUES
    ('DEL-INFO', 'enkat'), ('DEL-INFO', 'avslutssamtal'), ('DEL-INFO', 'granskning_gp'),
    ('DEL-INFLYT', 'enkat'), ('DEL-INFLYT', 'avslutssamtal'), ('DEL-INFLYT', 'granskning_gp'),
    ('LED-HME', 'hme'), ('LED-KLS', 'egenkontroll'), ('LED-KLS', 'granskning'),
    ('PC-METOD', 'granskning_sip'), ('PC-METOD', 'granskning_gp'), ('PC-METOD', 'natverk'),
    ('SAM-HELHET', 'granskning_gp'), ('SAM-HELHET', 'granskning_sip'),
    ('SAM-HELHET', 'svop'), ('SAM-HELHET', 'kundresan'),
    ('SAM-STRUKTUR', 'samverkan'), ('SAM-STRUKTUR', 'fokusgrupper'),
    ('SAM-STRUKTUR', 'avvikelser'),
    ('KOMP-BEMOT', 'brukarenkat'), ('KOMP-UPPDRAG', 'medarbetarenkat'),
    ('KOMP-UPPDRAG', 'medarbetarsamtal'), ('KOMP-OMSATT', 'exitsamtal'),
    ('KOMP-OMSATT', 'kompetens'), ('KUNS-NY', 'effektutvardering'),
    ('KUNS-NY', 'handlingsplaner'), ('KUNS-METOD', 'effektutvardering'),
    ('KUNS-ERFAR', 'avvikelser'), ('EKO-BUDGET', 'budget'), ('EKO-KOSTNAD', 'budget'),
    ('RES-NOJD-HT', 'brukarenkat'), ('RES-NOJD-SABO', 'brukarenkat'))
INSERT INTO measure_method
SELECT m.id, t.id FROM link l JOIN measure m ON m.code = l.measure
JOIN method t ON t.code = l.method;

-- ---- Audit ------------------------------------------------------------
-- The new tables, as every table; the measure, unit and deviation
-- triggers again, with their new columns.
CREATE TRIGGER measure_area_ai AFTER INSERT ON measure_area BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'measure_area', 'insert',
        (SELECT code FROM measure WHERE id = NEW.measure_id) || '/' ||
        (SELECT code FROM service_area WHERE id = NEW.area_id), NULL); END;
CREATE TRIGGER measure_area_au BEFORE UPDATE ON measure_area BEGIN
    SELECT RAISE(ABORT, 'an applicability is added or removed, never rewritten'); END;
CREATE TRIGGER measure_area_ad AFTER DELETE ON measure_area BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'measure_area', 'delete',
        (SELECT code FROM measure WHERE id = OLD.measure_id) || '/' ||
        (SELECT code FROM service_area WHERE id = OLD.area_id), NULL); END;
CREATE TRIGGER basic_item_area_ai AFTER INSERT ON basic_item_area BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'basic_item_area', 'insert',
        (SELECT code FROM basic_item WHERE id = NEW.item_id) || '/' ||
        (SELECT code FROM service_area WHERE id = NEW.area_id), NULL); END;
CREATE TRIGGER basic_item_area_au BEFORE UPDATE ON basic_item_area BEGIN
    SELECT RAISE(ABORT, 'an applicability is added or removed, never rewritten'); END;
CREATE TRIGGER basic_item_area_ad AFTER DELETE ON basic_item_area BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'basic_item_area', 'delete',
        (SELECT code FROM basic_item WHERE id = OLD.item_id) || '/' ||
        (SELECT code FROM service_area WHERE id = OLD.area_id), NULL); END;
CREATE TRIGGER measure_goal_ai AFTER INSERT ON measure_goal BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'measure_goal', 'insert',
        (SELECT code FROM measure WHERE id = NEW.measure_id) || '/' ||
        (SELECT code FROM process_goal WHERE id = NEW.goal_id), NULL); END;
CREATE TRIGGER measure_goal_au BEFORE UPDATE ON measure_goal BEGIN
    SELECT RAISE(ABORT, 'a goal link is added or removed, never rewritten'); END;
CREATE TRIGGER measure_goal_ad AFTER DELETE ON measure_goal BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'measure_goal', 'delete',
        (SELECT code FROM measure WHERE id = OLD.measure_id) || '/' ||
        (SELECT code FROM process_goal WHERE id = OLD.goal_id), NULL); END;
CREATE TRIGGER measure_method_ai AFTER INSERT ON measure_method BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'measure_method', 'insert',
        (SELECT code FROM measure WHERE id = NEW.measure_id) || '/' ||
        (SELECT code FROM method WHERE id = NEW.method_id), NULL); END;
CREATE TRIGGER measure_method_au BEFORE UPDATE ON measure_method BEGIN
    SELECT RAISE(ABORT, 'a method link is added or removed, never rewritten'); END;
CREATE TRIGGER measure_method_ad AFTER DELETE ON measure_method BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'measure_method', 'delete',
        (SELECT code FROM measure WHERE id = OLD.measure_id) || '/' ||
        (SELECT code FROM method WHERE id = OLD.method_id), NULL); END;

CREATE TRIGGER method_ai AFTER INSERT ON method BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'method', 'insert', NEW.code,
        upf_audit_row('code', NEW.code, 'name', NEW.name)); END;
CREATE TRIGGER method_au AFTER UPDATE ON method BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'method', 'update', NEW.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name),
        upf_audit_row('code', NEW.code, 'name', NEW.name)); END;
CREATE TRIGGER method_ad AFTER DELETE ON method BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'method', 'delete', OLD.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name)); END;

CREATE TRIGGER rule_ai AFTER INSERT ON rule BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'rule', 'insert', NEW.code,
        upf_audit_row('left', (SELECT code FROM measure WHERE id = NEW.left_id), 'op', NEW.op,
            'right', (SELECT code FROM measure WHERE id = NEW.right_id),
            'severity', NEW.severity)); END;
CREATE TRIGGER rule_au AFTER UPDATE ON rule BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'rule', 'update', NEW.code,
        upf_audit_row('op', OLD.op, 'severity', OLD.severity),
        upf_audit_row('op', NEW.op, 'severity', NEW.severity)); END;
CREATE TRIGGER rule_ad AFTER DELETE ON rule BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'rule', 'delete', OLD.code,
        upf_audit_row('op', OLD.op, 'severity', OLD.severity)); END;

DROP TRIGGER process_goal_ai;
CREATE TRIGGER process_goal_ai AFTER INSERT ON process_goal BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'process_goal', 'insert',
        coalesce(NEW.code, NEW.id),
        upf_audit_row('code', NEW.code,
            'quality_area', (SELECT code FROM quality_area WHERE id = NEW.quality_area_id),
            'text', NEW.text)); END;
DROP TRIGGER process_goal_au;
CREATE TRIGGER process_goal_au AFTER UPDATE ON process_goal BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'process_goal', 'update',
        coalesce(NEW.code, NEW.id),
        upf_audit_row('code', OLD.code, 'text', OLD.text),
        upf_audit_row('code', NEW.code, 'text', NEW.text)); END;

DROP TRIGGER measure_au;
CREATE TRIGGER measure_au AFTER UPDATE ON measure BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'measure', 'update', NEW.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name, 'kind', OLD.kind,
            'type', OLD.type, 'time_rule', OLD.time_rule, 'level', OLD.level,
            'frequency', OLD.frequency, 'direction', OLD.direction,
            'quality_area', (SELECT code FROM quality_area WHERE id = OLD.quality_area_id),
            'unit_label', OLD.unit_label, 'method', OLD.method, 'kpi', OLD.kpi,
            'description', OLD.description, 'min', OLD.min, 'max', OLD.max,
            'retired_from', OLD.retired_from),
        upf_audit_row('code', NEW.code, 'name', NEW.name, 'kind', NEW.kind,
            'type', NEW.type, 'time_rule', NEW.time_rule, 'level', NEW.level,
            'frequency', NEW.frequency, 'direction', NEW.direction,
            'quality_area', (SELECT code FROM quality_area WHERE id = NEW.quality_area_id),
            'unit_label', NEW.unit_label, 'method', NEW.method, 'kpi', NEW.kpi,
            'description', NEW.description, 'min', NEW.min, 'max', NEW.max,
            'retired_from', NEW.retired_from)); END;

DROP TRIGGER unit_au;
CREATE TRIGGER unit_au AFTER UPDATE ON unit BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'unit', 'update', NEW.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name, 'level', OLD.level,
            'area', (SELECT code FROM service_area WHERE id = OLD.area_id),
            'closed_on', OLD.closed_on),
        upf_audit_row('code', NEW.code, 'name', NEW.name, 'level', NEW.level,
            'area', (SELECT code FROM service_area WHERE id = NEW.area_id),
            'closed_on', NEW.closed_on)); END;

DROP TRIGGER deviation_au;
CREATE TRIGGER deviation_au AFTER UPDATE ON deviation BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'deviation', 'update', NEW.id,
        upf_audit_row('status', OLD.status, 'investigating_on', OLD.investigating_on,
            'assessment', OLD.assessment, 'assessed_on', OLD.assessed_on,
            'ivo_notified', OLD.ivo_notified, 'ivo_notified_by', OLD.ivo_notified_by,
            'ivo_sent', OLD.ivo_sent, 'committee_informed', OLD.committee_informed,
            'closed_on', OLD.closed_on, 'close_reason', OLD.close_reason,
            'withdrawn_on', OLD.withdrawn_on, 'withdraw_reason', OLD.withdraw_reason),
        upf_audit_row('status', NEW.status, 'investigating_on', NEW.investigating_on,
            'assessment', NEW.assessment, 'assessed_on', NEW.assessed_on,
            'ivo_notified', NEW.ivo_notified, 'ivo_notified_by', NEW.ivo_notified_by,
            'ivo_sent', NEW.ivo_sent, 'committee_informed', NEW.committee_informed,
            'closed_on', NEW.closed_on, 'close_reason', NEW.close_reason,
            'withdrawn_on', NEW.withdrawn_on, 'withdraw_reason', NEW.withdraw_reason)); END;

-- A withdrawn deviation is in no count: the facts computed measures and
-- reports read leave it out.
DROP VIEW measure_deviation;
DROP VIEW deviation_fact;
CREATE VIEW deviation_fact AS
SELECT d.id, d.unit_id, d.reported, d.investigating_on, d.closed_on, d.ivo_sent,
       t.code AS type_code, c.code AS category_code, a.outcome,
       CAST(substr(d.reported, 1, 4) AS INTEGER) * 12
         + CAST(substr(d.reported, 6, 2) AS INTEGER) - 1 AS month,
       due.ivo_due
FROM deviation d JOIN deviation_type t ON t.id = d.type_id
LEFT JOIN deviation_category c ON c.id = d.category_id
LEFT JOIN assessment a ON a.scale = t.scale AND a.code = d.assessment
LEFT JOIN deviation_due due ON due.id = d.id
WHERE d.withdrawn_on IS NULL;
CREATE VIEW measure_deviation AS
SELECT m.id AS measure_id, d.*
FROM measure m JOIN deviation_fact d
  ON (m.source_type IS NULL OR d.type_code = m.source_type)
 AND (m.source_category IS NULL OR d.category_code = m.source_category)
 AND (m.source_outcome IS NULL OR d.outcome = m.source_outcome)
WHERE m.source = 'deviations';

-- A unit's figure as plausible ranges and rules see it: a share's
-- percentage, else the value.
CREATE VIEW value_figure AS
SELECT v.measure_id, v.unit_id, v.start,
       iif(m.type = 'share', 100.0 * v.value / v.den, v.value) AS fig
FROM value v JOIN measure m ON m.id = v.measure_id;

-- A replaced value, with whether it was confirmed outside its range.
DROP TRIGGER value_au;
CREATE TRIGGER value_au AFTER UPDATE ON value BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'value', 'update',
        (SELECT measure || '/' || unit || '/' || period FROM value_labelled
         WHERE measure_id = NEW.measure_id AND start = NEW.start AND unit_id = NEW.unit_id),
        upf_audit_row('value', OLD.value, 'denominator', OLD.den, 'note', OLD.note,
            'flagged', OLD.flagged),
        upf_audit_row('value', NEW.value, 'denominator', NEW.den, 'note', NEW.note,
            'flagged', NEW.flagged)); END;
