/* libFuzzer targets, one per parser that reads what users hand in:
 * selected at build time with -DFUZZ_<TARGET>. Each input must be taken
 * or refused with a status; anything else (a crash, a sanitizer report,
 * a leak) is a finding. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static upf_db *db;
static char file[64];

/* A registry in memory with a small organisation, made once. */
static void setup(void)
{
	double den = 2;
	if (db)
		return;
	if (upf_db_open(&db, ":memory:") || upf_db_set_actor(db, "fuzz") ||
	    upf_committee_add(db, "AN", "Nämnd") ||
	    upf_provider_add(db, "LL", "Utförare", "in_house") ||
	    upf_assignment_add(db, "A1", "Uppdrag", "AN", "LL", "assignment", "2020-01-01",
			       NULL) ||
	    upf_unit_add_level2(db, "L2", "Del", "A1", "hemtjanst", "2020-01-01") ||
	    upf_unit_add_level3(db, "U1", "Enhet", "L2", "2020-01-01") ||
	    upf_measure_add(db, "M1", "Mått", "result", "share", "{\"kpi\":\"U21468\"}") ||
	    upf_value_set(db, "M1", "U1", "2026-05", 1, &den, NULL, 0))
		abort();
	snprintf(file, sizeof file, "/tmp/upf-fuzz-%d", (int)getpid());
}

/* The input as a NUL-terminated string. */
static char *text(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#if defined(FUZZ_CSV) || defined(FUZZ_KOLADA)
static void to_file(const uint8_t *data, size_t size)
{
	FILE *fp = fopen(file, "wb");
	if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp))
		abort();
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setup();
	char *s = text(data, size);
#if defined(FUZZ_PERIOD)
	int from, to;
	if (upf__period_parse(db, "period", s, &from, &to) == UPF_OK &&
	    (from > to || from < 1000 * 12 || to > 10000 * 12))
		abort();
#elif defined(FUZZ_PERSONAL)
	int personal = upf__looks_personal(s);
	int status = upf__check_text(db, "name", s, 200);
	if (personal && status == UPF_OK)
		abort();
	/* A message never shows a number that looked personal. */
	if (personal && strlen(s) >= 10 && strstr(upf_errmsg(db), s))
		abort();
#elif defined(FUZZ_CSV)
	long rows;
	to_file(data, size);
	upf_value_import(&rows, db, file, 0, NULL, NULL);
#elif defined(FUZZ_KOLADA)
	upf_table *t = NULL;
	to_file(data, size);
	upf_kolada_import(&t, db, file);
	upf_table_free(t);
#elif defined(FUZZ_REPORT)
	char *json = NULL;
	upf_report_json(&json, db, "values", s);
	upf_free(json);
	upf_report_json(&json, db, "deviations", s);
	upf_free(json);
#else
#error "define one FUZZ_ target"
#endif
	free(s);
	return 0;
}
