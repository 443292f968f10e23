/* Process-wide options: settings of SQLite itself, made before it starts. */
#include <sqlite3.h>

#include "internal.h"

int upf_config(int option, int value)
{
	if (option != UPF_CONFIG_MEMORY_COUNT || (value != 0 && value != 1))
		return UPF_INVALID;
	/* SQLite refuses a setting once sqlite3_initialize() has run, which
	 * the first open does: the process is past the point where it may
	 * choose. */
	int rc = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, value);
	return rc == SQLITE_OK ? UPF_OK : rc == SQLITE_MISUSE ? UPF_MISUSE : UPF_ERROR;
}
