-- The spans a handle's cache holds (cache.c): each unit's spans in
-- unit_lineage, the days as YYYYMMDD integers, with the service area and
-- the committee, in order of unit and first day. The lineage's own view
-- is built for any reader and pushes a filter on one unit into its
-- parts; read whole by a fresh handle, it cost more than half of the
-- first write (5.3M instructions at 120 units, 2.4M of them preparing
-- it). This is the same spans read once: a membership joined to the one
-- that places it under an assignment (a level-2 unit's is itself, a
-- level-3 unit's each of its parent's), each end found once, and the
-- intersection of the two spans, the units' closes and the assignment's
-- validity. tests/check_lineage.py holds it to the view over random
-- histories.
--
-- The inner query is not flattened (LIMIT -1): flattened, each end's
-- subquery is computed again where the outer query compares it. The
-- outer ORDER BY sorts once; the inner one, by the scan's order, cleared
-- a sorter per unit.
SELECT unit_id, f, t, area_id, committee_id FROM (
  SELECT c.unit_id,
    CAST(replace(max(c.valid_from, o.valid_from, a.valid_from), '-', '') AS INTEGER) AS f,
    CAST(replace(min(
      coalesce((SELECT date(min(n.valid_from), '-1 day') FROM membership n
                WHERE n.unit_id = c.unit_id AND n.valid_from > c.valid_from), '9999-12-31'),
      coalesce(cu.closed_on, '9999-12-31'),
      coalesce((SELECT date(min(n.valid_from), '-1 day') FROM membership n
                WHERE n.unit_id = o.unit_id AND n.valid_from > o.valid_from), '9999-12-31'),
      coalesce(ou.closed_on, '9999-12-31'),
      coalesce(a.valid_to, '9999-12-31')), '-', '') AS INTEGER) AS t,
    ou.area_id, a.committee_id
  FROM membership c JOIN unit cu ON cu.id = c.unit_id
  JOIN membership o ON o.unit_id = coalesce(c.parent_id, c.unit_id)
    AND (c.parent_id IS NOT NULL OR o.valid_from = c.valid_from)
  JOIN unit ou ON ou.id = o.unit_id
  JOIN assignment a ON a.id = o.assignment_id
  LIMIT -1)
WHERE f <= t ORDER BY unit_id, f
