/* Out of memory: a full scenario run again and again with allocation N
 * failing, for N = 1, 2, 3, ... until the scenario completes; once as a
 * single failure and once failing every allocation from N on. Every call
 * must succeed or say UPF_NOMEM; nothing may crash or leak (SQLite's own
 * count of memory in use returns to zero after close); and the registry,
 * reopened, must pass PRAGMA integrity_check.
 *
 * The overlay is SQLite's allocator with a counter, installed before
 * SQLite initialises; the library allocates through SQLite, so it is
 * reached too. The suite tries a sample of the points, about the build's
 * oom_points spread evenly over the scenario ($UPF_OOM_POINTS), or every
 * Nth ($UPF_OOM_STRIDE; 1: all); ./build.sh reliability a denser one. */
#include <dirent.h>
#include <sqlite3.h>

#include "helpers.h"
#include "internal.h"

static sqlite3_mem_methods real;
static long allocations;
static int paused; /* the checks' own reads allocate: no faults then */

#define ACCEPTED UPF_NOMEM
#define FAULTS_OFF() (paused++)
#define FAULTS_ON() (paused--)
#include "scenario.h"

/* The library's own allocation sites (file and line of each upf__malloc,
 * upf__realloc, upf__strdup), with the first point at which each
 * allocates in a run without faults. */
static struct site {
	const char *file;
	int line;
	long point;
} sites[512];
static int nsites, listing;
static const char *failed_site; /* where the injected failure fell */
static int failed_line;

static void list_site(long n)
{
	for (int i = 0; i < nsites; i++)
		if (sites[i].line == upf__alloc_site.line &&
		    !strcmp(sites[i].file, upf__alloc_site.file))
			return;
	if (nsites < 512)
		sites[nsites++] = (struct site){upf__alloc_site.file, upf__alloc_site.line, n};
}

static int should_fail(void)
{
	if (paused)
		return 0;
	long n = ++allocations;
	if (listing && upf__alloc_site.file)
		list_site(n);
	if (fail_at > 0 && (n == fail_at || (persistent && n > fail_at))) {
		if (n == fail_at) {
			failed_site = upf__alloc_site.file;
			failed_line = upf__alloc_site.line;
		}
		failures++;
		return 1;
	}
	return 0;
}

static void *oom_malloc(int n) { return should_fail() ? NULL : real.xMalloc(n); }

static void *oom_realloc(void *p, int n)
{
	return should_fail() ? NULL : real.xRealloc(p, n);
}

static sqlite3_mem_methods overlay;

static void test_single_failures(void **state)
{
	(void)state;
	fault_loop(0, "UPF_OOM", UPF_OOM_POINTS, &allocations,
		   "allocations", "single");
}

static void test_persistent_failures(void **state)
{
	(void)state;
	fault_loop(1, "UPF_OOM", UPF_OOM_POINTS, &allocations,
		   "allocations", "persistent");
}

/* Whether a file of lib/ allocates through the library's allocator. */
static int allocates(const char *file)
{
	char path_[512], line[1024];
	int found = 0;
	snprintf(path_, sizeof path_, "%s/lib/%s", UPF_SOURCE_DIR, file);
	FILE *fp = fopen(path_, "r");
	while (fp && !found && fgets(line, sizeof line, fp))
		found = strstr(line, "upf__malloc(") || strstr(line, "upf__realloc(") ||
			strstr(line, "upf__strdup(");
	if (fp)
		fclose(fp);
	return found;
}

/* Every allocation site of the library's own files that the scenario
 * reaches is failed once, whatever the stride; and every file of lib/
 * that allocates must have a site the scenario reaches. */
static void test_every_library_site(void **state)
{
	(void)state;
	int done, problems = 0;
	persistent = 0;
	record_reference();
	listing = 1;
	run_point(0, &allocations, &done);
	listing = 0;
	for (int i = 0; i < nsites; i++) {
		failed_site = NULL;
		problems += run_point(sites[i].point, &allocations, &done);
		/* The failure must have fallen on the site itself. */
		if (!failed_site || strcmp(failed_site, sites[i].file) ||
		    failed_line != sites[i].line) {
			print_error("site %s:%d: the failure at %ld fell on %s:%d\n",
				    sites[i].file, sites[i].line, sites[i].point,
				    failed_site ? failed_site : "SQLite", failed_line);
			problems++;
		}
	}
	assert_int_equal(problems, 0);
	DIR *d = opendir(UPF_SOURCE_DIR "/lib");
	struct dirent *e;
	int files = 0;
	assert_non_null(d);
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 3 || strcmp(e->d_name + n - 2, ".c") || !allocates(e->d_name))
			continue;
		int hit = 0;
		for (int i = 0; i < nsites && !hit; i++) {
			const char *base = strrchr(sites[i].file, '/');
			hit = !strcmp(base ? base + 1 : sites[i].file, e->d_name);
		}
		if (!hit)
			fail_msg("lib/%s allocates, but the scenario reaches none of it", e->d_name);
		files++;
	}
	closedir(d);
	print_message("# %d allocation sites of the library, in %d files, each failed "
		      "once\n", nsites, files);
}

/* The JSON the scenario reads (report parameters, a Kolada document), with
 * every one of its allocations failed in turn on an open registry: a
 * sample of the full loop once missed that SQLite's JSON functions give a
 * NULL key for want of memory, which crashed the option parser. */
/* One input the JSON functions read: a report's parameters, or (report
 * NULL) the Kolada document in params. */
static int read_json(upf_db *db, const char *report, const char *params)
{
	char *json = NULL;
	upf_table *t = NULL;
	int status = report ? upf_report_json(&json, db, report, params)
			    : upf_kolada_import(&t, db, params);
	upf_free(json);
	upf_table_free(t);
	return status;
}

static void test_json_inputs(void **state)
{
	(void)state;
	static const char *const inputs[][2] = {
		{"values", "{\"period\":\"2026-05\",\"compare\":\"previous\","
			   "\"measures\":[\"STR-PLATSER\",\"AVV-DAGAR-MEDIAN\"]}"},
		{"actions", "{\"period\":\"2026\",\"level\":1}"},
		{"assessment", "{\"year\":2026,\"by\":\"regime\"}"},
		{NULL, UPF_TEST_DATA "/kolada_v3.json"},
	};
	upf_db *db = NULL;
	remove_files();
	assert_int_equal(upf_db_open(&db, path), UPF_OK);
	assert_int_equal(upf_db_set_actor(db, "oom"), UPF_OK);
	persistent = 0;
	long tried = 0;
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		int status = UPF_NOMEM;
		for (long n = 1; status == UPF_NOMEM; n++, tried++) {
			allocations = failures = 0;
			fail_at = n;
			status = read_json(db, inputs[i][0], inputs[i][1]);
			fail_at = 0;
			if (status != UPF_OK && status != UPF_NOMEM)
				fail_msg("%s, allocation %ld failed: %s (%s)",
					 inputs[i][0] ? inputs[i][0] : "kolada", n,
					 upf_status_name(status), upf_errmsg(db));
			if (status == UPF_OK && failures)
				status = UPF_NOMEM; /* the failure was absorbed: go on */
		}
	}
	upf_db_close(db);
	assert_int_equal(sqlite3_memory_used(), 0);
	print_message("# report parameters and a Kolada document: %ld allocations failed "
		      "one by one\n", tried);
}

int main(void)
{
	/* In memory where the machine has it: the loops write a registry
	 * thousands of times, and syncs to a disk are the slow part. */
	static char dir[64];
	snprintf(dir, sizeof dir, "%s/upf-oom-XXXXXX",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	static char db_path[128];
	sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real);
	overlay = real;
	overlay.xMalloc = oom_malloc;
	overlay.xRealloc = oom_realloc;
	sqlite3_config(SQLITE_CONFIG_MALLOC, &overlay);
	if (!mkdtemp(dir))
		return 1;
	snprintf(db_path, sizeof db_path, "%s/r.db", dir);
	path = db_path;
	if (write_inputs(dir))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single_failures),
		cmocka_unit_test(test_persistent_failures),
		cmocka_unit_test(test_every_library_site),
		cmocka_unit_test(test_json_inputs),
	};
	int rc = RUN(tests);
	remove_files();
	remove_inputs();
	rmdir(dir);
	return rc;
}
