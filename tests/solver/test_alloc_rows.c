/* test_alloc_rows.c - rows of the allocation model whose loss would leave
 * every plan feasible and so pass the checker, tested on the model itself
 * (solver/alloc_model.h) or through a plan that would break a rule:
 *   - the rounding rows (mir_row) make the LP relaxation of the over-size
 *     levels exact, as docs/model.md claims;
 *   - a school that closes adds no classrooms (a <= maxnew * y);
 *   - a candidate the scenario opens spends the capital budget too;
 *   - the seat, bed, max-open and cap rows hold exactly.
 * Each was a mutant that survived the suite (issue 13, tools/mutants.txt).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "model/check.h"
#include "solver/allocate.h"
#include "solver/alloc_model.h"
#include "tiny.h"

static int *demand_of(const sn_network *net)
{
    int *d = calloc((size_t)net->nzones * AM_G, sizeof *d);
    cr_assert_not_null(d);
    for (int z = 0; z < net->nzones; z++)
        for (int g = 1; g <= SN_GRADES; g++)
            d[z * AM_G + g] = sn_network_students(net, 2020, z, g);
    return d;
}

/* The LP relaxation of objective level k, or of "maximise column col"
 * when col > 0, with the columns in fix[] (pairs col, value) fixed. */
static double lp_value(am_model *m, int k, int col, const int *fix, int nfix)
{
    sn_glpk_guard guard;
    sn_glpk_guard_install(&guard);
    if (setjmp(guard.jb)) {
        sn_glpk_guard_release();
        cr_assert_fail("GLPK failed: %s", guard.last);
    }
    am_build_glp(m);
    if (col > 0) {
        for (int j = 1; j <= m->ncols; j++)
            glp_set_obj_coef(m->P, j, 0.0);
        glp_set_obj_dir(m->P, GLP_MAX);
        glp_set_obj_coef(m->P, col, 1.0);
    } else {
        am_set_objective(m, k);
    }
    for (int i = 0; i < nfix; i++)
        glp_set_col_bnds(m->P, fix[2 * i], GLP_FX, fix[2 * i + 1],
                         fix[2 * i + 1]);
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    cr_assert_eq(glp_simplex(m->P, &sm), 0);
    cr_assert_eq(glp_get_status(m->P), GLP_OPT);
    double v = glp_get_obj_val(m->P);
    sn_glpk_guard_release();
    m->P = NULL;
    return v;
}

/* Plans net for 2020 and expects the checker to find nothing. */
static sn_plan *checked_plan(const sn_network *net)
{
    int *d = demand_of(net);
    sn_allocate_opts o = SN_ALLOCATE_OPTS_INIT;
    sn_plan *p = NULL;
    sn_error err = {0, ""};
    cr_assert_eq(sn_allocate(&p, net, d, 2020, &o, &err), 0, "%s", err.msg);
    sn_check_report rep;
    cr_assert_eq(sn_plan_check(&rep, net, p, &err), 0, "%s", err.msg);
    for (size_t i = 0; i < rep.nviolations; i++)
        cr_log_error("%s", rep.violations[i]);
    cr_expect_eq(rep.nviolations, 0);
    sn_check_report_dispose(&rep);
    free(d);
    return p;
}

/* One school of 3 classrooms that cannot close, 50 enrolled pupils in
 * each of grades 3 and 4 (standard 45): whole classes give one grade two
 * classes and leave 5 pupils over the standard in the other.  Without the
 * rounding rows the LP takes 1.5 classes a grade and finds 0. */
Test(alloc_rows, rounding_rows_make_the_lp_bound_exact)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 1, 6, 3);
    net->schools[a].closable = 0;
    tiny_zone(net, "Z", 0, 0, a, -1);
    cr_assert_eq(sn_network_alloc_years(net, 2020, 2020), 0);
    cr_assert_eq(sn_network_finish(net), 0);
    sn_network_students_at(net, 2020, 0)[3] = 50;
    sn_network_students_at(net, 2020, 0)[4] = 50;
    int *d = demand_of(net);
    am_model m;
    cr_assert_eq(am_model_init(&m, net, 0, 2020, d, NULL, 0), 0);
    double lp = lp_value(&m, 2, 0, NULL, 0); /* level 3: over standard */
    cr_expect(fabs(lp - 5.0) < 1e-6, "LP bound %.6f, integer optimum 5", lp);
    am_model_dispose(&m);
    /* and the plan: 5 over the standard, proven, and it holds */
    sn_plan *p = checked_plan(net);
    cr_expect_float_eq(p->objective[2], 5.0, 1e-9);
    sn_plan_free(p);
    free(d);
    sn_network_free(net);
}

/* A school that may close and may add classrooms: closed (y = 0), it adds
 * none, whatever the objective. */
Test(alloc_rows, a_closed_school_adds_no_classrooms)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 1, 6, 6);
    int b = tiny_school(net, "B", 1, 0, 1, 6, 6);
    net->schools[b].max_new_classrooms = 4;
    tiny_zone(net, "Z", 0, 0, a, -1);
    cr_assert_eq(sn_network_alloc_years(net, 2020, 2020), 0);
    cr_assert_eq(sn_network_finish(net), 0);
    sn_network_students_at(net, 2020, 0)[1] = 30;
    int *d = demand_of(net);
    am_model m;
    cr_assert_eq(am_model_init(&m, net, 0, 2020, d, NULL, 0), 0);
    const am_sch *s = &m.sch[m.local[b]];
    cr_assert(s->ycol > 0 && s->acol > 0, "B may close and add rooms");
    int fix[2] = {s->ycol, 0};
    double most = lp_value(&m, 0, s->acol, fix, 1);
    cr_expect(fabs(most) < 1e-9, "closed, B could add %.3f classrooms", most);
    int open[2] = {s->ycol, 1};
    most = lp_value(&m, 0, s->acol, open, 1);
    cr_expect(fabs(most - 4.0) < 1e-9, "open, B adds up to 4 (got %.3f)",
              most);
    am_model_dispose(&m);
    free(d);
    sn_network_free(net);
}

/* Candidate N is opened by the scenario (build 1e6); candidate M (1e6)
 * is the only school 40 pupils can reach.  With a budget of 1.5e6 for the
 * county, M cannot be built: the pupils stay unplaced, and the plan holds.
 * A model that forgot N's capital built M, over the budget. */
Test(alloc_rows, a_candidate_the_scenario_opens_spends_the_budget)
{
    sn_network *net = tiny_new();
    int n = tiny_school(net, "N", 0, 0, 1, 6, 6);
    int m_ = tiny_school(net, "M", 20, 0, 1, 6, 6);
    for (int s = n; s <= m_; s++) {
        net->schools[s].status = SN_CANDIDATE;
        net->schools[s].ready_year = 2020;
        net->schools[s].build_cost = 1e6;
    }
    net->schools[n].force = SN_FORCE_OPEN;
    tiny_zone(net, "ZN", 0, 0, n, -1);
    tiny_zone(net, "ZM", 20, 0, m_, -1);
    cr_assert_eq(sn_network_alloc_years(net, 2020, 2020), 0);
    cr_assert_eq(sn_network_finish(net), 0);
    sn_network_students_at(net, 2020, 0)[1] = 30;
    sn_network_students_at(net, 2020, 1)[1] = 40;
    net->sc.capital_budget = 1.5e6;
    int *d = demand_of(net);
    sn_allocate_opts o = SN_ALLOCATE_OPTS_INIT;
    sn_plan *p = NULL;
    sn_error err = {0, ""};
    cr_assert_eq(sn_allocate(&p, net, d, 2020, &o, &err), 0, "%s", err.msg);
    cr_expect_eq(p->schools[n].state, SN_SCHOOL_NEW);
    cr_expect_eq(p->schools[m_].state, SN_SCHOOL_NOT_BUILT);
    sn_check_report rep;
    cr_assert_eq(sn_plan_check(&rep, net, p, &err), 0, "%s", err.msg);
    for (size_t i = 0; i < rep.nviolations; i++)
        cr_log_error("%s", rep.violations[i]);
    cr_expect_eq(rep.nviolations, 0);
    sn_check_report_dispose(&rep);
    sn_plan_free(p);
    free(d);
    sn_network_free(net);
}

/* The capacities bind exactly: a seat-mode school of 20 seats for 30
 * first-graders, a seat-mode boarding school of 10 beds for 15 boarders,
 * and at most one open school of two that both could fill.  A model one
 * seat, five beds or one school looser places more than the checker
 * allows.  (At a class-mode school the cap and the beds are soft: every
 * child in reach gets a seat, test_allocate.c.) */
Test(alloc_rows, seats_beds_and_open_schools_bind)
{
    sn_network *net = tiny_new();
    int s = tiny_school(net, "S", 0, 0, 1, 6, -1);
    net->schools[s].seats = 20;
    net->schools[s].closable = 0;
    int b = tiny_school(net, "B", 20, 0, 7, 9, -1);
    net->schools[b].seats = 100;
    net->schools[b].boarding_beds = 10;
    net->schools[b].closable = 0;
    tiny_zone(net, "ZS", 0, 0, s, -1);
    tiny_zone(net, "ZB", 30, 0, -1, b); /* 13 km: boards at B */
    cr_assert_eq(sn_network_alloc_years(net, 2020, 2020), 0);
    cr_assert_eq(sn_network_finish(net), 0);
    sn_network_students_at(net, 2020, 0)[1] = 30;
    sn_network_students_at(net, 2020, 1)[7] = 15;
    sn_plan *p = checked_plan(net);
    cr_expect_eq(p->schools[s].students[1], 20);
    cr_expect_eq(p->schools[b].boarders, 10);
    sn_plan_free(p);
    sn_network_free(net);

    /* two schools 2 km apart that may close, two zones that reach both;
     * at most one open: it takes all 80 pupils */
    net = tiny_new();
    int x = tiny_school(net, "X", 0, 0, 1, 6, 6);
    int y = tiny_school(net, "Y", 2, 0, 1, 6, 6);
    tiny_zone(net, "ZX", 0.5, 0, x, -1);
    tiny_zone(net, "ZY", 1.5, 0, y, -1);
    cr_assert_eq(sn_network_alloc_years(net, 2020, 2020), 0);
    cr_assert_eq(sn_network_finish(net), 0);
    sn_network_students_at(net, 2020, 0)[1] = 40;
    sn_network_students_at(net, 2020, 1)[1] = 40;
    net->sc.max_open_schools = 1;
    p = checked_plan(net);
    int open = (p->schools[x].state == SN_SCHOOL_KEPT) +
               (p->schools[y].state == SN_SCHOOL_KEPT);
    cr_expect_eq(open, 1);
    sn_plan_free(p);
    sn_network_free(net);

    /* far apart, each the only school its zone reaches: closing either
     * leaves children without a seat, so no plan meets max_open = 1 */
    net = tiny_new();
    x = tiny_school(net, "X", 0, 0, 1, 6, 6);
    y = tiny_school(net, "Y", 50, 0, 1, 6, 6);
    tiny_zone(net, "ZX", 0, 0, x, -1);
    tiny_zone(net, "ZY", 50, 0, y, -1);
    cr_assert_eq(sn_network_alloc_years(net, 2020, 2020), 0);
    cr_assert_eq(sn_network_finish(net), 0);
    sn_network_students_at(net, 2020, 0)[1] = 40;
    sn_network_students_at(net, 2020, 1)[1] = 40;
    net->sc.max_open_schools = 1;
    int *d = demand_of(net);
    sn_allocate_opts o = SN_ALLOCATE_OPTS_INIT;
    sn_error err = {0, ""};
    cr_assert_eq(sn_allocate(&p, net, d, 2020, &o, &err), 0, "%s", err.msg);
    cr_expect_eq(p->status, SN_PLAN_INFEASIBLE);
    sn_plan_free(p);
    free(d);
    sn_network_free(net);
}

/* 57 first-graders and one classroom, one more allowed at a cost: the
 * hard cap comes before cost, so the classroom is built and no class is
 * above 56 (by the model, or else by the polish: a plan that left a class
 * of 57 with an addition unused would break the checker's rule). */
Test(alloc_rows, the_cap_row_holds_56_a_class)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 1, 6, 1);
    net->schools[a].closable = 0;
    net->schools[a].max_new_classrooms = 1;
    net->schools[a].classroom_cost = 300000;
    tiny_zone(net, "Z", 0, 0, a, -1);
    cr_assert_eq(sn_network_alloc_years(net, 2020, 2020), 0);
    cr_assert_eq(sn_network_finish(net), 0);
    sn_network_students_at(net, 2020, 0)[1] = 57;
    sn_plan *p = checked_plan(net);
    cr_expect_eq(p->schools[a].classrooms_added, 1);
    cr_expect_eq(p->schools[a].classes[1], 2);
    sn_plan_free(p);
    sn_network_free(net);
}

/* 57 first-graders at A, which has one classroom and may add none; B, in
 * walking reach, has rooms, but every km costs.  The hard cap comes
 * before cost: one pupil goes to B and no class is above 56.  A model
 * whose cap row allowed 57 a class kept all 57 at A (cheaper), and the
 * polish cannot repair that: it moves classes, not pupils. */
Test(alloc_rows, the_cap_row_moves_a_pupil_before_cost)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 1, 6, 1);
    int b = tiny_school(net, "B", 1, 0, 1, 6, 6);
    net->schools[a].closable = net->schools[b].closable = 0;
    tiny_zone(net, "Z", 0, 0, a, -1);
    cr_assert_eq(sn_network_alloc_years(net, 2020, 2020), 0);
    cr_assert_eq(sn_network_finish(net), 0);
    sn_network_students_at(net, 2020, 0)[1] = 57;
    net->sc.transport_cost_per_student_km = 1000;
    sn_plan *p = checked_plan(net);
    sn_kpi k;
    sn_error err = {0, ""};
    cr_assert_eq(sn_kpi_compute(&k, net, p, &err), 0);
    cr_expect_eq(k.over_hard_cap_after, 0);
    cr_expect_eq(p->schools[a].students[1], 56);
    cr_expect_eq(p->schools[b].students[1], 1);
    sn_plan_free(p);
    sn_network_free(net);
}

/* The column of group (zone z, grade g)'s arc to local school ls. */
static int arc_col(const am_model *m, int z, int g, int ls)
{
    for (int a = 0; a < m->narc; a++) {
        const am_grp *gr = &m->grp[m->arc[a].grp];
        if (gr->zone == z && gr->grade == g && m->arc[a].sch == ls)
            return m->arc[a].col;
    }
    cr_assert_fail("no arc from zone %d grade %d to school %d", z, g, ls);
    return 0;
}

/* The cap and seat rows hold in the model itself, not only in the plans
 * the search happens to find: its start and its bound keep caps and seats
 * on their own, but the rows are what bind GLPK's sub-MIPs and an
 * exported model.  One class at A (cap 56), 20 seats at S, 70 pupils
 * who reach both: at most 56 at A and 20 at S. */
Test(alloc_rows, the_cap_and_seat_rows_bound_the_model)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 1, 6, 1);
    int s = tiny_school(net, "S", 1, 0, 1, 6, -1);
    net->schools[a].closable = net->schools[s].closable = 0;
    net->schools[s].seats = 20;
    tiny_zone(net, "Z", 0, 0, a, -1);
    cr_assert_eq(sn_network_alloc_years(net, 2020, 2020), 0);
    cr_assert_eq(sn_network_finish(net), 0);
    sn_network_students_at(net, 2020, 0)[1] = 70;
    int *d = demand_of(net);
    am_model m;
    cr_assert_eq(am_model_init(&m, net, 0, 2020, d, NULL, 0), 0);
    const am_sch *A = &m.sch[m.local[a]], *S = &m.sch[m.local[s]];
    cr_assert(A->class_mode && !S->class_mode);
    cr_assert(A->ncol[1] > 0);
    int fix[8], nfix = 0;
    fix[2 * nfix] = A->ncol[1], fix[2 * nfix++ + 1] = 1; /* one class */
    if (A->ocol[1] > 0) /* nobody above the cap */
        fix[2 * nfix] = A->ocol[1], fix[2 * nfix++ + 1] = 0;
    if (S->seat_ocol > 0) /* nobody above the seats */
        fix[2 * nfix] = S->seat_ocol, fix[2 * nfix++ + 1] = 0;
    double most = lp_value(&m, 0, arc_col(&m, 0, 1, m.local[a]), fix, nfix);
    cr_expect(fabs(most - m.cap[1]) < 1e-9, "one class at A holds %.3f "
              "pupils, the cap is %d", most, m.cap[1]);
    most = lp_value(&m, 0, arc_col(&m, 0, 1, m.local[s]), fix, nfix);
    cr_expect(fabs(most - 20) < 1e-9, "S seats %.3f of its 20", most);
    am_model_dispose(&m);
    free(d);
    sn_network_free(net);
}

/* [classes] look_ahead: within a --years run (plan_through set), a year's
 * cap per grade is the strictest of that year and the run's later years;
 * outside a run, or with look_ahead = 0, the year's own.  2018: 66,
 * 2020: the standard size (45 in primary). */
Test(alloc_rows, look_ahead_caps_a_year_by_the_strictest_still_to_come)
{
    sn_network *net = tiny_new();
    int a = tiny_school(net, "A", 0, 0, 1, 6, 3);
    net->schools[a].closable = 0;
    tiny_zone(net, "Z", 0, 0, a, -1);
    cr_assert_eq(sn_network_alloc_years(net, 2018, 2018), 0);
    cr_assert_eq(sn_network_finish(net), 0);
    sn_network_students_at(net, 2018, 0)[1] = 50;
    net->sc.milestones[0] = (sn_milestone){2018, 66, ""};
    net->sc.milestones[1] = (sn_milestone){2020, SN_CAP_STANDARD, ""};
    net->sc.nmilestones = 2;
    int *d = calloc((size_t)net->nzones * AM_G, sizeof *d);
    cr_assert_not_null(d);
    d[1] = 50;
    static const struct { int look, through, cap; } cases[] = {
        {0, 0, 66}, {1, 0, 66}, {0, 2020, 66}, {1, 2019, 66}, {1, 2020, 45},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        net->sc.look_ahead = cases[i].look;
        net->sc.plan_through = cases[i].through;
        am_model m;
        cr_assert_eq(am_model_init(&m, net, 0, 2018, d, NULL, 0), 0);
        cr_expect_eq(m.cap[1], cases[i].cap, "look_ahead %d through %d: cap"
                     " %d, expected %d", cases[i].look, cases[i].through,
                     m.cap[1], cases[i].cap);
        am_model_dispose(&m);
    }
    free(d);
    sn_network_free(net);
}
