/* Settings of the registry: a few named values the library knows and
 * checks, kept in the registry so that every program that opens it
 * works alike. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const struct {
	const char *name;
	int min, max;
} settings[] = {
	{"disclosure_threshold", 1, 100},
};

int upf_setting_set(upf_db *db, const char *name, const char *value)
{
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "name value", name, value), known = -1;
	if (status)
		return status;
	for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++)
		if (!strcmp(name, settings[i].name))
			known = (int)i;
	if (known < 0)
		return upf__fail(db, UPF_INVALID, "name '%s': unknown setting; settings: "
				 "disclosure_threshold", upf__shown(name));
	size_t n = strlen(value);
	long v = n && n <= 3 && strspn(value, "0123456789") == n ? strtol(value, NULL, 10) : -1;
	if (v < settings[known].min || v > settings[known].max)
		return upf__fail(db, UPF_INVALID, "value '%s': %s must be a whole number "
				 "%d..%d", upf__shown(value), name, settings[known].min,
				 settings[known].max);
	if ((status = upf__write_begin(db)))
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO setting (name, value) VALUES (?1, ?2) "
		"ON CONFLICT (name) DO UPDATE SET value = excluded.value "
		"WHERE value IS NOT excluded.value");
	if (!st)
		return upf__end(db, db->status);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, v);
	return upf__end(db, upf__step_done(db, st));
}

int upf_setting_list(upf_table **out, upf_db *db)
{
	return upf__list(out, db, "SELECT name, value FROM setting ORDER BY name");
}

int upf__setting_int(upf_db *db, const char *name, sqlite3_int64 *out)
{
	sqlite3_stmt *st = upf__stmt(db, "SELECT CAST(value AS INTEGER) FROM setting "
				     "WHERE name = ?1");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	return upf__step_int(db, st, out);
}
