/* I/O errors: the scenario of the out-of-memory test, run through a VFS
 * shim that wraps the default VFS and fails the Nth read, write, sync or
 * truncate, for N = 1, 2, 3, ... until the scenario completes; once as a
 * transient failure (that operation only) and once as a persistent one
 * (every operation from N on). Every call must succeed or say UPF_IO;
 * nothing may leak; the registry, reopened, must pass integrity_check.
 * The library opens "file:" URIs, so the scenario names the shim's VFS.
 * As in test_oom.c, about the build's io_points are tried
 * ($UPF_IO_POINTS), or every Nth ($UPF_IO_STRIDE; 1: all). */
#include <sqlite3.h>

#include "helpers.h"

#define ACCEPTED UPF_IO
#include "scenario.h"

/* What a write or a truncate overwrote since the file's last sync, so that
 * a power cut can put it back. */
struct undo {
	sqlite3_int64 offset;
	int length;
	unsigned char *bytes;
	struct undo *next;
};

struct fault_file {
	sqlite3_file base;
	sqlite3_file *real;
	sqlite3_int64 synced_size; /* the size at the last sync */
	struct undo *undo;         /* newest first */
	struct fault_file *next;   /* every open file, for the power cut */
};

static sqlite3_vfs *real_vfs, fault_vfs;
static long operations;

/* Power loss: the power goes at sync number power_at (0: never); after
 * that every operation fails, as if the process had died with it. */
static long power_at, syncs;
static int powered_off;
static struct fault_file *open_files;

/* Counts a read, write, sync or truncate, and fails the chosen one(s). */
static int fault(int code)
{
	if (powered_off)
		return code;
	long n = ++operations;
	if (fail_at > 0 && (n == fail_at || (persistent && n > fail_at))) {
		failures++;
		return code;
	}
	return SQLITE_OK;
}

#define REAL(f) (((struct fault_file *)(f))->real)

static void forget(struct fault_file *ff)
{
	while (ff->undo) {
		struct undo *u = ff->undo;
		ff->undo = u->next;
		free(u->bytes);
		free(u);
	}
}

/* Remembers what [offset, offset + length) holds before it is written. */
static void remember(struct fault_file *ff, sqlite3_int64 offset, int length)
{
	struct undo *u = calloc(1, sizeof *u);
	if (!u || !(u->bytes = calloc(1, (size_t)length)))
		abort();
	u->offset = offset;
	u->length = length;
	/* Beyond the end reads short; the cut truncates that part away. */
	ff->real->pMethods->xRead(ff->real, u->bytes, length, offset);
	u->next = ff->undo;
	ff->undo = u;
}

/* The power goes: every byte not synced is what it was. */
static void power_cut(void)
{
	for (struct fault_file *ff = open_files; ff; ff = ff->next) {
		for (struct undo *u = ff->undo; u; u = u->next)
			ff->real->pMethods->xWrite(ff->real, u->bytes, u->length, u->offset);
		ff->real->pMethods->xTruncate(ff->real, ff->synced_size);
		forget(ff);
	}
	powered_off = 1;
}

static int f_close(sqlite3_file *f)
{
	struct fault_file *ff = (struct fault_file *)f;
	for (struct fault_file **p = &open_files; *p; p = &(*p)->next)
		if (*p == ff) {
			*p = ff->next;
			break;
		}
	forget(ff);
	return REAL(f)->pMethods->xClose(REAL(f));
}

static int f_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	int rc = fault(SQLITE_IOERR_READ);
	return rc ? rc : REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int f_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	int rc = fault(SQLITE_IOERR_WRITE);
	if (rc)
		return rc;
	if (power_at)
		remember((struct fault_file *)f, off, n);
	return REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	sqlite3_int64 old = 0;
	int rc = fault(SQLITE_IOERR_TRUNCATE);
	if (rc)
		return rc;
	if (power_at && REAL(f)->pMethods->xFileSize(REAL(f), &old) == SQLITE_OK &&
	    old > size)
		remember((struct fault_file *)f, size, (int)(old - size));
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int f_sync(sqlite3_file *f, int flags)
{
	struct fault_file *ff = (struct fault_file *)f;
	int rc = fault(SQLITE_IOERR_FSYNC);
	if (rc)
		return rc;
	if (++syncs == power_at) {
		power_cut();
		return SQLITE_IOERR_FSYNC;
	}
	rc = REAL(f)->pMethods->xSync(REAL(f), flags);
	if (rc == SQLITE_OK) {
		forget(ff);
		REAL(f)->pMethods->xFileSize(REAL(f), &ff->synced_size);
	}
	return rc;
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
	if (powered_off)
		return SQLITE_CANTOPEN;
	int rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out_flags);
	ff->base.pMethods = rc == SQLITE_OK && ff->real->pMethods ? &fault_io : NULL;
	ff->undo = NULL;
	ff->synced_size = 0;
	if (ff->base.pMethods) {
		ff->real->pMethods->xFileSize(ff->real, &ff->synced_size);
		ff->next = open_files;
		open_files = ff;
	}
	return rc;
}

/* After the power cut nothing is deleted: the journal must survive. */
static int f_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	(void)vfs;
	return powered_off ? SQLITE_IOERR_DELETE
			   : real_vfs->xDelete(real_vfs, name, sync_dir);
}

static void test_transient(void **state)
{
	(void)state;
	fault_loop(0, "UPF_IO", UPF_IO_POINTS, &operations, "operations",
		   "transient");
}

static void test_persistent(void **state)
{
	(void)state;
	fault_loop(1, "UPF_IO", UPF_IO_POINTS, &operations, "operations",
		   "persistent");
}

/* The power goes at every sync point of the scenario in turn. Afterwards
 * the registry must pass integrity_check and hold every acknowledged step,
 * and at most the step in flight besides: nothing acknowledged lost, no
 * transaction torn. */
static void test_power_loss(void **state)
{
	(void)state;
	long points = 0, total_syncs;
	syncs = 0;
	power_at = 0;
	fail_at = 0;
	record_reference();
	total_syncs = syncs;
	for (power_at = 1; power_at <= total_syncs; power_at++) {
		char shm[512];
		remove_files();
		start_run();
		syncs = 0;
		powered_off = 0;
		scenario();
		powered_off = 0;
		long at = power_at;
		power_at = 0;
		/* The shared-memory index does not survive a power cut. */
		snprintf(shm, sizeof shm, "%s-shm", path);
		unlink(shm);
		if (unexpected + check_integrity(at) + check_state(at))
			fail();
		power_at = at;
		points++;
	}
	power_at = 0;
	print_message("# power loss: %ld sync points, no acknowledged step lost, "
		      "none torn\n", points);
}

int main(void)
{
	/* In memory where the machine has it: the loops write a registry
	 * thousands of times, and syncs to a disk are the slow part. */
	static char dir[64];
	snprintf(dir, sizeof dir, "%s/upf-io-XXXXXX",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	static char db_path[128], uri_path[192];
	real_vfs = sqlite3_vfs_find(NULL);
	fault_vfs = *real_vfs;
	fault_vfs.zName = "upf-fault";
	fault_vfs.szOsFile = (int)sizeof(struct fault_file) + real_vfs->szOsFile;
	fault_vfs.xOpen = f_open;
	fault_vfs.xDelete = f_delete;
	fault_vfs.pNext = NULL;
	if (sqlite3_vfs_register(&fault_vfs, 0) != SQLITE_OK || !mkdtemp(dir))
		return 1;
	snprintf(db_path, sizeof db_path, "%s/r.db", dir);
	snprintf(uri_path, sizeof uri_path, "file:%s?vfs=upf-fault", db_path);
	path = db_path;
	uri = uri_path;
	if (write_inputs(dir))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transient),
		cmocka_unit_test(test_persistent),
		cmocka_unit_test(test_power_loss),
	};
	int rc = RUN(tests);
	remove_files();
	remove_inputs();
	rmdir(dir);
	return rc;
}
