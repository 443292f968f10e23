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
	const char *pos[64] = {0};
	int partial = 0;
	const struct opt opts[] = {FLAG("partial", &partial), OPT_END};
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj import kolada FILE|- [FILE...] [--partial]\n"
		   "Imports reference values from documents of Kolada's API (v3, "
		   "or v2), keyed\nby KPI, municipality, municipality group (G...) "
		   "or organisational unit,\nyear and gender, all or nothing. A "
		   "response of several pages is given as\nseveral files, or a "
		   "file holding an array of pages: every page must be\nthere "
		   "(placed by the page parameter of next_url and previous_url); "
		   "--partial\naccepts a response with pages missing, and the "
		   "import is recorded as\npartial. Prints, per KPI, the measures "
		   "that carry it and the rows imported;\nKPIs that no measure "
		   "carries are listed with an empty 'measures'.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 64);
	if (rc || (rc = cli_open(c)))
		return rc;
	int n = 0;
	while (n < 64 && pos[n])
		n++;
	int status = upf_kolada_import_files(&t, c->db, pos, n,
					     partial ? UPF_KOLADA_PARTIAL : 0);
	return cli_print(c, status, t);
}

int cmd_import_reference(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj import reference FILE.csv|-\n"
		   "Imports reference values that do not come from Kolada "
		   "(Socialstyrelsen's,\nSCB's) from CSV with the header "
		   "kpi,kind,area,year,gender,value and\noptionally count and "
		   "status, comma- or Swedish-dialect. kind: municipality\n"
		   "(four digits; 0000 the country), group (G...) or ou; gender: "
		   "T, K or M;\nan empty value needs a status that says why. All "
		   "or nothing; a row\nreplaces Kolada's of the same key.\n";
	int rc = cli_parse(c, argc, argv, NULL, pos, 1, 1);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_reference_import(&t, c->db, pos[0]);
	return cli_print(c, status, t);
}

int cmd_reference_list(struct cli *c, int argc, char **argv)
{
	const char *kpi = NULL;
	const struct opt opts[] = {OPT("kpi", &kpi), OPT_END};
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj reference list [--kpi KPI]\n"
		   "Lists the reference values held (from Kolada, or a CSV file: "
		   "'source'), of\none KPI or all.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_reference_list(&t, c->db, kpi);
	return cli_print(c, status, t);
}

int cmd_export_values(struct cli *c, int argc, char **argv)
{
	const char *period = NULL;
	const struct opt opts[] = {OPT("period", &period), OPT_END};
	char *out = NULL;
	c->usage = "Usage: uppfolj export values [--period P] [--format csv|json|xlsx]\n"
		   "Writes values in the import's format to standard output: CSV "
		   "with the\nheader measure,unit,period,value,denominator,note (with "
		   "--csv-dialect sv: a\nbyte-order mark, semicolons, decimal commas, "
		   "CRLF), or a JSON array; or those\ncolumns as a spreadsheet "
		   "(--format xlsx --output FILE).\n--period keeps the values whose "
		   "period lies within P.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	if (!strcmp(c->format, "xlsx")) {
		upf_table *t = NULL;
		int status = upf_value_list(&t, c->db, NULL, NULL, period);
		if (!c->columns)
			c->columns = "measure,unit,period,value,denominator,note";
		return cli_print(c, status, t);
	}
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
