-- Deviations (avvikelser): lex Sarah, lex Maria, care deviations,
-- supervision reports, complaints and opinions, with their workflow
-- registered -> investigating -> assessed -> closed, IVO's dates, and
-- the actions taken. Legal references are data: the laws change.

CREATE TABLE deviation_type (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    -- Which assessments apply: lex Sarah's, lex Maria's, or the general.
    scale           TEXT NOT NULL CHECK (scale IN ('lex_sarah', 'lex_maria', 'general')),
    legal_reference TEXT,
    authority       TEXT
) STRICT;

INSERT INTO deviation_type (code, name, scale, legal_reference, authority) VALUES
    ('lex_sarah', 'Lex Sarah (missförhållande)', 'lex_sarah',
     'SoL 14 kap. 3-7 §§, LSS 24 a-g §§', 'IVO'),
    ('lex_maria', 'Lex Maria (vårdskada)', 'lex_maria',
     'Patientsäkerhetslagen 3 kap. 5 §', 'IVO'),
    ('care', 'Vårdavvikelse', 'general', 'Patientsäkerhetslagen 3 kap.', NULL),
    ('ivo', 'Tillsynsrapport från IVO', 'general', NULL, 'IVO'),
    ('amv', 'Tillsynsrapport från Arbetsmiljöverket', 'general', 'Arbetsmiljölagen',
     'Arbetsmiljöverket'),
    ('complaint', 'Klagomål', 'general', NULL, NULL),
    ('opinion', 'Synpunkt', 'general', NULL, NULL),
    ('other', 'Övrig avvikelse', 'general', NULL, NULL);

-- The assessments of each scale, and what each means: no deviation, a
-- deviation, or a serious one (which IVO must be notified of).
CREATE TABLE assessment (
    scale   TEXT NOT NULL,
    code    TEXT NOT NULL,
    name    TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('none', 'deviation', 'serious')),
    PRIMARY KEY (scale, code)
) STRICT, WITHOUT ROWID;

INSERT INTO assessment VALUES
    ('lex_sarah', 'not_missforhallande', 'Inte missförhållande', 'none'),
    ('lex_sarah', 'missforhallande', 'Missförhållande', 'deviation'),
    ('lex_sarah', 'risk', 'Påtaglig risk för missförhållande', 'deviation'),
    ('lex_sarah', 'serious', 'Allvarligt missförhållande eller påtaglig risk för ett sådant', 'serious'),
    ('lex_maria', 'no_injury', 'Ingen vårdskada', 'none'),
    ('lex_maria', 'injury', 'Vårdskada', 'deviation'),
    ('lex_maria', 'serious', 'Allvarlig vårdskada eller risk för en sådan', 'serious'),
    ('general', 'not_deviation', 'Inte en avvikelse', 'none'),
    ('general', 'deviation', 'Avvikelse', 'deviation'),
    ('general', 'serious', 'Allvarlig avvikelse', 'serious');

CREATE TABLE deviation_category (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
) STRICT;

INSERT INTO deviation_category (code, name) VALUES
    ('lakemedel', 'Läkemedel'), ('fall', 'Fall'), ('bemotande', 'Bemötande'),
    ('utebliven_insats', 'Utebliven insats'), ('dokumentation', 'Dokumentation'),
    ('hygien', 'Hygien'), ('sekretess', 'Sekretess'), ('ovrigt', 'Övrigt');

CREATE TABLE deviation (
    id                 INTEGER PRIMARY KEY,
    unit_id            INTEGER NOT NULL REFERENCES unit (id),
    type_id            INTEGER NOT NULL REFERENCES deviation_type (id),
    category_id        INTEGER REFERENCES deviation_category (id),
    occurred           TEXT NOT NULL,
    reported           TEXT NOT NULL CHECK (reported >= occurred),
    summary            TEXT NOT NULL,
    status             TEXT NOT NULL DEFAULT 'registered'
                       CHECK (status IN ('registered', 'investigating', 'assessed', 'closed')),
    investigating_on   TEXT,
    assessment         TEXT,
    assessed_on        TEXT,
    ivo_notified       TEXT,
    ivo_notified_by    TEXT CHECK (ivo_notified_by IN ('committee', 'provider')),
    ivo_sent           TEXT,
    committee_informed TEXT,
    closed_on          TEXT,
    close_reason       TEXT
) STRICT;
CREATE INDEX deviation_unit ON deviation (unit_id, reported);
CREATE INDEX deviation_reported ON deviation (reported);

-- Full text over summaries. SQLite 3.40 does not count FTS5 innocuous, so
-- no trigger may write it under trusted_schema=OFF: the library writes
-- the index in the same transaction as the deviation (lib/deviation.c).
CREATE VIRTUAL TABLE deviation_fts USING fts5 (
    summary, content = 'deviation', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0');

-- Actions (åtgärder): what was done because of a deviation. Designed to
-- be attached later to follow-up activities too.
CREATE TABLE action (
    id           INTEGER PRIMARY KEY,
    deviation_id INTEGER REFERENCES deviation (id),
    text         TEXT NOT NULL,
    responsible  TEXT NOT NULL,
    due          TEXT,
    done         TEXT
) STRICT;
CREATE INDEX action_deviation ON action (deviation_id);

-- A lex Sarah investigation must reach IVO within two months of the
-- notification. A case is overdue on a day after that, while unsent.
CREATE VIEW deviation_due AS
SELECT d.id, date(d.ivo_notified, '+2 months') AS ivo_due
FROM deviation d JOIN deviation_type t ON t.id = d.type_id
WHERE t.scale = 'lex_sarah' AND d.ivo_notified IS NOT NULL;

-- Computed measures: counts and shares derived from deviations, recorded
-- per unit and month (of the day reported), then aggregated like any
-- value. A measure is computed when its source is 'deviations'; its
-- filters and metric say what it counts.
ALTER TABLE measure ADD COLUMN source TEXT CHECK (source IN ('deviations'));
ALTER TABLE measure ADD COLUMN source_type TEXT;
ALTER TABLE measure ADD COLUMN source_category TEXT;
ALTER TABLE measure ADD COLUMN source_outcome TEXT
    CHECK (source_outcome IN ('none', 'deviation', 'serious'));
-- count: the deviations; investigated / closed_within: the share of them
-- investigated, or closed within source_days of being reported; overdue:
-- lex Sarah investigations that reached IVO late or not at all, by the
-- month they were due.
ALTER TABLE measure ADD COLUMN source_metric TEXT
    CHECK (source_metric IN ('count', 'investigated', 'closed_within', 'overdue'));
ALTER TABLE measure ADD COLUMN source_days INTEGER;

CREATE VIEW computed_value AS
WITH d AS (
    SELECT d.*, t.code AS type_code, c.code AS category_code, a.outcome,
           CAST(substr(d.reported, 1, 4) AS INTEGER) * 12
             + CAST(substr(d.reported, 6, 2) AS INTEGER) - 1 AS month,
           due.ivo_due
    FROM deviation d JOIN deviation_type t ON t.id = d.type_id
    LEFT JOIN deviation_category c ON c.id = d.category_id
    LEFT JOIN assessment a ON a.scale = t.scale AND a.code = d.assessment
    LEFT JOIN deviation_due due ON due.id = d.id
)
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
FROM measure m JOIN d
  ON (m.source_type IS NULL OR d.type_code = m.source_type)
 AND (m.source_category IS NULL OR d.category_code = m.source_category)
 AND (m.source_outcome IS NULL OR d.outcome = m.source_outcome)
 AND (m.source_metric IS NOT 'overdue' OR (d.ivo_due IS NOT NULL
      AND coalesce(d.ivo_sent, date('now')) > d.ivo_due))
WHERE m.source = 'deviations'
GROUP BY m.id, 2, d.unit_id;

INSERT INTO measure (code, name, kind, type, time_rule, level, frequency, direction,
                     unit_label, description, source, source_type, source_category,
                     source_outcome, source_metric, source_days)
VALUES
    ('AVV-ANTAL', 'Avvikelser', 'result', 'count', 'flow', 3, 'month', 'none',
     'avvikelser', 'Registrerade avvikelser av alla slag', 'deviations',
     NULL, NULL, NULL, 'count', NULL),
    ('AVV-SARAH', 'Lex Sarah-rapporter', 'result', 'count', 'flow', 3, 'month', 'none',
     'rapporter', NULL, 'deviations', 'lex_sarah', NULL, NULL, 'count', NULL),
    ('AVV-SARAH-ALLV', 'Allvarliga missförhållanden (lex Sarah)', 'result', 'count',
     'flow', 3, 'month', 'down', 'rapporter', 'Lex Sarah bedömda som allvarliga',
     'deviations', 'lex_sarah', NULL, 'serious', 'count', NULL),
    ('AVV-MARIA', 'Lex Maria-händelser', 'result', 'count', 'flow', 3, 'month', 'none',
     'händelser', NULL, 'deviations', 'lex_maria', NULL, NULL, 'count', NULL),
    ('AVV-VARD', 'Vårdavvikelser', 'result', 'count', 'flow', 3, 'month', 'none',
     'avvikelser', NULL, 'deviations', 'care', NULL, NULL, 'count', NULL),
    ('AVV-KLAGOMAL', 'Klagomål', 'result', 'count', 'flow', 3, 'month', 'none',
     'klagomål', NULL, 'deviations', 'complaint', NULL, NULL, 'count', NULL),
    ('AVV-SYNPUNKT', 'Synpunkter', 'result', 'count', 'flow', 3, 'month', 'none',
     'synpunkter', NULL, 'deviations', 'opinion', NULL, NULL, 'count', NULL),
    ('AVV-FALL', 'Fallavvikelser', 'result', 'count', 'flow', 3, 'month', 'down',
     'avvikelser', NULL, 'deviations', NULL, 'fall', NULL, 'count', NULL),
    ('AVV-LAKEMEDEL', 'Läkemedelsavvikelser', 'result', 'count', 'flow', 3, 'month',
     'down', 'avvikelser', NULL, 'deviations', NULL, 'lakemedel', NULL, 'count', NULL),
    ('AVV-UTREDDA', 'Avvikelser som utretts', 'result', 'share', 'pool', 3, 'month',
     'up', 'andel av avvikelser', 'Andel av avvikelserna som gått till utredning',
     'deviations', NULL, NULL, NULL, 'investigated', NULL),
    ('AVV-STANGDA-30', 'Avvikelser avslutade inom 30 dagar', 'result', 'share', 'pool',
     3, 'month', 'up', 'andel av avvikelser', 'Andel avslutade inom 30 dagar från rapport',
     'deviations', NULL, NULL, NULL, 'closed_within', 30),
    ('AVV-IVO-SEN', 'Lex Sarah-utredningar till IVO för sent', 'result', 'count',
     'flow', 3, 'month', 'down', 'utredningar',
     'Utredningar som inte nått IVO inom två månader från anmälan, efter förfallomånad',
     'deviations', 'lex_sarah', NULL, NULL, 'overdue', NULL);

INSERT INTO indicator (code, name, numerator_id, denominator_id, factor)
SELECT 'AVV-PER-1000H', 'Avvikelser per 1 000 utförda timmar', n.id, d.id, 1000
FROM measure n, measure d WHERE n.code = 'AVV-ANTAL' AND d.code = 'STR-TIMMAR';

-- Audit.
CREATE TRIGGER deviation_ai AFTER INSERT ON deviation BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'deviation', 'insert', NEW.id,
        upf_audit_row('unit', (SELECT code FROM unit WHERE id = NEW.unit_id),
            'type', (SELECT code FROM deviation_type WHERE id = NEW.type_id),
            'category', (SELECT code FROM deviation_category WHERE id = NEW.category_id),
            'occurred', NEW.occurred, 'reported', NEW.reported, 'summary', NEW.summary)); END;
CREATE TRIGGER deviation_au AFTER UPDATE ON deviation BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'deviation', 'update', NEW.id,
        upf_audit_row('status', OLD.status, 'investigating_on', OLD.investigating_on,
            'assessment', OLD.assessment, 'assessed_on', OLD.assessed_on,
            'ivo_notified', OLD.ivo_notified, 'ivo_notified_by', OLD.ivo_notified_by,
            'ivo_sent', OLD.ivo_sent, 'committee_informed', OLD.committee_informed,
            'closed_on', OLD.closed_on, 'close_reason', OLD.close_reason),
        upf_audit_row('status', NEW.status, 'investigating_on', NEW.investigating_on,
            'assessment', NEW.assessment, 'assessed_on', NEW.assessed_on,
            'ivo_notified', NEW.ivo_notified, 'ivo_notified_by', NEW.ivo_notified_by,
            'ivo_sent', NEW.ivo_sent, 'committee_informed', NEW.committee_informed,
            'closed_on', NEW.closed_on, 'close_reason', NEW.close_reason)); END;
CREATE TRIGGER action_ai AFTER INSERT ON action BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'action', 'insert', NEW.id,
        upf_audit_row('deviation', NEW.deviation_id, 'text', NEW.text,
            'responsible', NEW.responsible, 'due', NEW.due)); END;
CREATE TRIGGER action_au AFTER UPDATE ON action BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'action', 'update', NEW.id,
        upf_audit_row('done', OLD.done), upf_audit_row('done', NEW.done)); END;
