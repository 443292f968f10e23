/* upf_config: process-wide options. A program of its own, since an option
 * is set before anything in the process has opened a registry. */
#include "org_fixture.h"

/* Runs first, before SQLite has started. */
static void test_set_before_start(void **state)
{
	(void)state;
	assert_int_equal(upf_config(0, 0), UPF_INVALID);
	assert_int_equal(upf_config(UPF_CONFIG_MEMORY_COUNT + 1, 0), UPF_INVALID);
	assert_int_equal(upf_config(UPF_CONFIG_MEMORY_COUNT, 2), UPF_INVALID);
	assert_int_equal(upf_config(UPF_CONFIG_MEMORY_COUNT, -1), UPF_INVALID);
	/* Until SQLite starts an option may be set again: the last one holds. */
	assert_int_equal(upf_config(UPF_CONFIG_MEMORY_COUNT, 1), UPF_OK);
	assert_int_equal(upf_config(UPF_CONFIG_MEMORY_COUNT, 0), UPF_OK);
}

/* With the count off, a registry is written and reported on as always,
 * and SQLite counts nothing: counted, what this open registry holds would
 * read about two megabytes. */
static void test_registry_uncounted(void **state)
{
	struct fixture *f = *state;
	upf_table *t = NULL;
	build_small_org(f->db);
	set(f->db, "FLOW", "A1", "2026-01", 3);
	set(f->db, "FLOW", "A2", "2026-01", 4);
	OK(f->db, upf_report_table(&t, f->db, "values",
				   "{\"period\": \"2026-01\", \"level\": 2, "
				   "\"measures\": [\"FLOW\"]}"));
	assert_string_equal(cell_by(t, 1, "L2A", "value"), "7.0");
	upf_table_free(t);
	assert_int_equal(sqlite3_memory_used(), 0);
	/* Started: the option is fixed, and a refusal changes nothing. */
	assert_int_equal(upf_config(UPF_CONFIG_MEMORY_COUNT, 1), UPF_MISUSE);
	assert_int_equal(upf_config(UPF_CONFIG_MEMORY_COUNT, 0), UPF_MISUSE);
	assert_int_equal(sqlite3_memory_used(), 0);
	assert_int_equal(upf_config(7, 0), UPF_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_before_start),
		TEST(test_registry_uncounted),
	};
	return RUN(tests);
}
