/* Periods: 2026, 2026-H1, 2026-T2, 2026-Q3, 2026-03 and 2026-01..2026-08.
 * A month is counted as year * 12 + month - 1, so a period is the pair of
 * its first and last month. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define PERIOD_FORMS "expected YYYY, YYYY-H1, YYYY-T1, YYYY-Q1, YYYY-MM or YYYY-MM..YYYY-MM"

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int number(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* One period without "..": sets *from and *to, or returns a reason. */
static const char *parse_one(const char *s, size_t n, int *from, int *to)
{
	if (n < 4 || !digits(s, 4))
		return PERIOD_FORMS;
	int year = number(s, 4);
	if (year < 1000)
		return "year must be 1000..9999";
	if (n == 4) {
		*from = year * 12;
		*to = year * 12 + 11;
		return NULL;
	}
	if (s[4] != '-')
		return PERIOD_FORMS;
	if (n == 7 && digits(s + 5, 2)) {
		int month = number(s + 5, 2);
		if (month < 1 || month > 12)
			return "month must be 01..12";
		*from = *to = year * 12 + month - 1;
		return NULL;
	}
	if (n != 7 || !digits(s + 6, 1))
		return PERIOD_FORMS;
	static const struct {
		char letter;
		int count;
		const char *range;
	} parts[] = {{'H', 2, "half-year must be 1..2"},
		     {'T', 3, "tertial must be 1..3"},
		     {'Q', 4, "quarter must be 1..4"}};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (s[5] != parts[i].letter)
			continue;
		int k = s[6] - '0', len = 12 / parts[i].count;
		if (k < 1 || k > parts[i].count)
			return parts[i].range;
		*from = year * 12 + (k - 1) * len;
		*to = *from + len - 1;
		return NULL;
	}
	return PERIOD_FORMS;
}

int upf__period_parse(upf_db *db, const char *field, const char *text,
		      int *from, int *to)
{
	int a, b, c, d;
	const char *why;
	if (!text)
		return upf__misuse(db, field);
	if (!*text)
		return upf__fail(db, UPF_INVALID, "%s: missing", field);
	const char *dots = strstr(text, "..");
	if (!dots) {
		why = parse_one(text, strlen(text), from, to);
	} else if (!(why = parse_one(text, (size_t)(dots - text), &a, &b)) &&
		   !(why = parse_one(dots + 2, strlen(dots + 2), &c, &d))) {
		if (a != b || c != d)
			why = "a range runs from month to month, YYYY-MM..YYYY-MM";
		else if (c < a)
			why = "ends before it starts";
		*from = a;
		*to = c;
	}
	if (why)
		return upf__fail(db, UPF_INVALID, "%s '%s': %s", field,
				 upf__shown(text), why);
	return UPF_OK;
}

/* Written digit by digit: every value written one at a time labels its
 * audit key, and snprintf was most of the label's cost. */
void upf__period_label(int start, int months, char out[16])
{
	unsigned year = (unsigned)(start / 12) % 10000u, month = (unsigned)(start % 12);
	char *p = out;
	*p++ = (char)('0' + year / 1000);
	*p++ = (char)('0' + year / 100 % 10);
	*p++ = (char)('0' + year / 10 % 10);
	*p++ = (char)('0' + year % 10);
	if (months == 1) {
		*p++ = '-';
		*p++ = (char)('0' + (month + 1) / 10);
		*p++ = (char)('0' + (month + 1) % 10);
	} else if (months != 12) {
		*p++ = '-';
		*p++ = months == 6 ? 'H' : months == 4 ? 'T' : 'Q';
		*p++ = (char)('0' + (month / (unsigned)months + 1) % 10u);
	}
	*p = '\0';
}

static int days_in_month(int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y = m / 12, k = m % 12;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return k == 1 && leap ? 29 : days[k];
}

void upf__month_first(int m, char out[11])
{
	snprintf(out, 11, "%04u-%02u-01", (unsigned)(m / 12) % 10000u,
		 (unsigned)(m % 12) + 1u);
}

void upf__month_last(int m, char out[11])
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(m / 12) % 10000u,
		 (unsigned)(m % 12) + 1u, (unsigned)days_in_month(m) % 100u);
}
