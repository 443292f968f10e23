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

/* The version of this header, which upf_version() gives at run time for
 * the library that is loaded. Before 1.0 a minor version may change the
 * API; CHANGELOG.md says how. */
#define UPF_VERSION_MAJOR 0
#define UPF_VERSION_MINOR 2
#define UPF_VERSION_PATCH 0
#define UPF_VERSION_STRING "0.2.0"

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
	UPF_PERSONAL = -13, /* text looks like a personal identity number */
	UPF_OLDER = -14     /* the registry must be migrated to be opened */
};

/*
 * What a refusal was for. After a call fails, upf_errcode_detail() gives
 * one of these, so that a host can react to the cause without reading the
 * message; 0 where the failure has no finer cause. Append only, like the
 * status codes.
 */
enum {
	UPF_DETAIL_NONE = 0,
	UPF_DETAIL_NOT_ACTIVE = 1,   /* a unit not active, or an assignment not
					valid, on the day or in the period */
	UPF_DETAIL_WRONG_LEVEL = 2,  /* a unit of a level the call is not for */
	UPF_DETAIL_COMPUTED = 3,     /* a measure computed from the registry's
					own records, not recorded */
	UPF_DETAIL_OUT_OF_ORDER = 4, /* a workflow step its status does not
					allow yet, or any more */
	UPF_DETAIL_TOO_EARLY = 5,    /* a date before the step or membership it
					must follow */
	UPF_DETAIL_NOT_SERIOUS = 6,  /* IVO is notified only of a serious lex
					Sarah or lex Maria case */
	UPF_DETAIL_IVO_PENDING = 7,  /* a serious case closes once IVO is
					notified and has the investigation */
	UPF_DETAIL_NEEDS_ACTION = 8, /* closing needs an action or a reason */
	UPF_DETAIL_CLOSED = 9,       /* the deviation is closed */
	UPF_DETAIL_IN_HOUSE = 10,    /* no longer given: the committee may be
					informed of any unit's deviation */
	UPF_DETAIL_UNCHANGED = 11,   /* a move to where the unit already is */
	UPF_DETAIL_CONSTRAINT = 12,  /* a constraint of the schema */
	UPF_DETAIL_DUPLICATE = 13,   /* a key given twice in one import or batch */
	UPF_DETAIL_ORPHANS = 14,     /* a change of the organisation would leave
					recorded data outside any membership */
	UPF_DETAIL_HAS_VALUES = 15,  /* how a measure's values are kept changes
					only while it has none */
	UPF_DETAIL_NOT_APPLICABLE = 16, /* a measure or item that does not
					   apply in the unit's service area */
	UPF_DETAIL_OUT_OF_RANGE = 17, /* a value outside the measure's
					 plausible range, not confirmed */
	UPF_DETAIL_RETIRED = 18,     /* a measure retired before the period */
	UPF_DETAIL_RULE = 19,        /* a value that breaks an error rule */
	UPF_DETAIL_WITHDRAWN = 20,   /* the deviation is withdrawn */
	UPF_DETAIL_DECIDED = 21,     /* the plan is decided: a change is a
					revision, with a reason */
	UPF_DETAIL_OUT_OF_SCOPE = 22, /* a subject outside the activity's scope */
	UPF_DETAIL_LOCKED = 23,      /* a value of a period the committee has
					approved (a period lock) */
	UPF_DETAIL_PRESENTED = 24,   /* a committee report already presented:
					it never changes */
	UPF_DETAIL_SCOPE = 25        /* outside the handle's scope, or the
					administration's alone (upf_db_set_scope) */
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
typedef struct upf_batch upf_batch; /* values being recorded in bulk */

/* ---- Library ---------------------------------------------------------- */

/* The library's version, "MAJOR.MINOR.PATCH". Static storage. Since: 0.2. */
UPF_EXPORT const char *upf_version(void);

/* The schema version this library creates and migrates registries to.
 * Since: 0.2.
 */
UPF_EXPORT int upf_schema_version(void);

/* A short English description of a status code. Static storage; never
 * NULL, also for codes this version does not know.
 * Since: 0.2.
 */
UPF_EXPORT const char *upf_strerror(int status);

/* The symbolic name of a status code ("UPF_NOTFOUND"), or NULL for a code
 * this version does not know. Static storage.
 * Since: 0.2.
 */
UPF_EXPORT const char *upf_status_name(int status);

/* How a host may quote a value in a message: the text itself when it is
 * short, printable, valid UTF-8 and nothing that looks like a personal
 * identity number, else "(not shown)"; NULL gives "". Never NULL; the
 * result is text or static storage.
 * Since: 0.2.
 */
UPF_EXPORT const char *upf_text_shown(const char *text);

/* Reads a number as people write it: an optional sign, digits with their
 * thousands apart by a space, a no-break space or a narrow no-break space
 * as Swedish Excel writes them ("2 345,5"), a decimal comma or point, an
 * exponent ("1.5e3"). In the C locale, whatever the host's is. UPF_OK,
 * UPF_INVALID for text that is not such a number, UPF_MISUSE for NULL.
 * Since: 0.2.
 */
UPF_EXPORT int upf_text_number(double *out, const char *text);

/* Releases a string or buffer that the library allocated. NULL is a
 * no-op.
 * Since: 0.2.
 */
UPF_EXPORT void upf_free(void *p);

/* Process-wide options of upf_config. */
enum {
	UPF_CONFIG_MEMORY_COUNT = 1 /* SQLite counts the memory it holds (on) */
};

/*
 * Sets a process-wide option to on (1) or off (0). These are SQLite's own
 * settings, shared by everything in the process that uses SQLite, so they
 * are made once: before the process opens its first registry or uses
 * SQLite otherwise, and before other threads start.
 *
 * UPF_CONFIG_MEMORY_COUNT, on by default: SQLite counts the memory it
 * holds, so that each block it allocates or frees takes a lock and asks
 * malloc for the block's size. Off, an allocation is a plain malloc: a
 * fresh process's report does a twentieth less work, a single value a
 * tenth less. Off, sqlite3_memory_used() reads 0 and SQLite's soft and
 * hard heap limits hold nothing back. The command line runs with it off.
 *
 * Errors: UPF_INVALID for an unknown option or a value not 0 or 1,
 * UPF_MISUSE once SQLite has started (nothing is changed then).
 * Since: 0.2.
 */
UPF_EXPORT int upf_config(int option, int value);

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
 * upf_db_close() in every case. A handle keeps up to 4 MiB of the
 * registry's pages in memory, besides what a statement needs while it
 * runs.
 *
 * Errors: UPF_NEWER when the registry's schema is newer than this library
 * (the file is left byte for byte unchanged), UPF_NOTREGISTRY for a file
 * that is not an uppfolj registry, UPF_IO, UPF_CORRUPT, UPF_BUSY,
 * UPF_NOMEM.
 * Since: 0.2.
 */
UPF_EXPORT int upf_db_open(upf_db **out, const char *path);

/* How upf_db_open_v2 opens: create a registry that does not exist yet,
 * and migrate one made by an older uppfolj. */
enum {
	UPF_OPEN_CREATE = 1,
	UPF_OPEN_MIGRATE = 2
};

/*
 * Opens the registry at path as upf_db_open does, but only as flags allow:
 * without UPF_OPEN_CREATE a registry that does not exist is UPF_NOTFOUND
 * (and nothing is created), without UPF_OPEN_MIGRATE one that needs
 * migrating is UPF_OLDER (and nothing is written). actor (may be NULL) is
 * set first, as by upf_db_set_actor, so that a migration is recorded as
 * the actor's. An empty path is UPF_INVALID. upf_db_open(out, path) is
 * upf_db_open_v2(out, path, UPF_OPEN_CREATE | UPF_OPEN_MIGRATE, NULL).
 *
 * A file that is new, or empty, is made private (mode 0600) before the
 * registry is written to it, whether it was reached by its name, through
 * a symlink or through a "file:" URI.
 * Since: 0.2.
 */
UPF_EXPORT int upf_db_open_v2(upf_db **out, const char *path, int flags,
			      const char *actor);

/* The permission bits of the registry's file (0600 for a private one), or
 * -1 for a registry in memory or a file that cannot be read.
 * Since: 0.2.
 */
UPF_EXPORT int upf_db_file_mode(const upf_db *db);

/* Makes the registry's file and its WAL and shared-memory files readable
 * and writable by their owner only (0600).
 * Since: 0.2.
 */
UPF_EXPORT int upf_db_make_private(upf_db *db);

/*
 * Copies the registry into a new file at path (mode 0600) with SQLite's
 * online backup: the copy is the registry as of one moment, while other
 * connections go on writing. path must not exist (UPF_EXISTS: a backup
 * never replaces a file); a copy that fails is removed. A name that looks
 * like a personal identity number is UPF_PERSONAL; during a batch on the
 * handle, UPF_MISUSE. A backup reads: it needs no actor and is not in the
 * audit trail.
 * Since: 0.2.
 */
UPF_EXPORT int upf_db_backup(upf_db *db, const char *path);

/*
 * The checks an administrator runs on a registry, one row each.
 * Columns: check, status ("ok", "warning" or "error"), detail. The
 * checks: integrity
 * (PRAGMA integrity_check), foreign_keys (references that hold),
 * file_mode (private to its owner), schema (this library's version), wal
 * (the size of the write-ahead log; a warning past 64 MiB), statistics
 * (the query planner's, once there are 1,000 values: gathered, and not
 * outgrown twice over), reports (every presented committee report matches
 * its SHA-256), locks (periods locked and unlocked).
 * Since: 0.2.
 */
UPF_EXPORT int upf_db_doctor(upf_table **out, upf_db *db);

/* Closes the handle and frees everything it owns. NULL is a no-op.
 * Since: 0.2.
 */
UPF_EXPORT void upf_db_close(upf_db *db);

/* The message of the last failed call on db, or "not an error" after a
 * success. Valid until the next call on db. NULL db gives the message for
 * a handle that could not be allocated.
 * Since: 0.2.
 */
UPF_EXPORT const char *upf_errmsg(const upf_db *db);

/* The cause of the last failure on db, a UPF_DETAIL_ code (0: none).
 * Since: 0.2.
 */
UPF_EXPORT int upf_errcode_detail(const upf_db *db);

/* The symbolic name of a detail code ("UPF_DETAIL_NOT_ACTIVE"), or NULL
 * for a code this version does not know. Static storage.
 * Since: 0.2.
 */
UPF_EXPORT const char *upf_detail_name(int detail);

/* The status of the last call on db. Since: 0.2. */
UPF_EXPORT int upf_errcode(const upf_db *db);

/*
 * Sets who is writing: every write is recorded in the audit trail with
 * this actor. Writes are refused (UPF_MISUSE) until an actor is set.
 * 1..64 characters of UTF-8; the string is copied.
 * Since: 0.2.
 */
UPF_EXPORT int upf_db_set_actor(upf_db *db, const char *actor);

/* How long a call waits for another connection's lock before it fails
 * with UPF_BUSY, in milliseconds (default 5000; 0 fails at once).
 * Since: 0.2.
 */
UPF_EXPORT int upf_db_set_busy_timeout(upf_db *db, int ms);

/*
 * Sets the day the handle takes as today, "YYYY-MM-DD"; NULL goes back to
 * the local date of the machine's clock (the default). Today is what a
 * date left out means, and the day deadlines are judged on where no other
 * day is given: the one clock of the library, so that a host or a test
 * can fix it.
 * Since: 0.2.
 */
UPF_EXPORT int upf_db_set_today(upf_db *db, const char *day);

/*
 * Narrows the handle to one provider: scope "provider:CODE". NULL or ""
 * widens it again to the administration's, which sees everything (the
 * default). Under a scope, every read shows only the provider's
 * assignments and units, and reports place values only under its own
 * assignments, so that their totals are the provider's own; a call that
 * names another provider's unit, assignment or committee is refused, and
 * so is every write to what only the administration changes (the
 * organisation, the catalogue, plans, findings, assessments, committee
 * reports) and the reads of what is the administration's alone. A
 * refusal is UPF_REFUSED with UPF_DETAIL_SCOPE and names the scope. Each
 * write made under a scope is recorded with it in the audit trail.
 *
 * A scope guards the calls of a process that is trusted with the
 * registry's file; it is not access control against someone who can open
 * the file. UPF_NOTFOUND for an unknown provider, UPF_INVALID for another
 * form, UPF_MISUSE while a batch is open on the handle.
 * Since: 0.2.
 */
UPF_EXPORT int upf_db_set_scope(upf_db *db, const char *scope);

/*
 * The handle's scope, "provider:CODE", or NULL when it has none. The text
 * lives until the scope changes.
 * Since: 0.2.
 */
UPF_EXPORT const char *upf_db_scope(const upf_db *db);

/* ---- Tables (result sets) --------------------------------------------- */

/*
 * List functions hand back a upf_table: rows and named columns of text
 * cells, copied out of the registry so that they stay valid until
 * upf_table_free(). Indexes start at 0; out-of-range indexes give NULL or
 * UPF_NULL.
 * Since: 0.2.
 */
UPF_EXPORT void upf_table_free(upf_table *t);
UPF_EXPORT int upf_table_rows(const upf_table *t);
UPF_EXPORT int upf_table_columns(const upf_table *t);
UPF_EXPORT const char *upf_table_column(const upf_table *t, int col);
/* The cell as text (numbers in their SQL text form), NULL for UPF_NULL.
 * Since: 0.2.
 */
UPF_EXPORT const char *upf_table_value(const upf_table *t, int row, int col);
/* The cell as a number, read as the registry stored it, with no text in
 * between: an integer cell exactly, a real cell exactly as a double (and
 * toward zero as an integer, 0 if it does not fit), 0 for text and NULL.
 * Since: 0.2.
 */
UPF_EXPORT long long upf_table_int(const upf_table *t, int row, int col);
UPF_EXPORT double upf_table_double(const upf_table *t, int row, int col);
/* 1 when the cell is NULL (or out of range), else 0.
 * Since: 0.2.
 */
UPF_EXPORT int upf_table_is_null(const upf_table *t, int row, int col);
/* UPF_NULL, UPF_INTEGER, UPF_REAL or UPF_TEXT. Since: 0.2. */
UPF_EXPORT int upf_table_type(const upf_table *t, int row, int col);

/*
 * Writes t as a spreadsheet (.xlsx) at path, created readable by its
 * owner only: one sheet named `sheet` (at most 31 characters; NULL:
 * "uppfolj"), the header row bold and frozen, numbers as numbers shown
 * with their row's measure's decimals (a share or mean one, a count or
 * amount none; two where the row names no measure), each column as wide
 * as what it holds. columns ("a,b,c", or NULL for all) chooses and
 * orders them. Where the library was built without libxlsxwriter, fails
 * with UPF_ERROR and a message that says so.
 * Since: 0.2.
 */
UPF_EXPORT int upf_table_xlsx(upf_db *db, const upf_table *t, const char *path,
			      const char *sheet, const char *columns);

/* ---- Organisation ----------------------------------------------------- */

/*
 * Codes are the users' own stable keys: 1..32 characters of ASCII letters,
 * digits, '-', '_' and '.'. Names are 1..200 characters of UTF-8 without
 * control characters. Text that looks like a Swedish personal identity
 * number is refused (UPF_PERSONAL): the registry is pseudonymous.
 */

/* A committee (nämnd). Columns of the list: code, name. Since: 0.2. */
UPF_EXPORT int upf_committee_add(upf_db *db, const char *code,
				 const char *name);
UPF_EXPORT int upf_committee_list(upf_table **out, upf_db *db);

/* A provider (utförare); regime is "in_house" or "private".
 * Columns of the list: code, name, regime.
 * Since: 0.2.
 */
UPF_EXPORT int upf_provider_add(upf_db *db, const char *code,
				const char *name, const char *regime);
UPF_EXPORT int upf_provider_list(upf_table **out, upf_db *db);

/* A service area (verksamhetsområde); the schema ships a catalogue.
 * Columns of the list: code, name.
 * Since: 0.2.
 */
UPF_EXPORT int upf_area_add(upf_db *db, const char *code, const char *name);
UPF_EXPORT int upf_area_list(upf_table **out, upf_db *db);

/*
 * An assignment (verksamhetsuppdrag, kind "assignment") or a contract
 * (avtal, kind "contract") of one provider under one committee, valid from
 * `from` (NULL: today) to `to` (NULL: open-ended), both inclusive.
 * Columns of the list: code, name, committee, provider, regime, kind,
 * valid_from, valid_to.
 * Since: 0.2.
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
 * Since: 0.2.
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
 * Refused for a date on or before the unit's start or latest move, and
 * where it would leave values, deviations or basic follow-up records of
 * the unit (or of a level-2 unit's units) outside any valid membership.
 * Since: 0.2.
 */
UPF_EXPORT int upf_unit_move(upf_db *db, const char *code,
			     const char *parent, const char *assignment,
			     const char *from);

/* The units active on `at` (NULL: today). Columns: code, name, level,
 * parent (the level-2 unit, or the assignment of a level-2 unit), area,
 * assignment, committee, provider, since.
 * Since: 0.2.
 */
UPF_EXPORT int upf_unit_list(upf_table **out, upf_db *db, const char *at);

/* Every membership a unit has had, oldest first. Columns: valid_from,
 * valid_to, parent, assignment, committee, provider.
 * Since: 0.2.
 */
UPF_EXPORT int upf_unit_history(upf_table **out, upf_db *db,
				const char *code);

/* The organisation on `at` (NULL: today) in tree order: committee →
 * assignment → level 2 → level 3. Columns: depth (0..3), kind
 * ("committee", "assignment", "unit"), code, name, detail.
 * Since: 0.2.
 */
UPF_EXPORT int upf_org_tree(upf_table **out, upf_db *db, const char *at);

/*
 * Many registries. A private provider may run a registry of its own,
 * made from the municipality's: upf_org_export writes, as a JSON text
 * (*out, upf_free), what a provider's registry needs: the provider's
 * committees, assignments, units and their memberships, the catalogue
 * (measures and what they rest on), and the plans and activities of its
 * committees; every row with its id, so that the two registries name
 * the same measures and units alike. The administration's handle only.
 * Since: 0.2.
 */
UPF_EXPORT int upf_org_export(char **out, upf_db *db, const char *provider);

/*
 * The same document again for a provider registry made before, named by
 * its id (`registry`, as upf_sync_status lists it; UPF_NOTFOUND if none):
 * the organisation and catalogue as they are now, for upf_org_import to
 * bring that registry up to date. The administration's handle only.
 * Since: 0.2.
 */
UPF_EXPORT int upf_org_export_for(char **out, upf_db *db, const char *registry);

/*
 * Makes a new registry the provider's own from a document of
 * upf_org_export (path; "-" is standard input), in one transaction: the
 * registry must hold no organisation or records yet (UPF_REFUSED), the
 * document must be of this schema version (UPF_INVALID) and hold no text
 * that looks like a personal identity number (UPF_PERSONAL). The registry
 * then knows which registry it reports to, and every handle on it,
 * this one included, is scoped to the provider for good (upf_db_set_scope
 * refuses another scope): the organisation and the catalogue change only
 * in the municipality's registry.
 * In a provider's registry, a document of upf_org_export_for made for
 * it (else UPF_REFUSED) brings the organisation and the catalogue up to
 * date, in one transaction: rows changed are updated, new ones added,
 * links the municipality removed (a measure's service areas, methods and
 * goals, an item's areas, an activity's) removed; memberships are only
 * ever added, and a row the municipality deleted stays. One audit entry,
 * and one per row that changed.
 * Since: 0.2.
 */
UPF_EXPORT int upf_org_import(upf_db *db, const char *path);

/*
 * Which registry this is: one row. Columns: registry (its id, 32 hex
 * digits, made when it was created), role ("municipality" or
 * "provider"), provider (a provider's registry's), reports_to (the id of
 * the registry a provider's reports to).
 * Since: 0.2.
 */
UPF_EXPORT int upf_registry_show(upf_table **out, upf_db *db);

/*
 * Changesets: what a provider's registry records, sent to the
 * municipality's. In a provider's registry every write's changes to what
 * travels (values, deviations and their workflow, actions, basic
 * follow-up, reviews and their answers, replies to correction requests)
 * are kept, numbered, as it commits. upf_sync_export writes those not
 * yet exported (or those after change `since`, 0 or more; -1: after the
 * last export) to a new private file at path: a one-line JSON header (the
 * sender's registry, the registry it is for, the provider, the range of
 * changes, the rows per table, the payload's size and SHA-256) and the
 * changes as one SQLite session changeset. *summary: per table, the rows
 * sent. Columns: table, inserts, updates, deletes, state ("exported"; or
 * one row of "nothing to send", and no file written). A provider's
 * registry only.
 * Since: 0.2.
 */
UPF_EXPORT int upf_sync_export(upf_table **summary, upf_db *db, const char *path,
			       long long since);

/*
 * Applies a file of upf_sync_export in the municipality's registry, in
 * one transaction, or refuses it whole and changes nothing: a header that
 * is not for this registry, or from a registry it made no organisation
 * for, or of another provider (UPF_REFUSED); a payload that is not the
 * one its header names (changed or cut); changes out of order (a gap
 * before them: UPF_DETAIL_OUT_OF_ORDER; an old range: UPF_DETAIL_DUPLICATE);
 * a text that looks like a personal identity number (UPF_PERSONAL); a row
 * that is not of the sender's provider's units (UPF_DETAIL_SCOPE, the
 * first named); a value in a locked period (UPF_DETAIL_LOCKED); rows
 * changed here as well since the last changeset (UPF_DETAIL_CONSTRAINT,
 * listing them), unless prefer is "provider" (its rows stand) or
 * "registry" (this registry's do). The same file applied again changes
 * nothing, and says so in the state. Each apply is one audit entry
 * naming the sender, the range, the hash and the rows; the changeset is
 * kept with it. *summary: per table, the rows applied. Columns: table,
 * inserts, updates, deletes, state ("applied", or "applied already;
 * nothing was changed").
 * Since: 0.2.
 */
UPF_EXPORT int upf_sync_apply(upf_table **summary, upf_db *db, const char *path,
			      const char *prefer);

/*
 * Where sending stands: in the municipality's registry, a row per
 * provider registry it made an organisation for; in a provider's, its
 * own. Columns: registry, provider, changes (the last change applied
 * here; in a provider's, the last recorded), changesets (applied; in a
 * provider's, exported), pending (in a provider's, the changes not yet
 * exported; else NULL), last_on (the day of the last).
 * Since: 0.2.
 */
UPF_EXPORT int upf_sync_status(upf_table **out, upf_db *db);

/*
 * Maintenance. A rename changes the name only; the code, the history and
 * what was reported stay. The audit trail keeps the old name.
 * Since: 0.2.
 */
UPF_EXPORT int upf_committee_rename(upf_db *db, const char *code,
				    const char *name);
UPF_EXPORT int upf_provider_rename(upf_db *db, const char *code,
				   const char *name);
UPF_EXPORT int upf_area_rename(upf_db *db, const char *code, const char *name);
UPF_EXPORT int upf_assignment_rename(upf_db *db, const char *code,
				     const char *name);
UPF_EXPORT int upf_unit_rename(upf_db *db, const char *code, const char *name);

/*
 * Extends or ends an assignment: a new first day `from` and/or last day
 * `to` (NULL keeps it; a `to` of "" makes it open-ended). Refused where it
 * would leave values, deviations or basic follow-up records of its units
 * outside any valid membership (UPF_DETAIL_ORPHANS), and where `to` comes
 * before `from`.
 * Since: 0.2.
 */
UPF_EXPORT int upf_assignment_edit(upf_db *db, const char *code,
				   const char *from, const char *to);

/*
 * Closes a unit on day `on` (its last active day; a level-2 unit closes
 * its level-3 units with it). From the month after, it is expected to
 * report nothing; its months until then stay as they were. Refused where
 * records of the unit lie after `on` (UPF_DETAIL_ORPHANS) or the unit is
 * closed already.
 * Since: 0.2.
 */
UPF_EXPORT int upf_unit_close(upf_db *db, const char *code, const char *on);

/*
 * Withdraws a move registered by mistake: the unit's membership that began
 * on `from` is removed and the one before it runs on as before the move.
 * Only the unit's latest move can be withdrawn, and only where nothing it
 * recorded would be left outside a membership (UPF_DETAIL_ORPHANS).
 * Since: 0.2.
 */
UPF_EXPORT int upf_unit_move_withdraw(upf_db *db, const char *code,
				      const char *from);

/* ---- Periods ---------------------------------------------------------- */

/*
 * Periods are written 2026 (a year), 2026-H1 (half-year), 2026-T2
 * (tertial: T1 Jan-Apr, T2 May-Aug, T3 Sep-Dec), 2026-Q3 (quarter),
 * 2026-03 (month), or 2026-01..2026-08 (an inclusive range of months).
 * A value is recorded for one period of its measure's frequency.
 */

/* ---- Measures --------------------------------------------------------- */

/*
 * Adds a measure. kind: "structure", "process", "result" or "economic";
 * type: "count", "amount", "share" (a count out of a base), "mean" (a mean
 * over a number of observations) or "yesno". options_json (NULL for none)
 * is a JSON object with any of:
 *   "time"          for counts and amounts: "flow" (default; sums over
 *                   time), "stock" (averages) or "last" (the latest);
 *                   shares and means always pool ("pool"), yes/no takes
 *                   the latest answer ("last")
 *   "level"         2 or 3 (default 3): the level of unit it is recorded for
 *   "frequency"     "month" (default), "quarter", "tertial", "half", "year"
 *   "direction"     "up", "down" or "none" (default): which way is better
 *   "quality_area"  a quality area's code
 *   "unit_label", "method", "description"   text
 *   "kpi"           the national KPI code (Kolada id)
 *   "areas"         an array of service area codes: the areas where the
 *                   measure applies (default, or an empty array: all). A
 *                   unit elsewhere is not expected to report it, and a
 *                   value for it is refused (UPF_DETAIL_NOT_APPLICABLE)
 *   "goals"         an array of goal codes (upf_goal_list) it follows
 *   "methods"       an array of method codes (upf_method_list) that give it
 *   "min", "max"    the plausible range of a unit's figure (for a share,
 *                   its percentage): a value outside is refused
 *                   (UPF_DETAIL_OUT_OF_RANGE) unless confirmed
 *                   (UPF_WRITE_CONFIRM), and then recorded with a flag
 *   "individuals"   true if the measure counts people, false if not, ""
 *                   for the default: counts, shares and means that are not
 *                   structure or economic measures do. A public committee
 *                   report hides its figures that rest on too few people
 * Unknown keys are refused. Measures and indicators share their codes.
 * Since: 0.2.
 */
UPF_EXPORT int upf_measure_add(upf_db *db, const char *code,
			       const char *name, const char *kind,
			       const char *type, const char *options_json);

/*
 * Changes a measure: options_json takes the keys of upf_measure_add and
 * "name"; a key left out keeps its value, and "" clears a text, "min" or
 * "max"; "areas", "goals" and "methods" replace the links. "type", "time",
 * "frequency" and "level" change only while the measure has no values
 * (UPF_DETAIL_HAS_VALUES, with the count) and is not computed. Every
 * change is in the audit trail with the old and new value.
 * Since: 0.2.
 */
UPF_EXPORT int upf_measure_edit(upf_db *db, const char *code,
				const char *options_json);

/*
 * Retires a measure from a period on (its first month): it is neither
 * expected nor reported for periods that begin then or later, and values
 * for them are refused (UPF_DETAIL_RETIRED); earlier periods report as
 * before.
 * Since: 0.2.
 */
UPF_EXPORT int upf_measure_retire(upf_db *db, const char *code,
				  const char *period);

/* The catalogue, optionally of one kind and/or quality area (NULL: all).
 * Columns: code, name, kind, quality_area, type, time_rule, level,
 * frequency, direction, unit_label, areas (codes separated by spaces;
 * NULL: all), retired_from (YYYY-MM or NULL).
 * Since: 0.2.
 */
UPF_EXPORT int upf_measure_list(upf_table **out, upf_db *db, const char *kind,
				const char *quality_area);

/* One measure in full. Columns (one row): code, name, kind, quality_area,
 * goals, type, time_rule, level, frequency, direction, unit_label,
 * methods, method_note, kpi, description, min, max, areas, retired_from,
 * values_recorded, individuals (goals, methods and areas as codes
 * separated by spaces; individuals 1 when the measure counts people, for
 * disclosure control).
 * Since: 0.2.
 */
UPF_EXPORT int upf_measure_show(upf_table **out, upf_db *db, const char *code);

/* The quality areas. Columns: code, name, goals, measures, description.
 * Since: 0.2.
 */
UPF_EXPORT int upf_quality_area_list(upf_table **out, upf_db *db);
UPF_EXPORT int upf_quality_area_add(upf_db *db, const char *code,
				    const char *name, const char *description);

/* Goals under a quality area: the appendix's process goals (no
 * committee, year 0), and a committee's goals of its verksamhetsplan for
 * a year (committee and year given). A measure follows goals (its
 * "goals" option); the report "goals" follows them up.
 * Columns of the list: code, quality_area, text, committee, year,
 * measures.
 * Since: 0.2.
 */
UPF_EXPORT int upf_goal_add(upf_db *db, const char *code, const char *text,
			    const char *quality_area, const char *committee,
			    int year);
UPF_EXPORT int upf_goal_list(upf_table **out, upf_db *db,
			     const char *quality_area);

/* Methods of follow-up (survey, review of care plans, ...), which
 * measures name. Columns of the list: code, name, measures.
 * Since: 0.2.
 */
UPF_EXPORT int upf_method_add(upf_db *db, const char *code, const char *name);
UPF_EXPORT int upf_method_list(upf_table **out, upf_db *db);

/*
 * A validation rule between two measures of the same unit and period,
 * written "LEFT OP RIGHT" with measure codes and one of <, <=, =, >=, >
 * (e.g. "STR-TIMMAR-UTF <= STR-TIMMAR-BEV"); the measures must be of the
 * same level and frequency. It compares the units' figures (a share's
 * percentage). severity "error": a value that breaks it is refused
 * (UPF_DETAIL_RULE); "warning": reported by the report "quality" only.
 * Columns of the list: code, rule, severity, broken (how many unit-periods
 * break it now).
 * Since: 0.2.
 */
UPF_EXPORT int upf_rule_add(upf_db *db, const char *code,
			    const char *expression, const char *severity);
UPF_EXPORT int upf_rule_list(upf_table **out, upf_db *db);

/* ---- Values ----------------------------------------------------------- */

/* Flags of a write: upf_value_set, upf_batch_begin and the imports. */
enum {
	UPF_WRITE_CONFIRM = 1,         /* record a value outside its measure's
					  plausible range, flagged */
	UPF_WRITE_ALLOW_DUPLICATES = 2 /* import deviations like ones already
					  registered */
};

/*
 * Records the value of a measure for a unit and period, replacing an
 * earlier one (the audit trail keeps it). den is the denominator: required
 * for a share (the base; value is the count out of it) and a mean (the
 * number of observations; value is the mean), refused for other types;
 * pass NULL for none. The period must be one period of the measure's
 * frequency, and the unit at the measure's level and active during it.
 * Refused: NaN or infinity; a negative or fractional count; a yes/no
 * other than 0 or 1; a share above its denominator; a denominator of 0;
 * a unit in a service area where the measure does not apply
 * (UPF_DETAIL_NOT_APPLICABLE); a period from the measure's retirement on
 * (UPF_DETAIL_RETIRED); a value outside the measure's plausible range
 * (UPF_DETAIL_OUT_OF_RANGE) unless flags has UPF_WRITE_CONFIRM, when it
 * is recorded with a flag; a value that breaks an error rule
 * (UPF_DETAIL_RULE).
 * Since: 0.2.
 */
UPF_EXPORT int upf_value_set(upf_db *db, const char *measure,
			     const char *unit, const char *period,
			     double value, const double *den,
			     const char *note, unsigned flags);

/* Deletes one value (the audit trail keeps it). UPF_NOTFOUND if there is
 * none.
 * Since: 0.2.
 */
UPF_EXPORT int upf_value_delete(upf_db *db, const char *measure,
				const char *unit, const char *period);

/* Values, filtered by measure, unit and period (the values whose period
 * lies within it); NULL filters nothing. Columns: measure, unit, period,
 * value, denominator, note, batch (the number of the import or batch that
 * wrote it, which its audit entry names; NULL when set alone), line (of
 * the imported file), flagged (1: outside the plausible range, confirmed).
 * Since: 0.2.
 */
UPF_EXPORT int upf_value_list(upf_table **out, upf_db *db, const char *measure,
			      const char *unit, const char *period);

/*
 * The bulk path: many values in one transaction, with the checks of
 * upf_value_set and one prepared statement, and one audit entry with the
 * count instead of one per new row (replaced values are still recorded
 * one by one). A failed upf_batch_add writes nothing and leaves the batch
 * usable. upf_batch_commit makes the batch's values permanent;
 * upf_batch_free rolls back what was not committed. While a batch is
 * open, call nothing else on its handle.
 * Since: 0.2.
 */
UPF_EXPORT int upf_batch_begin(upf_batch **out, upf_db *db, unsigned flags);
UPF_EXPORT int upf_batch_add(upf_batch *b, const char *measure,
			     const char *unit, const char *period,
			     double value, const double *den,
			     const char *note);
UPF_EXPORT long upf_batch_rows(const upf_batch *b);
UPF_EXPORT int upf_batch_commit(upf_batch *b);
UPF_EXPORT void upf_batch_free(upf_batch *b);

/*
 * Imports values from a CSV file (path "-" reads standard input) with the
 * header measure,unit,period,value[,denominator][,note]. The delimiter,
 * comma or semicolon, is taken from the header; with semicolons a decimal
 * comma is accepted. UTF-8 with or without a byte-order mark; fields may
 * be quoted as in RFC 4180. All or nothing: if any line is bad, nothing is
 * written and the message lists the bad lines (the first 20, then a
 * count), one per line after a summary line. flags: UPF_WRITE_CONFIRM
 * records values outside their plausible range, flagged. progress, if not NULL, is
 * called now and then with the bytes read and the file's size (0 when
 * unknown). *rows (may be NULL) receives the number of values imported.
 * Since: 0.2.
 */
typedef void (*upf_progress_fn)(void *ctx, long long done, long long total);
UPF_EXPORT int upf_value_import(long *rows, upf_db *db, const char *path,
				 unsigned flags, upf_progress_fn progress,
				 void *ctx);

/*
 * Imports reference values from a Kolada API document (path "-" reads
 * standard input), in either of its shapes: v2 ({"values": [{"kpi",
 * "municipality", "period", "values": [{"count", "gender", "status",
 * "value"}]}], "count", "next_page"}) or v3 ("next_url"; rows may carry
 * "isdeleted", which removes that KPI, area and year; "period" a string or
 * a number; "value" null with "status" "Missing"; organisational-unit
 * data keyed by "ou"). Values are keyed by KPI, kind (municipality;
 * group for a municipality group such as G33612; ou), area, year and
 * gender (T, K, M); a new import of the same key replaces it; a
 * municipality given as a number (180) is read as four digits (0180),
 * with a note. An empty "values" array is refused (a query with a wrong
 * parameter name gives one). All or nothing: bad rows are listed by their
 * JSON path. *summary (may be NULL) receives one row per KPI.
 * Columns: kpi, measures (the codes of the measures that carry it, NULL
 * when none does), rows, deleted, notes (what was read otherwise than
 * written, or NULL).
 * A document that is one page of several (next_url set) is refused:
 * upf_kolada_import_files takes every page.
 * Since: 0.2.
 */
UPF_EXPORT int upf_kolada_import(upf_table **summary, upf_db *db,
				 const char *path);

enum {
	UPF_KOLADA_PARTIAL = 1 /* accept a response some of whose pages are
				  missing; the import is recorded as partial */
};

/*
 * Imports the count files at paths as one, all or nothing, like
 * upf_kolada_import: each file is a document of Kolada's API or a JSON
 * array of them, the pages of a response. The pages are placed by the
 * page parameter of their next_url and previous_url (...?page=2&...):
 * every page of each response must be among them, once; a page whose
 * next page is missing, or whose place cannot be read, is refused unless
 * flags has UPF_KOLADA_PARTIAL, when the summary's notes and the audit
 * entry ("partial") say so. A key given in two files is refused.
 * Columns: kpi, measures, rows, deleted, notes (as upf_kolada_import's).
 * Since: 0.2.
 */
UPF_EXPORT int upf_kolada_import_files(upf_table **summary, upf_db *db,
				       const char *const *paths, int count,
				       unsigned flags);

/*
 * Imports reference values from a CSV file (path "-" reads standard
 * input) for figures that do not come from Kolada (Socialstyrelsen's, or
 * SCB's): the header kpi,kind,area,year,gender,value and optionally
 * count and status, in either dialect of upf_value_import. kind is
 * municipality, group or ou; gender T, K or M; value a number, or empty
 * with a status saying why. Rows replace Kolada's of the same key, and
 * are marked as from a file (source "csv"). All or nothing; one audit
 * entry names the file. *summary (may be NULL) receives one row per
 * KPI. Columns: kpi, measures, rows, deleted (0), notes (NULL).
 * Since: 0.2.
 */
UPF_EXPORT int upf_reference_import(upf_table **summary, upf_db *db,
				    const char *path);

/*
 * Reference values held: of one KPI, or all (NULL). Columns: kpi, kind,
 * area, year, gender, value, count, status, source.
 * Since: 0.2.
 */
UPF_EXPORT int upf_reference_list(upf_table **out, upf_db *db, const char *kpi);

/*
 * Exports values in the import's format: "csv" (the default; the header
 * measure,unit,period,value,denominator,note), "csv_sv" (the same in the
 * dialect Excel with Swedish settings reads: a byte-order mark,
 * semicolons, decimal commas, CRLF) or "json" (an array of objects with
 * those keys). period (NULL: all) keeps the values whose
 * period lies within it. *out receives the text; free it with upf_free.
 * Since: 0.2.
 */
UPF_EXPORT int upf_value_export(char **out, upf_db *db, const char *period,
				 const char *format);

/* ---- Targets and indicators ------------------------------------------- */

/*
 * Sets the target of a measure for a year: for every unit (assignment and
 * unit NULL), for an assignment, or for a unit; the most specific applies.
 * A share's target is in percent, like its reported value. Replaces an
 * earlier target for the same scope.
 * Since: 0.2.
 */
UPF_EXPORT int upf_target_set(upf_db *db, const char *measure, double value,
			      int year, const char *assignment,
			      const char *unit);

/* Targets, of one measure or all (NULL). Columns: measure, year,
 * assignment, unit, value, direction.
 * Since: 0.2.
 */
UPF_EXPORT int upf_target_list(upf_table **out, upf_db *db,
			       const char *measure);

/* A derived indicator: factor * numerator / denominator, each measure
 * aggregated by its own rules over the same node and period (cost per
 * place; deviations per 1,000 hours with factor 1000).
 * Since: 0.2.
 */
UPF_EXPORT int upf_indicator_add(upf_db *db, const char *code,
				 const char *name, const char *numerator,
				 const char *denominator, double factor);

/* Columns: code, name, numerator, denominator, factor. Since: 0.2. */
UPF_EXPORT int upf_indicator_list(upf_table **out, upf_db *db);

/* ---- Deviations (avvikelser) ------------------------------------------ */

/*
 * A deviation of a level-3 unit: its type ("lex_sarah", "lex_maria",
 * "care", "ivo", "amv", "complaint", "opinion", "other", or one added),
 * the day it occurred and the day it was reported (NULL: today), a
 * category (NULL or a code of the catalogue: "lakemedel", "fall",
 * "bemotande", "utebliven_insats", "dokumentation", ...), a summary (up
 * to 2,000 characters; a personal identity number is refused), and its
 * origin: "internal" (found within the unit; NULL) or "external"
 * (reported from outside). *id receives the new deviation's number.
 * Since: 0.2.
 */
UPF_EXPORT int upf_deviation_add(long long *id, upf_db *db, const char *unit,
				 const char *type, const char *occurred,
				 const char *reported, const char *category,
				 const char *summary, const char *origin);

/*
 * The workflow, enforced: registered -> investigating -> assessed ->
 * closed, each step dated (on NULL: today) no earlier than the one before.
 * A step out of order is refused with a message naming the status and the
 * next step. The assessment is one of its type's scale: lex Sarah
 * "not_missforhallande", "missforhallande", "risk", "serious"; lex Maria
 * "no_injury", "injury", "serious"; others "not_deviation", "deviation",
 * "serious". IVO is notified (by "committee" or "provider") only of a
 * serious lex Sarah or lex Maria case, and a lex Sarah investigation is
 * due at IVO two months after that (upf_deviation_list flags it overdue).
 * The committee is informed, once, of deviations of private providers'
 * units, and of a remarkable one in an in-house unit.
 * Closing needs an assessment, IVO's dates for a serious lex Sarah or lex
 * Maria case, and, unless the assessment found no deviation, an action or
 * a reason.
 * Since: 0.2.
 */
UPF_EXPORT int upf_deviation_investigate(upf_db *db, long long id,
					  const char *on);
UPF_EXPORT int upf_deviation_assess(upf_db *db, long long id,
				    const char *assessment, const char *on);
UPF_EXPORT int upf_deviation_notify(upf_db *db, long long id, const char *on,
				    const char *by);
UPF_EXPORT int upf_deviation_send(upf_db *db, long long id, const char *on);
UPF_EXPORT int upf_deviation_inform_committee(upf_db *db, long long id,
					      const char *on);
UPF_EXPORT int upf_deviation_close(upf_db *db, long long id, const char *on,
				   const char *reason);

/*
 * Withdraws a deviation registered by mistake (registered twice, for the
 * wrong unit) on day `on` (NULL: today), with a reason: its status
 * becomes "withdrawn", it is left out of every report, count and
 * computed measure, and it stays in the registry and the audit trail. No
 * step follows (UPF_DETAIL_WITHDRAWN).
 * Since: 0.2.
 */
UPF_EXPORT int upf_deviation_withdraw(upf_db *db, long long id, const char *on,
				      const char *reason);

/* Actions (åtgärder) taken because of a deviation, before it closes:
 * text, who is responsible, due date (may be NULL), and the day it was
 * decided (NULL: today; not before the deviation occurred); *id receives
 * the action's number. An action, of any source, is done on a day (not
 * before the deviation was reported, or, for other sources, before it
 * was decided). upf_action_add_from adds actions of other sources.
 * Since: 0.2.
 */
UPF_EXPORT int upf_action_add(long long *id, upf_db *db, long long deviation,
			      const char *text, const char *responsible,
			      const char *due, const char *on);
UPF_EXPORT int upf_action_done(upf_db *db, long long action, const char *on);

/* An immediate measure (omedelbar åtgärd): what was done at once, recorded
 * as an action done on the day it was taken (on NULL: today), no earlier
 * than the deviation occurred and in any status but closed. It counts as
 * an action when the deviation closes.
 * Since: 0.2.
 */
UPF_EXPORT int upf_action_add_immediate(long long *id, upf_db *db,
					long long deviation, const char *text,
					const char *responsible, const char *on);

/* One deviation in full. Columns (one row): id, unit, unit_name, type,
 * legal_reference, authority, category, occurred, reported, summary,
 * status, investigating_on, assessment, assessment_name, assessed_on,
 * ivo_notified, ivo_notified_by, ivo_due, ivo_sent, overdue,
 * committee_informed, closed_on, close_reason, withdrawn_on,
 * withdraw_reason. status is "withdrawn" once withdrawn.
 * Since: 0.2.
 */
UPF_EXPORT int upf_deviation_show(upf_table **out, upf_db *db, long long id);

/* A deviation's actions, oldest first. Columns: id, text, responsible,
 * due, done, immediate (1 for an immediate measure).
 * Since: 0.2.
 */
UPF_EXPORT int upf_deviation_action_list(upf_table **out, upf_db *db,
					 long long id);

/*
 * Deviations, filtered by params_json (NULL: all), a JSON object with any
 * of "unit" (a unit, or a level-2 unit and its units), "assignment",
 * "type", "status" (one of the workflow's, or "withdrawn"), "period"
 * (reported within it), "overdue" (true: only lex Sarah cases whose
 * investigation is past due at IVO) and "at" (the day overdue is judged
 * on; default today). Columns: id, unit, type,
 * category, status, occurred, reported, assessment, ivo_notified,
 * ivo_sent, overdue (0 or 1).
 * Since: 0.2.
 */
UPF_EXPORT int upf_deviation_list(upf_table **out, upf_db *db,
				  const char *params_json);

/* Full-text search of summaries (SQLite FTS5); every word must occur.
 * Columns: id, unit, type, status, reported, summary (a snippet with the
 * words in [brackets]).
 * Since: 0.2.
 */
UPF_EXPORT int upf_deviation_search(upf_table **out, upf_db *db,
				    const char *words);

/* The catalogue of deviation types, extendable; scale is "lex_sarah",
 * "lex_maria" or "general". Columns: code, name, scale, legal_reference,
 * authority, assessments.
 * Since: 0.2.
 */
UPF_EXPORT int upf_deviation_type_list(upf_table **out, upf_db *db);
UPF_EXPORT int upf_deviation_type_add(upf_db *db, const char *code,
				      const char *name, const char *scale,
				      const char *legal_reference,
				      const char *authority);

/* The catalogue of deviation categories, extendable. Columns: code, name.
 * Since: 0.2.
 */
UPF_EXPORT int upf_deviation_category_list(upf_table **out, upf_db *db);
UPF_EXPORT int upf_deviation_category_add(upf_db *db, const char *code,
					  const char *name);

/* Imports deviations from CSV with the header
 * unit,type,occurred,reported,category,summary[,origin] (reported,
 * category and origin may be left out), all or nothing, as
 * upf_value_import. A line that would
 * register a deviation already registered (not withdrawn) or given twice in
 * the file, the same unit, type, day it occurred and summary, is refused
 * (UPF_DETAIL_DUPLICATE) unless flags has UPF_WRITE_ALLOW_DUPLICATES.
 * Since: 0.2.
 */
UPF_EXPORT int upf_deviation_import(long *rows, upf_db *db, const char *path,
				    unsigned flags);

/* ---- Basic follow-up (grundläggande kvalitetsuppföljning) -------------- */

/*
 * Records, for a level-3 unit active during the year, an item of the
 * basic follow-up: routine "yes" or "no", the day it was performed, and a
 * result (free text). NULL keeps what was recorded before; at least one
 * must be given. Items: upf_basic_item_list.
 * Since: 0.2.
 */
UPF_EXPORT int upf_basic_set(upf_db *db, const char *unit, const char *item,
			     int year, const char *routine,
			     const char *performed, const char *result);

/* Records that a level-2 unit analysed an item for a year, on a day
 * (NULL: today), by the handle's actor.
 * Since: 0.2.
 */
UPF_EXPORT int upf_basic_analyse(upf_db *db, const char *unit,
				 const char *item, int year, const char *on);

/* The items, from the seeds: quality registers, patient safety report,
 * national surveys, deviations, effect evaluations, self-inspection.
 * Columns: code, name, group, areas (the service areas where it applies,
 * separated by spaces; NULL: all).
 * Since: 0.2.
 */
UPF_EXPORT int upf_basic_item_list(upf_table **out, upf_db *db);

/*
 * Adds or changes an item of the basic follow-up. options_json (NULL for
 * none) takes "group" (text; default "Övrigt"), "areas" (an array of
 * service area codes where the item applies; default or []: all) and, in
 * an edit, "name". A unit outside the item's areas is not asked for it:
 * upf_basic_set refuses it (UPF_DETAIL_NOT_APPLICABLE) and the report
 * "basic" leaves it out.
 * Since: 0.2.
 */
UPF_EXPORT int upf_basic_item_add(upf_db *db, const char *code,
				  const char *name, const char *options_json);
UPF_EXPORT int upf_basic_item_edit(upf_db *db, const char *code,
				   const char *options_json);

/* ---- The follow-up plan (kvalitetsuppföljningsplan) ------------------- */

/*
 * A committee's plan of follow-up activities for a year, with a title
 * (NULL: "Kvalitetsuppföljningsplan YEAR"). Decided at a meeting on a day
 * (NULL: today) with the committee's reference (its diarienummer): from
 * then on the plan is not edited in place; an activity added, cancelled
 * or moved is a revision with its day and reason, and the plan can be
 * read as decided and as it stands.
 * Since: 0.2.
 */
UPF_EXPORT int upf_plan_add(upf_db *db, int year, const char *committee,
			    const char *title);
UPF_EXPORT int upf_plan_decide(upf_db *db, int year, const char *committee,
			       const char *on, const char *reference);

/* One plan. Columns (one row): committee, year, title, decided_on,
 * reference, activities, revisions.
 * Since: 0.2.
 */
UPF_EXPORT int upf_plan_show(upf_table **out, upf_db *db, int year,
			     const char *committee);

/* Columns: committee, year, title, decided_on, reference, activities,
 * planned, started, done, cancelled.
 * Since: 0.2.
 */
UPF_EXPORT int upf_plan_list(upf_table **out, upf_db *db);

/* The revisions of a decided plan, in order. Columns: revised_on,
 * activity, change ("added", "cancelled", "moved"), reason, old_start,
 * old_due, new_start, new_due.
 * Since: 0.2.
 */
UPF_EXPORT int upf_plan_revision_list(upf_table **out, upf_db *db, int year,
				      const char *committee);

/*
 * An activity of a committee's plan for a year. kind: "individual",
 * "assignment", "thematic", "goal" or "basic". options_json:
 *   "areas"        quality areas it follows up (an array, at least one)
 *   "methods"      methods of follow-up (an array, at least one)
 *   "scope"        what it follows up (an array, at least one): "all",
 *                  "regime:in_house", "regime:private", "provider:P",
 *                  "assignment:A", "area:S" (a service area) or "unit:U"
 *   "start", "due" its first and last day (required)
 *   "responsible"  "administration" or "provider"; default: the provider,
 *                  when every unit of the scope is one in-house provider's
 *                  (it follows up its own), else the administration (which
 *                  follows up the private providers). Another choice is
 *                  allowed, and shown as a mismatch
 *   "provider"     the provider responsible (with "provider")
 *   "description"  text
 *   "reason", "on" for a plan already decided, required: the revision's
 *                  reason, and its day (default today)
 * Since: 0.2.
 */
UPF_EXPORT int upf_activity_add(upf_db *db, const char *code, const char *title,
				int year, const char *committee, const char *kind,
				const char *options_json);

/*
 * The status of an activity: planned -> started -> done, or cancelled
 * (with a reason) from planned or started; each dated (NULL: today), not
 * before the step it follows. A move gives new first and last days; in a
 * decided plan, cancelling and moving are revisions (a move needs its
 * reason).
 * Since: 0.2.
 */
UPF_EXPORT int upf_activity_start(upf_db *db, const char *code, const char *on);
UPF_EXPORT int upf_activity_done(upf_db *db, const char *code, const char *on);
UPF_EXPORT int upf_activity_cancel(upf_db *db, const char *code, const char *on,
				   const char *reason);
UPF_EXPORT int upf_activity_move(upf_db *db, const char *code, const char *start,
				 const char *due, const char *on,
				 const char *reason);

/* One activity in full. Columns (one row): code, title, year, committee,
 * kind, status, areas, methods, scope (codes separated by spaces),
 * responsible, provider, default_responsible, mismatch (1 when the
 * responsible is not the default), units (level-3 units in its scope),
 * start, due, decided_start, decided_due, started_on, done_on,
 * cancelled_on, cancel_reason, description, reviews, stakeholders.
 * Since: 0.2.
 */
UPF_EXPORT int upf_activity_show(upf_table **out, upf_db *db, const char *code);

/*
 * Activities, filtered by params_json (NULL: all): "year", "committee",
 * "kind", "status", "overdue" (true: past due and neither done nor
 * cancelled, on "at", default today) and "as": "decided" gives the plan
 * as it was decided (its activities then, their dates then, all planned).
 * Columns: code, title, year, committee, kind, status, start, due,
 * responsible, provider, mismatch, overdue.
 * Since: 0.2.
 */
UPF_EXPORT int upf_activity_list(upf_table **out, upf_db *db,
				 const char *params_json);

/* ---- Instruments and reviews (granskning) ----------------------------- */

/*
 * An instrument (granskningsmall, checklist, interview guide): a method
 * and an answer scale, "yes_no", "yes_partly_no" or
 * "met_remark_deficiency" (each also takes "na", does not apply). Each
 * criterion (optionally of a quality area) is also a computed share
 * measure, REV-<instrument>-<criterion>: the share of the answers that
 * apply that are yes or met, per unit and month of the review, in every
 * report like any measure.
 * Since: 0.2.
 */
UPF_EXPORT int upf_instrument_add(upf_db *db, const char *code, const char *name,
				  const char *method, const char *scale);
UPF_EXPORT int upf_criterion_add(upf_db *db, const char *instrument,
				 const char *code, const char *text,
				 const char *quality_area);

/* Columns: code, name, method, scale, criteria, reviews. Since: 0.2. */
UPF_EXPORT int upf_instrument_list(upf_table **out, upf_db *db);

/* An instrument's criteria. Columns: criterion, text, quality_area,
 * measure.
 * Since: 0.2.
 */
UPF_EXPORT int upf_instrument_show(upf_table **out, upf_db *db, const char *code);

/*
 * A review applies an instrument within an activity, on a day (NULL:
 * today), to a level-3 unit active then (with case, a pseudonymous case
 * reference of the municipality's own, such as "GP-0042": checked like
 * every text, never a personal identity number) or to an assignment (a
 * contract's requirements); pass NULL for the one not used. The subject
 * must lie within the activity's scope (UPF_DETAIL_OUT_OF_SCOPE). *id
 * receives the review's number.
 * Since: 0.2.
 */
UPF_EXPORT int upf_review_add(long long *id, upf_db *db, const char *activity,
			      const char *instrument, const char *unit,
			      const char *assignment, const char *case_key,
			      const char *on);

/*
 * Answers a criterion of a review (replacing an earlier answer; the trail
 * keeps it), with the instrument's scale or "na", and a note (may be
 * NULL). A "deficiency" in a review of an assignment opens a correction
 * request to its provider, due on `due` (NULL: 30 days after the review).
 * Since: 0.2.
 */
UPF_EXPORT int upf_review_answer(upf_db *db, long long review,
				 const char *criterion, const char *answer,
				 const char *note, const char *due);

/*
 * Imports reviews from CSV with the header
 * activity,instrument,unit,assignment,case,date,criterion,answer,note
 * (one of unit and assignment per line; case and note may be empty): one
 * review per activity, instrument, subject and case, one answer per line;
 * all or nothing, in the dialects of upf_value_import.
 * Since: 0.2.
 */
UPF_EXPORT int upf_review_import(long *rows, upf_db *db, const char *path);

/* Reviews, filtered by params_json (NULL: all): "activity",
 * "instrument", "unit". Columns: id, activity, instrument, unit,
 * assignment, case, reviewed_on, answers, positive, middle, negative, na.
 * Since: 0.2.
 */
UPF_EXPORT int upf_review_list(upf_table **out, upf_db *db,
			       const char *params_json);

/*
 * Correction requests (krav på rättelse), filtered by params_json (NULL:
 * all): "open" (true: not verified), "provider". Columns: id, provider,
 * assignment, review, criterion, text, opened_on, due, replied_on, reply,
 * verified_on, status ("open", "replied", "verified"), overdue (1: past
 * due and not verified, today).
 * Since: 0.2.
 */
UPF_EXPORT int upf_correction_list(upf_table **out, upf_db *db,
				   const char *params_json);

/* A provider's reply to a correction request, on a day (NULL: today),
 * with its text; a verification, which closes the request.
 * Since: 0.2.
 */
UPF_EXPORT int upf_correction_reply(upf_db *db, long long id, const char *on,
				    const char *reply);
UPF_EXPORT int upf_correction_verify(upf_db *db, long long id, const char *on);

/* ---- Findings (iakttagelser) ------------------------------------------- */

/*
 * What an activity found about a subject ("unit:U", "assignment:A",
 * "area:S" for a service area, "regime:in_house" or "regime:private") in a
 * quality area, graded "strength", "improvement" or "deficiency", on a day
 * (NULL: today). evidence_json (NULL for none) is an array of
 * "MEASURE:PERIOD": the measure's figure for the subject (its unit, its
 * assignment, or the total for its area or regime) is taken then and
 * kept as it was, so that a later correction of a value does not change
 * what the finding rested on. *id receives the finding's number.
 * Since: 0.2.
 */
UPF_EXPORT int upf_finding_add(long long *id, upf_db *db, const char *activity,
			       const char *subject, const char *quality_area,
			       const char *grade, const char *text, const char *on,
			       const char *evidence_json);

/* Findings, filtered by params_json (NULL: all): "activity", "year" (of
 * the activity's plan), "quality_area", "grade". Columns: id, activity,
 * year, subject, quality_area, grade, text, found_on, evidence.
 * Since: 0.2.
 */
UPF_EXPORT int upf_finding_list(upf_table **out, upf_db *db,
				const char *params_json);

/* The figures a finding rests on, as taken. Columns: measure, period,
 * node, value, numerator, denominator, units_reported, units_expected.
 * Since: 0.2.
 */
UPF_EXPORT int upf_finding_evidence(upf_table **out, upf_db *db, long long id);

/* ---- The overall assessment (sammanvägd bedömning) --------------------- */

/*
 * The administration's combined judgement of a committee's year in a
 * quality area, for all its units (scope NULL or "all") or for
 * "regime:R", "assignment:A" or "area:S": grade "good", "acceptable",
 * "improvement_needed" or "insufficient", with its rationale, on a day
 * (NULL: today). A new assessment of the same key supersedes the old,
 * which is kept.
 * Since: 0.2.
 */
UPF_EXPORT int upf_assessment_set(upf_db *db, const char *committee, int year,
				  const char *quality_area, const char *scope,
				  const char *grade, const char *rationale,
				  const char *on);

/* Every assessment of a committee's year (quality_area NULL: all), the
 * superseded ones too, oldest first. Columns: id, quality_area, scope,
 * grade, rationale, assessed_on, superseded_by, current (1 or 0).
 * Since: 0.2.
 */
UPF_EXPORT int upf_assessment_history(upf_table **out, upf_db *db,
				      const char *committee, int year,
				      const char *quality_area);

/* ---- Actions from any source (åtgärder) -------------------------------- */

/*
 * An action decided because of a source: "deviation:ID", "activity:A",
 * "finding:ID", "review:ID" or "measure:CODE:PERIOD" (a figure, such as a
 * survey result); with its text, who is responsible, a due day (may be
 * NULL), the unit it concerns (NULL: the source's, where it has one), and
 * the day it was decided (NULL: today). *id receives its number. An
 * action is done with upf_action_done, and its effect evaluated after:
 * "achieved", "partly" or "not_achieved", on a day, with a note (may be
 * NULL). A deviation's actions and immediate measures are actions of this
 * kind too.
 * Since: 0.2.
 */
UPF_EXPORT int upf_action_add_from(long long *id, upf_db *db, const char *source,
				   const char *text, const char *responsible,
				   const char *due, const char *unit, const char *on);
UPF_EXPORT int upf_action_evaluate(upf_db *db, long long id, const char *on,
				   const char *effect, const char *note);

/*
 * Actions, filtered by params_json (NULL: all): "open" (true: not done),
 * "overdue" (true: past due and not done, on "at", default today),
 * "committee", "provider" (where the action's unit or assignment stood
 * when it was decided), "source" (a kind of source), "period" (decided
 * within it). Columns: id, source, ref, unit, assignment, text,
 * responsible, decided_on, due, done, immediate, evaluated_on, effect,
 * overdue.
 * Since: 0.2.
 */
UPF_EXPORT int upf_action_list(upf_table **out, upf_db *db,
			       const char *params_json);

/* ---- Stakeholders (intressenter) --------------------------------------- */

/* A stakeholder of the follow-up, of a kind: "users", "relatives",
 * "provider", "partner", "staff", "union", "committee" or "other".
 * Columns of the list: code, name, kind, activities (that name it).
 * Since: 0.2.
 */
UPF_EXPORT int upf_stakeholder_add(upf_db *db, const char *code, const char *name,
				   const char *kind);
UPF_EXPORT int upf_stakeholder_list(upf_table **out, upf_db *db);

/*
 * Changes an activity outside its plan's dates and status: options_json
 * takes "title", "description" and "stakeholders" (an array of codes,
 * which replaces the activity's).
 * Since: 0.2.
 */
UPF_EXPORT int upf_activity_edit(upf_db *db, const char *code,
				 const char *options_json);

/*
 * Records that an activity's results were fed back to one of its
 * stakeholders on a day (NULL: today), how ("meeting", "letter", "web",
 * "report"), with a note (may be NULL).
 * Since: 0.2.
 */
UPF_EXPORT int upf_activity_inform(upf_db *db, const char *activity,
				   const char *stakeholder, const char *on,
				   const char *how, const char *note);

/* ---- Supervision reports (tillsyn) -------------------------------------- */

/*
 * A report from an authority ("IVO" or "AMV", Arbetsmiljöverket) to which
 * a response is due: addressed to a unit (level 2 or 3) or an assignment
 * (pass NULL for the other), with the authority's reference (may be
 * NULL), a summary, the day it was received (NULL: today) and the day the
 * response is due. It is responded to on a day, and closed after.
 * *id receives its number.
 * Since: 0.2.
 */
UPF_EXPORT int upf_supervision_add(long long *id, upf_db *db, const char *authority,
				   const char *unit, const char *assignment,
				   const char *reference, const char *summary,
				   const char *received, const char *due);
UPF_EXPORT int upf_supervision_respond(upf_db *db, long long id, const char *on);
UPF_EXPORT int upf_supervision_close(upf_db *db, long long id, const char *on);

/*
 * Supervision reports, filtered by params_json (NULL: all): "open" (true:
 * not closed), "authority", and "at" (the day reminders are judged on,
 * default today). Columns: id, authority, reference, unit, assignment,
 * summary, received_on, response_due, responded_on, closed_on, status
 * ("received", "responded", "closed"), days_left (to the response, while
 * none is given), reminder ("overdue", "due" within 14 days, or NULL).
 * Since: 0.2.
 */
UPF_EXPORT int upf_supervision_list(upf_table **out, upf_db *db,
				    const char *params_json);

/* ---- Reports ---------------------------------------------------------- */

/*
 * Runs a report and hands back its JSON in *out (free with upf_free). The
 * report "values" takes params_json with the keys:
 *   "period"      required: the period reported
 *   "level"       3, 2, 1, "committee" or "total" (default 2)
 *   "measures"    an array of measure or indicator codes (default: all
 *                 that can be reported for the period)
 *   "by"          "regime", "provider" or "area": a breakdown
 *   "unit", "assignment", "committee"   a node to report under
 *   "compare"     "previous": the same period one year earlier (previous,
 *                 change); "national": Kolada's value for the whole
 *                 country; "municipality": that of the municipality named
 *                 by "municipality" (four digits); "group": that of the
 *                 municipality group named by "group" (G33612); "ou":
 *                 that of the organisational unit named by "ou". Kolada's
 *                 values are shown (reference) for measures with a KPI
 *                 code and a period that is a whole year; reference_status
 *                 gives the source's status beside a value ("Missing"),
 *                 or why there is none ("not imported", "no figure for
 *                 gender K", "yearly only", "no KPI")
 *   "gender"      "T" (default), "K" or "M": whose Kolada value
 *   "trend"       true: a row per period of the range instead, each
 *                 measure (an indicator: its numerator) at its own
 *                 frequency, over the periods the range holds whole, in a
 *                 first column "period" ("2026-05", "2026-Q2", "2026-T2",
 *                 "2026-H1", "2026"); rows by measure, node and period
 * and gives {"report":"values","period":P,"from":"YYYY-MM","to":"YYYY-MM",
 * "level":L,"rows":[...]}, each row an object of the report's columns.
 * Columns of "values": measure, node, node_name, group, value, numerator,
 * denominator, units_reported, units_expected, periods_reported,
 * periods_expected, target, status, previous, change, reference,
 * reference_status, measure_name (last, so that the columns before keep
 * their places). A unit
 * is expected where the measure applies in its service area (for an
 * indicator: where both of its measures apply); periods_expected counts
 * unit-periods (3 units x 4 months = 12) and periods_reported those with
 * a value. An indicator has a row where both measures have a figure and
 * the denominator's is not 0. Measures computed from deviations (the AVV-* codes
 * of the catalogue) report like any other; for the median days to close,
 * the value is the median over the node's deviations and the denominator
 * how many were closed. A number that is not finite is written as null.
 * Since: 0.2.
 */
UPF_EXPORT int upf_report_json(char **out, upf_db *db, const char *report,
			       const char *params_json);

/*
 * The report "deviations" takes "period", "level" (as above), "by"
 * ("type" or "category"), "unit", "assignment", "committee": each
 * deviation reported in the period counted where its unit stood the day
 * it was reported, IVO's deadlines judged on the period's last day (or
 * today if sooner). Columns of "deviations": node, node_name, group,
 * registered, investigated, investigated_share, closed, closed_within_30,
 * closed_within_30_share, median_days_to_close, lex_sarah,
 * lex_sarah_serious, lex_maria, ivo_overdue, actions, actions_done,
 * immediate_actions (immediate measures, counted among the actions).
 *
 * The report "basic" takes "year" and "level" (2, 1, "committee" or
 * "total"; default 2), and gives a row per item and node.
 * The report "quality" takes "period", "level" (3 or 2; default both),
 * "measures" (as above), "unit", "assignment", "committee" and "z" (the
 * outlier threshold, default 3.5), and gives a row per finding about a
 * unit's data: "missing" (a period the unit was expected to report and
 * did not), "out_of_range" (a value recorded outside the plausible range,
 * confirmed), "rule" (a rule broken; detail names it and its severity) and
 * "outlier" (a value whose modified z-score, 0.6745 * (x - median) / MAD,
 * is beyond z against the unit's own values of the 12 periods before (at
 * least 4), or, for a share or a mean, against the values of the same
 * measure and period in the units of the same service area (at least 5);
 * detail says which, with the median and the score; a yes/no is never
 * an outlier).
 * Columns of "quality": measure, unit, unit_name, provider, period,
 * issue, value, detail.
 *
 * The report "missing" takes "period", "level", "measures", "unit",
 * "assignment", "committee": the reminder list, a row per unit and
 * measure that lacks periods. Columns of "missing": provider,
 * provider_name, unit, unit_name, measure, measure_name, periods (the
 * missing periods, separated by spaces), missing (their count).
 *
 * The report "plan" takes "year", "committee" and "at" (the day deadlines
 * are judged on; default the year's last day, or today if sooner): per
 * kind of activity and per quality area, activities planned, started,
 * done, cancelled and overdue; then the quality areas and the level-3
 * units that no activity (not cancelled) covers.
 * Columns of "plan": dimension ("kind", "quality_area", "uncovered_area",
 * "uncovered_unit"), key, name, activities, planned, started, done,
 * cancelled, overdue.
 *
 * The report "review" takes "activity" and "by" ("criterion", the
 * default, or "unit"): its reviews' answers per criterion (and subject:
 * the unit, or the assignment of a contract review).
 * Columns of "review": instrument, criterion, text, subject, answers,
 * positive, middle, negative, na, share (positive among those that apply,
 * in percent).
 *
 * The report "goals" takes "year", "committee" and "level" (1, 2,
 * "committee" or "total", the default): the committee's goals of the year
 * and the catalogue's goals with a target, each with its measures' rows
 * of the report "values" over the year. Columns of "goals": goal,
 * goal_text, committee, measure, node, node_name, value, target, status,
 * previous, goal_status ("met": every measure with a status met its
 * target; "not_met": none did; "partly"; "no_data").
 *
 * The report "assessment" takes "year", "committee" (default: each) and
 * "by" ("regime", "assignment" or "area"; default: the scope "all", the
 * committee's units as a whole): a grid of quality areas and scopes,
 * each cell with the current grade and its rationale; the findings of
 * the committee's activities of the year by grade, each counted where
 * its subject stood the day it was made (a unit's regime, assignment and
 * service area; an assignment's regime; a finding about a service area
 * counts in no regime, one about a regime in no area); of the quality
 * area's measures with a target for the year and a value, those that met
 * it, and their share; the serious lex Sarah and lex Maria cases
 * reported in the year in the scope (a deviation has no quality area:
 * the same number in each row of a scope); and the grade of the year
 * before.
 * Columns of "assessment": committee, quality_area, scope, grade,
 * rationale, strengths, improvements, deficiencies, measures,
 * measures_met, met_share, serious_deviations, previous_grade.
 *
 * The report "actions" takes "period", "committee" and "level" (1 or 2,
 * default 2): per source and node (where the action's unit or assignment
 * stood when it was decided; "-" for none), the actions decided in the
 * period, and of them those done, overdue at the period's end (or
 * today), evaluated, and their effect.
 * Columns of "actions": source, node, node_name, decided, done, overdue,
 * evaluated, achieved, partly, not_achieved.
 *
 * The report "information" takes "year" and "committee": per activity of
 * the year that is done, each of its stakeholders and when and how they
 * were informed (NULL: not yet).
 * Columns of "information": activity, title, stakeholder, stakeholder_name,
 * kind, informed_on, how.
 *
 * The report "received" takes "committee" and "year" (of the meeting),
 * both optional: the committee reports presented, the documented
 * återrapportering.
 * Columns of "received": id, committee, kind, period, title, meeting,
 * reference, sha256.
 *
 * Columns of "basic": item, item_name, node, node_name, units, routine,
 * routine_share, performed, performed_share, level2_units, analysed,
 * analysed_share, lacking (the units without a routine or without it
 * performed), not_analysed (the level-2 units).
 */

/* The same report's rows as a table, with the same columns.
 * Since: 0.2.
 */
UPF_EXPORT int upf_report_table(upf_table **out, upf_db *db,
				const char *report, const char *params_json);

/* ---- Reporting to the committee ---------------------------------------- */

/*
 * Builds a draft committee report (kind "interim" (delårsrapport),
 * "annual" (årsbokslut), "quality" (kvalitetsberättelse) or "adhoc") for a
 * committee and a period, and gives its number in *id. Its figures are
 * taken from the registry now and kept: measures at levels 1 and 2
 * against targets and the year before, the national reference, a monthly
 * trend of the measures with a target, deviations, the basic follow-up,
 * the plan, goals and review results, findings, the overall assessment,
 * actions and their effect, stakeholders informed, and periods unlocked
 * since the committee's last report. A section without data is left out.
 * options_json (NULL: none) takes "title" and "internal" (true: no
 * disclosure control; not a public document).
 *
 * A public report shows no figure that rests on fewer individuals than
 * the registry's "disclosure_threshold" (upf_setting_set; default 5) of a
 * measure that counts people (upf_measure_add's "individuals"): a count
 * below it, or a share or mean over fewer; such a cell is null in JSON and
 * "–" in text, with a footnote, and where it could be worked out from the
 * others and their total, the next smallest of its group goes too.
 * Since: 0.2.
 */
UPF_EXPORT int upf_committee_report_build(long long *id, upf_db *db, const char *committee,
					  const char *kind, const char *period,
					  const char *options_json);

/* The administration's narrative for one section of a draft ("summary" or
 * a section's name, as in its JSON); "" removes it. Refused once the
 * report is presented (UPF_DETAIL_PRESENTED). Since: 0.2. */
UPF_EXPORT int upf_committee_report_text(upf_db *db, long long id, const char *section,
					 const char *text);

/*
 * The report as "json", "md" or "html" in *out (free with upf_free). The
 * HTML is one self-contained file: styles inline, charts as inline SVG
 * with their tables, no script and nothing loaded from elsewhere. A
 * presented report gives the HTML kept when it was presented.
 * Since: 0.2.
 */
UPF_EXPORT int upf_committee_report_show(char **out, upf_db *db, long long id,
					 const char *format);

/*
 * Presents a draft at the committee's meeting (a date) under its
 * reference (diarienummer): the figures, the narrative and the HTML are
 * kept with their SHA-256, nothing of the report can change after, and the
 * period is locked for the committee's units (upf_period_lock).
 * Since: 0.2.
 */
UPF_EXPORT int upf_committee_report_present(upf_db *db, long long id, const char *meeting,
					    const char *reference);

/* Recomputes a presented report's SHA-256: UPF_OK when it matches, else
 * UPF_CORRUPT naming both. Since: 0.2. */
UPF_EXPORT int upf_committee_report_verify(upf_db *db, long long id);

/*
 * What the registry now gives differently from a presented report: every
 * figure of its measure and deviation sections that changed, appeared or
 * went, and every unlock of a period it covers. Columns: section,
 * measure, node, column, presented, now, note.
 * Since: 0.2.
 */
UPF_EXPORT int upf_committee_report_diff(upf_table **out, upf_db *db, long long id);

/* The committee reports, of one committee or all (NULL). Columns: id,
 * committee, kind, period, title, internal, built_on, meeting, reference,
 * sha256. Since: 0.2. */
UPF_EXPORT int upf_committee_report_list(upf_table **out, upf_db *db,
					 const char *committee);

/*
 * Locks a period for a committee's units: recording, importing or
 * deleting their values of any month in it is refused
 * (UPF_DETAIL_LOCKED). Presenting a report locks its period; a committee
 * may approve before its meeting too.
 * Since: 0.2.
 */
UPF_EXPORT int upf_period_lock(upf_db *db, const char *committee, const char *period);

/* Lifts a committee's locks from the months of the period, with a
 * reason, which stays in the list of locks and shows in
 * upf_committee_report_diff and in the committee's next report; a lock
 * that held more months goes on holding them. Since: 0.2. */
UPF_EXPORT int upf_period_unlock(upf_db *db, const char *committee, const char *period,
				 const char *reason);

/* The period locks, of one committee or all (NULL). Columns: committee,
 * period, from, to, report, meeting, locked_on, unlocked_on, unlocked
 * (the period the unlock named), reason.
 * Since: 0.2. */
UPF_EXPORT int upf_period_lock_list(upf_table **out, upf_db *db, const char *committee);

/* ---- Settings ---------------------------------------------------------- */

/* Sets a setting of the registry: "disclosure_threshold" (1..100, the
 * fewest individuals a public figure may rest on). Since: 0.2. */
UPF_EXPORT int upf_setting_set(upf_db *db, const char *name, const char *value);

/* The settings. Columns: name, value. Since: 0.2. */
UPF_EXPORT int upf_setting_list(upf_table **out, upf_db *db);

/* ---- Audit trail ------------------------------------------------------ */

/*
 * The audit trail, oldest first: every write with its actor, time (UTC),
 * table, operation, key, and old and new values as JSON. `since` (a date
 * or NULL) and `actor` (or NULL) filter it. Columns: id, at, actor,
 * table, op, key, old, new, scope (the scope the write was made under,
 * NULL for the administration's). Under a scope, only the writes made
 * under it; in a provider's own registry, all of its trail.
 * Since: 0.2.
 */
UPF_EXPORT int upf_audit_list(upf_table **out, upf_db *db, const char *since,
			    const char *actor);

#ifdef __cplusplus
}
#endif
#endif /* UPPFOLJ_H */
