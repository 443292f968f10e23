-- What the reports share, defined once.

-- The node a report row stands for, by the report's level: a level-3 or
-- level-2 unit, an assignment (level 1), a committee, or the total.
CREATE VIEW report_node (level, id, code, name) AS
SELECT '3', id, code, name FROM unit WHERE level = 3
UNION ALL SELECT '2', id, code, name FROM unit WHERE level = 2
UNION ALL SELECT '1', id, code, name FROM assignment
UNION ALL SELECT 'committee', id, code, name FROM committee
UNION ALL SELECT 'total', 0, 'total', 'Total';

-- As in 0007, with the one definition of overdue (upf_overdue) judged on
-- the library's today (upf_today), where it read the machine's clock.
DROP VIEW computed_value;
CREATE VIEW computed_value AS
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
FROM measure m JOIN measure_deviation d ON d.measure_id = m.id
WHERE m.source_statistic IS NULL
  AND (m.source_metric IS NOT 'overdue'
       OR upf_overdue(d.ivo_due, d.ivo_sent, upf_today()))
GROUP BY m.id, 2, d.unit_id;
