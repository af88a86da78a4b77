/* test_read_missing.c - enrolment and births with holes: a missing year or
 * cell is an error at path:line:column unless [projection] missing =
 * interpolate imputes it (with a warning naming the cell); a zone whose
 * rows start late has a short history; births that end early warn with the
 * year where grade 1 changes method; housing.csv is read.
 *
 * The tiny set's enrollment.csv has 45 rows a year (zones LY-Z1, LY-Z2,
 * LY-Z3, WR-Z1, WR-Z2, grades 1-9) for 2015-2020: line 2 is 2015 LY-Z1
 * grade 1, line 47 is 2016 LY-Z1 grade 1, line 56 2016 LY-Z2 grade 1,
 * line 59 2016 LY-Z2 grade 4 (33 pupils; 31 in 2015, 35 in 2017). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/read_network.h"
#include "tests/io/helpers.h"

typedef struct fixture {
    char *dir;
    sn_diag diag;
    sn_error err;
    sn_network *net;
    char path[4200];
} fixture;

static const char *file(fixture *fx, const char *name)
{
    snprintf(fx->path, sizeof fx->path, "%s/%s", fx->dir, name);
    return fx->path;
}

/* Copies the tiny set and rewrites `name` without its lines lo..hi (1 is
 * the header; lo > hi keeps every line). */
static void setup(fixture *fx, const char *name, int lo, int hi)
{
    memset(fx, 0, sizeof *fx);
    fx->dir = sn_test_tmpdir();
    sn_test_copy_tiny(fx->dir);
    char src[256];
    snprintf(src, sizeof src, "tests/data/tiny/%s", name);
    FILE *f = fopen(src, "r");
    cr_assert_not_null(f);
    static char out[1 << 16];
    size_t o = 0;
    char line[256];
    for (int n = 1; fgets(line, sizeof line, f); n++) {
        if (n >= lo && n <= hi)
            continue;
        size_t len = strlen(line);
        cr_assert_lt(o + len, sizeof out);
        memcpy(out + o, line, len);
        o += len;
    }
    fclose(f);
    out[o] = '\0';
    free(sn_test_write(fx->dir, name, out, o));
}

static void interpolate(fixture *fx)
{
    FILE *f = fopen(file(fx, "scenario.ini"), "a");
    cr_assert_not_null(f);
    fputs("\n[projection]\nmissing = interpolate\n", f);
    fclose(f);
}

static int run(fixture *fx, int ini)
{
    return sn_network_read(&fx->net, ini ? file(fx, "scenario.ini") : fx->dir,
                           &fx->diag, &fx->err);
}

static void done(fixture *fx)
{
    sn_network_free(fx->net);
    sn_diag_dispose(&fx->diag);
    sn_test_rmdir(fx->dir);
}

Test(io_missing, a_missing_cell_is_an_error_at_its_zone_year)
{
    fixture fx;
    setup(&fx, "enrollment.csv", 59, 59);
    cr_assert_eq(run(&fx, 0), SN_EINPUT);
    cr_assert_null(fx.net);
    SN_EXPECT_MSG(&fx.diag, "%s:56:1: zone 'LY-Z2', year 2016: no row for "
                  "grade 4 (a missing cell is not 0 pupils: add the row, or "
                  "set [projection] missing = interpolate)",
                  file(&fx, "enrollment.csv"));
    cr_expect_eq(fx.diag.errors, 1);
    done(&fx);
}

Test(io_missing, a_zone_missing_one_year_is_an_error)
{
    fixture fx;
    setup(&fx, "enrollment.csv", 56, 64); /* 2016, LY-Z2, all grades */
    cr_assert_eq(run(&fx, 0), SN_EINPUT);
    /* the zone's 2017 rows started on line 101, now 92 */
    SN_EXPECT_MSG(&fx.diag, "%s:92:1: zone 'LY-Z2': no rows for year 2016 "
                  "(its rows start in 2015 and the file runs to 2020; add "
                  "the rows, or set [projection] missing = interpolate)",
                  file(&fx, "enrollment.csv"));
    cr_expect_eq(fx.diag.errors, 1);
    done(&fx);
}

Test(io_missing, a_year_missing_for_every_zone_is_one_error)
{
    fixture fx;
    setup(&fx, "enrollment.csv", 47, 91); /* all of 2016 */
    cr_assert_eq(run(&fx, 0), SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:47:1: no rows for year 2016: the years run "
                  "2015-2020 and a missing year is not 0 pupils (add the "
                  "year, or set [projection] missing = interpolate)",
                  file(&fx, "enrollment.csv"));
    cr_expect_eq(fx.diag.errors, 1);
    done(&fx);
}

Test(io_missing, interpolate_imputes_and_names_the_cell)
{
    fixture fx;
    setup(&fx, "enrollment.csv", 59, 59);
    interpolate(&fx);
    cr_assert_eq(run(&fx, 1), 0, "%s", sn_test_dump(&fx.diag));
    SN_EXPECT_MSG(&fx.diag, "%s: warning: imputed year 2016, zone 'LY-Z2', "
                  "grade 4: 33 pupils, 0 migrant (linear between 2015 and "
                  "2017; [projection] missing = interpolate)",
                  file(&fx, "enrollment.csv"));
    int z = sn_network_find_zone(fx.net, "LY-Z2");
    cr_expect_eq(sn_network_students(fx.net, 2016, z, 4), 33);
    cr_expect_eq(fx.diag.warnings, 1);
    done(&fx);
}

Test(io_missing, interpolate_fills_a_whole_missing_year)
{
    fixture fx;
    setup(&fx, "enrollment.csv", 47, 91);
    interpolate(&fx);
    cr_assert_eq(run(&fx, 1), 0, "%s", sn_test_dump(&fx.diag));
    int z = sn_network_find_zone(fx.net, "LY-Z2");
    cr_expect_eq(sn_network_students(fx.net, 2016, z, 4), 33);
    cr_expect_eq(fx.diag.warnings, 45); /* every cell named */
    done(&fx);
}

Test(io_missing, a_zone_whose_rows_start_late_has_a_short_history)
{
    fixture fx;
    setup(&fx, "enrollment.csv", 11, 19); /* LY-Z2 has no 2015 rows */
    cr_assert_eq(run(&fx, 0), 0, "%s", sn_test_dump(&fx.diag));
    int z = sn_network_find_zone(fx.net, "LY-Z2");
    cr_expect_eq(sn_network_zone_first(fx.net, z), 2016);
    cr_expect_eq(sn_network_zone_first(fx.net, 0), 2015);
    done(&fx);
}

Test(io_missing, births_that_end_early_warn_with_the_year_of_change)
{
    fixture fx;
    /* births.csv: 5 rows a year from 2009; keep 2009-2012 (lines 2-21) */
    setup(&fx, "births.csv", 22, 1000);
    cr_assert_eq(run(&fx, 1), 0, "%s", sn_test_dump(&fx.diag));
    SN_EXPECT_MSG(&fx.diag, "%s: warning: births end in 2012: grade 1 is "
                  "projected from births up to 2018 and by the damped trend "
                  "of grade 1 from 2019 on (the enrolment runs to 2020, the "
                  "plan year is later)", file(&fx, "births.csv"));
    done(&fx);
}

Test(io_missing, a_births_gap_is_an_error)
{
    fixture fx;
    setup(&fx, "births.csv", 8, 8); /* 2010, LY-Z2 */
    cr_assert_eq(run(&fx, 0), SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:3:1: zone 'LY-Z2': no births row for 2010 "
                  "(the years run 2009-2020; a missing year is not 0 births: "
                  "add it, or set [projection] missing = interpolate)",
                  file(&fx, "births.csv"));
    done(&fx);
}

Test(io_missing, housing_is_read_and_duplicates_rejected)
{
    fixture fx;
    setup(&fx, "enrollment.csv", 1, 0);
    free(sn_test_write(fx.dir, "housing.csv", "zone,year,dwellings\n"
                       "LY-Z3,2022,400\nLY-Z1,2021,120\n", (size_t)-1));
    cr_assert_eq(run(&fx, 0), 0, "%s", sn_test_dump(&fx.diag));
    cr_assert_eq(fx.net->nhousing, 2);
    cr_expect_eq(fx.net->housing[0].zone, 0); /* sorted by zone, year */
    cr_expect_eq(fx.net->housing[0].dwellings, 120);
    cr_expect_eq(fx.net->housing[1].year, 2022);
    sn_network_free(fx.net);
    fx.net = NULL;
    free(sn_test_write(fx.dir, "housing.csv", "zone,year,dwellings\n"
                       "LY-Z3,2022,400\nLY-Z3,2022,10\n", (size_t)-1));
    cr_assert_eq(run(&fx, 0), SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:3:7: duplicate row for zone 'LY-Z3', year "
                  "2022 (first on line 2): give the year's completions in "
                  "one row", file(&fx, "housing.csv"));
    done(&fx);
}
