/* Opening, migrating and closing a registry. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

int upf_schema_version(void)
{
	return upf__migrations[upf__nmigrations - 1].version;
}

int upf__schema_target;

/* The version a registry is migrated to: the newest, unless a test asked
 * for an older one (upf__schema_target). */
static int target_version(void)
{
	return upf__schema_target > 0 ? upf__schema_target : upf_schema_version();
}

/* SQLite creates files with mode 0644; a registry must be private, so it
 * is created here first (its journals then copy the mode). What this
 * cannot reach (a dangling symlink, a "file:" URI) make_private_if_new
 * mends before anything is written. */
static int create_private(upf_db *db, const char *path)
{
	if (!strncmp(path, "file:", 5) || !strcmp(path, ":memory:"))
		return UPF_OK;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0)
		return close(fd) == 0 ? UPF_OK
				      : upf__fail(db, UPF_IO, "cannot create '%s': %s",
						  upf__shown(path), strerror(errno));
	if (errno == EEXIST)
		return UPF_OK;
	return upf__fail(db, UPF_IO, "cannot create '%s': %s", upf__shown(path),
			 strerror(errno));
}

/* The registry's file as SQLite resolved it (symlinks followed), or NULL
 * for a registry in memory. */
static const char *main_file(const upf_db *db)
{
	const char *f = sqlite3_db_filename(db->sql, "main");
	return f && *f ? f : NULL;
}

/* A file that holds nothing yet becomes the registry: make it private
 * before its first byte, however it came to be (created here, behind a
 * symlink, through a URI, or there and empty). */
static int make_private_if_new(upf_db *db)
{
	struct stat sb;
	const char *f = main_file(db);
	if (!f || stat(f, &sb) != 0 || sb.st_size != 0 || (sb.st_mode & 077) == 0)
		return UPF_OK;
	if (chmod(f, 0600) != 0)
		return upf__fail(db, UPF_IO, "cannot make '%s' private: %s",
				 upf__shown(f), strerror(errno));
	return UPF_OK;
}

/* Refuses, before anything is written, a file that is not ours or that a
 * newer library made. */
static int check_registry(upf_db *db, const char *path, int flags,
			  sqlite3_int64 *version_out)
{
	sqlite3_int64 app, version, tables;
	int status = upf__query_int(db, "PRAGMA application_id", &app);
	if (!status)
		status = upf__query_int(db, "PRAGMA user_version", &version);
	if (!status)
		status = upf__query_int(db, "SELECT count(*) FROM sqlite_schema", &tables);
	if (status == UPF_NOTREGISTRY)
		return upf__fail(db, status, "'%s' is not an uppfolj registry",
				 upf__shown(path));
	if (status)
		return status;
	if (app != UPF_APPLICATION_ID && (app != 0 || tables > 0))
		return upf__fail(db, UPF_NOTREGISTRY,
				 "'%s' is not an uppfolj registry", upf__shown(path));
	if (version > upf_schema_version())
		return upf__fail(db, UPF_NEWER,
				 "registry schema version %lld is newer than "
				 "this library's version %d; upgrade uppfolj",
				 (long long)version, upf_schema_version());
	if (tables == 0 && !(flags & UPF_OPEN_CREATE))
		return upf__fail(db, UPF_NOTREGISTRY, "'%s' is empty, not an uppfolj "
				 "registry yet", upf__shown(path));
	if (version > 0 && version < upf_schema_version() && !(flags & UPF_OPEN_MIGRATE))
		return upf__fail(db, UPF_OLDER,
				 "registry schema version %lld is older than "
				 "this library's version %d",
				 (long long)version, upf_schema_version());
	*version_out = version;
	return UPF_OK;
}

static int migrate(upf_db *db)
{
	sqlite3_int64 version;
	char sql[160];
	/* A migration that makes a table again drops the old one, which with
	 * foreign keys on would first delete its rows and find them referred
	 * to; the new table keeps the ids. The pragma holds only outside a
	 * transaction; the next write sets it again (begin() in sql.c). */
	int status = upf__exec(db, "PRAGMA foreign_keys = OFF");
	db->no_foreign_keys = 1;
	if (!status)
		status = upf__exec(db, "BEGIN IMMEDIATE");
	if (status)
		return status;
	/* Read again inside the lock: another process may have migrated. */
	status = upf__query_int(db, "PRAGMA user_version", &version);
	for (int i = 0; !status && i < upf__nmigrations; i++)
		if (upf__migrations[i].version > version &&
		    upf__migrations[i].version <= target_version())
			status = upf__exec(db, upf__migrations[i].sql);
	if (!status && version < target_version()) {
		snprintf(sql, sizeof sql,
			 "PRAGMA application_id = %d; PRAGMA user_version = %d",
			 UPF_APPLICATION_ID, target_version());
		status = upf__exec(db, sql);
	}
	if (!status && version < target_version()) {
		sqlite3_stmt *st = upf__stmt(db,
			"INSERT INTO audit (actor, tbl, op, key, old, new) "
			"VALUES (upf_actor(), 'schema', 'migrate', ?2, "
			"upf_audit_row('version', ?1), upf_audit_row('version', ?2))");
		if (!st)
			return upf__end(db, db->status);
		sqlite3_bind_int64(st, 1, version);
		sqlite3_bind_int(st, 2, target_version());
		status = upf__step_done(db, st);
	}
	return upf__end(db, status);
}

/* Per connection: foreign keys, no trust in the schema's functions, full
 * durability, and a page cache of 4 MiB; WAL set once, when the registry
 * is not in it yet (the mode lives in the file), so that opening takes no
 * lock it need not. With SQLite's 2 MiB, a report's sorts spilled to a
 * temporary file: on the benchmark's small registry about 550 writes and
 * 1,200 reads of it a report, and a sixth of the report's CPU time. */
static int set_modes(upf_db *db)
{
	int status = upf__exec(db, "PRAGMA foreign_keys = ON;"
				   "PRAGMA trusted_schema = OFF;"
				   "PRAGMA synchronous = FULL;"
				   "PRAGMA cache_size = -4096");
	sqlite3_stmt *st = status ? NULL : upf__stmt(db, "PRAGMA journal_mode");
	if (status || !st)
		return status ? status : db->status;
	int rc = sqlite3_step(st), wal = rc == SQLITE_ROW &&
		!sqlite3_stricmp((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return upf__sqlfail(db, rc);
	return wal || !main_file(db) ? UPF_OK : upf__exec(db, "PRAGMA journal_mode = WAL");
}

static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Waiting for another connection's lock. SQLite's own handler sleeps ever
 * longer (up to 100 ms), so that a waiter under steady load keeps missing
 * the moments the lock is free while the others take it in turn, and
 * gives up after the timeout. This one looks again every millisecond or
 * two, at a random point so that waiters do not move in step, for as long
 * as the timeout allows. */
static int busy_wait(void *arg, int count)
{
	upf_db *db = arg;
	long long now = now_us();
	if (count == 0)
		db->busy_since = now;
	if (now - db->busy_since >= (long long)db->busy_timeout * 1000)
		return 0;
	db->busy_seed = db->busy_seed * 6364136223846793005ULL + 1442695040888963407ULL;
	long us = 500 + (long)((db->busy_seed >> 33) % 1500) + (count < 40 ? count : 40) * 50;
	struct timespec ts = {0, us * 1000};
	nanosleep(&ts, NULL);
	return 1;
}

static int configure(upf_db *db)
{
	int rc = sqlite3_db_config(db->sql, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	db->busy_timeout = 5000;
	db->busy_seed = (unsigned long long)now_us() ^ (unsigned long long)(uintptr_t)db;
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_handler(db->sql, busy_wait, db);
	if (rc != SQLITE_OK)
		return upf__sqlfail(db, rc);
	return upf__functions_register(db);
}

/* Refuses what cannot be a registry to open, before SQLite sees it. */
static int check_path(upf_db *db, const char *path, int flags)
{
	struct stat sb;
	if (!path)
		return upf__fail(db, UPF_MISUSE, "path: missing");
	if (!*path)
		return upf__fail(db, UPF_INVALID, "path: empty; name the registry's file");
	if (!strcmp(path, ":memory:") && !(flags & UPF_OPEN_CREATE))
		return upf__fail(db, UPF_NOTFOUND, "registry ':memory:': a registry in "
				 "memory is always new; open it with UPF_OPEN_CREATE");
	if (!(flags & UPF_OPEN_CREATE) && strncmp(path, "file:", 5) &&
	    strcmp(path, ":memory:") && stat(path, &sb) != 0)
		return upf__fail(db, UPF_NOTFOUND, "registry '%s' does not exist",
				 upf__shown(path));
	return UPF_OK;
}

int upf_db_open_v2(upf_db **out, const char *path, int flags, const char *actor)
{
	if (!out)
		return UPF_MISUSE;
	upf_db *db = upf__malloc(sizeof *db);
	*out = db;
	if (!db)
		return UPF_NOMEM;
	memset(db, 0, sizeof *db);
	sqlite3_int64 version = 0;
	int status = check_path(db, path, flags);
	/* The actor first: a migration is a write, and recorded as its. */
	if (!status && actor)
		status = upf_db_set_actor(db, actor);
	if (!status && (flags & UPF_OPEN_CREATE))
		status = create_private(db, path);
	if (status)
		return status;
	int rc = sqlite3_open_v2(path, &db->sql,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI |
					 SQLITE_OPEN_NOMUTEX |
					 (flags & UPF_OPEN_CREATE ? SQLITE_OPEN_CREATE : 0),
				 NULL);
	if (rc != SQLITE_OK) {
		if (!db->sql)
			return upf__fail(db, UPF_NOMEM, "out of memory");
		if ((rc & 0xff) == SQLITE_CANTOPEN && !(flags & UPF_OPEN_CREATE))
			return upf__fail(db, UPF_NOTFOUND, "registry '%s' does not exist",
					 upf__shown(path));
		return upf__fail(db, upf__status_of(rc), "cannot open '%s': %s",
				 upf__shown(path), sqlite3_errmsg(db->sql));
	}
	sqlite3_extended_result_codes(db->sql, 1);
	status = configure(db);
	if (!status)
		status = check_registry(db, path, flags, &version);
	if (!status && (flags & UPF_OPEN_CREATE))
		status = make_private_if_new(db);
	if (!status)
		status = set_modes(db);
	/* A write lock only when there is something to migrate, so that
	 * opening never waits for, or blocks, another writer. */
	if (!status && version < target_version())
		status = migrate(db);
	/* A provider's own registry sees and records only for it. */
	if (!status && !upf__schema_target)
		status = upf__registry_scope(db);
	return status ? status : upf__ok(db);
}

int upf_db_open(upf_db **out, const char *path)
{
	return upf_db_open_v2(out, path, UPF_OPEN_CREATE | UPF_OPEN_MIGRATE, NULL);
}

int upf_db_file_mode(const upf_db *db)
{
	struct stat sb;
	const char *f = db && db->sql ? main_file(db) : NULL;
	return f && stat(f, &sb) == 0 ? (int)(sb.st_mode & 07777) : -1;
}

int upf_db_make_private(upf_db *db)
{
	if (!db || !db->sql)
		return UPF_MISUSE;
	const char *f = main_file(db);
	if (!f)
		return upf__ok(db);
	static const char *const suffixes[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		char *p = sqlite3_mprintf("%s%s", f, suffixes[i]);
		if (!p)
			return upf__fail(db, UPF_NOMEM, "out of memory");
		int failed = chmod(p, 0600) != 0 && (i == 0 || errno != ENOENT);
		int err = errno;
		sqlite3_free(p);
		if (failed)
			return upf__fail(db, UPF_IO, "cannot make '%s' private: %s",
					 upf__shown(f), strerror(err));
	}
	return upf__ok(db);
}

void upf_db_close(upf_db *db)
{
	if (!db)
		return;
	/* Only after a write: a handle that changed nothing leaves the file
	 * as it found it. */
	if (db->wrote)
		sqlite3_exec(db->sql, "PRAGMA optimize", NULL, NULL, NULL);
	upf__sync_stop(db);
	upf__stmts_finalize(db);
	upf__cache_invalidate(db);
	sqlite3_close(db->sql);
	upf_free(db->actor);
	upf_free(db);
}

int upf_db_set_actor(upf_db *db, const char *actor)
{
	if (!db)
		return UPF_MISUSE;
	int status = upf__check_text(db, "actor", actor, UPF_ACTOR_MAX);
	if (status)
		return status;
	char *copy = upf__strdup(actor);
	if (!copy)
		return upf__fail(db, UPF_NOMEM, "out of memory");
	upf_free(db->actor);
	db->actor = copy;
	return upf__ok(db);
}

int upf_db_set_busy_timeout(upf_db *db, int ms)
{
	if (!db)
		return UPF_MISUSE;
	if (ms < 0)
		return upf__fail(db, UPF_INVALID,
				 "busy timeout '%d': must be 0 or more", ms);
	db->busy_timeout = ms;
	return upf__ok(db);
}

int upf_db_set_today(upf_db *db, const char *day)
{
	if (!db)
		return UPF_MISUSE;
	if (day && !upf__date_valid(day))
		return upf__fail(db, UPF_INVALID,
				 "today '%s': not a valid date (YYYY-MM-DD)",
				 upf__shown(day));
	snprintf(db->today, sizeof db->today, "%s", day ? day : "");
	return upf__ok(db);
}
