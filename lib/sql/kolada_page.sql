-- Where one page (?1 at JSON path ?2, of file ?3 named ?5, the ?4th page
-- in it)
-- stands among the pages of its response. Kolada's addresses carry the
-- page as a query parameter (...?page=2&per_page=5000): a page's number
-- is its previous_url's plus one, or its next_url's minus one, or 1 when
-- it has neither; the query it answers is the address without that
-- number. An address without a page parameter leaves the number NULL.
WITH p AS (
    SELECT json_extract(?1, ?2 || '.next_url') AS next_url,
           json_extract(?1, ?2 || '.previous_url') AS previous_url
),
u AS (
    SELECT next_url, previous_url, coalesce(previous_url, next_url) AS url
    FROM p
),
n AS (
    SELECT next_url, previous_url, url,
           coalesce(nullif(instr(url, '?page='), 0), nullif(instr(url, '&page='), 0)) AS at
    FROM u
)
INSERT INTO temp.kolada_page (file, name, page, next_url, number, query)
SELECT ?3, ?5, ?4, next_url,
       CASE WHEN url IS NULL THEN 1
            WHEN at IS NULL THEN NULL
            ELSE CAST(substr(url, at + 6) AS INTEGER)
                 + iif(previous_url IS NOT NULL, 1, -1) END,
       CASE WHEN at IS NOT NULL
            THEN substr(url, 1, at + 5)
                 || substr(url, at + 6 + length(CAST(CAST(substr(url, at + 6) AS INTEGER) AS TEXT)))
       END
FROM n;
