-- Basic quality follow-up (grundläggande kvalitetsuppföljning, SOSFS
-- 2011:9): items every level-3 unit keeps a routine for and performs, and
-- every level-2 unit follows up and analyses, year by year.
CREATE TABLE basic_item (
    id    INTEGER PRIMARY KEY,
    code  TEXT NOT NULL UNIQUE,
    name  TEXT NOT NULL,
    grp   TEXT NOT NULL
) STRICT;

INSERT INTO basic_item (code, name, grp) VALUES
    ('senior_alert', 'Senior Alert', 'Kvalitetsregister'),
    ('palliativregistret', 'Svenska palliativregistret', 'Kvalitetsregister'),
    ('bpsd', 'BPSD-registret', 'Kvalitetsregister'),
    ('patientsakerhet', 'Patientsäkerhetsberättelse', 'Patientsäkerhet'),
    ('oppna_jamforelser', 'Öppna jämförelser', 'Nationella undersökningar'),
    ('brukarundersokning', 'Brukarundersökningen', 'Nationella undersökningar'),
    ('kkik', 'Kommunens kvalitet i korthet (KKiK)', 'Nationella undersökningar'),
    ('avvikelser', 'Avvikelser: tillsynsrapporter, vårdavvikelser, lex Maria, lex Sarah, synpunkter och klagomål', 'Avvikelser'),
    ('effektutvardering', 'Enskilda effektutvärderingar', 'Effektutvärdering'),
    ('loggkontroll', 'Loggkontroller', 'Egenkontroll'),
    ('dokumentation', 'Dokumentation', 'Egenkontroll'),
    ('brandskydd', 'Brandskydd', 'Egenkontroll'),
    ('basal_hygien', 'Basal hygien', 'Egenkontroll');

-- Per level-3 unit and year: a routine in place, when it was performed,
-- and what it found.
CREATE TABLE basic_record (
    unit_id   INTEGER NOT NULL REFERENCES unit (id),
    item_id   INTEGER NOT NULL REFERENCES basic_item (id),
    year      INTEGER NOT NULL,
    routine   INTEGER CHECK (routine IN (0, 1)),
    performed TEXT,
    result    TEXT,
    PRIMARY KEY (unit_id, item_id, year)
) STRICT, WITHOUT ROWID;

-- Per level-2 unit and year: when the item was analysed, and by whom.
CREATE TABLE basic_analysis (
    unit_id     INTEGER NOT NULL REFERENCES unit (id),
    item_id     INTEGER NOT NULL REFERENCES basic_item (id),
    year        INTEGER NOT NULL,
    analysed_on TEXT NOT NULL,
    analysed_by TEXT NOT NULL,
    PRIMARY KEY (unit_id, item_id, year)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER basic_record_ai AFTER INSERT ON basic_record BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'basic_record', 'insert',
        (SELECT code FROM unit WHERE id = NEW.unit_id) || '/' ||
        (SELECT code FROM basic_item WHERE id = NEW.item_id) || '/' || NEW.year,
        upf_audit_row('routine', NEW.routine, 'performed', NEW.performed, 'result', NEW.result)); END;
CREATE TRIGGER basic_record_au AFTER UPDATE ON basic_record BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'basic_record', 'update',
        (SELECT code FROM unit WHERE id = NEW.unit_id) || '/' ||
        (SELECT code FROM basic_item WHERE id = NEW.item_id) || '/' || NEW.year,
        upf_audit_row('routine', OLD.routine, 'performed', OLD.performed, 'result', OLD.result),
        upf_audit_row('routine', NEW.routine, 'performed', NEW.performed, 'result', NEW.result)); END;
CREATE TRIGGER basic_analysis_ai AFTER INSERT ON basic_analysis BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'basic_analysis', 'insert',
        (SELECT code FROM unit WHERE id = NEW.unit_id) || '/' ||
        (SELECT code FROM basic_item WHERE id = NEW.item_id) || '/' || NEW.year,
        upf_audit_row('analysed_on', NEW.analysed_on, 'analysed_by', NEW.analysed_by)); END;
CREATE TRIGGER basic_analysis_au AFTER UPDATE ON basic_analysis BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'basic_analysis', 'update',
        (SELECT code FROM unit WHERE id = NEW.unit_id) || '/' ||
        (SELECT code FROM basic_item WHERE id = NEW.item_id) || '/' || NEW.year,
        upf_audit_row('analysed_on', OLD.analysed_on, 'analysed_by', OLD.analysed_by),
        upf_audit_row('analysed_on', NEW.analysed_on, 'analysed_by', NEW.analysed_by)); END;
