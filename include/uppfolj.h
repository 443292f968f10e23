/*
 * uppfolj.h — the public interface of uppfolj, an embedded follow-up
 * registry for the quality follow-up of municipal social services.
 *
 * Conventions, the same for every function:
 *
 *  - Every public name starts with upf_. Handles are opaque.
 *  - Functions that can fail return an int status: UPF_OK (0) or one of the
 *    negative codes below. The codes are an append-only list: a code's
 *    number never changes, so a host may hard-code them.
 *  - After a failure, upf_errmsg(db) describes it in one line that names the
 *    field and the value. The message lives until the next call on the
 *    same handle.
 *  - Out-parameters come first. On failure they are set to NULL (or left
 *    untouched where the function says so).
 *  - Strings are UTF-8. Memory the library hands out is released with the
 *    matching free function (upf_free, upf_table_free); every free function
 *    accepts NULL.
 *  - Dates are ISO 8601 calendar dates, "YYYY-MM-DD". Where a date is
 *    optional, NULL means today (in local time).
 *  - A write that fails changes nothing: each one is a single transaction.
 *  - Threads: a handle belongs to one thread at a time. Open one handle per
 *    thread; handles on the same registry file may be used concurrently,
 *    from threads or from processes (the registry runs in WAL mode with a
 *    busy timeout).
 *
 * No macros are needed to call the API and nothing is passed by value as a
 * struct, so that any host, Python's ctypes included, can call every
 * function.
 */
#ifndef UPPFOLJ_H
#define UPPFOLJ_H

#ifdef __cplusplus
extern "C" {
#endif

#if defined(UPF_BUILDING_LIBRARY) && defined(__GNUC__)
#define UPF_EXPORT __attribute__((visibility("default")))
#else
#define UPF_EXPORT
#endif

/* Status codes. Append only: never renumber. */
enum {
	UPF_OK = 0,
	UPF_ERROR = -1,     /* an internal or unexpected error */
	UPF_NOMEM = -2,     /* out of memory */
	UPF_INVALID = -3,   /* a value is malformed or out of range */
	UPF_NOTFOUND = -4,  /* a code names nothing in the registry */
	UPF_EXISTS = -5,    /* a code is already taken */
	UPF_REFUSED = -6,   /* well-formed, but the registry's rules forbid it */
	UPF_NEWER = -7,     /* the registry was made by a newer uppfolj */
	UPF_NOTREGISTRY = -8, /* the file is not an uppfolj registry */
	UPF_BUSY = -9,      /* another connection held a lock past the timeout */
	UPF_IO = -10,       /* the operating system reported an I/O error */
	UPF_CORRUPT = -11,  /* the registry file is damaged */
	UPF_MISUSE = -12,   /* the API was called the wrong way */
	UPF_PERSONAL = -13  /* text looks like a personal identity number */
};

/* Cell types of a upf_table. Fixed numbers, like the status codes. */
enum {
	UPF_NULL = 0,
	UPF_INTEGER = 1,
	UPF_REAL = 2,
	UPF_TEXT = 3
};

typedef struct upf_db upf_db;       /* an open registry */
typedef struct upf_table upf_table; /* a result set, owned by the caller */

/* ---- Library ---------------------------------------------------------- */

/* The library's version, "MAJOR.MINOR.PATCH". Static storage. */
UPF_EXPORT const char *upf_version(void);

/* The schema version this library creates and migrates registries to. */
UPF_EXPORT int upf_schema_version(void);

/* A short English description of a status code. Static storage; never
 * NULL, also for codes this version does not know. */
UPF_EXPORT const char *upf_strerror(int status);

/* The symbolic name of a status code ("UPF_NOTFOUND"), or NULL for a code
 * this version does not know. Static storage. */
UPF_EXPORT const char *upf_status_name(int status);

/* Releases a string or buffer that the library allocated. NULL is a
 * no-op. */
UPF_EXPORT void upf_free(void *p);

/* ---- Registry --------------------------------------------------------- */

/*
 * Opens the registry at path, creating it (mode 0600: it holds data about
 * vulnerable people) or migrating it to upf_schema_version() as needed;
 * migrations run in one transaction. A path beginning with "file:" is read
 * as an SQLite URI, so a host can name a VFS or open options; such a file
 * is not pre-created with mode 0600.
 *
 * *out receives a handle even when opening fails (unless memory ran out,
 * then it is NULL), so that upf_errmsg() can say why; close it with
 * upf_db_close() in every case.
 *
 * Errors: UPF_NEWER when the registry's schema is newer than this library
 * (the file is left byte for byte unchanged), UPF_NOTREGISTRY for a file
 * that is not an uppfolj registry, UPF_IO, UPF_CORRUPT, UPF_BUSY,
 * UPF_NOMEM.
 */
UPF_EXPORT int upf_db_open(upf_db **out, const char *path);

/* Closes the handle and frees everything it owns. NULL is a no-op. */
UPF_EXPORT void upf_db_close(upf_db *db);

/* The message of the last failed call on db, or "not an error" after a
 * success. Valid until the next call on db. NULL db gives the message for
 * a handle that could not be allocated. */
UPF_EXPORT const char *upf_errmsg(const upf_db *db);

/* The status of the last call on db. */
UPF_EXPORT int upf_errcode(const upf_db *db);

/*
 * Sets who is writing: every write is recorded in the audit trail with
 * this actor. Writes are refused (UPF_MISUSE) until an actor is set.
 * 1..64 characters of UTF-8; the string is copied.
 */
UPF_EXPORT int upf_db_set_actor(upf_db *db, const char *actor);

/* How long a call waits for another connection's lock before it fails
 * with UPF_BUSY, in milliseconds (default 5000; 0 fails at once). */
UPF_EXPORT int upf_db_set_busy_timeout(upf_db *db, int ms);

/* ---- Tables (result sets) --------------------------------------------- */

/*
 * List functions hand back a upf_table: rows and named columns of text
 * cells, copied out of the registry so that they stay valid until
 * upf_table_free(). Indexes start at 0; out-of-range indexes give NULL or
 * UPF_NULL.
 */
UPF_EXPORT void upf_table_free(upf_table *t);
UPF_EXPORT int upf_table_rows(const upf_table *t);
UPF_EXPORT int upf_table_columns(const upf_table *t);
UPF_EXPORT const char *upf_table_column(const upf_table *t, int col);
/* The cell as text (numbers in their SQL text form), NULL for UPF_NULL. */
UPF_EXPORT const char *upf_table_value(const upf_table *t, int row, int col);
/* UPF_NULL, UPF_INTEGER, UPF_REAL or UPF_TEXT. */
UPF_EXPORT int upf_table_type(const upf_table *t, int row, int col);

/* ---- Organisation ----------------------------------------------------- */

/*
 * Codes are the users' own stable keys: 1..32 characters of ASCII letters,
 * digits, '-', '_' and '.'. Names are 1..200 characters of UTF-8 without
 * control characters. Text that looks like a Swedish personal identity
 * number is refused (UPF_PERSONAL): the registry is pseudonymous.
 */

/* A committee (nämnd). Columns of the list: code, name. */
UPF_EXPORT int upf_committee_add(upf_db *db, const char *code,
				 const char *name);
UPF_EXPORT int upf_committee_list(upf_table **out, upf_db *db);

/* A provider (utförare); regime is "in_house" or "private".
 * Columns of the list: code, name, regime. */
UPF_EXPORT int upf_provider_add(upf_db *db, const char *code,
				const char *name, const char *regime);
UPF_EXPORT int upf_provider_list(upf_table **out, upf_db *db);

/* A service area (verksamhetsområde); the schema ships a catalogue.
 * Columns of the list: code, name. */
UPF_EXPORT int upf_area_add(upf_db *db, const char *code, const char *name);
UPF_EXPORT int upf_area_list(upf_table **out, upf_db *db);

/*
 * An assignment (verksamhetsuppdrag, kind "assignment") or a contract
 * (avtal, kind "contract") of one provider under one committee, valid from
 * `from` (NULL: today) to `to` (NULL: open-ended), both inclusive.
 * Columns of the list: code, name, committee, provider, regime, kind,
 * valid_from, valid_to.
 */
UPF_EXPORT int upf_assignment_add(upf_db *db, const char *code,
				  const char *name, const char *committee,
				  const char *provider, const char *kind,
				  const char *from, const char *to);
UPF_EXPORT int upf_assignment_list(upf_table **out, upf_db *db);

/*
 * Units. A level-2 unit is an aggregated part of an assignment with a
 * service area; a level-3 unit (enhet) is where the service is given,
 * under a level-2 unit. Both start on `from` (NULL: today), on which day
 * their parent must be valid.
 */
UPF_EXPORT int upf_unit_add_level2(upf_db *db, const char *code,
				   const char *name, const char *assignment,
				   const char *area, const char *from);
UPF_EXPORT int upf_unit_add_level3(upf_db *db, const char *code,
				   const char *name, const char *parent,
				   const char *from);

/*
 * Gives a unit a new parent from `from` on: a level-3 unit a level-2
 * `parent`, a level-2 unit an `assignment` (pass NULL for the other).
 * The previous membership ends the day before; no history is rewritten.
 * Refused for a date on or before the unit's start or latest move.
 */
UPF_EXPORT int upf_unit_move(upf_db *db, const char *code,
			     const char *parent, const char *assignment,
			     const char *from);

/* The units active on `at` (NULL: today). Columns: code, name, level,
 * parent (the level-2 unit, or the assignment of a level-2 unit), area,
 * assignment, committee, provider, since. */
UPF_EXPORT int upf_unit_list(upf_table **out, upf_db *db, const char *at);

/* Every membership a unit has had, oldest first. Columns: valid_from,
 * valid_to, parent, assignment. */
UPF_EXPORT int upf_unit_history(upf_table **out, upf_db *db,
				const char *code);

/* The organisation on `at` (NULL: today) in tree order: committee →
 * assignment → level 2 → level 3. Columns: depth (0..3), kind
 * ("committee", "assignment", "unit"), code, name, detail. */
UPF_EXPORT int upf_org_tree(upf_table **out, upf_db *db, const char *at);

/* ---- Audit trail ------------------------------------------------------ */

/*
 * The audit trail, oldest first: every write with its actor, time (UTC),
 * table, operation, key, and old and new values as JSON. `since` (a date
 * or NULL) and `actor` (or NULL) filter it. Columns: id, at, actor,
 * table, op, key, old, new.
 */
UPF_EXPORT int upf_log_list(upf_table **out, upf_db *db, const char *since,
			    const char *actor);

#ifdef __cplusplus
}
#endif
#endif /* UPPFOLJ_H */
