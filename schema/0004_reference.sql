-- Reference values from Kolada, the national database of municipal key
-- figures: per KPI, municipality ('0000' is the whole country) or
-- organisational unit, year and gender (T total, K women, M men).
CREATE TABLE reference (
    kpi    TEXT NOT NULL,
    kind   TEXT NOT NULL CHECK (kind IN ('municipality', 'ou')),
    area   TEXT NOT NULL,
    year   INTEGER NOT NULL,
    gender TEXT NOT NULL CHECK (gender IN ('T', 'K', 'M')),
    value  REAL,           -- NULL where Kolada reports the value missing
    count  INTEGER,
    status TEXT,
    PRIMARY KEY (kpi, kind, area, year, gender)
) STRICT, WITHOUT ROWID;
