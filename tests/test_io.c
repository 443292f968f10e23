/* I/O errors: the scenario of the out-of-memory test, run through a VFS
 * shim that wraps the default VFS and fails the Nth read, write, sync or
 * truncate, for N = 1, 2, 3, ... until the scenario completes; once as a
 * transient failure (that operation only) and once as a persistent one
 * (every operation from N on). Every call must succeed or say UPF_IO;
 * nothing may leak; the registry, reopened, must pass integrity_check.
 * The library opens "file:" URIs, so the scenario names the shim's VFS.
 * $UPF_IO_STRIDE (default: the build's io_stride) tries every Nth point. */
#include <sqlite3.h>

#include "helpers.h"

#define ACCEPTED UPF_IO
static long fail_at;
#include "scenario.h"

struct fault_file {
	sqlite3_file base;
	sqlite3_file *real;
};

static sqlite3_vfs *real_vfs, fault_vfs;
static long operations, failures;
static int persistent;

/* Counts a read, write, sync or truncate, and fails the chosen one(s). */
static int fault(int code)
{
	long n = ++operations;
	if (fail_at > 0 && (n == fail_at || (persistent && n > fail_at))) {
		failures++;
		return code;
	}
	return SQLITE_OK;
}

#define REAL(f) (((struct fault_file *)(f))->real)

static int f_close(sqlite3_file *f) { return REAL(f)->pMethods->xClose(REAL(f)); }

static int f_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	int rc = fault(SQLITE_IOERR_READ);
	return rc ? rc : REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int f_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	int rc = fault(SQLITE_IOERR_WRITE);
	return rc ? rc : REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	int rc = fault(SQLITE_IOERR_TRUNCATE);
	return rc ? rc : REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int f_sync(sqlite3_file *f, int flags)
{
	int rc = fault(SQLITE_IOERR_FSYNC);
	return rc ? rc : REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int f_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int f_lock(sqlite3_file *f, int k) { return REAL(f)->pMethods->xLock(REAL(f), k); }

static int f_unlock(sqlite3_file *f, int k)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), k);
}

static int f_reserved(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int f_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int f_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }

static int f_device(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int f_shm_map(sqlite3_file *f, int region, int size, int extend, void volatile **p)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), region, size, extend, p);
}

static int f_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}

static void f_shm_barrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }

static int f_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **p)
{
	return REAL(f)->pMethods->xFetch(REAL(f), off, n, p);
}

static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

static const sqlite3_io_methods fault_io = {
	3, f_close, f_read, f_write, f_truncate, f_sync, f_size, f_lock, f_unlock,
	f_reserved, f_control, f_sector, f_device, f_shm_map, f_shm_lock,
	f_shm_barrier, f_shm_unmap, f_fetch, f_unfetch,
};

static int f_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
		  int *out_flags)
{
	(void)vfs;
	struct fault_file *ff = (struct fault_file *)file;
	ff->real = (sqlite3_file *)&ff[1];
	int rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out_flags);
	ff->base.pMethods = rc == SQLITE_OK && ff->real->pMethods ? &fault_io : NULL;
	return rc;
}

static void remove_files(void)
{
	char p[512];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

static void check_integrity(long tried)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW &&
	    strcmp((const char *)sqlite3_column_text(st, 0), "ok")) {
		print_error("N=%ld: integrity_check: %s\n", tried, sqlite3_column_text(st, 0));
		fail();
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
}

static long stride(void)
{
	const char *s = getenv("UPF_IO_STRIDE");
	long n = s ? atol(s) : UPF_IO_STRIDE;
	return n > 0 ? n : 1;
}

static void run(int is_persistent)
{
	long points = 0;
	persistent = is_persistent;
	for (fail_at = 1;; fail_at += stride()) {
		remove_files();
		operations = failures = 0;
		int done = scenario();
		long tried = fail_at;
		fail_at = 0;
		if (sqlite3_memory_used() != 0) {
			print_error("N=%ld: %lld bytes held after close\n", tried,
				    (long long)sqlite3_memory_used());
			fail();
		}
		check_integrity(tried);
		fail_at = tried;
		points++;
		if (done && failures == 0)
			break;
	}
	print_message("# %s: %ld failure points tried, scenario of %ld operations\n",
		      is_persistent ? "persistent" : "transient", points, operations);
}

static void test_transient(void **state)
{
	(void)state;
	run(0);
}

static void test_persistent(void **state)
{
	(void)state;
	run(1);
}

int main(void)
{
	static char dir[] = "/tmp/upf-io-XXXXXX";
	static char db_path[128], csv_path[128], uri_path[192];
	real_vfs = sqlite3_vfs_find(NULL);
	fault_vfs = *real_vfs;
	fault_vfs.zName = "upf-fault";
	fault_vfs.szOsFile = (int)sizeof(struct fault_file) + real_vfs->szOsFile;
	fault_vfs.xOpen = f_open;
	fault_vfs.pNext = NULL;
	if (sqlite3_vfs_register(&fault_vfs, 0) != SQLITE_OK || !mkdtemp(dir))
		return 1;
	snprintf(db_path, sizeof db_path, "%s/r.db", dir);
	snprintf(csv_path, sizeof csv_path, "%s/v.csv", dir);
	snprintf(uri_path, sizeof uri_path, "file:%s?vfs=upf-fault", db_path);
	path = db_path, csv = csv_path, uri = uri_path;
	FILE *fp = fopen(csv, "w");
	if (!fp)
		return 1;
	fputs("measure;unit;period;value;denominator\nM1;U2;2026-05;1;2\n"
	      "STR-PLATSER;U1;2026-06;10;\n", fp);
	fclose(fp);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transient),
		cmocka_unit_test(test_persistent),
	};
	int rc = RUN(tests);
	remove_files();
	unlink(csv);
	rmdir(dir);
	return rc;
}
