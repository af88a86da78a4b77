/* test_generate.c - the synthetic generator and the network writer.
 *
 * Determinism is tested on bytes (write twice, compare files); realism and
 * solvability on the in-memory network with the scenario defaults: walking
 * 3 km primary / 5 km junior, boarding 30 km, hard cap 56.  The round trip
 * reads a written folder back with io/read_network.h and writes it again:
 * the files must not change.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/read_network.h"
#include "io/write_network.h"
#include "gen/generate.h"
#include "tests/io/helpers.h"

static const char *const files[] = {
    "schools.csv", "zones.csv", "enrollment.csv", "births.csv",
    "distances.csv", "teachers.csv", "curriculum.csv", "scenario.ini"};
#define NFILES (sizeof files / sizeof *files)

static sn_network *make(const sn_generate_opts *o)
{
    sn_network *net = NULL;
    sn_error err = {0, ""};
    int rc = sn_generate(&net, o, &err);
    cr_assert_eq(rc, 0, "sn_generate: %d %s", rc, err.msg);
    cr_assert_not_null(net);
    return net;
}

static sn_network *make_default(unsigned long long seed)
{
    sn_generate_opts o = SN_GENERATE_OPTS_INIT;
    o.seed = seed;
    return make(&o);
}

static char *write_tmp(const sn_network *net)
{
    char *dir = sn_test_tmpdir();
    cr_assert_not_null(dir);
    sn_error err = {0, ""};
    int rc = sn_network_write(net, dir, &err);
    cr_assert_eq(rc, 0, "sn_network_write: %d %s", rc, err.msg);
    return dir;
}

static char *slurp(const char *dir, const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* Number of files of the set that differ between two folders. */
static int differing(const char *a, const char *b)
{
    int n = 0;
    for (size_t i = 0; i < NFILES; i++) {
        size_t la, lb;
        char *x = slurp(a, files[i], &la), *y = slurp(b, files[i], &lb);
        if (la != lb || memcmp(x, y, la) != 0) {
            cr_log_info("%s differs", files[i]);
            n++;
        }
        free(x);
        free(y);
    }
    return n;
}

/* Pupils of year y designated to school s (all grades it teaches). */
static int designated(const sn_network *net, int y, int s)
{
    int n = 0;
    for (int z = 0; z < net->nzones; z++)
        for (int g = 1; g <= SN_GRADES; g++) {
            int d = g <= 6 ? net->zones[z].primary_school
                           : net->zones[z].junior_school;
            if (d == s)
                n += sn_network_students(net, y, z, g);
        }
    return n;
}

static double walk(const sn_network *net, int g)
{
    return g <= 6 ? net->sc.max_km_primary : net->sc.max_km_junior;
}

static int is_point(const sn_school *s)
{
    return s->stage == SN_PRIMARY && s->grade_hi < 6;
}

Test(model_generate, same_seed_same_bytes)
{
    sn_network *a = make_default(2017), *b = make_default(2017);
    char *da = write_tmp(a), *db = write_tmp(b);
    cr_expect_eq(differing(da, db), 0);
    sn_test_rmdir(da);
    sn_test_rmdir(db);
    sn_network_free(a);
    sn_network_free(b);
}

Test(model_generate, different_seed_differs)
{
    sn_network *a = make_default(2017), *b = make_default(2018);
    char *da = write_tmp(a), *db = write_tmp(b);
    /* curriculum.csv is the national plan: the same for every seed */
    cr_expect_geq(differing(da, db), (int)NFILES - 1);
    sn_test_rmdir(da);
    sn_test_rmdir(db);
    sn_network_free(a);
    sn_network_free(b);
}

Test(model_generate, sizes_follow_the_options)
{
    sn_generate_opts o = SN_GENERATE_OPTS_INIT;
    o.schools = 37;
    o.zones = 211;
    o.years = 7;
    o.last_year = 2018;
    o.plan_year = 2021;
    o.seed = 99;
    sn_network *net = make(&o);
    cr_expect_eq(net->ncounties, 1);
    cr_expect_str_eq(net->counties[0], "Yanhu");
    cr_expect_eq(net->nschools, 37);
    cr_expect_eq(net->nzones, 211);
    cr_expect_eq(net->year_lo, 2012);
    cr_expect_eq(net->year_hi, 2018);
    cr_expect_eq(net->sc.year, 2021);
    cr_expect_str_eq(net->sc.name, "synthetic Yanhu seed 99");
    sn_network_free(net);
}

Test(model_generate, history_and_births_cover_every_cohort)
{
    sn_network *net = make_default(7);
    cr_expect_geq(net->year_hi - net->year_lo + 1, 6);
    /* the grade-9 cohort of the first year was born 14 years before it */
    cr_expect_leq(net->births_lo, net->year_lo - 14);
    cr_expect_eq(net->births_hi, net->year_hi);
    for (int y = net->year_lo; y <= net->year_hi; y++) {
        long g1 = 0, local = 0, born = 0;
        for (int z = 0; z < net->nzones; z++) {
            g1 += sn_network_students(net, y, z, 1);
            local += sn_network_students(net, y, z, 1) -
                     sn_network_migrants(net, y, z, 1);
            born += sn_network_births(net, y - 6, z);
        }
        /* local entrants ~ births six years before; migrants come on top */
        cr_expect(local > 0.93 * born && local < 1.07 * born,
                  "%d: %ld local entrants for %ld births", y, local, born);
        cr_expect(g1 > local, "%d: migrants expected in town", y);
    }
    sn_network_free(net);
}

Test(model_generate, town_classes_are_over_subscribed)
{
    sn_network *net = make_default(7);
    int town = 0;
    for (int s = 0; s < net->nschools; s++) {
        const sn_school *ss = &net->schools[s];
        if (!ss->urban || ss->status != SN_OPEN || ss->is_private)
            continue;
        double mean = (double)designated(net, net->year_hi, s) / ss->classrooms;
        cr_expect(mean >= 60 && mean <= 75, "%s: %.1f pupils a classroom",
                  ss->id, mean);
        town++;
    }
    cr_expect_geq(town, 4);
    sn_network_free(net);
}

Test(model_generate, has_teaching_points_remote_schools_and_candidates)
{
    sn_network *net = make_default(7);
    int points = 0, remote = 0, candidates = 0, priv = 0, beds = 0;
    for (int s = 0; s < net->nschools; s++) {
        const sn_school *ss = &net->schools[s];
        if (is_point(ss)) {
            points++;
            cr_expect(ss->grade_lo == 1 && ss->grade_hi >= 3 &&
                      ss->grade_hi <= 4);
            cr_expect_eq(ss->classrooms, ss->grade_hi);
        }
        if (ss->remote) {
            remote++;
            cr_expect_not(ss->closable, "%s: remote schools are kept", ss->id);
        }
        if (ss->status == SN_CANDIDATE) {
            candidates++;
            cr_expect(ss->ready_year > net->year_hi &&
                      ss->ready_year <= net->sc.year);
            cr_expect(ss->build_cost >= 30e6 && ss->build_cost <= 80e6);
            cr_expect_gt(ss->classrooms, 0);
        } else {
            cr_expect_eq(ss->ready_year, 0);
        }
        if (ss->is_private) {
            priv++;
            cr_expect_eq(ss->classrooms, -1);
            cr_expect_gt(ss->seats, 0);
            cr_expect_gt(ss->seat_price, 0);
        } else {
            cr_expect_eq(ss->seats, -1);
            cr_expect(ss->classroom_cost >= 0.4e6 && ss->classroom_cost <= 0.8e6);
            cr_expect_gt(ss->annual_cost, 0);
        }
        beds += ss->boarding_beds > 0 && !ss->urban;
    }
    cr_expect_geq(points, 3);
    cr_expect_geq(remote, 1);
    cr_expect_geq(candidates, 2);
    cr_expect_eq(priv, 1);
    cr_expect_geq(beds, 5);
    sn_network_free(net);
}

Test(model_generate, teaching_points_are_small_and_shrinking)
{
    sn_network *net = make_default(7);
    for (int s = 0; s < net->nschools; s++) {
        const sn_school *ss = &net->schools[s];
        if (!is_point(ss))
            continue;
        /* pupils of the grades it teaches living within a walk */
        long first = 0, last = 0;
        for (int z = 0; z < net->nzones; z++) {
            if (sn_network_km(net, z, s) > net->sc.max_km_primary)
                continue;
            for (int g = ss->grade_lo; g <= ss->grade_hi; g++) {
                first += sn_network_students(net, net->year_lo, z, g);
                last += sn_network_students(net, net->year_hi, z, g);
            }
        }
        cr_expect_leq(last, 80, "%s: %ld pupils in reach", ss->id, last);
        cr_expect_leq(last, first, "%s: %ld -> %ld", ss->id, first, last);
    }
    sn_network_free(net);
}

Test(model_generate, rural_schools_lack_specialist_teachers)
{
    sn_network *net = make_default(7);
    static const char *const spec[] = {"music", "art", "pe", "it"};
    for (size_t k = 0; k < 4; k++) {
        int sub = sn_network_find_subject(net, spec[k]);
        cr_assert_geq(sub, 0);
        int rural = 0, rural_has = 0, urban = 0, urban_has = 0;
        for (int s = 0; s < net->nschools; s++) {
            const sn_school *ss = &net->schools[s];
            if (ss->status != SN_OPEN || ss->is_private)
                continue;
            int has = 0;
            for (int t = 0; t < net->nteachers; t++)
                has |= net->teachers[t].school == s &&
                       (net->teachers[t].subjects >> sub & 1);
            if (ss->urban) {
                urban++;
                urban_has += has;
            } else {
                rural++;
                rural_has += has;
            }
        }
        cr_expect_eq(urban_has, urban, "%s: every town school has one",
                     spec[k]);
        cr_expect_lt(2 * rural_has, rural, "%s: %d of %d rural schools",
                     spec[k], rural_has, rural);
    }
    int itinerant = 0, class_teachers = 0;
    for (int t = 0; t < net->nteachers; t++) {
        itinerant += net->teachers[t].itinerant;
        class_teachers += net->teachers[t].class_teacher;
    }
    cr_expect_gt(itinerant, 0);
    cr_expect_gt(class_teachers, 0);
    sn_network_free(net);
}

/* Pupils attending each school in the last history year by stage, as the
 * generator counts them: the nearest open public school teaching the grade
 * within walking distance, else the designated one.  att[s * 10 + g]. */
static int *attending(const sn_network *net)
{
    int *att = calloc((size_t)net->nschools * 10, sizeof *att);
    cr_assert_not_null(att);
    for (int z = 0; z < net->nzones; z++)
        for (int g = 1; g <= SN_GRADES; g++) {
            int s = g <= 6 ? net->zones[z].primary_school
                           : net->zones[z].junior_school;
            double best = walk(net, g);
            for (int q = 0; q < net->nschools; q++) {
                const sn_school *qq = &net->schools[q];
                if (qq->county != net->zones[z].county ||
                    qq->status != SN_OPEN || qq->is_private ||
                    !sn_school_teaches(qq, g))
                    continue;
                double km = sn_network_km(net, z, q);
                if (km >= 0 && km < best) {
                    best = km;
                    s = q;
                }
            }
            att[s * 10 + g] += sn_network_students(net, net->year_hi, z, g);
        }
    return att;
}

/* Staffing norm of docs/teachers.md on the last history year: by ratio,
 * and (small schools) by class; *by_ratio gets the ratio part alone. */
static double norm(const sn_network *net, const int *att, int s,
                   double *by_ratio)
{
    const sn_scenario *sc = &net->sc;
    double need = 0, byclass = 0;
    int pupils = 0;
    for (int g = 1; g <= SN_GRADES; g++) {
        int a = att[s * 10 + g];
        pupils += a;
        need += a / (g <= 6 ? sc->ratio_primary : sc->ratio_junior);
        int cls = (a + sn_scenario_standard(sc, g) - 1) /
                  sn_scenario_standard(sc, g);
        byclass += cls * (g <= 6 ? sc->class_ratio_primary
                                 : sc->class_ratio_junior);
    }
    *by_ratio = need;
    return pupils < sc->small_school_pupils && byclass > need ? byclass : need;
}

/* Teachers per county are near the norm; the town is short, rural schools
 * are over by ratio; subjects follow the periods; walking teachers are
 * few. */
static void expect_staffing(const sn_network *net)
{
    int *att = attending(net);
    int *staff = calloc((size_t)net->nschools, sizeof *staff);
    cr_assert_not_null(staff);
    for (int t = 0; t < net->nteachers; t++)
        staff[net->teachers[t].school]++;
    double town_n = 0, town_req = 0, rural_n = 0, rural_ratio = 0;
    for (int c = 0; c < net->ncounties; c++) {
        double n = 0, req = 0;
        for (int s = 0; s < net->nschools; s++) {
            const sn_school *ss = &net->schools[s];
            if (ss->county != c || ss->status != SN_OPEN || ss->is_private)
                continue;
            double r, q = ceil(norm(net, att, s, &r) - 1e-9);
            n += staff[s];
            req += q;
            if (ss->urban) {
                town_n += staff[s];
                town_req += q;
            } else if (!is_point(ss)) {
                rural_n += staff[s];
                rural_ratio += r;
            }
        }
        cr_log_info("%s: %.0f teachers, norm %.0f (%.3f)", net->counties[c],
                    n, req, n / req);
        cr_expect(n >= 0.95 * req && n <= 1.05 * req,
                  "%s: %.0f teachers for a norm of %.0f", net->counties[c], n,
                  req);
    }
    cr_log_info("town %.3f of the norm, rural %.3f of the ratio",
                town_n / town_req, rural_n / rural_ratio);
    cr_expect(town_n >= 0.85 * town_req && town_n <= 0.95 * town_req,
              "town: %.0f teachers for %.0f", town_n, town_req);
    cr_expect(rural_n >= 1.05 * rural_ratio && rural_n <= 1.6 * rural_ratio,
              "rural: %.0f teachers for %.1f by ratio", rural_n, rural_ratio);
    free(staff);
    free(att);
}

Test(model_generate, staff_is_near_the_norm_town_short_rural_over)
{
    sn_network *net = make_default(7);
    expect_staffing(net);
    sn_network_free(net);
    sn_generate_opts o = SN_GENERATE_OPTS_INIT;
    o.counties = 3;
    o.schools = 90;
    o.zones = 360;
    o.seed = 2385;
    net = make(&o);
    expect_staffing(net);
    sn_network_free(net);
}

Test(model_generate, subjects_follow_the_periods_and_few_teachers_walk)
{
    sn_network *net = make_default(2017);
    const int *cur = net->curriculum;
    int chi = sn_network_find_subject(net, "chinese");
    int math = sn_network_find_subject(net, "math");
    int music = sn_network_find_subject(net, "music");
    cr_assert(chi >= 0 && math >= 0 && music >= 0);
    /* town primaries: Chinese teachers / maths teachers ~ their periods,
     * the class teachers' duty counted with Chinese */
    double t_chi = 0, t_math = 0, p_chi = 0, p_math = 0;
    for (int g = 1; g <= 6; g++) {
        p_chi += cur[g * SN_MAX_SUBJECTS + chi];
        p_math += cur[g * SN_MAX_SUBJECTS + math];
    }
    int spec_rural = 0, spec_walk = 0, main_walk = 0;
    for (int t = 0; t < net->nteachers; t++) {
        const sn_teacher *tt = &net->teachers[t];
        const sn_school *ss = &net->schools[tt->school];
        unsigned long long spec = 0;
        static const char *const names[] = {"music", "art", "pe", "it"};
        for (int k = 0; k < 4; k++)
            spec |= 1ULL << sn_network_find_subject(net, names[k]);
        if (ss->urban && ss->stage == SN_PRIMARY) {
            /* main subject: Chinese teachers may add morality, maths
             * teachers science; a maths-only mask is a maths teacher */
            t_chi += (tt->subjects >> chi & 1) && !(tt->subjects >> math & 1);
            t_math += (tt->subjects >> math & 1) && !(tt->subjects >> chi & 1);
        }
        if (!ss->urban && (tt->subjects & spec)) {
            spec_rural++;
            spec_walk += tt->itinerant;
        } else if (!ss->urban) {
            main_walk += tt->itinerant;
        }
    }
    cr_log_info("town primaries: %.0f Chinese, %.0f maths teachers; "
                "rural specialists %d, %d walk; %d others walk",
                t_chi, t_math, spec_rural, spec_walk, main_walk);
    /* per class: Chinese periods plus the class teacher's half load */
    double ratio = (t_chi / t_math) /
                   ((p_chi + 6 * (net->sc.standard_periods / 2)) / p_math);
    cr_expect(ratio > 0.8 && ratio < 1.25, "Chinese/maths %.2f of periods",
              ratio);
    cr_expect(spec_walk * 100 >= 2 * spec_rural &&
              spec_walk * 100 <= 20 * spec_rural,
              "%d of %d rural specialists walk", spec_walk, spec_rural);
    cr_expect_gt(main_walk, 0);
    sn_network_free(net);
}

Test(model_generate, curriculum_follows_the_national_plan)
{
    sn_network *net = make_default(7);
    for (int g = 1; g <= SN_GRADES; g++) {
        int sum = 0;
        for (int s = 0; s < net->nsubjects; s++)
            sum += net->curriculum[g * SN_MAX_SUBJECTS + s];
        cr_expect_eq(sum, g <= 2 ? 26 : g <= 6 ? 30 : 34, "grade %d", g);
    }
    sn_network_free(net);
}

/* Every zone reaches, for every grade, an open public school teaching it on
 * foot or one with beds within boarding distance; its designated schools
 * teach the whole stage and are such schools. */
static void expect_reach(const sn_network *net)
{
    const sn_scenario *sc = &net->sc;
    for (int z = 0; z < net->nzones; z++) {
        for (int g = 1; g <= SN_GRADES; g++) {
            int ok = 0;
            for (int s = 0; s < net->nschools && !ok; s++) {
                const sn_school *ss = &net->schools[s];
                if (ss->county != net->zones[z].county ||
                    ss->status != SN_OPEN || ss->is_private ||
                    !sn_school_teaches(ss, g))
                    continue;
                double km = sn_network_km(net, z, s);
                ok = km >= 0 && (km <= walk(net, g) ||
                                 (ss->boarding_beds > 0 &&
                                  km <= sc->boarding_max_km));
            }
            cr_expect(ok, "%s grade %d: no school in reach",
                      net->zones[z].id, g);
        }
        for (int st = 0; st < 2; st++) {
            int s = st ? net->zones[z].junior_school
                       : net->zones[z].primary_school;
            int lo = st ? 7 : 1, hi = st ? 9 : 6;
            cr_assert_geq(s, 0);
            const sn_school *ss = &net->schools[s];
            double km = sn_network_km(net, z, s);
            cr_expect(ss->status == SN_OPEN && !ss->is_private &&
                      ss->grade_lo <= lo && ss->grade_hi >= hi);
            cr_expect(km <= walk(net, lo) ||
                      (ss->boarding_beds > 0 && km <= sc->boarding_max_km),
                      "%s: designated %s at %.3f km", net->zones[z].id,
                      ss->id, km);
        }
    }
}

Test(model_generate, every_zone_reaches_every_grade)
{
    sn_network *net = make_default(7);
    expect_reach(net);
    sn_network_free(net);
}

/* Designated pupils fit at the hard cap once classrooms are added, and
 * designated boarders fit in the beds, in every history year. */
static void expect_capacity(const sn_network *net)
{
    for (int s = 0; s < net->nschools; s++) {
        const sn_school *ss = &net->schools[s];
        if (ss->status != SN_OPEN || ss->is_private)
            continue;
        for (int y = net->year_lo; y <= net->year_hi; y++) {
            int rooms = ss->classrooms + ss->max_new_classrooms, boarders = 0;
            int classes = 0;
            for (int g = ss->grade_lo; g <= ss->grade_hi; g++) {
                int n = 0;
                for (int z = 0; z < net->nzones; z++) {
                    int d = g <= 6 ? net->zones[z].primary_school
                                   : net->zones[z].junior_school;
                    if (d != s)
                        continue;
                    int k = sn_network_students(net, y, z, g);
                    n += k;
                    if (sn_network_km(net, z, s) > walk(net, g))
                        boarders += k;
                }
                classes += (n + net->sc.hard_cap - 1) / net->sc.hard_cap;
            }
            cr_expect_leq(classes, rooms, "%s %d: %d classes, %d rooms",
                          ss->id, y, classes, rooms);
            cr_expect_leq(boarders, ss->boarding_beds, "%s %d: boarders",
                          ss->id, y);
        }
    }
}

Test(model_generate, designated_pupils_fit_with_new_classrooms)
{
    sn_network *net = make_default(7);
    expect_capacity(net);
    sn_network_free(net);
}

Test(model_generate, small_and_odd_sizes_stay_solvable)
{
    static const int sizes[][2] = {{8, 20}, {13, 40}, {150, 700}};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        sn_generate_opts o = SN_GENERATE_OPTS_INIT;
        o.schools = sizes[i][0];
        o.zones = sizes[i][1];
        o.seed = 31 + i;
        sn_network *net = make(&o);
        cr_expect_eq(net->nschools, sizes[i][0]);
        cr_expect_eq(net->nzones, sizes[i][1]);
        expect_reach(net);
        expect_capacity(net);
        sn_network_free(net);
    }
}

Test(model_generate, city_counties_vary_in_size_and_stay_apart)
{
    sn_generate_opts o = SN_GENERATE_OPTS_INIT;
    o.counties = 13;
    o.schools = 20;
    o.zones = 80;
    sn_network *net = make(&o);
    cr_assert_eq(net->ncounties, 13);
    cr_expect_str_eq(net->counties[0], "Yanhu");
    cr_expect_str_eq(net->counties[12], "Ruicheng");
    int n[13] = {0};
    for (int s = 0; s < net->nschools; s++)
        n[net->schools[s].county]++;
    cr_expect_gt(n[0], n[9], "Yanhu %d schools, Yuanqu %d", n[0], n[9]);
    cr_expect(net->nschools > 13 * 20 - 13 && net->nschools < 13 * 20 + 13);
    /* zones of a county are nearer their own county's schools */
    for (int z = 0; z < net->nzones; z += 17) {
        const sn_zone *zz = &net->zones[z];
        int s = zz->primary_school;
        cr_expect_eq(net->schools[s].county, zz->county);
    }
    sn_network_free(net);
}

Test(model_generate, county_names_are_used_and_repeated)
{
    static const char *const names[] = {"Jiangxian", "Hill"};
    sn_generate_opts o = SN_GENERATE_OPTS_INIT;
    o.counties = 3;
    o.schools = 10;
    o.zones = 40;
    o.county_names = names;
    o.ncounty_names = 2;
    o.name = "three";
    sn_network *net = make(&o);
    cr_expect_str_eq(net->counties[0], "Jiangxian");
    cr_expect_str_eq(net->counties[1], "Hill");
    cr_expect_str_eq(net->counties[2], "Jiangxian 2");
    cr_expect_str_eq(net->sc.name, "three");
    sn_network_free(net);
}

static void expect_usage(const sn_generate_opts *o, const char *what)
{
    sn_network dummy;
    sn_network *net = &dummy; /* must be reset to NULL */
    sn_error err = {0, ""};
    cr_expect_eq(sn_generate(&net, o, &err), SN_EUSAGE, "%s", what);
    cr_expect_null(net);
    cr_expect_eq(err.code, SN_EUSAGE);
    cr_expect(strstr(err.msg, what) != NULL, "'%s' not in '%s'", what,
              err.msg);
}

Test(model_generate, rejects_options_out_of_range)
{
    sn_generate_opts o = SN_GENERATE_OPTS_INIT;
    o.counties = 0;
    expect_usage(&o, "counties must be from 1 to 200 (got 0)");
    o.counties = 201;
    expect_usage(&o, "(got 201)");
    o = (sn_generate_opts)SN_GENERATE_OPTS_INIT;
    o.schools = 7;
    expect_usage(&o, "schools per county");
    o = (sn_generate_opts)SN_GENERATE_OPTS_INIT;
    o.zones = 19;
    expect_usage(&o, "zones per county");
    o = (sn_generate_opts)SN_GENERATE_OPTS_INIT;
    o.years = 1;
    expect_usage(&o, "years of history");
    o = (sn_generate_opts)SN_GENERATE_OPTS_INIT;
    o.last_year = 1979;
    o.plan_year = 1980;
    expect_usage(&o, "last history year");
    o = (sn_generate_opts)SN_GENERATE_OPTS_INIT;
    o.plan_year = 2016;
    expect_usage(&o, "plan year");
    o = (sn_generate_opts)SN_GENERATE_OPTS_INIT;
    o.county_names = (const char *const[]){"x"};
    o.ncounty_names = 0;
    expect_usage(&o, "county_names");
    o = (sn_generate_opts)SN_GENERATE_OPTS_INIT;
    o.schools = 400;
    o.zones = 100;
    expect_usage(&o, "zones (got 100)");
}

Test(io_write_network, writes_headers_and_class_or_seat_mode)
{
    sn_network *net = make_default(5);
    char *dir = write_tmp(net);
    size_t n;
    char *s = slurp(dir, "schools.csv", &n);
    cr_expect(strncmp(s, "id,name,county,stage,grades,x_km,y_km,classrooms,"
                         "seats,boarding_beds,status,ready_year,build_cost,"
                         "closable,remote,annual_cost,max_new_classrooms,"
                         "classroom_cost,private,seat_price,urban\n", 176) == 0);
    cr_expect(strstr(s, ",primary,1-3,") || strstr(s, ",primary,1-4,"));
    cr_expect(strstr(s, ",candidate,20") != NULL);
    free(s);
    static const char *const heads[] = {
        "id,name,county,x_km,y_km,primary_school,junior_school\n",
        "year,zone,grade,students,migrant\n", "year,zone,births\n",
        "zone,school,km\n",
        ("id,school,subjects,title,excellent,years_at_school,max_periods,"
         "itinerant,class_teacher\n"),
        "stage,grade,subject,periods\nprimary,1,chinese,8\nprimary,2,chinese,8\n",
        "; schoolnet scenario"};
    for (size_t i = 0; i < sizeof heads / sizeof *heads; i++) {
        char *t = slurp(dir, files[i + 1], &n);
        cr_expect(strncmp(t, heads[i], strlen(heads[i])) == 0, "%s: %.60s",
                  files[i + 1], t);
        free(t);
    }
    char *ini = slurp(dir, "scenario.ini", &n);
    cr_expect(strstr(ini, "data = .\nyear = 2020\n") != NULL);
    cr_expect(strstr(ini, "hard_cap = 56\n") != NULL);
    cr_expect(strstr(ini, "detour_factor = 1.3\n") != NULL);
    cr_expect(strstr(ini, "mip_gap = 0.01\n") != NULL);
    free(ini);
    sn_test_rmdir(dir);
    sn_network_free(net);
}

Test(io_write_network, fails_cleanly_when_the_folder_is_a_file)
{
    sn_network *net = make_default(5);
    char *dir = sn_test_tmpdir();
    char *file = sn_test_write(dir, "plain", "x", (size_t)-1);
    sn_error err = {0, ""};
    int rc = sn_network_write(net, file, &err);
    cr_expect(rc == SN_EIO || rc == SN_EUSAGE, "rc %d", rc);
    cr_expect_neq(err.msg[0], '\0');
    size_t n;
    char *x = slurp(dir, "plain", &n);
    cr_expect_str_eq(x, "x");
    free(x);
    free(file);
    sn_test_rmdir(dir);
    sn_network_free(net);
}

Test(io_write_network, read_back_gives_the_same_network_and_bytes)
{
    sn_network *net = make_default(11);
    char *da = write_tmp(net);
    char ini[4096];
    snprintf(ini, sizeof ini, "%s/scenario.ini", da);
    sn_network *back = NULL;
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    int rc = sn_network_read(&back, ini, &diag, &err);
    if (rc) {
        for (size_t i = 0; i < diag.n; i++)
            cr_log_error("%s", diag.items[i].text);
    }
    cr_assert_eq(rc, 0, "read: %d %s", rc, err.msg);
    cr_expect_eq(diag.warnings, 0);
    cr_expect_eq(back->nschools, net->nschools);
    cr_expect_eq(back->nzones, net->nzones);
    cr_expect_eq(back->nteachers, net->nteachers);
    cr_expect_eq(back->ndistances, net->ndistances);
    cr_expect_eq(back->year_lo, net->year_lo);
    cr_expect_eq(back->year_hi, net->year_hi);
    cr_expect_eq(back->births_lo, net->births_lo);
    cr_expect_eq(back->sc.year, net->sc.year);
    cr_expect_str_eq(back->sc.name, net->sc.name);
    for (int s = 0; s < net->nschools; s++) {
        const sn_school *a = &net->schools[s], *b = &back->schools[s];
        cr_expect_str_eq(a->id, b->id);
        cr_expect_eq(a->grade_lo, b->grade_lo);
        cr_expect_eq(a->grade_hi, b->grade_hi);
        cr_expect_eq(a->classrooms, b->classrooms);
        cr_expect_eq(a->seats, b->seats);
        cr_expect_eq(a->status, b->status);
        cr_expect_eq(a->ready_year, b->ready_year);
        cr_expect(a->x_km == b->x_km && a->y_km == b->y_km);
        cr_expect(a->build_cost == b->build_cost);
    }
    for (int z = 0; z < net->nzones; z++) {
        cr_expect_eq(net->zones[z].primary_school, back->zones[z].primary_school);
        cr_expect_eq(net->zones[z].junior_school, back->zones[z].junior_school);
        for (int s = 0; s < net->nschools; s += 7)
            cr_expect(sn_network_km(net, z, s) == sn_network_km(back, z, s));
        for (int y = net->year_lo; y <= net->year_hi; y++)
            for (int g = 1; g <= SN_GRADES; g++)
                cr_expect_eq(sn_network_students(net, y, z, g),
                             sn_network_students(back, y, z, g));
    }
    char *db = write_tmp(back);
    cr_expect_eq(differing(da, db), 0);
    sn_test_rmdir(da);
    sn_test_rmdir(db);
    sn_diag_dispose(&diag);
    sn_network_free(back);
    sn_network_free(net);
}
