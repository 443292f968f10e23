-- Flattens one page of a Kolada API document (?1, the page at JSON path
-- ?2: '$', or '$[k]' in a file that holds an array of pages; ?3 numbers
-- the file among those imported) into temp.kolada_stage: a row per
-- value, with its JSON path and, where the row is bad, why: a field that
-- looks like a personal identity number anywhere in the row, a missing or
-- malformed field, a value out of range. (Two rows of the same key are
-- found after, in kolada.c.) Takes both
-- shapes: v2 ({"values":[{"kpi","municipality","period":2025,"values":
-- [{"count","gender","status","value"}]}],"count","next_page"}) and v3
-- ("next_url"; rows may carry "isdeleted"; "period" a string or a number;
-- "value" null with "status" "Missing"; OU data keyed by "ou"; a
-- municipality that came as a number).
WITH r AS (
    SELECT e.fullkey AS path, e.value AS row,
           json_extract(e.value, '$.kpi') AS kpi,
           CASE WHEN json_type(e.value, '$.ou') IS NOT NULL THEN 'ou'
                WHEN json_extract(e.value, '$.municipality') GLOB 'G*' THEN 'group'
                ELSE 'municipality' END AS kind,
           -- A municipality written as a number (180) lost its leading
           -- zero on the way: read as four digits (0180), with a note.
           coalesce(json_extract(e.value, '$.ou'),
                    iif(json_type(e.value, '$.municipality') = 'integer'
                        AND json_extract(e.value, '$.municipality') BETWEEN 0 AND 9999,
                        printf('%04d', json_extract(e.value, '$.municipality')),
                        json_extract(e.value, '$.municipality'))) AS area,
           iif(json_type(e.value, '$.ou') IS NULL
               AND json_type(e.value, '$.municipality') = 'integer'
               AND json_extract(e.value, '$.municipality') BETWEEN 0 AND 9999,
               printf('municipality %d read as %04d',
                      json_extract(e.value, '$.municipality'),
                      json_extract(e.value, '$.municipality')), NULL) AS note,
           json_extract(e.value, '$.period') AS period,
           coalesce(json_extract(e.value, '$.isdeleted'), 0) AS deleted,
           json_type(e.value, '$.values') AS values_type
    FROM json_each(?1, ?2 || '.values') e
)
INSERT INTO temp.kolada_stage
    (file, path, kpi, kind, area, year, gender, value, count, status, deleted, note, problem)
SELECT ?3, r.path || coalesce(substr(v.fullkey, 2), ''), r.kpi, r.kind, r.area,
       CAST(r.period AS INTEGER),
       json_extract(v.value, '$.gender'), json_extract(v.value, '$.value'),
       json_extract(v.value, '$.count'), json_extract(v.value, '$.status'),
       r.deleted, r.note,
       CASE
         WHEN json_type(r.row) <> 'object' THEN 'not an object'
         WHEN upf_personal(r.row) THEN 'looks like a personal identity number'
         WHEN typeof(r.kpi) <> 'text' OR r.kpi = '' THEN 'kpi: missing'
         WHEN typeof(r.area) <> 'text' OR r.area = '' THEN 'municipality: missing'
         WHEN NOT (typeof(r.period) = 'integer' AND r.period BETWEEN 1000 AND 9999)
              AND NOT (typeof(r.period) = 'text' AND r.period GLOB '[0-9][0-9][0-9][0-9]')
           THEN printf('period ''%s'': not a year', upf_shown(r.period))
         WHEN r.deleted THEN NULL
         WHEN r.values_type IS NOT 'array' THEN 'values: not an array'
         WHEN v.value IS NULL THEN NULL
         WHEN json_extract(v.value, '$.gender') IS NOT 'T'
              AND json_extract(v.value, '$.gender') IS NOT 'K'
              AND json_extract(v.value, '$.gender') IS NOT 'M'
           THEN printf('gender ''%s'': must be T, K or M',
                       upf_shown(json_extract(v.value, '$.gender')))
         WHEN json_type(v.value, '$.value') NOT IN ('integer', 'real', 'null')
           THEN printf('value ''%s'': not a number',
                       upf_shown(json_extract(v.value, '$.value')))
         WHEN abs(json_extract(v.value, '$.value')) > 1e15
           THEN 'value: out of range; numbers lie within -1e15..1e15'
       END
FROM r LEFT JOIN json_each(r.row, '$.values') v ON r.values_type = 'array'
