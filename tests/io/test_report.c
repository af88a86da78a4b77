/* test_report.c - the report writers: HTML escaping, number
 * formats, the CSV text reader, the workbook's formula guard and
 * determinism, and the report of the tiny plan (one map mark per school
 * with coordinates, headline figures equal to summary.json, names
 * escaped). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/outdir.h"
#include "io/read_network.h"
#include "io/read_plan.h"
#include "io/write_report.h"
#include "io/write_report_impl.h"
#include "io/write_xlsx.h"
#include "tests/io/helpers.h"

/* What fn writes to a FILE, as a string the caller frees. */
#define CAPTURE(out, call)                                                   \
    do {                                                                     \
        size_t n_;                                                           \
        FILE *f = open_memstream(&(out), &n_);                               \
        cr_assert_not_null(f);                                               \
        call;                                                                \
        fclose(f);                                                           \
    } while (0)

Test(io_report, html_escapes_markup_and_quotes)
{
    char *s = NULL;
    CAPTURE(s, rep_put_html(f, "<a href=\"x\">Tom & 'Jerry'</a> 城关"));
    cr_expect_str_eq(s, "&lt;a href=&quot;x&quot;&gt;Tom &amp; "
                        "&#39;Jerry&#39;&lt;/a&gt; 城关");
    free(s);
}

Test(io_report, numbers_are_grouped_by_thousands)
{
    char b[64];
    rep_fmt_int(b, sizeof b, 1234567);
    cr_expect_str_eq(b, "1,234,567");
    rep_fmt_int(b, sizeof b, -1234);
    cr_expect_str_eq(b, "-1,234");
    rep_fmt_int(b, sizeof b, 999);
    cr_expect_str_eq(b, "999");
    rep_fmt_num(b, sizeof b, 12385.5, 2);
    cr_expect_str_eq(b, "12,385.50");
    rep_fmt_num(b, sizeof b, -0.0001, 2);
    cr_expect_str_eq(b, "0.00");
    rep_fmt_money(b, sizeof b, 83306308.089, SN_LANG_EN);
    cr_expect_str_eq(b, "83.31");
    rep_fmt_money(b, sizeof b, 83306308.089, SN_LANG_ZH);
    cr_expect_str_eq(b, "8,330.6");
}

Test(io_report, csv_text_reads_quotes_and_line_ends)
{
    static const char text[] = "\xEF\xBB\xBFid,name,n\r\n"
                               "S1,\"育才, 临猗\",3\r\n"
                               "\"S\"\"2\",\"two\nlines\"\n"
                               "\n"
                               "S3,,\n";
    rep_table t;
    sn_diag d = SN_DIAG_INIT;
    sn_error err = {0, ""};
    cr_assert_eq(rep_table_parse(&t, text, sizeof text - 1, "x.csv", &d,
                                 &err), 0);
    cr_assert_eq(t.cols, 3);
    cr_assert_eq(t.rows, 3);
    cr_expect_eq(rep_table_col(&t, "name"), 1);
    cr_expect_eq(rep_table_col(&t, "nope"), -1);
    cr_expect_str_eq(rep_table_get(&t, 0, 1), "育才, 临猗");
    cr_expect_str_eq(rep_table_get(&t, 1, 0), "S\"2");
    cr_expect_str_eq(rep_table_get(&t, 1, 1), "two\nlines");
    cr_expect_str_eq(rep_table_get(&t, 1, 2), "", "missing trailing field");
    cr_expect_str_eq(rep_table_get(&t, 2, 0), "S3");
    cr_expect_str_eq(rep_table_get(&t, 2, 2), "");
    cr_expect_str_eq(rep_table_get(&t, 7, 0), "", "out of range");
    rep_table_dispose(&t);
    sn_diag_dispose(&d);
}

Test(io_report, csv_text_rejects_what_is_ambiguous)
{
    rep_table t;
    sn_diag d = SN_DIAG_INIT;
    sn_error err = {0, ""};
    cr_expect_eq(rep_table_parse(&t, "a,b\n1,\"2\n", 9, "q.csv", &d, &err),
                 SN_EINPUT);
    SN_EXPECT_MSG(&d, "q.csv:2: unterminated quoted field");
    cr_expect_eq(rep_table_parse(&t, "a,b\n1,2,3\n", 10, "r.csv", &d, &err),
                 SN_EINPUT);
    SN_EXPECT_MSG(&d, "r.csv:2: row has 3 fields, the header has 2");
    cr_expect_eq(rep_table_parse(&t, "", 0, "e.csv", &d, &err), SN_EINPUT);
    SN_EXPECT_MSG(&d, "e.csv:1: empty file: expected a header row");
    cr_expect_null(t.buf);
    sn_diag_dispose(&d);
}

Test(io_report, summary_keys_keep_their_numbers)
{
    static const char text[] = "{\"students\": 40386, \"mean_km\": 4.638, "
                               "\"cost\": {\"total\": 83306308.089}, "
                               "\"gap\": null, \"teachers\": {\"counties\": "
                               "[{\"county\": \"夏县\", \"movers\": 16}]}}";
    rep_summary s;
    sn_diag d = SN_DIAG_INIT;
    sn_error err = {0, ""};
    cr_assert_eq(rep_summary_parse(&s, text, sizeof text - 1, "s.json", &d,
                                   &err), 0);
    double v;
    cr_expect(rep_summary_num(&s, "students", &v) && v == 40386);
    cr_expect_str_eq(rep_summary_get(&s, "mean_km")->str, "4.638");
    cr_expect_str_eq(rep_summary_get(&s, "cost.total")->str, "83306308.089");
    cr_expect_eq(rep_summary_num(&s, "gap", &v), 0, "null is not a number");
    cr_expect_str_eq(rep_summary_get(&s, "teachers.counties[0].county")->str,
                     "夏县");
    cr_expect_null(rep_summary_get(&s, "nope"));
    rep_summary_dispose(&s);
    sn_diag_dispose(&d);
}

Test(io_report, only_plain_numbers_become_numbers)
{
    static const char *const yes[] = {"0", "12", "-5", "2.385", "1e3",
                                      "-0.5E-2", "83306308.089"};
    static const char *const no[] = {"", "=1+2", "+5", "@SUM(A1)", "-",
                                     "007", "1,000", " 1", "1 ", ".5", "1.",
                                     "0x1f", "inf", "nan", "1e999", "1e",
                                     "=HYPERLINK(\"http://x\")"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        cr_expect(sn_xlsx_plain_number(yes[i]), "'%s'", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        cr_expect(!sn_xlsx_plain_number(no[i]), "'%s'", no[i]);
    static const char *const text[] = {"school", "zone", "county", "id",
                                       "home_school", "teacher_id",
                                       "school_name", "from", "to"};
    for (size_t i = 0; i < sizeof text / sizeof *text; i++)
        cr_expect(sn_xlsx_text_column(text[i]), "%s", text[i]);
    cr_expect(!sn_xlsx_text_column("students"));
    cr_expect(!sn_xlsx_text_column("km"));
}

/* A workbook of a formula-looking id, written twice: the same bytes, a
 * zip file (the cell types are checked by tests/report/check_xlsx.py). */
Test(io_report, workbook_is_byte_identical_run_to_run)
{
    const char *head[] = {"school", "students"};
    const char *cell[] = {"=cmd|' /C calc'!A0", "12", "@SUM(1)", "-3",
                          "+1", "", "007", "2.385"};
    sn_xlsx_sheet sh = {"schools", 4, 2, head, head, cell, NULL};
    char *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    sn_error err = {0, ""};
    FILE *f = open_memstream(&a, &na);
    cr_assert_eq(sn_xlsx_write(f, &sh, 1, 2020, &err), 0, "%s", err.msg);
    fclose(f);
    f = open_memstream(&b, &nb);
    cr_assert_eq(sn_xlsx_write(f, &sh, 1, 2020, &err), 0, "%s", err.msg);
    fclose(f);
    cr_assert(na > 1000 && na == nb, "%zu %zu", na, nb);
    cr_expect(!memcmp(a, "PK\x03\x04", 4));
    cr_expect(!memcmp(a, b, na), "two runs differ");
    free(a);
    free(b);
    sn_xlsx_sheet bad = {"a/b", 0, 2, head, head, cell, NULL};
    f = open_memstream(&a, &na);
    cr_expect_eq(sn_xlsx_write(f, &bad, 1, 2020, &err), SN_EUSAGE);
    fclose(f);
    free(a);
}

/* ---- the report of the tiny plan ------------------------------------------ */

typedef struct tiny {
    char *dir;
    sn_network *net;
    sn_plan *plan;
} tiny;

/* Copies from/name into dir/name (when from has it) with the name of
 * school LY-P1 replaced by `name` (a CSV field, quoted as needed). */
static void rename_school(const char *dir, const char *from, const char *file,
                          const char *name)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", from, file);
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    static char buf[1 << 17];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    size_t cap = n * 2 + 4096;
    char *text = malloc(cap), *o = text;
    cr_assert_not_null(text);
    const char *p = buf, *at;
    while (name && (at = strstr(p, "城关小学")) != NULL) {
        o += snprintf(o, cap - (size_t)(o - text), "%.*s%s", (int)(at - p), p,
                      name);
        p = at + strlen("城关小学");
    }
    snprintf(o, cap - (size_t)(o - text), "%s", p);
    free(sn_test_write(dir, file, text, (size_t)-1));
    free(text);
}

/* The tiny data set (with school LY-P1 renamed to `name`, and without
 * coordinates when `nowhere`) and its saved plan; the report written
 * into dir/out. */
static char *tiny_report_at(tiny *t, const char *name, int nowhere,
                            sn_diag *d)
{
    t->dir = sn_test_tmpdir();
    sn_test_copy_tiny(t->dir);
    /* the saved plan, with the school's name as the data have it */
    char plan[4200];
    snprintf(plan, sizeof plan, "%s/plan", t->dir);
    static const char *const files[] = {
        "schools.csv", "assignments.csv", "unplaced.csv", "summary.json",
        "shortfall.csv", "teachers.csv", "shortages.csv", "staffing.csv",
        "rotation.csv"};
    for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
        if (name)
            rename_school(t->dir, "tests/data/tiny", files[k], name);
        char sub[4300];
        snprintf(sub, sizeof sub, "%s/plan", t->dir);
        mkdir(sub, 0777);
        rename_school(sub, "tests/data/tiny-plan", files[k], name);
    }
    if (nowhere) {
        free(sn_test_write(t->dir, "schools.csv",
            "id,name,county,stage,grades,classrooms,seats,boarding_beds,"
            "status,ready_year,build_cost,closable,remote,annual_cost,"
            "max_new_classrooms,classroom_cost,private,seat_price,urban\n"
            "LY-P1,城关小学,临猗县,primary,,24,,0,open,,,,,1200000,6,385000,0,,1\n"
            "LY-P2,北景小学,临猗县,primary,1-4,6,,0,open,,,,1,150000,0,,0,,0\n"
            "LY-J1,临猗二中,临猗县,junior,,18,,120,open,,,,,2385000.5,4,420000,"
            "0,,1\n"
            "LY-N1,新城九年一贯制学校,临猗县,nine_year,,27,,0,candidate,2022,"
            "48000000,,,0,0,0,0,,1\n"
            "LY-S1,\"育才民办学校, 临猗\",临猗县,nine_year,,,900,0,open,,,,,0,0,0,"
            "1,7200,1\n"
            "WR-P1,解店小学,万荣县,primary,,12,,0,open,,,0,,600000,2,390000,0,,1\n"
            "WR-N1,高村九年制学校,万荣县,nine_year,,15,,200,open,,,,,900000,0,,0,"
            ",0\n", (size_t)-1));
        free(sn_test_write(t->dir, "zones.csv",
            "id,name,county,primary_school,junior_school\n"
            "LY-Z1,城关镇,临猗县,LY-P1,LY-J1\nLY-Z2,北景乡,临猗县,LY-P2,LY-J1\n"
            "LY-Z3,新区,临猗县,,\nWR-Z1,解店镇,万荣县,WR-P1,WR-N1\n"
            "WR-Z2,高村乡,万荣县,WR-N1,WR-N1\n", (size_t)-1));
    }
    sn_error err = {0, ""};
    char ini[4200], out[4200];
    snprintf(ini, sizeof ini, "%s/scenario.ini", t->dir);
    int rc = sn_network_read(&t->net, ini, d, &err);
    cr_assert_eq(rc, 0, "%s", d->n ? d->items[0].text : err.msg);
    rc = sn_plan_read(&t->plan, NULL, t->net, plan, d, &err);
    cr_assert_eq(rc, 0, "%s", d->n ? d->items[0].text : err.msg);
    t->net->sc.hard_cap = sn_scenario_hard_cap(&t->net->sc, t->plan->year);
    snprintf(out, sizeof out, "%s/out", t->dir);
    sn_outdir *od = NULL;
    cr_assert_eq(sn_outdir_open(&od, out, &err), 0);
    sn_report_source src = sn_report_dir_source(plan);
    rc = sn_report_write(od, t->net, t->plan, &src, d, &err);
    cr_assert_eq(rc, 0, "%s", d->n ? d->items[0].text : err.msg);
    cr_assert_eq(sn_outdir_commit(od, &err), 0);
    snprintf(out, sizeof out, "%s/out/report.html", t->dir);
    FILE *f = fopen(out, "rb");
    cr_assert_not_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *html = malloc((size_t)n + 1);
    cr_assert_eq(fread(html, 1, (size_t)n, f), (size_t)n);
    html[n] = '\0';
    fclose(f);
    return html;
}

static char *tiny_report(tiny *t, const char *name, sn_diag *d)
{
    return tiny_report_at(t, name, 0, d);
}

static void tiny_done(tiny *t)
{
    sn_plan_free(t->plan);
    sn_network_free(t->net);
    sn_test_rmdir(t->dir);
}

static int count(const char *s, const char *what)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, what)) != NULL; p++)
        n++;
    return n;
}

Test(io_report, tiny_report_marks_schools_and_matches_summary)
{
    tiny t;
    sn_diag d = SN_DIAG_INIT;
    char *html = tiny_report(&t, NULL, &d);
    /* 7 schools, WR-N1 without coordinates */
    cr_expect_eq(count(html, "<circle class=\"school "), 6);
    cr_expect_not_null(strstr(html, "<html lang=\"zh-CN\">"), "Chinese names");
    cr_expect_not_null(strstr(html, "data-key=\"students\" data-value=\"3440\""
                                    ">3,440<"));
    cr_expect_not_null(strstr(html, "data-key=\"unplaced\" data-value=\"943\""
                                    ">943<"));
    cr_expect_not_null(strstr(html, "data-key=\"classes_over_hard_cap.before\""
                                    " data-value=\"12\">12<"));
    cr_expect_not_null(strstr(html, "data-key=\"mean_km\" data-value="
                                    "\"2.775\">2.77<"));
    cr_expect_not_null(strstr(html, "data-key=\"teachers.posts_needed\""));
    cr_expect_eq(count(html, "<tr><td>临猗县</td><td>"), 5, "school table: "
                 "every school of the county, with coordinates or not");
    cr_expect_eq(count(html, "<tr><td>临猗县</td><td class=\"n\""), 1,
                 "county table");
    /* a km plane without [map] origin: one warning, no layers */
    cr_expect(sn_test_has(&d, "warning: no GeoJSON layers: the data are on a "
                              "km plane; give [map] origin = LAT,LON (where "
                              "x_km = y_km = 0 lies) to place them on the "
                              "earth"));
    char path[4200];
    snprintf(path, sizeof path, "%s/out/schools.geojson", t.dir);
    cr_expect_null(fopen(path, "rb"));
    free(html);
    sn_diag_dispose(&d);
    tiny_done(&t);
}

Test(io_report, tiny_report_escapes_names)
{
    tiny t;
    sn_diag d = SN_DIAG_INIT;
    char *html = tiny_report(&t, "\"<script>alert(1)</script>&\"", &d);
    cr_expect_null(strstr(html, "<script>alert(1)"));
    cr_expect_not_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"
                                    "&amp;"));
    free(html);
    sn_diag_dispose(&d);
    tiny_done(&t);
}

Test(io_report, data_without_coordinates_get_no_map_and_no_layers)
{
    tiny t;
    sn_diag d = SN_DIAG_INIT;
    char *html = tiny_report_at(&t, NULL, 1, &d);
    cr_expect_null(strstr(html, "<svg id=\"map\""));
    cr_expect_not_null(strstr(html, "数据中没有坐标，无法绘制地图。"));
    cr_expect(sn_test_has(&d, "warning: no GeoJSON layers: the schools have "
                              "no coordinates"));
    cr_expect_eq(d.warnings, 1, "one warning");
    free(html);
    sn_diag_dispose(&d);
    tiny_done(&t);
}
