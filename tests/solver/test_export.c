/* test_export.c - the exported model is the model: the LP and MPS files of
 * a county are read back with GLPK, have the same rows, columns and
 * optimum, and that optimum plus the stated constant is the level's value
 * in the plan sn_allocate makes (issue 13: the old test only looked for
 * the file). */
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
    cr_assert_eq(sn_forecast_demand(d, net, year, NULL, &err), 0);
    char *dir = sn_test_tmpdir();
    char lp[4200], mps[4200];
    snprintf(lp, sizeof lp, "%s/m.lp", dir);
    snprintf(mps, sizeof mps, "%s/m.mps", dir);
    sn_allocate_opts o = SN_ALLOCATE_OPTS_INIT;
    o.mip_gap = 0;
    o.time_limit = 60;
    for (int county = 0; county < net->ncounties; county++) {
        const int level = 3; /* cost */
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
        /* the same county planned: its cost level equals the file's */
        sn_allocate_opts oc = o;
        oc.county = county;
        sn_plan *p = NULL;
        cr_assert_eq(sn_allocate(&p, net, d, year, &oc, &err), 0, "%s",
                     err.msg);
        cr_assert_eq(p->status, SN_PLAN_OPTIMAL);
        double want = p->objective[level];
        cr_expect(fabs(a.optimum + c_lp - want) <= 1e-6 * fmax(1.0, want) +
                                                       1e-3,
                  "county %d: file optimum %.3f + constant %.3f, plan %.3f",
                  county, a.optimum, c_lp, want);
        sn_plan_free(p);
    }
    free(d);
    sn_test_rmdir(dir);
    sn_network_free(net);
    sn_diag_dispose(&diag);
}
