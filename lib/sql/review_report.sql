-- The "review" report: an activity's review results per criterion, or per
-- criterion and subject. Parameters: :activity_id, :by ('criterion' or
-- 'unit').
--
--  answers   every answer of the activity's reviews, with its subject (the
--            unit, or the assignment of a contract review) and what it
--            counts as on its scale
--  the final SELECT counts them per instrument and criterion (and subject):
--            positive (yes, met), middle (partly, remark), negative (no,
--            deficiency), not applicable; share is the positive among
--            those that apply, in percent, as the criterion's measure
--            computes it
WITH answers AS (SELECT i.code AS instrument, c.id AS criterion_id, c.code AS criterion,
    c.text, iif(:by = 'unit', coalesce(u.code, g.code), NULL) AS subject, s.counts
  FROM review r JOIN instrument i ON i.id = r.instrument_id
  JOIN review_answer x ON x.review_id = r.id
  JOIN criterion c ON c.id = x.criterion_id
  JOIN scale_answer s ON s.scale = i.scale AND s.answer = x.answer
  LEFT JOIN unit u ON u.id = r.unit_id
  LEFT JOIN assignment g ON g.id = r.assignment_id
  WHERE r.activity_id = :activity_id
    AND (r.unit_id IN (SELECT unit_id FROM scope_unit)
      OR r.assignment_id IN (SELECT id FROM scope_assignment)))
SELECT instrument, criterion, text, subject, count(*) AS answers,
  sum(counts = 'positive') AS positive, sum(counts = 'middle') AS middle,
  sum(counts = 'negative') AS negative, sum(counts = 'na') AS na,
  round(100.0 * sum(counts = 'positive') / nullif(sum(counts <> 'na'), 0), 2) AS share
FROM answers GROUP BY instrument, criterion_id, subject
ORDER BY instrument, criterion_id, subject
