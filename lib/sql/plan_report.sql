-- The "plan" report: how a year's follow-up plan stands. Parameters:
-- :year, :committee_id (NULL: every committee's plan), :at (the day
-- deadlines are judged on).
--
--  act       the activities of the year's plans, with whether each is
--            overdue (past its due day, neither done nor cancelled)
--  kinds     every kind of activity, so that a kind with none shows 0
--  by_kind   per kind: activities, and how many planned, started, done,
--            cancelled and overdue
--  by_area   the same per quality area an activity follows up
--  units     the level-3 units of the plans' committees active some day
--            of the year
--  the final SELECT adds the quality areas and the units that no activity
--            (not cancelled) covers, and orders: kinds, quality areas,
--            uncovered areas, uncovered units
WITH
act AS (SELECT a.id, a.kind, a.status, n.committee_id,
    a.status IN ('planned', 'started') AND a.due < :at AS overdue
  FROM activity a JOIN plan n ON n.id = a.plan_id
  WHERE n.year = :year AND (:committee_id IS NULL OR n.committee_id = :committee_id)),
kinds (kind, rank) AS (VALUES ('individual', 1), ('assignment', 2), ('thematic', 3),
  ('goal', 4), ('basic', 5)),
by_kind AS (SELECT 1 AS part, k.rank, 'kind' AS dimension, k.kind AS key,
    NULL AS name, count(a.id) AS activities, coalesce(sum(a.status = 'planned'), 0)
      AS planned, coalesce(sum(a.status = 'started'), 0) AS started,
    coalesce(sum(a.status = 'done'), 0) AS done,
    coalesce(sum(a.status = 'cancelled'), 0) AS cancelled,
    coalesce(sum(a.overdue), 0) AS overdue
  FROM kinds k LEFT JOIN act a ON a.kind = k.kind GROUP BY k.kind),
by_area AS (SELECT 2, 0, 'quality_area', q.code, q.name, count(a.id),
    coalesce(sum(a.status = 'planned'), 0), coalesce(sum(a.status = 'started'), 0),
    coalesce(sum(a.status = 'done'), 0), coalesce(sum(a.status = 'cancelled'), 0),
    coalesce(sum(a.overdue), 0)
  FROM quality_area q LEFT JOIN activity_area x ON x.quality_area_id = q.id
  LEFT JOIN act a ON a.id = x.activity_id
  GROUP BY q.id HAVING count(a.id) > 0),
covered_area AS (SELECT DISTINCT x.quality_area_id FROM act a
  JOIN activity_area x ON x.activity_id = a.id WHERE a.status <> 'cancelled'),
units AS (SELECT DISTINCT l.unit_id FROM unit_lineage l
  WHERE l.level = 3
    AND l.committee_id IN (SELECT committee_id FROM plan WHERE year = :year
      AND (:committee_id IS NULL OR committee_id = :committee_id))
    AND l.valid_from <= :year || '-12-31'
    AND (l.valid_to IS NULL OR l.valid_to >= :year || '-01-01')),
covered_unit AS (SELECT DISTINCT u.unit_id FROM act a
  JOIN activity_unit u ON u.activity_id = a.id WHERE a.status <> 'cancelled')
SELECT dimension, key, name, activities, planned, started, done, cancelled, overdue
FROM (SELECT * FROM by_kind UNION ALL SELECT * FROM by_area
  UNION ALL SELECT 3, 0, 'uncovered_area', q.code, q.name, 0, 0, 0, 0, 0, 0
  FROM quality_area q WHERE q.id NOT IN (SELECT quality_area_id FROM covered_area)
  UNION ALL SELECT 4, 0, 'uncovered_unit', u.code, u.name, 0, 0, 0, 0, 0, 0
  FROM units x JOIN unit u ON u.id = x.unit_id
  WHERE x.unit_id NOT IN (SELECT unit_id FROM covered_unit))
ORDER BY part, rank, key
