/* Keeping a registry in good order: a consistent copy while others write,
 * and the checks an administrator runs before trusting a file. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* A WAL that has grown past this has not been checkpointed for long: a
 * reader that never ends, or a process killed while it read. */
#define WAL_WARN_BYTES (64LL * 1024 * 1024)
/* Below this many values the planner needs no statistics. */
#define STATS_NEEDED_ROWS 1000

/* Copies the open registry page by page into dst, in one step: SQLite
 * holds a read transaction for it, so the copy is the registry as of one
 * moment, and writers on other connections go on meanwhile (WAL). */
static int copy_into(upf_db *db, const char *path)
{
	sqlite3 *dst = NULL;
	int rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(dst, "main", db->sql, "main")
					    : NULL;
	if (b) {
		rc = sqlite3_backup_step(b, -1);
		int end = sqlite3_backup_finish(b);
		rc = rc == SQLITE_DONE ? end : rc;
	} else if (rc == SQLITE_OK) {
		rc = sqlite3_errcode(dst);
	}
	int status = UPF_OK;
	if (rc != SQLITE_OK)
		status = upf__fail(db, upf__status_of(rc), "backup '%s': %s", upf__shown(path),
				   dst ? sqlite3_errmsg(dst) : "out of memory");
	sqlite3_close(dst);
	return status;
}

int upf_db_backup(upf_db *db, const char *path)
{
	if (!db || !db->sql)
		return UPF_MISUSE;
	int status = upf__check_path(db, path);
	/* A copy holds every provider's rows; a provider's own registry is
	 * its own to copy. */
	if (!status && !db->scope_fixed)
		status = upf__scope_admin(db, "backups");
	if (status)
		return status;
	if (db->batch) /* the copy would hold the batch's uncommitted rows */
		return upf__fail(db, UPF_MISUSE, "batch: open on this handle; commit or "
				 "free it before a backup");
	if (!*path || !strncmp(path, "file:", 5) || !strcmp(path, ":memory:"))
		return upf__fail(db, UPF_INVALID, "to '%s': name a file", upf__shown(path));
	/* Created here, private before its first byte, and never over
	 * another file: a backup that replaced one would be a loss. */
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	int err = errno;
	if (fd < 0)
		return upf__fail(db, err == EEXIST ? UPF_EXISTS : UPF_IO, "to '%s': %s",
				 upf__shown(path),
				 err == EEXIST ? "exists; a backup is never written over a file"
					       : strerror(err));
	close(fd);
	status = copy_into(db, path);
	if (status) /* nothing half-written is left to be taken for a copy */
		unlink(path);
	return status ? status : upf__ok(db);
}

/* ---- doctor ----------------------------------------------------------- */

struct check {
	const char *name, *status;
	char detail[160];
};

static void verdict(struct check *c, const char *name, const char *status, const char *fmt,
		    ...) __attribute__((format(printf, 4, 5)));

static void verdict(struct check *c, const char *name, const char *status, const char *fmt,
		    ...)
{
	va_list ap;
	c->name = name;
	c->status = status;
	va_start(ap, fmt);
	vsnprintf(c->detail, sizeof c->detail, fmt, ap);
	va_end(ap);
}

/* One text from a query of the registry, into buf ("" for none). */
static int query_text(upf_db *db, const char *sql, char *buf, size_t size)
{
	char *text = NULL;
	sqlite3_stmt *st = upf__stmt(db, sql);
	int status = st ? upf__step_text(db, st, &text) : db->status;
	snprintf(buf, size, "%s", text ? text : "");
	upf_free(text);
	return status;
}

static int check_integrity(upf_db *db, struct check *c)
{
	char found[150];
	int status = query_text(db, "SELECT group_concat(integrity_check, '; ') FROM "
				"(SELECT integrity_check FROM pragma_integrity_check LIMIT 5)",
				found, sizeof found);
	if (!status)
		verdict(c, "integrity", strcmp(found, "ok") ? "error" : "ok", "%s", found);
	return status;
}

static int check_foreign_keys(upf_db *db, struct check *c)
{
	sqlite3_int64 n;
	int status = upf__query_int(db, "SELECT count(*) FROM pragma_foreign_key_check", &n);
	if (!status)
		verdict(c, "foreign_keys", n ? "error" : "ok",
			n ? "%lld rows refer to rows that do not exist" : "every reference holds",
			(long long)n);
	return status;
}

static void check_mode(upf_db *db, struct check *c)
{
	int mode = upf_db_file_mode(db);
	if (mode < 0)
		verdict(c, "file_mode", "ok", "no file (in memory)");
	else if (mode & 077)
		verdict(c, "file_mode", "warning", "mode %04o: others can read it; 'uppfolj init' "
			"or upf_db_make_private() makes it private", mode);
	else
		verdict(c, "file_mode", "ok", "mode %04o", mode);
}

static int check_schema(upf_db *db, struct check *c)
{
	sqlite3_int64 version;
	int status = upf__query_int(db, "PRAGMA user_version", &version);
	if (!status)
		verdict(c, "schema", version == upf_schema_version() ? "ok" : "error",
			"version %lld, this library's %d", (long long)version,
			upf_schema_version());
	return status;
}

static void check_wal(upf_db *db, struct check *c)
{
	struct stat sb;
	const char *f = sqlite3_db_filename(db->sql, "main");
	char *wal = f && *f ? sqlite3_mprintf("%s-wal", f) : NULL;
	long long bytes = wal && stat(wal, &sb) == 0 ? (long long)sb.st_size : 0;
	sqlite3_free(wal);
	verdict(c, "wal", bytes > WAL_WARN_BYTES ? "warning" : "ok",
		bytes > WAL_WARN_BYTES ? "%lld bytes: not checkpointed for long; is a reader "
					 "holding it open?"
				       : "%lld bytes", bytes);
}

/* The planner's statistics (ANALYZE, which PRAGMA optimize runs on close
 * after writes): stale when the values have more than doubled since. */
static int check_statistics(upf_db *db, struct check *c)
{
	sqlite3_int64 rows, gathered = -1, has_stats;
	int status = upf__query_int(db, "SELECT count(*) FROM value", &rows);
	if (!status)
		status = upf__query_int(db, "SELECT count(*) FROM sqlite_schema "
				   "WHERE name = 'sqlite_stat1'", &has_stats);
	if (!status && has_stats)
		status = upf__query_int(db, "SELECT CAST(stat AS INTEGER) FROM sqlite_stat1 "
				   "WHERE tbl = 'value' ORDER BY idx IS NOT NULL LIMIT 1",
				   &gathered);
	if (status)
		return status;
	if (rows < STATS_NEEDED_ROWS)
		verdict(c, "statistics", "ok", "%lld values: none needed yet", (long long)rows);
	else if (gathered < 0)
		verdict(c, "statistics", "warning", "%lld values, no statistics gathered; the "
			"next write gathers them on close", (long long)rows);
	else if (rows > 2 * gathered)
		verdict(c, "statistics", "warning", "gathered at %lld values, now %lld; the next "
			"write gathers them again on close", (long long)gathered, (long long)rows);
	else
		verdict(c, "statistics", "ok", "gathered at %lld values, now %lld",
			(long long)gathered, (long long)rows);
	return UPF_OK;
}

/* Every presented committee report still matches its SHA-256. */
static int check_reports(upf_db *db, struct check *c)
{
	upf_table *t = NULL;
	long long first = 0;
	int bad = 0, status = upf__list(&t, db, "SELECT id FROM committee_report "
					"WHERE sha256 IS NOT NULL ORDER BY id");
	for (int i = 0; !status && i < upf_table_rows(t); i++) {
		long long id = upf_table_int(t, i, 0);
		int rc = upf_committee_report_verify(db, id);
		if (rc == UPF_CORRUPT && !bad++)
			first = id;
		else if (rc && rc != UPF_CORRUPT)
			status = rc;
	}
	if (!status && bad)
		verdict(c, "reports", "error", "%d of %d presented committee reports do not "
			"match their SHA-256 (the first: %lld)", bad, upf_table_rows(t), first);
	else if (!status)
		verdict(c, "reports", "ok", "%d presented committee reports, each as presented",
			upf_table_rows(t));
	upf_table_free(t);
	return status ? status : upf__ok(db);
}

/* The periods committees have approved, and the locks lifted since. */
static int check_locks(upf_db *db, struct check *c)
{
	sqlite3_int64 held, lifted;
	int status = upf__query_int(db, "SELECT count(*) FROM period_lock "
				    "WHERE unlocked_on IS NULL", &held);
	if (!status)
		status = upf__query_int(db, "SELECT count(*) FROM period_lock "
					"WHERE unlocked_on IS NOT NULL", &lifted);
	if (!status)
		verdict(c, "locks", "ok", "%lld periods locked, %lld unlocked with a reason",
			(long long)held, (long long)lifted);
	return status;
}

#define NCHECKS 8

int upf_db_doctor(upf_table **out, upf_db *db)
{
	struct check c[NCHECKS];
	int status = upf__table_out(db, out);
	if (!status && !db->scope_fixed) /* its counts are the whole registry's */
		status = upf__scope_admin(db, "the registry's health");
	if (status)
		return status;
	if (!(status = check_integrity(db, &c[0])) &&
	    !(status = check_foreign_keys(db, &c[1])) && !(status = check_schema(db, &c[3])) &&
	    !(status = check_statistics(db, &c[5])) && !(status = check_reports(db, &c[6])) &&
	    !(status = check_locks(db, &c[7]))) {
		check_mode(db, &c[2]);
		check_wal(db, &c[4]);
	}
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT column1 AS \"check\", column2 AS status, column3 AS detail FROM (VALUES "
		"(?1, ?2, ?3), (?4, ?5, ?6), (?7, ?8, ?9), (?10, ?11, ?12), (?13, ?14, ?15), "
		"(?16, ?17, ?18), (?19, ?20, ?21), (?22, ?23, ?24))");
	if (!st)
		return status ? status : db->status;
	for (int i = 0; i < NCHECKS; i++) {
		sqlite3_bind_text(st, 3 * i + 1, c[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3 * i + 2, c[i].status, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3 * i + 3, c[i].detail, -1, SQLITE_TRANSIENT);
	}
	return upf__table_from_stmt(out, db, st);
}
