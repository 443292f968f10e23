-- Every table's writes leave a row in the audit trail, and a write made
-- outside the library fails.
--
-- The audit triggers call upf_actor() and upf_audit_row(), which only the
-- library registers: the sqlite3 shell and other programs have no such
-- functions, so an INSERT, UPDATE or DELETE they make on an audited table
-- fails and changes nothing. Reference values, inserted in bulk and
-- audited by the library (one entry per import), and the trail itself
-- have triggers that only call upf_library(), to the same end. The one
-- write left open is an INSERT into value: the library records those
-- itself (one entry per value set alone, one per batch), and a trigger
-- there would cost every value of a bulk import a trigger program. (No
-- CHECK calls a function: PRAGMA integrity_check evaluates CHECKs, and
-- must run in any program.)

-- Which import last wrote a value, and from which line of its file:
-- every value can be traced to the audit entry of the batch that wrote it
-- (its "batch" member), and a key given twice in one import is found.
ALTER TABLE value ADD COLUMN batch INTEGER;
ALTER TABLE value ADD COLUMN line INTEGER;

CREATE TRIGGER reference_bi BEFORE INSERT ON reference BEGIN
    SELECT upf_library(); END;
CREATE TRIGGER reference_au AFTER UPDATE ON reference BEGIN
    SELECT upf_library(); END;
CREATE TRIGGER reference_bd BEFORE DELETE ON reference BEGIN
    SELECT upf_library(); END;
-- Nor can the trail itself be written to from outside: no entry is forged.
CREATE TRIGGER audit_bi BEFORE INSERT ON audit BEGIN
    SELECT upf_library(); END;

-- The deletes that had no trigger: what was there is kept.
CREATE TRIGGER measure_ad AFTER DELETE ON measure BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'measure', 'delete', OLD.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name, 'kind', OLD.kind, 'type', OLD.type)); END;
CREATE TRIGGER target_ad AFTER DELETE ON target BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'target', 'delete',
        (SELECT code FROM measure WHERE id = OLD.measure_id) || '/' || OLD.year,
        upf_audit_row('value', OLD.value,
            'assignment', (SELECT code FROM assignment WHERE id = OLD.assignment_id),
            'unit', (SELECT code FROM unit WHERE id = OLD.unit_id))); END;
CREATE TRIGGER indicator_au AFTER UPDATE ON indicator BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'indicator', 'update', NEW.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name, 'factor', OLD.factor,
            'numerator', (SELECT code FROM measure WHERE id = OLD.numerator_id),
            'denominator', (SELECT code FROM measure WHERE id = OLD.denominator_id)),
        upf_audit_row('code', NEW.code, 'name', NEW.name, 'factor', NEW.factor,
            'numerator', (SELECT code FROM measure WHERE id = NEW.numerator_id),
            'denominator', (SELECT code FROM measure WHERE id = NEW.denominator_id))); END;
CREATE TRIGGER indicator_ad AFTER DELETE ON indicator BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'indicator', 'delete', OLD.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name, 'factor', OLD.factor)); END;
CREATE TRIGGER deviation_ad AFTER DELETE ON deviation BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'deviation', 'delete', OLD.id,
        upf_audit_row('unit', (SELECT code FROM unit WHERE id = OLD.unit_id),
            'status', OLD.status, 'reported', OLD.reported, 'summary', OLD.summary)); END;
CREATE TRIGGER action_ad AFTER DELETE ON action BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'action', 'delete', OLD.id,
        upf_audit_row('deviation', OLD.deviation_id, 'text', OLD.text,
            'responsible', OLD.responsible, 'due', OLD.due, 'done', OLD.done)); END;
CREATE TRIGGER basic_record_ad AFTER DELETE ON basic_record BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'basic_record', 'delete',
        (SELECT code FROM unit WHERE id = OLD.unit_id) || '/' ||
        (SELECT code FROM basic_item WHERE id = OLD.item_id) || '/' || OLD.year,
        upf_audit_row('routine', OLD.routine, 'performed', OLD.performed, 'result', OLD.result)); END;
CREATE TRIGGER basic_analysis_ad AFTER DELETE ON basic_analysis BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'basic_analysis', 'delete',
        (SELECT code FROM unit WHERE id = OLD.unit_id) || '/' ||
        (SELECT code FROM basic_item WHERE id = OLD.item_id) || '/' || OLD.year,
        upf_audit_row('analysed_on', OLD.analysed_on, 'analysed_by', OLD.analysed_by)); END;

-- The catalogues: deviation types and categories, quality areas, process
-- goals, basic follow-up items, frequencies and assessment scales.
CREATE TRIGGER deviation_type_ai AFTER INSERT ON deviation_type BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'deviation_type', 'insert', NEW.code,
        upf_audit_row('code', NEW.code, 'name', NEW.name, 'scale', NEW.scale,
            'legal_reference', NEW.legal_reference, 'authority', NEW.authority)); END;
CREATE TRIGGER deviation_type_au AFTER UPDATE ON deviation_type BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'deviation_type', 'update', NEW.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name, 'scale', OLD.scale,
            'legal_reference', OLD.legal_reference, 'authority', OLD.authority),
        upf_audit_row('code', NEW.code, 'name', NEW.name, 'scale', NEW.scale,
            'legal_reference', NEW.legal_reference, 'authority', NEW.authority)); END;
CREATE TRIGGER deviation_type_ad AFTER DELETE ON deviation_type BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'deviation_type', 'delete', OLD.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name, 'scale', OLD.scale)); END;

CREATE TRIGGER deviation_category_ai AFTER INSERT ON deviation_category BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'deviation_category', 'insert', NEW.code,
        upf_audit_row('code', NEW.code, 'name', NEW.name)); END;
CREATE TRIGGER deviation_category_au AFTER UPDATE ON deviation_category BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'deviation_category', 'update', NEW.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name),
        upf_audit_row('code', NEW.code, 'name', NEW.name)); END;
CREATE TRIGGER deviation_category_ad AFTER DELETE ON deviation_category BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'deviation_category', 'delete', OLD.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name)); END;

CREATE TRIGGER quality_area_ai AFTER INSERT ON quality_area BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'quality_area', 'insert', NEW.code,
        upf_audit_row('code', NEW.code, 'name', NEW.name, 'description', NEW.description)); END;
CREATE TRIGGER quality_area_au AFTER UPDATE ON quality_area BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'quality_area', 'update', NEW.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name, 'description', OLD.description),
        upf_audit_row('code', NEW.code, 'name', NEW.name, 'description', NEW.description)); END;
CREATE TRIGGER quality_area_ad AFTER DELETE ON quality_area BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'quality_area', 'delete', OLD.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name)); END;

CREATE TRIGGER process_goal_ai AFTER INSERT ON process_goal BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'process_goal', 'insert', NEW.id,
        upf_audit_row('quality_area', (SELECT code FROM quality_area WHERE id = NEW.quality_area_id),
            'text', NEW.text)); END;
CREATE TRIGGER process_goal_au AFTER UPDATE ON process_goal BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'process_goal', 'update', NEW.id,
        upf_audit_row('quality_area', (SELECT code FROM quality_area WHERE id = OLD.quality_area_id),
            'text', OLD.text),
        upf_audit_row('quality_area', (SELECT code FROM quality_area WHERE id = NEW.quality_area_id),
            'text', NEW.text)); END;
CREATE TRIGGER process_goal_ad AFTER DELETE ON process_goal BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'process_goal', 'delete', OLD.id,
        upf_audit_row('text', OLD.text)); END;

CREATE TRIGGER basic_item_ai AFTER INSERT ON basic_item BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'basic_item', 'insert', NEW.code,
        upf_audit_row('code', NEW.code, 'name', NEW.name, 'group', NEW.grp)); END;
CREATE TRIGGER basic_item_au AFTER UPDATE ON basic_item BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'basic_item', 'update', NEW.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name, 'group', OLD.grp),
        upf_audit_row('code', NEW.code, 'name', NEW.name, 'group', NEW.grp)); END;
CREATE TRIGGER basic_item_ad AFTER DELETE ON basic_item BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'basic_item', 'delete', OLD.code,
        upf_audit_row('code', OLD.code, 'name', OLD.name)); END;

CREATE TRIGGER frequency_ai AFTER INSERT ON frequency BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'frequency', 'insert', NEW.code,
        upf_audit_row('code', NEW.code, 'months', NEW.months)); END;
CREATE TRIGGER frequency_au AFTER UPDATE ON frequency BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'frequency', 'update', NEW.code,
        upf_audit_row('code', OLD.code, 'months', OLD.months),
        upf_audit_row('code', NEW.code, 'months', NEW.months)); END;
CREATE TRIGGER frequency_ad AFTER DELETE ON frequency BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'frequency', 'delete', OLD.code,
        upf_audit_row('code', OLD.code, 'months', OLD.months)); END;

CREATE TRIGGER assessment_ai AFTER INSERT ON assessment BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'assessment', 'insert',
        NEW.scale || '/' || NEW.code,
        upf_audit_row('name', NEW.name, 'outcome', NEW.outcome)); END;
CREATE TRIGGER assessment_au AFTER UPDATE ON assessment BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'assessment', 'update',
        NEW.scale || '/' || NEW.code,
        upf_audit_row('name', OLD.name, 'outcome', OLD.outcome),
        upf_audit_row('name', NEW.name, 'outcome', NEW.outcome)); END;
CREATE TRIGGER assessment_ad AFTER DELETE ON assessment BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'assessment', 'delete',
        OLD.scale || '/' || OLD.code,
        upf_audit_row('name', OLD.name, 'outcome', OLD.outcome)); END;
