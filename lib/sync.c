/* Changesets: what a provider's registry records reaches the
 * municipality's as SQLite session changesets.
 *
 * In a provider's registry every handle keeps a session on the tables a
 * provider records; at the end of each write (upf__end) what the write
 * changed is kept as the next change in sync_change, inside the write's
 * own transaction, so that a change is kept exactly when it is
 * committed. upf_sync_export joins the changes not yet sent into one
 * changeset and writes it behind a one-line JSON header: the sender, the
 * registry it is for, the provider, the range of changes, the rows per
 * table, and the payload's size and SHA-256.
 *
 * upf_sync_apply, in the municipality's registry, checks the header
 * against the registries it made organisations for (sync_peer), the
 * payload against its hash, the range against what was applied before,
 * and every text for personal identity numbers; applies the changeset in
 * one transaction; then checks that every row it touched is the sender's
 * provider's and that no value falls in a locked period. Anything wrong,
 * and nothing is changed. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define SYNC_FORMAT "uppfolj-sync"
#define SYNC_VERSION 1
#define HEADER_MAX 65536

/* The tables that travel, and for each the check that a row, found by
 * its primary key (?1, ?2, ?3 its key's columns in order), is the scope's
 * provider's. */
static const struct {
	const char *table, *mine;
} synced[] = {
	{"value", "SELECT " UPF_SCOPE_UNIT("?3")}, /* measure, start, unit */
	{"deviation", "SELECT EXISTS (SELECT 1 FROM deviation d WHERE d.id = ?1 AND "
		      UPF_SCOPE_UNIT("d.unit_id") ")"},
	{"action", "SELECT EXISTS (SELECT 1 FROM action a WHERE a.id = ?1 AND "
		   UPF_SCOPE_SUBJECT("a.unit_id", "a.assignment_id") ")"},
	{"basic_record", "SELECT " UPF_SCOPE_UNIT("?1")},
	{"basic_analysis", "SELECT " UPF_SCOPE_UNIT("?1")},
	{"review", "SELECT EXISTS (SELECT 1 FROM review r WHERE r.id = ?1 AND "
		   UPF_SCOPE_SUBJECT("r.unit_id", "r.assignment_id") ")"},
	{"review_answer", "SELECT EXISTS (SELECT 1 FROM review r WHERE r.id = ?1 AND "
			  UPF_SCOPE_SUBJECT("r.unit_id", "r.assignment_id") ")"},
	{"correction", "SELECT EXISTS (SELECT 1 FROM correction k WHERE k.id = ?1 AND "
		       "k.provider_id = upf_scope())"},
};
#define NSYNCED (int)(sizeof synced / sizeof synced[0])

static int synced_index(const char *table)
{
	for (int i = 0; i < NSYNCED; i++)
		if (!strcmp(synced[i].table, table))
			return i;
	return -1;
}

void upf__sync_stop(upf_db *db)
{
	if (db->session)
		sqlite3session_delete(db->session);
	db->session = NULL;
}

int upf__sync_start(upf_db *db)
{
	sqlite3_session *s = NULL;
	upf__sync_stop(db);
	db->capture = 1;
	int rc = sqlite3session_create(db->sql, "main", &s);
	for (int i = 0; rc == SQLITE_OK && i < NSYNCED; i++)
		rc = sqlite3session_attach(s, synced[i].table);
	if (rc != SQLITE_OK) {
		if (s) /* a failed create leaves none, and delete takes no NULL */
			sqlite3session_delete(s);
		return upf__sqlfail(db, rc);
	}
	db->session = s;
	return UPF_OK;
}

int upf__sync_keep(upf_db *db)
{
	void *p = NULL;
	int n = 0;
	if (!db->session)
		return upf__fail(db, UPF_ERROR, "changes: what this write changed could not be "
				 "kept to be sent; nothing was changed");
	if (sqlite3session_isempty(db->session))
		return UPF_OK;
	int rc = sqlite3session_changeset(db->session, &n, &p);
	if (rc != SQLITE_OK)
		return upf__sqlfail(db, rc);
	sqlite3_stmt *st = n ? upf__stmt(db, "INSERT INTO sync_change (changeset) VALUES (?1)")
			     : NULL;
	int status = n && !st ? db->status : UPF_OK;
	if (st) {
		sqlite3_bind_blob(st, 1, p, n, SQLITE_STATIC);
		status = upf__step_done(db, st);
	}
	sqlite3_free(p);
	return status;
}

/* ---- Export ------------------------------------------------------------- */

/* Counts the changeset's rows per table and operation into JSON:
 * {"value":{"insert":3,"update":1,"delete":0},...}. */
static int count_rows(upf_db *db, int n, void *p, char **json)
{
	long counts[NSYNCED][3] = {{0}};
	sqlite3_changeset_iter *it = NULL;
	int rc = sqlite3changeset_start(&it, n, p);
	while (rc == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table;
		int cols, op, indirect;
		rc = sqlite3changeset_op(it, &table, &cols, &op, &indirect);
		int t = rc == SQLITE_OK ? synced_index(table) : -1;
		if (t >= 0)
			counts[t][op == SQLITE_INSERT ? 0 : op == SQLITE_UPDATE ? 1 : 2]++;
	}
	int end = it ? sqlite3changeset_finalize(it) : SQLITE_OK;
	if (rc == SQLITE_OK)
		rc = end;
	if (rc != SQLITE_OK)
		return upf__sqlfail(db, rc);
	sqlite3_str *s = sqlite3_str_new(db->sql);
	sqlite3_str_appendchar(s, 1, '{');
	for (int t = 0, k = 0; t < NSYNCED; t++)
		if (counts[t][0] + counts[t][1] + counts[t][2])
			sqlite3_str_appendf(s, "%s\"%s\":{\"insert\":%ld,\"update\":%ld,"
					    "\"delete\":%ld}", k++ ? "," : "", synced[t].table,
					    counts[t][0], counts[t][1], counts[t][2]);
	sqlite3_str_appendchar(s, 1, '}');
	return upf__json_finish(db, s, json);
}

/* The changes from..to joined into one changeset (sqlite3_free). */
static int join_changes(upf_db *db, sqlite3_int64 from, sqlite3_int64 to, int *n, void **p)
{
	sqlite3_changegroup *g = NULL;
	sqlite3_stmt *st = upf__stmt(db, "SELECT changeset FROM sync_change "
				     "WHERE seq BETWEEN ?1 AND ?2 ORDER BY seq");
	if (!st)
		return db->status;
	int rc = sqlite3changegroup_new(&g);
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* sqlite3changegroup_add only reads what it is given, but takes
		 * it as void *. */
		const void *blob = sqlite3_column_blob(st, 0);
		void *data;
		memcpy(&data, &blob, sizeof data);
		rc = sqlite3changegroup_add(g, sqlite3_column_bytes(st, 0), data);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		rc = sqlite3changegroup_output(g, n, p);
	sqlite3changegroup_delete(g);
	return rc == SQLITE_OK ? UPF_OK : upf__sqlfail(db, rc);
}

/* Writes the header line and the payload to a new private file. */
static int write_file(upf_db *db, const char *path, const char *head, int n,
		      const void *p)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return upf__fail(db, UPF_IO, "file '%s': cannot be written: %s",
				 upf__shown(path), strerror(errno));
	size_t len = strlen(head);
	int bad = fchmod(fd, 0600) != 0 || write(fd, head, len) != (ssize_t)len ||
		  write(fd, "\n", 1) != 1 || (n && write(fd, p, (size_t)n) != (ssize_t)n) ||
		  fsync(fd) != 0;
	int err = errno;
	bad |= close(fd) != 0;
	return bad ? upf__fail(db, UPF_IO, "file '%s': cannot be written: %s",
			       upf__shown(path), strerror(err))
		   : UPF_OK;
}

/* The export's summary: per table, the rows sent. */
static int summary_of(upf_table **out, upf_db *db, const char *counts, const char *state)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT key AS \"table\", value->>'insert' AS inserts, value->>'update' AS "
		"updates, value->>'delete' AS deletes, ?2 AS state FROM json_each(?1) "
		"UNION ALL SELECT NULL, 0, 0, 0, ?2 WHERE ?1 = '{}'");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, counts, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, state, -1, SQLITE_STATIC);
	return upf__table_from_stmt(out, db, st);
}

int upf_sync_export(upf_table **summary, upf_db *db, const char *path, long long since)
{
	struct upf_sha256 sha;
	struct upf_file_id file;
	sqlite3_int64 from, to;
	char *counts = NULL, *head = NULL, today[11];
	void *p = NULL;
	int n = 0;
	int status = upf__table_out(db, summary);
	if (!status)
		status = upf__need(db, "path", path);
	if (!status)
		status = upf__check_path(db, path);
	if (!status && !db->capture)
		status = upf__refuse(db, UPF_DETAIL_NONE, "sync export: made in a provider's own "
				     "registry; this is the municipality's, which applies them");
	if (!status && since < -1)
		status = upf__fail(db, UPF_INVALID, "since '%lld': a change number, 0 or more",
				   since);
	if (status || (status = upf__write_begin_provider(db)))
		return status;
	status = upf__query_int(db, "SELECT coalesce(max(seq_to), 0) FROM sync_export", &from);
	if (!status && since >= 0)
		from = since;
	from++;
	if (!status)
		status = upf__query_int(db, "SELECT coalesce(max(seq), 0) FROM sync_change", &to);
	if (!status && from > to) {
		upf__end(db, UPF_OK);
		return summary_of(summary, db, "{}", "nothing to send");
	}
	if (!status)
		status = join_changes(db, from, to, &n, &p);
	if (!status)
		status = count_rows(db, n, p, &counts);
	upf__sha256_init(&sha);
	upf__sha256_update(&sha, p, (size_t)n);
	upf__file_id(&file, path, n, &sha);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT json_object('format', '" SYNC_FORMAT "', 'version', ?1, 'sender', r.uid, "
		"'to', r.reports_to, 'provider', p.code, 'from', ?2, 'through', ?3, "
		"'counts', json(?4), 'bytes', ?5, 'sha256', ?6) "
		"FROM registry r JOIN provider p ON p.id = r.provider_id");
	if (!status && !st)
		status = db->status;
	if (st) {
		sqlite3_bind_int(st, 1, SYNC_VERSION);
		sqlite3_bind_int64(st, 2, from);
		sqlite3_bind_int64(st, 3, to);
		sqlite3_bind_text(st, 4, counts, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 5, n);
		sqlite3_bind_text(st, 6, file.sha256, -1, SQLITE_STATIC);
		status = upf__step_text(db, st, &head);
	}
	upf__today(db, today);
	st = status ? NULL : upf__stmt(db, "INSERT INTO sync_export (seq_to, seq_from, sha256, "
				       "exported_on) VALUES (?1, ?2, ?3, ?4)");
	if (!status && !st)
		status = db->status;
	if (st) {
		sqlite3_bind_int64(st, 1, to);
		sqlite3_bind_int64(st, 2, from);
		sqlite3_bind_text(st, 3, file.sha256, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, today, -1, SQLITE_STATIC);
		status = upf__step_done(db, st);
	}
	if (!status)
		status = upf__audit_import(db, "sync_export", (long)(to - from + 1), &file);
	if (!status)
		status = write_file(db, path, head, n, p);
	status = upf__end(db, status);
	if (!status)
		status = summary_of(summary, db, counts, "exported");
	sqlite3_free(p);
	upf_free(counts);
	upf_free(head);
	return status;
}

/* ---- Apply -------------------------------------------------------------- */

/* What a changeset's file said of itself, and who sent it. */
struct sync_head {
	char sender[33], to[33], provider[UPF_CODE_MAX + 1], sha256[65];
	sqlite3_int64 from, through, bytes, provider_id;
	char *counts;
};

/* Reads the file: the header line, and the payload after it. */
static int read_changeset(upf_db *db, const char *path, char **head, void **payload,
			  int *n)
{
	FILE *fp = fopen(path, "rb");
	struct stat sb;
	if (!fp)
		return upf__fail(db, UPF_IO, "file '%s': cannot be opened", upf__shown(path));
	long long size = fstat(fileno(fp), &sb) == 0 ? (long long)sb.st_size : -1;
	char *buf = size >= 0 && size < (1LL << 30) ? upf__malloc((size_t)size + 1) : NULL;
	int read_ok = buf && fread(buf, 1, (size_t)size, fp) == (size_t)size;
	fclose(fp);
	if (!read_ok) {
		/* Only a buffer of a size that could be read may run out. */
		int nomem = !buf && size >= 0 && size < (1LL << 30);
		upf_free(buf);
		return nomem ? upf__fail(db, UPF_NOMEM, "out of memory")
			     : upf__fail(db, UPF_IO, "file '%s': cannot be read", upf__shown(path));
	}
	buf[size] = '\0';
	char *nl = memchr(buf, '\n', (size_t)(size < HEADER_MAX ? size : HEADER_MAX));
	if (!nl) {
		upf_free(buf);
		return upf__fail(db, UPF_INVALID, "file '%s': no header line; not a changeset "
				 "written by uppfolj sync export", upf__shown(path));
	}
	*nl = '\0';
	*head = buf;
	*payload = nl + 1;
	*n = (int)(size - (nl + 1 - buf));
	return UPF_OK;
}

/* The header: well formed, for this registry, from a provider registry it
 * made an organisation for, of that registry's provider. */
static int check_head(upf_db *db, const char *path, const char *text, struct sync_head *h)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT CASE WHEN json_type(?1) IS NOT 'object' THEN 'a header that is not JSON' "
		"WHEN json_extract(?1, '$.format') IS NOT '" SYNC_FORMAT "' "
		"  THEN 'not a changeset written by uppfolj sync export' "
		"WHEN json_extract(?1, '$.version') IS NOT ?2 "
		"  THEN printf('version %s; this uppfolj reads %d', json_extract(?1, '$.version'), ?2) "
		"WHEN json_type(?1, '$.from') IS NOT 'integer' OR json_type(?1, '$.through') "
		"  IS NOT 'integer' OR json_type(?1, '$.bytes') IS NOT 'integer' "
		"  OR length(json_extract(?1, '$.sha256')) IS NOT 64 "
		"  OR json_type(?1, '$.counts') IS NOT 'object' THEN 'an incomplete header' "
		"WHEN json_extract(?1, '$.to') IS NOT (SELECT uid FROM registry) "
		"  THEN printf('for registry %s, not this one (%s)', json_extract(?1, '$.to'), "
		"    (SELECT uid FROM registry)) "
		"WHEN p.uid IS NULL THEN printf('from registry %s, which this registry made no "
		"organisation for', upf_shown(json_extract(?1, '$.sender'))) "
		"WHEN json_extract(?1, '$.provider') IS NOT pr.code "
		"  THEN printf('registry %s is %s''s; the changeset says %s', p.uid, pr.code, "
		"    upf_shown(json_extract(?1, '$.provider'))) END, "
		"json_extract(?1, '$.sender'), json_extract(?1, '$.to'), pr.code, "
		"json_extract(?1, '$.sha256'), json_extract(?1, '$.from'), "
		"json_extract(?1, '$.through'), json_extract(?1, '$.bytes'), pr.id, "
		"json_extract(?1, '$.counts') "
		"FROM (SELECT 1) LEFT JOIN sync_peer p ON p.uid = json_extract(?1, '$.sender') "
		"LEFT JOIN provider pr ON pr.id = p.provider_id");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, SYNC_VERSION);
	int rc = sqlite3_step(st), status = UPF_OK;
	const char *problem = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	if (rc != SQLITE_ROW)
		status = rc == SQLITE_ERROR ? upf__fail(db, UPF_INVALID, "file '%s': a header "
							"that is not JSON", upf__shown(path))
					    : upf__sqlfail(db, rc);
	else if (problem)
		status = upf__refuse(db, UPF_DETAIL_NONE, "file '%s': %s; nothing was changed",
				     upf__shown(path), problem);
	else {
		char *const text_cols[] = {h->sender, h->to, h->provider, h->sha256};
		const size_t sizes[] = {sizeof h->sender, sizeof h->to, sizeof h->provider,
					sizeof h->sha256};
		for (int i = 0; i < 4; i++)
			snprintf(text_cols[i], sizes[i], "%s", sqlite3_column_text(st, i + 1));
		h->from = sqlite3_column_int64(st, 5);
		h->through = sqlite3_column_int64(st, 6);
		h->bytes = sqlite3_column_int64(st, 7);
		h->provider_id = sqlite3_column_int64(st, 8);
		h->counts = upf__strdup((const char *)sqlite3_column_text(st, 9));
		if (!h->counts)
			status = upf__fail(db, UPF_NOMEM, "out of memory");
	}
	sqlite3_reset(st);
	return status;
}

/* The payload is the one the header names, and continues what was applied
 * from its sender: *done is set when this very changeset was applied
 * already. */
static int check_payload(upf_db *db, const char *path, const struct sync_head *h, int n,
			 const void *p, int *done)
{
	struct upf_sha256 sha;
	char hex[65];
	upf__sha256_init(&sha);
	upf__sha256_update(&sha, p, (size_t)n);
	upf__sha256_hex(&sha, hex);
	if (n != h->bytes || strcmp(hex, h->sha256))
		return upf__refuse(db, UPF_DETAIL_NONE, "file '%s': the payload is not the one "
				   "its header names (%d bytes, SHA-256 %s; the header says %lld, "
				   "%s): changed or cut; nothing was changed", upf__shown(path), n,
				   hex, (long long)h->bytes, h->sha256);
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT (SELECT applied_on FROM sync_applied WHERE sha256 = ?2), "
		"(SELECT coalesce(max(seq_to), 0) FROM sync_applied WHERE peer = ?1)");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, h->sender, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, h->sha256, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st), status = UPF_OK;
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return upf__sqlfail(db, rc);
	}
	sqlite3_int64 last = sqlite3_column_int64(st, 1);
	*done = sqlite3_column_type(st, 0) != SQLITE_NULL;
	if (!*done && h->from <= last)
		status = upf__refuse(db, UPF_DETAIL_DUPLICATE, "file '%s': changes %lld..%lld of "
				     "registry %s; changes up to %lld were applied already: an old "
				     "changeset, or one made again; nothing was changed",
				     upf__shown(path), (long long)h->from, (long long)h->through,
				     h->sender, (long long)last);
	else if (!*done && h->from > last + 1)
		status = upf__refuse(db, UPF_DETAIL_OUT_OF_ORDER, "file '%s': changes %lld..%lld "
				     "of registry %s; changes %lld..%lld have not been applied: "
				     "apply them first; nothing was changed", upf__shown(path),
				     (long long)h->from, (long long)h->through, h->sender,
				     (long long)last + 1, (long long)h->from - 1);
	sqlite3_reset(st);
	return status;
}

/* Every text the changeset brings is checked like any other input. */
static int check_texts(upf_db *db, const char *path, int n, void *p)
{
	sqlite3_changeset_iter *it = NULL;
	int rc = sqlite3changeset_start(&it, n, p), status = UPF_OK;
	while (!status && rc == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table;
		int cols, op, indirect;
		rc = sqlite3changeset_op(it, &table, &cols, &op, &indirect);
		for (int c = 0; rc == SQLITE_OK && !status && op != SQLITE_DELETE && c < cols; c++) {
			sqlite3_value *v = NULL;
			rc = sqlite3changeset_new(it, c, &v);
			const unsigned char *text = rc == SQLITE_OK && v &&
				sqlite3_value_type(v) == SQLITE_TEXT ? sqlite3_value_text(v) : NULL;
			if (text && upf__looks_personal((const char *)text))
				status = upf__fail(db, UPF_PERSONAL, "file '%s': a text of %s looks "
						   "like a personal identity number; nothing was "
						   "changed", upf__shown(path), table);
		}
		if (synced_index(table) < 0 && !status)
			status = upf__refuse(db, UPF_DETAIL_NONE, "file '%s': a change of %s, "
					     "which does not travel; nothing was changed",
					     upf__shown(path), table);
	}
	int end = it ? sqlite3changeset_finalize(it) : SQLITE_OK;
	if (!status && (rc != SQLITE_OK || end != SQLITE_OK))
		status = upf__fail(db, UPF_INVALID, "file '%s': the payload is not a changeset",
				   upf__shown(path));
	return status;
}

/* value's columns, as a changeset numbers them: measure_id, start,
 * unit_id (its key), value, den, note, batch, line, flagged. */
enum { VALUE_BATCH = 6, VALUE_LINE = 7 };

/* A value's key, as a changeset gives it. */
struct value_key {
	sqlite3_int64 measure, start, unit;
};

static int value_key_of(sqlite3_changeset_iter *it, int op, struct value_key *k)
{
	int (*get)(sqlite3_changeset_iter *, int, sqlite3_value **) =
		op == SQLITE_INSERT ? sqlite3changeset_new : sqlite3changeset_old;
	sqlite3_value *m = NULL, *s = NULL, *u = NULL;
	int rc = get(it, 0, &m);
	if (rc == SQLITE_OK)
		rc = get(it, 1, &s);
	if (rc == SQLITE_OK)
		rc = get(it, 2, &u);
	if (rc == SQLITE_OK)
		*k = (struct value_key){sqlite3_value_int64(m), sqlite3_value_int64(s),
					sqlite3_value_int64(u)};
	return rc;
}

/* A change's primary key, the new row's for an insert and the old row's
 * otherwise: each value bound to st in order, or appended to text as
 * "a/b/c" (either may be NULL). */
static int change_key(sqlite3_changeset_iter *it, int op, int cols, sqlite3_stmt *st,
		      sqlite3_str *text)
{
	unsigned char *pk;
	int npk, rc = sqlite3changeset_pk(it, &pk, &npk);
	for (int c = 0, k = 0; c < cols && rc == SQLITE_OK; c++) {
		sqlite3_value *v = NULL;
		if (!pk[c])
			continue;
		rc = op == SQLITE_INSERT ? sqlite3changeset_new(it, c, &v)
					 : sqlite3changeset_old(it, c, &v);
		if (rc != SQLITE_OK || !v)
			continue;
		k++;
		if (st)
			sqlite3_bind_value(st, k, v);
		if (text)
			sqlite3_str_appendf(text, "%s%s", k > 1 ? "/" : "",
					    upf__shown((const char *)sqlite3_value_text(v)));
	}
	return rc;
}

/* Every row of op (SQLITE_DELETE before the changeset is applied, else
 * after) is the provider's: found by its key, and in the scope. */
static int check_rows(upf_db *db, const char *path, const struct sync_head *h, int n,
		      void *p, int deletes)
{
	sqlite3_changeset_iter *it = NULL;
	int rc = sqlite3changeset_start(&it, n, p), status = UPF_OK;
	sqlite3_int64 was = db->scope_id;
	db->scope_id = h->provider_id; /* the views read the sender's scope */
	while (!status && rc == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table;
		int cols, op, indirect;
		rc = sqlite3changeset_op(it, &table, &cols, &op, &indirect);
		if (rc != SQLITE_OK || (op == SQLITE_DELETE) != deletes)
			continue;
		int t = synced_index(table);
		sqlite3_stmt *st = t >= 0 ? upf__stmt(db, synced[t].mine) : NULL;
		if (!st) {
			status = t < 0 ? UPF_OK : db->status;
			continue;
		}
		sqlite3_int64 mine = 0;
		if ((rc = change_key(it, op, cols, st, NULL)) == SQLITE_OK)
			status = upf__step_int(db, st, &mine);
		if (!status && rc == SQLITE_OK && mine != 1) {
			sqlite3_str *key = sqlite3_str_new(db->sql);
			change_key(it, op, cols, NULL, key);
			char *text = sqlite3_str_finish(key);
			status = upf__refuse(db, UPF_DETAIL_SCOPE, "file '%s': a row of %s (%s) is "
					     "not of provider %s's units; nothing was changed",
					     upf__shown(path), table, text ? text : "",
					     h->provider);
			sqlite3_free(text);
		}
	}
	db->scope_id = was;
	int end = it ? sqlite3changeset_finalize(it) : SQLITE_OK;
	if (!status && (rc != SQLITE_OK || end != SQLITE_OK))
		status = upf__sqlfail(db, rc != SQLITE_OK ? rc : end);
	return status;
}

/* No value the changeset writes or deletes falls in a period its
 * committee has locked. */
static int check_locks(upf_db *db, int n, void *p)
{
	sqlite3_changeset_iter *it = NULL;
	int rc = sqlite3changeset_start(&it, n, p), status = upf__cache_fill(db);
	while (!status && rc == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table;
		int cols, op, indirect;
		struct value_key k;
		rc = sqlite3changeset_op(it, &table, &cols, &op, &indirect);
		if (rc != SQLITE_OK || strcmp(table, "value") ||
		    (rc = value_key_of(it, op, &k)) != SQLITE_OK)
			continue;
		sqlite3_stmt *st = upf__stmt(db, "SELECT m.code, u.code FROM measure m, unit u "
					     "WHERE m.id = ?1 AND u.id = ?2");
		if (!st) {
			status = db->status;
			continue;
		}
		sqlite3_bind_int64(st, 1, k.measure);
		sqlite3_bind_int64(st, 2, k.unit);
		const struct upf_cached_measure *cm = NULL;
		const struct upf_cached_unit *cu = NULL;
		char mcode[UPF_CODE_MAX + 1] = "", ucode[UPF_CODE_MAX + 1] = "", label[16];
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			snprintf(mcode, sizeof mcode, "%s", sqlite3_column_text(st, 0));
			snprintf(ucode, sizeof ucode, "%s", sqlite3_column_text(st, 1));
		}
		sqlite3_reset(st);
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
		if (rc != SQLITE_OK || !*mcode || upf__cache_measure(db, mcode, &cm) ||
		    upf__cache_unit(db, ucode, &cu)) {
			status = rc != SQLITE_OK ? upf__sqlfail(db, rc) : db->status;
			continue;
		}
		int start = (int)k.start, end = start + cm->months - 1;
		const struct upf_lock *l = upf__cache_lock(db, cu, start, end);
		upf__period_label(start, cm->months, label);
		if (l)
			status = upf__locked(db, l, ucode, label);
	}
	int end = it ? sqlite3changeset_finalize(it) : SQLITE_OK;
	if (!status && (rc != SQLITE_OK || end != SQLITE_OK))
		status = upf__sqlfail(db, rc != SQLITE_OK ? rc : end);
	return status;
}

/* Conflicts: the rows changed on both sides since the last changeset.
 * Without a preference each is listed and the changeset refused; else the
 * provider's row, or the registry's, stands. The values whose registry
 * row stands are kept aside, so that they are not traced to the apply. */
struct conflicts {
	int prefer; /* 0: none, 'p': the provider's, 'r': the registry's */
	int n;
	sqlite3_str *keys;
	struct value_key *kept;
	int nkept, cap;
	int nomem;
};

static int same(sqlite3_value *a, sqlite3_value *b)
{
	int t = sqlite3_value_type(a);
	if (t != sqlite3_value_type(b))
		return 0;
	if (t == SQLITE_NULL)
		return 1;
	if (t == SQLITE_INTEGER)
		return sqlite3_value_int64(a) == sqlite3_value_int64(b);
	if (t == SQLITE_FLOAT)
		return sqlite3_value_double(a) == sqlite3_value_double(b);
	int n = sqlite3_value_bytes(a);
	const void *x = t == SQLITE_TEXT ? (const void *)sqlite3_value_text(a)
					 : sqlite3_value_blob(a);
	const void *y = t == SQLITE_TEXT ? (const void *)sqlite3_value_text(b)
					 : sqlite3_value_blob(b);
	return n == sqlite3_value_bytes(b) && (!n || !memcmp(x, y, (size_t)n));
}

/* A value whose rows differ only in batch and line: here it names the
 * apply that brought it, there the provider's own batch. Not a conflict. */
static int only_traced_differ(sqlite3_changeset_iter *it, int cols)
{
	for (int c = 0; c < cols; c++) {
		sqlite3_value *was = NULL, *now = NULL;
		if (c == VALUE_BATCH || c == VALUE_LINE)
			continue;
		if (sqlite3changeset_old(it, c, &was) != SQLITE_OK || !was)
			continue; /* a column the update left alone */
		if (sqlite3changeset_conflict(it, c, &now) != SQLITE_OK || !now || !same(was, now))
			return 0;
	}
	return 1;
}

static int keep_value(struct conflicts *c, sqlite3_changeset_iter *it, int op)
{
	if (c->nkept == c->cap) {
		int cap = c->cap ? 2 * c->cap : 16;
		struct value_key *p = upf__realloc(c->kept, (size_t)cap * sizeof *p);
		if (!p) {
			c->nomem = 1;
			return SQLITE_CHANGESET_ABORT;
		}
		c->kept = p;
		c->cap = cap;
	}
	if (value_key_of(it, op, &c->kept[c->nkept]) == SQLITE_OK)
		c->nkept++;
	return SQLITE_CHANGESET_OMIT;
}

static int on_conflict(void *arg, int kind, sqlite3_changeset_iter *it)
{
	struct conflicts *c = arg;
	const char *table;
	int cols, op, indirect;
	if (kind == SQLITE_CHANGESET_FOREIGN_KEY || kind == SQLITE_CHANGESET_CONSTRAINT) {
		c->n++;
		sqlite3_str_appendf(c->keys, "%s%s", c->n > 1 ? ", " : "",
				    kind == SQLITE_CHANGESET_FOREIGN_KEY ? "a missing reference"
									 : "a constraint");
		return SQLITE_CHANGESET_ABORT;
	}
	if (sqlite3changeset_op(it, &table, &cols, &op, &indirect) != SQLITE_OK)
		return SQLITE_CHANGESET_ABORT;
	int value = !strcmp(table, "value");
	if (value && kind == SQLITE_CHANGESET_DATA && only_traced_differ(it, cols))
		return SQLITE_CHANGESET_REPLACE;
	if (c->prefer == 'p' && kind != SQLITE_CHANGESET_NOTFOUND)
		return SQLITE_CHANGESET_REPLACE;
	if (c->prefer)
		return value ? keep_value(c, it, op) : SQLITE_CHANGESET_OMIT;
	if (c->n++ < 20) {
		sqlite3_str_appendf(c->keys, "%s%s(", c->n > 1 ? ", " : "", table);
		change_key(it, op, cols, NULL, c->keys);
		sqlite3_str_appendchar(c->keys, 1, ')');
	}
	return SQLITE_CHANGESET_OMIT;
}

static int apply_changes(upf_db *db, const char *path, int n, void *p, struct conflicts *c)
{
	c->keys = sqlite3_str_new(db->sql);
	int rc = sqlite3changeset_apply(db->sql, n, p, NULL, on_conflict, c), status = UPF_OK;
	char *keys = sqlite3_str_finish(c->keys);
	c->keys = NULL;
	if (c->nomem)
		status = upf__fail(db, UPF_NOMEM, "out of memory");
	else if (rc == SQLITE_OK && c->n)
		status = upf__refuse(db, UPF_DETAIL_CONSTRAINT, "file '%s': %d rows changed here "
				     "as well since the last changeset: %s%s; nothing was changed "
				     "(--prefer provider or --prefer registry settles them)",
				     upf__shown(path), c->n, keys ? keys : "", c->n > 20 ? ", ..." : "");
	else if (rc == SQLITE_ABORT)
		status = upf__refuse(db, UPF_DETAIL_CONSTRAINT, "file '%s': %s; nothing was changed",
				     upf__shown(path), keys ? keys : "refused");
	else if (rc != SQLITE_OK)
		status = upf__sqlfail(db, rc);
	sqlite3_free(keys);
	return status;
}

static int was_kept(const struct conflicts *c, const struct value_key *k)
{
	for (int i = 0; i < c->nkept; i++)
		if (!memcmp(&c->kept[i], k, sizeof *k))
			return 1;
	return 0;
}

/* Each value the changeset wrote names the apply's audit entry as its
 * batch, and no line: the provider's batch numbers mean nothing here. */
static int trace_values(upf_db *db, int n, void *p, const struct conflicts *c,
			sqlite3_int64 audit)
{
	sqlite3_changeset_iter *it = NULL;
	int rc = sqlite3changeset_start(&it, n, p), status = UPF_OK;
	sqlite3_stmt *st = rc == SQLITE_OK ? upf__stmt(db,
		"UPDATE value SET batch = ?1, line = NULL "
		"WHERE measure_id = ?2 AND start = ?3 AND unit_id = ?4") : NULL;
	if (rc == SQLITE_OK && !st)
		status = db->status;
	while (!status && rc == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table;
		int cols, op, indirect;
		struct value_key k;
		rc = sqlite3changeset_op(it, &table, &cols, &op, &indirect);
		if (rc != SQLITE_OK || op == SQLITE_DELETE || strcmp(table, "value"))
			continue;
		if ((rc = value_key_of(it, op, &k)) != SQLITE_OK || was_kept(c, &k))
			continue;
		sqlite3_bind_int64(st, 1, audit);
		sqlite3_bind_int64(st, 2, k.measure);
		sqlite3_bind_int64(st, 3, k.start);
		sqlite3_bind_int64(st, 4, k.unit);
		status = upf__step_done(db, st);
	}
	int end = it ? sqlite3changeset_finalize(it) : SQLITE_OK;
	if (!status && (rc != SQLITE_OK || end != SQLITE_OK))
		status = upf__sqlfail(db, rc != SQLITE_OK ? rc : end);
	return status;
}

/* Records the changeset as applied, under one audit entry. */
static int record_applied(upf_db *db, const struct sync_head *h, int n, const void *p,
			  sqlite3_int64 *audit)
{
	char today[11];
	upf__today(db, today);
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'sync', "
		"'bulk', ?1, upf_audit_row('provider', ?2, 'from', ?3, 'through', ?4, "
		"'sha256', ?5, 'bytes', ?6, 'rows', ?7))");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, h->sender, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, h->provider, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, h->from);
	sqlite3_bind_int64(st, 4, h->through);
	sqlite3_bind_text(st, 5, h->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, n);
	sqlite3_bind_text(st, 7, h->counts, -1, SQLITE_STATIC);
	int status = upf__step_done(db, st);
	*audit = sqlite3_last_insert_rowid(db->sql);
	st = status ? NULL : upf__stmt(db,
		"INSERT INTO sync_applied (sha256, peer, seq_from, seq_to, audit_id, applied_on, "
		"changeset) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!status && !st)
		return db->status;
	if (st) {
		sqlite3_bind_text(st, 1, h->sha256, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, h->sender, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, h->from);
		sqlite3_bind_int64(st, 4, h->through);
		sqlite3_bind_int64(st, 5, *audit);
		sqlite3_bind_text(st, 6, today, -1, SQLITE_STATIC);
		sqlite3_bind_blob(st, 7, p, n, SQLITE_STATIC);
		status = upf__step_done(db, st);
	}
	return status;
}

static const char *const preferences[] = {"provider", "registry", NULL};

int upf_sync_apply(upf_table **summary, upf_db *db, const char *path, const char *prefer)
{
	struct sync_head h = {0};
	char *head = NULL;
	void *p = NULL;
	int n = 0, done = 0;
	struct conflicts c = {.prefer = prefer ? prefer[0] : 0};
	sqlite3_int64 audit = 0;
	int status = upf__table_out(db, summary);
	if (!status)
		status = upf__need(db, "path", path);
	if (!status && prefer)
		status = upf__check_choice(db, "prefer", prefer, preferences);
	if (!status && !db->capture)
		status = upf__scope_admin(db, "sync apply");
	if (!status && db->capture)
		status = upf__refuse(db, UPF_DETAIL_NONE, "sync apply: made in the municipality's "
				     "registry; this is a provider's, which exports them");
	if (!status)
		status = upf__check_path(db, path);
	if (!status)
		status = read_changeset(db, path, &head, &p, &n);
	if (!status)
		status = upf__write_begin(db);
	if (status) {
		upf_free(head);
		return status;
	}
	status = check_head(db, path, head, &h);
	if (!status)
		status = check_payload(db, path, &h, n, p, &done);
	if (!status && !done) {
		status = check_texts(db, path, n, p);
		if (!status)
			status = check_rows(db, path, &h, n, p, 1);
		if (!status)
			status = check_locks(db, n, p);
		if (!status)
			status = apply_changes(db, path, n, p, &c);
		if (!status)
			status = check_rows(db, path, &h, n, p, 0);
		if (!status)
			status = record_applied(db, &h, n, p, &audit);
		if (!status)
			status = trace_values(db, n, p, &c, audit);
	}
	upf_free(c.kept);
	upf__cache_invalidate(db);
	status = upf__end(db, status);
	if (!status)
		status = summary_of(summary, db, h.counts, done ? "applied already; nothing "
							"was changed" : "applied");
	upf_free(h.counts);
	upf_free(head);
	return status;
}

/* ---- Status ------------------------------------------------------------- */

int upf_sync_status(upf_table **out, upf_db *db)
{
	if (db && db->capture)
		return upf__list(out, db,
			"SELECT r.uid AS registry, p.code AS provider, "
			"(SELECT coalesce(max(seq), 0) FROM sync_change) AS changes, "
			"(SELECT count(*) FROM sync_export) AS changesets, "
			"(SELECT coalesce(max(seq), 0) FROM sync_change) - "
			"(SELECT coalesce(max(seq_to), 0) FROM sync_export) AS pending, "
			"(SELECT max(exported_on) FROM sync_export) AS last_on "
			"FROM registry r JOIN provider p ON p.id = r.provider_id");
	if (db && upf__scope_admin(db, "sync status")) {
		if (out)
			*out = NULL;
		return db->status;
	}
	return upf__list(out, db,
		"SELECT s.uid AS registry, p.code AS provider, "
		"(SELECT coalesce(max(seq_to), 0) FROM sync_applied a WHERE a.peer = s.uid) "
		"AS changes, (SELECT count(*) FROM sync_applied a WHERE a.peer = s.uid) "
		"AS changesets, NULL AS pending, (SELECT max(applied_on) FROM sync_applied a "
		"WHERE a.peer = s.uid) AS last_on "
		"FROM sync_peer s JOIN provider p ON p.id = s.provider_id ORDER BY s.number");
}
