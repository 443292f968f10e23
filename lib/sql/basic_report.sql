-- The "basic" report. Parameters: :year, :level ('2', '1', 'committee',
-- 'total').
--
--  lin      the unit lineage, read once
--  placed   units active during the year, where they stood at its end
--           (or on their last day in it)
--  cells    every item for every level-3 unit in an area where the item
--           applies, with what it recorded
--  units3   per item and node: units, routines in place, performed, and
--           which units lack what
--  units2   per item and node: level-2 units (of the areas where it
--           applies) and those that analysed it
--  the final SELECT names the items and nodes (report_node), adds the
--           shares, orders
WITH
lin AS MATERIALIZED (SELECT * FROM scope_lineage),
placed AS (SELECT l.unit_id, l.level, l.area_id,
    -- include: node_id.sql
    AS node_id
  FROM lin l
  WHERE l.valid_from <= upf_month_last(:year * 12 + 11)
    AND (l.valid_to IS NULL OR l.valid_to >= upf_month_first(:year * 12))
    AND NOT EXISTS (SELECT 1 FROM lin n WHERE n.unit_id = l.unit_id
      AND n.valid_from > l.valid_from
      AND n.valid_from <= upf_month_last(:year * 12 + 11))),
cells AS (SELECT i.id AS item_id, p.node_id, u.code, r.routine, r.performed
  FROM basic_item i CROSS JOIN placed p JOIN unit u ON u.id = p.unit_id
  JOIN basic_item_applies ap ON ap.item_id = i.id AND ap.area_id = p.area_id
  LEFT JOIN basic_record r ON r.unit_id = p.unit_id AND r.item_id = i.id
    AND r.year = :year
  WHERE p.level = 3 ORDER BY u.code),
units3 AS (SELECT item_id, node_id, count(*) AS units,
    sum(routine IS 1) AS routine, sum(performed IS NOT NULL) AS performed,
    group_concat(CASE WHEN routine IS NOT 1 OR performed IS NULL THEN
      code || ' (' || iif(routine IS NOT 1, 'routine', '')
        || iif(routine IS NOT 1 AND performed IS NULL, ', ', '')
        || iif(performed IS NULL, 'performed', '') || ')' END, '; ') AS lacking
  FROM cells GROUP BY item_id, node_id),
units2 AS (SELECT i.id AS item_id, p.node_id, count(*) AS level2_units,
    sum(a.analysed_on IS NOT NULL) AS analysed,
    group_concat(CASE WHEN a.analysed_on IS NULL THEN u.code END, '; ') AS not_analysed
  FROM basic_item i CROSS JOIN placed p JOIN unit u ON u.id = p.unit_id
  JOIN basic_item_applies ap ON ap.item_id = i.id AND ap.area_id = p.area_id
  LEFT JOIN basic_analysis a ON a.unit_id = p.unit_id AND a.item_id = i.id
    AND a.year = :year
  WHERE p.level = 2 GROUP BY i.id, p.node_id)
SELECT i.code AS item, i.name AS item_name, n.code AS node, n.name AS node_name,
  coalesce(x.units, 0) AS units, coalesce(x.routine, 0) AS routine,
  round(100.0 * x.routine / x.units, 2) AS routine_share,
  coalesce(x.performed, 0) AS performed,
  round(100.0 * x.performed / x.units, 2) AS performed_share,
  y.level2_units, coalesce(y.analysed, 0) AS analysed,
  round(100.0 * y.analysed / y.level2_units, 2) AS analysed_share,
  x.lacking, y.not_analysed
FROM units2 y JOIN basic_item i ON i.id = y.item_id
LEFT JOIN units3 x ON x.item_id = y.item_id AND x.node_id = y.node_id
LEFT JOIN report_node n ON n.level = :level AND n.id = y.node_id
ORDER BY i.id, node
