-- Scopes: a handle narrowed to one provider (upf_db_set_scope). These
-- views are the one place that says what such a handle may see and
-- touch; upf_scope() is the handle's provider, NULL when it is the
-- administration's and sees everything.

-- The assignments of the scope.
CREATE VIEW scope_assignment AS
SELECT a.id FROM assignment a
WHERE upf_scope() IS NULL OR a.provider_id = upf_scope();

-- The units of the scope: a level-2 unit that has belonged to one of its
-- assignments, and a level-3 unit that has belonged to such a level-2
-- unit. A unit that a re-procurement moved is in both providers' scopes;
-- what each sees of its figures is placed by scope_lineage.
CREATE VIEW scope_unit AS
SELECT u.id AS unit_id FROM unit u
WHERE upf_scope() IS NULL
   OR EXISTS (SELECT 1 FROM membership m
              JOIN assignment a ON a.id = m.assignment_id
              WHERE m.unit_id = u.id AND a.provider_id = upf_scope())
   OR EXISTS (SELECT 1 FROM membership m
              JOIN membership p ON p.unit_id = m.parent_id
              JOIN assignment a ON a.id = p.assignment_id
              WHERE m.unit_id = u.id AND a.provider_id = upf_scope());

-- Where the scope's units stood, span by span: the spans under its own
-- assignments only. Reports place values through this view, so that a
-- scoped report's totals are the provider's own, at every level.
CREATE VIEW scope_lineage AS
SELECT * FROM unit_lineage
WHERE upf_scope() IS NULL OR provider_id = upf_scope();

-- The scope each audited write was made under; a write of the
-- administration has no row here. Append-only, and written by the
-- library only, like the trail.
CREATE TABLE audit_scope (
    audit_id INTEGER PRIMARY KEY REFERENCES audit (id),
    scope    TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_scope_bi BEFORE INSERT ON audit_scope BEGIN
    SELECT upf_library(); END;
CREATE TRIGGER audit_scope_no_update BEFORE UPDATE ON audit_scope
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_scope_no_delete BEFORE DELETE ON audit_scope
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
