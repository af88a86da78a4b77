/* test_scenario_overrides.c - scenario inheritance (`base`), [milestones]
 * and [overrides]: values applied, every documented error provoked at its
 * path:line:col. */
#include <criterion/criterion.h>
#include <limits.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/read_network.h"
#include "io/read_scenario.h"
#include "tests/io/helpers.h"

typedef struct fixture {
    char *dir;
    sn_diag diag;
    sn_error err;
    sn_network *net;
} fixture;

/* A folder with the tiny data set (its own scenario.ini is the base). */
static void setup(fixture *fx)
{
    memset(fx, 0, sizeof *fx);
    fx->dir = sn_test_tmpdir();
    sn_test_copy_tiny(fx->dir);
    fx->diag = (sn_diag)SN_DIAG_INIT;
}

static void done(fixture *fx)
{
    sn_network_free(fx->net);
    sn_diag_dispose(&fx->diag);
    sn_test_rmdir(fx->dir);
}

/* Writes `text` as dir/name and reads the network through it. */
static int read_child(fixture *fx, const char *name, const char *text,
                      char **path_out)
{
    char *path = sn_test_write(fx->dir, name, text, (size_t)-1);
    int rc = sn_network_read(&fx->net, path, &fx->diag, &fx->err);
    if (path_out)
        *path_out = path;
    else
        free(path);
    return rc;
}

static int school(const fixture *fx, const char *id)
{
    int s = sn_network_find_school(fx->net, id);
    cr_assert_geq(s, 0, "%s", id);
    return s;
}

Test(io_scenario_overrides, child_inherits_and_overrides_the_base)
{
    fixture fx;
    setup(&fx);
    int rc = read_child(&fx, "child.ini",
                        "[scenario]\nbase = scenario.ini\nname = child\n"
                        "[classes]\nhard_cap = 61\n", NULL);
    cr_assert_eq(rc, 0, "%s", fx.diag.n ? fx.diag.items[0].text : "");
    const sn_scenario *sc = &fx.net->sc;
    cr_expect_str_eq(sc->name, "child");
    cr_expect_eq(sc->hard_cap, 61);
    cr_expect_eq(sc->year, 2021);            /* from the base */
    cr_expect_eq(sc->divert, SN_DIVERT_ALL); /* from the base */
    cr_expect_float_eq(sc->max_km_primary, 2.385, 1e-12);
    cr_expect_eq(sc->standard_periods, 15);
    cr_expect_eq(fx.net->nschools, 7); /* data: the base's folder */
    done(&fx);
}

Test(io_scenario_overrides, base_in_another_folder_keeps_its_data)
{
    fixture fx;
    setup(&fx);
    char sub[4200];
    snprintf(sub, sizeof sub, "%s/what-if", fx.dir);
    cr_assert_eq(mkdir(sub, 0777), 0);
    int rc = read_child(&fx, "what-if/scenario.ini",
                        "[scenario]\nbase = ../scenario.ini\n"
                        "[consolidation]\ncapital_budget = 2385000.5\n",
                        NULL);
    cr_assert_eq(rc, 0, "%s", fx.diag.n ? fx.diag.items[0].text : "");
    cr_expect_eq(fx.net->nzones, 5);
    cr_expect_float_eq(fx.net->sc.capital_budget, 2385000.5, 1e-9);
    cr_expect_str_eq(fx.net->sc.name, "tiny two-county test");
    done(&fx);
}

Test(io_scenario_overrides, reports_a_cycle_with_the_whole_path)
{
    fixture fx;
    setup(&fx);
    char *a = sn_test_write(fx.dir, "a.ini", "[scenario]\nbase = b.ini\n",
                            (size_t)-1);
    char *b = sn_test_write(fx.dir, "b.ini", "; b\n[scenario]\n"
                            "   base = a.ini\n", (size_t)-1);
    cr_assert_eq(sn_network_read(&fx.net, a, &fx.diag, &fx.err), SN_EINPUT);
    char *ra = realpath(a, NULL), *rb = realpath(b, NULL);
    SN_EXPECT_MSG(&fx.diag, "%s:3:11: [scenario] base: the scenarios inherit "
                  "in a cycle: %s -> %s -> %s (got 'a.ini')", b, ra, rb, ra);
    free(ra);
    free(rb);
    free(a);
    free(b);
    done(&fx);
}

Test(io_scenario_overrides, reports_a_missing_base)
{
    fixture fx;
    setup(&fx);
    char *p;
    cr_assert_eq(read_child(&fx, "c.ini", "[scenario]\nbase = nowhere.ini\n",
                            &p), SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:2:8: [scenario] base: cannot open %s/"
                  "nowhere.ini (No such file or directory) (got "
                  "'nowhere.ini')", p, fx.dir);
    free(p);
    done(&fx);
}

Test(io_scenario_overrides, applies_school_overrides)
{
    fixture fx;
    setup(&fx);
    int rc = read_child(&fx, "c.ini",
                        "[scenario]\nbase = scenario.ini\n[overrides]\n"
                        "close = LY-P1, WR-N1\nkeep = LY-J1,LY-N1\n"
                        "ready_year.LY-N1 = 2019\n"
                        "add_classrooms.WR-P1 = 7\n", NULL);
    cr_assert_eq(rc, 0, "%s", fx.diag.n ? fx.diag.items[0].text : "");
    const sn_school *s = fx.net->schools;
    cr_expect_eq(s[school(&fx, "LY-P1")].force, SN_FORCE_CLOSED);
    cr_expect_eq(s[school(&fx, "WR-N1")].force, SN_FORCE_CLOSED);
    cr_expect_eq(s[school(&fx, "LY-J1")].force, SN_FORCE_OPEN);
    cr_expect_eq(s[school(&fx, "LY-N1")].force, SN_FORCE_OPEN);
    cr_expect_eq(s[school(&fx, "LY-N1")].ready_year, 2019);
    cr_expect_eq(s[school(&fx, "WR-P1")].classrooms, 12 + 7);
    cr_expect_eq(s[school(&fx, "LY-P2")].force, SN_FORCE_NONE);
    done(&fx);
}

Test(io_scenario_overrides, later_file_replaces_a_key_of_its_base)
{
    fixture fx;
    setup(&fx);
    char *mid = sn_test_write(fx.dir, "mid.ini",
                              "[scenario]\nbase = scenario.ini\n[overrides]\n"
                              "close = LY-P1\nadd_classrooms.LY-P1 = 2\n",
                              (size_t)-1);
    free(mid);
    int rc = read_child(&fx, "top.ini",
                        "[scenario]\nbase = mid.ini\n[overrides]\n"
                        "close = WR-N1\n", NULL);
    cr_assert_eq(rc, 0, "%s", fx.diag.n ? fx.diag.items[0].text : "");
    const sn_school *s = fx.net->schools;
    cr_expect_eq(s[school(&fx, "LY-P1")].force, SN_FORCE_NONE);
    cr_expect_eq(s[school(&fx, "WR-N1")].force, SN_FORCE_CLOSED);
    cr_expect_eq(s[school(&fx, "LY-P1")].classrooms, 24 + 2);
    done(&fx);
}

Test(io_scenario_overrides, close_below_and_keep_below_pick_small_rural_schools)
{
    fixture fx;
    setup(&fx);
    /* rural (urban 0) open public schools: LY-P2 (remote) and WR-N1 */
    int rc = read_child(&fx, "c.ini", "[scenario]\nbase = scenario.ini\n"
                        "[overrides]\nclose_below = 1000000\n", NULL);
    cr_assert_eq(rc, 0, "%s", fx.diag.n ? fx.diag.items[0].text : "");
    const sn_school *s = fx.net->schools;
    cr_expect_eq(s[school(&fx, "WR-N1")].force, SN_FORCE_CLOSED);
    cr_expect_eq(s[school(&fx, "LY-P2")].force, SN_FORCE_NONE, "remote");
    cr_expect_eq(s[school(&fx, "LY-P1")].force, SN_FORCE_NONE, "urban");
    cr_expect_eq(s[school(&fx, "LY-S1")].force, SN_FORCE_NONE, "private");
    sn_network_free(fx.net);
    fx.net = NULL;
    rc = read_child(&fx, "k.ini", "[scenario]\nbase = scenario.ini\n"
                    "[overrides]\nkeep_below = 1000000\nclose = WR-N1\n",
                    NULL);
    cr_assert_eq(rc, 0, "%s", fx.diag.n ? fx.diag.items[0].text : "");
    s = fx.net->schools;
    cr_expect_eq(s[school(&fx, "LY-P2")].force, SN_FORCE_OPEN);
    cr_expect_eq(s[school(&fx, "WR-N1")].force, SN_FORCE_CLOSED,
                 "named schools win over *_below");
    sn_network_free(fx.net);
    fx.net = NULL;
    rc = read_child(&fx, "z.ini", "[scenario]\nbase = scenario.ini\n"
                    "[overrides]\nclose_below = 0\n", NULL);
    cr_assert_eq(rc, 0);
    cr_expect_eq(fx.net->schools[school(&fx, "WR-N1")].force, SN_FORCE_NONE);
    done(&fx);
}

Test(io_scenario_overrides, reports_every_override_error_at_its_position)
{
    fixture fx;
    setup(&fx);
    char *p;
    int rc = read_child(&fx, "bad.ini",
                        "[scenario]\nbase = scenario.ini\n[overrides]\n"
                        "close = LY-P1, XX-9,, LY-P2\n"     /* line 4 */
                        "keep = LY-P1\n"                    /* line 5 */
                        "ready_year.LY-P1 = 2019\n"         /* line 6 */
                        "ready_year.LY-N1 = 1900\n"         /* line 7 */
                        "add_classrooms.LY-S1 = 2\n"        /* line 8 */
                        "add_classrooms.LY-J1 = -1\n"       /* line 9 */
                        "add_classrooms.NOPE = 1\n"         /* line 10 */
                        "open = LY-P1\n"                    /* line 11 */
                        "close_below = lots\n"              /* line 12 */
                        "close = LY-J1\n",                  /* line 13 */
                        &p);
    cr_assert_eq(rc, SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:4:16: unknown school: not in schools.csv "
                  "(got 'XX-9')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:4:21: empty school id in the list (got "
                  "'LY-P1, XX-9,, LY-P2')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:4:23: a remote school cannot be closed (got "
                  "'LY-P2')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:5:8: school 'LY-P1' is both closed and kept "
                  "(got 'LY-P1')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:6:1: ready_year applies to candidate "
                  "schools; 'LY-P1' is open (got 'ready_year.LY-P1')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:7:20: [overrides] ready_year.LY-N1 must be a "
                  "year from 1949 to 2100 (got '1900')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:8:1: add_classrooms applies to class-mode "
                  "schools; 'LY-S1' has seats (got 'add_classrooms.LY-S1')",
                  p);
    SN_EXPECT_MSG(&fx.diag, "%s:9:24: [overrides] add_classrooms.LY-J1 must "
                  "be a whole number from 0 to 10000 (got '-1')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:10:16: unknown school: not in schools.csv "
                  "(got 'NOPE')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:11:1: unknown key 'open' in section "
                  "[overrides] (known: close, keep, close_below, keep_below, "
                  "ready_year.SCHOOL, add_classrooms.SCHOOL)", p);
    SN_EXPECT_MSG(&fx.diag, "%s:12:15: [overrides] close_below must be a "
                  "whole number from 0 to 1000000 (got 'lots')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:13:1: duplicate key 'close' in section "
                  "[overrides] (first given on line 4)", p);
    cr_expect_eq(fx.diag.errors, 12);
    cr_expect_null(fx.net);
    free(p);
    done(&fx);
}

Test(io_scenario_overrides, milestones_give_the_cap_of_each_year)
{
    fixture fx;
    setup(&fx);
    int rc = read_child(&fx, "m.ini", "[scenario]\nbase = scenario.ini\n"
                        "[milestones]\nhard_cap.2019 = 56\n"
                        "hard_cap.2018 = 66\n", NULL);
    cr_assert_eq(rc, 0, "%s", fx.diag.n ? fx.diag.items[0].text : "");
    const sn_scenario *sc = &fx.net->sc;
    cr_expect_eq(sc->nmilestones, 2);
    cr_expect_eq(sn_scenario_hard_cap(sc, 2017), 56); /* hard_cap */
    cr_expect_eq(sn_scenario_hard_cap(sc, 2018), 66);
    cr_expect_eq(sn_scenario_hard_cap(sc, 2019), 56);
    cr_expect_eq(sn_scenario_hard_cap(sc, 2031), 56);
    sn_network_free(fx.net);
    fx.net = NULL;
    /* a child replaces one year and adds another */
    char *m = sn_test_write(fx.dir, "m2.ini", "[scenario]\nbase = m.ini\n"
                            "[milestones]\nhard_cap.2019 = 60\n"
                            "hard_cap.2021 = 50\n", (size_t)-1);
    cr_assert_eq(sn_network_read(&fx.net, m, &fx.diag, &fx.err), 0);
    sc = &fx.net->sc;
    cr_expect_eq(sc->nmilestones, 3);
    cr_expect_eq(sn_scenario_hard_cap(sc, 2018), 66);
    cr_expect_eq(sn_scenario_hard_cap(sc, 2020), 60);
    cr_expect_eq(sn_scenario_hard_cap(sc, 2021), 50);
    free(m);
    done(&fx);
}

Test(io_scenario_overrides, reports_milestone_errors)
{
    fixture fx;
    setup(&fx);
    char *p;
    int rc = read_child(&fx, "m.ini", "[scenario]\nbase = scenario.ini\n"
                        "[milestones]\nhard_cap.18 = 66\n"
                        "hard_cap.2019 = 0\nhard_cap.2020 = 44\n"
                        "  cap.2021 = 50\nhard_cap.2020 = 50\n", &p);
    cr_assert_eq(rc, SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:4:1: unknown key 'hard_cap.18' in section "
                  "[milestones] (expected hard_cap.YEAR or "
                  "hard_cap.YEAR.COUNTY, YEAR from 1949 to 2100)", p);
    SN_EXPECT_MSG(&fx.diag, "%s:5:17: [milestones] hard_cap.2019 must be a "
                  "whole number from 1 to 200, standard or none (got '0')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:7:3: unknown key 'cap.2021' in section "
                  "[milestones] (expected hard_cap.YEAR or "
                  "hard_cap.YEAR.COUNTY, YEAR from 1949 to 2100)", p);
    SN_EXPECT_MSG(&fx.diag, "%s:8:1: duplicate key 'hard_cap.2020' in "
                  "section [milestones] (first given on line 6)", p);
    SN_EXPECT_MSG(&fx.diag, "%s: [milestones] hard_cap.2020 must be at least "
                  "the standard class sizes 45 and 50 (got '44')", p);
    cr_expect_eq(fx.diag.errors, 5);
    free(p);
    done(&fx);
}

/* Per-county milestones: the latest at or before the year that applies
 * to the county wins, its own at a tie; `standard` is 45 / 50, `none` no
 * cap. */
Test(io_scenario_overrides, county_milestones_standard_and_none)
{
    fixture fx;
    setup(&fx);
    int rc = read_child(&fx, "m.ini", "[scenario]\nbase = scenario.ini\n"
                        "[milestones]\nhard_cap.2017 = none\n"
                        "hard_cap.2018 = 66\nhard_cap.2017.万荣县 = 66\n"
                        "hard_cap.2018.万荣县 = 56\nhard_cap.2020 = standard\n",
                        NULL);
    cr_assert_eq(rc, 0, "%s", fx.diag.n ? fx.diag.items[0].text : "");
    const sn_scenario *sc = &fx.net->sc;
    cr_expect_eq(sc->nmilestones, 5);
    cr_expect_eq(sn_scenario_cap_code(sc, "临猗县", 2016, NULL), 56);
    cr_expect_eq(sn_scenario_cap_code(sc, "临猗县", 2017, NULL), SN_CAP_NONE);
    cr_expect_eq(sn_scenario_cap(sc, "临猗县", 2017, 3), SN_CAP_UNLIMITED);
    cr_expect_eq(sn_scenario_cap_code(sc, "万荣县", 2017, NULL), 66);
    cr_expect_eq(sn_scenario_cap_code(sc, "临猗县", 2019, NULL), 66);
    int from;
    cr_expect_eq(sn_scenario_cap_code(sc, "万荣县", 2019, &from), 56);
    cr_expect_str_eq(sc->milestones[from].county, "万荣县");
    cr_expect_eq(sn_scenario_cap(sc, "万荣县", 2021, 2), 45);
    cr_expect_eq(sn_scenario_cap(sc, "临猗县", 2021, 8), 50);
    cr_expect_eq(sn_scenario_hard_cap(sc, 2021), 50);
    char buf[16];
    sn_scenario_cap_name(buf, sizeof buf, SN_CAP_STANDARD);
    cr_expect_str_eq(buf, "standard");
    done(&fx);
}

Test(io_scenario_overrides, milestone_county_must_exist)
{
    fixture fx;
    setup(&fx);
    char *p;
    int rc = read_child(&fx, "m.ini", "[scenario]\nbase = scenario.ini\n"
                        "[milestones]\nhard_cap.2018.Xia = 66\n", &p);
    cr_assert_eq(rc, SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:4:15: unknown county in [milestones]: not in "
                  "schools.csv (known: 临猗县, 万荣县) (got 'Xia')", p);
    cr_expect_eq(fx.diag.errors, 1);
    free(p);
    rc = read_child(&fx, "m2.ini", "[scenario]\nbase = scenario.ini\n"
                    "[milestones]\nhard_cap.2018. = 66\n"
                    "hard_cap.2019 = big\n", &p);
    cr_assert_eq(rc, SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:4:1: unknown key 'hard_cap.2018.' in section "
                  "[milestones] (expected hard_cap.YEAR or "
                  "hard_cap.YEAR.COUNTY, YEAR from 1949 to 2100)", p);
    SN_EXPECT_MSG(&fx.diag, "%s:5:17: [milestones] hard_cap.2019 must be a "
                  "whole number from 1 to 200, standard or none (got 'big')",
                  p);
    cr_expect_eq(fx.diag.errors, 3); /* with m.ini's */
    free(p);
    done(&fx);
}

/* What-ifs that change nothing say so. */
Test(io_scenario_overrides, warns_when_an_override_does_nothing)
{
    fixture fx;
    setup(&fx);
    char *p;
    int rc = read_child(&fx, "w.ini", "[scenario]\nbase = scenario.ini\n"
                        "[overrides]\nclose_below = 1\nclose = WR-P1\n"
                        "add_classrooms.WR-P1 = 2\n", &p);
    cr_assert_eq(rc, 0, "%s", fx.diag.n ? fx.diag.items[0].text : "");
    SN_EXPECT_MSG(&fx.diag, "%s:4:15: warning: close_below = 1 matches no "
                  "school: the smallest rural open public school not remote, "
                  "WR-N1, had 799 pupils in 2020", p);
    SN_EXPECT_MSG(&fx.diag, "%s:6:1: warning: add_classrooms.WR-P1 has no "
                  "effect: 'close' closes WR-P1", p);
    free(p);
    done(&fx);
}

Test(io_scenario_overrides, objective_order_mode_and_weights)
{
    fixture fx;
    setup(&fx);
    int rc = read_child(&fx, "o.ini", "[scenario]\nbase = scenario.ini\n"
                        "[objective]\nmode = weighted\n"
                        "order = cost, unplaced, over_hard_cap, diverted, "
                        "over_standard, student_km\nweight.cost = 2.385\n",
                        NULL);
    cr_assert_eq(rc, 0, "%s", fx.diag.n ? fx.diag.items[0].text : "");
    const sn_scenario *sc = &fx.net->sc;
    cr_expect_eq(sc->objective_mode, SN_OBJECTIVE_WEIGHTED);
    cr_expect_eq(sc->objective_order[0], SN_LEVEL_COST);
    cr_expect_eq(sc->objective_order[4], SN_LEVEL_OVER_STANDARD);
    cr_expect_float_eq(sc->objective_weight[SN_LEVEL_COST], 2.385, 1e-12);
    cr_expect(sc->weights_given);
    sn_network_free(fx.net);
    fx.net = NULL;
    char *p;
    rc = read_child(&fx, "bad.ini", "[scenario]\nbase = scenario.ini\n"
                    "[objective]\nmode = fast\norder = cost, cost\n"
                    "weight.speed = 1\nweight.cost = -1\norder = unplaced\n",
                    &p);
    cr_assert_eq(rc, SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:4:8: [objective] mode must be one of "
                  "lexicographic, weighted (got 'fast')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:5:9: [objective] order must be each of "
                  "unplaced, over_hard_cap, over_standard, cost, diverted, "
                  "student_km once, comma-separated (got 'cost, cost')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:6:1: unknown key 'weight.speed' in section "
                  "[objective] (known: order, mode, weight.LEVEL with LEVEL "
                  "one of unplaced, over_hard_cap, over_standard, cost, "
                  "diverted, student_km)", p);
    SN_EXPECT_MSG(&fx.diag, "%s:7:15: [objective] weight.cost must be a "
                  "number from 0 to 1e+12 (got '-1')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:8:1: duplicate key 'order' in section "
                  "[objective] (first given on line 5)", p);
    cr_expect_eq(fx.diag.errors, 5);
    free(p);
    done(&fx);
}
