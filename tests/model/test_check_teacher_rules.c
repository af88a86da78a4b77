/* test_check_teacher_rules.c - each teacher checker rule of issue 11
 * (redeployment, quota, rotation memory and coverage, exchanges, who may
 * walk, home first, the week, km against days, the spare rule with days,
 * the state chain, the summary) caught when a solved plan is broken in
 * exactly that one way. */
#include <criterion/criterion.h>
#include <string.h>

#include "model/check_teachers.h"
#include "solver/teachers.h"
#include "tests/solver/teachers_fixture.h"

#define CHI 1ULL
#define MUS 2ULL

typedef struct fx {
    sn_network *net;
    sn_plan *plan;
    sn_staffing *st;
    sn_teacher_files *f;
} fx;

static void solve(fx *x)
{
    sn_error err = {0, ""};
    sn_teachers_opts o = SN_TEACHERS_OPTS_INIT;
    o.time_limit = 10;
    cr_assert_eq(sn_teachers_solve(&x->st, x->net, x->plan, &o, &err), 0,
                 "%s", err.msg);
    x->f = tt_files(x->st, x->net);
}

static void done(fx *x)
{
    sn_teacher_files_free(x->f);
    sn_staffing_free(x->st);
    sn_plan_free(x->plan);
    sn_network_free(x->net);
}

/* The violations of x->f; logs them; returns how many contain `what`
 * (all of them when what is NULL). */
static size_t caught(fx *x, const char *what)
{
    sn_check_report rep;
    sn_check_report_init(&rep);
    sn_error err = {0, ""};
    cr_assert_eq(sn_teachers_check(&rep, x->net, x->plan, x->f, &err), 0);
    size_t n = 0;
    for (size_t i = 0; i < rep.nviolations; i++) {
        cr_log_info("%s", rep.violations[i]);
        n += !what || strstr(rep.violations[i], what) != NULL;
    }
    sn_check_report_dispose(&rep);
    return n;
}

/* A (town, over its quota of 4 with five teachers), B, E (0, 4) and D
 * (0, 30) open, C closed.  C's music teacher CM goes to B (no music) and
 * its chinese teacher CC to D (no chinese, 4 classes); A gives one
 * chinese teacher as surplus to D; M, A's music teacher, walks to E for
 * its two music periods. */
static void redeploy_fx(fx *x)
{
    sn_network *net = x->net = tt_new();
    int a = tiny_school(net, "A", 0, 0, 1, 6, 6);
    tiny_school(net, "B", 3, 0, 1, 6, 6);
    tiny_school(net, "C", 6, 0, 1, 6, 6);
    tiny_school(net, "D", 0, 30, 1, 6, 6);
    tiny_school(net, "E", 0, 4, 1, 6, 6);
    net->schools[a].urban = 1;
    tiny_finish(net);
    for (int i = 0; i < 4; i++) {
        char id[16];
        snprintf(id, sizeof id, "A%d", i);
        tt_teacher(net, id, 0, CHI, 16, 0);
    }
    tt_teacher(net, "M", 0, MUS, 16, 0);
    tt_teacher(net, "B1", 1, CHI, 16, 0);
    tt_teacher(net, "CM", 2, MUS, 16, 0);
    tt_teacher(net, "CC", 2, CHI, 16, 0);
    tt_teacher(net, "D1", 3, MUS, 16, 0);
    tt_teacher(net, "E1", 4, CHI, 16, 0);
    x->plan = tt_plan(net, 2, 40);     /* required 4 (2 x 1.7, rounded up) */
    x->plan->schools[2].state = SN_SCHOOL_CLOSED;
    x->plan->schools[2].classes[1] = x->plan->schools[2].students[1] = 0;
    x->plan->schools[3].classes[1] = 4;
    x->plan->schools[3].students[1] = 80;
    x->plan->schools[4].classes[1] = 1;
    x->plan->schools[4].students[1] = 20;
    solve(x);
}

static size_t find_redeploy(const fx *x, int reason)
{
    for (size_t i = 0; i < x->f->nredeploys; i++)
        if (x->f->redeploys[i].reason == reason)
            return i;
    cr_assert_fail("no redeploy row of reason %d", reason);
    return 0;
}

Test(check_teacher_rules, fixture_holds_and_uses_every_part)
{
    fx x;
    redeploy_fx(&x);
    cr_expect_eq(caught(&x, NULL), 0);
    find_redeploy(&x, SN_REDEPLOY_CLOSED);
    find_redeploy(&x, SN_REDEPLOY_SURPLUS);
    cr_expect_gt(x.f->ndays, 0, "somebody walks");
    done(&x);
}

Test(check_teacher_rules, teacher_left_at_a_closed_school)
{
    fx x;
    redeploy_fx(&x);
    size_t i = find_redeploy(&x, SN_REDEPLOY_CLOSED);
    x.f->redeploys[i] = x.f->redeploys[--x.f->nredeploys];
    cr_expect_geq(caught(&x, "which the plan closes"), 1);
    done(&x);
}

Test(check_teacher_rules, redeploy_reason_must_match_the_school)
{
    fx x;
    redeploy_fx(&x);
    x.f->redeploys[find_redeploy(&x, SN_REDEPLOY_CLOSED)].reason =
        SN_REDEPLOY_SURPLUS;
    cr_expect_geq(caught(&x, "with reason surplus, but the school is not "
                             "open"), 1);
    done(&x);
}

Test(check_teacher_rules, redeploy_subject_must_be_taught_and_qualified)
{
    fx x;
    redeploy_fx(&x);
    sn_tf_redeploy *r = &x.f->redeploys[find_redeploy(&x, SN_REDEPLOY_CLOSED)];
    r->subject = 1 - r->subject; /* the other subject: not qualified */
    cr_expect_eq(caught(&x, "not qualified or not taught there"), 1);
    done(&x);
}

Test(check_teacher_rules, surplus_only_to_a_school_lacking_the_subject)
{
    fx x;
    redeploy_fx(&x);
    sn_tf_redeploy *r = &x.f->redeploys[find_redeploy(&x, SN_REDEPLOY_SURPLUS)];
    r->subject = 1; /* music: D has its own music teacher */
    cr_expect_geq(caught(&x, "where the school's own teachers could cover"),
                  1);
    done(&x);
}

Test(check_teacher_rules, surplus_only_from_an_over_staffed_school)
{
    fx x;
    redeploy_fx(&x);
    /* with a county quota of 40 every school has room: A is not over */
    cr_assert_geq(sn_scenario_set_quota(&x.net->sc, "C", 40, "s.ini", 3, 1),
                  0);
    cr_expect_geq(caught(&x, "surplus teachers, it has"), 1);
    done(&x);
}

Test(check_teacher_rules, over_quota_placement_while_a_post_is_left)
{
    fx x;
    redeploy_fx(&x);
    x.f->redeploys[find_redeploy(&x, SN_REDEPLOY_CLOSED)].reason =
        SN_REDEPLOY_CLOSED_OVER;
    cr_expect_eq(caught(&x, "beyond its quota while a school"), 1);
    done(&x);
}

Test(check_teacher_rules, staffing_quota_and_after_columns)
{
    fx x;
    redeploy_fx(&x);
    x.f->staff[0].quota++;
    cr_expect_eq(caught(&x, "quota"), 1);
    sn_teacher_files_free(x.f);
    x.f = tt_files(x.st, x.net);
    x.f->staff[0].shortage++;
    cr_expect_eq(caught(&x, "after redeployment and rotation"), 1);
    done(&x);
}

Test(check_teacher_rules, summary_redeployed_and_hires)
{
    fx x;
    redeploy_fx(&x);
    x.f->redeployed += 1;
    cr_expect_eq(caught(&x, "teachers.movers"), 1);
    sn_teacher_files_free(x.f);
    x.f = tt_files(x.st, x.net);
    x.f->county[0].hires += 1;
    cr_expect_eq(caught(&x, "hires"), 1);
    done(&x);
}

/* ---- who walks, home first, the week ----------------------------------- */

static size_t away_row(const fx *x)
{
    for (size_t i = 0; i < x->f->nrows; i++)
        if (x->f->rows[i].school != x->f->rows[i].home)
            return i;
    cr_assert_fail("nobody walks");
    return 0;
}

Test(check_teacher_rules, only_shortage_subjects_or_itinerant_teachers_walk)
{
    fx x;
    redeploy_fx(&x);
    sn_tf_row *r = &x.f->rows[away_row(&x)];
    x.net->teachers[r->teacher].subjects |= CHI;
    r->subject = 0; /* chinese away, teacher not marked itinerant */
    cr_expect_geq(caught(&x, "only a shortage subject, or a teacher marked "
                             "itinerant"), 1);
    done(&x);
}

Test(check_teacher_rules, home_first)
{
    fx x;
    redeploy_fx(&x);
    sn_tf_row *r = &x.f->rows[away_row(&x)];
    int t = r->teacher;
    for (size_t i = 0; i < x.f->nrows; i++) /* one home period less */
        if (x.f->rows[i].teacher == t && x.f->rows[i].school == r->home) {
            x.f->rows[i].periods--;
            x.f->shorts[x.f->nshorts++] = (sn_tf_short){
                r->home, x.f->rows[i].subject, 1, 1};
            x.f->periods_uncovered += 1;
        }
    cr_expect_geq(caught(&x, "teaches away from home while"), 1);
    done(&x);
}

static size_t day_of(const fx *x, int school_away)
{
    for (size_t i = 0; i < x->f->ndays; i++) {
        const sn_tf_day *d = &x->f->days[i];
        int home = x->st->home[d->teacher];
        if ((d->school != home) == school_away)
            return i;
    }
    cr_assert_fail("no such day");
    return 0;
}

Test(check_teacher_rules, one_school_a_day)
{
    fx x;
    redeploy_fx(&x);
    size_t a = day_of(&x, 1), h = day_of(&x, 0);
    x.f->days[a].day = x.f->days[h].day; /* away on a home day */
    cr_expect_geq(caught(&x, "(one school a day)"), 1);
    done(&x);
}

Test(check_teacher_rules, a_class_has_its_subject_once_a_day)
{
    fx x;
    redeploy_fx(&x);
    size_t a = day_of(&x, 1);
    int day = x.f->days[a].day;
    for (size_t i = 0; i < x.f->ndays; i++) /* merge two days at B */
        if (i != a && x.f->days[i].school == x.f->days[a].school) {
            x.f->days[a].periods += x.f->days[i].periods;
            x.f->days[i] = x.f->days[--x.f->ndays];
            break;
        }
    cr_expect_eq(x.f->days[a].day, day);
    cr_expect_geq(caught(&x, "whose classes have"), 1);
    done(&x);
}

Test(check_teacher_rules, week_matches_teachers_csv)
{
    fx x;
    redeploy_fx(&x);
    x.f->days[day_of(&x, 0)].periods += 1;
    cr_expect_geq(caught(&x, "in the week, teachers.csv"), 1);
    done(&x);
}

Test(check_teacher_rules, km_counts_the_days_there)
{
    fx x;
    redeploy_fx(&x);
    x.f->rows[away_row(&x)].km_per_week /= 2; /* one day, not two */
    cr_expect_geq(caught(&x, "km_per_week"), 1);
    done(&x);
}

Test(check_teacher_rules, a_teacher_who_stays_has_no_week)
{
    fx x;
    redeploy_fx(&x);
    sn_tf_day d = {0, 0, 0, 0, 4}; /* A0 never walks */
    x.f->days[x.f->ndays++] = d;
    cr_expect_eq(caught(&x, "does not walk but has"), 1);
    done(&x);
}

Test(check_teacher_rules, spare_capacity_within_the_week)
{
    fx x;
    redeploy_fx(&x);
    size_t i = away_row(&x);
    int t = x.f->rows[i].teacher, s = x.f->rows[i].school;
    int j = x.f->rows[i].subject, p = x.f->rows[i].periods;
    x.f->rows[i] = x.f->rows[--x.f->nrows]; /* drop the walk */
    for (size_t k = 0; k < x.f->ndays; k++)
        if (x.f->days[k].teacher == t && x.f->days[k].school == s)
            x.f->days[k--] = x.f->days[--x.f->ndays];
    x.f->shorts[x.f->nshorts++] = (sn_tf_short){s, j, p, 1};
    x.f->periods_uncovered += p;
    cr_expect_geq(caught(&x, "spare periods and may teach them"), 1);
    done(&x);
}

/* ---- rotation: memory, coverage, exchanges ----------------------------- */

/* Town A (full): strong M (chinese, music) and M2 (music); rural B (full):
 * B1 (chinese), B2 (music).  M and B1 are exchanged. */
static void exchange_fx(fx *x)
{
    sn_network *net = x->net = tt_new();
    int a = tiny_school(net, "A", 0, 0, 1, 6, 6);
    tiny_school(net, "B", 5, 0, 1, 6, 6);
    net->schools[a].urban = 1;
    tiny_finish(net);
    net->sc.rotation_rate = 1.0;
    net->sc.rotation_min_years = 2;
    int m = tt_teacher(net, "M", 0, CHI | MUS, 16, 0);
    net->teachers[m].excellent = 1;
    net->teachers[m].years_at_school = 9;
    tt_teacher(net, "M2", 0, MUS, 16, 0);
    int b = tt_teacher(net, "B1", 1, CHI, 16, 0);
    net->teachers[b].years_at_school = 9;
    tt_teacher(net, "B2", 1, MUS, 16, 0);
    x->plan = tt_plan(net, 1, 20);
    solve(x);
    cr_assert_eq(x->f->nmoves, 2);
}

Test(check_teacher_rules, rotation_memory)
{
    fx x;
    exchange_fx(&x);
    cr_expect_eq(caught(&x, NULL), 0);
    x.f->has_state = 1; /* M rotated last year: not eligible again */
    for (int t = 0; t < x.net->nteachers; t++) {
        x.f->state_seen[t] = 1;
        x.f->state_home[t] = x.net->teachers[t].school;
        x.f->state_years[t] = x.net->teachers[t].years_at_school;
    }
    x.f->state_last[0] = 2019;
    cr_expect_geq(caught(&x, "is not eligible"), 1);
    done(&x);
}

Test(check_teacher_rules, state_follows_the_input_in_the_first_year)
{
    fx x;
    exchange_fx(&x);
    x.f->has_state = 1;
    for (int t = 0; t < x.net->nteachers; t++) {
        x.f->state_seen[t] = 1;
        x.f->state_home[t] = x.net->teachers[t].school;
        x.f->state_years[t] = x.net->teachers[t].years_at_school;
    }
    cr_expect_eq(caught(&x, NULL), 0);
    x.f->state_years[3] += 1;
    cr_expect_eq(caught(&x, "teacher_state.csv"), 1);
    done(&x);
}

Test(check_teacher_rules, rotation_keeps_coverage)
{
    fx x;
    exchange_fx(&x);
    /* M2 teaches one period a week: M's exchange leaves A short of music
     * (M2's row is then over its capacity too) */
    x.net->teachers[1].max_periods = 1;
    cr_expect_geq(caught(&x, "loses the coverage of music"), 1);
    done(&x);
}

Test(check_teacher_rules, exchanges_pair_up)
{
    fx x;
    exchange_fx(&x);
    x.f->moves[1].exchange = 0;
    cr_expect_geq(caught(&x, "exchanges go there"), 1);
    done(&x);
}

Test(check_teacher_rules, allowance_by_distance_from_the_seat)
{
    fx x;
    redeploy_fx(&x);
    free(x.net->sc.poverty_counties);
    x.net->sc.poverty_counties = strdup("C");
    /* B is 3 km from the seat A: 100 + 400 x 3 / 30 = 140 a month; E 4 km:
     * 153.3, rounded to 153; D 30 km: 500; 12 months, for the teachers
     * there after redeployment */
    cr_expect_geq(caught(&x, "allowance"), 1);
    int nb = 0;
    for (int t = 0; t < x.net->nteachers; t++)
        nb += x.st->home[t] == 1;
    double want = 0;
    for (int t = 0; t < x.net->nteachers; t++) {
        int s = x.st->home[t];
        want += s == 1 ? 140 * 12 : s == 4 ? 153 * 12 : s == 3 ? 500 * 12 : 0;
    }
    cr_expect_gt(nb, 0);
    x.f->county[0].allowance = want;
    x.f->allowance = want;
    cr_expect_eq(caught(&x, NULL), 0, "D is 30 km away: the full 500");
    done(&x);
}
