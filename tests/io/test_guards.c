/* test_guards.c - hostile and unlucky input files (issue 13): a FIFO, a
 * folder, an empty or overlong path where a file is expected; caps on
 * fields, rows and files; strict decimal numbers; duplicates in linear
 * time; header-only files.  Each gives a message and SN_EINPUT, never a
 * hang, a read error without a position, or unbounded memory.
 *
 * The time limits below (sn_test_in_child) are not performance
 * assertions: they turn a hang (a FIFO read) or a quadratic pass (a
 * million duplicate rows) into a failure instead of a stuck suite, with a
 * margin of a hundred times or more. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/csv.h"
#include "io/file.h"
#include "io/number.h"
#include "io/read_network.h"
#include "io/read_scenario.h"
#include "tests/io/helpers.h"

typedef struct fixture {
    char *dir;
    sn_diag diag;
    sn_error err;
    sn_network *net;
    char path[8200];
} fixture;

static void setup_tiny(fixture *fx)
{
    memset(fx, 0, sizeof *fx);
    fx->dir = sn_test_tmpdir();
    cr_assert(fx->dir);
    sn_test_copy_tiny(fx->dir);
}

static const char *file(fixture *fx, const char *name)
{
    snprintf(fx->path, sizeof fx->path, "%s/%s", fx->dir, name);
    return fx->path;
}

static int run(fixture *fx, const char *scenario)
{
    return sn_network_read(&fx->net, scenario ? scenario : fx->dir,
                           &fx->diag, &fx->err);
}

static void done(fixture *fx)
{
    sn_network_free(fx->net);
    sn_diag_dispose(&fx->diag);
    sn_test_rmdir(fx->dir);
}

/* ---- not a regular file ------------------------------------------------ */

/* In a child (a read that blocks on the FIFO is killed after 60 s):
 * reads the set (the ini when `scenario`) and expects SN_EINPUT and the
 * FIFO's message.  0 when so. */
typedef struct fifo_case {
    fixture *fx;
    const char *scenario, *fifo;
} fifo_case;

static int read_fifo_case(void *ctx)
{
    fifo_case *c = ctx;
    if (run(c->fx, c->scenario) != SN_EINPUT)
        return 1;
    return sn_test_has(&c->fx->diag, "%s: not a regular file (a FIFO)",
                       c->fifo) ? 0 : 2;
}

Test(io_guards, fifo_as_csv_is_refused_without_blocking)
{
    fixture fx;
    setup_tiny(&fx);
    char fifo[8200];
    snprintf(fifo, sizeof fifo, "%s", file(&fx, "enrollment.csv"));
    unlink(fifo);
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    fifo_case c = {&fx, NULL, fifo};
    int rc = sn_test_in_child(60, read_fifo_case, &c);
    cr_expect_eq(rc, 0, "result %d%s", rc,
                 rc == 128 + SIGALRM ? ": the read blocked on the FIFO" : "");
    done(&fx);
}

Test(io_guards, fifo_as_scenario_is_refused_without_blocking)
{
    fixture fx;
    setup_tiny(&fx);
    char ini[8200];
    snprintf(ini, sizeof ini, "%s", file(&fx, "scenario.ini"));
    unlink(ini);
    cr_assert_eq(mkfifo(ini, 0600), 0);
    fifo_case c = {&fx, ini, ini};
    int rc = sn_test_in_child(60, read_fifo_case, &c);
    cr_expect_eq(rc, 0, "result %d%s", rc,
                 rc == 128 + SIGALRM ? ": the read blocked on the FIFO" : "");
    done(&fx);
}

Test(io_guards, folder_as_csv_is_an_input_error)
{
    fixture fx;
    setup_tiny(&fx);
    unlink(file(&fx, "schools.csv"));
    cr_assert_eq(mkdir(file(&fx, "schools.csv"), 0700), 0);
    cr_assert_eq(run(&fx, NULL), SN_EINPUT); /* not SN_EIO: exit 2, not 3 */
    SN_EXPECT_MSG(&fx.diag, "%s: not a regular file (a folder)",
                  file(&fx, "schools.csv"));
    done(&fx);
}

Test(io_guards, file_open_read_names_each_kind)
{
    FILE *f = NULL;
    char why[128];
    cr_expect_eq(sn_file_open_read(&f, "", why, sizeof why), -1);
    cr_expect_str_eq(why, "empty path");
    cr_expect_eq(sn_file_open_read(&f, "/", why, sizeof why), -1);
    cr_expect_str_eq(why, "not a regular file (a folder)");
    cr_expect_eq(sn_file_open_read(&f, "/dev/null", why, sizeof why), -1);
    cr_expect_str_eq(why, "not a regular file (a device)");
    cr_expect_eq(sn_file_open_read(&f, "/no/such/file.csv", why, sizeof why),
                 -1);
    cr_expect_str_eq(why, "cannot open (No such file or directory)");
    cr_expect_null(f);
    char *long_path = malloc(SN_PATH_MAX + 2);
    memset(long_path, 'a', SN_PATH_MAX + 1);
    long_path[SN_PATH_MAX + 1] = '\0';
    cr_expect_eq(sn_file_open_read(&f, long_path, why, sizeof why), -1);
    cr_expect_str_eq(why, "path longer than 4095 bytes");
    free(long_path);
    cr_assert_eq(sn_file_open_read(&f, "tests/data/tiny/zones.csv", why,
                                   sizeof why), 0);
    cr_expect(fgetc(f) == 'i');
    fclose(f);
}

/* ---- scenario.ini ------------------------------------------------------ */

static int read_ini(fixture *fx, sn_scenario *sc, const char *text)
{
    memset(fx, 0, sizeof *fx);
    fx->dir = sn_test_tmpdir();
    free(sn_test_write(fx->dir, "scenario.ini", text, (size_t)-1));
    cr_assert_eq(sn_scenario_init(sc), 0);
    return sn_scenario_read(sc, file(fx, "scenario.ini"), &fx->diag,
                            &fx->err);
}

Test(io_guards, empty_or_folder_base_is_refused_at_the_key)
{
    fixture fx;
    sn_scenario sc;
    cr_expect_eq(read_ini(&fx, &sc, "[scenario]\nbase =\n"), SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:2:7: [scenario] base must be the path of "
                  "another scenario.ini (got '')", fx.path);
    cr_expect_eq(fx.diag.errors, 1);
    sn_scenario_dispose(&sc);
    sn_diag_dispose(&fx.diag);
    sn_test_rmdir(fx.dir);

    cr_expect_eq(read_ini(&fx, &sc, "[scenario]\nbase = .\n"), SN_EINPUT);
    char ini[8200];
    snprintf(ini, sizeof ini, "%s", file(&fx, "scenario.ini"));
    SN_EXPECT_MSG(&fx.diag, "%s:2:8: [scenario] base: %s/. is not a regular "
                  "file (a folder) (got '.')", ini, fx.dir);
    sn_scenario_dispose(&sc);
    sn_diag_dispose(&fx.diag);
    sn_test_rmdir(fx.dir);
}

Test(io_guards, unclosed_quote_and_text_after_quote_are_errors)
{
    fixture fx;
    sn_scenario sc;
    cr_expect_eq(read_ini(&fx, &sc, "[scenario]\nname = \"abc\n"
                                    "[travel]\nmax_km_primary = \"2\" x\n"
                                    "max_km_junior = \"4.5\" ; ok\n"),
                 SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:2:8: unterminated quoted value "
                  "(got '\"abc')", fx.path);
    SN_EXPECT_MSG(&fx.diag, "%s:4:21: text after the closing quote of a "
                  "quoted value (got '\"2\" x')", fx.path);
    cr_expect_eq(fx.diag.errors, 2);
    cr_expect_float_eq(sc.max_km_junior, 4.5, 1e-12);
    sn_scenario_dispose(&sc);
    sn_diag_dispose(&fx.diag);
    sn_test_rmdir(fx.dir);
}

Test(io_guards, hex_inf_and_nan_are_not_numbers_in_the_ini)
{
    fixture fx;
    sn_scenario sc;
    cr_expect_eq(read_ini(&fx, &sc, "[travel]\nmax_km_primary = 0x1p1\n"
                                    "max_km_junior = inf\n"
                                    "boarding_max_km = nan\n"
                                    "[classes]\nhard_cap = 0x38\n"
                                    "[costs]\ndiscount_rate = 2.5e-2\n"),
                 SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:2:18: [travel] max_km_primary must be a "
                  "number from 0 to 1000 (got '0x1p1')", fx.path);
    SN_EXPECT_MSG(&fx.diag, "%s:3:17: [travel] max_km_junior must be a "
                  "number from 0 to 1000 (got 'inf')", fx.path);
    SN_EXPECT_MSG(&fx.diag, "%s:4:19: [travel] boarding_max_km must be a "
                  "number from 0 to 1000 (got 'nan')", fx.path);
    SN_EXPECT_MSG(&fx.diag, "%s:6:12: [classes] hard_cap must be a whole "
                  "number from 1 to 200 (got '0x38')", fx.path);
    cr_expect_eq(fx.diag.errors, 4);
    cr_expect_float_eq(sc.discount_rate, 0.025, 1e-15);
    sn_scenario_dispose(&sc);
    sn_diag_dispose(&fx.diag);
    sn_test_rmdir(fx.dir);
}

Test(io_guards, long_data_path_is_refused_not_cut)
{
    fixture fx;
    setup_tiny(&fx);
    char *text = malloc(6000);
    int n = snprintf(text, 6000, "[scenario]\ndata = ");
    /* 4080 bytes: within the ini's line limit, too long once the ini's
     * folder is put before it */
    memset(text + n, 'd', 4080);
    memcpy(text + n + 4080, "\n", 2);
    free(sn_test_write(fx.dir, "long.ini", text, (size_t)-1));
    free(text);
    char ini[8200];
    snprintf(ini, sizeof ini, "%s", file(&fx, "long.ini"));
    cr_assert_eq(run(&fx, ini), SN_EINPUT);
    cr_expect_eq(fx.diag.errors, 1);
    cr_expect(fx.diag.n >= 1 &&
              strstr(fx.diag.items[0].text, "data folder: path longer than "
                                            "4080 bytes") != NULL,
              "%s", fx.diag.n ? fx.diag.items[0].text : "(none)");
    done(&fx);
}

/* ---- CSV caps ---------------------------------------------------------- */

static int open_csv(fixture *fx, sn_csv **r, const char *bytes, size_t len)
{
    memset(fx, 0, sizeof *fx);
    fx->dir = sn_test_tmpdir();
    free(sn_test_write(fx->dir, "t.csv", bytes, len));
    return sn_csv_open(r, file(fx, "t.csv"), &fx->diag, &fx->err);
}

Test(io_guards, a_row_of_more_than_1024_fields_stops_the_file)
{
    size_t n = 2 * (SN_CSV_MAX_FIELDS + 1);
    char *row = malloc(n + 1);
    for (size_t i = 0; i < n; i += 2)
        row[i] = 'a', row[i + 1] = ',';
    row[n - 1] = '\n';
    row[n] = '\0';
    fixture fx;
    sn_csv *r = NULL;
    cr_expect_eq(open_csv(&fx, &r, row, n), SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:1:2049: row has more than 1024 fields",
                  fx.path);
    free(row);
    sn_diag_dispose(&fx.diag);
    sn_test_rmdir(fx.dir);
}

Test(io_guards, a_row_longer_than_1_mib_stops_the_file)
{
    /* 20 fields of 60,000 bytes: each under the field cap */
    size_t fl = 60000, n = 20 * (fl + 1);
    char *text = malloc(n + 16);
    size_t o = (size_t)sprintf(text, "a,b\n");
    for (int i = 0; i < 20; i++) {
        memset(text + o, 'x', fl);
        o += fl;
        text[o++] = i == 19 ? '\n' : ',';
    }
    fixture fx;
    sn_csv *r = NULL;
    cr_assert_eq(open_csv(&fx, &r, text, o), 0);
    sn_csv_row row;
    cr_expect_eq(sn_csv_next(r, &row, &fx.err), 0);
    SN_EXPECT_MSG(&fx.diag, "%s:2:1: row longer than 1048576 bytes",
                  fx.path);
    sn_csv_free(r);
    free(text);
    sn_diag_dispose(&fx.diag);
    sn_test_rmdir(fx.dir);
}

Test(io_guards, a_file_larger_than_1_gib_is_refused_at_once)
{
    fixture fx;
    memset(&fx, 0, sizeof fx);
    fx.dir = sn_test_tmpdir();
    const char *p = file(&fx, "big.csv");
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, "a,b\n", 4), 4);
    cr_assert_eq(ftruncate(fd, SN_CSV_MAX_FILE + 1), 0); /* sparse */
    close(fd);
    sn_csv *r = NULL;
    cr_expect_eq(sn_csv_open(&r, p, &fx.diag, &fx.err), SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s: file larger than 1073741824 bytes", p);
    sn_diag_dispose(&fx.diag);
    sn_test_rmdir(fx.dir);
}

static long max_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* A 10 MB header of empty fields took 914 MB before the field cap. */
Test(io_guards, a_huge_header_takes_bounded_memory)
{
    size_t n = 10u << 20;
    char *text = malloc(n + 1);
    memset(text, ',', n);
    text[n] = '\n';
    fixture fx;
    memset(&fx, 0, sizeof fx);
    fx.dir = sn_test_tmpdir();
    free(sn_test_write(fx.dir, "t.csv", text, n + 1));
    free(text);
    long before = max_rss_kb();
    sn_csv *r = NULL;
    cr_expect_eq(sn_csv_open(&r, file(&fx, "t.csv"), &fx.diag, &fx.err),
                 SN_EINPUT);
    long grown = max_rss_kb() - before;
    cr_expect_lt(grown, 64 * 1024, "reading grew the process by %ld kB",
                 grown);
    sn_diag_dispose(&fx.diag);
    sn_test_rmdir(fx.dir);
}

/* ---- numbers, duplicates, empty files ---------------------------------- */

Test(io_guards, strict_decimal_numbers)
{
    double d = -1;
    long l = -1;
    static const char *const good[] = {"0", "2.385", "-3", ".5", "5.", "1e-3",
                                       "+2.5", "12E+2", NULL};
    static const char *const bad[] = {"0x1p3", "0x10", "inf", "-inf", "nan",
                                      "", " 1", "1 ", "1e", "e5", ".",
                                      "1,5", "1e999", "--1", NULL};
    for (int i = 0; good[i]; i++)
        cr_expect_eq(sn_parse_double(good[i], &d), 0, "'%s'", good[i]);
    for (int i = 0; bad[i]; i++)
        cr_expect_eq(sn_parse_double(bad[i], &d), -1, "'%s'", bad[i]);
    cr_expect_eq(sn_parse_double("12E+2", &d), 0);
    cr_expect_float_eq(d, 1200.0, 1e-12);
    static const char *const lbad[] = {"+1", "0x10", " 1", "1.0", "",
                                       "99999999999999999999", "-", NULL};
    for (int i = 0; lbad[i]; i++)
        cr_expect_eq(sn_parse_long(lbad[i], &l), -1, "'%s'", lbad[i]);
    cr_expect_eq(sn_parse_long("-0042", &l), 0);
    cr_expect_eq(l, -42);
}

Test(io_guards, hex_float_km_is_rejected)
{
    fixture fx;
    setup_tiny(&fx);
    free(sn_test_write(fx.dir, "distances.csv",
                       "zone,school,km\nWR-Z2,WR-N1,0x1p3\n", (size_t)-1));
    cr_assert_eq(run(&fx, NULL), SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:2:13: km must be a number >= 0 "
                  "(got '0x1p3')", file(&fx, "distances.csv"));
    done(&fx);
}

/* 600,000 copies of one pair: the sorted pass walked back over every
 * earlier copy (quadratic: minutes); the hash finds each in O(1). */
static int read_duplicates(void *ctx)
{
    fixture *fx = ctx;
    if (run(fx, NULL) != SN_EINPUT)
        return 1;
    if (fx->diag.errors != 600000 ||
        fx->diag.suppressed != 600000 - SN_DIAG_DEFAULT_LIMIT)
        return 2;
    return sn_test_has(&fx->diag, "%s:3:1: duplicate distance for zone "
                       "'WR-Z2' and school 'WR-N1' (first on line 2)",
                       file(fx, "distances.csv")) ? 0 : 3;
}

Test(io_guards, many_duplicate_distances_in_linear_time)
{
    fixture fx;
    setup_tiny(&fx);
    FILE *f = fopen(file(&fx, "distances.csv"), "w");
    cr_assert(f);
    fputs("zone,school,km\nWR-Z2,WR-N1,8.75\n", f);
    for (int i = 0; i < 600000; i++)
        fputs("WR-Z2,WR-N1,8.75\n", f);
    fclose(f);
    int rc = sn_test_in_child(120, read_duplicates, &fx);
    cr_expect_eq(rc, 0, "result %d%s", rc,
                 rc == 128 + SIGALRM ? ": still reading after 120 s" : "");
    done(&fx);
}

/* Files with a header and no row: `plan` could not plan them, so reading
 * (and `validate`) refuses them too. */
Test(io_guards, header_only_required_files_are_errors)
{
    static const struct {
        const char *name, *head, *what;
    } cases[] = {
        {"schools.csv", "id,county,stage,classrooms\n", "school"},
        {"zones.csv", "id,county\n", "zone"},
        {"enrollment.csv", "year,zone,grade,students\n",
         "year of enrolment"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        fixture fx;
        setup_tiny(&fx);
        free(sn_test_write(fx.dir, cases[i].name, cases[i].head,
                           (size_t)-1));
        cr_expect_eq(run(&fx, NULL), SN_EINPUT, "%s", cases[i].name);
        SN_EXPECT_MSG(&fx.diag, "%s: no data rows: a plan needs at least "
                      "one %s", file(&fx, cases[i].name), cases[i].what);
        done(&fx);
    }
}
