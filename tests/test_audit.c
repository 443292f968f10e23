/* The audit trail: every write recorded with its actor, nothing else, and
 * no way to edit it. */
#include <sqlite3.h>

#include "org_fixture.h"

static int column(const upf_table *t, const char *name)
{
	for (int c = 0; c < upf_table_columns(t); c++)
		if (!strcmp(upf_table_column(t, c), name))
			return c;
	fail_msg("no column '%s'", name);
	return -1;
}

static void test_every_write_is_recorded(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	int before = rows_of(upf_audit_list(&t, db, NULL, NULL), &t);
	OK(db, upf_committee_add(db, "AN", "Äldrenämnden"));
	OK(db, upf_provider_add(db, "LL", "Leanlink", "in_house"));
	OK(db, upf_area_add(db, "fam", "Familjehem"));
	OK(db, upf_db_set_actor(db, "granskare"));
	OK(db, upf_assignment_add(db, "A1", "Uppdrag", "AN", "LL", "assignment",
				  "2025-01-01", NULL));
	OK(db, upf_unit_add_level2(db, "U2", "Del", "A1", "fam", "2025-01-01"));
	OK(db, upf_unit_add_level3(db, "U3", "Enhet", "U2", "2025-01-01"));
	OK(db, upf_unit_add_level2(db, "V2", "Annan del", "A1", "fam", "2025-01-01"));
	OK(db, upf_unit_move(db, "U3", "V2", NULL, "2025-06-01"));

	/* committee, provider, area; assignment; unit + membership three
	 * times; one membership for the move. */
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	assert_int_equal(upf_table_rows(t), before + 11);
	int r = before, tbl = column(t, "table"), op = column(t, "op"),
	    key = column(t, "key"), actor = column(t, "actor"),
	    new = column(t, "new"), old = column(t, "old");
	assert_string_equal(upf_table_value(t, r, tbl), "committee");
	assert_string_equal(upf_table_value(t, r, op), "insert");
	assert_string_equal(upf_table_value(t, r, key), "AN");
	assert_string_equal(upf_table_value(t, r, actor), "tester");
	assert_string_equal(upf_table_value(t, r, new),
			    "{\"code\":\"AN\",\"name\":\"Äldrenämnden\"}");
	assert_null(upf_table_value(t, r, old));
	r = before + 3;
	assert_string_equal(upf_table_value(t, r, tbl), "assignment");
	assert_string_equal(upf_table_value(t, r, actor), "granskare");
	assert_non_null(strstr(upf_table_value(t, r, new), "\"committee\":\"AN\""));
	r = before + 10;
	assert_string_equal(upf_table_value(t, r, tbl), "membership");
	assert_string_equal(upf_table_value(t, r, key), "U3@2025-06-01");
	assert_non_null(strstr(upf_table_value(t, r, new), "\"parent\":\"V2\""));
	upf_table_free(t);

	assert_int_equal(rows_of(upf_audit_list(&t, db, NULL, "granskare"), &t), 8);
	assert_int_equal(rows_of(upf_audit_list(&t, db, "2999-01-01", NULL), &t), 0);
	assert_int_equal(rows_of(upf_audit_list(&t, db, "2000-01-01", "tester"), &t), 3);
	FAILS(db, upf_audit_list(&t, db, "yesterday", NULL), UPF_INVALID,
	      "since 'yesterday'");
}

static void test_refused_writes_leave_no_trace(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	OK(db, upf_committee_add(db, "AN", "Äldrenämnden"));
	int before = rows_of(upf_audit_list(&t, db, NULL, NULL), &t);
	FAILS(db, upf_committee_add(db, "AN", "Igen"), UPF_EXISTS, NULL);
	FAILS(db, upf_assignment_add(db, "A1", "Uppdrag", "AN", "NOPE",
				     "assignment", NULL, NULL),
	      UPF_NOTFOUND, NULL);
	assert_int_equal(rows_of(upf_audit_list(&t, db, NULL, NULL), &t), before);
}

static void test_trail_cannot_be_edited(void **state)
{
	struct fixture *f = *state;
	sqlite3 *h = NULL;
	char *err = NULL;
	OK(f->db, upf_committee_add(f->db, "AN", "Äldrenämnden"));
	assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "UPDATE audit SET actor = 'x'", NULL,
				      NULL, &err), SQLITE_CONSTRAINT);
	assert_non_null(strstr(err, "append-only"));
	sqlite3_free(err);
	assert_int_equal(sqlite3_exec(h, "DELETE FROM audit", NULL, NULL, &err),
			 SQLITE_CONSTRAINT);
	assert_non_null(strstr(err, "append-only"));
	sqlite3_free(err);
	/* Outside the library the audit functions are missing, so a write
	 * that would go unrecorded fails instead. */
	assert_int_not_equal(sqlite3_exec(h, "INSERT INTO committee (code, name) "
					  "VALUES ('X', 'Y')", NULL, NULL, &err),
			     SQLITE_OK);
	sqlite3_free(err);
	/* Each column of a value, batch and line too, which the library
	 * rewrites without an entry of their own when a changeset brings
	 * the value (sync.c). */
	OK(f->db, upf_measure_add(f->db, "M", "Mått", "structure", "count", NULL));
	OK(f->db, upf_provider_add(f->db, "P", "P", "in_house"));
	OK(f->db, upf_assignment_add(f->db, "A", "A", "AN", "P", "assignment", "2020-01-01",
				     NULL));
	OK(f->db, upf_unit_add_level2(f->db, "L2", "L2", "A", "hemtjanst", "2020-01-01"));
	OK(f->db, upf_unit_add_level3(f->db, "U", "U", "L2", "2020-01-01"));
	OK(f->db, upf_value_set(f->db, "M", "U", "2025-01", 1, NULL, NULL, 0));
	static const char *const columns[] = {"measure_id", "start", "unit_id", "value", "den",
					      "note", "batch", "line", "flagged"};
	for (int c = 0; c < 9; c++) {
		char sql[96];
		snprintf(sql, sizeof sql, "UPDATE value SET %s = %s", columns[c], columns[c]);
		if (sqlite3_exec(h, sql, NULL, NULL, &err) == SQLITE_OK)
			fail_msg("%s: changed from outside the library", sql);
		sqlite3_free(err);
	}
	sqlite3_close(h);
}

static void test_membership_is_never_rewritten(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	sqlite3 *h = NULL;
	char *err = NULL;
	OK(db, upf_committee_add(db, "AN", "Äldrenämnden"));
	OK(db, upf_provider_add(db, "LL", "Leanlink", "in_house"));
	OK(db, upf_assignment_add(db, "A1", "Uppdrag", "AN", "LL", "assignment",
				  "2025-01-01", NULL));
	OK(db, upf_unit_add_level2(db, "U2", "Del", "A1", "hemtjanst", "2025-01-01"));
	assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "UPDATE membership SET valid_from = "
				      "'2000-01-01'", NULL, NULL, &err),
			 SQLITE_CONSTRAINT);
	assert_non_null(strstr(err, "never rewritten"));
	sqlite3_free(err);
	sqlite3_close(h);
}

/* Whether the UPDATE triggers named by a column list (UPDATE OF a, b ON t)
 * that audit or refuse, together, name every column of the table. */
static int columns_covered(sqlite3 *h, const char *table)
{
	sqlite3_stmt *col = NULL, *trig = NULL;
	int covered = 1;
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT name FROM pragma_table_info(?1)", -1,
					    &col, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h,
		"SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1 "
		"AND (sql LIKE '%INSERT INTO audit%' OR sql LIKE '%RAISE(ABORT%' "
		"OR sql LIKE '%upf_library()%') "
		"AND ' ' || replace(replace(replace(substr(sql, instr(sql, ' UPDATE OF ') + 11, "
		"instr(sql, ' ON ' || ?1) - instr(sql, ' UPDATE OF ') - 11), ',', ' '), "
		"char(10), ' '), '  ', ' ') || ' ' LIKE '% ' || ?2 || ' %' "
		"AND instr(sql, ' UPDATE OF ') > 0", -1, &trig, NULL), SQLITE_OK);
	sqlite3_bind_text(col, 1, table, -1, SQLITE_STATIC);
	while (covered && sqlite3_step(col) == SQLITE_ROW) {
		sqlite3_bind_text(trig, 1, table, -1, SQLITE_STATIC);
		sqlite3_bind_text(trig, 2, (const char *)sqlite3_column_text(col, 0), -1,
				  SQLITE_TRANSIENT);
		assert_int_equal(sqlite3_step(trig), SQLITE_ROW);
		covered = sqlite3_column_int(trig, 0) > 0;
		if (!covered)
			print_error("table %s: no trigger on an UPDATE of %s\n", table,
				    sqlite3_column_text(col, 0));
		sqlite3_reset(trig);
	}
	sqlite3_finalize(col);
	sqlite3_finalize(trig);
	return covered;
}

/* Every table the library writes is audited, walked from sqlite_schema:
 * each of INSERT, UPDATE and DELETE has a trigger that writes the trail
 * (or refuses, or calls upf_library() where the library audits the bulk
 * itself); an UPDATE may be covered instead by triggers on column lists
 * that together name every column. The one exception, which README
 * names: an INSERT into value, which the library records itself. The
 * full-text index is derived from the deviations and left out. */
static void test_every_table_is_audited(void **state)
{
	struct fixture *f = *state;
	sqlite3 *h = NULL;
	sqlite3_stmt *tables = NULL, *trig = NULL;
	static const char *const ops[] = {"INSERT", "UPDATE", "DELETE"};
	int checked = 0;
	assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h,
		"SELECT name, sql FROM sqlite_schema WHERE type = 'table' "
		"AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'deviation_fts%' "
		"ORDER BY name", -1, &tables, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h,
		"SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
		"AND tbl_name = ?1 AND sql GLOB '* ' || ?2 || ' ON ' || ?1 || '[^a-z_]*' "
		"AND (sql LIKE '%INSERT INTO audit%' OR sql LIKE '%RAISE(ABORT%' "
		"OR sql LIKE '%upf_library()%')", -1, &trig, NULL), SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		const char *sql = (const char *)sqlite3_column_text(tables, 1);
		for (int k = 0; k < 3; k++) {
			sqlite3_bind_text(trig, 1, name, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(trig, 2, ops[k], -1, SQLITE_STATIC);
			assert_int_equal(sqlite3_step(trig), SQLITE_ROW);
			int n = sqlite3_column_int(trig, 0);
			sqlite3_reset(trig);
			if (!n && k == 0 && !strcmp(name, "value"))
				n = 1; /* recorded by the library: value.c, batch.c */
			if (!n && k == 1)
				n = columns_covered(h, name);
			(void)sql;
			if (!n)
				fail_msg("table %s: no audit of %s", name, ops[k]);
		}
		checked++;
	}
	sqlite3_finalize(tables);
	sqlite3_finalize(trig);
	sqlite3_close(h);
	assert_true(checked >= 20);
}

/* The row after, as the entry's JSON: every number keeps each bit (a
 * whole one marked ".0", as SQLite's "%!.17g" writes it), text is
 * escaped, and a row longer than the buffer on the stack is whole. */
static const char *last_new(upf_db *db, upf_table **t)
{
	upf_table_free(*t);
	*t = NULL;
	OK(db, upf_audit_list(t, db, NULL, NULL));
	return upf_table_value(*t, upf_table_rows(*t) - 1, column(*t, "new"));
}

static void test_numbers_and_text_keep_their_form(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	char note[500], expect[600];
	build_small_org(db);
	OK(db, upf_value_set(db, "FLOW", "A1", "2025-01", 3, NULL, NULL, 0));
	assert_string_equal(last_new(db, &t),
			    "{\"value\":3.0,\"denominator\":null,\"note\":null}");
	OK(db, upf_value_set(db, "FLOW", "A1", "2025-01", 0.1, NULL,
			     "sa \"ja\" \\ och\tsen\nslut", 0));
	assert_string_equal(last_new(db, &t),
			    "{\"value\":0.10000000000000001,\"denominator\":null,"
			    "\"note\":\"sa \\\"ja\\\" \\\\ och\\u0009sen\\u000aslut\","
			    "\"flagged\":0}");
	OK(db, upf_value_set(db, "FLOW", "A1", "2025-01", -12, NULL, NULL, 0));
	assert_non_null(strstr(last_new(db, &t), "{\"value\":-12.0,"));
	OK(db, upf_value_set(db, "FLOW", "A1", "2025-01", 999999999999999.0, NULL, NULL, 0));
	assert_non_null(strstr(last_new(db, &t), "{\"value\":999999999999999.0,"));
	OK(db, upf_value_set(db, "FLOW", "A1", "2025-01", 1e15, NULL, NULL, 0));
	assert_non_null(strstr(last_new(db, &t), "{\"value\":1000000000000000.0,"));
	OK(db, upf_value_set(db, "FLOW", "A1", "2025-01", -1e15, NULL, NULL, 0));
	assert_non_null(strstr(last_new(db, &t), "{\"value\":-1000000000000000.0,"));
	OK(db, upf_value_set(db, "FLOW", "A1", "2025-01", -2.5, NULL, NULL, 0));
	assert_non_null(strstr(last_new(db, &t), "{\"value\":-2.5,"));
	double den = 40;
	OK(db, upf_value_set(db, "SHARE", "A1", "2025-01", 10, &den, NULL, 0));
	assert_string_equal(last_new(db, &t),
			    "{\"value\":10.0,\"denominator\":40.0,\"note\":null}");
	memset(note, 'x', sizeof note - 1);
	note[sizeof note - 1] = '\0';
	OK(db, upf_value_set(db, "FLOW", "A2", "2025-01", 7, NULL, note, 0));
	snprintf(expect, sizeof expect,
		 "{\"value\":7.0,\"denominator\":null,\"note\":\"%s\"}", note);
	assert_string_equal(last_new(db, &t), expect);
	upf_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_every_write_is_recorded),
		TEST(test_refused_writes_leave_no_trace),
		TEST(test_trail_cannot_be_edited),
		TEST(test_membership_is_never_rewritten),
		TEST(test_every_table_is_audited),
		TEST(test_numbers_and_text_keep_their_form),
	};
	return RUN(tests);
}
