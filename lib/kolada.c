/* Importing reference values from Kolada's API JSON. The document is read
 * whole and taken apart by SQLite's JSON functions (lib/sql/
 * kolada_stage.sql), checked, and written all or nothing. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* The page at JSON path root ('$', or '$[k]' in an array of pages):
 * json_type, not json_valid, for json_valid answers 0 when it runs out of
 * memory, where json_type fails with SQLITE_NOMEM (and malformed JSON
 * with SQLITE_ERROR). */
static int check_page(upf_db *db, const char *path, const char *doc,
		      const char *root)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT CASE WHEN json_type(?1, ?2 || '.values') IS NOT 'array' THEN "
		"'no \"values\" array; expected a document of Kolada''s API' "
		"WHEN upf_personal(json_remove(json_extract(?1, ?2), '$.values')) THEN "
		"'looks like a personal identity number outside \"values\"' "
		"WHEN json_array_length(?1, ?2 || '.values') = 0 THEN "
		"'\"values\" is empty: Kolada answers so, without an error, a query with a "
		"wrong parameter name (municipality= for municipality_id=); nothing was "
		"imported' "
		"WHEN json_type(?1, ?2 || '.next_url') NOT IN ('text', 'null') "
		"OR json_type(?1, ?2 || '.previous_url') NOT IN ('text', 'null') THEN "
		"'next_url and previous_url: not an address' "
		"END");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, doc, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, root, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st), status = UPF_OK;
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		status = upf__fail(db, UPF_INVALID, "file '%s': %s%s%s", upf__shown(path),
				   strcmp(root, "$") ? root : "",
				   strcmp(root, "$") ? ": " : "", sqlite3_column_text(st, 0));
	else if ((rc & 0xff) == SQLITE_ERROR)
		status = upf__fail(db, UPF_INVALID, "file '%s': not valid JSON",
				   upf__shown(path));
	else if (rc != SQLITE_ROW)
		status = upf__sqlfail(db, rc);
	sqlite3_reset(st);
	return status;
}

/* The pages a file holds: an array of pages, or one page. */
static int count_pages(upf_db *db, const char *path, const char *doc, int *pages)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT iif(json_type(?1) = 'array', json_array_length(?1), 1)");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, doc, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st), status = UPF_OK;
	if (rc == SQLITE_ROW)
		*pages = sqlite3_column_int(st, 0);
	else if ((rc & 0xff) == SQLITE_ERROR)
		status = upf__fail(db, UPF_INVALID, "file '%s': not valid JSON",
				   upf__shown(path));
	else
		status = upf__sqlfail(db, rc);
	sqlite3_reset(st);
	if (!status && *pages == 0)
		status = upf__fail(db, UPF_INVALID, "file '%s': an empty array; expected "
				   "a document of Kolada's API, or an array of its pages",
				   upf__shown(path));
	return status;
}

/* Stages one page's rows, and where the page stands among the pages of
 * its response: its number and the query it answers, read from the
 * `page` parameter of its previous_url (that page's number plus one) or
 * its next_url (minus one). */
static int stage_page(upf_db *db, const char *doc, const char *root, int file,
		      int index, const char *path)
{
	sqlite3_stmt *st = upf__stmt(db, upf__sql_kolada_stage);
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, doc, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, root, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, file);
	int status = upf__step_done(db, st);
	st = status ? NULL : upf__stmt(db, upf__sql_kolada_page);
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_text(st, 1, doc, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, root, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, file);
		sqlite3_bind_int(st, 4, index);
		sqlite3_bind_text(st, 5, upf__shown(path), -1, SQLITE_TRANSIENT);
		status = upf__step_done(db, st);
	}
	return status;
}

/* Reads one file and stages every page of it. */
static int stage_file(upf_db *db, const char *path, int file,
		      struct upf_file_id *id)
{
	char *doc = NULL, root[32] = "$";
	int pages = 1;
	int status = upf__read_document(db, path, &doc, id);
	if (!status)
		status = count_pages(db, path, doc, &pages);
	for (int k = 0; !status && k < pages; k++) {
		if (pages > 1 || doc[strspn(doc, " \t\r\n")] == '[')
			snprintf(root, sizeof root, "$[%d]", k);
		status = check_page(db, path, doc, root);
		if (!status)
			status = stage_page(db, doc, root, file, k, path);
	}
	upf_free(doc);
	return status;
}

/* Lists the staged rows of file `file` that are bad, if any, by their
 * JSON paths: a row whose key (kpi, municipality or unit, year, gender)
 * came before, in this file or an earlier one, is bad too, naming the
 * first. */
static int check_rows(upf_db *db, const char *const *paths, int file)
{
	struct upf_badlines bad = {0};
	sqlite3_stmt *st = upf__stmt(db,
		"UPDATE temp.kolada_stage AS s SET problem = 'the same kpi, "
		"municipality, period and gender as ' || (SELECT iif(f.file = s.file, '', "
		"printf('file ''%s'' ', (SELECT name FROM temp.kolada_page p "
		"WHERE p.file = f.file))) || f.path FROM temp.kolada_stage f "
		"WHERE f.rowid < s.rowid AND f.kpi = s.kpi "
		"AND f.kind = s.kind AND f.area = s.area AND f.year = s.year "
		"AND f.gender = s.gender ORDER BY f.rowid LIMIT 1) "
		"WHERE s.file = ?1 AND s.problem IS NULL AND s.gender IS NOT NULL "
		"AND EXISTS (SELECT 1 FROM temp.kolada_stage f WHERE f.rowid < s.rowid "
		"AND f.kpi = s.kpi AND f.kind = s.kind AND f.area = s.area "
		"AND f.year = s.year AND f.gender = s.gender)");
	if (!st)
		return db->status;
	sqlite3_bind_int(st, 1, file);
	int rc, status = upf__step_done(db, st);
	if (status)
		return status;
	if (!(st = upf__stmt(db, "SELECT path, problem FROM temp.kolada_stage "
			     "WHERE file = ?1 AND problem IS NOT NULL ORDER BY rowid")))
		return db->status;
	sqlite3_bind_int(st, 1, file);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		/* The problems quote only what kolada_stage.sql let upf_shown
		 * pass. */
		upf__bad(&bad, "\n%s: %s", sqlite3_column_text(st, 0),
			 sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return upf__sqlfail(db, rc);
	return bad.n ? upf__bad_fail(db, &bad, paths[file], "value") : UPF_OK;
}

/* Every page of each response must be here, once: a page whose next page
 * is missing is refused, unless partial accepts it (then *missing says
 * so). Where a page's number cannot be read from its addresses, the
 * pages cannot be matched, and the same rule holds. */
static int check_pages(upf_db *db, const char *const *paths, int partial,
		       int *missing)
{
	sqlite3_stmt *st = upf__stmt(db, upf__sql_kolada_pages);
	*missing = 0;
	if (!st)
		return db->status;
	int rc = sqlite3_step(st), status = UPF_OK;
	if (rc == SQLITE_ROW) {
		int file = sqlite3_column_int(st, 0), twice = sqlite3_column_int(st, 2);
		if (twice || !partial)
			status = upf__fail(db, UPF_INVALID, "file '%s': %s%s",
					   upf__shown(paths[file]), sqlite3_column_text(st, 1),
					   twice ? "" : "; give every page, or --partial "
					   "(UPF_KOLADA_PARTIAL) to import those here");
		*missing = 1;
	} else if (rc != SQLITE_DONE)
		status = upf__sqlfail(db, rc);
	sqlite3_reset(st);
	return status;
}

/* One audit entry for the import: the rows, and each file it read. */
static int write_references(upf_db *db, const struct upf_file_id *files, int n,
			    int partial)
{
	int status = upf__exec(db,
		"DELETE FROM reference WHERE (kpi, kind, area, year) IN "
		"(SELECT kpi, kind, area, year FROM temp.kolada_stage WHERE deleted); "
		"INSERT INTO reference (kpi, kind, area, year, gender, value, count, status) "
		"SELECT kpi, kind, area, year, gender, value, count, status "
		"FROM temp.kolada_stage WHERE NOT deleted AND gender IS NOT NULL "
		"ON CONFLICT DO UPDATE SET value = excluded.value, "
		"count = excluded.count, status = excluded.status, source = 'kolada'");
	sqlite3_stmt *st = NULL;
	for (int i = 0; !status && n > 1 && i < n; i++) {
		if (!(st = upf__stmt(db, "INSERT INTO temp.kolada_file VALUES (?1, ?2, ?3)")))
			return db->status;
		sqlite3_bind_text(st, 1, files[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, files[i].bytes);
		sqlite3_bind_text(st, 3, files[i].sha256, -1, SQLITE_STATIC);
		status = upf__step_done(db, st);
	}
	if (status)
		return status;
	st = upf__stmt(db,
		"INSERT INTO audit (actor, tbl, op, key, new) "
		"SELECT upf_actor(), 'reference', 'bulk', ?1, json_patch(json_patch("
		"upf_audit_row('rows', sum(NOT deleted AND gender IS NOT NULL), "
		"'deleted', sum(deleted)), iif(?4 = 1, upf_audit_row('file', ?1, "
		"'bytes', ?2, 'sha256', ?3), json_object('files', json((SELECT "
		"json_group_array(json_object('file', file, 'bytes', bytes, 'sha256', "
		"sha256)) FROM temp.kolada_file))))), iif(?5, '{\"partial\":1}', '{}')) "
		"FROM temp.kolada_stage");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, files[0].name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, files[0].bytes);
	sqlite3_bind_text(st, 3, files[0].sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, n);
	sqlite3_bind_int(st, 5, partial);
	return upf__step_done(db, st);
}

/* The import's summary: a row per KPI; a partial import says so in
 * every row's notes. */
static int summarise(upf_table **summary, upf_db *db, int partial)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT s.kpi, (SELECT group_concat(code, ' ') FROM measure "
		"WHERE kpi = s.kpi) AS measures, "
		"sum(NOT deleted AND gender IS NOT NULL) AS rows, "
		"sum(deleted) AS deleted, (SELECT group_concat(note, '; ') FROM "
		"(SELECT DISTINCT note FROM (SELECT note FROM temp.kolada_stage n "
		"WHERE n.kpi = s.kpi AND note IS NOT NULL UNION ALL SELECT 'partial: "
		"a page of the response was not imported' WHERE ?1) ORDER BY note)) "
		"AS notes FROM temp.kolada_stage s "
		"GROUP BY s.kpi ORDER BY measures IS NULL, s.kpi");
	if (!st)
		return db->status;
	sqlite3_bind_int(st, 1, partial);
	return upf__table_from_stmt(summary, db, st);
}

int upf_kolada_import_files(upf_table **summary, upf_db *db,
			    const char *const *paths, int count, unsigned flags)
{
	struct upf_file_id *files = NULL;
	int missing = 0;
	if (summary)
		*summary = NULL;
	if (!db)
		return UPF_MISUSE;
	if (!paths)
		return upf__fail(db, UPF_MISUSE, "paths: NULL; name at least one file");
	if (count < 1)
		return upf__fail(db, UPF_MISUSE, "count %d: name at least one file", count);
	for (int i = 0; i < count; i++)
		if (!paths[i])
			return upf__fail(db, UPF_MISUSE, "paths: file %d is NULL", i + 1);
	if (!(files = upf__malloc((size_t)count * sizeof *files)))
		return upf__fail(db, UPF_NOMEM, "out of memory");
	int status = upf__write_begin(db);
	if (!status) {
		status = upf__exec(db,
			"CREATE TEMP TABLE IF NOT EXISTS kolada_stage (file INTEGER, "
			"path TEXT, kpi, kind, area, year, gender, value, count, status, "
			"deleted, note, problem); DELETE FROM temp.kolada_stage; "
			"CREATE TEMP TABLE IF NOT EXISTS kolada_page (file INTEGER, name, "
			"page INTEGER, next_url, number INTEGER, query); "
			"DELETE FROM temp.kolada_page; "
			"CREATE TEMP TABLE IF NOT EXISTS kolada_file (file, bytes, sha256); "
			"DELETE FROM temp.kolada_file");
		for (int i = 0; !status && i < count; i++)
			status = stage_file(db, paths[i], i, &files[i]);
		if (!status)
			status = check_pages(db, paths, flags & UPF_KOLADA_PARTIAL, &missing);
		for (int i = 0; !status && i < count; i++)
			status = check_rows(db, paths, i);
		if (!status)
			status = write_references(db, files, count, missing);
		status = upf__end(db, status);
	}
	upf_free(files);
	if (!status && summary)
		status = summarise(summary, db, missing);
	return status;
}

int upf_kolada_import(upf_table **summary, upf_db *db, const char *path)
{
	return upf_kolada_import_files(summary, db, &path, 1, 0);
}
