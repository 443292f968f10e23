-- The "actions" report: the actions decided in a period, per source and
-- node, and how far they came by the period's end. Parameters: :from and
-- :to (months), :at (the day they are judged on: the period's last day,
-- or today if sooner), :committee_id (NULL: every committee), :level ('1':
-- assignments, '2': level-2 units).
--
--  dec   the actions decided in the period, with the node they stood
--        under when decided (action_place), of the committee
--  the final SELECT counts per source and node: decided; done by :at;
--        overdue on :at (past due and not done by then); evaluated by
--        :at, and of those the effects; an action with no unit or
--        assignment is under node '-'
WITH dec AS (SELECT a.*, CASE :level WHEN '1' THEN p.assignment_id ELSE p.l2_id END
    AS node_id
  FROM action a JOIN action_place p ON p.action_id = a.id
  WHERE a.decided_on BETWEEN upf_month_first(:from) AND upf_month_last(:to)
    AND (:committee_id IS NULL OR p.committee_id = :committee_id)
    AND (upf_scope() IS NULL OR p.provider_id = upf_scope()))
SELECT d.source, coalesce(n.code, '-') AS node, n.name AS node_name,
  count(*) AS decided, CAST(total(d.done <= :at) AS INTEGER) AS done,
  CAST(total(d.due < :at AND (d.done IS NULL OR d.done > :at)) AS INTEGER) AS overdue,
  CAST(total(d.evaluated_on <= :at) AS INTEGER) AS evaluated,
  CAST(total(d.evaluated_on <= :at AND d.effect = 'achieved') AS INTEGER) AS achieved,
  CAST(total(d.evaluated_on <= :at AND d.effect = 'partly') AS INTEGER) AS partly,
  CAST(total(d.evaluated_on <= :at AND d.effect = 'not_achieved') AS INTEGER)
    AS not_achieved
FROM dec d LEFT JOIN report_node n ON n.level = :level AND n.id = d.node_id
GROUP BY d.source, d.node_id
ORDER BY d.source, n.code IS NULL, n.code
