/* What recording a value looks up, kept on the handle: the measures
 * written, each with its type, level and frequency, and every unit with
 * its level and the spans during which it is active. The units are read
 * the first time a value is recorded, a measure the first time one of
 * its values is; the cache is dropped when the organisation or the
 * catalogue changes: by this handle's writers, which call
 * upf__cache_invalidate, or by another connection, which PRAGMA
 * data_version reveals. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

struct upf_cache {
	sqlite3_int64 version; /* PRAGMA data_version when filled */
	struct upf_map measure_ix, unit_ix;
	struct upf_map applies; /* "measure id/area id" of measure_area */
	struct upf_cached_measure *measures;
	struct upf_cached_unit *units;
	struct upf_span *spans;
	struct upf_lock *locks;
	int nmeasures, nunits, nspans, nlocks;
	int capmeasures, capunits, capspans, caplocks;
};

void upf__cache_invalidate(upf_db *db)
{
	struct upf_cache *c = db->cache;
	if (!c)
		return;
	upf__map_free(&c->measure_ix);
	upf__map_free(&c->unit_ix);
	upf__map_free(&c->applies);
	upf_free(c->measures);
	upf_free(c->units);
	upf_free(c->spans);
	upf_free(c->locks);
	upf_free(c);
	db->cache = NULL;
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
	return UPF_T_AMOUNT;
}

/* A measure, read when one of its values is first written: a fresh
 * handle writing one measure's values read every measure's row, a fifth
 * of its first batch (1.8M instructions of 7.0M at 170 measures).
 * UPF_NOTFOUND, without a message, when there is none. */
static int load_measure(upf_db *db, struct upf_cache *c, const char *code)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT m.id, m.type, m.level, m.frequency, f.months, "
		"nullif(m.computed, 0), coalesce(m.retired_from, -1), "
		"EXISTS (SELECT 1 FROM measure_area x WHERE x.measure_id = m.id), "
		"(SELECT count(*) FROM rule r WHERE r.severity = 'error' "
		"  AND m.id IN (r.left_id, r.right_id)), m.min, m.max "
		"FROM measure m JOIN frequency f ON f.code = m.frequency WHERE m.code = ?1");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? UPF_NOTFOUND : upf__sqlfail(db, rc);
	}
	if (reserve((void **)&c->measures, c->nmeasures, &c->capmeasures,
		    sizeof *c->measures))
		goto nomem;
	struct upf_cached_measure *m = &c->measures[c->nmeasures];
	m->id = sqlite3_column_int64(st, 0);
	snprintf(m->type, sizeof m->type, "%s", sqlite3_column_text(st, 1));
	m->kind = type_kind(m->type);
	m->level = sqlite3_column_int(st, 2);
	snprintf(m->frequency, sizeof m->frequency, "%s", sqlite3_column_text(st, 3));
	m->months = sqlite3_column_int(st, 4);
	m->computed = sqlite3_column_type(st, 5) != SQLITE_NULL;
	m->retired_from = sqlite3_column_int(st, 6);
	if (m->retired_from < 0)
		m->retired_from = INT_MAX;
	m->restricted = sqlite3_column_int(st, 7);
	m->rules = sqlite3_column_int(st, 8);
	m->has_min = sqlite3_column_type(st, 9) != SQLITE_NULL;
	m->min = sqlite3_column_double(st, 9);
	m->has_max = sqlite3_column_type(st, 10) != SQLITE_NULL;
	m->max = sqlite3_column_double(st, 10);
	sqlite3_reset(st);
	if (upf__map_put(&c->measure_ix, code, c->nmeasures))
		return upf__fail(db, UPF_NOMEM, "out of memory");
	return c->nmeasures++;
nomem:
	sqlite3_reset(st);
	return upf__fail(db, UPF_NOMEM, "out of memory");
}

static int load_applies(upf_db *db, struct upf_cache *c)
{
	sqlite3_stmt *st = upf__stmt(db, "SELECT measure_id, area_id FROM measure_area");
	if (!st)
		return db->status;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char key[48];
		snprintf(key, sizeof key, "%lld/%lld", sqlite3_column_int64(st, 0),
			 sqlite3_column_int64(st, 1));
		if (upf__map_put(&c->applies, key, 1)) {
			sqlite3_reset(st);
			return upf__fail(db, UPF_NOMEM, "out of memory");
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? UPF_OK : upf__sqlfail(db, rc);
}

/* Units in id order, then their spans in the same order: one pass pairs
 * them. (Joined in SQL, the spans had to be materialised for the units
 * without one: a third of a fresh handle's first write, in preparing the
 * statement alone.) */
static int load_unit_rows(upf_db *db, struct upf_cache *c)
{
	sqlite3_stmt *st = upf__stmt(db, "SELECT id, code, level FROM unit ORDER BY id");
	if (!st)
		return db->status;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (reserve((void **)&c->units, c->nunits, &c->capunits, sizeof *c->units))
			goto nomem;
		struct upf_cached_unit *u = &c->units[c->nunits];
		u->id = sqlite3_column_int64(st, 0);
		u->level = sqlite3_column_int(st, 2);
		u->first = u->count = 0;
		if (upf__map_put(&c->unit_ix, (const char *)sqlite3_column_text(st, 1),
				 c->nunits))
			goto nomem;
		c->nunits++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? UPF_OK : upf__sqlfail(db, rc);
nomem:
	sqlite3_reset(st);
	return upf__fail(db, UPF_NOMEM, "out of memory");
}

static int load_units(upf_db *db, struct upf_cache *c)
{
	int status = load_unit_rows(db, c);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db, upf__sql_cache_spans);
	if (status || !st)
		return status ? status : db->status;
	int rc, j = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		while (j < c->nunits && c->units[j].id < id)
			j++;
		if (j == c->nunits || c->units[j].id != id)
			continue;
		if (reserve((void **)&c->spans, c->nspans, &c->capspans, sizeof *c->spans)) {
			sqlite3_reset(st);
			return upf__fail(db, UPF_NOMEM, "out of memory");
		}
		struct upf_cached_unit *u = &c->units[j];
		if (!u->count)
			u->first = c->nspans;
		c->spans[c->nspans].from = sqlite3_column_int(st, 1);
		c->spans[c->nspans].to = sqlite3_column_int(st, 2);
		c->spans[c->nspans].area_id = sqlite3_column_int64(st, 3);
		c->spans[c->nspans].committee_id = sqlite3_column_int64(st, 4);
		c->nspans++;
		u->count++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? UPF_OK : upf__sqlfail(db, rc);
}

/* The locks that hold: few, so a value's check scans them. */
static int load_locks(upf_db *db, struct upf_cache *c)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT k.committee_id, coalesce(k.report_id, 0), k.from_month, k.to_month, "
		"coalesce(r.meeting, k.locked_on), k.period FROM period_lock k "
		"LEFT JOIN committee_report r ON r.id = k.report_id "
		"WHERE k.unlocked_on IS NULL");
	if (!st)
		return db->status;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (reserve((void **)&c->locks, c->nlocks, &c->caplocks, sizeof *c->locks)) {
			sqlite3_reset(st);
			return upf__fail(db, UPF_NOMEM, "out of memory");
		}
		const char *on, *period;
		int status = upf__column(db, st, 4, &on);
		if (!status)
			status = upf__column(db, st, 5, &period);
		if (status) {
			sqlite3_reset(st);
			return status;
		}
		struct upf_lock *l = &c->locks[c->nlocks++];
		l->committee_id = sqlite3_column_int64(st, 0);
		l->report_id = sqlite3_column_int64(st, 1);
		l->from = sqlite3_column_int(st, 2);
		l->to = sqlite3_column_int(st, 3);
		snprintf(l->on, sizeof l->on, "%s", on);
		snprintf(l->period, sizeof l->period, "%s", period);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? UPF_OK : upf__sqlfail(db, rc);
}

int upf__cache_fill(upf_db *db)
{
	sqlite3_int64 version;
	int status = upf__query_int(db, "PRAGMA data_version", &version);
	if (status)
		return status;
	if (db->cache && db->cache->version == version)
		return UPF_OK;
	upf__cache_invalidate(db);
	struct upf_cache *c = upf__malloc(sizeof *c);
	if (!c)
		return upf__fail(db, UPF_NOMEM, "out of memory");
	memset(c, 0, sizeof *c);
	c->version = version;
	db->cache = c;
	status = load_applies(db, c);
	if (!status)
		status = load_units(db, c);
	if (!status)
		status = load_locks(db, c);
	if (status)
		upf__cache_invalidate(db);
	return status;
}

/* A code found is one the registry holds, checked when it was added; one
 * not found is checked then, so that it gets the error it deserves (and
 * one that looks like a personal identity number is never echoed). A
 * batch looks up two codes a value: checking them first was a tenth of
 * its work. */
static int unknown(upf_db *db, const char *field, const char *code)
{
	int status = upf__check_code(db, field, code);
	return status ? status : upf__fail(db, UPF_NOTFOUND, "%s: unknown %s '%s'", field,
					   field, code);
}

int upf__cache_measure(upf_db *db, const char *code,
		       const struct upf_cached_measure **out)
{
	if (!code)
		return upf__misuse(db, "measure");
	int i = upf__map_get(&db->cache->measure_ix, code);
	if (i < 0)
		i = load_measure(db, db->cache, code);
	if (i == UPF_NOTFOUND)
		i = unknown(db, "measure", code);
	if (i < 0)
		return i;
	*out = &db->cache->measures[i];
	return UPF_OK;
}

int upf__cache_unit(upf_db *db, const char *code, const struct upf_cached_unit **out)
{
	if (!code)
		return upf__misuse(db, "unit");
	int i = upf__map_get(&db->cache->unit_ix, code);
	if (i < 0)
		return unknown(db, "unit", code);
	*out = &db->cache->units[i];
	return upf__scope_check(db, UPF_E_UNIT, (*out)->id, "unit", code);
}

int upf__cache_active(const upf_db *db, const struct upf_cached_unit *u,
		      int from, int to)
{
	const struct upf_span *s = db->cache->spans + u->first;
	for (int i = 0; i < u->count; i++)
		if (s[i].from <= to && s[i].to >= from)
			return 1;
	return 0;
}

sqlite3_int64 upf__cache_area_at(const upf_db *db, const struct upf_cached_unit *u,
				 int day)
{
	const struct upf_span *s = db->cache->spans + u->first;
	sqlite3_int64 area = 0;
	for (int i = 0; i < u->count && s[i].from <= day; i++)
		area = s[i].area_id;
	return area;
}

const struct upf_lock *upf__cache_lock(const upf_db *db, const struct upf_cached_unit *u,
				       int from, int to)
{
	const struct upf_cache *c = db->cache;
	const struct upf_span *s = c->spans + u->first;
	sqlite3_int64 committee = 0;
	int last = (to / 12) * 10000 + (to % 12 + 1) * 100 + 31;
	for (int i = 0; i < u->count && s[i].from <= last; i++)
		committee = s[i].committee_id;
	for (int i = 0; committee && i < c->nlocks; i++)
		if (c->locks[i].committee_id == committee && c->locks[i].from <= to &&
		    c->locks[i].to >= from)
			return &c->locks[i];
	return NULL;
}

int upf__cache_applies(const upf_db *db, const struct upf_cached_measure *m,
		       sqlite3_int64 area_id)
{
	char key[48];
	if (!m->restricted)
		return 1;
	snprintf(key, sizeof key, "%lld/%lld", (long long)m->id, (long long)area_id);
	return upf__map_get(&db->cache->applies, key) >= 0;
}
