/* test_read_network.c - the tiny data set read back value by value, and
 * every cross-file error provoked on a copy of it. */
#include <criterion/criterion.h>
#include <math.h>
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

static void setup_tiny(fixture *fx)
{
    memset(fx, 0, sizeof *fx);
    fx->dir = sn_test_tmpdir();
    sn_test_copy_tiny(fx->dir);
}

static void put(fixture *fx, const char *name, const char *text)
{
    free(sn_test_write(fx->dir, name, text, (size_t)-1));
}

static const char *file(fixture *fx, const char *name)
{
    snprintf(fx->path, sizeof fx->path, "%s/%s", fx->dir, name);
    return fx->path;
}

static int run(fixture *fx)
{
    return sn_network_read(&fx->net, fx->dir, &fx->diag, &fx->err);
}

static void done(fixture *fx)
{
    sn_network_free(fx->net);
    sn_diag_dispose(&fx->diag);
    sn_test_rmdir(fx->dir);
}

/* Reads the tiny set with one file replaced; expects failure. */
static void expect_fail(fixture *fx, const char *name, const char *text)
{
    setup_tiny(fx);
    if (name)
        put(fx, name, text);
    int rc = run(fx);
    cr_assert_eq(rc, SN_EINPUT, "rc %d", rc);
    cr_assert_null(fx->net);
}

#define SCHOOLS_HEAD "id,county,stage,classrooms\n"

Test(io_read, reads_the_tiny_set)
{
    sn_diag d = SN_DIAG_INIT;
    sn_error err = {0, ""};
    sn_network *net;
    int rc = sn_network_read(&net, "tests/data/tiny/scenario.ini", &d, &err);
    cr_assert_eq(rc, 0, "%s", d.n ? d.items[0].text : err.msg);
    cr_assert_eq(d.errors, 0);
    cr_assert_eq(d.warnings, 0);
    cr_assert_str_eq(net->sc.name, "tiny two-county test");
    cr_assert_str_eq(net->sc.data_dir, "tests/data/tiny");
    cr_assert_eq(net->sc.year, 2021);
    cr_assert_eq(net->sc.divert, SN_DIVERT_ALL);
    cr_assert_float_eq(net->sc.max_km_primary, 2.385, 1e-12);
    cr_assert_float_eq(net->sc.boarding_max_km, 25.0, 1e-12);
    cr_assert_eq(net->sc.standard_periods, 15);

    cr_assert_eq(net->ncounties, 2);
    cr_assert_str_eq(net->counties[0], "临猗县");
    cr_assert_str_eq(net->counties[1], "万荣县");
    cr_assert_eq(net->nschools, 7);
    const sn_school *p2 = &net->schools[1];
    cr_assert_str_eq(p2->id, "LY-P2");
    cr_assert_str_eq(p2->name, "北景小学");
    cr_assert_eq(p2->grade_lo, 1);
    cr_assert_eq(p2->grade_hi, 4);
    cr_assert_eq(p2->remote, 1);
    cr_assert_eq(p2->closable, 0);  /* remote: never closable */
    cr_assert_float_eq(p2->x_km, 4.2, 1e-12);
    const sn_school *j1 = &net->schools[2];
    cr_assert_eq(j1->stage, SN_JUNIOR);
    cr_assert_eq(j1->grade_lo, 7);
    cr_assert_eq(j1->boarding_beds, 120);
    cr_assert_eq(j1->closable, 1);
    cr_assert_float_eq(j1->annual_cost, 2385000.5, 1e-6);
    cr_assert_float_eq(j1->classroom_cost, 420000, 1e-6);
    const sn_school *n1 = &net->schools[3];
    cr_assert_eq(n1->status, SN_CANDIDATE);
    cr_assert_eq(n1->ready_year, 2022);
    cr_assert_float_eq(n1->build_cost, 48e6, 1e-3);
    cr_assert_float_eq(n1->x_km, 2.385, 1e-12);
    const sn_school *s1 = &net->schools[4];
    cr_assert_str_eq(s1->name, "育才民办学校, 临猗");
    cr_assert_eq(s1->classrooms, -1);
    cr_assert_eq(s1->seats, 900);
    cr_assert_eq(s1->is_private, 1);
    cr_assert_float_eq(s1->seat_price, 7200, 1e-9);
    cr_assert_eq(net->schools[5].closable, 0);
    cr_assert_eq(net->schools[5].county, 1);
    cr_assert_eq(net->schools[6].has_xy, 0);

    cr_assert_eq(net->nzones, 5);
    cr_assert_eq(net->zones[0].primary_school, 0);
    cr_assert_eq(net->zones[1].primary_school, 1);
    cr_assert_eq(net->zones[1].junior_school, 2);
    cr_assert_eq(net->zones[2].primary_school, -1);
    cr_assert_eq(net->zones[4].junior_school, 6);
    cr_assert_eq(net->zones[4].has_xy, 0);

    cr_assert_eq(net->year_lo, 2015);
    cr_assert_eq(net->year_hi, 2020);
    /* base 88 + 0 + 3g - 0 for LY-Z1; migrants 13% */
    cr_assert_eq(sn_network_students(net, 2015, 0, 1), 91);
    cr_assert_eq(sn_network_migrants(net, 2015, 0, 1), 11);
    cr_assert_eq(sn_network_students(net, 2020, 4, 9), 19 + 25 + 27 - 1);
    cr_assert_eq(sn_network_migrants(net, 2020, 4, 9), 0);
    cr_assert_eq(net->births_lo, 2009);
    cr_assert_eq(sn_network_births(net, 2014, 2), 41 + 10 - 2);

    cr_assert_eq(net->ndistances, 3);
    cr_assert_float_eq(sn_network_km(net, 4, 5), 12.385, 1e-12);
    cr_assert_float_eq(sn_network_km(net, 4, 6), 8.75, 1e-12);
    cr_assert_float_eq(sn_network_km(net, 0, 0),
                       sqrt(0.3 * 0.3 + 0.2 * 0.2) * 1.3, 1e-12);
    cr_assert_eq(sn_network_km(net, 3, 6), -1.0);

    cr_assert_eq(net->nsubjects, 6);
    int physics = sn_network_find_subject(net, "physics");
    cr_assert_eq(physics, 5);
    cr_assert_eq(net->curriculum[9 * SN_MAX_SUBJECTS + physics], 3);
    cr_assert_eq(net->curriculum[1 * SN_MAX_SUBJECTS + physics], 0);
    cr_assert_eq(net->nteachers, 8);
    const sn_teacher *t3 = &net->teachers[2];
    cr_assert_eq(t3->subjects, 3ULL); /* "chinese; maths" */
    cr_assert_eq(t3->title, SN_TITLE_JUNIOR);
    cr_assert_eq(t3->max_periods, 15); /* the scenario's standard load */
    cr_assert_eq(net->teachers[0].max_periods, 14);
    cr_assert_eq(net->teachers[3].title, SN_TITLE_INTERMEDIATE);
    cr_assert_eq(net->teachers[4].excellent, 1);
    cr_assert_eq(net->teachers[4].years_at_school, 9);
    sn_network_free(net);
    sn_diag_dispose(&d);
}

Test(io_read, folder_gives_default_scenario_named_after_it)
{
    fixture fx;
    setup_tiny(&fx);
    cr_assert_eq(run(&fx), 0);
    const char *base = strrchr(fx.dir, '/') + 1;
    cr_assert_str_eq(fx.net->sc.name, base);
    cr_assert_eq(fx.net->sc.year, 0);
    cr_assert_float_eq(fx.net->sc.max_km_primary, 3.0, 1e-12);
    done(&fx);
}

Test(io_read, optional_files_may_be_absent)
{
    fixture fx;
    setup_tiny(&fx);
    remove(file(&fx, "births.csv"));
    remove(file(&fx, "distances.csv"));
    remove(file(&fx, "teachers.csv"));
    remove(file(&fx, "curriculum.csv"));
    cr_assert_eq(run(&fx), 0);
    cr_assert_null(fx.net->births);
    cr_assert_eq(fx.net->nteachers, 0);
    cr_assert_eq(fx.net->ndistances, 0);
    done(&fx);
}

Test(io_read, converts_lat_lon_about_the_mean_latitude)
{
    fixture fx;
    setup_tiny(&fx);
    put(&fx, "schools.csv", "id,county,stage,lat,lon,classrooms\n"
                            "A,c,primary,35.0,110.0,6\n"
                            "B,c,primary,35.2,110.3,6\n");
    put(&fx, "zones.csv", "id,county,lat,lon\nZ,c,35.1,110.15\n");
    put(&fx, "enrollment.csv", "year,zone,grade,students\n2020,Z,1,30\n"
                               "2020,Z,2,30\n2020,Z,3,30\n2020,Z,4,30\n"
                               "2020,Z,5,30\n2020,Z,6,30\n2020,Z,7,30\n"
                               "2020,Z,8,30\n2020,Z,9,30\n");
    remove(file(&fx, "teachers.csv"));
    remove(file(&fx, "distances.csv"));
    remove(file(&fx, "births.csv"));
    cr_assert_eq(run(&fx), 0, "%s", fx.diag.n ? fx.diag.items[0].text : "");
    const sn_network *n = fx.net;
    double k = 6371.0 * M_PI / 180.0, c = cos(35.1 * M_PI / 180.0);
    cr_assert_float_eq(n->schools[0].x_km, -0.15 * k * c, 1e-9);
    cr_assert_float_eq(n->schools[0].y_km, -0.1 * k, 1e-9);
    cr_assert_float_eq(n->schools[1].x_km, 0.15 * k * c, 1e-9);
    cr_assert_float_eq(n->zones[0].x_km, 0.0, 1e-9);
    cr_assert_float_eq(n->zones[0].y_km, 0.0, 1e-9);
    done(&fx);
}

Test(io_read, reports_missing_required_file)
{
    fixture fx;
    setup_tiny(&fx);
    remove(file(&fx, "enrollment.csv"));
    cr_assert_eq(run(&fx), SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s: cannot open (No such file or directory)",
                  file(&fx, "enrollment.csv"));
    done(&fx);
}

Test(io_read, reports_missing_scenario)
{
    sn_diag d = SN_DIAG_INIT;
    sn_network *net = (sn_network *)1;
    cr_assert_eq(sn_network_read(&net, "/nonexistent/s.ini", &d, NULL),
                 SN_EINPUT);
    cr_assert_null(net);
    SN_EXPECT_MSG(&d, "/nonexistent/s.ini: cannot open (No such file or "
                      "directory)");
    sn_diag_dispose(&d);
}

Test(io_read, reports_bad_scenario_and_data_together)
{
    fixture fx;
    setup_tiny(&fx);
    put(&fx, "scenario.ini", "[travel]\nmax_km_primary = far\n");
    put(&fx, "zones.csv", "id,county\nQ,nowhere\n");
    char ini[4300];
    snprintf(ini, sizeof ini, "%s/scenario.ini", fx.dir);
    cr_assert_eq(sn_network_read(&fx.net, ini, &fx.diag, &fx.err),
                 SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:2:18: [travel] max_km_primary must be a "
                  "number from 0 to 1000 (got 'far')", ini);
    SN_EXPECT_MSG(&fx.diag, "%s:2:3: unknown county: no school of "
                  "schools.csv is in it (got 'nowhere')",
                  file(&fx, "zones.csv"));
    done(&fx);
}

Test(io_read, rejects_duplicate_ids)
{
    fixture fx;
    setup_tiny(&fx);
    put(&fx, "schools.csv", SCHOOLS_HEAD "A,c,primary,6\nB,c,junior,6\n"
                            "A,c,junior,3\n");
    put(&fx, "zones.csv", "id,county\nZ,c\nZ,c\n");
    put(&fx, "enrollment.csv", "year,zone,grade,students\n2020,Z,1,30\n"
                               "2020,Z,2,30\n2020,Z,3,30\n2020,Z,4,30\n"
                               "2020,Z,5,30\n2020,Z,6,30\n2020,Z,7,30\n"
                               "2020,Z,8,30\n2020,Z,9,30\n");
    put(&fx, "teachers.csv", "id,school,subjects\nT,A,maths\nT,B,pe\n");
    remove(file(&fx, "distances.csv"));
    remove(file(&fx, "births.csv"));
    cr_assert_eq(run(&fx), SN_EINPUT);
    cr_assert_null(fx.net);
    SN_EXPECT_MSG(&fx.diag, "%s:4:1: duplicate school id (first on line 2) "
                  "(got 'A')", file(&fx, "schools.csv"));
    SN_EXPECT_MSG(&fx.diag, "%s:3:1: duplicate zone id (first on line 2) "
                  "(got 'Z')", file(&fx, "zones.csv"));
    SN_EXPECT_MSG(&fx.diag, "%s:3:1: duplicate teacher id (first on line 2) "
                  "(got 'T')", file(&fx, "teachers.csv"));
    cr_assert_eq(fx.diag.errors, 3);
    done(&fx);
}

Test(io_read, rejects_bad_school_rows)
{
    fixture fx;
    expect_fail(&fx, "schools.csv",
        "id,county,stage,grades,x_km,y_km,lat,lon,classrooms,seats,status,"
        "ready_year,remote,closable\n"
        "A,c,middle,,,,,,6,,,,,\n"
        "B,c,primary,5-8,,,,,6,,,,,\n"
        "C,c,junior,,1.5,,,,6,,,,,\n"
        "D,c,junior,,1,2,35,110,6,,,,,\n"
        "E,c,primary,,,,,,6,300,,,,\n"
        "F,c,primary,,,,,,,,,,,\n"
        "G,c,primary,,,,,,6,,candidate,,,\n"
        "H,c,primary,,,,,,6,,,,1,1\n"
        "I,c,primary,,,,,,6,,shut,,,\n");
    const char *p = file(&fx, "schools.csv");
    SN_EXPECT_MSG(&fx.diag, "%s:2:5: stage must be one of primary, junior, "
                  "nine_year (got 'middle')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:3:13: grades must be like 1-4 and lie "
                  "inside the primary grades 1-6 (got '5-8')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:4:17: y_km must be given together with x_km "
                  "(got '')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:5:17: give x_km,y_km or lat,lon, not both "
                  "(got '35')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:6:20: give exactly one of classrooms (class "
                  "mode) and seats (seat mode) (got '300')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:7:18: give exactly one of classrooms (class "
                  "mode) and seats (seat mode) (got '')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:8:31: a candidate school needs ready_year "
                  "(got '')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:9:25: a remote school is never closable "
                  "(got '1')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:10:21: status must be one of open, "
                  "candidate (got 'shut')", p);
    done(&fx);
}

Test(io_read, rejects_bad_designated_schools)
{
    fixture fx;
    expect_fail(&fx, "zones.csv",
        "id,county,primary_school,junior_school\n"
        "Z1,临猗县,NOPE,LY-J1\n"
        "Z2,临猗县,WR-P1,\n"
        "Z3,临猗县,LY-J1,LY-P1\n");
    const char *p = file(&fx, "zones.csv");
    SN_EXPECT_MSG(&fx.diag, "%s:2:8: unknown school: not in schools.csv "
                  "(got 'NOPE')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:3:8: designated school is in county '万荣县', "
                  "the zone in county '临猗县' (got 'WR-P1')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:4:8: designated primary school teaches "
                  "grades 7-9, none of 1-6 (got 'LY-J1')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:4:14: designated junior school teaches "
                  "grades 1-6, none of 7-9 (got 'LY-P1')", p);
    done(&fx);
}

Test(io_read, rejects_bad_enrolment_rows)
{
    fixture fx;
    expect_fail(&fx, "enrollment.csv",
        "year,zone,grade,students,migrant\n"
        "2020,LY-Z1,1,40,3\n"
        "2020,LY-Z9,1,40,\n"
        "2020,LY-Z1,10,40,\n"
        "2020,LY-Z1,2,40,41\n"
        "2020,LY-Z1,1,38,\n"
        "1900,LY-Z1,1,38,\n"
        "2020,LY-Z1,3,-5,\n");
    const char *p = file(&fx, "enrollment.csv");
    SN_EXPECT_MSG(&fx.diag, "%s:3:6: unknown zone: not in zones.csv "
                  "(got 'LY-Z9')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:4:12: grade must be a whole number from 1 "
                  "to 9 (got '10')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:5:17: migrant must not exceed students (40) "
                  "(got '41')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:6:1: duplicate row for year 2020, zone "
                  "'LY-Z1', grade 1 (first on line 2)", p);
    SN_EXPECT_MSG(&fx.diag, "%s:7:1: year must be a whole number from 1949 "
                  "to 2100 (got '1900')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:8:14: students must be a whole number from "
                  "0 to 10000000 (got '-5')", p);
    done(&fx);
}

Test(io_read, rejects_too_long_history)
{
    fixture fx;
    expect_fail(&fx, "enrollment.csv", "year,zone,grade,students\n"
                                       "1950,LY-Z1,1,40\n2020,LY-Z1,1,40\n");
    SN_EXPECT_MSG(&fx.diag, "%s: enrolment years span 1950 to 2020: at most "
                  "50 years are supported", file(&fx, "enrollment.csv"));
    done(&fx);
}

Test(io_read, rejects_duplicate_births)
{
    fixture fx;
    expect_fail(&fx, "births.csv", "year,zone,births\n2014,LY-Z1,80\n"
                                   "2014,LY-Z1,81\n");
    SN_EXPECT_MSG(&fx.diag, "%s:3:1: duplicate row for year 2014, zone "
                  "'LY-Z1' (first on line 2)", file(&fx, "births.csv"));
    done(&fx);
}

Test(io_read, rejects_bad_distances)
{
    fixture fx;
    expect_fail(&fx, "distances.csv",
        "zone,school,km\n"
        "LY-Z1,WR-P1,30\n"
        "LY-Z1,LY-P1,-1\n"
        "LY-Z2,LY-P1,2.385\n"
        "LY-Z2,LY-P1,2.4\n"
        "LY-Z2,ZZ,1\n");
    const char *p = file(&fx, "distances.csv");
    SN_EXPECT_MSG(&fx.diag, "%s:2:7: zone 'LY-Z1' is in county '临猗县', "
                  "school 'WR-P1' in county '万荣县': pupils stay in their "
                  "county (got 'WR-P1')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:3:13: km must be a number >= 0 (got '-1')",
                  p);
    SN_EXPECT_MSG(&fx.diag, "%s:5:1: duplicate distance for zone 'LY-Z2' and "
                  "school 'LY-P1' (first on line 4)", p);
    SN_EXPECT_MSG(&fx.diag, "%s:6:7: unknown school: not in schools.csv "
                  "(got 'ZZ')", p);
    done(&fx);
}

Test(io_read, rejects_bad_curriculum)
{
    fixture fx;
    expect_fail(&fx, "curriculum.csv",
        "stage,grade,subject,periods\n"
        "primary,1,chinese,8\n"
        "primary,8,maths,4\n"
        "primary,1,chinese,7\n"
        "senior,1,art,1\n"
        "junior,9,pe,61\n");
    const char *p = file(&fx, "curriculum.csv");
    SN_EXPECT_MSG(&fx.diag, "%s:3:9: grade 8 is not a primary grade (1-6) "
                  "(got '8')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:4:11: duplicate subject for grade 1 (first "
                  "on line 2) (got 'chinese')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:5:1: stage must be one of primary, junior "
                  "(got 'senior')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:6:13: periods must be a whole number from 0 "
                  "to 60 (got '61')", p);
    done(&fx);
}

Test(io_read, rejects_bad_teachers)
{
    fixture fx;
    expect_fail(&fx, "teachers.csv",
        "id,school,subjects,title,max_periods\n"
        "T1,LY-P1,maths;art,,\n"
        "T2,NOPE,maths,,\n"
        "T3,LY-P1,maths;,professor,0\n");
    const char *p = file(&fx, "teachers.csv");
    SN_EXPECT_MSG(&fx.diag, "%s:2:10: unknown subject 'art': not in "
                  "curriculum.csv (got 'maths;art')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:3:4: unknown school: not in schools.csv "
                  "(got 'NOPE')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:4:10: empty subject name in the list "
                  "(got 'maths;')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:4:17: title must be one of junior, "
                  "intermediate, senior (got 'professor')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:4:27: max_periods must be a whole number "
                  "from 1 to 60 (got '0')", p);
    done(&fx);
}

Test(io_read, teachers_need_curriculum)
{
    fixture fx;
    setup_tiny(&fx);
    remove(file(&fx, "curriculum.csv"));
    cr_assert_eq(run(&fx), SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s: missing: teachers.csv needs curriculum.csv "
                  "for its subjects", file(&fx, "curriculum.csv"));
    done(&fx);
}

Test(io_read, rejects_mixed_coordinate_kinds)
{
    fixture fx;
    expect_fail(&fx, "zones.csv", "id,county,lat,lon\nQ,临猗县,35.1,110.2\n");
    SN_EXPECT_MSG(&fx.diag, "%s/zones.csv:2:7: this data set mixes lat,lon "
                  "with x_km,y_km coordinates (%s/schools.csv line 2 uses "
                  "x_km,y_km): use one kind (got '35.1')", fx.dir, fx.dir);
    done(&fx);
}

Test(io_read, reports_errors_of_several_files_at_once)
{
    fixture fx;
    setup_tiny(&fx);
    put(&fx, "births.csv", "year,zone,births\n2014,LY-Z1,many\n");
    put(&fx, "teachers.csv", "id,school,subjects\nT1,LY-P1,latin\n");
    cr_assert_eq(run(&fx), SN_EINPUT);
    cr_assert_eq(fx.diag.errors, 2);
    done(&fx);
}

Test(io_read, warns_about_ignored_ready_year)
{
    fixture fx;
    setup_tiny(&fx);
    put(&fx, "schools.csv", "id,county,stage,classrooms,ready_year\n"
                            "LY-P1,临猗县,primary,6,2020\n"
                            "LY-J1,临猗县,junior,6,\n"
                            "LY-P2,临猗县,primary,6,\n"
                            "WR-P1,万荣县,primary,6,\n"
                            "WR-N1,万荣县,nine_year,6,\n"
                            "LY-N1,临猗县,nine_year,6,\n");
    remove(file(&fx, "teachers.csv"));
    cr_assert_eq(run(&fx), 0);
    SN_EXPECT_MSG(&fx.diag, "%s:2:21: warning: ready_year is ignored for "
                  "open schools (got '2020')", file(&fx, "schools.csv"));
    done(&fx);
}

Test(io_read, rejects_a_65th_subject)
{
    char text[8192] = "stage,grade,subject,periods\n";
    for (int i = 0; i <= SN_MAX_SUBJECTS; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text),
                 "primary,1,s%d,1\n", i);
    fixture fx;
    setup_tiny(&fx);
    put(&fx, "curriculum.csv", text);
    remove(file(&fx, "teachers.csv"));
    cr_assert_eq(run(&fx), SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:66:11: too many subjects (at most 64) "
                  "(got 's64')", file(&fx, "curriculum.csv"));
    cr_assert_eq(fx.diag.errors, 1);
    done(&fx);
}
