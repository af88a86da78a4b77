/* cmd_plan.c - `schoolnet plan`: allocate pupils, classes and schools for a
 * plan year, write the plan, print the before/after table. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/plan_common.h"
#include "cli/plan_jobs.h"
#include "cli/signals.h"
#include "io/write_plan.h"
#include "io/write_teachers.h"
#include "model/kpi.h"
#include "solver/allocate.h"
#include "solver/teachers.h"

static const char usage[] =
    "usage: schoolnet plan SCENARIO -o OUT [options]\n"
    "  SCENARIO           a scenario.ini or a data folder\n"
    "  -o, --out DIR      where the plan files go (created; replaced whole\n"
    "                     at the end; must be new, empty or schoolnet's)\n"
    "  --year Y           plan year (default: the scenario's year)\n"
    "  --time-limit S     seconds for the whole solve (default: scenario)\n"
    "  --gap G            relative MIP gap, e.g. 0.01 (default: scenario)\n"
    "  --divert MODE      intake (default) or all: which pupils may move\n"
    "  --heuristic-only   skip GLPK: the constructive plan only\n"
    "  --years A-B        plan each year A..B in turn (OUT/<year>/ and\n"
    "                     OUT/timeline.csv; milestones, pupils move up)\n"
    "  --jobs N           solve counties in N processes at once (the plan\n"
    "                     is the same as with --jobs 1)\n"
    "  -q, --quiet        no progress line, no table\n"
    "The first Ctrl-C (SIGINT) or SIGTERM stops the search and writes the\n"
    "best plan found, status 'interrupted'; a second one quits at once.\n"
    "exit: 0 plan made, every pupil placed; 1 pupils unplaced or no plan;\n"
    "      2 bad input or usage (OUT busy or not schoolnet's); 3 internal\n"
    "      failure; 130 / 143 stopped by SIGINT / SIGTERM (plan written)\n";

typedef struct plan_args {
    const char *scen, *out;
    int year, quiet, divert, jobs, years[2];
    sn_allocate_opts o;
} plan_args;

static void progress(void *ctx, const sn_progress *p)
{
    (void)ctx;
    char best[32] = "-", gap[32] = "-", bound[32] = "-";
    if (p->has_best)
        snprintf(best, sizeof best, "%.6g", p->best);
    if (isfinite(p->bound))
        snprintf(bound, sizeof bound, "%.6g", p->bound);
    if (p->has_best && isfinite(p->gap))
        snprintf(gap, sizeof gap, "%.2f%%", 100 * p->gap);
    fprintf(stderr, "\r\033[K%-24s best %-12s bound %-12s gap %-8s %6.1fs",
            p->phase, best, bound, gap, p->elapsed);
    fflush(stderr);
}

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

enum { O_YEAR = 256, O_YEARS, O_TIME, O_GAP, O_DIVERT, O_HEUR, O_JOBS };
static const struct option longopts[] = {
    {"out", required_argument, NULL, 'o'},
    {"year", required_argument, NULL, O_YEAR},
    {"years", required_argument, NULL, O_YEARS},
    {"time-limit", required_argument, NULL, O_TIME},
    {"gap", required_argument, NULL, O_GAP},
    {"divert", required_argument, NULL, O_DIVERT},
    {"heuristic-only", no_argument, NULL, O_HEUR},
    {"jobs", required_argument, NULL, O_JOBS},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};
static const sn_cli_optset optset = {
    "plan", "o:qh", longopts,
    "usage: schoolnet plan SCENARIO -o OUT [options]\n"};

/* "A-B": two years, A <= B, at most 31 of them. */
static int parse_years(const char *v, int years[2])
{
    const char *dash = v ? strchr(v, '-') : NULL;
    char a[16];
    if (!dash || dash == v || (size_t)(dash - v) >= sizeof a)
        return -1;
    snprintf(a, sizeof a, "%.*s", (int)(dash - v), v);
    if (sn_cli_int(a, 1949, 2100, &years[0]) ||
        sn_cli_int(dash + 1, 1949, 2100, &years[1]) ||
        years[0] > years[1] || years[1] - years[0] > 30)
        return -1;
    return 0;
}

/* Returns 0 to run, -1 after --help, or an exit code. */
static int parse_args(int argc, char **argv, plan_args *a)
{
    const char *v;
    int c;
    sn_cli_opts_begin();
    while ((c = sn_cli_next_opt(&optset, argc, argv, &v)) > 0) {
        switch (c) {
        case 'h':
            fputs(usage, stdout);
            return -1;
        case 'q':
            a->quiet = 1;
            break;
        case 'o':
            a->out = v;
            break;
        case O_HEUR:
            a->o.heuristic_only = 1;
            break;
        case O_YEAR:
            if (sn_cli_int(v, 1949, 2100, &a->year))
                return sn_cli_bad_value(&optset, c, v,
                                        "a year from 1949 to 2100");
            break;
        case O_JOBS:
            if (sn_cli_int(v, 1, 256, &a->jobs))
                return sn_cli_bad_value(&optset, c, v,
                                        "a whole number from 1 to 256");
            break;
        case O_YEARS:
            if (parse_years(v, a->years))
                return sn_cli_bad_value(&optset, c, v,
                                        "years A-B, 1949 <= A <= B <= 2100, "
                                        "at most 31 years");
            break;
        case O_TIME:
            if (sn_cli_double(v, 1e-3, 1e7, &a->o.time_limit))
                return sn_cli_bad_value(&optset, c, v,
                                        "seconds from 0.001 to 1e7");
            break;
        case O_GAP:
            if (sn_cli_double(v, 0, 0.999999, &a->o.mip_gap))
                return sn_cli_bad_value(&optset, c, v,
                                        "a relative gap from 0 to below 1");
            break;
        case O_DIVERT:
            if (!strcmp(v, "intake"))
                a->divert = SN_DIVERT_INTAKE;
            else if (!strcmp(v, "all"))
                a->divert = SN_DIVERT_ALL;
            else
                return sn_cli_bad_value(&optset, c, v, "intake or all");
            break;
        }
    }
    if (c < 0)
        return SN_EXIT_INPUT;
    for (int i = optind; i < argc; i++) {
        if (a->scen)
            return sn_cli_usage_error(&optset, "unexpected argument '%s' "
                                      "(SCENARIO is '%s')", argv[i],
                                      a->scen);
        a->scen = argv[i];
    }
    if (!a->scen)
        return sn_cli_usage_error(&optset, "missing SCENARIO");
    if (!a->out)
        return sn_cli_usage_error(&optset, "missing -o OUT (the folder for "
                                  "the plan)");
    if (a->year && a->years[0])
        return sn_cli_usage_error(&optset, "give --year or --years, not "
                                  "both");
    return 0;
}

int sn_cmd_plan(int argc, char **argv)
{
    plan_args a = {NULL, NULL, 0, 0, -1, 0, {0, 0}, SN_ALLOCATE_OPTS_INIT};
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc < 0 ? SN_EXIT_OK : rc;
    const char *scen = a.scen, *out = a.out;
    int year = a.year, quiet = a.quiet, divert = a.divert, jobs = a.jobs;
    int *years = a.years;
    sn_allocate_opts o = a.o;
    sn_cli_signals_install();
    o.stop = sn_cli_stop_flag();
    sn_network *net = NULL;
    int *demand = NULL;
    sn_plan *plan = NULL;
    sn_staffing *staff = NULL; /* freed at done: set before any goto */
    sn_error err = {0, ""};
    sn_teachers_opts to = SN_TEACHERS_OPTS_INIT;
    const char *source = "history";
    int lrc = 0;
    long unplaced = 0;
    sn_teachers_out tout = {NULL, NULL};
    sn_plan_extra extra = {NULL, NULL, NULL};
    sn_outtx *tx = NULL;
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
    if ((rc = sn_cli_demand(&demand, net, year, &source)) != 0 ||
        (rc = sn_cli_outtx_begin(&tx, out, "plan")) != 0)
        goto done;
    if (!quiet && isatty(STDERR_FILENO)) {
        o.progress = progress;
    }
    to.stop = o.stop;
    /* teachers (when in the data) get a quarter of the time limit */
    if (net->nteachers > 0) {
        double total = o.time_limit >= 0 ? o.time_limit : net->sc.time_limit;
        o.time_limit = 0.75 * total;
        to.time_limit = 0.25 * total;
        to.mip_gap = o.mip_gap;
        to.heuristic_only = o.heuristic_only;
        to.progress = o.progress;
    }
    lrc = sn_cli_plan_counties(&plan, net, demand, year, &o, jobs, NULL,
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
    tout.st = staff;
    tout.net = net;
    extra = sn_teachers_extra(&tout);
    if ((lrc = sn_plan_write_extra(plan, net, sn_outtx_path(tx),
                                   staff ? &extra : NULL, &err)) != 0) {
        fprintf(stderr, "schoolnet plan: %s\n", err.msg);
        rc = sn_cli_exit_for(lrc);
        goto done;
    }
    rc = sn_cli_outtx_commit(tx, "plan");
    tx = NULL;
    if (rc)
        goto done;
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
    rc = sn_cli_signal_exit(rc); /* 130 / 143 after Ctrl-C / SIGTERM */
done:
    sn_outtx_abort(tx);
    sn_staffing_free(staff);
    sn_plan_free(plan);
    free(demand);
    sn_network_free(net);
    return rc;
}
