/* Out of memory: a full scenario run again and again with allocation N
 * failing, for N = 1, 2, 3, ... until the scenario completes; once as a
 * single failure and once failing every allocation from N on. Every call
 * must succeed or say UPF_NOMEM; nothing may crash or leak (SQLite's own
 * count of memory in use returns to zero after close); and the registry,
 * reopened, must pass PRAGMA integrity_check.
 *
 * The overlay is SQLite's allocator with a counter, installed before
 * SQLite initialises; the library allocates through SQLite, so it is
 * reached too. $UPF_OOM_STRIDE (default: the build's oom_stride) tries
 * every Nth point, so that the suite can run a sample and ./build.sh
 * reliability a denser one. */
#include <sqlite3.h>

#include "helpers.h"

static sqlite3_mem_methods real;
static long allocations;
static int paused; /* the checks' own reads allocate: no faults then */

#define ACCEPTED UPF_NOMEM
#define FAULTS_OFF() (paused++)
#define FAULTS_ON() (paused--)
#include "scenario.h"

static int should_fail(void)
{
	if (paused)
		return 0;
	long n = ++allocations;
	if (fail_at > 0 && (n == fail_at || (persistent && n > fail_at))) {
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
	fault_loop(0, stride_of("UPF_OOM_STRIDE", UPF_OOM_STRIDE), &allocations,
		   "allocations", "single");
}

static void test_persistent_failures(void **state)
{
	(void)state;
	fault_loop(1, stride_of("UPF_OOM_STRIDE", UPF_OOM_STRIDE), &allocations,
		   "allocations", "persistent");
}

int main(void)
{
	static char dir[] = "/tmp/upf-oom-XXXXXX";
	static char db_path[128], csv_path[128];
	sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real);
	overlay = real;
	overlay.xMalloc = oom_malloc;
	overlay.xRealloc = oom_realloc;
	sqlite3_config(SQLITE_CONFIG_MALLOC, &overlay);
	if (!mkdtemp(dir))
		return 1;
	snprintf(db_path, sizeof db_path, "%s/r.db", dir);
	snprintf(csv_path, sizeof csv_path, "%s/v.csv", dir);
	path = db_path;
	csv = csv_path;
	FILE *fp = fopen(csv, "w");
	if (!fp)
		return 1;
	fputs("measure;unit;period;value;denominator\nM1;U2;2026-05;1;2\n"
	      "STR-PLATSER;U1;2026-06;10;\n", fp);
	fclose(fp);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single_failures),
		cmocka_unit_test(test_persistent_failures),
	};
	int rc = RUN(tests);
	remove_files();
	unlink(csv);
	rmdir(dir);
	return rc;
}
