-- Immediate measures (omedelbara åtgärder): what was done at once when the
-- deviation came to light, before any investigation. They are actions
-- recorded as done on the day they were taken; the flag keeps them apart
-- from the actions an investigation decides.
ALTER TABLE action ADD COLUMN immediate INTEGER NOT NULL DEFAULT 0
    CHECK (immediate IN (0, 1));

-- The audit entry of a new action now says whether it was immediate and
-- when it was done.
DROP TRIGGER action_ai;
CREATE TRIGGER action_ai AFTER INSERT ON action BEGIN
    INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'action', 'insert', NEW.id,
        upf_audit_row('deviation', NEW.deviation_id, 'text', NEW.text,
            'responsible', NEW.responsible, 'due', NEW.due, 'done', NEW.done,
            'immediate', NEW.immediate)); END;
