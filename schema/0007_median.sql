-- The median days from reported to closed, as a computed measure. A median
-- does not follow from the units' figures the way a count or a share does,
-- so the values report takes it from the deviations under each node, not
-- from per-unit values: a measure asks for it with source_statistic.
ALTER TABLE measure ADD COLUMN source_statistic TEXT
    CHECK (source_statistic IN ('median_days_to_close'));

-- Each deviation with what computed measures filter on and count: its type,
-- category and outcome codes, the month it was reported (year * 12 + month
-- - 1) and, for lex Sarah, the day its investigation is due at IVO.
CREATE VIEW deviation_fact AS
SELECT d.id, d.unit_id, d.reported, d.investigating_on, d.closed_on, d.ivo_sent,
       t.code AS type_code, c.code AS category_code, a.outcome,
       CAST(substr(d.reported, 1, 4) AS INTEGER) * 12
         + CAST(substr(d.reported, 6, 2) AS INTEGER) - 1 AS month,
       due.ivo_due
FROM deviation d JOIN deviation_type t ON t.id = d.type_id
LEFT JOIN deviation_category c ON c.id = d.category_id
LEFT JOIN assessment a ON a.scale = t.scale AND a.code = d.assessment
LEFT JOIN deviation_due due ON due.id = d.id;

-- The deviations each computed measure counts, by its filters.
CREATE VIEW measure_deviation AS
SELECT m.id AS measure_id, d.*
FROM measure m JOIN deviation_fact d
  ON (m.source_type IS NULL OR d.type_code = m.source_type)
 AND (m.source_category IS NULL OR d.category_code = m.source_category)
 AND (m.source_outcome IS NULL OR d.outcome = m.source_outcome)
WHERE m.source = 'deviations';

-- As in 0005, on the views above, and without the statistics: they have no
-- per-unit values.
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
  AND (m.source_metric IS NOT 'overdue' OR (d.ivo_due IS NOT NULL
      AND coalesce(d.ivo_sent, date('now')) > d.ivo_due))
GROUP BY m.id, 2, d.unit_id;

INSERT INTO measure (code, name, kind, type, time_rule, level, frequency, direction,
                     unit_label, description, source, source_statistic)
VALUES ('AVV-DAGAR-MEDIAN', 'Dagar från rapport till avslut (median)', 'result',
        'mean', 'pool', 3, 'month', 'down', 'dagar',
        'Median av dagarna från rapport till avslut, över avslutade avvikelser '
          || 'rapporterade under perioden', 'deviations', 'median_days_to_close');
