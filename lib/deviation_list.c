/* Reading deviations: one in full, lists with filters, full-text search,
 * and the catalogues of types and categories. */
#include <string.h>

#include "internal.h"

static const char *const list_keys[] = {
	"unit", "assignment", "type", "status", "period", "overdue", "at", NULL};
static const char *const scales[] = {"lex_sarah", "lex_maria", "general", NULL};
static const char *const statuses[] = {"registered", "investigating", "assessed",
				       "closed", "withdrawn", NULL};

int upf_deviation_show(upf_table **out, upf_db *db, long long id)
{
	int status = upf__table_out(db, out);
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT d.id, u.code AS unit, u.name AS unit_name, t.code AS type, "
		"t.legal_reference, t.authority, c.code AS category, d.occurred, "
		"d.reported, d.summary, iif(d.withdrawn_on IS NULL, d.status, "
		"'withdrawn') AS status, d.investigating_on, d.assessment, "
		"a.name AS assessment_name, d.assessed_on, d.ivo_notified, "
		"d.ivo_notified_by, due.ivo_due, d.ivo_sent, "
		"(upf_overdue(due.ivo_due, d.ivo_sent, upf_today()) "
		" AND d.ivo_sent IS NULL AND d.withdrawn_on IS NULL) AS overdue, "
		"d.committee_informed, d.closed_on, d.close_reason, d.withdrawn_on, "
		"d.withdraw_reason "
		"FROM deviation d JOIN unit u ON u.id = d.unit_id "
		"JOIN deviation_type t ON t.id = d.type_id "
		"LEFT JOIN deviation_category c ON c.id = d.category_id "
		"LEFT JOIN assessment a ON a.scale = t.scale AND a.code = d.assessment "
		"LEFT JOIN deviation_due due ON due.id = d.id "
		"WHERE d.id = ?1 AND " UPF_SCOPE_UNIT("d.unit_id"));
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	status = upf__table_from_stmt(out, db, st);
	if (!status && upf_table_rows(*out) == 0) {
		upf_table_free(*out);
		*out = NULL;
		status = upf__fail(db, UPF_NOTFOUND, "id: no deviation %s%s",
				   upf__shown_id(id, (char[24]){0}), upf__scope_where(db));
	}
	return status;
}

int upf_deviation_action_list(upf_table **out, upf_db *db, long long id)
{
	upf_table *check = NULL;
	int status = upf__table_out(db, out);
	if (!status)
		status = upf_deviation_show(&check, db, id);
	upf_table_free(check);
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT id, text, responsible, due, done, immediate FROM action "
		"WHERE deviation_id = ?1 ORDER BY id");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	return upf__table_from_stmt(out, db, st);
}

/* Checks the filters that name things, so that a misspelt code is an
 * error rather than an empty list. */
static int check_filters(upf_db *db, const struct upf_opts *o, int *from, int *to)
{
	sqlite3_int64 id;
	int status = UPF_OK;
	if (upf__opt(o, "unit"))
		status = upf__id_of(db, &id, UPF_E_UNIT, "unit", upf__opt(o, "unit"));
	if (!status && upf__opt(o, "assignment"))
		status = upf__id_of(db, &id, UPF_E_ASSIGNMENT, "assignment",
				    upf__opt(o, "assignment"));
	if (!status && upf__opt(o, "type"))
		status = upf__id_of(db, &id, UPF_E_DEVIATION_TYPE, "type", upf__opt(o, "type"));
	if (!status && upf__opt(o, "status"))
		status = upf__check_choice(db, "status", upf__opt(o, "status"), statuses);
	if (!status && upf__opt(o, "period"))
		status = upf__period_parse(db, "period", upf__opt(o, "period"), from, to);
	if (!status && upf__opt(o, "at"))
		status = upf__check_date(db, "at", upf__opt(o, "at"), NULL);
	return status;
}

int upf_deviation_list(upf_table **out, upf_db *db, const char *params_json)
{
	struct upf_opts o;
	int from = -1, to = -1;
	char today[11];
	int status = upf__table_out(db, out);
	if (status)
		return status;
	status = upf__opts_parse(db, "params", params_json, list_keys, &o);
	if (status)
		return status;
	status = check_filters(db, &o, &from, &to);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT d.id, u.code AS unit, t.code AS type, c.code AS category, "
		"iif(d.withdrawn_on IS NULL, d.status, 'withdrawn') AS status, "
		"d.occurred, d.reported, d.assessment, d.ivo_notified, "
		"d.ivo_sent, (upf_overdue(due.ivo_due, d.ivo_sent, ?7) "
		"  AND d.ivo_sent IS NULL AND d.withdrawn_on IS NULL) AS overdue "
		"FROM deviation d JOIN unit u ON u.id = d.unit_id "
		"JOIN deviation_type t ON t.id = d.type_id "
		"LEFT JOIN deviation_category c ON c.id = d.category_id "
		"LEFT JOIN deviation_due due ON due.id = d.id "
		"WHERE " UPF_SCOPE_UNIT("d.unit_id") " "
		"AND (?1 IS NULL OR EXISTS (SELECT 1 FROM unit_lineage l "
		"    JOIN unit n ON n.code = ?1 WHERE l.unit_id = d.unit_id "
		"    AND (l.unit_id = n.id OR l.l2_id = n.id) AND l.valid_from <= d.reported "
		"    AND (l.valid_to IS NULL OR l.valid_to >= d.reported))) "
		"AND (?2 IS NULL OR EXISTS (SELECT 1 FROM unit_lineage l "
		"    JOIN assignment a ON a.id = l.assignment_id WHERE a.code = ?2 "
		"    AND l.unit_id = d.unit_id AND l.valid_from <= d.reported "
		"    AND (l.valid_to IS NULL OR l.valid_to >= d.reported))) "
		"AND (?3 IS NULL OR t.code = ?3) AND (?4 IS NULL OR ?4 = iif(d.withdrawn_on IS NULL, "
		"d.status, 'withdrawn')) "
		"AND (?5 < 0 OR d.reported BETWEEN upf_month_first(?5) "
		"    AND upf_month_last(?6)) "
		"AND (NOT ?8 OR (upf_overdue(due.ivo_due, d.ivo_sent, ?7) "
		"    AND d.ivo_sent IS NULL AND d.withdrawn_on IS NULL)) "
		"ORDER BY d.id");
	if (!status && !st)
		status = db->status;
	if (!status) {
		upf__today(db, today);
		sqlite3_bind_text(st, 1, upf__opt(&o, "unit"), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, upf__opt(&o, "assignment"), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, upf__opt(&o, "type"), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, upf__opt(&o, "status"), -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 5, from);
		sqlite3_bind_int(st, 6, to);
		sqlite3_bind_text(st, 7, upf__opt(&o, "at") ? upf__opt(&o, "at") : today,
				  -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 8, upf__opt_true(&o, "overdue"));
		status = upf__table_from_stmt(out, db, st);
	}
	upf__opts_free(&o);
	return status;
}

/* Each word becomes a quoted FTS5 phrase, so that what a user types is
 * searched for, never parsed as query syntax; and a prefix ("natt"*), so
 * that a word finds its inflections ("natten"). */
static char *fts_query(const char *words)
{
	size_t n = strlen(words), k = 0;
	char *q = upf__malloc(4 * n + 4);
	if (!q)
		return NULL;
	for (const char *p = words; *p;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (k)
			q[k++] = ' ';
		q[k++] = '"';
		for (; *p && *p != ' ' && *p != '\t'; p++) {
			if (*p == '"')
				q[k++] = '"';
			q[k++] = *p;
		}
		q[k++] = '"';
		q[k++] = '*';
	}
	q[k] = '\0';
	return q;
}

int upf_deviation_search(upf_table **out, upf_db *db, const char *words)
{
	int status = upf__table_out(db, out);
	if (status)
		return status;
	status = upf__check_text(db, "words", words, UPF_NAME_MAX);
	if (status)
		return status;
	char *query = fts_query(words);
	if (!query)
		return upf__fail(db, UPF_NOMEM, "out of memory");
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT d.id, u.code AS unit, t.code AS type, "
		"iif(d.withdrawn_on IS NULL, d.status, 'withdrawn') AS status, d.reported, "
		"snippet(deviation_fts, 0, '[', ']', '...', 12) AS summary "
		"FROM deviation_fts f JOIN deviation d ON d.id = f.rowid "
		"JOIN unit u ON u.id = d.unit_id JOIN deviation_type t ON t.id = d.type_id "
		"WHERE deviation_fts MATCH ?1 AND " UPF_SCOPE_UNIT("d.unit_id") " "
		"ORDER BY f.rank, d.id");
	if (st) {
		sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
		status = upf__table_from_stmt(out, db, st);
	} else {
		status = db->status;
	}
	upf_free(query);
	return status;
}

int upf_deviation_type_list(upf_table **out, upf_db *db)
{
	return upf__list(out, db,
		"SELECT t.code, t.name, t.scale, t.legal_reference, t.authority, "
		"(SELECT group_concat(code, ' ') FROM assessment WHERE scale = t.scale) "
		"AS assessments FROM deviation_type t ORDER BY t.id");
}

int upf_deviation_type_add(upf_db *db, const char *code, const char *name,
			   const char *scale, const char *legal_reference,
			   const char *authority)
{
	if (!db)
		return UPF_MISUSE;
	int status = upf__check_code(db, "code", code);
	if (!status)
		status = upf__check_text(db, "name", name, UPF_NAME_MAX);
	if (!status)
		status = upf__check_choice(db, "scale", scale, scales);
	if (!status && legal_reference)
		status = upf__check_text(db, "legal_reference", legal_reference, UPF_NAME_MAX);
	if (!status && authority)
		status = upf__check_text(db, "authority", authority, UPF_NAME_MAX);
	if (status || (status = upf__write_begin(db)))
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO deviation_type (code, name, scale, legal_reference, "
		"authority) VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return upf__end(db, db->status);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, scale, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, legal_reference, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, authority, -1, SQLITE_STATIC);
	return upf__end(db, upf__insert_coded(db, st, UPF_E_DEVIATION_TYPE, code));
}

int upf_deviation_category_list(upf_table **out, upf_db *db)
{
	return upf__list(out, db,
			 "SELECT code, name FROM deviation_category ORDER BY code");
}

int upf_deviation_category_add(upf_db *db, const char *code, const char *name)
{
	if (!db)
		return UPF_MISUSE;
	int status = upf__check_code(db, "code", code);
	if (!status)
		status = upf__check_text(db, "name", name, UPF_NAME_MAX);
	if (status || (status = upf__write_begin(db)))
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO deviation_category (code, name) VALUES (?1, ?2)");
	if (!st)
		return upf__end(db, db->status);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	return upf__end(db, upf__insert_coded(db, st, UPF_E_CATEGORY, code));
}
