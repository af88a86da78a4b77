/* cmd_plan.c - `schoolnet plan`: allocate pupils, classes and schools for a
 * plan year, write the plan, print the before/after table. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/plan_common.h"
#include "cli/plan_jobs.h"
#include "cli/progress.h"
#include "io/write_plan.h"
#include "io/write_teachers.h"
#include "model/kpi.h"
#include "solver/allocate.h"
#include "solver/teachers.h"

static const char usage[] =
    "usage: schoolnet plan SCENARIO -o OUT [options]\n"
    "  SCENARIO           a scenario.ini or a data folder\n"
    "  -o, --out DIR      where the plan files go (created; replaced at once)\n"
    "  --year Y           plan year (default: the scenario's year)\n"
    "  --time-limit S     seconds for the whole solve (default: scenario)\n"
    "  --gap G            relative MIP gap, e.g. 0.01 (default: scenario)\n"
    "  --work N           deterministic work budget (simplex iterations,\n"
    "                     nodes, search steps): the same plan on any machine\n"
    "                     when it ends the solve (summary.json ended_by)\n"
    "  --divert MODE      intake (default) or all: which pupils may move\n"
    "  --heuristic-only   skip GLPK: the constructive plan only\n"
    "  --years A-B        plan each year A..B in turn (OUT/<year>/ and\n"
    "                     OUT/timeline.csv; milestones, pupils move up)\n"
    "  --jobs N           solve counties in N processes at once (the plan\n"
    "                     is the same as with --jobs 1)\n"
    "  -q, --quiet        no progress line, no table\n"
    "exit: 0 plan made, every pupil placed; 1 pupils unplaced or no plan;\n"
    "      2 bad input; 3 internal failure\n";

typedef struct county_row {
    long classes[2], over66[2], overcap[2], overstd[2];
    int largest[2];
} county_row;

static void tally(county_row *r, int side, int students, int classes,
                  int std, int cap)
{
    if (students <= 0)
        return;
    r->classes[side] += classes;
    r->over66[side] += sn_kpi_classes_over(students, classes, 66);
    r->overcap[side] += sn_kpi_classes_over(students, classes, cap);
    r->overstd[side] += sn_kpi_classes_over(students, classes, std);
    int largest = classes > 0 ? (students + classes - 1) / classes : students;
    if (largest > r->largest[side])
        r->largest[side] = largest;
}

/* Before/after class sizes by county, on stdout. */
static int print_table(const sn_network *net, const sn_plan *plan,
                       const int *demand)
{
    size_t n = (size_t)(net->nschools ? net->nschools : 1) * (SN_GRADES + 1);
    int *st = malloc(n * sizeof *st), *cl = malloc(n * sizeof *cl);
    county_row *rows = calloc((size_t)net->ncounties + 1, sizeof *rows);
    if (!st || !cl || !rows) {
        free(st);
        free(cl);
        free(rows);
        return SN_ENOMEM;
    }
    sn_plan_status_quo(st, cl, net, demand);
    const int cap = net->sc.hard_cap;
    for (int s = 0; s < net->nschools; s++) {
        county_row *r = &rows[net->schools[s].county];
        for (int g = 1; g <= SN_GRADES; g++) {
            int std = sn_scenario_standard(&net->sc, g);
            tally(r, 0, st[s * (SN_GRADES + 1) + g],
                  cl[s * (SN_GRADES + 1) + g], std, cap);
            tally(r, 1, plan->schools[s].students[g],
                  plan->schools[s].classes[g], std, cap);
        }
    }
    printf("\nclasses by county, before -> after the plan (%d)\n", plan->year);
    printf("%-14s %13s %11s %11s %13s %11s\n", "county", "classes", "over 66",
           "over cap", "over std", "largest");
    county_row tot = {0};
    for (int c = 0; c <= net->ncounties; c++) {
        county_row *r = c < net->ncounties ? &rows[c] : &tot;
        if (c < net->ncounties)
            for (int side = 0; side < 2; side++) {
                tot.classes[side] += r->classes[side];
                tot.over66[side] += r->over66[side];
                tot.overcap[side] += r->overcap[side];
                tot.overstd[side] += r->overstd[side];
                if (r->largest[side] > tot.largest[side])
                    tot.largest[side] = r->largest[side];
            }
        else if (net->ncounties < 2)
            break;
        printf("%-14s %6ld->%-6ld %4ld->%-6ld %4ld->%-6ld %5ld->%-6ld "
               "%4d->%-4d\n",
               c < net->ncounties ? net->counties[c] : "all", r->classes[0],
               r->classes[1], r->over66[0], r->over66[1], r->overcap[0],
               r->overcap[1], r->overstd[0], r->overstd[1], r->largest[0],
               r->largest[1]);
    }
    printf("(over cap: above hard_cap %d; over std: above 45 primary / 50 "
           "junior)\n", cap);
    free(st);
    free(cl);
    free(rows);
    return 0;
}

/* One line per objective level: value, bound and gap. */
static void print_levels(const sn_plan *plan)
{
    for (int k = 0; k < SN_LEVELS; k++) {
        double v = plan->objective[k], b = plan->bound[k];
        double gap = fabs(v - b) / fmax(fabs(v), 1.0);
        printf("  %d %-14s %16.3f", k + 1, sn_plan_level_name(k), v);
        if (isfinite(b) && gap > 1e-9)
            printf("   bound %16.3f  gap %6.2f%%", b, 100 * gap);
        else if (isfinite(b))
            printf("   optimal");
        printf("\n");
    }
}

static int parse_args(int argc, char **argv, const char **scen,
                      const char **out, int *year, sn_allocate_opts *o,
                      int *quiet, int *divert, int *jobs, int years[2])
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        char *end = NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            return -1;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            *quiet = 1;
        } else if (!strcmp(a, "--heuristic-only")) {
            o->heuristic_only = 1;
        } else if ((!strcmp(a, "-o") || !strcmp(a, "--out")) && v) {
            *out = v;
            i++;
        } else if (!strcmp(a, "--year") && v) {
            long y = strtol(v, &end, 10);
            if (*end || y < 1949 || y > 2100)
                goto bad;
            *year = (int)y;
            i++;
        } else if (!strcmp(a, "--jobs") && v) {
            long j = strtol(v, &end, 10);
            if (*end || j < 1 || j > 256)
                goto bad;
            *jobs = (int)j;
            i++;
        } else if (!strcmp(a, "--years") && v) {
            if (sscanf(v, "%d-%d", &years[0], &years[1]) != 2 ||
                years[0] < 1949 || years[1] > 2100 || years[0] > years[1] ||
                years[1] - years[0] > 30)
                goto bad;
            i++;
        } else if (!strcmp(a, "--time-limit") && v) {
            o->time_limit = strtod(v, &end);
            if (*end || !(o->time_limit > 0) || !isfinite(o->time_limit))
                goto bad;
            i++;
        } else if (!strcmp(a, "--work") && v) {
            double w = strtod(v, &end);
            if (*end || !(w >= 1 && w <= 1e15) || w != floor(w))
                goto bad;
            o->work_limit = (long long)w;
            i++;
        } else if (!strcmp(a, "--gap") && v) {
            o->mip_gap = strtod(v, &end);
            if (*end || !(o->mip_gap >= 0 && o->mip_gap < 1))
                goto bad;
            i++;
        } else if (!strcmp(a, "--divert") && v) {
            if (!strcmp(v, "intake"))
                *divert = SN_DIVERT_INTAKE;
            else if (!strcmp(v, "all"))
                *divert = SN_DIVERT_ALL;
            else
                goto bad;
            i++;
        } else if (a[0] != '-' && !*scen) {
            *scen = a;
        } else {
            fprintf(stderr, "schoolnet plan: unexpected argument '%s'\n%s", a,
                    usage);
            return SN_EXIT_INPUT;
        }
        continue;
    bad:
        fprintf(stderr, "schoolnet plan: bad value for %s (got '%s')\n", a, v);
        return SN_EXIT_INPUT;
    }
    if (!*scen || !*out) {
        fprintf(stderr, "%s", usage);
        return SN_EXIT_INPUT;
    }
    return 0;
}

int sn_cmd_plan(int argc, char **argv)
{
    const char *scen = NULL, *out = NULL;
    int year = 0, quiet = 0, divert = -1, jobs = 0, years[2] = {0, 0};
    sn_allocate_opts o = SN_ALLOCATE_OPTS_INIT;
    int rc = parse_args(argc, argv, &scen, &out, &year, &o, &quiet, &divert,
                        &jobs, years);
    if (rc)
        return rc < 0 ? SN_EXIT_OK : rc;
    sn_network *net = NULL;
    int *demand = NULL;
    sn_plan *plan = NULL;
    if ((rc = sn_cli_read_network(&net, scen)) != 0)
        return rc;
    if (divert >= 0)
        net->sc.divert = (sn_divert)divert;
    if (years[0] > 0) {
        rc = sn_cli_plan_years(net, out, years[0], years[1], &o, jobs, quiet);
        sn_network_free(net);
        return rc;
    }
    year = sn_cli_plan_year(net, year);
    net->sc.hard_cap = sn_scenario_hard_cap(&net->sc, year); /* milestones */
    const char *source = "history";
    if ((rc = sn_cli_demand(&demand, net, year, &source)) != 0)
        goto done;
    if (!quiet && isatty(STDERR_FILENO)) {
        o.progress = sn_cli_progress;
    }
    sn_error err = {0, ""};
    /* teachers (when in the data) get a quarter of the time limit */
    sn_teachers_opts to = SN_TEACHERS_OPTS_INIT;
    sn_staffing *staff = NULL;
    if (net->nteachers > 0) {
        double total = o.time_limit >= 0 ? o.time_limit : net->sc.time_limit;
        o.time_limit = 0.75 * total;
        to.time_limit = 0.25 * total;
        to.mip_gap = o.mip_gap;
        to.heuristic_only = o.heuristic_only;
        to.progress = o.progress;
    }
    int lrc = sn_cli_plan_counties(&plan, net, demand, year, &o, jobs, NULL,
                                   &err);
    if (o.progress)
        fprintf(stderr, "\r\033[K");
    if (lrc) {
        fprintf(stderr, "schoolnet plan: %s\n", err.msg);
        rc = sn_cli_exit_for(lrc);
        goto done;
    }
    plan->demand_source = source;
    if (net->nteachers > 0 &&
        (lrc = sn_teachers_solve(&staff, net, plan, &to, &err)) != 0) {
        if (o.progress)
            fprintf(stderr, "\r\033[K");
        fprintf(stderr, "schoolnet plan: teachers: %s\n", err.msg);
        rc = sn_cli_exit_for(lrc);
        goto done;
    }
    if (o.progress)
        fprintf(stderr, "\r\033[K");
    sn_teachers_out tout = {staff, net};
    sn_plan_extra extra = sn_teachers_extra(&tout);
    if ((lrc = sn_plan_write_extra(plan, net, out, staff ? &extra : NULL,
                                   &err)) != 0) {
        fprintf(stderr, "schoolnet plan: %s\n", err.msg);
        rc = sn_cli_exit_for(lrc);
        goto done;
    }
    long unplaced = 0;
    for (size_t i = 0; i < plan->nunplaced; i++)
        unplaced += plan->unplaced[i].students;
    if (!quiet) {
        char gap[32] = "unknown";
        if (isfinite(plan->gap))
            snprintf(gap, sizeof gap, "%.2f%%", 100 * plan->gap);
        printf("plan %d (%s demand): %s, gap %s, %.1f s -> %s/\n", year,
               source, sn_plan_status_name(plan->status), gap, plan->seconds,
               out);
        print_levels(plan);
        if (print_table(net, plan, demand)) {
            rc = SN_EXIT_INTERNAL;
            goto done;
        }
    }
    if (unplaced)
        fprintf(stderr, "schoolnet plan: %ld pupils could not be placed "
                        "(see %s/unplaced.csv)\n", unplaced, out);
    rc = (unplaced || plan->status == SN_PLAN_INFEASIBLE ||
          plan->status == SN_PLAN_UNSOLVED)
             ? SN_EXIT_RESULT
             : SN_EXIT_OK;
done:
    sn_staffing_free(staff);
    sn_plan_free(plan);
    free(demand);
    sn_network_free(net);
    return rc;
}
