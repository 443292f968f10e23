/* Option objects given as JSON ({"level": 2, "frequency": "year"}), read
 * with SQLite's JSON functions. Unknown keys are refused, so a misspelt
 * option never passes silently. */
#include <string.h>

#include "internal.h"

static int key_index(const char *const *keys, const char *key)
{
	for (int i = 0; keys[i]; i++)
		if (!strcmp(keys[i], key))
			return i;
	return -1;
}

void upf__opts_free(struct upf_opts *o)
{
	for (int i = 0; i < UPF_OPTS_MAX; i++) {
		upf_free(o->text[i]);
		o->text[i] = NULL;
	}
}

/* Whether json is JSON of the type; else UPF_INVALID "field 'json': says".
 * json_type, not json_valid: json_valid answers 0 when it runs out of
 * memory, where json_type fails with SQLITE_NOMEM (and malformed JSON with
 * SQLITE_ERROR). */
static int check_json_type(upf_db *db, const char *field, const char *json,
			   const char *type, const char *says)
{
	sqlite3_stmt *st = upf__stmt(db, "SELECT json_type(?1) = ?2");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, type, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st), status = UPF_OK;
	int is = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_NULL)
		status = upf__fail(db, UPF_NOMEM, "out of memory");
	else if (rc != SQLITE_ROW && (rc & 0xff) != SQLITE_ERROR)
		status = upf__sqlfail(db, rc);
	else if (!is)
		status = upf__fail(db, UPF_INVALID, "%s '%s': %s", field, upf__shown(json), says);
	sqlite3_reset(st);
	return status;
}

int upf__opts_parse(upf_db *db, const char *field, const char *json,
		    const char *const *keys, struct upf_opts *o)
{
	memset(o, 0, sizeof *o);
	o->keys = keys;
	if (!json)
		return UPF_OK;
	int status = check_json_type(db, field, json, "object", "not a JSON object");
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db, "SELECT key, CASE type WHEN 'array' THEN json(value) "
			   "ELSE value END, type FROM json_each(?1)");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		const char *type = (const char *)sqlite3_column_text(st, 2);
		if (!key || !type) { /* an object's members have both, but for
					want of memory json_each gives NULL */
			status = upf__fail(db, UPF_NOMEM, "out of memory");
			break;
		}
		int i = key_index(keys, key);
		if (i < 0 || i >= UPF_OPTS_MAX) {
			status = upf__fail(db, UPF_INVALID, "%s: unknown key '%s'",
					   field, upf__shown(key));
			break;
		}
		o->type[i] = !strcmp(type, "array") ? 'a'
			     : !strcmp(type, "null") ? 'n'
			     : !strcmp(type, "text") ? 't'
						       : '#';
		if (o->type[i] == 'n' || o->text[i])
			continue;
		const unsigned char *v = sqlite3_column_text(st, 1);
		if (v && upf__looks_personal((const char *)v)) {
			status = upf__fail(db, UPF_PERSONAL, "%s: looks like a personal "
					   "identity number, which the registry does "
					   "not store", key);
			break;
		}
		if (!v || !(o->text[i] = upf__strdup((const char *)v))) {
			status = upf__fail(db, UPF_NOMEM, "out of memory");
			break;
		}
	}
	sqlite3_reset(st);
	if (!status && rc != SQLITE_ROW && rc != SQLITE_DONE)
		status = upf__sqlfail(db, rc);
	if (status)
		upf__opts_free(o);
	return status;
}

const char *upf__opt(const struct upf_opts *o, const char *key)
{
	int i = key_index(o->keys, key);
	return i >= 0 && i < UPF_OPTS_MAX ? o->text[i] : NULL;
}

int upf__opt_type(const struct upf_opts *o, const char *key)
{
	int i = key_index(o->keys, key);
	return i >= 0 && i < UPF_OPTS_MAX && o->text[i] ? o->type[i] : 0;
}

int upf__each_code(upf_db *db, const char *field, const char *array,
		   int (*fn)(upf_db *db, const char *code, const void *ctx),
		   const void *ctx)
{
	/* Its own statement, not the cache's: fn may call back into the
	 * library, which may walk another array the same way. */
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->sql, "SELECT value, type FROM json_each(?1)", -1, &st,
				    NULL);
	if (rc != SQLITE_OK)
		return upf__sqlfail(db, rc);
	sqlite3_bind_text(st, 1, array, -1, SQLITE_STATIC);
	int status = UPF_OK;
	while (!status && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		const char *type = (const char *)sqlite3_column_text(st, 1);
		char *copy = NULL;
		if (!type)
			status = upf__fail(db, UPF_NOMEM, "out of memory");
		else if (strcmp(type, "text"))
			status = upf__fail(db, UPF_INVALID, "%s: '%s' is not a code in quotes",
					   field, upf__shown(code ? code : "null"));
		else if (!(copy = upf__strdup(code)))
			status = upf__fail(db, UPF_NOMEM, "out of memory");
		else
			status = fn(db, copy, ctx);
		upf_free(copy);
	}
	if (!status && rc != SQLITE_DONE)
		status = upf__sqlfail(db, rc);
	sqlite3_finalize(st);
	return status;
}

static int check_code(upf_db *db, const char *code, const void *field)
{
	return upf__check_code(db, field, code);
}

int upf__opt_codes(upf_db *db, const struct upf_opts *o, const char *key)
{
	const char *list = upf__opt(o, key);
	if (!list)
		return UPF_OK;
	if (upf__opt_type(o, key) != 'a')
		return upf__fail(db, UPF_INVALID, "%s '%s': must be an array of codes",
				 key, upf__shown(list));
	return upf__each_code(db, key, list, check_code, key);
}

int upf__opt_true(const struct upf_opts *o, const char *key)
{
	const char *flag = upf__opt(o, key);
	return flag && strcmp(flag, "0") && strcmp(flag, "false");
}

int upf__json_array_check(upf_db *db, const char *field, const char *json)
{
	return check_json_type(db, field, json, "array", "must be a JSON array");
}
