-- The months a report over a period reads, a fragment included after
-- WITH RECURSIVE (values_place.sql, values_core.sql): each pass, the
-- period and, with :prev, the same months a year earlier; and each
-- month of each pass.
pass (p, f, t) AS (SELECT 0, :from, :to
  UNION ALL SELECT 1, :from - 12, :to - 12 WHERE :prev),
month (p, m, last) AS (SELECT p, f, t FROM pass
  UNION ALL SELECT p, m + 1, last FROM month WHERE m < last)
