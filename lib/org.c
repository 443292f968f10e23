/* Committees, providers, service areas and assignments, and the renaming
 * of everything in the organisation. */
#include <string.h>

#include "internal.h"

static const char *const regimes[] = {"in_house", "private", NULL};
static const char *const assignment_kinds[] = {"assignment", "contract", NULL};

static int check_code_name(upf_db *db, const char *code, const char *name)
{
	int status = upf__check_code(db, "code", code);
	return status ? status : upf__check_text(db, "name", name, UPF_NAME_MAX);
}

int upf_committee_add(upf_db *db, const char *code, const char *name)
{
	return upf__add_named(db, "INSERT INTO committee (code, name) VALUES (?1, ?2)",
			 UPF_E_COMMITTEE, code, name);
}

int upf_committee_list(upf_table **out, upf_db *db)
{
	return upf__list(out, db, "SELECT code, name FROM committee WHERE upf_scope() IS NULL OR id IN "
			 "(SELECT a.committee_id FROM assignment a JOIN scope_assignment s "
			 "ON s.id = a.id) ORDER BY code");
}

int upf_area_add(upf_db *db, const char *code, const char *name)
{
	return upf__add_named(db,
			 "INSERT INTO service_area (code, name) VALUES (?1, ?2)",
			 UPF_E_AREA, code, name);
}

int upf_area_list(upf_table **out, upf_db *db)
{
	return upf__list(out, db,
			 "SELECT code, name FROM service_area ORDER BY code");
}

int upf_provider_add(upf_db *db, const char *code, const char *name,
		     const char *regime)
{
	if (!db)
		return UPF_MISUSE;
	int status = check_code_name(db, code, name);
	if (!status)
		status = upf__check_choice(db, "regime", regime, regimes);
	if (status || (status = upf__write_begin(db)))
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO provider (code, name, regime) VALUES (?1, ?2, ?3)");
	if (!st)
		return upf__end(db, db->status);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, regime, -1, SQLITE_STATIC);
	upf__cache_invalidate(db);
	return upf__end(db, upf__insert_coded(db, st, UPF_E_PROVIDER, code));
}

int upf_provider_list(upf_table **out, upf_db *db)
{
	return upf__list(out, db,
			 "SELECT code, name, regime FROM provider "
			 "WHERE upf_scope() IS NULL OR id = upf_scope() ORDER BY code");
}

static int check_assignment(upf_db *db, const char *code, const char *name,
			    const char *kind, const char *from, const char *to,
			    char from_day[11])
{
	int status = check_code_name(db, code, name);
	if (!status)
		status = upf__check_choice(db, "kind", kind, assignment_kinds);
	if (!status)
		status = upf__check_date(db, "from", from, from_day);
	if (!status && to)
		status = upf__check_date(db, "to", to, NULL);
	if (!status && to && strcmp(to, from_day) < 0)
		status = upf__fail(db, UPF_INVALID,
				   "to '%s': before from '%s'", to, from_day);
	return status;
}

int upf_assignment_add(upf_db *db, const char *code, const char *name,
		       const char *committee, const char *provider,
		       const char *kind, const char *from, const char *to)
{
	char from_day[11];
	sqlite3_int64 committee_id, provider_id;
	if (!db)
		return UPF_MISUSE;
	int need = upf__need(db, "code name committee provider kind", code, name, committee, provider, kind);
	if (need)
		return need;
	int status = check_assignment(db, code, name, kind, from, to, from_day);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = upf__id_of(db, &committee_id, UPF_E_COMMITTEE, "committee", committee);
	if (!status)
		status = upf__id_of(db, &provider_id, UPF_E_PROVIDER, "provider", provider);
	if (status)
		return upf__end(db, status);
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO assignment (code, name, committee_id, provider_id, "
		"kind, valid_from, valid_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!st)
		return upf__end(db, db->status);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, committee_id);
	sqlite3_bind_int64(st, 4, provider_id);
	sqlite3_bind_text(st, 5, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, from_day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, to, -1, SQLITE_STATIC);
	upf__cache_invalidate(db);
	return upf__end(db, upf__insert_coded(db, st, UPF_E_ASSIGNMENT, code));
}

int upf_assignment_list(upf_table **out, upf_db *db)
{
	return upf__list(out, db,
		"SELECT a.code, a.name, c.code AS committee, p.code AS provider, "
		"p.regime, a.kind, a.valid_from, a.valid_to "
		"FROM assignment a JOIN committee c ON c.id = a.committee_id "
		"JOIN provider p ON p.id = a.provider_id "
		"WHERE a.id IN (SELECT id FROM scope_assignment) ORDER BY a.code");
}

/* Renames what a code names; the audit trail keeps the old name. */
static int rename_coded(upf_db *db, enum upf_entity e, const char *sql,
			const char *code, const char *name)
{
	sqlite3_int64 id;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "code name", code, name);
	if (!status)
		status = check_code_name(db, code, name);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = upf__id_of(db, &id, e, "code", code);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db, sql);
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		status = upf__step_done(db, st);
	}
	return upf__end(db, status);
}

int upf_committee_rename(upf_db *db, const char *code, const char *name)
{
	return rename_coded(db, UPF_E_COMMITTEE,
			    "UPDATE committee SET name = ?2 WHERE id = ?1", code, name);
}

int upf_provider_rename(upf_db *db, const char *code, const char *name)
{
	return rename_coded(db, UPF_E_PROVIDER,
			    "UPDATE provider SET name = ?2 WHERE id = ?1", code, name);
}

int upf_area_rename(upf_db *db, const char *code, const char *name)
{
	return rename_coded(db, UPF_E_AREA,
			    "UPDATE service_area SET name = ?2 WHERE id = ?1", code, name);
}

int upf_assignment_rename(upf_db *db, const char *code, const char *name)
{
	return rename_coded(db, UPF_E_ASSIGNMENT,
			    "UPDATE assignment SET name = ?2 WHERE id = ?1", code, name);
}

int upf_unit_rename(upf_db *db, const char *code, const char *name)
{
	return rename_coded(db, UPF_E_UNIT, "UPDATE unit SET name = ?2 WHERE id = ?1",
			    code, name);
}

/* The days of an edit, checked against each other and what is kept. */
static int check_edit_days(upf_db *db, sqlite3_int64 id, const char *from,
			   const char *to)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT coalesce(?2, valid_from), iif(?3 IS NULL, valid_to, nullif(?3, '')) "
		"FROM assignment WHERE id = ?1");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st), status = UPF_OK;
	const char *first = NULL, *last = NULL;
	if (rc != SQLITE_ROW)
		status = upf__sqlfail(db, rc);
	else if (!(status = upf__column(db, st, 0, &first)) &&
		 !(status = upf__column(db, st, 1, &last)) && first && last &&
		 strcmp(last, first) < 0)
		status = upf__fail(db, UPF_INVALID, "to '%s': before from '%s'", last, first);
	sqlite3_reset(st);
	return status;
}

int upf_assignment_edit(upf_db *db, const char *code, const char *from,
			const char *to)
{
	sqlite3_int64 id;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "code", code);
	if (!status && !from && !to)
		status = upf__fail(db, UPF_INVALID, "assignment '%s': give from, to or "
				   "both", upf__shown(code));
	if (!status && from)
		status = upf__check_date(db, "from", from, NULL);
	if (!status && to && *to)
		status = upf__check_date(db, "to", to, NULL);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = upf__id_of(db, &id, UPF_E_ASSIGNMENT, "code", code);
	if (!status)
		status = check_edit_days(db, id, from, to);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"UPDATE assignment SET valid_from = coalesce(?2, valid_from), "
		"valid_to = iif(?3 IS NULL, valid_to, nullif(?3, '')) WHERE id = ?1");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
		status = upf__step_done(db, st);
	}
	if (!status)
		status = upf__check_orphans(db, UPF_E_ASSIGNMENT, id, code);
	upf__cache_invalidate(db);
	return upf__end(db, status);
}
