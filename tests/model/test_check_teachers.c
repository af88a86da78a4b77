/* test_check_teachers.c - the teacher checker catches each broken rule. */
#include <criterion/criterion.h>

#include "model/check_teachers.h"
#include "solver/teachers.h"
#include "tests/solver/teachers_fixture.h"

static size_t run(sn_teacher_files *f, const sn_network *net,
                  const sn_plan *plan)
{
    sn_check_report rep;
    sn_check_report_init(&rep);
    sn_error err = {0, ""};
    cr_assert_eq(sn_teachers_check(&rep, net, plan, f, &err), 0);
    size_t n = rep.nviolations;
    sn_check_report_dispose(&rep);
    return n;
}

static void setup(sn_network **net, sn_plan **plan, sn_staffing **st)
{
    *net = tt_new();
    tiny_school(*net, "A", 0, 0, 1, 6, 6);
    tiny_school(*net, "B", 8, 0, 1, 6, 6);
    tiny_school(*net, "C", 12, 0, 1, 6, 6);
    tiny_finish(*net);
    tt_teacher(*net, "M", 0, 2, 16, 1);
    tt_teacher(*net, "K", 1, 1, 16, 0);
    *plan = tt_plan(*net, 1, 20);
    sn_error err = {0, ""};
    cr_assert_eq(sn_teachers_solve(st, *net, *plan, NULL, &err), 0);
}

Test(model_check_teachers, holds_then_breaks)
{
    sn_network *net;
    sn_plan *plan;
    sn_staffing *st;
    setup(&net, &plan, &st);
    sn_teacher_files *f = tt_files(st, net);
    cr_expect_eq(run(f, net, plan), 0);
    /* beyond reach: move M's away row to C (12 km) */
    for (size_t i = 0; i < f->nrows; i++)
        if (f->rows[i].school == 1 && f->rows[i].subject == 1)
            f->rows[i].school = 2;
    cr_expect_gt(run(f, net, plan), 0);
    sn_teacher_files_free(f);
    f = tt_files(st, net);
    f->rows[0].periods += 20; /* over capacity and demand */
    cr_expect_gt(run(f, net, plan), 0);
    sn_teacher_files_free(f);
    f = tt_files(st, net);
    f->staff[0].required += 1;
    cr_expect_gt(run(f, net, plan), 0);
    sn_teacher_files_free(f);
    f = tt_files(st, net);
    f->nshorts = 0; /* uncovered periods not listed */
    cr_expect_gt(run(f, net, plan), 0);
    sn_teacher_files_free(f);
    f = tt_files(st, net);
    f->nrows = 0; /* M could teach music at home and at B */
    cr_expect_gt(run(f, net, plan), 0);
    sn_teacher_files_free(f);
    sn_staffing_free(st);
    sn_plan_free(plan);
    sn_network_free(net);
}
