-- What the registry now gives differently from a presented committee
-- report (committee_report.c): ?1 the figures presented, ?2 the same
-- report built now, ?3 the committee, ?4 and ?5 the period's months.
-- Compared: each measure's value per node, and each deviation type's
-- count registered per node (a suppressed cell is null on both sides
-- unless the change moved it across the threshold). Then every unlock of
-- a lock that held part of the period.
WITH side AS (
    SELECT 'presented' AS side, ?1 AS doc UNION ALL SELECT 'now', ?2
), cells AS (
    SELECT d.side, x.value ->> 'id' AS section,
           coalesce(r.value ->> 'measure', r.value ->> 'group') AS measure,
           r.value ->> 'node' AS node,
           iif(x.value ->> 'report' = 'deviations', 'registered', 'value') AS col,
           iif(x.value ->> 'report' = 'deviations', r.value ->> 'registered',
               r.value ->> 'value') AS v
    FROM side d, json_each(d.doc, '$.sections') x, json_each(x.value, '$.rows') r
    WHERE x.value ->> 'id' IN ('measures_1', 'measures_2', 'reference', 'deviations')
), p AS (SELECT * FROM cells WHERE side = 'presented'),
   n AS (SELECT * FROM cells WHERE side = 'now')
SELECT p.section, p.measure, p.node, p.col AS "column", p.v AS presented, n.v AS now,
       iif(n.section IS NULL, 'gone', 'changed') AS note
FROM p LEFT JOIN n ON n.section = p.section AND n.measure = p.measure
    AND n.node IS p.node
WHERE n.section IS NULL OR p.v IS NOT n.v
UNION ALL
SELECT n.section, n.measure, n.node, n.col, NULL, n.v, 'new'
FROM n WHERE NOT EXISTS (SELECT 1 FROM p WHERE p.section = n.section
    AND p.measure = n.measure AND p.node IS n.node)
UNION ALL
SELECT 'lock', NULL, NULL, NULL, NULL, NULL,
       'period ' || k.unlocked || ' unlocked on ' || k.unlocked_on || ': ' || k.reason
FROM period_lock k
WHERE k.committee_id = ?3 AND k.unlocked_on IS NOT NULL
  AND k.from_month <= ?5 AND k.to_month >= ?4;
