/* test_export.c - the exported model is the model: the LP and MPS files of
 * a county are read back with GLPK, have the same rows, columns and
 * optimum, and these optima plus the stated constants add up to the cost
 * level of the plan sn_allocate makes (issue 13: the old test only looked
 * for the file). */
#include <criterion/criterion.h>
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "io/read_network.h"
#include "model/check.h"
#include "model/forecast.h"
#include "solver/allocate.h"
#include "tests/io/helpers.h"

typedef struct read_back {
    int rows, cols, ints;
    double optimum;
} read_back;

/* Reads a model file and solves it to optimality. */
static read_back solve_file(const char *path, int mps)
{
    read_back r = {0, 0, 0, NAN};
    glp_term_out(GLP_OFF);
    glp_prob *P = glp_create_prob();
    int rc = mps ? glp_read_mps(P, GLP_MPS_FILE, NULL, path)
                 : glp_read_lp(P, NULL, path);
    cr_assert_eq(rc, 0, "%s does not read back", path);
    r.rows = glp_get_num_rows(P);
    r.cols = glp_get_num_cols(P);
    r.ints = glp_get_num_int(P);
    glp_iocp io;
    glp_init_iocp(&io);
    io.presolve = GLP_ON;
    io.mip_gap = 0;
    cr_assert_eq(glp_intopt(P, &io), 0);
    cr_assert_eq(glp_mip_status(P), GLP_OPT);
    r.optimum = glp_mip_obj_val(P);
    glp_delete_prob(P);
    glp_free_env();
    return r;
}

Test(solver_export, the_file_is_the_model_of_the_level)
{
    sn_network *net = NULL;
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    cr_assert_eq(sn_network_read(&net, "tests/data/tiny/scenario.ini", &diag,
                                 &err), 0, "%s", err.msg);
    int year = net->sc.year;
    int *d = calloc((size_t)net->nzones * (SN_GRADES + 1), sizeof *d);
    const char *source = NULL;
    cr_assert_eq(sn_forecast_demand(d, net, year, &source, &err), 0);
    char *dir = sn_test_tmpdir();
    char lp[4200], mps[4200];
    snprintf(lp, sizeof lp, "%s/m.lp", dir);
    snprintf(mps, sizeof mps, "%s/m.mps", dir);
    sn_allocate_opts o = SN_ALLOCATE_OPTS_INIT;
    o.mip_gap = 0;
    o.time_limit = 600; /* tiny: seconds, but asan on a busy machine is slow */
    double total = 0; /* the cost level over the counties' files */
    for (int county = 0; county < net->ncounties; county++) {
        int level = 0; /* the cost level's place in the order */
        while (net->sc.objective_order[level] != SN_LEVEL_COST)
            level++;
        double c_lp = NAN, c_mps = NAN;
        cr_assert_eq(sn_allocate_export(net, d, year, county, level, 0, lp,
                                        &o, &c_lp, &err), 0, "%s", err.msg);
        cr_assert_eq(sn_allocate_export(net, d, year, county, level, 1, mps,
                                        &o, &c_mps, &err), 0, "%s", err.msg);
        cr_expect_float_eq(c_lp, c_mps, 1e-9);
        read_back a = solve_file(lp, 0), b = solve_file(mps, 1);
        cr_expect_gt(a.rows, 0);
        cr_expect_gt(a.ints, 0);
        cr_expect_eq(a.rows, b.rows, "LP %d rows, MPS %d", a.rows, b.rows);
        cr_expect_eq(a.cols, b.cols, "LP %d columns, MPS %d", a.cols, b.cols);
        cr_expect_eq(a.ints, b.ints);
        cr_expect(fabs(a.optimum - b.optimum) <=
                      1e-6 * fmax(1.0, fabs(a.optimum)),
                  "LP optimum %.6f, MPS %.6f", a.optimum, b.optimum);
        total += a.optimum + c_lp;
    }
    /* the whole plan (checked): its cost level is the sum of the files' */
    sn_plan *p = NULL;
    cr_assert_eq(sn_allocate(&p, net, d, year, &o, &err), 0, "%s", err.msg);
    cr_assert_eq(p->status, SN_PLAN_OPTIMAL);
    p->demand_source = source;
    sn_check_report rep;
    cr_assert_eq(sn_plan_check(&rep, net, p, &err), 0, "%s", err.msg);
    cr_expect_eq(rep.nviolations, 0, "%s",
                 rep.nviolations ? rep.violations[0] : "");
    sn_check_report_dispose(&rep);
    double want = p->objective[SN_LEVEL_COST];
    cr_expect(fabs(total - want) <= 1e-6 * fmax(1.0, want) + 1e-3,
              "files: optimum + constant %.3f in all, plan %.3f", total,
              want);
    sn_plan_free(p);
    free(d);
    sn_test_rmdir(dir);
    sn_network_free(net);
    sn_diag_dispose(&diag);
}
