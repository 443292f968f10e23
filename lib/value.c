/* Values: measure x unit x period, recorded one at a time or in a batch.
 * Both go through the same checks; a batch remembers what it looked up. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define UPF_NOTE_MAX 500

enum { T_COUNT, T_AMOUNT, T_SHARE, T_MEAN, T_YESNO };

struct measure_info {
	sqlite3_int64 id;
	char type[8];
	int kind; /* T_COUNT ... */
	int level, months;
	char frequency[8];
};

struct span {
	int from, to; /* YYYYMMDD, inclusive */
};

struct unit_info {
	sqlite3_int64 id;
	int level;
	int first, count; /* into the batch's spans */
};

/* What recording a value looks up: measures, and units with the spans
 * during which they are active. Kept on the handle across calls, for as
 * long as the registry's organisation and catalogue are unchanged: see
 * cache_check. */
struct upf_cache {
	sqlite3_int64 version; /* PRAGMA data_version when filled */
	struct upf_map measure_ix, unit_ix;
	struct measure_info *measures;
	struct unit_info *units;
	struct span *spans;
	int nmeasures, nunits, nspans;
	int capmeasures, capunits, capspans;
};

struct upf_batch {
	upf_db *db;
	long rows;
	char *source; /* where the values come from, for the audit trail */
	sqlite3_stmt *insert, *update;
};

void upf__cache_clear(upf_db *db)
{
	struct upf_cache *c = db->cache;
	if (!c)
		return;
	upf__map_free(&c->measure_ix);
	upf__map_free(&c->unit_ix);
	upf_free(c->measures);
	upf_free(c->units);
	upf_free(c->spans);
	upf_free(c);
	db->cache = NULL;
}

/* Inside a write transaction: drops what another connection may have
 * changed since the cache was filled (the handle's own writes to the
 * organisation and catalogue clear it as they commit, in upf__end). */
static int cache_check(upf_db *db)
{
	sqlite3_int64 version;
	sqlite3_stmt *st = upf__stmt(db, "PRAGMA data_version");
	int status = st ? upf__step_int(db, st, &version) : db->status;
	if (status)
		return status;
	if (db->cache && db->cache->version != version)
		upf__cache_clear(db);
	if (!db->cache) {
		if (!(db->cache = upf__malloc(sizeof *db->cache)))
			return upf__fail(db, UPF_NOMEM, "out of memory");
		memset(db->cache, 0, sizeof *db->cache);
		db->cache->version = version;
	}
	return UPF_OK;
}

/* Grows an array of `size`-byte items so that one more fits. */
static int reserve(void **items, int n, int *cap, size_t size)
{
	if (n < *cap)
		return UPF_OK;
	int c = *cap ? 2 * *cap : 16;
	void *p = upf__realloc(*items, (size_t)c * size);
	if (!p)
		return UPF_NOMEM;
	*items = p;
	*cap = c;
	return UPF_OK;
}

static int type_kind(const char *type)
{
	static const char *const names[] = {"count", "amount", "share", "mean", "yesno"};
	for (int k = 0; k < 5; k++)
		if (!strcmp(type, names[k]))
			return k;
	return T_AMOUNT;
}

static int load_measure(upf_db *db, const char *code,
			const struct measure_info **out)
{
	struct upf_cache *c = db->cache;
	if (!code || !*code)
		return upf__check_code(db, "measure", code);
	int i = upf__map_get(&c->measure_ix, code);
	if (i >= 0) {
		*out = &c->measures[i];
		return UPF_OK;
	}
	int status = upf__check_code(db, "measure", code);
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT m.id, m.type, m.level, m.frequency, f.months, m.source "
		"FROM measure m JOIN frequency f ON f.code = m.frequency "
		"WHERE m.code = ?1");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return upf__fail(db, UPF_NOTFOUND, "measure: unknown measure '%s'", code);
	}
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 5) != SQLITE_NULL) {
		status = upf__fail(db, UPF_REFUSED, "measure '%s': computed from %s; "
				   "its values are not recorded", code,
				   sqlite3_column_text(st, 5));
		sqlite3_reset(st);
		return status;
	}
	if (rc != SQLITE_ROW || reserve((void **)&c->measures, c->nmeasures,
					&c->capmeasures, sizeof *c->measures)) {
		sqlite3_reset(st);
		return rc == SQLITE_ROW ? upf__fail(db, UPF_NOMEM, "out of memory")
					: upf__sqlfail(db, rc);
	}
	struct measure_info *m = &c->measures[c->nmeasures];
	m->id = sqlite3_column_int64(st, 0);
	snprintf(m->type, sizeof m->type, "%s", sqlite3_column_text(st, 1));
	m->kind = type_kind(m->type);
	m->level = sqlite3_column_int(st, 2);
	snprintf(m->frequency, sizeof m->frequency, "%s", sqlite3_column_text(st, 3));
	m->months = sqlite3_column_int(st, 4);
	sqlite3_reset(st);
	if (upf__map_put(&c->measure_ix, code, c->nmeasures))
		return upf__fail(db, UPF_NOMEM, "out of memory");
	*out = &c->measures[c->nmeasures++];
	return UPF_OK;
}

/* A unit with the spans during which it is active. */
static int load_spans(upf_db *db, struct unit_info *u)
{
	struct upf_cache *c = db->cache;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT CAST(replace(valid_from, '-', '') AS INTEGER), "
		"CAST(replace(coalesce(valid_to, '9999-12-31'), '-', '') AS INTEGER) "
		"FROM unit_lineage WHERE unit_id = ?1");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, u->id);
	u->first = c->nspans;
	u->count = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (reserve((void **)&c->spans, c->nspans, &c->capspans,
			    sizeof *c->spans)) {
			sqlite3_reset(st);
			return upf__fail(db, UPF_NOMEM, "out of memory");
		}
		c->spans[c->nspans].from = sqlite3_column_int(st, 0);
		c->spans[c->nspans].to = sqlite3_column_int(st, 1);
		c->nspans++, u->count++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? UPF_OK : upf__sqlfail(db, rc);
}

static int load_unit(upf_db *db, const char *code, const struct unit_info **out)
{
	struct upf_cache *c = db->cache;
	if (!code || !*code)
		return upf__check_code(db, "unit", code);
	int i = upf__map_get(&c->unit_ix, code);
	if (i >= 0) {
		*out = &c->units[i];
		return UPF_OK;
	}
	sqlite3_int64 id, level;
	int status = upf__id_of(db, &id, "unit", "unit", code);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db, "SELECT level FROM unit WHERE id = ?1");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, id);
		status = upf__step_int(db, st, &level);
	}
	if (!status && reserve((void **)&c->units, c->nunits, &c->capunits,
			       sizeof *c->units))
		status = upf__fail(db, UPF_NOMEM, "out of memory");
	if (status)
		return status;
	struct unit_info *u = &c->units[c->nunits];
	u->id = id;
	u->level = (int)level;
	if ((status = load_spans(db, u)))
		return status;
	if (upf__map_put(&c->unit_ix, code, c->nunits))
		return upf__fail(db, UPF_NOMEM, "out of memory");
	*out = &c->units[c->nunits++];
	return UPF_OK;
}

static int ymd(int month, int day)
{
	return month / 12 * 10000 + (month % 12 + 1) * 100 + day;
}

static int check_place(upf_db *db, const struct measure_info *m,
		       const struct unit_info *u, const struct span *spans,
		       const char *measure, const char *unit, const char *period,
		       int from, int to)
{
	if (to - from + 1 != m->months || from % m->months)
		return upf__fail(db, UPF_INVALID,
				 "period '%s': measure '%s' is recorded per %s",
				 upf__shown(period), measure, m->frequency);
	if (u->level != m->level)
		return upf__fail(db, UPF_REFUSED,
				 "unit '%s': a level-%d unit; measure '%s' is "
				 "recorded at level %d",
				 unit, u->level, measure, m->level);
	int begin = ymd(from, 1), end = ymd(to, 31);
	for (int i = 0; i < u->count; i++)
		if (spans[u->first + i].from <= end && spans[u->first + i].to >= begin)
			return UPF_OK;
	return upf__fail(db, UPF_REFUSED, "unit '%s': not active during %s", unit,
			 upf__shown(period));
}

/* The rules of each type. A share's value is a count out of den; a mean's
 * den is its number of observations. */
static int check_number(upf_db *db, const struct measure_info *m,
			const char *measure, double v, const double *den)
{
	int k = m->kind, needs_den = k == T_SHARE || k == T_MEAN;
	if (!isfinite(v))
		return upf__fail(db, UPF_INVALID, "value: not a finite number");
	if (den && !isfinite(*den))
		return upf__fail(db, UPF_INVALID, "denominator: not a finite number");
	if (needs_den && !den)
		return upf__fail(db, UPF_INVALID,
				 "denominator: missing; measure '%s' is of type %s",
				 measure, m->type);
	if (!needs_den && den)
		return upf__fail(db, UPF_INVALID,
				 "denominator '%.15g': not allowed; measure '%s' "
				 "is of type %s", *den, measure, m->type);
	if (den && *den <= 0)
		return upf__fail(db, UPF_INVALID,
				 "denominator '%.15g': must be greater than 0", *den);
	if (k == T_MEAN && *den != floor(*den))
		return upf__fail(db, UPF_INVALID,
				 "denominator '%.15g': the number of observations "
				 "must be whole", *den);
	if (k == T_COUNT && (v < 0 || v != floor(v)))
		return upf__fail(db, UPF_INVALID,
				 "value '%.15g': a count must be a whole number, "
				 "0 or more", v);
	if (k == T_YESNO && v != 0 && v != 1)
		return upf__fail(db, UPF_INVALID,
				 "value '%.15g': a yes/no value must be 0 or 1", v);
	if (k == T_SHARE && (v < 0 || v > *den))
		return upf__fail(db, UPF_INVALID,
				 "value '%.15g': a share's count must be 0 to its "
				 "denominator %.15g", v, *den);
	return UPF_OK;
}

/* Runs the batch's INSERT or UPDATE, bound as (?1 measure, ?2 start,
 * ?3 unit, ?4 value, ?5 den, ?6 note). UPF_EXISTS: the INSERT found the
 * value there already. */
static int write_value(upf_db *db, sqlite3_stmt *st, sqlite3_int64 measure,
		       int start, sqlite3_int64 unit, double value,
		       const double *den, const char *note)
{
	sqlite3_bind_int64(st, 1, measure);
	sqlite3_bind_int(st, 2, start);
	sqlite3_bind_int64(st, 3, unit);
	sqlite3_bind_double(st, 4, value);
	if (den)
		sqlite3_bind_double(st, 5, *den);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_text(st, 6, note, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return UPF_OK;
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return UPF_EXISTS;
	return upf__sqlfail(db, rc);
}

static int audit_insert(upf_db *db, const char *measure, const char *unit,
			int start, int months, double value, const double *den,
			const char *note)
{
	char label[16];
	upf__period_label(start, months, label);
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), "
		"'value', 'insert', ?1 || '/' || ?2 || '/' || ?3, "
		"upf_audit_row('value', ?4, 'denominator', ?5, 'note', ?6))");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, measure, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, unit, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, label, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 4, value);
	if (den)
		sqlite3_bind_double(st, 5, *den);
	sqlite3_bind_text(st, 6, note, -1, SQLITE_STATIC);
	return upf__step_done(db, st);
}

static int batch_open(upf_batch **out, upf_db *db, int bulk)
{
	*out = NULL;
	upf_batch *b = upf__malloc(sizeof *b);
	if (!b)
		return upf__fail(db, UPF_NOMEM, "out of memory");
	memset(b, 0, sizeof *b);
	b->db = db;
	int status = upf__write_begin(db);
	if (!status)
		status = cache_check(db);
	/* A plain INSERT, and an UPDATE only where the value exists: an upsert
	 * would make every insert carry the update trigger's machinery. */
	if (!status && !(b->insert = upf__stmt(db,
		"INSERT INTO value (measure_id, start, unit_id, value, den, note) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)")))
		status = db->status;
	if (!status && !(b->update = upf__stmt(db,
		"UPDATE value SET value = ?4, den = ?5, note = ?6 "
		"WHERE measure_id = ?1 AND start = ?2 AND unit_id = ?3")))
		status = db->status;
	if (status) {
		upf__end(db, status);
		upf_free(b);
		return status;
	}
	db->writes_org = 0; /* values only: the cache stays good */
	db->bulk = bulk;
	*out = b;
	return UPF_OK;
}

int upf_batch_begin(upf_batch **out, upf_db *db)
{
	if (!out || !db)
		return UPF_MISUSE;
	return batch_open(out, db, 1);
}

int upf_batch_add(upf_batch *b, const char *measure, const char *unit,
		  const char *period, double value, const double *den,
		  const char *note)
{
	const struct measure_info *m = NULL;
	const struct unit_info *u = NULL;
	int from, to;
	if (!b)
		return UPF_MISUSE;
	upf_db *db = b->db;
	int status = load_measure(db, measure, &m);
	if (!status)
		status = upf__period_parse(db, "period", period, &from, &to);
	if (!status)
		status = load_unit(db, unit, &u);
	if (!status)
		status = check_place(db, m, u, db->cache->spans, measure, unit, period,
				     from, to);
	if (!status)
		status = check_number(db, m, measure, value, den);
	if (!status && note)
		status = upf__check_prose(db, "note", note, UPF_NOTE_MAX);
	if (status)
		return status;
	/* Prepared once for the batch: this is the hot path. */
	status = write_value(db, b->insert, m->id, from, u->id, value, den, note);
	if (status == UPF_EXISTS)
		status = write_value(db, b->update, m->id, from, u->id, value, den, note);
	/* A replaced value is recorded by the update trigger; a new one here. */
	else if (!status && !db->bulk)
		status = audit_insert(db, measure, unit, from, m->months, value, den, note);
	if (!status)
		b->rows++;
	return status;
}

static int audit_bulk(upf_batch *b)
{
	sqlite3_stmt *st = upf__stmt(b->db,
		"INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), "
		"'value', 'bulk', ?2, upf_audit_row('rows', ?1))");
	if (!st)
		return b->db->status;
	sqlite3_bind_int64(st, 1, b->rows);
	sqlite3_bind_text(st, 2, b->source, -1, SQLITE_STATIC);
	return upf__step_done(b->db, st);
}

int upf_batch_commit(upf_batch *b)
{
	if (!b || !b->db)
		return UPF_MISUSE;
	upf_db *db = b->db;
	int status = db->bulk && b->rows ? audit_bulk(b) : UPF_OK;
	db->bulk = 0;
	b->db = NULL; /* committed or rolled back: free has nothing to undo */
	return upf__end(db, status);
}

void upf_batch_free(upf_batch *b)
{
	if (!b)
		return;
	if (b->db) {
		b->db->bulk = 0;
		sqlite3_exec(b->db->sql, "ROLLBACK", NULL, NULL, NULL);
	}
	upf_free(b->source);
	upf_free(b);
}

long upf_batch_rows(const upf_batch *b) { return b ? b->rows : 0; }

int upf__batch_source(upf_batch *b, const char *source)
{
	upf_free(b->source);
	b->source = upf__strdup(source);
	return b->source ? UPF_OK : upf__fail(b->db, UPF_NOMEM, "out of memory");
}

int upf_value_set(upf_db *db, const char *measure, const char *unit,
		  const char *period, double value, const double *den,
		  const char *note)
{
	upf_batch *b;
	if (!db)
		return UPF_MISUSE;
	int status = batch_open(&b, db, 0);
	if (status)
		return status;
	status = upf_batch_add(b, measure, unit, period, value, den, note);
	if (!status)
		status = upf_batch_commit(b);
	upf_batch_free(b);
	return status;
}

int upf_value_delete(upf_db *db, const char *measure, const char *unit,
		     const char *period)
{
	sqlite3_int64 measure_id, unit_id;
	int from, to;
	if (!db)
		return UPF_MISUSE;
	int status = upf__period_parse(db, "period", period, &from, &to);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = upf__id_of(db, &measure_id, "measure", "measure", measure);
	if (!status)
		status = upf__id_of(db, &unit_id, "unit", "unit", unit);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"DELETE FROM value WHERE measure_id = ?1 AND unit_id = ?2 "
		"AND start = ?3 AND ?4 = start + (SELECT f.months FROM measure m "
		"JOIN frequency f ON f.code = m.frequency WHERE m.id = ?1) - 1");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, measure_id);
		sqlite3_bind_int64(st, 2, unit_id);
		sqlite3_bind_int(st, 3, from);
		sqlite3_bind_int(st, 4, to);
		status = upf__step_done(db, st);
	}
	if (!status && sqlite3_changes(db->sql) == 0)
		status = upf__fail(db, UPF_NOTFOUND,
				   "period '%s': no value of measure '%s' for "
				   "unit '%s'", upf__shown(period), measure, unit);
	return upf__end(db, status);
}

int upf_value_list(upf_table **out, upf_db *db, const char *measure,
		   const char *unit, const char *period)
{
	int from = 0, to = 0;
	*out = NULL;
	if (!db)
		return UPF_MISUSE;
	int status = period ? upf__period_parse(db, "period", period, &from, &to)
			    : UPF_OK;
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT v.measure, v.unit, v.period, v.value, v.denominator, v.note "
		"FROM value_labelled v "
		"JOIN measure m ON m.id = v.measure_id "
		"JOIN frequency f ON f.code = m.frequency "
		"WHERE (?1 IS NULL OR v.measure = ?1) AND (?2 IS NULL OR v.unit = ?2) "
		"AND (?3 IS NULL OR (v.start >= ?3 AND v.start + f.months - 1 <= ?4)) "
		"ORDER BY v.measure, v.start, v.unit");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, measure, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, unit, -1, SQLITE_STATIC);
	if (period) {
		sqlite3_bind_int(st, 3, from);
		sqlite3_bind_int(st, 4, to);
	}
	return upf__table_from_stmt(out, db, st);
}
