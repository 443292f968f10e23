-- The placements of a "values" report (place_table.sql), written before
-- the report runs and in its read transaction, after the table is
-- emptied. Parameters: those of values_core.sql that say where a unit
-- stands: :from, :to, :prev, :level, :by, :unit_id, :assignment_id and
-- :committee_id.
--
--  lin    the unit lineage, read once (scope_lineage: under a scope, the
--         provider's own spans)
--  place  where each unit stood at the end of each month: its node at
--         the report's level, its group for a breakdown, its service area
--  node   place, with nk
--  ranked node, with ur and multi
WITH RECURSIVE
-- include: report_months.sql
,
lin AS MATERIALIZED (SELECT * FROM scope_lineage),
place AS (SELECT mo.p, mo.m, l.unit_id, l.level, l.area_id,
    -- include: node_id.sql
    AS node_id,
    CASE :by WHEN 'regime' THEN pr.regime WHEN 'provider' THEN pr.code
      WHEN 'area' THEN sa.code END AS grp
  FROM month mo JOIN lin l ON l.valid_from <= upf_month_last(mo.m)
  JOIN provider pr ON pr.id = l.provider_id
  JOIN service_area sa ON sa.id = l.area_id
  WHERE NOT EXISTS (SELECT 1 FROM lin n WHERE n.unit_id = l.unit_id
      AND n.valid_from > l.valid_from
      AND n.valid_from <= upf_month_last(mo.m))
    AND (:unit_id IS NULL OR l.unit_id = :unit_id OR l.l2_id = :unit_id)
    AND (:assignment_id IS NULL OR l.assignment_id = :assignment_id)
    AND (:committee_id IS NULL OR l.committee_id = :committee_id)),
node AS (SELECT *, dense_rank() OVER (ORDER BY node_id, grp) * 2 + p AS nk FROM place),
ranked AS (SELECT *, dense_rank() OVER (PARTITION BY nk ORDER BY unit_id) AS ur,
    min(area_id) OVER (PARTITION BY nk, unit_id)
      <> max(area_id) OVER (PARTITION BY nk, unit_id) AS multi
  FROM node)
INSERT INTO temp.upf_place (k, p, m, unit_id, level, area_id, node_id, grp, nk, ur, uk,
  multi)
SELECT (p * 1048576 + m) * 4398046511104 + unit_id, p, m, unit_id, level, area_id,
  node_id, grp, nk, ur, nk * 262144 + ur, multi
FROM ranked
