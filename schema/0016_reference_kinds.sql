-- Reference values of every kind Kolada publishes, and from elsewhere.
-- A municipality group (G33612, "liknande kommuner") was stored as a
-- municipality; it is a kind of its own now, so that a comparison names
-- what it compares with. source says where a figure came from: Kolada's
-- API, or a CSV file of national figures (Socialstyrelsen, SCB).
CREATE TABLE reference_v16 (
    kpi    TEXT NOT NULL,
    kind   TEXT NOT NULL CHECK (kind IN ('municipality', 'group', 'ou')),
    area   TEXT NOT NULL,
    year   INTEGER NOT NULL,
    gender TEXT NOT NULL CHECK (gender IN ('T', 'K', 'M')),
    value  REAL,           -- NULL where the source reports the value missing
    count  INTEGER,
    status TEXT,
    source TEXT NOT NULL DEFAULT 'kolada' CHECK (source IN ('kolada', 'csv')),
    PRIMARY KEY (kpi, kind, area, year, gender)
) STRICT, WITHOUT ROWID;
INSERT INTO reference_v16 (kpi, kind, area, year, gender, value, count, status)
SELECT kpi, iif(kind = 'municipality' AND area GLOB 'G*', 'group', kind), area,
       year, gender, value, count, status
FROM reference;
DROP TABLE reference;
ALTER TABLE reference_v16 RENAME TO reference;
CREATE TRIGGER reference_bi BEFORE INSERT ON reference BEGIN
    SELECT upf_library(); END;
CREATE TRIGGER reference_au AFTER UPDATE ON reference BEGIN
    SELECT upf_library(); END;
CREATE TRIGGER reference_bd BEFORE DELETE ON reference BEGIN
    SELECT upf_library(); END;
