/* teachers_bench.c - times the walking-teacher assignment of one county
 * (default: the county with the most teachers) on a data set, on the
 * constructive pupil plan (the teacher model only needs classes).
 *
 * usage: teachers_bench SCENARIO [time_limit_s] [gap] [work]
 * (work: a work budget in units, the time limit then the safety stop)
 * prints: county, teachers, model size, seconds, work, status, levels,
 * gap, which limit ended each level. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/plan_common.h"
#include "solver/allocate.h"
#include "solver/teachers.h"

/* One line per progress report (stderr): phase, best, bound. */
static void report(void *ctx, const sn_progress *p)
{
    (void)ctx;
    fprintf(stderr, "%7.2f s  %-24s best %s%.3f bound %.3f\n", p->elapsed,
            p->phase, p->has_best ? "" : "(none) ", p->best, p->bound);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: teachers_bench SCENARIO [time] [gap] "
                        "[work]\n");
        return 2;
    }
    sn_network *net;
    if (sn_cli_read_network(&net, argv[1]))
        return 2;
    int year = sn_cli_plan_year(net, 0), *demand;
    const char *src;
    if (sn_cli_demand(&demand, net, year, &src))
        return 2;
    sn_allocate_opts ao = SN_ALLOCATE_OPTS_INIT;
    ao.heuristic_only = 1;
    sn_plan *plan;
    sn_error err = {0, ""};
    if (sn_allocate(&plan, net, demand, year, &ao, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 3;
    }
    int *per = calloc((size_t)net->ncounties, sizeof *per), best = 0;
    for (int t = 0; t < net->nteachers; t++)
        per[net->schools[net->teachers[t].school].county]++;
    for (int c = 1; c < net->ncounties; c++)
        if (per[c] > per[best])
            best = c;
    sn_teachers_opts o = SN_TEACHERS_OPTS_INIT;
    o.time_limit = argc > 2 ? atof(argv[2]) : 60;
    o.mip_gap = argc > 3 ? atof(argv[3]) : 0.01;
    o.work_limit = argc > 4 ? atoll(argv[4]) : 0;
    o.county = best;
    if (getenv("TEACHERS_BENCH_PROGRESS"))
        o.progress = report;
    sn_staffing *st;
    if (sn_teachers_solve(&st, net, plan, &o, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 3;
    }
    const sn_county_staff *cs = &st->county[best];
    long unc = 0, wunc = 0, dem = 0;
    for (int s = 0; s < net->nschools; s++)
        for (int j = 0; j < net->nsubjects && net->schools[s].county == best;
             j++) {
            int u = st->uncovered[(size_t)s * SN_MAX_SUBJECTS + (size_t)j];
            dem += st->demand[(size_t)s * SN_MAX_SUBJECTS + (size_t)j];
            unc += u;
            wunc += (long)u * sn_staffing_weight(net, j);
        }
    printf("periods: demand %ld, uncovered %ld (weighted %ld)\n", dem, unc,
           wunc);
    printf("county %s: %d teachers, %zu rows, %.2f s, status %s, gap %.4f%%\n",
           net->counties[best], per[best], st->nrows, st->seconds,
           sn_plan_status_name(st->status), 100 * st->gap);
    printf("work: %lld units (limit %lld), %.0f units a second; ended by "
           "%s, %s, %s\n", st->work, st->work_limit,
           st->seconds > 0 ? (double)st->work / st->seconds : 0.0,
           sn_plan_end_name(st->ended_by[0]),
           sn_plan_end_name(st->ended_by[1]),
           sn_plan_end_name(st->ended_by[2]));
    printf("model (largest part): %d units (%d walkers), %d links, %d "
           "columns, %d rows\n", st->model_units, st->model_walkers,
           st->model_links, st->model_cols, st->model_rows);
    printf("levels: uncovered %.0f (bound %.0f), km/week %.3f (bound %.3f), "
           "links %.0f (bound %.0f)\n", st->objective[0], st->bound[0],
           st->objective[1], st->bound[1], st->objective[2], st->bound[2]);
    printf("rotation: eligible %d, movers %d (quota %d), strong %d (quota "
           "%d)\n", cs->eligible, cs->movers, cs->quota_movers,
           cs->strong_movers, cs->quota_strong);
    sn_staffing_free(st);
    sn_plan_free(plan);
    free(per);
    free(demand);
    sn_network_free(net);
    return 0;
}
