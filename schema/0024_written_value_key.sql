-- The audit entry of a replaced or deleted value, the same entry written
-- with less work; a value replaced in its own transaction took some 75k
-- instructions:
-- - its key is taken from the handle that writes it (upf_value_key,
--   lib/functions.c) when it is the value that handle is writing: looking
--   up the measure's and the unit's codes again was some 11k. Any other
--   row is keyed by the lookup, as before.
-- - its rows are written by upf_value_row, which knows their keys, where
--   upf_audit_row was passed them and escaped them: some 6k a row.
DROP TRIGGER value_au;
CREATE TRIGGER value_au
AFTER UPDATE OF measure_id, start, unit_id, value, den, note, flagged ON value BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'value', 'update',
        coalesce(upf_value_key(NEW.measure_id, NEW.unit_id, NEW.start),
            (SELECT m.code || '/' || u.code || '/' || upf_period_label(NEW.start, m.frequency)
             FROM measure m, unit u WHERE m.id = NEW.measure_id AND u.id = NEW.unit_id)),
        upf_value_row(OLD.value, OLD.den, OLD.note, OLD.flagged),
        upf_value_row(NEW.value, NEW.den, NEW.note, NEW.flagged)); END;
DROP TRIGGER value_ad;
CREATE TRIGGER value_ad AFTER DELETE ON value BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'value', 'delete',
        coalesce(upf_value_key(OLD.measure_id, OLD.unit_id, OLD.start),
            (SELECT m.code || '/' || u.code || '/' || upf_period_label(OLD.start, m.frequency)
             FROM measure m, unit u WHERE m.id = OLD.measure_id AND u.id = OLD.unit_id)),
        upf_value_row(OLD.value, OLD.den, OLD.note)); END;
