/* A committee report rendered for people: Markdown, or one self-contained
 * HTML file (styles inline, charts as inline SVG beside the table of
 * their figures, no script, nothing loaded from elsewhere) that can be
 * archived as a public record. The figures are read from the report's
 * JSON with SQLite's JSON functions; nothing is computed here but the
 * drawing. Numbers are written the Swedish way: 1 234,5 and 82,5 %. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define THIN "\xe2\x80\xaf" /* U+202F, the narrow no-break space */
#define NBSP "\xc2\xa0"
#define SUPPRESSED "\xe2\x80\x93" /* – */

struct column {
	const char *key, *heading;
	char fmt; /* 't' text, 'n' number, 'v' a measure's value, '%' a share */
};

struct layout {
	const char *section;
	int per_measure; /* one table (and chart) per measure */
	char chart;      /* 'b' bars per node, 'l' a line per month, 's' stacked */
	struct column cols[8];
};

static const struct layout layouts[] = {
	{"measures_1", 1, 0, {{"node_name", "Uppdrag", 't'}, {"value", "Utfall", 'v'},
	  {"target", "Mål", 'v'}, {"status", "Status", 't'}, {"previous", "Föregående år", 'v'}}},
	{"measures_2", 1, 'b', {{"node_name", "Verksamhet", 't'}, {"value", "Utfall", 'v'},
	  {"target", "Mål", 'v'}, {"status", "Status", 't'}, {"previous", "Föregående år", 'v'}}},
	{"trend", 1, 'l', {{"month", "Månad", 't'}, {"value", "Utfall", 'v'}}},
	{"reference", 0, 0, {{"measure_name", "Mått", 't'}, {"value", "Utfall", 'v'},
	  {"reference", "Riket", 'v'}}},
	{"deviations", 0, 0, {{"node_name", "Verksamhet", 't'}, {"group", "Typ", 't'},
	  {"registered", "Registrerade", 'n'}, {"closed", "Avslutade", 'n'},
	  {"median_days_to_close", "Dagar till avslut (median)", 'n'},
	  {"ivo_overdue", "För sent till IVO", 'n'}}},
	{"deviations_tertial", 0, 's', {{"tertial", "Tertial", 't'}, {"group", "Typ", 't'},
	  {"registered", "Registrerade", 'n'}}},
	{"basic", 0, 0, {{"item_name", "Område", 't'}, {"node_name", "Verksamhet", 't'},
	  {"units", "Enheter", 'n'}, {"routine_share", "Med rutin", '%'},
	  {"performed_share", "Genomfört", '%'}, {"analysed_share", "Analyserat", '%'}}},
	{"plan", 0, 0, {{"dimension", "Indelning", 't'}, {"key", "Nyckel", 't'},
	  {"activities", "Aktiviteter", 'n'}, {"planned", "Planerade", 'n'},
	  {"started", "Påbörjade", 'n'}, {"done", "Klara", 'n'}, {"overdue", "Försenade", 'n'}}},
	{"goals", 0, 0, {{"goal_text", "Mål", 't'}, {"measure", "Mått", 't'},
	  {"value", "Utfall", 'n'}, {"target", "Målvärde", 'n'}, {"status", "Status", 't'},
	  {"goal_status", "Målet", 't'}}},
	{"reviews", 0, 0, {{"activity", "Aktivitet", 't'}, {"text", "Kriterium", 't'},
	  {"answers", "Ärenden", 'n'}, {"positive", "Ja", 'n'}, {"negative", "Nej", 'n'},
	  {"na", "Ej tillämpligt", 'n'}, {"share", "Andel ja", '%'}}},
	{"findings", 0, 0, {{"title", "Aktivitet", 't'}, {"quality_area", "Kvalitetsområde", 't'},
	  {"grade", "Bedömning", 't'}, {"text", "Iakttagelse", 't'}}},
	{"assessment", 0, 0, {{"quality_area", "Kvalitetsområde", 't'}, {"grade", "Bedömning", 't'},
	  {"rationale", "Motivering", 't'}, {"previous_grade", "Föregående år", 't'}}},
	{"actions", 0, 0, {{"source", "Källa", 't'}, {"node_name", "Verksamhet", 't'},
	  {"decided", "Beslutade", 'n'}, {"done", "Genomförda", 'n'}, {"overdue", "Försenade", 'n'},
	  {"achieved", "Effekt uppnådd", 'n'}, {"not_achieved", "Ej uppnådd", 'n'}}},
	{"information", 0, 0, {{"title", "Aktivitet", 't'}, {"stakeholder_name", "Intressent", 't'},
	  {"informed_on", "Informerad", 't'}, {"how", "Hur", 't'}}},
	{"unlocks", 0, 0, {{"period", "Period", 't'}, {"unlocked_on", "Upplåst", 't'},
	  {"reason", "Skäl", 't'}}},
};

static const struct layout *layout_of(const char *section)
{
	for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++)
		if (!strcmp(layouts[i].section, section))
			return &layouts[i];
	return NULL;
}

struct render {
	upf_db *db;
	sqlite3_str *out;
	int html;
	int charts; /* numbered, for the ids of their titles */
	const char *doc;
	/* Parts of the document that every section reads, taken out once:
	 * SQLite parses a JSON text at each use, and the whole document is
	 * large. */
	char *measures, *narrative;
	int threshold; /* of disclosure control, from the front matter */
};

static void esc(struct render *r, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': sqlite3_str_appendall(r->out, "&amp;"); break;
		case '<': sqlite3_str_appendall(r->out, "&lt;"); break;
		case '>': sqlite3_str_appendall(r->out, "&gt;"); break;
		case '"': sqlite3_str_appendall(r->out, "&quot;"); break;
		case '|':
			sqlite3_str_appendall(r->out, r->html ? "|" : "\\|");
			break;
		case '\n':
			sqlite3_str_appendall(r->out, r->html ? "<br>" : " ");
			break;
		default: sqlite3_str_appendchar(r->out, 1, *s);
		}
	}
}

/* A number the Swedish way: thin spaces between thousands, a decimal
 * comma, at most `decimals` decimals and no trailing zeros. */
static void sv_number(sqlite3_str *out, double v, int decimals)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%.*f", decimals, fabs(v));
	char *dot = strchr(buf, '.');
	if (dot) {
		char *end = dot + strlen(dot) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*dot = '\0';
	}
	size_t whole = dot && *dot ? (size_t)(dot - buf) : strlen(buf);
	if (v < 0 && strspn(buf, "0.") != strlen(buf))
		sqlite3_str_appendall(out, "\xe2\x88\x92"); /* − */
	for (size_t i = 0; i < whole; i++) {
		if (i && (whole - i) % 3 == 0)
			sqlite3_str_appendall(out, THIN);
		sqlite3_str_appendchar(out, 1, buf[i]);
	}
	if (dot && *dot) {
		sqlite3_str_appendchar(out, 1, ',');
		sqlite3_str_appendall(out, dot + 1);
	}
}

static void number(struct render *r, double v, int pct)
{
	sv_number(r->out, v, pct ? 1 : 2);
	if (pct)
		sqlite3_str_appendall(r->out, NBSP "%");
}

static const char *word(const char *code)
{
	static const char *const words[][2] = {
		{"met", "uppnått"}, {"not_met", "ej uppnått"}, {"partly", "delvis"},
		{"good", "god"}, {"acceptable", "godtagbar"},
		{"improvement_needed", "förbättring behövs"}, {"deficient", "brister"},
	};
	for (size_t i = 0; code && i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(code, words[i][0]))
			return words[i][1];
	return code;
}

/* One cell: column 2 its value, 3 its JSON type, 4 the row's
 * suppression, 5 its measure's type. */
static void cell(struct render *r, sqlite3_stmt *st, const struct column *c)
{
	int type = sqlite3_column_type(st, 2);
	const char *text = (const char *)sqlite3_column_text(st, 2);
	int suppressed = sqlite3_column_type(st, 4) != SQLITE_NULL;
	const char *mtype = (const char *)sqlite3_column_text(st, 5);
	/* Suppression nulls the figures, never the target or the reference. */
	int hidden = suppressed && c->fmt != 't' && strcmp(c->key, "target") &&
		     strcmp(c->key, "reference");
	if (type == SQLITE_NULL)
		sqlite3_str_appendall(r->out, hidden ? SUPPRESSED "*" : "");
	else if (c->fmt == 't' || type == SQLITE_TEXT)
		esc(r, word(text));
	else
		number(r, sqlite3_column_double(st, 2),
		       c->fmt == '%' || (c->fmt == 'v' && mtype && !strcmp(mtype, "share")));
}

/* The cells of a section's rows (of one measure, or all), each row's
 * columns in the layout's order. */
static sqlite3_stmt *cells(struct render *r, const char *section_json,
			   const char *columns, const char *measure)
{
	sqlite3_stmt *st = upf__stmt(r->db,
		"WITH m AS MATERIALIZED (SELECT key AS code, value ->> 'type' AS type "
		"FROM json_each(?4)) "
		"SELECT r.key, c.key, json_extract(r.value, '$.\"' || c.value || '\"'), "
		"json_type(r.value, '$.\"' || c.value || '\"'), r.value ->> 'suppressed', m.type "
		"FROM json_each(?1, '$.rows') r JOIN json_each(?2) c "
		"LEFT JOIN m ON m.code = r.value ->> 'measure' "
		"WHERE ?3 IS NULL OR r.value ->> 'measure' = ?3 ORDER BY r.key, c.key");
	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, section_json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, columns, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, measure, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->measures, -1, SQLITE_STATIC);
	return st;
}

static int table(struct render *r, const struct layout *l, const char *section_json,
		 const char *columns, const char *measure)
{
	int ncols = 0;
	while (ncols < 8 && l->cols[ncols].key)
		ncols++;
	sqlite3_str_appendall(r->out, r->html ? "<table>\n<thead><tr>" : "\n|");
	for (int i = 0; i < ncols; i++) {
		sqlite3_str_appendall(r->out, r->html ? "<th>" : " ");
		esc(r, l->cols[i].heading);
		sqlite3_str_appendall(r->out, r->html ? "</th>" : " |");
	}
	sqlite3_str_appendall(r->out, r->html ? "</tr></thead>\n<tbody>\n" : "\n|");
	for (int i = 0; !r->html && i < ncols; i++)
		sqlite3_str_appendall(r->out, l->cols[i].fmt == 't' ? " --- |" : " ---: |");
	sqlite3_stmt *st = cells(r, section_json, columns, measure);
	if (!st)
		return r->db->status;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int c = sqlite3_column_int(st, 1);
		if (c == 0)
			sqlite3_str_appendall(r->out, r->html ? "<tr>" : "\n|");
		if (r->html)
			sqlite3_str_appendall(r->out, l->cols[c].fmt == 't' ? "<td>" : "<td class=n>");
		else
			sqlite3_str_appendchar(r->out, 1, ' ');
		cell(r, st, &l->cols[c]);
		sqlite3_str_appendall(r->out, r->html ? "</td>" : " |");
		if (c == ncols - 1 && r->html)
			sqlite3_str_appendall(r->out, "</tr>\n");
	}
	sqlite3_reset(st);
	sqlite3_str_appendall(r->out, r->html ? "</tbody>\n</table>\n" : "\n\n");
	return rc == SQLITE_DONE ? UPF_OK : upf__sqlfail(r->db, rc);
}

/* ---- Charts ------------------------------------------------------------ */

static const char *const palette[] = {"#1f5f8b", "#d08c00", "#3b8c4a", "#a23b3b",
				      "#6b4c9a", "#2a9d9d", "#8c6d31", "#555555"};

/* A round step for about four ticks up to max. */
static double tick_step(double max)
{
	double raw = max > 0 ? max / 4 : 1, mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	return mag * (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10);
}

/* The top of a value axis: a round number above the largest figure, or
 * 100 for a share. */
static double axis_top(double largest, int pct)
{
	double max = pct ? 100 : largest * 1.1;
	if (max <= 0)
		max = 1;
	return ceil(max / tick_step(max)) * tick_step(max);
}

/* A value axis up from y0 over h pixels, its gridlines from x0 to x1,
 * and its label along it. */
static void y_axis(struct render *r, double max, int x0, int x1, int y0, int h,
		   const char *label)
{
	double step = tick_step(max);
	for (double t = 0; t <= max + step / 1e6; t += step) {
		double y = y0 - t / max * h;
		sqlite3_str_appendf(r->out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
				    "stroke=\"#ddd\"/><text x=\"%d\" y=\"%.1f\" "
				    "text-anchor=\"end\">", x0, y, x1, y, x0 - 4, y + 4);
		number(r, t, 0);
		sqlite3_str_appendall(r->out, "</text>\n");
	}
	sqlite3_str_appendf(r->out, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" "
			    "text-anchor=\"middle\">", y0 - h / 2, y0 - h / 2);
	esc(r, label);
	sqlite3_str_appendall(r->out, "</text>\n");
}

static void svg_open(struct render *r, int w, int h, const char *title, const char *desc)
{
	int n = ++r->charts;
	sqlite3_str_appendf(r->out, "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
			    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
			    "aria-labelledby=\"c%d-t c%d-d\">\n<title id=\"c%d-t\">", w, h, w, h,
			    n, n, n);
	esc(r, title);
	sqlite3_str_appendf(r->out, "</title>\n<desc id=\"c%d-d\">", n);
	esc(r, desc);
	sqlite3_str_appendall(r->out, "</desc>\n");
}

static void svg_close(struct render *r, const char *caption)
{
	sqlite3_str_appendall(r->out, "</svg>\n<figcaption>");
	esc(r, caption);
	sqlite3_str_appendall(r->out, "</figcaption>\n</figure>\n");
}

/* The value axis along x (bars) from x0 over `len` pixels at height y. */
static void x_axis(struct render *r, double max, int pct, int x0, int len, int y,
		   const char *label)
{
	double step = tick_step(max);
	sqlite3_str_appendf(r->out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
			    "stroke=\"#333\"/>\n", x0, y, x0 + len, y);
	for (double t = 0; t <= max + step / 1e6; t += step) {
		double x = x0 + t / max * len;
		sqlite3_str_appendf(r->out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
				    "stroke=\"#333\"/><text x=\"%.1f\" y=\"%d\" "
				    "text-anchor=\"middle\">", x, y, x, y + 4, x, y + 16);
		number(r, t, 0);
		sqlite3_str_appendall(r->out, "</text>\n");
	}
	sqlite3_str_appendf(r->out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">",
			    x0 + len / 2, y + 32);
	esc(r, label);
	sqlite3_str_appendall(r->out, pct ? " (%)</text>\n" : "</text>\n");
}

static double col_double(sqlite3_stmt *st, int i, int *has)
{
	*has = sqlite3_column_type(st, i) != SQLITE_NULL;
	return sqlite3_column_double(st, i);
}

/* Per level-2 unit a bar of the value, a line at its target and a mark
 * at the year before. */
static int bar_chart(struct render *r, const char *section_json, const char *measure,
		     const char *name, int pct)
{
	sqlite3_stmt *st = upf__stmt(r->db,
		"SELECT r.value ->> 'node_name', r.value ->> 'value', r.value ->> 'target', "
		"r.value ->> 'previous', max(max(coalesce(r.value ->> 'value', 0), "
		"coalesce(r.value ->> 'target', 0), coalesce(r.value ->> 'previous', 0))) OVER (), "
		"count(*) OVER () FROM json_each(?1, '$.rows') r "
		"WHERE r.value ->> 'measure' = ?2 ORDER BY r.key");
	if (!st)
		return r->db->status;
	sqlite3_bind_text(st, 1, section_json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, measure, -1, SQLITE_STATIC);
	int rc, i = 0, x0 = 230, len = 380;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int hv, ht, hp, n = sqlite3_column_int(st, 5);
		double max = axis_top(sqlite3_column_double(st, 4), pct);
		if (i == 0) {
			svg_open(r, 640, 40 + 24 * n + 44, name,
				 "Stapeldiagram: utfallet per verksamhet under perioden, med målet "
				 "som röd linje och föregående år som grått streck. Siffrorna står "
				 "i tabellen nedanför.");
			x_axis(r, max, pct, x0, len, 30 + 24 * n, name);
		}
		double v = col_double(st, 1, &hv), t = col_double(st, 2, &ht),
		       p = col_double(st, 3, &hp);
		int y = 24 + 24 * i;
		sqlite3_str_appendf(r->out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
				    x0 - 6, y + 13);
		esc(r, (const char *)sqlite3_column_text(st, 0));
		sqlite3_str_appendall(r->out, "</text>\n");
		if (hv)
			sqlite3_str_appendf(r->out, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" "
					    "height=\"16\" fill=\"%s\"/>\n", x0, y + 2,
					    v / max * len, palette[0]);
		if (hp)
			sqlite3_str_appendf(r->out, "<rect x=\"%.1f\" y=\"%d\" width=\"3\" "
					    "height=\"20\" fill=\"#999\"/>\n",
					    x0 + p / max * len - 1.5, y);
		if (ht)
			sqlite3_str_appendf(r->out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
					    "y2=\"%d\" stroke=\"#c00\" stroke-width=\"2\"/>\n",
					    x0 + t / max * len, y - 2, x0 + t / max * len, y + 22);
		i++;
	}
	sqlite3_reset(st);
	if (i)
		svg_close(r, "Blå stapel: utfall. Röd linje: mål. Grått streck: "
			     "föregående år.");
	return rc == SQLITE_DONE ? UPF_OK : upf__sqlfail(r->db, rc);
}

/* A measure's value month by month. */
static int line_chart(struct render *r, const char *section_json, const char *measure,
		      const char *name, int pct)
{
	sqlite3_stmt *st = upf__stmt(r->db,
		"SELECT r.value ->> 'month', r.value ->> 'value', "
		"max(coalesce(r.value ->> 'value', 0)) OVER (), count(*) OVER () "
		"FROM json_each(?1, '$.rows') r WHERE r.value ->> 'measure' = ?2 ORDER BY r.key");
	if (!st)
		return r->db->status;
	sqlite3_bind_text(st, 1, section_json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, measure, -1, SQLITE_STATIC);
	int rc, i = 0, x0 = 60, y0 = 230, w = 560, h = 200, open = 0;
	double max = 1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int n = sqlite3_column_int(st, 3), hv;
		double v = col_double(st, 1, &hv);
		if (i == 0) {
			max = axis_top(sqlite3_column_double(st, 2), pct);
			svg_open(r, 640, 290, name, "Linjediagram: utfallet månad för månad de "
				 "senaste 24 månaderna. Siffrorna står i tabellen nedanför.");
			y_axis(r, max, x0, x0 + w, y0, h, pct ? "Utfall (%)" : "Utfall");
			sqlite3_str_appendf(r->out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
					    "Månad</text>\n<polyline fill=\"none\" stroke=\"%s\" "
					    "stroke-width=\"2\" points=\"", x0 + w / 2, y0 + 40,
					    palette[0]);
			open = 1;
		}
		double x = x0 + (n > 1 ? (double)i * w / (n - 1) : 0);
		if (hv)
			sqlite3_str_appendf(r->out, "%.1f,%.1f ", x, y0 - v / max * h);
		i++;
	}
	sqlite3_reset(st);
	if (open) {
		sqlite3_str_appendall(r->out, "\"/>\n");
		sqlite3_str_appendf(r->out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
				    "stroke=\"#333\"/>\n", x0, y0, x0 + w, y0);
		/* Every third month is named along the axis. */
		sqlite3_stmt *m = upf__stmt(r->db,
			"SELECT r.value ->> 'month', row_number() OVER (ORDER BY r.key) - 1, "
			"count(*) OVER () FROM json_each(?1, '$.rows') r "
			"WHERE r.value ->> 'measure' = ?2 ORDER BY r.key");
		if (!m)
			return r->db->status;
		sqlite3_bind_text(m, 1, section_json, -1, SQLITE_STATIC);
		sqlite3_bind_text(m, 2, measure, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(m)) == SQLITE_ROW) {
			int k = sqlite3_column_int(m, 1), n = sqlite3_column_int(m, 2);
			if (k % 3 && k != n - 1)
				continue;
			double x = x0 + (n > 1 ? (double)k * w / (n - 1) : 0);
			sqlite3_str_appendf(r->out, "<text x=\"%.1f\" y=\"%d\" "
					    "text-anchor=\"middle\">", x, y0 + 18);
			esc(r, (const char *)sqlite3_column_text(m, 0));
			sqlite3_str_appendall(r->out, "</text>\n");
		}
		sqlite3_reset(m);
		svg_close(r, "Utfall per månad för nämndens verksamheter.");
	}
	return rc == SQLITE_DONE ? UPF_OK : upf__sqlfail(r->db, rc);
}

/* Deviations per tertial, stacked by type, with a legend. */
static int stacked_chart(struct render *r, const char *section_json)
{
	sqlite3_stmt *st = upf__stmt(r->db,
		"WITH x AS (SELECT r.key AS k, r.value ->> 'tertial' AS t, r.value ->> 'group' AS g, "
		"coalesce(r.value ->> 'registered', 0) AS v FROM json_each(?1, '$.rows') r) "
		"SELECT t, g, v, dense_rank() OVER (ORDER BY t) - 1, "
		"dense_rank() OVER (ORDER BY g) - 1, "
		"sum(v) OVER (PARTITION BY t ORDER BY g ROWS UNBOUNDED PRECEDING), "
		"(SELECT max(s) FROM (SELECT sum(v) AS s FROM x GROUP BY t)), "
		"(SELECT count(DISTINCT t) FROM x) FROM x ORDER BY t, g");
	if (!st)
		return r->db->status;
	sqlite3_bind_text(st, 1, section_json, -1, SQLITE_STATIC);
	int rc, i = 0, x0 = 60, y0 = 230, h = 200, bw = 60;
	double max = 1;
	const char *last = NULL;
	char prev[16] = "";
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int xi = sqlite3_column_int(st, 3), ci = sqlite3_column_int(st, 4);
		int nt = sqlite3_column_int(st, 7);
		if (i++ == 0) {
			max = axis_top(sqlite3_column_double(st, 6), 0);
			svg_open(r, 640, 300, "Avvikelser per tertial och typ",
				 "Staplat stapeldiagram: registrerade avvikelser per tertial, "
				 "uppdelade på typ. Siffrorna står i tabellen nedanför.");
			y_axis(r, max, x0, x0 + 40 + nt * (bw + 30), y0, h, "Antal");
		}
		double v = sqlite3_column_double(st, 2), top = sqlite3_column_double(st, 5);
		int x = x0 + 20 + xi * (bw + 30);
		sqlite3_str_appendf(r->out, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" "
				    "fill=\"%s\"/>\n", x, y0 - top / max * h, bw, v / max * h,
				    palette[ci % 8]);
		last = (const char *)sqlite3_column_text(st, 0);
		if (last && strcmp(last, prev)) {
			snprintf(prev, sizeof prev, "%s", last);
			sqlite3_str_appendf(r->out, "<text x=\"%d\" y=\"%d\" "
					    "text-anchor=\"middle\">", x + bw / 2, y0 + 18);
			esc(r, last);
			sqlite3_str_appendall(r->out, "</text>\n");
		}
	}
	sqlite3_reset(st);
	if (!i)
		return rc == SQLITE_DONE ? UPF_OK : upf__sqlfail(r->db, rc);
	sqlite3_stmt *g = upf__stmt(r->db,
		"SELECT DISTINCT r.value ->> 'group' AS g FROM json_each(?1, '$.rows') r ORDER BY g");
	if (!g)
		return r->db->status;
	sqlite3_bind_text(g, 1, section_json, -1, SQLITE_STATIC);
	for (int k = 0; (rc = sqlite3_step(g)) == SQLITE_ROW; k++) {
		int y = 20 + 18 * k;
		sqlite3_str_appendf(r->out, "<rect x=\"470\" y=\"%d\" width=\"12\" height=\"12\" "
				    "fill=\"%s\"/><text x=\"488\" y=\"%d\">", y, palette[k % 8],
				    y + 11);
		esc(r, (const char *)sqlite3_column_text(g, 0));
		sqlite3_str_appendall(r->out, "</text>\n");
	}
	sqlite3_reset(g);
	svg_close(r, "Registrerade avvikelser per tertial; färgen anger typ.");
	return rc == SQLITE_DONE ? UPF_OK : upf__sqlfail(r->db, rc);
}

/* ---- The document ------------------------------------------------------ */

static const char style[] =
	"body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:11pt;color:#111;"
	"max-width:46em;margin:2em auto;line-height:1.4}"
	"h1{font-size:20pt}h2{font-size:15pt;border-bottom:1px solid #999}h3{font-size:12pt}"
	"table{border-collapse:collapse;margin:.5em 0 1em;font-size:9.5pt}"
	"th,td{border:1px solid #bbb;padding:2px 6px;vertical-align:top;text-align:left}"
	"td.n{text-align:right;white-space:nowrap}th{background:#eee}"
	"figure{margin:1em 0}figcaption{font-size:9pt;color:#444}"
	"svg text{font-size:10px;font-family:inherit}.note{font-size:9pt;color:#444}"
	"@page{size:A4;margin:18mm}"
	"@media print{body{margin:0;max-width:none}section{break-before:page}"
	"table,figure{break-inside:avoid}}";

/* A text of the document (json_extract of a path), or NULL. */
static int doc_text(struct render *r, const char *json, const char *path, char **out)
{
	sqlite3_stmt *st = upf__stmt(r->db, "SELECT json_extract(?1, ?2)");
	if (!st)
		return r->db->status;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	return upf__step_text(r->db, st, out);
}

static void paragraphs(struct render *r, const char *text)
{
	if (!text)
		return;
	sqlite3_str_appendall(r->out, r->html ? "<p>" : "\n");
	for (const char *s = text; *s; s++) {
		if (s[0] == '\n' && s[1] == '\n') {
			sqlite3_str_appendall(r->out, r->html ? "</p>\n<p>" : "\n\n");
			while (s[1] == '\n')
				s++;
		} else if (r->html) {
			char c[2] = {*s, 0};
			esc(r, c);
		} else
			sqlite3_str_appendchar(r->out, 1, *s);
	}
	sqlite3_str_appendall(r->out, r->html ? "</p>\n" : "\n\n");
}

static int narrative(struct render *r, const char *section)
{
	char path[80], *text = NULL;
	snprintf(path, sizeof path, "$.\"%s\"", section);
	int status = doc_text(r, r->narrative, path, &text);
	paragraphs(r, text);
	upf_free(text);
	return status;
}

static void heading(struct render *r, int level, const char *text)
{
	if (r->html)
		sqlite3_str_appendf(r->out, "<h%d>", level);
	else
		sqlite3_str_appendf(r->out, "\n%.*s ", level, "####");
	esc(r, text);
	sqlite3_str_appendall(r->out, r->html ? "" : "\n");
	if (r->html)
		sqlite3_str_appendf(r->out, "</h%d>\n", level);
}

static int per_measure(struct render *r, const struct layout *l, const char *json,
		       const char *columns)
{
	/* Each measure's rows apart, in their order, so that its chart and
	 * table read a small text rather than the whole section. */
	sqlite3_stmt *st = upf__stmt(r->db,
		"WITH m AS MATERIALIZED (SELECT key AS code, value ->> 'name' AS name, "
		"value ->> 'type' AS type FROM json_each(?2)), "
		"x AS (SELECT key, value, value ->> 'measure' AS measure "
		"FROM json_each(?1, '$.rows') ORDER BY measure, key) "
		"SELECT x.measure, coalesce(min(x.value ->> 'measure_name'), m.name), m.type, "
		"json_object('rows', json_group_array(json(x.value))), min(x.key) AS first "
		"FROM x LEFT JOIN m ON m.code = x.measure GROUP BY x.measure ORDER BY first");
	if (!st)
		return r->db->status;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->measures, -1, SQLITE_STATIC);
	int rc, status = UPF_OK;
	/* The texts stay valid while this statement is not stepped; the
	 * chart and the table run statements of their own. */
	while (!status && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code, *name, *type, *rows;
		status = upf__column(r->db, st, 0, &code);
		if (!status)
			status = upf__column(r->db, st, 1, &name);
		if (!status)
			status = upf__column(r->db, st, 2, &type);
		if (!status)
			status = upf__column(r->db, st, 3, &rows);
		if (status)
			break;
		if (!code || !rows)
			continue;
		int pct = type && !strcmp(type, "share");
		heading(r, 3, name ? name : code);
		if (r->html && l->chart == 'b')
			status = bar_chart(r, rows, code, name ? name : code, pct);
		if (!status && r->html && l->chart == 'l')
			status = line_chart(r, rows, code, name ? name : code, pct);
		if (!status)
			status = table(r, l, rows, columns, NULL);
	}
	sqlite3_reset(st);
	return status ? status : rc == SQLITE_DONE ? UPF_OK : upf__sqlfail(r->db, rc);
}

/* The layout's column keys as a JSON array. */
static char *column_keys(const struct layout *l)
{
	sqlite3_str *s = sqlite3_str_new(NULL);
	sqlite3_str_appendchar(s, 1, '[');
	for (int i = 0; i < 8 && l->cols[i].key; i++) {
		if (i)
			sqlite3_str_appendchar(s, 1, ',');
		upf__json_string(s, l->cols[i].key);
	}
	sqlite3_str_appendchar(s, 1, ']');
	return sqlite3_str_finish(s);
}

static int section(struct render *r, const char *id, const char *title, const char *json,
		   int suppressed)
{
	const struct layout *l = layout_of(id);
	if (!l)
		return UPF_OK; /* a section this version does not know: left out */
	char *columns = column_keys(l);
	if (!columns)
		return upf__fail(r->db, UPF_NOMEM, "out of memory");
	if (r->html)
		sqlite3_str_appendf(r->out, "<section id=\"s-%s\">\n", id);
	heading(r, 2, title);
	int status = narrative(r, id);
	if (!status && l->per_measure)
		status = per_measure(r, l, json, columns);
	else if (!status) {
		if (r->html && l->chart == 's')
			status = stacked_chart(r, json);
		if (!status)
			status = table(r, l, json, columns, NULL);
	}
	if (!status && suppressed) {
		sqlite3_str_appendall(r->out, r->html ? "<p class=note>" : "");
		sqlite3_str_appendf(r->out, "* " SUPPRESSED " visas inte: uppgiften bygger på "
				    "färre än %d personer, eller skulle kunna räknas fram ur "
				    "en sådan (röjandekontroll).", r->threshold);
		sqlite3_str_appendall(r->out, r->html ? "</p>\n" : "\n\n");
	}
	if (r->html)
		sqlite3_str_appendall(r->out, "</section>\n");
	sqlite3_free(columns);
	return status;
}

static int sections(struct render *r)
{
	sqlite3_stmt *st = upf__stmt(r->db,
		"SELECT x.value ->> 'id', x.value ->> 'title', x.value, x.value ->> 'suppressed' "
		"FROM json_each(?1, '$.sections') x ORDER BY x.key");
	if (!st)
		return r->db->status;
	sqlite3_bind_text(st, 1, r->doc, -1, SQLITE_STATIC);
	int rc, status = UPF_OK;
	while (!status && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id, *title, *json;
		status = upf__column(r->db, st, 0, &id);
		if (!status)
			status = upf__column(r->db, st, 1, &title);
		if (!status)
			status = upf__column(r->db, st, 2, &json);
		/* Other statements run meanwhile; these texts stay valid while
		 * this one is not stepped. */
		if (!status && id && title && json)
			status = section(r, id, title, json, sqlite3_column_int(st, 3));
	}
	sqlite3_reset(st);
	return status ? status : rc == SQLITE_DONE ? UPF_OK : upf__sqlfail(r->db, rc);
}

/* The header: what, whose, which period, and whether presented. */
static int front(struct render *r)
{
	sqlite3_stmt *st = upf__stmt(r->db,
		"SELECT ?1 ->> '$.title', ?1 ->> '$.committee_name', ?1 ->> '$.committee', "
		"?1 ->> '$.from', ?1 ->> '$.to', ?1 ->> '$.built_on', ?1 ->> '$.meeting', "
		"?1 ->> '$.reference', ?1 ->> '$.public', ?1 ->> '$.threshold'");
	if (!st)
		return r->db->status;
	sqlite3_bind_text(st, 1, r->doc, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return upf__sqlfail(r->db, rc == SQLITE_DONE ? SQLITE_INTERNAL : rc);
	}
	const char *t[8];
	int status = UPF_OK;
	for (int i = 0; !status && i < 8; i++)
		status = upf__column(r->db, st, i, &t[i]);
	if (!status && r->html) {
		sqlite3_str_appendall(r->out, "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n"
				      "<meta charset=\"utf-8\">\n<title>");
		esc(r, t[0]);
		sqlite3_str_appendf(r->out, "</title>\n<style>%s</style>\n</head>\n<body>\n"
				    "<header>\n", style);
	}
	if (!status) {
		heading(r, 1, t[0] ? t[0] : "");
		sqlite3_str_appendall(r->out, r->html ? "<p>" : "\n");
		esc(r, t[1]);
		sqlite3_str_appendall(r->out, " (");
		esc(r, t[2]);
		sqlite3_str_appendall(r->out, "). Period ");
		esc(r, t[3]);
		sqlite3_str_appendall(r->out, " \xe2\x80\x93 ");
		esc(r, t[4]);
		sqlite3_str_appendall(r->out, ". Uppgifterna hämtade ");
		esc(r, t[5]);
		sqlite3_str_appendall(r->out, ".");
		if (t[6]) {
			sqlite3_str_appendall(r->out, " Redovisad för nämnden ");
			esc(r, t[6]);
			sqlite3_str_appendall(r->out, ", dnr ");
			esc(r, t[7]);
			sqlite3_str_appendall(r->out, ".");
		} else
			sqlite3_str_appendall(r->out, " Utkast, ännu inte redovisat.");
		r->threshold = sqlite3_column_int(st, 9);
		if (sqlite3_column_int(st, 8))
			sqlite3_str_appendf(r->out, " Allmän handling: uppgifter som bygger på färre "
					    "än %d personer visas inte.", r->threshold);
		else
			sqlite3_str_appendall(r->out, " Intern rapport utan röjandekontroll.");
		sqlite3_str_appendall(r->out, r->html ? "</p>\n</header>\n" : "\n");
	}
	sqlite3_reset(st);
	return status;
}

int upf__render(upf_db *db, const char *doc, const char *format, char **out)
{
	struct render r = {db, sqlite3_str_new(db->sql), !strcmp(format, "html"), 0, doc,
			   NULL, NULL, 0};
	int status = doc_text(&r, doc, "$.measures", &r.measures);
	if (!status)
		status = doc_text(&r, doc, "$.narrative", &r.narrative);
	if (!status && (!r.measures || !r.narrative))
		status = upf__fail(db, UPF_INVALID, "committee report: its document lacks "
				   "its measures or narrative");
	if (!status)
		status = front(&r);
	if (!status)
		status = narrative(&r, "summary");
	if (!status)
		status = sections(&r);
	if (!status && r.html)
		sqlite3_str_appendall(r.out, "</body>\n</html>\n");
	upf_free(r.measures);
	upf_free(r.narrative);
	if (status) {
		sqlite3_free(sqlite3_str_finish(r.out));
		return status;
	}
	return upf__json_finish(db, r.out, out);
}
