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
#include "cli/plan_report.h"
#include "cli/plan_split.h"
#include "cli/signals.h"
#include "io/write_plan.h"
#include "io/write_report.h"
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
    "  --work N           deterministic work budget (simplex iterations,\n"
    "                     nodes, search steps): the same plan on any machine\n"
    "                     when it ends the solve (summary.json ended_by)\n"
    "                     (with teachers: a quarter of it to them)\n"
    "  --divert MODE      intake (default) or all: which pupils may move\n"
    "  --heuristic-only   skip GLPK: the constructive plan only\n"
    "  --years A-B        plan each year A..B in turn (OUT/<year>/ and\n"
    "                     OUT/timeline.csv; milestones, pupils move up)\n"
    "  --jobs N           solve counties in N processes at once (the plan\n"
    "                     is the same as with --jobs 1)\n"
    "  --county NAME      solve county NAME alone, with the share of the\n"
    "                     time limit it has in the whole plan, and write its\n"
    "                     part (OUT/county.part, OUT/county.json) for --part\n"
    "  --part DIR         merge these parts (the option once per county,\n"
    "                     each a --county OUT) instead of solving: the plan\n"
    "                     --jobs N gives (`schoolnet collect` runs this)\n"
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
    const char *county;  /* --county NAME: solve it alone, write its part */
    const char **parts;  /* --part DIR...: merge these (argc entries) */
    int nparts;
} plan_args;

enum { O_YEAR = 256, O_YEARS, O_TIME, O_GAP, O_DIVERT, O_HEUR, O_JOBS,
       O_COUNTY, O_PART, O_WORK };
static const struct option longopts[] = {
    {"out", required_argument, NULL, 'o'},
    {"year", required_argument, NULL, O_YEAR},
    {"years", required_argument, NULL, O_YEARS},
    {"time-limit", required_argument, NULL, O_TIME},
    {"gap", required_argument, NULL, O_GAP},
    {"work", required_argument, NULL, O_WORK},
    {"divert", required_argument, NULL, O_DIVERT},
    {"heuristic-only", no_argument, NULL, O_HEUR},
    {"jobs", required_argument, NULL, O_JOBS},
    {"county", required_argument, NULL, O_COUNTY},
    {"part", required_argument, NULL, O_PART},
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
        case O_WORK: {
            double w;
            if (sn_cli_double(v, 1, 1e15, &w) || w != floor(w))
                return sn_cli_bad_value(&optset, c, v,
                                        "a whole number of work units "
                                        "from 1 to 1e15");
            a->o.work_limit = (long long)w;
            break;
        }
        case O_COUNTY:
            a->county = v;
            break;
        case O_PART:
            if (!a->parts && !(a->parts = calloc((size_t)argc,
                                                 sizeof *a->parts)))
                return SN_EXIT_INTERNAL;
            a->parts[a->nparts++] = v;
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
    if (sn_cli_scenario_operand(&optset, argc, argv, &a->scen))
        return SN_EXIT_INPUT;
    if (!a->out)
        return sn_cli_usage_error(&optset, "missing -o OUT (the folder for "
                                  "the plan)");
    if (a->year && a->years[0])
        return sn_cli_usage_error(&optset, "give --year or --years, not "
                                  "both");
    if ((a->county || a->nparts) && (a->years[0] || a->jobs))
        return sn_cli_usage_error(&optset, "--%s is for one year in one "
                                  "process: no --years, no --jobs",
                                  a->county ? "county" : "part");
    if (a->county && a->nparts)
        return sn_cli_usage_error(&optset, "give --county or --part, not "
                                  "both");
    return 0;
}

/* One run of `plan` for one year. */
typedef struct plan_run {
    plan_args a;
    sn_network *net;
    int *demand;
    const char *source;  /* "history" or "projection" */
    sn_plan *plan;
    sn_staffing *staff;  /* NULL without teachers in the data */
    sn_outtx *tx;        /* the output folder, from before the solve */
    int county;          /* --county: its index, else -1 */
    sn_plan **parts;     /* --part: one per county, else NULL */
    sn_cli_timing t;
    double t0;
} plan_run;

static int fail(const char *what, const sn_error *err, int code)
{
    fprintf(stderr, "schoolnet plan: %s%s%s\n", what, *what ? ": " : "",
            err->msg);
    return sn_cli_exit_for(code);
}

/* Allocation, then teachers (a quarter of the time and of the work when
 * in the data). */
static int solve(plan_run *r)
{
    sn_allocate_opts o = r->a.o;
    sn_teachers_opts to = SN_TEACHERS_OPTS_INIT;
    sn_error err = {0, ""};
    if (!r->a.quiet && isatty(STDERR_FILENO))
        o.progress = sn_cli_progress;
    to.stop = o.stop;
    if (r->net->nteachers > 0) {
        double total = o.time_limit >= 0 ? o.time_limit
                                         : r->net->sc.time_limit;
        o.time_limit = 0.75 * total;
        to.time_limit = 0.25 * total;
        /* a work budget is split the same way (docs/teachers.md): the
         * pupils' share is what --county/--part runs get too */
        long long work = o.work_limit > 0 ? o.work_limit
                                          : (long long)r->net->sc.work_limit;
        if (work > 0) {
            to.work_limit = sn_teachers_work_share(work);
            o.work_limit = work - to.work_limit;
            if (o.work_limit < 1) /* 0 would mean the scenario's */
                o.work_limit = 1;
        }
        to.mip_gap = o.mip_gap;
        to.heuristic_only = o.heuristic_only;
        to.progress = o.progress;
    }
    double t = sn_clock();
    int year = sn_cli_plan_year(r->net, r->a.year), lrc;
    if (r->county >= 0)
        lrc = sn_cli_plan_county(&r->plan, r->net, r->demand, year, &o,
                                 r->county, &err);
    else if (r->parts)
        lrc = sn_cli_plan_merge(&r->plan, r->net, year, r->parts, &err);
    else
        lrc = sn_cli_plan_counties(&r->plan, r->net, r->demand, year, &o,
                                   r->a.jobs, NULL, &err);
    r->t.allocation = sn_clock() - t;
    if (o.progress)
        fprintf(stderr, "\r\033[K");
    if (lrc)
        return fail("", &err, lrc);
    r->plan->demand_source = r->source;
    if (r->county >= 0) /* a part: the teachers are planned on the merge */
        return 0;
    t = sn_clock();
    if (r->net->nteachers > 0)
        lrc = sn_teachers_solve(&r->staff, r->net, r->plan, &to, &err);
    r->t.teachers = sn_clock() - t;
    if (o.progress)
        fprintf(stderr, "\r\033[K");
    return lrc ? fail("teachers", &err, lrc) : 0;
}

/* The plan files and timing.json into the transaction, then the swap. */
static int write_out(plan_run *r)
{
    sn_error err = {0, ""};
    sn_teachers_out tout = {r->staff, r->net};
    sn_plan_extra extra = sn_teachers_extra(&tout);
    sn_diag rdiag = SN_DIAG_INIT; /* report.html, plan.xlsx, GeoJSON */
    sn_report_out rout = {r->net, r->plan, r->staff ? &extra : NULL, &rdiag};
    sn_plan_extra rextra = sn_report_extra(&rout);
    double t = sn_clock();
    int lrc;
    if (r->county >= 0) { /* a county's part, for --part */
        lrc = sn_cli_part_write(r->plan, r->net, r->county,
                                sn_outtx_path(r->tx), &err);
    } else {
        lrc = sn_plan_write_extra(r->plan, r->net, sn_outtx_path(r->tx),
                                  &rextra, &err);
        if (!r->a.quiet || lrc)
            sn_cli_print_diag(&rdiag);
    }
    sn_diag_dispose(&rdiag);
    r->t.write = sn_clock() - t;
    r->t.total = sn_clock() - r->t0;
    if (lrc == 0)
        lrc = sn_cli_write_timing(sn_outtx_path(r->tx), &r->t, &err);
    if (lrc)
        return fail("", &err, lrc);
    int rc = sn_cli_outtx_commit(r->tx, "plan");
    r->tx = NULL;
    return rc;
}

/* The console report; the exit code of a written plan. */
static int report(plan_run *r)
{
    const sn_plan *p = r->plan;
    long unplaced = 0;
    for (size_t i = 0; i < p->nunplaced; i++)
        unplaced += p->unplaced[i].students;
    if (!r->a.quiet) {
        char gap[32] = "unknown";
        if (isfinite(p->gap))
            snprintf(gap, sizeof gap, "%.2f%%", 100 * p->gap);
        printf("plan %d (%s demand): %s, gap %s, %.1f s -> %s/\n", p->year,
               r->source, sn_plan_status_name(p->status), gap, r->t.total,
               r->a.out);
        sn_cli_print_levels(stdout, p, &r->net->sc);
        if (r->county < 0 &&
            sn_cli_print_table(stdout, r->net, p, r->demand))
            return SN_EXIT_INTERNAL;
    }
    if (unplaced)
        fprintf(stderr, "schoolnet plan: %ld pupils could not be placed "
                        "(see %s/%s)\n", unplaced, r->a.out,
                r->county >= 0 ? "county.json" : "unplaced.csv");
    int rc = unplaced || p->status == SN_PLAN_INFEASIBLE ||
                     p->status == SN_PLAN_UNSOLVED
                 ? SN_EXIT_RESULT
                 : SN_EXIT_OK;
    return sn_cli_signal_exit(rc); /* 130 / 143 after Ctrl-C / SIGTERM */
}

int sn_cmd_plan(int argc, char **argv)
{
    plan_run r;
    memset(&r, 0, sizeof r);
    r.t0 = sn_clock();
    r.source = "history";
    plan_args init = {NULL, NULL, 0, 0, -1, 0, {0, 0}, SN_ALLOCATE_OPTS_INIT,
                      NULL, NULL, 0};
    r.a = init;
    r.county = -1;
    int rc = parse_args(argc, argv, &r.a);
    if (rc) {
        free(r.a.parts);
        return rc < 0 ? SN_EXIT_OK : rc;
    }
    sn_cli_signals_install();
    r.a.o.stop = sn_cli_stop_flag();
    if ((rc = sn_cli_read_network(&r.net, r.a.scen)) != 0) {
        free(r.a.parts);
        return rc;
    }
    if (r.a.divert >= 0)
        r.net->sc.divert = (sn_divert)r.a.divert;
    if (r.a.years[0] > 0) {
        sn_cli_warn_scenario(r.net, r.a.years[0], r.a.years[1]);
        rc = sn_cli_plan_years(r.net, r.a.out, r.a.years[0], r.a.years[1],
                               &r.a.o, r.a.jobs, r.a.quiet);
        sn_network_free(r.net);
        free(r.a.parts);
        return rc;
    }
    int year = sn_cli_plan_year(r.net, r.a.year);
    r.a.year = year;
    sn_cli_warn_scenario(r.net, year, year);
    r.net->sc.hard_cap = sn_scenario_hard_cap(&r.net->sc, year); /* milestones */
    if (r.a.county)
        rc = sn_cli_county_index(r.net, r.a.county, &r.county);
    if (rc == 0 && r.a.nparts &&
        !(r.parts = calloc((size_t)r.net->ncounties + 1, sizeof *r.parts)))
        rc = SN_EXIT_INTERNAL;
    if (rc == 0 && r.a.nparts)
        rc = sn_cli_parts_read(r.parts, r.net, year, r.a.parts, r.a.nparts);
    if (rc == 0 && (rc = sn_cli_demand(&r.demand, r.net, year, &r.source)) == 0 &&
        (rc = sn_cli_outtx_begin(&r.tx, r.a.out, "plan")) == 0) {
        r.t.read = sn_clock() - r.t0;
        if ((rc = solve(&r)) == 0 && (rc = write_out(&r)) == 0)
            rc = report(&r);
    }
    sn_outtx_abort(r.tx);
    sn_staffing_free(r.staff);
    sn_plan_free(r.plan);
    for (int c = 0; r.parts && c < r.net->ncounties; c++)
        sn_plan_free(r.parts[c]);
    free(r.parts);
    free(r.a.parts);
    free(r.demand);
    sn_network_free(r.net);
    return rc;
}
