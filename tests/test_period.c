/* The period parser: every form, and malformed ones. */
#include "helpers.h"
#include "internal.h"

#define M(year, month) ((year) * 12 + (month) - 1)

static void expect_period(upf_db *db, const char *text, int from, int to)
{
	int f = -1, t = -1;
	OK(db, upf__period_parse(db, "period", text, &f, &t));
	assert_int_equal(f, from);
	assert_int_equal(t, to);
}

static void test_forms(void **state)
{
	struct fixture *fx = *state;
	upf_db *db = fx->db;
	expect_period(db, "2026", M(2026, 1), M(2026, 12));
	expect_period(db, "2026-H1", M(2026, 1), M(2026, 6));
	expect_period(db, "2026-H2", M(2026, 7), M(2026, 12));
	expect_period(db, "2026-T1", M(2026, 1), M(2026, 4));
	expect_period(db, "2026-T2", M(2026, 5), M(2026, 8));
	expect_period(db, "2026-T3", M(2026, 9), M(2026, 12));
	expect_period(db, "2026-Q1", M(2026, 1), M(2026, 3));
	expect_period(db, "2026-Q4", M(2026, 10), M(2026, 12));
	expect_period(db, "2026-03", M(2026, 3), M(2026, 3));
	expect_period(db, "2026-01..2026-08", M(2026, 1), M(2026, 8));
	expect_period(db, "2025-11..2026-02", M(2025, 11), M(2026, 2));
	expect_period(db, "2026-05..2026-05", M(2026, 5), M(2026, 5));
}

static void test_malformed(void **state)
{
	struct fixture *fx = *state;
	upf_db *db = fx->db;
	int f, t;
	FAILS(db, upf__period_parse(db, "period", "2026-13", &f, &t), UPF_INVALID,
	      "period '2026-13': month must be 01..12");
	FAILS(db, upf__period_parse(db, "period", "2026-00", &f, &t), UPF_INVALID,
	      "month must be 01..12");
	FAILS(db, upf__period_parse(db, "period", "2026-T4", &f, &t), UPF_INVALID,
	      "period '2026-T4': tertial must be 1..3");
	FAILS(db, upf__period_parse(db, "period", "2026-Q5", &f, &t), UPF_INVALID,
	      "quarter must be 1..4");
	FAILS(db, upf__period_parse(db, "period", "2026-H3", &f, &t), UPF_INVALID,
	      "half-year must be 1..2");
	FAILS(db, upf__period_parse(db, "period", "26-01", &f, &t), UPF_INVALID,
	      "period '26-01': expected YYYY");
	FAILS(db, upf__period_parse(db, "period", "2026-08..2026-01", &f, &t),
	      UPF_INVALID, "period '2026-08..2026-01': ends before it starts");
	FAILS(db, upf__period_parse(db, "period", "2026..2027", &f, &t), UPF_INVALID,
	      "runs from month to month");
	FAILS(db, upf__period_parse(db, "period", "2026-3", &f, &t), UPF_INVALID,
	      "expected");
	FAILS(db, upf__period_parse(db, "period", "2026-03-01", &f, &t), UPF_INVALID,
	      "expected");
	FAILS(db, upf__period_parse(db, "period", "2026-t1", &f, &t), UPF_INVALID,
	      "expected");
	FAILS(db, upf__period_parse(db, "period", "0999", &f, &t), UPF_INVALID,
	      "year must be 1000..9999");
	FAILS(db, upf__period_parse(db, "period", "", &f, &t), UPF_INVALID,
	      "period: missing");
	FAILS(db, upf__period_parse(db, "period", "2026-01..", &f, &t), UPF_INVALID,
	      "expected");
}

/* A period's label is the text it was parsed from, in every form. */
static void test_labels(void **state)
{
	static const char *const texts[] = {
		"2026", "1000", "9999", "2026-H1", "2026-H2", "2026-T1", "2026-T3",
		"2026-Q1", "2026-Q4", "2026-01", "2026-09", "2026-10", "2026-12",
		"1000-01", "9999-12"};
	struct fixture *fx = *state;
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		int from, to;
		char label[16];
		OK(fx->db, upf__period_parse(fx->db, "period", texts[i], &from, &to));
		upf__period_label(from, to - from + 1, label);
		assert_string_equal(label, texts[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_forms),
		TEST(test_malformed),
		TEST(test_labels),
	};
	return RUN(tests);
}
