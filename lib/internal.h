/* Internal interface shared by the library's files. Nothing here is
 * exported; names use the upf__ prefix. */
#ifndef UPF_INTERNAL_H
#define UPF_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sqlite3.h>

#include "uppfolj.h"

#define UPF_MSG_MAX 4096 /* room for an import's list of bad lines */
#define UPF_CODE_MAX 32
#define UPF_NAME_MAX 200
#define UPF_ACTOR_MAX 64

struct upf_stmt_slot {
	const char *sql; /* the statement's text, keyed by address */
	sqlite3_stmt *st;
};

/* The value a write of the handle is changing, by its ids and its codes:
 * its audit entry takes its key from here (upf_value_key) instead of
 * looking the codes up. The codes are the caller's, alive for the
 * statement; measure_code NULL: no value. */
struct upf_value_key {
	sqlite3_int64 measure, unit;
	int start, months;
	const char *measure_code, *unit_code;
};

struct upf_db {
	sqlite3 *sql;
	char *actor;
	int wrote;  /* committed a write: worth PRAGMA optimize on close */
	int status;
	int detail; /* UPF_DETAIL_ of the last failure */
	char msg[UPF_MSG_MAX];
	upf_batch *batch;        /* the batch holding the handle, if any */
	int no_foreign_keys;     /* a bulk write turned them off (sql.c) */
	int busy_timeout;        /* ms to wait for another connection's lock */
	long long busy_since;    /* when the current wait began, in us */
	unsigned long long busy_seed; /* for the waits' random points */
	char today[11];          /* set by upf_db_set_today; "" is the clock */
	struct upf_cache *cache; /* lookups for recording values (cache.c) */
	struct upf_stmt_slot *stmts;
	int nstmts, capstmts;
	sqlite3_int64 scope_id;  /* the provider of the scope; 0: unscoped */
	char scope[UPF_CODE_MAX + 16]; /* "provider:CODE" */
	char scope_denied[64];   /* the table the authorizer last refused */
	int scope_fixed;         /* a provider's registry: always its scope */
	sqlite3_int64 id_base;   /* where its records' ids begin (UPF_NEXT_ID) */
	int capture;             /* a provider's registry: its changes are kept */
	struct sqlite3_session *session; /* what the write in progress changes */
	struct upf_value_key writing; /* the value being written (value.c) */
};

/* Memory: every allocation of the library goes through these, so that a
 * test's allocator overlay reaches them (they use SQLite's allocator). */
void *upf__malloc_at(size_t n, const char *file, int line);
void *upf__realloc_at(void *p, size_t n, const char *file, int line);
char *upf__strdup_at(const char *s, const char *file, int line);
#define upf__malloc(n) upf__malloc_at((n), __FILE__, __LINE__)
#define upf__realloc(p, n) upf__realloc_at((p), (n), __FILE__, __LINE__)
#define upf__strdup(s) upf__strdup_at((s), __FILE__, __LINE__)
/* The library's own allocation in progress, if any: where it is made.
 * The out-of-memory test reads it to fail every allocation site of the
 * library's files, not only SQLite's. Per thread, and set only during
 * the call. */
struct upf_alloc_site {
	const char *file;
	int line;
};
extern _Thread_local struct upf_alloc_site upf__alloc_site;

/* Errors: set the handle's status and message, return the status. */
int upf__fail(upf_db *db, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int upf__ok(upf_db *db);
/* A refusal (UPF_REFUSED) with its cause, a UPF_DETAIL_ code. */
int upf__refuse(upf_db *db, int detail, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Misuse of the API: UPF_MISUSE, with "<what>: missing (NULL)" on the
 * handle where there is one. */
int upf__misuse(upf_db *db, const char *what);
/* Required strings, named in `names` (separated by spaces) and given in
 * the same order: UPF_MISUSE naming the first that is NULL, else UPF_OK.
 * Every public function checks its own before anything else, so that a
 * NULL is misuse whatever else is wrong. upf__missing: the i-th named. */
int upf__missing(upf_db *db, const char *names, size_t i);
/* Every call of the API comes here, so it is inline: the names are read
 * only to name the one missing (upf__missing). */
static inline int upf__need_all(upf_db *db, const char *names, const char *const *args,
				size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!args[i])
			return upf__missing(db, names, i);
	return UPF_OK;
}
#define upf__need(db, names, ...)                                                  \
	upf__need_all((db), (names), (const char *const[]){__VA_ARGS__},           \
		      sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))
/* The start of a function that hands out a table: the handle and *out
 * checked, *out set to NULL. UPF_OK or UPF_MISUSE. */
int upf__table_out(upf_db *db, upf_table **out);

/* Maps an SQLite result to a status and records sqlite's message. */
int upf__sqlfail(upf_db *db, int rc);
int upf__status_of(int sqlite_rc);

/* Statements: prepared once per handle, keyed by the address of their
 * text (pass string literals). The statement comes back reset, with its
 * bindings cleared. Returns NULL on failure, with the handle's error set. */
sqlite3_stmt *upf__stmt(upf_db *db, const char *sql);
void upf__stmts_finalize(upf_db *db);

/* Transactions. upf__write_begin refuses a write without an actor and
 * starts BEGIN IMMEDIATE; under a scope it refuses, for a change that
 * only the administration makes. upf__write_begin_provider begins what a
 * provider records (values, deviations, actions, basic follow-up,
 * reviews), which a scope allows for its own units (scope.c's guards).
 * upf__end commits when status is UPF_OK and rolls back otherwise; it
 * returns the final status. */
int upf__write_begin(upf_db *db);
int upf__write_begin_provider(upf_db *db);
/* Begins a batch of values, without the foreign key checks of each: the
 * batch takes every measure and unit id from the cache, which is filled
 * inside the write's own transaction (PRAGMA data_version), so each id
 * exists. upf__end checks foreign keys again for what follows. */
int upf__write_begin_bulk(upf_db *db);
int upf__end(upf_db *db, int status);
/* A read of several statements in one snapshot: upf__read_begin begins a
 * transaction unless one is open (*began says whether it did), and
 * upf__read_end ends only what it began, committing when status is
 * UPF_OK (a read writes only the handle's temporary tables). */
int upf__read_begin(upf_db *db, int *began);
int upf__read_end(upf_db *db, int began, int status);
int upf__exec(upf_db *db, const char *sql);

/* Steps a statement expected to finish with SQLITE_DONE. */
int upf__step_done(upf_db *db, sqlite3_stmt *st);
/* Runs a statement without parameters or rows, prepared once per handle. */
int upf__run(upf_db *db, const char *sql);
/* Runs a one-row, one-integer query; *out is -1 when there is no row. */
int upf__step_int(upf_db *db, sqlite3_stmt *st, sqlite3_int64 *out);
/* The same for a query bound to nothing (a PRAGMA, a count). */
int upf__query_int(upf_db *db, const char *sql, sqlite3_int64 *out);
/* Column col of the current row as text, NULL only for an SQL NULL: when
 * SQLite cannot make the text for want of memory, UPF_NOMEM. */
int upf__column(upf_db *db, sqlite3_stmt *st, int col, const char **out);

/* Runs a query for one text; *out receives a copy (upf_free), or NULL
 * when there is no row or the text is NULL. */
int upf__step_text(upf_db *db, sqlite3_stmt *st, char **out);

/* Tables: runs st to completion and copies every row. */
int upf__table_from_stmt(upf_table **out, upf_db *db, sqlite3_stmt *st);
/* Runs st and appends its rows to *t (made on the first call), each after
 * a first column `name` holding `label`. */
int upf__table_append(upf_table **t, upf_db *db, sqlite3_stmt *st, const char *name,
		      const char *label);
/* Sorts the rows by the text of the columns given, stably. UPF_NOMEM, or
 * UPF_OK. */
int upf__table_sort(upf_table *t, const int *cols, int ncols);

/* Checks of user input. Each names the field and, where it is safe, the
 * value in its message. */
int upf__check_code(upf_db *db, const char *field, const char *value);
int upf__check_text(upf_db *db, const char *field, const char *value,
		    size_t max_chars);
/* A number that may enter the registry: finite, within
 * -UPF_NUMBER_MAX..UPF_NUMBER_MAX, and no personal identity number. */
#define UPF_NUMBER_MAX 1e15
int upf__check_number(upf_db *db, const char *field, double v);
/* Free text that may run over several lines: tabs and line breaks pass. */
int upf__check_prose(upf_db *db, const char *field, const char *value,
		     size_t max_chars);
/* A date "YYYY-MM-DD"; NULL is taken as today when today is non-NULL,
 * which then receives the date used (11 bytes). */
int upf__check_date(upf_db *db, const char *field, const char *value,
		    char out[11]);
int upf__check_choice(upf_db *db, const char *field, const char *value,
		      const char *const *choices);
/* A step's day may not come before the one it follows ("what, earlier");
 * an empty or NULL earlier day is no bound. */
int upf__not_before(upf_db *db, const char *on, const char *earlier, const char *what);

/* A value as it may be quoted in a message: itself when short, printable
 * and not a personal identity number, else "(not shown)". */
const char *upf__shown(const char *value);
/* CSV cells a spreadsheet would run as formulas (text.c): whether a text
 * is one, and a text as read back, its escaping apostrophe taken off. */
int upf__cell_escaped(const char *s);
const char *upf__cell_unescape(const char *s);
/* An id as it may be quoted: a number the user typed may be anything. */
const char *upf__shown_id(long long id, char buf[24]);

/* Options objects in JSON. keys is a NULL-terminated list of the keys
 * allowed; each value is kept as text (an array as JSON text); JSON null
 * counts as absent. */
#define UPF_OPTS_MAX 24
struct upf_opts {
	const char *const *keys;
	char *text[UPF_OPTS_MAX];
	int type[UPF_OPTS_MAX]; /* 't' text, '#' number, 'a' array, 'n' null */
};
int upf__opts_parse(upf_db *db, const char *field, const char *json,
		    const char *const *keys, struct upf_opts *o);
const char *upf__opt(const struct upf_opts *o, const char *key);
/* The JSON type of a key's value ('t', '#', 'a'), 0 when absent. */
int upf__opt_type(const struct upf_opts *o, const char *key);
void upf__opts_free(struct upf_opts *o);
/* A flag option ("open", "overdue"): set unless absent, 0 or false. */
int upf__opt_true(const struct upf_opts *o, const char *key);
/* A parameter that must be a JSON array: UPF_OK, else UPF_INVALID
 * naming the field. */
int upf__json_array_check(upf_db *db, const char *field, const char *json);
/* An option that is an array of codes, each a string: UPF_OK when absent
 * or when each passes upf__check_code, else UPF_INVALID naming it. */
int upf__opt_codes(upf_db *db, const struct upf_opts *o, const char *key);
/* Calls fn on each element of a JSON array of codes, a copy that fn may
 * keep while it runs other statements; an element that is not a string
 * is UPF_INVALID naming the field. Stops at the first failure. */
int upf__each_code(upf_db *db, const char *field, const char *array,
		   int (*fn)(upf_db *db, const char *code, const void *ctx),
		   const void *ctx);

/* A string-keyed hash map of ints, for lookups repeated row after row. */
struct upf_map {
	char **keys;
	int *vals;
	size_t cap, n;
};
int upf__map_get(const struct upf_map *m, const char *key); /* -1: absent */
int upf__map_put(struct upf_map *m, const char *key, int val);
void upf__map_free(struct upf_map *m);

/* Reviews (review.c), inside the caller's transaction: a review added
 * (*id its number), and an answer recorded (due: a correction's, or NULL). */
int upf__review_insert(upf_db *db, long long *id, const char *activity,
		       const char *instrument, const char *unit, const char *assignment,
		       const char *case_key, const char *on);
int upf__review_record(upf_db *db, long long review, const char *criterion,
		       const char *answer, const char *note, const char *due);

/* Registers a deviation, inside the caller's transaction. */
int upf__deviation_insert(upf_db *db, long long *id, const char *unit,
			  const char *type, const char *occurred,
			  const char *reported, const char *category,
			  const char *summary, const char *origin);

/* The lookup cache (cache.c): what recording a value looks up. */
enum { UPF_T_COUNT, UPF_T_AMOUNT, UPF_T_SHARE, UPF_T_MEAN, UPF_T_YESNO };
struct upf_cached_measure {
	sqlite3_int64 id;
	char type[8];
	int kind; /* UPF_T_COUNT ... */
	int level, months, computed;
	char frequency[8];
	int retired_from;   /* its first month retired; INT_MAX: in use */
	int restricted;     /* applies in some service areas only */
	int rules;          /* error rules it is a side of */
	int has_min, has_max;
	double min, max;    /* the plausible range of a unit's figure */
};
struct upf_span {
	int from, to; /* YYYYMMDD, inclusive */
	sqlite3_int64 area_id; /* the service area of its level-2 unit */
	sqlite3_int64 committee_id;
};
/* A period a committee has approved (lock.c): no value of its units in it
 * is written. */
struct upf_lock {
	sqlite3_int64 committee_id, report_id; /* report_id 0: locked alone */
	int from, to;                         /* months */
	char on[11];  /* the meeting the report was presented at, else the day
			 it was locked */
	char period[24];
};
struct upf_cached_unit {
	sqlite3_int64 id;
	int level;
	int first, count; /* its spans in the cache */
};
/* Fills the cache, or keeps it while the registry is unchanged; call
 * inside the transaction that uses it. */
int upf__cache_fill(upf_db *db);
/* Every writer of measures or of the organisation calls this. */
void upf__cache_invalidate(upf_db *db);
/* Lookups in a filled cache: UPF_NOTFOUND with "unknown ..." if absent. */
int upf__cache_measure(upf_db *db, const char *code,
		       const struct upf_cached_measure **out);
int upf__cache_unit(upf_db *db, const char *code,
		    const struct upf_cached_unit **out);
/* Whether the unit is active some day from `from` to `to` (YYYYMMDD). */
int upf__cache_active(const upf_db *db, const struct upf_cached_unit *u,
		      int from, int to);
/* The service area of the unit's latest span begun by day `day`
 * (YYYYMMDD): where its values of a period ending then are placed; 0
 * when none. */
sqlite3_int64 upf__cache_area_at(const upf_db *db, const struct upf_cached_unit *u,
				 int day);
/* The lock that keeps a unit's values of the months from..to, placed
 * where the unit stood on the last day, or NULL. */
const struct upf_lock *upf__cache_lock(const upf_db *db, const struct upf_cached_unit *u,
				       int from, int to);
/* Refuses (UPF_DETAIL_LOCKED) writing a unit's value of a period a lock
 * keeps, naming the lock. */
int upf__locked(upf_db *db, const struct upf_lock *l, const char *unit,
		const char *period);
/* Locks a committee's period inside the caller's transaction; report_id
 * 0 for a lock of its own. */
int upf__lock_insert(upf_db *db, sqlite3_int64 committee_id, const char *period,
		     int from, int to, sqlite3_int64 report_id);
/* Whether the measure applies in the service area. */
int upf__cache_applies(const upf_db *db, const struct upf_cached_measure *m,
		       sqlite3_int64 area_id);

/* Writing values (value.c): the statements, prepared once per use, and
 * whether each new value gets its own audit entry (a batch counts them in
 * one entry instead). upf__value_writer also fills the cache. */
struct upf_value_writer {
	sqlite3_stmt *insert, *update;
	sqlite3_stmt *insert_plain; /* a batch's value without a note or a flag */
	sqlite3_stmt *correct;      /* a single value's update, the trace kept */
	int audit_new;
	sqlite3_int64 batch; /* the batch's number, 0 for a single value */
	unsigned flags;      /* UPF_WRITE_ */
	char period[16];     /* the last period parsed, "" if none, */
	int from, to;        /* and its months */
};
int upf__value_writer(upf_db *db, struct upf_value_writer *w, int audit_new,
		      sqlite3_int64 batch, unsigned flags);
/* The flags a write takes: UPF_OK, or UPF_INVALID naming one unknown. */
int upf__check_flags(upf_db *db, unsigned flags, unsigned allowed);
/* Checks and writes one value inside the caller's transaction, from line
 * `line` of an import (0: none); a value that fails leaves no trace. A
 * key the batch wrote already is UPF_REFUSED, UPF_DETAIL_DUPLICATE. */
int upf__value_record(upf_db *db, struct upf_value_writer *w, int line,
		      const char *measure, const char *unit, const char *period,
		      double value, const double *den, const char *note);

/* Adds a value from line `line` of the batch's file. */
int upf__batch_add_line(upf_batch *b, int line, const char *measure,
			const char *unit, const char *period, double value,
			const double *den, const char *note);
/* Names the file a batch's values come from, for its audit entry. */
struct upf_file_id;
void upf__batch_file(upf_batch *b, const struct upf_file_id *file);

/* SHA-256 (sha256.c): init, update, then the digest as 64 hex digits. */
struct upf_sha256 {
	uint32_t state[8];
	unsigned long long bytes;
	unsigned char block[64];
	size_t used;
};
/* Set by tests: the portable code even where the processor's SHA
 * instructions would be used. */
extern int upf__sha256_portable;
void upf__sha256_init(struct upf_sha256 *h);
void upf__sha256_update(struct upf_sha256 *h, const void *data, size_t n);
void upf__sha256_hex(struct upf_sha256 *h, char out[65]);

/* CSV, read record by record. */
struct upf_csv {
	FILE *fp;
	char delim;
	int line, next_line;   /* the line the record starts on; the next */
	long long bytes, size; /* read so far; the file's size, 0 if unknown */
	unsigned char *io;     /* the file, read a block at a time */
	size_t io_len, io_pos;
	struct upf_sha256 sha; /* of every byte read */
	char *pre;             /* bytes looked at to find the delimiter */
	size_t npre, ipre;
	char *buf;             /* the record's fields, each NUL-terminated */
	size_t len, cap, start;
	size_t *fields;
	int nfields, capfields;
};
/* Opens a file to import; path "-" is standard input. A path that looks
 * like a personal identity number is refused. */
int upf__csv_open(upf_db *db, struct upf_csv *c, const char *path);
int upf__csv_read(upf_db *db, struct upf_csv *c, int *eof);
const char *upf__csv_field(const struct upf_csv *c, int i);
/* The columns an import reads: their names, which are required, and the
 * header as messages write it ("unit,type,occurred[,reported]..."). */
struct upf_columns {
	const char *const *names;
	const int *required;
	int n;
	const char *synopsis;
};
/* Reads the header: each field one of the columns, each at most once;
 * col[k] receives the field of column k, -1 where it is absent. */
int upf__csv_header(upf_db *db, struct upf_csv *c, const char *path,
		    const struct upf_columns *cols, int *col);
/* A cell of a record: NULL where the column is absent, or empty and not
 * required; "" where it is required and empty. */
const char *upf__csv_cell(const struct upf_csv *c, const struct upf_columns *cols,
			  const int *col, int k);
void upf__csv_close(struct upf_csv *c);

/* What identifies a file an import read, for the audit trail: its base
 * name (never a directory), size and SHA-256. */
struct upf_file_id {
	char name[128];
	long long bytes;
	char sha256[65];
};
void upf__file_id(struct upf_file_id *f, const char *path, long long bytes,
		  struct upf_sha256 *sha);
/* A JSON document read whole (*out, upf_free), and what identifies its
 * file; path "-" is standard input. A NUL byte, which would end the text
 * early, is refused with where it stands. */
int upf__read_document(upf_db *db, const char *path, char **out,
		       struct upf_file_id *file);
/* A path given for import: refused if it looks like a personal identity
 * number. */
int upf__check_path(upf_db *db, const char *path);
/* Writes the audit entry of an import: table, rows, and the file. */
int upf__audit_import(upf_db *db, const char *table, long rows,
		      const struct upf_file_id *file);

/* An import of records other than values (import_records.c): all or
 * nothing, each line in its own savepoint; line() writes one record
 * inside the transaction, and a line it fails with UPF_INVALID,
 * UPF_NOTFOUND, UPF_REFUSED, UPF_PERSONAL or UPF_EXISTS is a bad line.
 * One audit entry for `table` names the file. */
#define UPF_IMPORT_COLUMNS 16
struct upf_import {
	const struct upf_columns *cols; /* at most UPF_IMPORT_COLUMNS */
	const char *table;
	int (*line)(upf_db *db, const struct upf_csv *csv, const int *col, void *ctx);
	void *ctx;
	int provider; /* what a provider records, which a scope allows */
};
int upf__import_records(long *rows, upf_db *db, const char *path,
			const struct upf_import *im);

/* The bad lines of an import: the first UPF_BAD_LISTED are listed, one
 * "\n..." line each, the rest counted. */
#define UPF_BAD_LISTED 20
struct upf_badlines {
	int n;
	size_t used;
	char list[UPF_MSG_MAX - 128];
};
void upf__bad(struct upf_badlines *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Fails with "file 'F': N bad WHATs; nothing was written" and the list. */
int upf__bad_fail(upf_db *db, const struct upf_badlines *b, const char *path,
		  const char *what);

/* Periods. Months are counted as year * 12 + month - 1. */
int upf__period_parse(upf_db *db, const char *field, const char *text,
		      int *from, int *to);
/* A period as the registry writes it: "2026-03", "2026-T2", "2026". */
void upf__period_label(int start, int months, char out[16]);
/* A value's key in the audit trail, "MEASURE/UNIT/PERIOD", written to
 * out; its length, or 0 when a code is longer than codes are. */
#define UPF_VALUE_KEY_MAX (2 * UPF_CODE_MAX + 2 + 16)
size_t upf__value_key(char out[UPF_VALUE_KEY_MAX], const struct upf_value_key *k);
/* The first and last day of a month, "YYYY-MM-DD". */
void upf__month_first(int m, char out[11]);
void upf__month_last(int m, char out[11]);

/* Text helpers (pure; tested directly). */
int upf__utf8_valid(const char *s, size_t *bad_offset);
size_t upf__utf8_chars(const char *s);
int upf__date_valid(const char *s);
int upf__looks_personal(const char *s);
/* A number as people write one (upf_text_number), in the C locale that
 * the caller has set: 1 when it is one. */
int upf__parse_number(const char *text, double *out);
/* Today: the day set on the handle (upf_db_set_today), else the local
 * date. The one clock of the library; SQL reads it as upf_today(). */
void upf__today(const upf_db *db, char out[11]);

/* What a code names. Each maps to its lookup and its label in messages. */
enum upf_entity {
	UPF_E_COMMITTEE,
	UPF_E_PROVIDER,
	UPF_E_AREA,
	UPF_E_ASSIGNMENT,
	UPF_E_UNIT,
	UPF_E_MEASURE,
	UPF_E_DEVIATION_TYPE,
	UPF_E_CATEGORY,
	UPF_E_BASIC_ITEM,
	UPF_E_QUALITY_AREA,
	UPF_E_GOAL,
	UPF_E_METHOD,
	UPF_E_RULE,
	UPF_E_ACTIVITY,
	UPF_E_INSTRUMENT,
	UPF_E_STAKEHOLDER,
	UPF_E_INDICATOR /* a label only: indicators share the measures' codes */
};
const char *upf__entity_label(enum upf_entity e);

/* The row id of a code, or UPF_NOTFOUND with "<field>: unknown <label>". */
int upf__id_of(upf_db *db, sqlite3_int64 *id, enum upf_entity e,
	       const char *field, const char *code);
/* Steps an INSERT keyed by a code; a taken code is UPF_EXISTS. */
int upf__insert_coded(upf_db *db, sqlite3_stmt *st, enum upf_entity e,
		      const char *code);
/* Adds a row of a code and a name in its own transaction: sql is its
 * INSERT bound as (?1 code, ?2 name); a taken code is UPF_EXISTS. */
int upf__add_named(upf_db *db, const char *sql, enum upf_entity e,
		   const char *code, const char *name);
/* A code free for a new measure or indicator (they share their codes):
 * UPF_OK, or UPF_EXISTS naming it. */
int upf__code_free(upf_db *db, const char *code);
/* Replaces the links of one kind of a row (a measure's areas, goals or
 * methods; an item's areas) with the codes of a JSON array (list NULL:
 * keeps them): drop_sql deletes them (?1 the owner), add_sql adds one (?1
 * the owner, ?2 the id of a code of entity e, looked up for `field`).
 * Each removal and addition is audited by the link table's triggers. */
int upf__set_links(upf_db *db, sqlite3_int64 owner, const char *list,
		   const char *drop_sql, const char *add_sql, enum upf_entity e,
		   const char *field);
/* Runs a list query (bound to nothing) into a table. */
int upf__list(upf_table **out, upf_db *db, const char *sql);

/* A unit: its id and level (unit.c). */
struct upf_unit_ref {
	sqlite3_int64 id;
	int level;
};
int upf__unit_ref(upf_db *db, struct upf_unit_ref *u, const char *field,
		  const char *code);

/* Where a unit stood: the latest of its spans that touches the days from
 * `from` to `to` (active is 1), else the latest before them (active is 0;
 * the ids are 0 when there is none). */
struct upf_place {
	int active;
	sqlite3_int64 l2_id, assignment_id, committee_id, provider_id, area_id;
	char regime[12];
};
int upf__unit_at(upf_db *db, struct upf_place *p, sqlite3_int64 unit_id,
		 const char *from, const char *to);
/* Refuses, inside a change of the organisation, one that would leave
 * what a unit (e UPF_E_UNIT; a level-2 unit with its units) or an
 * assignment's units (UPF_E_ASSIGNMENT) recorded outside any valid
 * membership: UPF_REFUSED, UPF_DETAIL_ORPHANS. */
int upf__check_orphans(upf_db *db, enum upf_entity e, sqlite3_int64 id,
		       const char *code);

/* Scopes (scope.c). The lookup of a unit, assignment, provider or
 * committee (e) by code checks the id found: UPF_OK, or UPF_REFUSED
 * (UPF_DETAIL_SCOPE) naming the field, the code and the scope. */
int upf__scope_check(upf_db *db, enum upf_entity e, sqlite3_int64 id,
		     const char *field, const char *code);
/* A read of the administration's alone (plans, committee reports, ...):
 * refused under a scope, naming `what`. */
int upf__scope_admin(upf_db *db, const char *what);
/* Sets the authorizer as the handle's scope says (suspended 0), or lets
 * the scope write the administration's tables (1), for a provider
 * registry's update of its organisation. */
void upf__scope_suspend(upf_db *db, int suspended);
/* SQL conditions: the unit or assignment whose id is in column col is in
 * the handle's scope (always, on a handle without one). */
#define UPF_SCOPE_UNIT(col) \
	"EXISTS (SELECT 1 FROM scope_unit scope_ WHERE scope_.unit_id = " col ")"
#define UPF_SCOPE_ASSIGNMENT(col) \
	"EXISTS (SELECT 1 FROM scope_assignment scope_ WHERE scope_.id = " col ")"
/* A record about a unit or an assignment (one of the two ids NULL). */
#define UPF_SCOPE_SUBJECT(unit, assignment) \
	"(upf_scope() IS NULL OR " UPF_SCOPE_UNIT(unit) " OR " \
	UPF_SCOPE_ASSIGNMENT(assignment) ")"
/* A provider's registry (registry.c): the handle narrowed to its
 * provider, for good. UPF_OK too for a municipality's. */
int upf__registry_scope(upf_db *db);
/* The id of a new record a provider's registry may send (deviations,
 * actions, reviews, correction requests), in SQL: the next within the
 * registry's own range, upf_id_base() up to 2^32 more, so that the ids of
 * two registries never meet (sync.c). */
#define UPF_NEXT_ID(table) \
	"(SELECT coalesce(max(id), upf_id_base()) + 1 FROM " table " WHERE id > " \
	"upf_id_base() AND id < upf_id_base() + 4294967296)"
/* Changesets (sync.c). In a provider's registry, a session records what
 * each write changes; upf__end keeps it, as the next change, inside the
 * write's transaction (upf__sync_keep), and begins anew after it. */
int upf__sync_start(upf_db *db);
int upf__sync_keep(upf_db *db);
void upf__sync_stop(upf_db *db);
/* " in the scope provider:CODE" for a message that says a record is not
 * there, as the handle sees it; "" on a handle without a scope. */
const char *upf__scope_where(const upf_db *db);
/* An SQLite failure that a scope's guard caused, turned into a refusal
 * naming the scope; UPF_OK when it is not one. */
int upf__scope_failure(upf_db *db, int rc);

/* A year 1000..9999, as a number or as the text of a parameter. */
int upf__check_year(upf_db *db, int year);
int upf__check_year_text(upf_db *db, const char *year);

/* A committee's plan for a year (plan.c). decided_on is "" until it is
 * decided. */
struct upf_plan {
	sqlite3_int64 id;
	int year;
	char decided_on[11];
};
int upf__plan_of(upf_db *db, struct upf_plan *p, int year, const char *committee);
/* Records a revision of a decided plan: an activity "added", "cancelled"
 * or "moved" (dates: old start, old due, new start, new due; NULL for
 * none), on a day, with its reason. */
int upf__plan_revise(upf_db *db, const struct upf_plan *p, sqlite3_int64 activity,
		     const char *change, const char *day, const char *reason,
		     const char *const dates[4]);

/* What a finding, an assessment or an action is about (finding.c):
 * "unit:U", "assignment:A", "area:S" or "regime:R"; id is the unit's,
 * assignment's or area's. */
struct upf_subject {
	const char *kind;
	char code[40];
	sqlite3_int64 id;
};
int upf__subject_parse(upf_db *db, const char *field, const char *text,
		       struct upf_subject *s);
/* A finding's evidence being taken. */
struct upf_evidence {
	sqlite3_int64 finding;
	const struct upf_subject *subject;
};

/* A setting's value as a number (setting.c); -1 when unset. */
int upf__setting_int(upf_db *db, const char *name, sqlite3_int64 *out);

/* Registers the library's SQL functions on the connection (functions.c). */
int upf__functions_register(upf_db *db);

/* JSON (json.c): a string, a table's rows as an array of objects, and the
 * text of a finished sqlite3_str handed out (*out, upf_free). A string's
 * escapes: the length of the run at v that needs none, and the escape of
 * the byte that ends it (a NUL-terminated text of at most 7 bytes). */
size_t upf__json_plain(const char *v);
void upf__json_escape(char out[8], unsigned char c);
void upf__json_string(sqlite3_str *s, const char *v);
void upf__json_rows(sqlite3_str *s, const upf_table *t);
int upf__json_finish(upf_db *db, sqlite3_str *s, char **out);

/* The compiled-in migrations, generated from schema/NNNN_*.sql. */
struct upf_migration {
	int version;
	const char *name;
	const char *sql;
};
extern const struct upf_migration upf__migrations[];
/* Tests only: migrate no further than this version (0: the newest), to
 * build a registry of an older schema and then migrate it (test_db.c). */
extern int upf__schema_target;
extern const int upf__nmigrations;

/* Queries compiled in from lib/sql. */
extern const char upf__sql_values_report[];
extern const char upf__sql_values_place[];
extern const char upf__sql_place_table[];
extern const char upf__sql_values_row_table[];
extern const char upf__sql_values_sel[];
extern const char upf__sql_sel_table[];
extern const char upf__sql_deviations_report[];
extern const char upf__sql_basic_report[];
extern const char upf__sql_kolada_stage[];
extern const char upf__sql_kolada_page[];
extern const char upf__sql_kolada_pages[];
extern const char upf__sql_quality_report[];
extern const char upf__sql_missing_report[];
extern const char upf__sql_plan_report[];
extern const char upf__sql_review_report[];
extern const char upf__sql_goals_report[];
extern const char upf__sql_assessment_report[];
extern const char upf__sql_actions_report[];
extern const char upf__sql_information_report[];
extern const char upf__sql_suppress[];
extern const char upf__sql_committee_diff[];
extern const char upf__sql_cache_spans[];

/* A committee report's document (its JSON, committee_report.c) rendered
 * as "md" or "html" (render.c) into *out (upf_free). */
int upf__render(upf_db *db, const char *doc, const char *format, char **out);

#define UPF_APPLICATION_ID 0x55504631 /* "UPF1" */

#endif /* UPF_INTERNAL_H */
