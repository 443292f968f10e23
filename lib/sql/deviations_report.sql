-- The "deviations" report. Parameters: :from and :to (months), :level
-- ('3', '2', '1', 'committee', 'total'), :by (NULL, 'type', 'category'),
-- :unit_id, :assignment_id, :committee_id, :at (the day IVO deadlines are
-- judged on: the period's end, or today if sooner).
--
--  lin      the unit lineage, read once
--  dev      each deviation reported in the period and not withdrawn, placed
--           where its unit stood on the day it was reported
--  median   days from reported to closed, the median per node
--  acts     actions per node: all, done, and immediate measures
--  agg      counts per node: registered, investigated, closed, closed within
--           30 days, lex Sarah (serious), lex Maria, IVO investigations
--           overdue (upf_overdue on :at)
--  the final SELECT names the nodes (report_node), adds the shares, orders
WITH
lin AS MATERIALIZED (SELECT * FROM scope_lineage),
dev AS (SELECT d.*, t.scale, a.outcome, due.ivo_due,
    -- include: node_id.sql
    AS node_id,
    CASE :by WHEN 'type' THEN t.code WHEN 'category' THEN coalesce(c.code, '-') END AS grp
  FROM deviation d JOIN deviation_type t ON t.id = d.type_id
  LEFT JOIN deviation_category c ON c.id = d.category_id
  LEFT JOIN assessment a ON a.scale = t.scale AND a.code = d.assessment
  LEFT JOIN deviation_due due ON due.id = d.id
  JOIN lin l ON l.unit_id = d.unit_id AND l.valid_from <= d.reported
    AND (l.valid_to IS NULL OR l.valid_to >= d.reported)
  WHERE d.reported BETWEEN upf_month_first(:from) AND upf_month_last(:to)
    AND d.withdrawn_on IS NULL
    AND (:unit_id IS NULL OR l.unit_id = :unit_id OR l.l2_id = :unit_id)
    AND (:assignment_id IS NULL OR l.assignment_id = :assignment_id)
    AND (:committee_id IS NULL OR l.committee_id = :committee_id)),
median AS (SELECT node_id, grp,
    upf_median(julianday(closed_on) - julianday(reported)) AS days
  FROM dev WHERE closed_on IS NOT NULL GROUP BY node_id, grp),
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
    sum(upf_overdue(ivo_due, ivo_sent, :at)) AS ivo_overdue
  FROM dev GROUP BY node_id, grp)
SELECT n.code AS node, n.name AS node_name,
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
LEFT JOIN report_node n ON n.level = :level AND n.id = g.node_id
ORDER BY node, g.grp
