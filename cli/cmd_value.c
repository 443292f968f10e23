/* Commands for values: recording, importing and exporting them. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int cmd_value_set(struct cli *c, int argc, char **argv)
{
	const char *pos[4], *den = NULL, *note = NULL;
	int confirm = 0;
	const struct opt opts[] = {OPT("den", &den), OPT("note", &note),
				   FLAG("confirm", &confirm), OPT_END};
	double value, d;
	c->usage = "Usage: uppfolj value set MEASURE UNIT PERIOD VALUE [--den N] "
		   "[--note TEXT] [--confirm]\n"
		   "Records a value, replacing an earlier one for the same measure, "
		   "unit and\nperiod (the audit trail keeps it). --den is the "
		   "denominator: the base of a\nshare (VALUE is the count out of it) "
		   "or the number of observations of a\nmean (VALUE is the mean). "
		   "PERIOD is one period of the measure's frequency:\n2026, 2026-H1, "
		   "2026-T2, 2026-Q3 or 2026-03. A value outside the measure's "
		   "plausible range\nis refused unless --confirm, and then "
		   "recorded with a flag that 'report\nquality' shows.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 4, 4);
	if (rc || (rc = cli_number(c, "value", pos[3], &value)) ||
	    (den && (rc = cli_number(c, "denominator", den, &d))) ||
	    (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_value_set(c->db, pos[0], pos[1], pos[2], value,
					 den ? &d : NULL, note,
					 confirm ? UPF_WRITE_CONFIRM : 0));
}

int cmd_value_delete(struct cli *c, int argc, char **argv)
{
	const char *pos[3];
	c->usage = "Usage: uppfolj value delete MEASURE UNIT PERIOD\n"
		   "Deletes a value (the audit trail keeps it).\n";
	int rc = cli_parse(c, argc, argv, NULL, pos, 3, 3);
	if (rc || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_value_delete(c->db, pos[0], pos[1], pos[2]));
}

int cmd_value_list(struct cli *c, int argc, char **argv)
{
	const char *measure = NULL, *unit = NULL, *period = NULL;
	const struct opt opts[] = {OPT("measure", &measure), OPT("unit", &unit),
				   OPT("period", &period), OPT_END};
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj value list [--measure M] [--unit U] "
		   "[--period P]\n"
		   "Lists values; --period keeps those whose period lies within P.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_value_list(&t, c->db, measure, unit, period);
	return cli_print(c, status, t);
}

/* A progress bar on stderr, for a large file on a terminal. */
static void progress(void *ctx, long long done, long long total)
{
	(void)ctx;
	if (total <= 0)
		return;
	int width = 40, filled = (int)(width * done / total);
	fprintf(stderr, "\r[%-*.*s] %3d%%", width, filled,
		"========================================",
		(int)(100 * done / total));
	if (done >= total)
		fputc('\n', stderr);
}

int cmd_import_values(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	long rows = 0;
	int confirm = 0;
	const struct opt opts[] = {FLAG("confirm", &confirm), OPT_END};
	c->usage = "Usage: uppfolj import values [--confirm] FILE|-\n"
		   "Imports values from CSV with the header\n"
		   "  measure,unit,period,value[,denominator][,note]\n"
		   "Comma or semicolon delimited (with semicolons a decimal comma "
		   "is read);\nUTF-8 with or without a byte-order mark; quoted "
		   "fields as in RFC 4180.\nAll or nothing: if any line is bad, "
		   "nothing is written and each bad line\nis listed. '-' reads "
		   "standard input. --confirm records values outside their "
		   "plausible range,\nflagged, instead of refusing them.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_value_import(&rows, c->db, pos[0],
				       confirm ? UPF_WRITE_CONFIRM : 0,
				       isatty(STDERR_FILENO) ? progress : NULL, NULL);
	if (status != UPF_OK)
		return cli_fail(c);
	printf("imported %ld value%s\n", rows, rows == 1 ? "" : "s");
	return EXIT_OK;
}

int cmd_import_kolada(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj import kolada FILE|-\n"
		   "Imports reference values from a document of Kolada's API "
		   "(v2 or v3),\nkeyed by KPI, municipality or organisational "
		   "unit, year and gender.\nPrints, per KPI, the measures that "
		   "carry it and the rows imported; KPIs\nthat no measure carries "
		   "are listed with an empty 'measures'.\n";
	int rc = cli_parse(c, argc, argv, NULL, pos, 1, 1);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_kolada_import(&t, c->db, pos[0]);
	return cli_print(c, status, t);
}

int cmd_export_values(struct cli *c, int argc, char **argv)
{
	const char *period = NULL;
	const struct opt opts[] = {OPT("period", &period), OPT_END};
	char *out = NULL;
	c->usage = "Usage: uppfolj export values [--period P] [--format csv|json]\n"
		   "Writes values in the import's format to standard output: CSV "
		   "with the\nheader measure,unit,period,value,denominator,note (with "
		   "--csv-dialect sv: a\nbyte-order mark, semicolons, decimal commas, "
		   "CRLF), or a JSON array.\n--period keeps the values whose period "
		   "lies within P.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	const char *format = !strcmp(c->format, "json")	   ? "json"
			     : !strcmp(c->csv_dialect, "sv") ? "csv_sv"
							     : "csv";
	rc = cli_done(c, upf_value_export(&out, c->db, period, format));
	if (!rc)
		fputs(out, stdout);
	if (!rc && !strcmp(format, "json"))
		putchar('\n');
	upf_free(out);
	return rc;
}
