-- The measures of a "values" report (sel in values_core.sql): the
-- handle's own temporary table, made with upf_place (place_table.sql) and
-- filled before each report by values_sel.sql. As a step of the report's
-- statement, sel was copied wherever a later step names it (nine
-- places), with its subqueries, each time the statement was prepared;
-- read from a table, it is not. Columns of any type, so that each keeps
-- the value sel gave it.
CREATE TEMP TABLE IF NOT EXISTS upf_sel (
    id          ANY,
    code        ANY,
    name        ANY,
    type        ANY,
    time_rule   ANY,
    level       ANY,
    fold        ANY,
    pool        ANY,
    direction   ANY,
    kpi         ANY,
    len         ANY,
    computed    ANY,
    counted     ANY,
    reviewed    ANY,
    median      ANY,
    until       ANY,
    restricted  ANY,
    shown       ANY
) STRICT
