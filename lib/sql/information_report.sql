-- The "information" report: whether the results of the year's activities
-- that are done were fed back to their stakeholders. Parameters: :year,
-- :committee_id (NULL: every committee).
--
-- One row per done activity and stakeholder it names, with the first
-- time and the way the stakeholder was informed, NULL while not yet; an
-- activity done without a stakeholder named has one row with none.
SELECT a.code AS activity, a.title, k.code AS stakeholder,
  k.name AS stakeholder_name, k.kind,
  (SELECT min(i.informed_on) FROM information i WHERE i.activity_id = a.id
    AND i.stakeholder_id = k.id) AS informed_on,
  (SELECT i.how FROM information i WHERE i.activity_id = a.id
    AND i.stakeholder_id = k.id ORDER BY i.informed_on, i.id LIMIT 1) AS how
FROM activity a JOIN plan n ON n.id = a.plan_id
LEFT JOIN activity_stakeholder x ON x.activity_id = a.id
LEFT JOIN stakeholder k ON k.id = x.stakeholder_id
WHERE n.year = :year AND (:committee_id IS NULL OR n.committee_id = :committee_id)
  AND a.status = 'done'
ORDER BY a.code, k.code
