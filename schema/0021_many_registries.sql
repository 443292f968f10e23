-- Three refinements of many registries (0018-0020).

-- 1. A value a changeset brought names, as its batch, the audit entry of the
-- apply that brought it (lib/sync.c), not the batch number it had in the
-- provider's registry, which here names an unrelated entry. Rewriting
-- batch and line alone is the library's bookkeeping, covered by that one
-- entry: the audit trigger leaves those two columns out, and a separate
-- trigger refuses them to anyone but the library.
DROP TRIGGER value_au;
CREATE TRIGGER value_au
AFTER UPDATE OF measure_id, start, unit_id, value, den, note, flagged ON value BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'value', 'update',
        (SELECT m.code || '/' || u.code || '/' || CASE m.frequency
             WHEN 'month' THEN printf('%04d-%02d', NEW.start / 12, NEW.start % 12 + 1)
             WHEN 'quarter' THEN printf('%04d-Q%d', NEW.start / 12, NEW.start % 12 / 3 + 1)
             WHEN 'tertial' THEN printf('%04d-T%d', NEW.start / 12, NEW.start % 12 / 4 + 1)
             WHEN 'half' THEN printf('%04d-H%d', NEW.start / 12, NEW.start % 12 / 6 + 1)
             ELSE printf('%04d', NEW.start / 12) END
         FROM measure m, unit u WHERE m.id = NEW.measure_id AND u.id = NEW.unit_id),
        upf_audit_row('value', OLD.value, 'denominator', OLD.den, 'note', OLD.note,
            'flagged', OLD.flagged),
        upf_audit_row('value', NEW.value, 'denominator', NEW.den, 'note', NEW.note,
            'flagged', NEW.flagged)); END;
CREATE TRIGGER value_trace_bu BEFORE UPDATE OF batch, line ON value BEGIN
    SELECT upf_library(); END;

-- 2. The audit entries a scoped handle sees: those written under its scope,
-- and those about its units, assignments and provider and what is
-- recorded of them, whoever wrote them, found by the entry's key (the
-- triggers' keys: a value's is measure/unit/period, a basic record's
-- unit/item/year, a membership's unit@from, a review answer's
-- review/criterion; deviations, actions, reviews and correction
-- requests are keyed by id). An entry about a row since deleted is found
-- only by its scope.
CREATE VIEW scope_audit AS
WITH units AS (SELECT u.code FROM unit u JOIN scope_unit s ON s.unit_id = u.id)
SELECT a.id AS audit_id FROM audit a
WHERE upf_scope() IS NULL
   OR EXISTS (SELECT 1 FROM audit_scope s JOIN provider p ON s.scope = 'provider:' || p.code
              WHERE s.audit_id = a.id AND p.id = upf_scope())
   OR CASE a.tbl
      WHEN 'value' THEN substr(a.key, instr(a.key, '/') + 1,
                               instr(substr(a.key, instr(a.key, '/') + 1), '/') - 1)
                        IN (SELECT code FROM units)
      WHEN 'basic_record' THEN substr(a.key, 1, instr(a.key, '/') - 1) IN (SELECT code FROM units)
      WHEN 'basic_analysis' THEN substr(a.key, 1, instr(a.key, '/') - 1) IN (SELECT code FROM units)
      WHEN 'membership' THEN substr(a.key, 1, instr(a.key, '@') - 1) IN (SELECT code FROM units)
      WHEN 'unit' THEN a.key IN (SELECT code FROM units)
      WHEN 'assignment' THEN a.key IN (SELECT x.code FROM assignment x
                                       JOIN scope_assignment s ON s.id = x.id)
      WHEN 'provider' THEN a.key = (SELECT code FROM provider WHERE id = upf_scope())
      WHEN 'deviation' THEN EXISTS (SELECT 1 FROM deviation d JOIN scope_unit s
                                    ON s.unit_id = d.unit_id WHERE d.id = a.key)
      WHEN 'action' THEN EXISTS (SELECT 1 FROM action x WHERE x.id = a.key AND (
                            x.unit_id IN (SELECT unit_id FROM scope_unit)
                            OR x.assignment_id IN (SELECT id FROM scope_assignment)))
      WHEN 'review' THEN EXISTS (SELECT 1 FROM review x WHERE x.id = a.key AND (
                            x.unit_id IN (SELECT unit_id FROM scope_unit)
                            OR x.assignment_id IN (SELECT id FROM scope_assignment)))
      WHEN 'review_answer' THEN EXISTS (SELECT 1 FROM review x
                            WHERE x.id = substr(a.key, 1, instr(a.key, '/') - 1) AND (
                            x.unit_id IN (SELECT unit_id FROM scope_unit)
                            OR x.assignment_id IN (SELECT id FROM scope_assignment)))
      WHEN 'correction' THEN EXISTS (SELECT 1 FROM correction x
                                     WHERE x.id = a.key AND x.provider_id = upf_scope())
      ELSE 0 END;

-- 3. A provider's registry takes the organisation again (upf_org_import
-- of a document of upf_org_export_for): how far the municipality's trail
-- had come when the document it took last was made, so that an older
-- one, which would turn the organisation back, is refused.
ALTER TABLE registry ADD COLUMN org_as_of INTEGER;
-- Its identity still never changes, and is audited as before; the mark
-- is the library's, covered by the import's own entry.
DROP TRIGGER registry_bu;
CREATE TRIGGER registry_bu
BEFORE UPDATE OF id, uid, provider_id, reports_to, id_base ON registry
WHEN OLD.provider_id IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a registry''s identity never changes'); END;
DROP TRIGGER registry_au;
CREATE TRIGGER registry_au
AFTER UPDATE OF id, uid, provider_id, reports_to, id_base ON registry BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'registry', 'update',
        NEW.uid, upf_audit_row('uid', OLD.uid, 'provider', NULL, 'reports_to', NULL),
        upf_audit_row('uid', NEW.uid,
                      'provider', (SELECT code FROM provider WHERE id = NEW.provider_id),
                      'reports_to', NEW.reports_to, 'id_base', NEW.id_base)); END;
CREATE TRIGGER registry_as_of_bu BEFORE UPDATE OF org_as_of ON registry BEGIN
    SELECT upf_library(); END;
