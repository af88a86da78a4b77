/* cmd_project.c - `schoolnet project`: enrolment projection by zone and
 * grade to OUT/projections.csv, and with --backtest H a backtest of the
 * method against the last H years of history to OUT/backtest.csv.
 *
 * Both files are written through io/outdir (all or nothing) with fixed
 * formats and a fixed row order, so the same input gives identical bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/plan_common.h"
#include "io/outdir.h"
#include "model/forecast.h"

#define DEFAULT_YEARS 5

static const char usage[] =
    "usage: schoolnet project SCENARIO -o OUT [--years N] [--backtest H]\n"
    "  SCENARIO           a scenario.ini or a data folder\n"
    "  -o, --out DIR      where projections.csv (and backtest.csv) go\n"
    "  --years N          years to project after the last history year\n"
    "                     (default 5, or up to the scenario's plan year)\n"
    "  --backtest H       also hide the last H years, project them from the\n"
    "                     rest and score the method against two naive\n"
    "                     baselines: OUT/backtest.csv and a table on stdout\n"
    "  -q, --quiet        no table\n"
    "projections.csv: year,county,zone,grade,students,low80,high80,low95,\n"
    "  high95; zone rows per grade, then county rows (zone empty) per grade\n"
    "  and with grade 'all'.  Method: docs/projection.md.\n"
    "exit: 0 written; 2 bad input or history too short; 3 internal failure\n";

typedef struct args {
    const char *scen, *out;
    int years, backtest, quiet;
} args;

static int parse_int(const char *v, int lo, int hi, int *out)
{
    char *end = NULL;
    long n = v ? strtol(v, &end, 10) : 0;
    if (!v || !*v || *end || n < lo || n > hi)
        return -1;
    *out = (int)n;
    return 0;
}

/* Returns 0 to run, -1 after --help, or an exit code. */
static int parse_args(int argc, char **argv, args *a)
{
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
            fputs(usage, stdout);
            return -1;
        } else if (!strcmp(o, "-q") || !strcmp(o, "--quiet")) {
            a->quiet = 1;
        } else if (!strcmp(o, "-o") || !strcmp(o, "--out")) {
            if (!v)
                goto bad;
            a->out = v;
            i++;
        } else if (!strcmp(o, "--years")) {
            if (parse_int(v, 1, 100, &a->years))
                goto bad;
            i++;
        } else if (!strcmp(o, "--backtest")) {
            if (parse_int(v, 1, 100, &a->backtest))
                goto bad;
            i++;
        } else if (o[0] != '-' && !a->scen) {
            a->scen = o;
        } else {
            fprintf(stderr, "schoolnet project: unexpected argument '%s'\n%s",
                    o, usage);
            return SN_EXIT_INPUT;
        }
        continue;
    bad:
        fprintf(stderr, "schoolnet project: %s needs %s (got '%s')\n", o,
                strcmp(o, "-o") && strcmp(o, "--out")
                    ? "a whole number from 1 to 100" : "a folder",
                v ? v : "nothing");
        return SN_EXIT_INPUT;
    }
    if (!a->scen || !a->out) {
        fprintf(stderr, "schoolnet project: SCENARIO and -o OUT are "
                        "required\n%s", usage);
        return SN_EXIT_INPUT;
    }
    return 0;
}

static void row(FILE *f, int year, const char *county, const char *zone,
                const char *grade, const sn_projection *p)
{
    fprintf(f, "%d,%s,%s,%s,%.3f,%.3f,%.3f,%.3f,%.3f\n", year, county, zone,
            grade, p->students, p->low80, p->high80, p->low95, p->high95);
}

static const char *grade_name(int g)
{
    static const char *const names[] = {"all", "1", "2", "3", "4",
                                        "5", "6", "7", "8", "9"};
    return names[g];
}

/* Year by year; per county: its zones in input order (grades 1-9), then
 * the county's rows for grades 1-9 and "all".  Ids are written as read
 * (the reader rejects commas and quotes in ids). */
static void write_projections(FILE *f, const sn_network *net,
                              const sn_forecast *fc)
{
    sn_projection p;
    fputs("year,county,zone,grade,students,low80,high80,low95,high95\n", f);
    for (int y = sn_forecast_first_year(fc); y <= sn_forecast_last_year(fc);
         y++)
        for (int k = 0; k < net->ncounties; k++) {
            for (int z = 0; z < net->nzones; z++) {
                if (net->zones[z].county != k)
                    continue;
                for (int g = 1; g <= SN_GRADES; g++) {
                    sn_forecast_zone(&p, fc, y, z, g);
                    row(f, y, net->counties[k], net->zones[z].id,
                        grade_name(g), &p);
                }
            }
            for (int g = 1; g <= SN_GRADES + 1; g++) {
                sn_forecast_county(&p, fc, y, k, g % (SN_GRADES + 1));
                row(f, y, net->counties[k], "", grade_name(g % (SN_GRADES + 1)),
                    &p);
            }
        }
}

static void write_backtest(FILE *f, const sn_backtest *bt)
{
    fputs("level,horizon,year,method,n,mape,mspe,cover80,cover95\n", f);
    for (size_t i = 0; i < bt->nrows; i++) {
        const sn_backtest_row *r = &bt->rows[i];
        fprintf(f, "%s,%d,%d,%s,%d,%.3f,%.3f,", sn_bt_level_name(r->level),
                r->horizon, bt->base_year + r->horizon,
                sn_bt_method_name(r->method), r->n, r->mape, r->mspe);
        if (r->cover80 >= 0)
            fprintf(f, "%.3f,%.3f\n", r->cover80, r->cover95);
        else
            fputs(",\n", f);
    }
}

static void print_backtest(const sn_backtest *bt)
{
    static const char *const titles[] = {
        "county totals (MAPE over counties)",
        "county x grade totals (MAPE over cells)",
        "zone totals (weighted APE: sum |P-A| / sum A)"};
    printf("backtest: base year %d, projecting %d-%d; error %% (mean signed "
           "error %%)\n", bt->base_year, bt->base_year + 1,
           bt->base_year + bt->holdout);
    for (int lv = 0; lv < SN_BT_NLEVELS; lv++) {
        printf("\n%s\n%2s %4s  %-17s %-17s %-17s %5s %5s\n", titles[lv], "h",
               "year", "cohort", "last", "trend", "in80", "in95");
        for (int h = 1; h <= bt->holdout; h++) {
            const sn_backtest_row *r =
                &bt->rows[((size_t)lv * bt->holdout + (size_t)(h - 1)) *
                          SN_BT_NMETHODS];
            printf("%2d %4d ", h, bt->base_year + h);
            for (int m = 0; m < SN_BT_NMETHODS; m++) {
                char cell[40];
                snprintf(cell, sizeof cell, "%.2f (%+.2f)", r[m].mape,
                         r[m].mspe);
                printf(" %-17s", cell);
            }
            printf(" %5.2f %5.2f\n", r[0].cover80, r[0].cover95);
        }
    }
}

/* Runs the projection (and the backtest) and publishes the files. */
static int run(const args *a, const sn_network *net)
{
    sn_error err = {0, ""};
    sn_forecast *fc = NULL;
    sn_backtest *bt = NULL;
    sn_outdir *od = NULL;
    int years = a->years;
    if (years <= 0) {
        years = DEFAULT_YEARS;
        if (net->sc.year - net->year_hi > years)
            years = net->sc.year - net->year_hi;
    }
    int rc = sn_forecast_new(&fc, net, net->year_hi, years, &err);
    if (!rc && a->backtest)
        rc = sn_forecast_backtest(&bt, net, a->backtest, &err);
    if (!rc)
        rc = sn_outdir_open(&od, a->out, &err);
    if (!rc) {
        FILE *f = sn_outdir_file(od, "projections.csv", &err);
        if (f)
            write_projections(f, net, fc);
        if (f && bt && (f = sn_outdir_file(od, "backtest.csv", &err)) != NULL)
            write_backtest(f, bt);
        if (f) {
            rc = sn_outdir_commit(od, &err);
        } else {
            rc = err.code ? err.code : SN_EIO;
            sn_outdir_abort(od);
        }
    }
    if (!rc && bt && !a->quiet)
        print_backtest(bt);
    if (rc)
        fprintf(stderr, "schoolnet project: %s\n", err.msg);
    sn_backtest_free(bt);
    sn_forecast_free(fc);
    return rc ? sn_cli_exit_for(rc) : SN_EXIT_OK;
}

int sn_cmd_project(int argc, char **argv)
{
    args a = {NULL, NULL, 0, 0, 0};
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc < 0 ? SN_EXIT_OK : rc;
    sn_network *net = NULL;
    if ((rc = sn_cli_read_network(&net, a.scen)) != 0)
        return rc;
    rc = run(&a, net);
    sn_network_free(net);
    return rc;
}
