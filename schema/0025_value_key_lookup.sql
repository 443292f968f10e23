-- A value's audit key is upf_value_key's alone (lib/functions.c): the
-- handle's key of the value it is writing, or the codes looked up for any
-- other row, where the triggers looked them up themselves. SQLite gives
-- each trigger it runs a frame of registers, allocated and cleared each
-- time; the lookup's registers made the frame larger. A value replaced in
-- its own transaction: 64.6k instructions to 63.5k.
DROP TRIGGER value_au;
CREATE TRIGGER value_au
AFTER UPDATE OF measure_id, start, unit_id, value, den, note, flagged ON value BEGIN
    INSERT INTO audit (actor, tbl, op, key, old, new) VALUES (upf_actor(), 'value', 'update',
        upf_value_key(NEW.measure_id, NEW.unit_id, NEW.start),
        upf_value_row(OLD.value, OLD.den, OLD.note, OLD.flagged),
        upf_value_row(NEW.value, NEW.den, NEW.note, NEW.flagged)); END;
DROP TRIGGER value_ad;
CREATE TRIGGER value_ad AFTER DELETE ON value BEGIN
    INSERT INTO audit (actor, tbl, op, key, old) VALUES (upf_actor(), 'value', 'delete',
        upf_value_key(OLD.measure_id, OLD.unit_id, OLD.start),
        upf_value_row(OLD.value, OLD.den, OLD.note)); END;
