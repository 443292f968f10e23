-- Where each unit stood at the end of each month of a "values" report:
-- the handle's own temporary table, made before its first report and
-- filled before each (values_place.sql). A value finds its row by one
-- integer, the rowid k = (unit_id * 2 + p) * 2^20 + m, which the CHECK
-- keeps unique for every unit id below 2^42 and month below 2^20.
--
--  p, m       the pass (0 the period, 1 the year before) and the month
--  unit_id, level, area_id  the unit, its level and its service area
--  node_id, grp  its node at the report's level and its breakdown group
--  nk         the node and group in the pass, as one integer: the pair's
--             rank * 2 + p
--  ur, uk     the unit in that node (its rank by nk and unit), and the
--             unit in one service area there (by nk, unit and area)
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
    CHECK (unit_id >= 0 AND unit_id < 4398046511104 AND m >= 0 AND m < 1048576
      AND k = (unit_id * 2 + p) * 1048576 + m)
) STRICT
