-- The "goals" report: goal follow-up (måluppföljning) for a year. Each
-- goal with its measures' values, targets and statuses per node, and the
-- goal's own status. Parameters: those of the "values" report (:from and
-- :to a whole year, :prev 1, :level; no measures, breakdown or filter),
-- and :year, :committee_id (NULL: every committee).
--
--  goal      the goals followed up: a committee's goals of the year that
--            have measures, and the catalogue's goals with a measure that
--            has a target for the year
--  goal_row  each goal's measures' rows of the values report
--  verdict   per goal and node: met, where every measure with a status met
--            its target; not_met, where none did; partly, between;
--            no_data, where no measure has a value with a target
WITH RECURSIVE
-- include: values_core.sql
,
goal AS (SELECT g.id, g.code, g.text, c.code AS committee
  FROM process_goal g LEFT JOIN committee c ON c.id = g.committee_id
  WHERE ((g.committee_id IS NULL AND g.year IS NULL
        AND EXISTS (SELECT 1 FROM measure_goal x JOIN target t
          ON t.measure_id = x.measure_id WHERE x.goal_id = g.id AND t.year = :year))
      OR (g.year = :year AND (:committee_id IS NULL OR g.committee_id = :committee_id)
        AND EXISTS (SELECT 1 FROM measure_goal x WHERE x.goal_id = g.id)))),
goal_row AS (SELECT g.id AS goal_id, g.code AS goal, g.text AS goal_text, g.committee,
    r.measure, r.node, r.node_name, r.value, r.target, r.status, r.previous
  FROM goal g JOIN measure_goal x ON x.goal_id = g.id
  JOIN measure m ON m.id = x.measure_id
  JOIN report_row r ON r.measure = m.code AND r."group" IS NULL),
verdict AS (SELECT goal_id, node,
    CASE WHEN total(status IN ('met', 'not_met')) = 0 THEN 'no_data'
      WHEN total(status = 'met') = total(status IN ('met', 'not_met')) THEN 'met'
      WHEN total(status = 'met') = 0 THEN 'not_met' ELSE 'partly' END AS goal_status
  FROM goal_row GROUP BY goal_id, node)
SELECT r.goal, r.goal_text, r.committee, r.measure, r.node, r.node_name, r.value,
  r.target, r.status, r.previous, v.goal_status
FROM goal_row r JOIN verdict v ON v.goal_id = r.goal_id AND v.node IS r.node
ORDER BY r.committee IS NULL, r.goal, r.node, r.measure
