-- A value a changeset brought names, as its batch, the audit entry of the
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
