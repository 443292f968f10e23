-- The "deviations" report, up to its rows (CTE report). Included by
-- deviations_table.sql and deviations_json.sql. Parameters: :from and :to
-- (months), :level ('3', '2', '1', 'committee', 'total'), :by (NULL,
-- 'type', 'category'), :unit_id, :assignment_id, :committee_id, :at (the
-- day IVO deadlines are judged on: the period's end, or today if sooner).
--
--  dev      each deviation reported in the period, placed where its unit
--           stood on the day it was reported
--  days     days from reported to closed, numbered per node for the median
--  agg      counts per node: registered, investigated, closed, closed within
--           30 days, lex Sarah (serious), lex Maria, IVO investigations
--           overdue, actions, actions done and immediate measures
WITH
lin AS MATERIALIZED (SELECT * FROM unit_lineage),
dev AS (SELECT d.*, t.scale, a.outcome, due.ivo_due,
    CASE :level WHEN '3' THEN l.unit_id WHEN '2' THEN l.l2_id
      WHEN '1' THEN l.assignment_id WHEN 'committee' THEN l.committee_id
      ELSE 0 END AS node_id,
    CASE :by WHEN 'type' THEN t.code WHEN 'category' THEN coalesce(c.code, '-') END AS grp
  FROM deviation d JOIN deviation_type t ON t.id = d.type_id
  LEFT JOIN deviation_category c ON c.id = d.category_id
  LEFT JOIN assessment a ON a.scale = t.scale AND a.code = d.assessment
  LEFT JOIN deviation_due due ON due.id = d.id
  JOIN lin l ON l.unit_id = d.unit_id AND l.valid_from <= d.reported
    AND (l.valid_to IS NULL OR l.valid_to >= d.reported)
  WHERE d.reported BETWEEN printf('%04d-%02d-01', :from / 12, :from % 12 + 1)
      AND printf('%04d-%02d-31', :to / 12, :to % 12 + 1)
    AND (:unit_id IS NULL OR l.unit_id = :unit_id OR l.l2_id = :unit_id)
    AND (:assignment_id IS NULL OR l.assignment_id = :assignment_id)
    AND (:committee_id IS NULL OR l.committee_id = :committee_id)),
days AS (SELECT node_id, grp,
    julianday(closed_on) - julianday(reported) AS n,
    row_number() OVER (PARTITION BY node_id, grp
      ORDER BY julianday(closed_on) - julianday(reported)) AS k,
    count(*) OVER (PARTITION BY node_id, grp) AS total
  FROM dev WHERE closed_on IS NOT NULL),
median AS (SELECT node_id, grp, avg(n) AS days FROM days
  WHERE k IN ((total + 1) / 2, (total + 2) / 2) GROUP BY node_id, grp),
acts AS (SELECT dev.node_id, dev.grp, count(*) AS actions,
    sum(a.done IS NOT NULL) AS actions_done, sum(a.immediate) AS immediate
  FROM dev JOIN action a ON a.deviation_id = dev.id GROUP BY dev.node_id, dev.grp),
agg AS (SELECT node_id, grp, count(*) AS registered,
    sum(investigating_on IS NOT NULL) AS investigated,
    sum(status = 'closed') AS closed,
    sum(closed_on IS NOT NULL
        AND julianday(closed_on) - julianday(reported) <= 30) AS closed_30,
    sum(scale = 'lex_sarah') AS lex_sarah,
    sum(scale = 'lex_sarah' AND outcome = 'serious') AS lex_sarah_serious,
    sum(scale = 'lex_maria') AS lex_maria,
    sum(ivo_due IS NOT NULL AND coalesce(ivo_sent, :at) > ivo_due) AS ivo_overdue
  FROM dev GROUP BY node_id, grp),
report AS (SELECT
    CASE WHEN :level IN ('2', '3') THEN u.code WHEN :level = '1' THEN asg.code
      WHEN :level = 'committee' THEN c.code ELSE 'total' END AS node,
    CASE WHEN :level IN ('2', '3') THEN u.name WHEN :level = '1' THEN asg.name
      WHEN :level = 'committee' THEN c.name ELSE 'Total' END AS node_name,
    g.grp AS "group", g.registered, g.investigated,
    round(100.0 * g.investigated / g.registered, 2) AS investigated_share,
    g.closed, g.closed_30 AS closed_within_30,
    round(100.0 * g.closed_30 / g.registered, 2) AS closed_within_30_share,
    m.days AS median_days_to_close, g.lex_sarah, g.lex_sarah_serious,
    g.lex_maria, g.ivo_overdue, coalesce(x.actions, 0) AS actions,
    coalesce(x.actions_done, 0) AS actions_done,
    coalesce(x.immediate, 0) AS immediate_actions
  FROM agg g
  LEFT JOIN median m ON m.node_id = g.node_id AND m.grp IS g.grp
  LEFT JOIN acts x ON x.node_id = g.node_id AND x.grp IS g.grp
  LEFT JOIN unit u ON :level IN ('2', '3') AND u.id = g.node_id
  LEFT JOIN assignment asg ON :level = '1' AND asg.id = g.node_id
  LEFT JOIN committee c ON :level = 'committee' AND c.id = g.node_id
  ORDER BY node, g.grp)
