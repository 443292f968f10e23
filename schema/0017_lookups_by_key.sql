-- How long each membership lasts, and where every unit stood, faster to
-- read: loading the organisation for a handle's first write took 31 us a
-- unit at 500 units, and grew with the square of the units.
--
-- As in 0001: a membership lasts until the day before the unit's next. The
-- next is now found by the membership table's key, where a window
-- function sorted each unit's memberships in a scratch table of its own.
DROP VIEW membership_span;
CREATE VIEW membership_span AS
SELECT m.unit_id, m.assignment_id, m.parent_id, m.valid_from,
       date((SELECT min(n.valid_from) FROM membership n
             WHERE n.unit_id = m.unit_id AND n.valid_from > m.valid_from),
            '-1 day') AS valid_to
FROM membership m;

-- As in 0011, with the same spans: a level-3 unit's span under each span
-- of its level-2 parent, clipped by both, by the close of either unit and
-- by the assignment's validity. Each child's span scanned the parents'
-- spans whole; it now finds its parent's memberships by the membership
-- table's key, and where each ends by the next one.
DROP VIEW unit_lineage;
CREATE VIEW unit_lineage AS
WITH l2 AS (
    SELECT s.unit_id, s.unit_id AS l2_id, s.assignment_id, s.valid_from,
           min(coalesce(s.valid_to, '9999-12-31'), coalesce(u.closed_on, '9999-12-31'))
             AS valid_to
    FROM membership_span s JOIN unit u ON u.id = s.unit_id
    WHERE s.assignment_id IS NOT NULL
), parent AS (
    SELECT c.unit_id, c.parent_id, c.valid_from AS c_from,
           coalesce(c.valid_to, '9999-12-31') AS c_to, pm.assignment_id,
           pm.valid_from AS p_from,
           min(coalesce(date((SELECT min(n.valid_from) FROM membership n
                              WHERE n.unit_id = pm.unit_id
                                AND n.valid_from > pm.valid_from), '-1 day'),
                        '9999-12-31'),
               coalesce(pu.closed_on, '9999-12-31')) AS p_to
    FROM membership_span c
    CROSS JOIN membership pm ON pm.unit_id = c.parent_id
      AND pm.valid_from <= coalesce(c.valid_to, '9999-12-31')
    JOIN unit pu ON pu.id = pm.unit_id
    WHERE pm.assignment_id IS NOT NULL
), spans AS (
    SELECT unit_id, 2 AS level, NULL AS parent_id, l2_id, assignment_id,
           valid_from, valid_to
    FROM l2
    UNION ALL
    SELECT p.unit_id, 3, p.parent_id, p.parent_id, p.assignment_id,
           max(p.c_from, p.p_from),
           min(p.c_to, p.p_to, coalesce(u.closed_on, '9999-12-31'))
    FROM parent p JOIN unit u ON u.id = p.unit_id
    WHERE p.p_to >= p.c_from
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

-- As in 0011, with the key of the audit entry made from the measure's and
-- the unit's codes by their ids: it was read through value_labelled, which
-- joined the value back to its measure and unit and cost each replaced
-- value a fifth of its write.
DROP TRIGGER value_au;
CREATE TRIGGER value_au AFTER UPDATE ON value BEGIN
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
