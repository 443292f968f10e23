/* The input checks: UTF-8, dates, codes and personal identity numbers. */
#include <math.h>

#include "helpers.h"
#include "internal.h"

static void test_utf8(void **state)
{
	(void)state;
	size_t bad = 0;
	assert_true(upf__utf8_valid("Särskilt boende, Åby, Örebro", NULL));
	assert_true(upf__utf8_valid("\xf0\x9f\x98\x80", NULL)); /* U+1F600 */
	assert_false(upf__utf8_valid("ab\xff", &bad));
	assert_int_equal(bad, 2);
	assert_false(upf__utf8_valid("\xc0\xaf", NULL));         /* overlong '/' */
	assert_false(upf__utf8_valid("\xe0\x80\xaf", NULL));     /* overlong */
	assert_false(upf__utf8_valid("\xed\xa0\x80", NULL));     /* surrogate */
	assert_false(upf__utf8_valid("\xf4\x90\x80\x80", NULL)); /* > U+10FFFF */
	assert_false(upf__utf8_valid("\xc3", NULL));             /* truncated */
	assert_int_equal(upf__utf8_chars("Äldrenämnden"), 12);
}

static void test_dates(void **state)
{
	(void)state;
	assert_true(upf__date_valid("2026-01-31"));
	assert_true(upf__date_valid("2024-02-29"));
	assert_true(upf__date_valid("2000-02-29"));
	assert_false(upf__date_valid("2026-02-29"));
	assert_false(upf__date_valid("1900-02-29"));
	assert_false(upf__date_valid("2026-02-30"));
	assert_false(upf__date_valid("2026-04-31"));
	assert_false(upf__date_valid("2026-13-01"));
	assert_false(upf__date_valid("2026-00-10"));
	assert_false(upf__date_valid("2026-1-1"));
	assert_false(upf__date_valid("26-01-01"));
	assert_false(upf__date_valid("2026-01-01T00:00"));
	assert_false(upf__date_valid("2026/01/01"));
	assert_false(upf__date_valid(""));
	char today[11];
	upf__today(NULL, today);
	assert_true(upf__date_valid(today));
}

static void test_personal_identity_numbers(void **state)
{
	(void)state;
	/* Test numbers with valid check digits, in every written form. */
	assert_true(upf__looks_personal("811218-9876"));
	assert_true(upf__looks_personal("8112189876"));
	assert_true(upf__looks_personal("19811218-9876"));
	assert_true(upf__looks_personal("198112189876"));
	assert_true(upf__looks_personal("brukare 811218+9876 föll"));
	assert_true(upf__looks_personal("121212 1212"));
	/* A samordningsnummer: day of birth plus 60. */
	assert_true(upf__looks_personal("701063-2391"));
	/* Wrong check digit, impossible date, other digit runs. */
	assert_false(upf__looks_personal("811218-9875"));
	assert_false(upf__looks_personal("811318-9876"));
	/* Valid check digits on days that never were: 30 February, 31 April,
	 * 31 February as a samordningsnummer, 29 February 1900 and 1981. */
	assert_false(upf__looks_personal("810230-1234"));
	assert_false(upf__looks_personal("810431-1231"));
	assert_false(upf__looks_personal("810291-1230"));
	assert_false(upf__looks_personal("19000229-1235"));
	assert_false(upf__looks_personal("810229-1237"));
	/* Without the century, 29 February 00 may be 2000: refused. */
	assert_true(upf__looks_personal("000229-1235"));
	assert_false(upf__looks_personal("2026-03-01"));
	assert_false(upf__looks_personal("tel 013-20 00 00"));
	assert_false(upf__looks_personal("18112189876"));
	assert_false(upf__looks_personal("8112189876543"));
	assert_false(upf__looks_personal("Hemtjänst Norr 2"));
	/* Phone numbers, dates, amounts and case numbers must pass. */
	assert_false(upf__looks_personal("ring 070-123 45 67"));
	assert_false(upf__looks_personal("tel 0701234567"));
	assert_false(upf__looks_personal("+46701234567"));
	assert_false(upf__looks_personal("013-206000"));
	assert_false(upf__looks_personal("den 2026-03-01 kl 14.30"));
	assert_false(upf__looks_personal("20260301"));
	assert_false(upf__looks_personal("kostnad 1 250 000 kr"));
	assert_false(upf__looks_personal("kostnad 1250000,50 kr"));
	assert_false(upf__looks_personal("dnr SN 2026/0123"));
	assert_false(upf__looks_personal("Öppna jämförelser 2025"));
	/* Borderline: a valid number at either end, inside text or commas. */
	assert_true(upf__looks_personal("8112189876"));
	assert_true(upf__looks_personal("(19811218-9876)"));
	assert_true(upf__looks_personal("pnr:811218-9876, se akt"));
}

/* However the number is typed or pasted: Unicode dashes, white space of
 * every kind between or inside the groups, slashes and dots, digits of
 * other scripts, invisible characters inside. 121212-1212 and 811218-9876
 * have valid check digits. */
static void test_personal_however_typed(void **state)
{
	(void)state;
	static const char *const refused[] = {
		"19 12 12 12-1212", "121212-12 12", "12 12 12 - 12 12",
		"121212/1212", "121212.1212", "811218 - 9876", "2012 12 12 1212",
		"121212\u20131212",          /* en dash */
		"121212\u20111212",          /* non-breaking hyphen */
		"121212\u22121212",          /* minus sign */
		"121212\uFF0D1212",          /* fullwidth hyphen-minus */
		"121212\u20141212",          /* em dash */
		"121212\u00A01212",          /* no-break space */
		"121212\u20091212",          /* thin space */
		"121212\u202F1212",          /* narrow no-break space */
		"121212\t1212", "121212\r\n1212", "121212   1212", "121212\n-\n1212",
		"\uFF11\uFF12\uFF11\uFF12\uFF11\uFF12\uFF0D\uFF11\uFF12\uFF11\uFF12",
		"\u0661\u0662\u0661\u0662\u0661\u0662-\u0661\u0662\u0661\u0662",
		"\u0967\u0968\u0967\u0968\u0967\u0968-\u0967\u0968\u0967\u0968",
		"\U0001D7CF\U0001D7D0\U0001D7CF\U0001D7D0\U0001D7CF\U0001D7D0-"
		"\U0001D7CF\U0001D7D0\U0001D7CF\U0001D7D0", /* mathematical bold */
		"1212\u200B12-1212",         /* zero-width space */
		"12\u00AD1212-1212",         /* soft hyphen */
		"121\u200D212-12\u206012", /* joiner, word joiner */
		"\uFEFF121212-1212",         /* byte-order mark */
		"1212\u200E12\u202E-1212",   /* direction marks and overrides */
		"07 01 23 00 05",             /* pairs: read as a number */
		"pnr\u00A0121212\u20131212.",
	};
	static const char *const passed[] = {
		"2012-12-12 1212",            /* a date, then a number */
		"070-123 00 05", "070\u2011123\u00A000 05", "0701 230 005",
		"1 212 121 212 kr", "1\u202F212\u202F121\u202F212 kr",
		"12 121 212 12", "121212-123", "121212-12345", "12121-21212",
		"kl. 12.12 den 12/12, rum 1212", "12.12.12-1212x5",
		"dnr SN 2026/0123", "tel 013\u201320 00 00",
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		if (!upf__looks_personal(refused[i]))
			fail_msg("not seen: \"%s\"", refused[i]);
	for (size_t i = 0; i < sizeof passed / sizeof passed[0]; i++)
		if (upf__looks_personal(passed[i]))
			fail_msg("refused: \"%s\"", passed[i]);
	/* Invalid UTF-8 is read byte by byte, never past the end. */
	assert_false(upf__looks_personal("\xe2\x80"));
	assert_true(upf__looks_personal("\xff" "121212-1212\xc3"));
}

static void test_checks_name_field_and_value(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	const char *choices[] = {"in_house", "private", NULL};
	FAILS(db, upf__check_code(db, "code", "HT NORR"), UPF_INVALID,
	      "code 'HT NORR': only letters");
	FAILS(db, upf__check_code(db, "code", ""), UPF_INVALID, "code: missing");
	FAILS(db, upf__check_code(db, "code", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"),
	      UPF_INVALID, "longer than 32");
	FAILS(db, upf__check_code(db, "code", "198112189876"), UPF_PERSONAL,
	      "code: looks like a personal identity number");
	FAILS(db, upf__check_text(db, "name", "  ", 200), UPF_INVALID,
	      "name: must not be empty");
	FAILS(db, upf__check_text(db, "name", "a\tb", 200), UPF_INVALID,
	      "name: control characters");
	FAILS(db, upf__check_text(db, "name", "Åsa\xff", 200), UPF_INVALID,
	      "name: not valid UTF-8 (byte 5)");
	FAILS(db, upf__check_text(db, "name", "åäöåäö", 5), UPF_INVALID,
	      "6 characters, longer than the limit of 5");
	OK(db, upf__check_text(db, "name", "åäöåä", 5));
	FAILS(db, upf__check_date(db, "from", "2026-02-30", NULL), UPF_INVALID,
	      "from '2026-02-30': not a valid date");
	FAILS(db, upf__check_choice(db, "regime", "public", choices), UPF_INVALID,
	      "regime 'public': must be one of in_house, private");
	/* A personal identity number is never echoed back. */
	FAILS(db, upf__check_date(db, "from", "811218-9876", NULL), UPF_INVALID,
	      "(not shown)");
	assert_null(strstr(upf_errmsg(db), "9876"));
}

/* Numbers as cells hold them: a decimal comma or point, groups of three,
 * an exponent; each the same double strtod gives, to the bit, whether it
 * took the short way (at most 15 digits, no exponent) or strtod's. */
static int same_as_strtod(const char *text)
{
	double got, want = strtod(text, NULL);
	return upf__parse_number(text, &got) && !memcmp(&got, &want, sizeof got);
}

static void test_numbers(void **state)
{
	(void)state;
	double v;
	assert_true(upf__parse_number("12,5", &v) && v == 12.5);
	assert_true(upf__parse_number("1 234 567,25", &v) && v == 1234567.25);
	assert_true(upf__parse_number("-0", &v) && v == 0 && signbit(v));
	assert_false(upf__parse_number("1 23", &v));
	assert_false(upf__parse_number("12a", &v));
	static const char *const edges[] = {
		"0.1", "0.3", "123456789012345", "999999999999999", "1234567890123456",
		"9007199254740993", "0.000000000000001", "1.00000000000001", "1e3",
		"1.5E-2", "-2.5e+10", "4.35", "0.07", "100000000000000.5", "+7"};
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
		assert_true(same_as_strtod(edges[i]));
	/* Up to 17 digits, the point anywhere, either sign. */
	unsigned long long seed = 42;
	char text[32];
	for (int i = 0; i < 200000; i++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		int n = 1 + (int)(seed >> 59) % 17, point = (int)(seed >> 40) % (n + 1), k = 0;
		if (seed >> 63)
			text[k++] = '-';
		for (int d = 0; d < n; d++) {
			if (d == point && d > 0)
				text[k++] = '.';
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			text[k++] = (char)('0' + (seed >> 33) % 10);
		}
		text[k] = '\0';
		if (!same_as_strtod(text))
			fail_msg("'%s' parses to another double than strtod's", text);
	}
}

static const char *hex_of(const void *data, size_t n, size_t chunk)
{
	static char out[65];
	struct upf_sha256 h;
	upf__sha256_init(&h);
	for (size_t at = 0; at < n; at += chunk)
		upf__sha256_update(&h, (const char *)data + at, n - at < chunk ? n - at : chunk);
	upf__sha256_hex(&h, out);
	return out;
}

/* SHA-256 as FIPS 180-4's examples give it, by the processor's
 * instructions where it has them and by the portable code, whole or fed
 * in pieces of any size. */
static void test_sha256(void **state)
{
	(void)state;
	static const char *const two_blocks =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	size_t big = 1000000;
	char *a = malloc(big);
	assert_non_null(a);
	memset(a, 'a', big);
	for (int portable = 0; portable < 2; portable++) {
		upf__sha256_portable = portable;
		assert_string_equal(hex_of("", 0, 1), "e3b0c44298fc1c149afbf4c8996fb924"
						      "27ae41e4649b934ca495991b7852b855");
		assert_string_equal(hex_of("abc", 3, 3), "ba7816bf8f01cfea414140de5dae2223"
							 "b00361a396177a9cb410ff61f20015ad");
		for (size_t chunk = 1; chunk <= 64; chunk *= 4)
			assert_string_equal(hex_of(two_blocks, strlen(two_blocks), chunk),
					    "248d6a61d20638b8e5c026930c3e6039"
					    "a33ce45964ff2167f6ecedd419db06c1");
		const size_t chunks[] = {big, 65536, 1000, 63, 129};
		for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++)
			assert_string_equal(hex_of(a, big, chunks[i]),
					    "cdc76e5c9914fb9281a1c7e284d73e67"
					    "f1809a48a497200e046d39ccc7112cd0");
	}
	upf__sha256_portable = 0;
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_personal_identity_numbers),
		cmocka_unit_test(test_personal_however_typed),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_sha256),
		TEST(test_checks_name_field_and_value),
	};
	return RUN(tests);
}
