/* test_ini.c - scenario.ini: values, defaults, every error with position. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/read_scenario.h"
#include "tests/io/helpers.h"

typedef struct fixture {
    char *dir, *path;
    sn_diag diag;
    sn_error err;
    sn_scenario sc;
} fixture;

static int read_text(fixture *fx, const char *text)
{
    memset(fx, 0, sizeof *fx);
    fx->dir = sn_test_tmpdir();
    fx->path = sn_test_write(fx->dir, "scenario.ini", text, (size_t)-1);
    cr_assert_eq(sn_scenario_init(&fx->sc), 0);
    return sn_scenario_read(&fx->sc, fx->path, &fx->diag, &fx->err);
}

static void done(fixture *fx)
{
    sn_scenario_dispose(&fx->sc);
    sn_diag_dispose(&fx->diag);
    free(fx->path);
    sn_test_rmdir(fx->dir);
}

Test(io_ini, reads_every_kind_of_value)
{
    fixture fx;
    int rc = read_text(&fx,
        "\xEF\xBB\xBF; a comment\n"
        "# another\n"
        "[scenario]\n"
        "name = \"Linyi; what-if\"\n"
        "data = data\n"
        "year = 2021   ; plan year\n"
        "divert = all\n"
        "[travel]\r\n"
        "max_km_primary=2.385\r\n"
        "detour_factor = 1.45\n"
        "[consolidation]\n"
        "allow_closures = 0\n"
        "max_open_schools = 17\n"
        "[projection]\n"
        "gpr_method = median\n"
        "[solver]\n"
        "time_limit = 12.5\n");
    cr_assert_eq(rc, 0, "%s", fx.diag.n ? fx.diag.items[0].text : "");
    cr_assert_str_eq(fx.sc.name, "Linyi; what-if");
    char want[4200];
    snprintf(want, sizeof want, "%s/data", fx.dir);
    cr_assert_str_eq(fx.sc.data_dir, want);
    cr_assert_eq(fx.sc.year, 2021);
    cr_assert_eq(fx.sc.divert, SN_DIVERT_ALL);
    cr_assert_float_eq(fx.sc.max_km_primary, 2.385, 1e-12);
    cr_assert_float_eq(fx.sc.detour_factor, 1.45, 1e-12);
    cr_assert_eq(fx.sc.allow_closures, 0);
    cr_assert_eq(fx.sc.max_open_schools, 17);
    cr_assert_eq(fx.sc.gpr_method, SN_GPR_MEDIAN);
    cr_assert_float_eq(fx.sc.time_limit, 12.5, 1e-12);
    /* untouched keys keep their defaults */
    cr_assert_eq(fx.sc.standard_primary, 45);
    cr_assert_eq(fx.sc.hard_cap, 56);
    cr_assert_float_eq(fx.sc.ratio_junior, 13.5, 1e-12);
    done(&fx);
}

Test(io_ini, data_defaults_to_the_ini_folder)
{
    fixture fx;
    cr_assert_eq(read_text(&fx, "[scenario]\nname = x\n"), 0);
    cr_assert_str_eq(fx.sc.data_dir, fx.dir);
    done(&fx);
}

Test(io_ini, keeps_absolute_data_path)
{
    fixture fx;
    cr_assert_eq(read_text(&fx, "[scenario]\ndata = /srv/linyi\n"), 0);
    cr_assert_str_eq(fx.sc.data_dir, "/srv/linyi");
    done(&fx);
}

Test(io_ini, rejects_bad_values)
{
    fixture fx;
    int rc = read_text(&fx,
        "[scenario]\n"
        "year = 1800\n"
        "divert = some\n"
        "name =\n"
        "[classes]\n"
        "standard_primary = 45.5\n"
        "[travel]\n"
        "max_km_junior = -2\n"
        "detour_factor = abc\n"
        "[consolidation]\n"
        "allow_closures = yes\n"
        "[solver]\n"
        "mip_gap = nan\n");
    cr_assert_eq(rc, SN_EINPUT);
    const char *p = fx.path;
    SN_EXPECT_MSG(&fx.diag, "%s:2:8: [scenario] year must be 0 or from 1949 "
                  "to 2100 (got '1800')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:3:10: [scenario] divert must be one of "
                  "intake, all (got 'some')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:4:7: [scenario] name must be a non-empty "
                  "text (got '')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:6:20: [classes] standard_primary must be a "
                  "whole number from 1 to 200 (got '45.5')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:8:17: [travel] max_km_junior must be a "
                  "number from 0 to 1000 (got '-2')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:9:17: [travel] detour_factor must be a "
                  "number from 1 to 10 (got 'abc')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:11:18: [consolidation] allow_closures must "
                  "be 0 or 1 (got 'yes')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:13:11: [solver] mip_gap must be a number "
                  "from 0 to 1 (got 'nan')", p);
    cr_assert_eq(fx.diag.errors, 8);
    done(&fx);
}

Test(io_ini, rejects_unknown_section_and_key)
{
    fixture fx;
    int rc = read_text(&fx, "[milestone]\nyear = 2018\n[travel]\n"
                            "  walk_km = 3\n");
    cr_assert_eq(rc, SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:1:2: unknown section [milestone] (known: "
                  "scenario, classes, travel, consolidation, costs, "
                  "objective, teachers, funding, projection, solver, map, "
                  "report, milestones, overrides)", fx.path);
    SN_EXPECT_MSG(&fx.diag, "%s:4:3: unknown key 'walk_km' in section "
                  "[travel]", fx.path);
    cr_assert_eq(fx.diag.errors, 2); /* keys of [milestone] not repeated */
    done(&fx);
}

Test(io_ini, rejects_duplicate_key)
{
    fixture fx;
    cr_assert_eq(read_text(&fx, "[costs]\ndiscount_rate = 0.03\n"
                                "discount_rate = 0.05\n"), SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:3:1: duplicate key 'discount_rate' in "
                  "section [costs] (first given on line 2)", fx.path);
    cr_assert_float_eq(fx.sc.discount_rate, 0.03, 1e-12);
    done(&fx);
}

Test(io_ini, rejects_syntax_errors)
{
    fixture fx;
    int rc = read_text(&fx, "year = 2020\n[scenario\n[scenario]\n"
                            "just words\n = 5\nname = \x01\n");
    cr_assert_eq(rc, SN_EINPUT);
    const char *p = fx.path;
    SN_EXPECT_MSG(&fx.diag, "%s:1:1: key outside any section (got 'year')",
                  p);
    SN_EXPECT_MSG(&fx.diag, "%s:2:1: section header without closing ']' "
                  "(got '[scenario')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:4:1: expected 'key = value' or '[section]' "
                  "(got 'just words')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:5:2: empty key", p);
    SN_EXPECT_MSG(&fx.diag, "%s:6:1: invalid UTF-8 or control character in "
                  "line", p);
    done(&fx);
}

Test(io_ini, rejects_overlong_line)
{
    char text[6000] = "[scenario]\nname = ";
    memset(text + strlen(text), 'n', 5000);
    fixture fx;
    cr_assert_eq(read_text(&fx, text), SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:2:1: line longer than 4095 bytes", fx.path);
    done(&fx);
}

Test(io_ini, rejects_hard_cap_below_standard)
{
    fixture fx;
    cr_assert_eq(read_text(&fx, "[classes]\nhard_cap = 40\n"), SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:2:12: [classes] hard_cap must be at least "
                  "the standard class sizes 45 and 50 (got '40')", fx.path);
    done(&fx);
}

Test(io_ini, reports_missing_file)
{
    sn_diag d = SN_DIAG_INIT;
    sn_scenario sc;
    sn_scenario_init(&sc);
    cr_assert_eq(sn_scenario_read(&sc, "/nonexistent/s.ini", &d, NULL),
                 SN_EINPUT);
    SN_EXPECT_MSG(&d, "/nonexistent/s.ini: cannot open (No such file or "
                      "directory)");
    sn_scenario_dispose(&sc);
    sn_diag_dispose(&d);
}
