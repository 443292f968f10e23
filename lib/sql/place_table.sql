-- Where each unit stood at the end of each month of a "values" report:
-- the handle's own temporary table, made before its first report and
-- filled before each (values_place.sql). A value finds its row by one
-- integer, the rowid k = (p * 2^20 + m) * 2^42 + unit_id: month-major, so
-- that a measure's values, read by month and then unit, look up rows in
-- rowid order, mostly the row after the last (a step, not a search); the
-- steps after the values group by uk, the unit in its node, packed into
-- one integer.
-- The CHECK keeps both exact: unit ids below 2^42, months below 2^20,
-- fewer than 2^17 nodes and groups, and 2^18 units in one.
--
--  p, m       the pass (0 the period, 1 the year before) and the month
--  unit_id, level, area_id  the unit, its level and its service area
--  node_id, grp  its node at the report's level and its breakdown group
--  nk         the node and group in the pass: the pair's rank * 2 + p
--  ur         the unit's rank in that node
--  uk         both: nk * 2^18 + ur, so that uk >> 18 is the node
--  multi      1 if the unit was in more than one service area in the
--             node: the units expected are counted per area, and such a
--             unit only once
CREATE TEMP TABLE IF NOT EXISTS upf_place (
    k       INTEGER PRIMARY KEY,
    p       INTEGER NOT NULL,
    m       INTEGER NOT NULL,
    unit_id INTEGER NOT NULL,
    level   INTEGER NOT NULL,
    area_id INTEGER NOT NULL,
    node_id INTEGER,
    grp     ANY,
    nk      INTEGER NOT NULL,
    ur      INTEGER NOT NULL,
    uk      INTEGER NOT NULL,
    multi   INTEGER NOT NULL,
    CHECK (unit_id >= 0 AND unit_id < 4398046511104 AND m >= 0 AND m < 1048576
      AND k = (p * 1048576 + m) * 4398046511104 + unit_id),
    CHECK (nk < 262144 AND ur < 262144 AND uk = nk * 262144 + ur)
) STRICT
