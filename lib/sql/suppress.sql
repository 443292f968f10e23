-- Disclosure control of one section of a committee report
-- (committee_report.c). ?1 a report's JSON, whose rows are read;
-- ?2 the threshold (0: none, an internal report); ?3 'values' (rows of the
-- report "values") or 'deviations' (rows of the report "deviations"); ?4
-- the period's last day. Gives the rows, each suppressed one with its
-- figures null and "suppressed": "primary" or "secondary", and the count
-- of suppressed rows.
--
-- Primary: a figure of a measure that counts people and rests on fewer
-- than ?2 of them: a count from 1 to ?2 - 1 (this year's or the year
-- before), or a share or mean whose base is that small. Every deviation
-- concerns a person: a cell of fewer than ?2 registered goes; so does a
-- review result ('reviews': the report "review" by criterion) over fewer
-- than ?2 cases, whose criteria share no total to subtract from.
-- Secondary: a group whose total can be read elsewhere (a measure's level-2
-- units under one assignment, level-1 nodes under the committee, one
-- month; a deviation type across units, a tertial's types) that has lost
-- exactly one cell would give it back by subtraction: its next smallest
-- cell goes too. Then the same over each measure (or deviation type) as a
-- whole, whose total the level above or the reference section shows. This
-- is a rule of thumb, not an optimal cell suppression: it protects a cell
-- against subtraction within its level and from its level's total.
WITH r AS (
    SELECT j.key AS i, j.value AS row,
           CASE ?3 WHEN 'values' THEN j.value ->> 'measure'
                   WHEN 'reviews' THEN j.value ->> 'criterion'
                   ELSE j.value ->> 'group' END AS what,
           CASE ?3 WHEN 'values' THEN
               coalesce(j.value ->> 'month',
                        (SELECT a.code FROM unit u
                         JOIN membership m ON m.unit_id = u.id
                         JOIN assignment a ON a.id = m.assignment_id
                         WHERE u.code = j.value ->> 'node' AND m.valid_from <= ?4
                         ORDER BY m.valid_from DESC LIMIT 1), '')
                   WHEN 'reviews' THEN j.value ->> 'activity'
                   ELSE coalesce(j.value ->> 'tertial', '') END AS grp,
           CASE ?3 WHEN 'values' THEN j.value ->> 'value'
                   WHEN 'reviews' THEN j.value ->> 'answers'
                   ELSE j.value ->> 'registered' END AS v,
           j.value ->> 'denominator' AS den,
           j.value ->> 'previous' AS prev
    FROM json_each(?1, '$.rows') j
), p AS (
    SELECT r.*,
           CASE ?3 WHEN 'values' THEN coalesce(c.counts_people, 0)
                   -- A review of people's cases, not of a contract.
                   WHEN 'reviews' THEN EXISTS (SELECT 1 FROM review v
                       JOIN activity a ON a.id = v.activity_id
                       WHERE a.code = r.grp AND v.case_key IS NOT NULL)
                   ELSE 1 END AS people,
           iif(?3 = 'values', coalesce(c.type, 'count'), 'count') AS type
    FROM r LEFT JOIN measure_counts_people c ON ?3 = 'values' AND c.code = r.what
), s AS (
    SELECT *,
           people AND ?2 > 0 AND CASE WHEN type = 'count'
               THEN (v > 0 AND v < ?2) OR (prev > 0 AND prev < ?2)
               ELSE den > 0 AND den < ?2 END AS small,
           iif(type = 'count', v, den) AS basis
    FROM p
), k AS (
    SELECT *, sum(small) OVER g AS nsmall, count(*) OVER g AS ncells,
           row_number() OVER (PARTITION BY what, grp, small ORDER BY basis, i) AS rank
    FROM s WINDOW g AS (PARTITION BY what, grp)
), k1 AS (
    SELECT *, CASE WHEN small THEN 'primary'
                   WHEN people AND nsmall = 1 AND ncells > 1 AND rank = 1 AND ?3 <> 'reviews'
                THEN 'secondary'
              END AS why1
    FROM k
), k2 AS (
    -- The same again over each measure (or type) as a whole.
    SELECT *, count(why1) OVER (PARTITION BY what) AS nwhat,
           count(*) OVER (PARTITION BY what) AS cwhat,
           row_number() OVER (PARTITION BY what, why1 IS NULL ORDER BY basis, i) AS rank2
    FROM k1
), marked AS (
    SELECT i, row,
           coalesce(why1, CASE WHEN people AND nwhat = 1 AND cwhat > 1 AND rank2 = 1
                               AND ?3 <> 'reviews' THEN 'secondary' END) AS why
    FROM k2
)
SELECT json_group_array(json(CASE WHEN why IS NULL THEN row ELSE json_set(
           (SELECT json_group_object(e.key, CASE
                WHEN e.type IN ('integer', 'real') AND e.key NOT IN
                     ('target', 'reference', 'units_reported', 'units_expected',
                      'periods_reported', 'periods_expected') THEN NULL
                ELSE e.value END)
            FROM json_each(row) e), '$.suppressed', why) END)),
       count(why)
FROM (SELECT * FROM marked ORDER BY i);
