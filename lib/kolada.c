/* Importing reference values from Kolada's API JSON. The document is read
 * whole and taken apart by SQLite's JSON functions (lib/sql/
 * kolada_stage.sql), checked, and written all or nothing. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* The whole document, and what identifies the file. A NUL byte would end
 * the text early: refused, with where it stands. */
static int read_all(upf_db *db, const char *path, char **out,
		    struct upf_file_id *file)
{
	int status = upf__check_path(db, path);
	if (status)
		return status;
	FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	size_t len = 0, cap = 1 << 16, n;
	char *buf = NULL;
	*out = NULL;
	if (!fp)
		return upf__fail(db, UPF_IO, "file '%s': cannot be opened",
				 upf__shown(path));
	for (;;) {
		if (!buf || len + 1 >= cap) {
			char *p = upf__realloc(buf, buf ? (cap *= 2) : cap);
			if (!p) {
				upf_free(buf);
				if (fp != stdin)
					fclose(fp);
				return upf__fail(db, UPF_NOMEM, "out of memory");
			}
			buf = p;
		}
		if ((n = fread(buf + len, 1, cap - len - 1, fp)) == 0)
			break;
		len += n;
	}
	int failed = ferror(fp);
	if (fp != stdin)
		fclose(fp);
	if (failed) {
		upf_free(buf);
		return upf__fail(db, UPF_IO, "file '%s': cannot be read", upf__shown(path));
	}
	buf[len] = '\0';
	if (strlen(buf) != len) {
		size_t at = strlen(buf);
		upf_free(buf);
		return upf__fail(db, UPF_INVALID, "file '%s': byte %zu: a NUL byte; "
				 "a JSON document holds none", upf__shown(path), at + 1);
	}
	struct upf_sha256 sha;
	upf__sha256_init(&sha);
	upf__sha256_update(&sha, buf, len);
	upf__file_id(file, path, (long long)len, &sha);
	*out = buf;
	return UPF_OK;
}

/* json_type, not json_valid: json_valid answers 0 when it runs out of
 * memory, where json_type fails with SQLITE_NOMEM (and malformed JSON
 * with SQLITE_ERROR). */
static int check_document(upf_db *db, const char *path, const char *doc)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT CASE WHEN json_type(?1, '$.values') IS NOT 'array' THEN "
		"'no \"values\" array; expected a document of Kolada''s API' "
		"WHEN upf_personal(json_remove(?1, '$.values')) THEN "
		"'looks like a personal identity number outside \"values\"' "
		"WHEN json_array_length(?1, '$.values') = 0 THEN "
		"'\"values\" is empty: Kolada answers so, without an error, a query with a "
		"wrong parameter name (municipality= for municipality_id=); nothing was "
		"imported' "
		"END");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, doc, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st), status = UPF_OK;
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		status = upf__fail(db, UPF_INVALID, "file '%s': %s", upf__shown(path),
				   sqlite3_column_text(st, 0));
	else if ((rc & 0xff) == SQLITE_ERROR)
		status = upf__fail(db, UPF_INVALID, "file '%s': not valid JSON",
				   upf__shown(path));
	else if (rc != SQLITE_ROW)
		status = upf__sqlfail(db, rc);
	sqlite3_reset(st);
	return status;
}

/* Lists the staged rows that are bad, if any, by their JSON paths: a row
 * whose key (kpi, municipality or unit, year, gender) came before is bad
 * too, naming the first. */
static int check_rows(upf_db *db, const char *path)
{
	struct upf_badlines bad = {0};
	int rc, status = upf__exec(db,
		"UPDATE temp.kolada_stage AS s SET problem = 'the same kpi, "
		"municipality, period and gender as ' || (SELECT f.path FROM "
		"temp.kolada_stage f WHERE f.rowid < s.rowid AND f.kpi = s.kpi "
		"AND f.kind = s.kind AND f.area = s.area AND f.year = s.year "
		"AND f.gender = s.gender ORDER BY f.rowid LIMIT 1) "
		"WHERE s.problem IS NULL AND s.gender IS NOT NULL AND EXISTS (SELECT 1 "
		"FROM temp.kolada_stage f WHERE f.rowid < s.rowid AND f.kpi = s.kpi "
		"AND f.kind = s.kind AND f.area = s.area AND f.year = s.year "
		"AND f.gender = s.gender)");
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT path, problem FROM temp.kolada_stage "
		"WHERE problem IS NOT NULL ORDER BY rowid");
	if (!st)
		return db->status;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		/* The problems quote only what kolada_stage.sql let upf_shown
		 * pass. */
		upf__bad(&bad, "\n%s: %s", sqlite3_column_text(st, 0),
			 sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return upf__sqlfail(db, rc);
	return bad.n ? upf__bad_fail(db, &bad, path, "value") : UPF_OK;
}

static int write_references(upf_db *db, const struct upf_file_id *file)
{
	int status = upf__exec(db,
		"DELETE FROM reference WHERE (kpi, kind, area, year) IN "
		"(SELECT kpi, kind, area, year FROM temp.kolada_stage WHERE deleted); "
		"INSERT INTO reference (kpi, kind, area, year, gender, value, count, status) "
		"SELECT kpi, kind, area, year, gender, value, count, status "
		"FROM temp.kolada_stage WHERE NOT deleted AND gender IS NOT NULL "
		"ON CONFLICT DO UPDATE SET value = excluded.value, "
		"count = excluded.count, status = excluded.status");
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO audit (actor, tbl, op, key, new) "
		"SELECT upf_actor(), 'reference', 'bulk', ?1, upf_audit_row("
		"'rows', sum(NOT deleted AND gender IS NOT NULL), 'deleted', sum(deleted), "
		"'file', ?1, 'bytes', ?2, 'sha256', ?3) FROM temp.kolada_stage");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, file->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, file->bytes);
	sqlite3_bind_text(st, 3, file->sha256, -1, SQLITE_STATIC);
	return upf__step_done(db, st);
}

int upf_kolada_import(upf_table **summary, upf_db *db, const char *path)
{
	char *doc = NULL;
	struct upf_file_id file;
	if (summary)
		*summary = NULL;
	if (!db)
		return UPF_MISUSE;
	int status = read_all(db, path, &doc, &file);
	if (!status)
		status = check_document(db, path, doc);
	if (!status && !(status = upf__write_begin(db))) {
		status = upf__exec(db,
			"CREATE TEMP TABLE IF NOT EXISTS kolada_stage (path TEXT, "
			"kpi, kind, area, year, gender, value, count, status, "
			"deleted, note, problem); DELETE FROM temp.kolada_stage");
		sqlite3_stmt *st = status ? NULL : upf__stmt(db, upf__sql_kolada_stage);
		if (!status && !st)
			status = db->status;
		if (!status) {
			sqlite3_bind_text(st, 1, doc, -1, SQLITE_STATIC);
			status = upf__step_done(db, st);
		}
		if (!status)
			status = check_rows(db, path);
		if (!status)
			status = write_references(db, &file);
		status = upf__end(db, status);
	}
	upf_free(doc);
	if (!status && summary) {
		sqlite3_stmt *st = upf__stmt(db,
			"SELECT s.kpi, (SELECT group_concat(code, ' ') FROM measure "
			"WHERE kpi = s.kpi) AS measures, "
			"sum(NOT deleted AND gender IS NOT NULL) AS rows, "
			"sum(deleted) AS deleted, (SELECT group_concat(note, '; ') FROM "
			"(SELECT DISTINCT note FROM temp.kolada_stage n WHERE n.kpi = s.kpi "
			"AND note IS NOT NULL ORDER BY note)) AS notes FROM temp.kolada_stage s "
			"GROUP BY s.kpi ORDER BY measures IS NULL, s.kpi");
		status = st ? upf__table_from_stmt(summary, db, st) : db->status;
	}
	return status;
}
