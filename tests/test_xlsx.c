/* Tables as spreadsheets: the file, its mode, and refusals. What the
 * sheet holds is read back from its XML by the CLI and Python tests. */
#include <sys/stat.h>

#include "org_fixture.h"

static upf_table *share_report(upf_db *db)
{
	upf_table *t = NULL;
	build_small_org(db);
	set_share(db, "SHARE", "A1", "2026-05", 3, 4);
	set(db, "FLOW", "A1", "2026-05", 12.5);
	OK(db, upf_report_table(&t, db, "values", "{\"period\":\"2026-05\",\"level\":3}"));
	return t;
}

#ifdef UPF_TEST_XLSX
static void test_written_private(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = share_report(db);
	char path[512], magic[4] = {0};
	snprintf(path, sizeof path, "%s", fixture_file(f, "r.xlsx"));
	/* An older file of the same name, readable by others, is replaced
	 * by one private to its owner. */
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fclose(fp);
	assert_int_equal(chmod(path, 0644), 0);
	OK(db, upf_table_xlsx(db, t, path, "report values: [2026-05]", "measure,node,value"));
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_true(st.st_size > 1000);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	assert_int_equal(fread(magic, 1, 4, fp), 4);
	fclose(fp);
	assert_memory_equal(magic, "PK\3\4", 4); /* a zip, as .xlsx is */
	FAILS(db, upf_table_xlsx(db, t, path, NULL, "measure,nope"), UPF_INVALID,
	      "columns: no column 'nope' here");
	FAILS(db, upf_table_xlsx(db, t, "/nonexistent/dir/r.xlsx", NULL, NULL), UPF_IO,
	      "cannot be written");
	upf_table_free(t);
}
#else
static void test_written_private(void **state)
{
	struct fixture *f = *state;
	upf_table *t = share_report(f->db);
	FAILS(f->db, upf_table_xlsx(f->db, t, fixture_file(f, "r.xlsx"), NULL, NULL),
	      UPF_ERROR, "built without libxlsxwriter");
	upf_table_free(t);
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_written_private),
	};
	return RUN(tests);
}
