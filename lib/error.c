/* Status codes, messages and the library's allocator. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static const struct {
	int status;
	const char *name;
	const char *text;
} statuses[] = {
	{UPF_OK, "UPF_OK", "not an error"},
	{UPF_ERROR, "UPF_ERROR", "internal error"},
	{UPF_NOMEM, "UPF_NOMEM", "out of memory"},
	{UPF_INVALID, "UPF_INVALID", "invalid value"},
	{UPF_NOTFOUND, "UPF_NOTFOUND", "not found"},
	{UPF_EXISTS, "UPF_EXISTS", "already exists"},
	{UPF_REFUSED, "UPF_REFUSED", "refused by the registry's rules"},
	{UPF_NEWER, "UPF_NEWER", "registry made by a newer version"},
	{UPF_NOTREGISTRY, "UPF_NOTREGISTRY", "not an uppfolj registry"},
	{UPF_BUSY, "UPF_BUSY", "registry is busy"},
	{UPF_IO, "UPF_IO", "input/output error"},
	{UPF_CORRUPT, "UPF_CORRUPT", "registry file is damaged"},
	{UPF_MISUSE, "UPF_MISUSE", "library misuse"},
	{UPF_PERSONAL, "UPF_PERSONAL", "personal identity number refused"},
	{UPF_OLDER, "UPF_OLDER", "registry made by an older version"},
};

#define NSTATUSES (sizeof statuses / sizeof statuses[0])

static const char *const details[] = {
	[UPF_DETAIL_NONE] = "UPF_DETAIL_NONE",
	[UPF_DETAIL_NOT_ACTIVE] = "UPF_DETAIL_NOT_ACTIVE",
	[UPF_DETAIL_WRONG_LEVEL] = "UPF_DETAIL_WRONG_LEVEL",
	[UPF_DETAIL_COMPUTED] = "UPF_DETAIL_COMPUTED",
	[UPF_DETAIL_OUT_OF_ORDER] = "UPF_DETAIL_OUT_OF_ORDER",
	[UPF_DETAIL_TOO_EARLY] = "UPF_DETAIL_TOO_EARLY",
	[UPF_DETAIL_NOT_SERIOUS] = "UPF_DETAIL_NOT_SERIOUS",
	[UPF_DETAIL_IVO_PENDING] = "UPF_DETAIL_IVO_PENDING",
	[UPF_DETAIL_NEEDS_ACTION] = "UPF_DETAIL_NEEDS_ACTION",
	[UPF_DETAIL_CLOSED] = "UPF_DETAIL_CLOSED",
	[UPF_DETAIL_IN_HOUSE] = "UPF_DETAIL_IN_HOUSE",
	[UPF_DETAIL_UNCHANGED] = "UPF_DETAIL_UNCHANGED",
	[UPF_DETAIL_CONSTRAINT] = "UPF_DETAIL_CONSTRAINT",
	[UPF_DETAIL_DUPLICATE] = "UPF_DETAIL_DUPLICATE",
	[UPF_DETAIL_ORPHANS] = "UPF_DETAIL_ORPHANS",
	[UPF_DETAIL_HAS_VALUES] = "UPF_DETAIL_HAS_VALUES",
	[UPF_DETAIL_NOT_APPLICABLE] = "UPF_DETAIL_NOT_APPLICABLE",
	[UPF_DETAIL_OUT_OF_RANGE] = "UPF_DETAIL_OUT_OF_RANGE",
	[UPF_DETAIL_RETIRED] = "UPF_DETAIL_RETIRED",
	[UPF_DETAIL_RULE] = "UPF_DETAIL_RULE",
	[UPF_DETAIL_WITHDRAWN] = "UPF_DETAIL_WITHDRAWN",
	[UPF_DETAIL_DECIDED] = "UPF_DETAIL_DECIDED",
	[UPF_DETAIL_OUT_OF_SCOPE] = "UPF_DETAIL_OUT_OF_SCOPE",
	[UPF_DETAIL_LOCKED] = "UPF_DETAIL_LOCKED",
	[UPF_DETAIL_PRESENTED] = "UPF_DETAIL_PRESENTED",
	[UPF_DETAIL_SCOPE] = "UPF_DETAIL_SCOPE",
};

const char *upf_detail_name(int detail)
{
	if (detail < 0 || (size_t)detail >= sizeof details / sizeof details[0])
		return NULL;
	return details[detail];
}

const char *upf_version(void) { return UPF_VERSION; }

const char *upf_strerror(int status)
{
	for (size_t i = 0; i < NSTATUSES; i++)
		if (statuses[i].status == status)
			return statuses[i].text;
	return "unknown status";
}

const char *upf_status_name(int status)
{
	for (size_t i = 0; i < NSTATUSES; i++)
		if (statuses[i].status == status)
			return statuses[i].name;
	return NULL;
}

_Thread_local struct upf_alloc_site upf__alloc_site;

void *upf__malloc_at(size_t n, const char *file, int line)
{
	upf__alloc_site = (struct upf_alloc_site){file, line};
	void *p = sqlite3_malloc64(n);
	upf__alloc_site.file = NULL;
	return p;
}

void *upf__realloc_at(void *p, size_t n, const char *file, int line)
{
	upf__alloc_site = (struct upf_alloc_site){file, line};
	void *q = sqlite3_realloc64(p, n);
	upf__alloc_site.file = NULL;
	return q;
}

char *upf__strdup_at(const char *s, const char *file, int line)
{
	if (!s) /* a column's text SQLite could not make for want of memory */
		return NULL;
	size_t n = strlen(s) + 1;
	char *p = upf__malloc_at(n, file, line);
	if (p)
		memcpy(p, s, n);
	return p;
}

void upf_free(void *p) { sqlite3_free(p); }

int upf__ok(upf_db *db)
{
	db->status = UPF_OK;
	db->detail = UPF_DETAIL_NONE;
	db->msg[0] = '\0';
	return UPF_OK;
}

static int vfail(upf_db *db, int status, int detail, const char *fmt,
		 va_list ap) __attribute__((format(printf, 4, 0)));

static int vfail(upf_db *db, int status, int detail, const char *fmt,
		 va_list ap)
{
	vsnprintf(db->msg, sizeof db->msg, fmt, ap);
	db->status = status;
	db->detail = detail;
	return status;
}

int upf__fail(upf_db *db, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(db, status, UPF_DETAIL_NONE, fmt, ap);
	va_end(ap);
	return status;
}

int upf__refuse(upf_db *db, int detail, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(db, UPF_REFUSED, detail, fmt, ap);
	va_end(ap);
	return UPF_REFUSED;
}

int upf__misuse(upf_db *db, const char *what)
{
	return db ? upf__fail(db, UPF_MISUSE, "%s: missing (NULL)", what) : UPF_MISUSE;
}

int upf__missing(upf_db *db, const char *names, size_t i)
{
	const char *p = names;
	for (size_t k = 0; k < i && p; k++)
		if ((p = strchr(p, ' ')))
			p++;
	char name[32];
	snprintf(name, sizeof name, "%.*s", p ? (int)strcspn(p, " ") : 0, p ? p : "");
	return upf__misuse(db, name);
}

int upf__table_out(upf_db *db, upf_table **out)
{
	if (out)
		*out = NULL;
	if (!db)
		return UPF_MISUSE;
	return out ? UPF_OK : upf__misuse(db, "out");
}

int upf__status_of(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return UPF_OK;
	case SQLITE_NOMEM:
		return UPF_NOMEM;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return UPF_BUSY;
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return UPF_IO;
	case SQLITE_CORRUPT:
		return UPF_CORRUPT;
	case SQLITE_NOTADB:
		return UPF_NOTREGISTRY;
	case SQLITE_CONSTRAINT:
		return UPF_REFUSED;
	case SQLITE_MISUSE:
		return UPF_MISUSE;
	default:
		return UPF_ERROR;
	}
}

int upf__sqlfail(upf_db *db, int rc)
{
	int status = upf__status_of(rc);
	if (status == UPF_OK)
		status = UPF_ERROR;
	if (status == UPF_NOMEM)
		return upf__fail(db, status, "out of memory");
	int scoped = db->scope_id && db->sql ? upf__scope_failure(db, rc) : UPF_OK;
	if (scoped)
		return scoped;
	upf__fail(db, status, "sqlite: %s",
		  db->sql ? sqlite3_errmsg(db->sql) : sqlite3_errstr(rc));
	if (status == UPF_REFUSED)
		db->detail = UPF_DETAIL_CONSTRAINT;
	return status;
}

const char *upf_errmsg(const upf_db *db)
{
	if (!db)
		return "no handle: it is NULL, or opening ran out of memory";
	return db->status == UPF_OK ? "not an error" : db->msg;
}

int upf_errcode(const upf_db *db) { return db ? db->status : UPF_NOMEM; }

int upf_errcode_detail(const upf_db *db) { return db ? db->detail : UPF_DETAIL_NONE; }
