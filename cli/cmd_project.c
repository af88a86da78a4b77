/* cmd_project.c - `schoolnet project`: enrolment projection by zone and
 * grade to OUT/projections.csv, and with --backtest H a backtest of the
 * method against the last H years of history to OUT/backtest.csv.
 *
 * OUT is one output transaction (io/outtx.h), begun once the scenario is
 * read and before any projection: an unusable or busy -o is an error at
 * once, and OUT appears whole or not at all (no backtest.csv of an
 * earlier run next to a projection without one).  Fixed formats and a
 * fixed row order: the same input gives identical bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/plan_common.h"
#include "io/outdir.h"
#include "io/outtx.h"
#include "model/forecast.h"

#define DEFAULT_YEARS 5
#define MAX_YEARS 100
#define SN_RETENTION_TARGET 0.988 /* nine-year retention, policy for 2020 */

static const char usage[] =
    "usage: schoolnet project SCENARIO -o OUT [--years N | --year Y]\n"
    "                         [--backtest H]\n"
    "  SCENARIO           a scenario.ini or a data folder\n"
    "  -o, --out DIR      where projections.csv (and backtest.csv) go\n"
    "                     (created; replaced whole at the end; must be new,\n"
    "                     empty or schoolnet's results)\n"
    "  --years N          years to project after the last history year,\n"
    "                     1-100 (default 5, or up to the scenario's plan\n"
    "                     year)\n"
    "  --year Y           project up to year Y (after the last history\n"
    "                     year, at most 100 years after it)\n"
    "  --backtest H       also project from every earlier base year up to H\n"
    "                     years ahead (rolling origins) and score the method\n"
    "                     and two naive baselines: OUT/backtest.csv and a\n"
    "                     table on stdout\n"
    "  -q, --quiet        no table\n"
    "projections.csv: year,county,zone,grade,students,low80,high80,low95,\n"
    "  high95,housing; zone rows per grade, then county rows (zone empty)\n"
    "  per grade and with grade 'all'.  projection_summary.csv: per year and\n"
    "  county the pupils, the housing part and the nine-year retention.\n"
    "  Method: docs/projection.md.\n"
    "exit: 0 written; 2 bad input or usage, history too short, or OUT busy\n"
    "      or not schoolnet's (nothing written); 3 internal failure\n";

typedef struct args {
    const char *scen, *out;
    int years, year, backtest, quiet;
} args;

enum { O_YEARS = 256, O_YEAR, O_BACKTEST };
static const struct option longopts[] = {
    {"out", required_argument, NULL, 'o'},
    {"years", required_argument, NULL, O_YEARS},
    {"year", required_argument, NULL, O_YEAR},
    {"backtest", required_argument, NULL, O_BACKTEST},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};
static const sn_cli_optset optset = {
    "project", "o:qh", longopts,
    "usage: schoolnet project SCENARIO -o OUT [--years N | --year Y] "
    "[--backtest H]\n"};

/* Returns 0 to run, -1 after --help, or an exit code. */
static int parse_args(int argc, char **argv, args *a)
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
            if (!*v)
                return sn_cli_bad_value(&optset, c, v, "a folder");
            a->out = v;
            break;
        case O_YEARS:
            if (sn_cli_int(v, 1, MAX_YEARS, &a->years))
                return sn_cli_bad_value(&optset, c, v,
                                        "a whole number from 1 to 100");
            break;
        case O_YEAR:
            if (sn_cli_int(v, 1949, 2100, &a->year))
                return sn_cli_bad_value(&optset, c, v,
                                        "a year from 1949 to 2100");
            break;
        case O_BACKTEST:
            if (sn_cli_int(v, 1, MAX_YEARS, &a->backtest))
                return sn_cli_bad_value(&optset, c, v,
                                        "a whole number from 1 to 100");
            break;
        }
    }
    if (c < 0)
        return SN_EXIT_INPUT;
    if (sn_cli_scenario_operand(&optset, argc, argv, &a->scen))
        return SN_EXIT_INPUT;
    if (!a->out)
        return sn_cli_usage_error(&optset, "missing -o OUT (the folder for "
                                  "the projection)");
    if (a->year && a->years)
        return sn_cli_usage_error(&optset, "give --year or --years, not "
                                  "both");
    return 0;
}

/* The years to project after the last history year: --years, --year
 * (which must come after the history), or the default.  0 or an exit
 * code after the message. */
static int horizon(int *years, const args *a, const sn_network *net)
{
    if (a->year) {
        int last = net->year_hi + MAX_YEARS < 2100 ? net->year_hi + MAX_YEARS
                                                   : 2100;
        *years = a->year - net->year_hi;
        if (*years < 1 || a->year > last) {
            char what[96];
            snprintf(what, sizeof what, "a year after the last history "
                     "year, %d to %d", net->year_hi + 1, last);
            char v[16];
            snprintf(v, sizeof v, "%d", a->year);
            return sn_cli_bad_value(&optset, O_YEAR, v, what);
        }
        return 0;
    }
    *years = a->years;
    if (*years <= 0) {
        *years = DEFAULT_YEARS;
        if (net->sc.year - net->year_hi > *years)
            *years = net->sc.year - net->year_hi;
    }
    return 0;
}

static void row(FILE *f, int year, const char *county, const char *zone,
                const char *grade, const sn_projection *p)
{
    fprintf(f, "%d,%s,%s,%s,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f\n", year, county,
            zone, grade, p->students, p->low80, p->high80, p->low95,
            p->high95, p->housing);
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
    fputs("year,county,zone,grade,students,low80,high80,low95,high95,"
          "housing\n", f);
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

/* projection_summary.csv: per projected year and county the pupils, the
 * part from new housing, and the nine-year retention (巩固率: grade 9 of
 * the year over grade 1 eight years before; empty when grade 1 was 0). */
static void write_summary(FILE *f, const sn_network *net,
                          const sn_forecast *fc)
{
    fputs("year,county,students,housing,retention,retention_target\n", f);
    for (int y = sn_forecast_first_year(fc); y <= sn_forecast_last_year(fc);
         y++)
        for (int k = 0; k < net->ncounties; k++) {
            sn_projection p;
            double r;
            sn_forecast_county(&p, fc, y, k, 0);
            fprintf(f, "%d,%s,%.3f,%.3f,", y, net->counties[k], p.students,
                    p.housing);
            if (sn_forecast_retention(&r, fc, y, k) == 0)
                fprintf(f, "%.4f", r);
            fprintf(f, ",%.3f\n", SN_RETENTION_TARGET);
        }
}

static void write_backtest(FILE *f, const sn_backtest *bt)
{
    fputs("level,band,horizon,method,n,mape,mspe,ncover,cover80,cover95\n",
          f);
    for (size_t i = 0; i < bt->nrows; i++) {
        const sn_backtest_row *r = &bt->rows[i];
        fprintf(f, "%s,%s,%d,%s,%d,%.3f,%.3f,", sn_bt_level_name(r->level),
                sn_bt_band_name(r->band), r->horizon,
                sn_bt_method_name(r->method), r->n, r->mape, r->mspe);
        if (r->cover80 >= 0)
            fprintf(f, "%d,%.3f,%.3f\n", r->ncover, r->cover80, r->cover95);
        else
            fputs(",,\n", f);
    }
}

static void print_rows(const sn_backtest *bt, sn_bt_level lv, int band)
{
    for (size_t i = 0; i + SN_BT_NMETHODS <= bt->nrows; i += SN_BT_NMETHODS) {
        const sn_backtest_row *r = &bt->rows[i];
        if (r->level != lv || r->band != band)
            continue;
        printf("%2d %6d ", r->horizon, r->n);
        for (int m = 0; m < SN_BT_NMETHODS; m++) {
            char cell[40];
            snprintf(cell, sizeof cell, "%.2f (%+.2f)", r[m].mape, r[m].mspe);
            printf(" %-16s", cell);
        }
        if (r->cover80 >= 0)
            printf(" %5.2f %5.2f\n", r->cover80, r->cover95);
        else
            printf(" %5s %5s\n", "-", "-");
    }
}

static void print_backtest(const sn_backtest *bt)
{
    static const char head[] = " h      n  cohort           last             "
                               "trend             in80  in95\n";
    printf("backtest: origins %d-%d, up to %d years ahead; error %% (mean "
           "signed error %%); in80/in95: share inside the intervals\n",
           bt->first_origin, bt->last_origin, bt->horizon);
    printf("\ncounty totals (MAPE over counties and origins)\n%s", head);
    print_rows(bt, SN_BT_COUNTY, -1);
    printf("\nzone totals (weighted APE: sum |P-A| / sum A)\n%s", head);
    print_rows(bt, SN_BT_ZONE, -1);
    for (int b = 0; b < SN_BT_NBANDS; b++) {
        int any = 0;
        for (size_t i = 0; i < bt->nrows && !any; i++)
            any = bt->rows[i].level == SN_BT_ZONE && bt->rows[i].band == b;
        if (!any)
            continue;
        printf("\nzones of %s pupils\n%s", sn_bt_band_name(b), head);
        print_rows(bt, SN_BT_ZONE, b);
    }
}

static void print_retention(const sn_network *net, const sn_forecast *fc)
{
    int y = sn_forecast_last_year(fc);
    printf("nine-year retention in %d (target %.1f%%):", y,
           100 * SN_RETENTION_TARGET);
    for (int k = 0; k < net->ncounties; k++) {
        double r;
        if (sn_forecast_retention(&r, fc, y, k) == 0)
            printf(" %s %.1f%%", net->counties[k], 100 * r);
        else
            printf(" %s -", net->counties[k]);
    }
    printf("\n");
}

/* The three files into the staging folder; 0 or an error code. */
static int write_files(const char *dir, const sn_network *net,
                       const sn_forecast *fc, const sn_backtest *bt,
                       sn_error *err)
{
    sn_outdir *od = NULL;
    int rc = sn_outdir_open(&od, dir, err);
    if (rc)
        return rc;
    FILE *f = sn_outdir_file(od, "projections.csv", err);
    if (f)
        write_projections(f, net, fc);
    if (f && (f = sn_outdir_file(od, "projection_summary.csv", err)))
        write_summary(f, net, fc);
    if (f && bt && (f = sn_outdir_file(od, "backtest.csv", err)) != NULL)
        write_backtest(f, bt);
    if (!f) {
        sn_outdir_abort(od);
        return err->code ? err->code : SN_EIO;
    }
    return sn_outdir_commit(od, err);
}

/* Runs the projection (and the backtest) into the transaction tx, then
 * publishes the folder. */
static int run(const args *a, const sn_network *net, sn_outtx *tx,
               int years)
{
    sn_error err = {0, ""};
    sn_forecast *fc = NULL;
    sn_backtest *bt = NULL;
    int rc = sn_forecast_new(&fc, net, net->year_hi, years, &err);
    if (!rc && a->backtest)
        rc = sn_forecast_backtest(&bt, net, a->backtest, &err);
    if (!rc)
        rc = write_files(sn_outtx_path(tx), net, fc, bt, &err);
    int code = 0;
    if (rc) {
        fprintf(stderr, "schoolnet project: %s\n", err.msg);
        code = sn_cli_exit_for(rc == SN_EUSAGE ? SN_EINPUT : rc);
        sn_outtx_abort(tx);
    } else {
        code = sn_cli_outtx_commit(tx, "project");
    }
    if (!code && !a->quiet) {
        printf("projection %d-%d from the history %d-%d -> %s/ "
               "(projections.csv, projection_summary.csv%s)\n",
               sn_forecast_first_year(fc), sn_forecast_last_year(fc),
               net->year_lo, net->year_hi, a->out,
               bt ? ", backtest.csv" : "");
        if (!sn_forecast_calibrated(fc))
            printf("note: the history allows no earlier origin, so the "
                   "intervals are counting noise only (too narrow)\n");
        print_retention(net, fc);
        if (bt)
            print_backtest(bt);
    }
    sn_backtest_free(bt);
    sn_forecast_free(fc);
    return code;
}

int sn_cmd_project(int argc, char **argv)
{
    args a = {NULL, NULL, 0, 0, 0, 0};
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc < 0 ? SN_EXIT_OK : rc;
    sn_network *net = NULL;
    if ((rc = sn_cli_read_network(&net, a.scen)) != 0)
        return rc;
    int years = 0;
    sn_outtx *tx = NULL;
    if ((rc = horizon(&years, &a, net)) == 0 &&
        (rc = sn_cli_outtx_begin(&tx, a.out, "project")) == 0)
        rc = run(&a, net, tx, years);
    sn_network_free(net);
    return rc;
}
