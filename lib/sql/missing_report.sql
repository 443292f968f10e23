-- The "missing" report, the administrator's reminder list: per provider,
-- unit and measure, the expected periods without a value. Parameters as
-- the "quality" report's, without :z.
--
-- include: expected.sql's steps, then the expected sub-periods without a
-- value, grouped (the periods in order).
WITH RECURSIVE
-- include: expected.sql
,
lack AS (SELECT e.* FROM expected e
  WHERE e.in_scope AND NOT EXISTS (SELECT 1 FROM value v
    WHERE v.measure_id = e.measure_id AND v.unit_id = e.unit_id
      AND v.start = e.start)
  ORDER BY e.start)
SELECT pr.code AS provider, pr.name AS provider_name, u.code AS unit,
  u.name AS unit_name, m.code AS measure, m.name AS measure_name,
  group_concat(l.label, ' ') AS periods, count(*) AS missing
FROM lack l JOIN provider pr ON pr.id = l.provider_id
JOIN unit u ON u.id = l.unit_id JOIN measure m ON m.id = l.measure_id
GROUP BY pr.code, u.code, m.code
ORDER BY pr.code, u.code, m.code
