/* The bulk path: many values in one transaction and one audit entry with
 * their count. Each value goes through value.c's checks; the batch only
 * holds the transaction open and counts. */
#include <string.h>

#include "internal.h"

struct upf_batch {
	upf_db *db; /* NULL once committed or rolled back */
	long rows;
	struct upf_file_id file; /* where the values come from, if a file */
	int from_file;
	struct upf_value_writer writer;
};

int upf_batch_begin(upf_batch **out, upf_db *db, unsigned flags)
{
	if (out)
		*out = NULL;
	if (!db)
		return UPF_MISUSE;
	if (!out)
		return upf__misuse(db, "out");
	if (upf__check_flags(db, flags, UPF_WRITE_CONFIRM))
		return db->status;
	upf_batch *b = upf__malloc(sizeof *b);
	if (!b)
		return upf__fail(db, UPF_NOMEM, "out of memory");
	memset(b, 0, sizeof *b);
	sqlite3_int64 number = 0;
	int status = upf__write_begin_bulk(db);
	/* The batch's number: above every audit entry so far, so that no two
	 * batches share one, and recorded in the batch's own entry. */
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT coalesce(max(id), 0) + 1 FROM audit");
	if (!status)
		status = st ? upf__step_int(db, st, &number) : db->status;
	if (!status)
		status = upf__value_writer(db, &b->writer, 0, number, flags);
	if (status) {
		upf__end(db, status);
		upf_free(b);
		return status;
	}
	b->db = db;
	db->batch = b;
	*out = b;
	return UPF_OK;
}

int upf__batch_add_line(upf_batch *b, int line, const char *measure,
			const char *unit, const char *period, double value,
			const double *den, const char *note)
{
	if (!b || !b->db)
		return UPF_MISUSE;
	int status = upf__need(b->db, "measure unit period", measure, unit, period);
	if (status)
		return status;
	/* A failed value leaves no trace, so that the batch goes on. */
	status = upf__value_record(b->db, &b->writer, line, measure, unit,
				       period, value, den, note);
	if (!status)
		b->rows++;
	return status;
}

int upf_batch_add(upf_batch *b, const char *measure, const char *unit,
		  const char *period, double value, const double *den,
		  const char *note)
{
	return upf__batch_add_line(b, 0, measure, unit, period, value, den, note);
}

static int audit_bulk(upf_batch *b)
{
	sqlite3_stmt *st = upf__stmt(b->db,
		"INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), "
		"'value', 'bulk', ?2, iif(?2 IS NULL, upf_audit_row('rows', ?1, "
		"'batch', ?5), upf_audit_row('rows', ?1, 'batch', ?5, 'file', ?2, "
		"'bytes', ?3, 'sha256', ?4)))");
	if (!st)
		return b->db->status;
	sqlite3_bind_int64(st, 1, b->rows);
	sqlite3_bind_int64(st, 5, b->writer.batch);
	if (b->from_file) {
		sqlite3_bind_text(st, 2, b->file.name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, b->file.bytes);
		sqlite3_bind_text(st, 4, b->file.sha256, -1, SQLITE_STATIC);
	}
	return upf__step_done(b->db, st);
}

/* Ends the batch's hold on its handle: from here on, the handle writes. */
static upf_db *detach(upf_batch *b)
{
	upf_db *db = b->db;
	db->batch = NULL;
	b->db = NULL;
	return db;
}

int upf_batch_commit(upf_batch *b)
{
	if (!b || !b->db)
		return UPF_MISUSE;
	int status = b->rows ? audit_bulk(b) : UPF_OK;
	upf_db *db = detach(b);
	return upf__end(db, status);
}

void upf_batch_free(upf_batch *b)
{
	if (!b)
		return;
	if (b->db)
		upf__end(detach(b), UPF_ERROR);
	upf_free(b);
}

long upf_batch_rows(const upf_batch *b) { return b ? b->rows : 0; }

void upf__batch_file(upf_batch *b, const struct upf_file_id *file)
{
	b->file = *file;
	b->from_file = 1;
}
