-- The first page that is not where it should be, if any: (file, what is
-- wrong, whether it is a page given twice). Each response's pages must
-- run from 1 to one whose next_url is null, each once.
WITH pg AS (
    SELECT file, name, page, next_url, number, query,
           count(*) OVER (PARTITION BY query) AS pages
    FROM temp.kolada_page
),
problem AS (
    SELECT file, page, 1 AS rank,
           printf('page %d of the file: its addresses carry no page number, so ' ||
                  'its place among the pages cannot be told', page + 1) AS what,
           0 AS twice
    FROM pg WHERE number IS NULL
    UNION ALL
    SELECT b.file, b.page, 2,
           printf('page %d of its response is here twice (also in file ''%s'')',
                  b.number, a.name), 1
    FROM pg a JOIN pg b ON b.query IS a.query AND b.number = a.number
        AND (b.file, b.page) > (a.file, a.page)
    WHERE a.number IS NOT NULL AND a.query IS NOT NULL
    UNION ALL
    SELECT a.file, a.page, 3,
           printf('page %d of its response has a next page (next_url), ' ||
                  'which is not among the files', a.number), 0
    FROM pg a
    WHERE a.next_url IS NOT NULL AND a.number IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM pg b WHERE b.query = a.query
                      AND b.number = a.number + 1)
    UNION ALL
    SELECT a.file, a.page, 4,
           printf('page %d of its response follows page %d, which is not ' ||
                  'among the files', a.number, a.number - 1), 0
    FROM pg a
    WHERE a.number > 1
      AND NOT EXISTS (SELECT 1 FROM pg b WHERE b.query = a.query
                      AND b.number = a.number - 1)
)
SELECT file, what, twice FROM problem ORDER BY twice DESC, rank, file, page LIMIT 1;
