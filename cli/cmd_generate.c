/* cmd_generate.c - `schoolnet generate`: a synthetic county or city data
 * set (gen/generate.h) written as a data folder (io/write_network.h).
 *
 * The folder is one output transaction (io/outtx.h), checked and locked
 * before anything is generated: it appears whole or not at all, files of
 * an earlier data set never stay next to the new ones, and a second run
 * writing the same folder fails at once.  A folder that already holds a
 * data set is replaced only with --force, and only when `generate` wrote
 * it (its .schoolnet marker says "data set"), so a typo in -o cannot
 * overwrite a data set of one's own, a plan, or a home folder.  The same
 * arguments give byte-identical files.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/plan_common.h"
#include "io/outtx.h"
#include "io/write_network.h"
#include "gen/generate.h"
#include "gen/generate_classic.h"

static const char usage[] =
    "usage: schoolnet generate -o DIR [OPTIONS]\n"
    "  -o, --out DIR        folder for the CSV files and scenario.ini\n"
    "  --counties N         counties, 1-200 (default 1; named after Yuncheng's\n"
    "                       13 units: Yanhu, Yongji, ... Ruicheng, then\n"
    "                       Yanhu 2, ...; 117 makes a Shanxi-sized province)\n"
    "  --schools N          schools per county, >= 8 (default 60; with\n"
    "                       several counties the mean, scaled by population)\n"
    "  --zones N            zones per county, >= 20 (default 300; likewise)\n"
    "  --years N            years of enrolment history, 2-30 (default 6)\n"
    "  --last-year Y        last history year (default 2017)\n"
    "  --plan-year Y        scenario year, last-year..last-year+10 (default\n"
    "                       2020)\n"
    "  --seed S             random seed, a whole number (default 1)\n"
    "  --county-names A,B   county names instead of Yuncheng's\n"
    "  --equal-size         all counties of the same size\n"
    "  --name TEXT          scenario name\n"
    "  --crowding F         hard county: classrooms cut so today's pupils sit\n"
    "                       F x the standard size (45/50) a class, F in 1-2\n"
    "                       (default 0 = off; 1.3 gives about 60 a class)\n"
    "  --room-ratio R       hard county: classrooms = R x the classes today's\n"
    "                       pupils use, R in 0.1-1 (default 1 = off)\n"
    "  --far-zones P        hard county: share P (0-0.5) of the village zones\n"
    "                       moved beyond walking distance of every school\n"
    "                       (default 0)\n"
    "  --kind KIND          county (default), cflp or pmedian: classic\n"
    "                       location problems as data (docs/search.md)\n"
    "  --sites N            cflp: candidate sites (default 100)\n"
    "  --customers N        cflp: customers (default 1000)\n"
    "  --ratio R            cflp: total capacity / total demand, 1-1000\n"
    "                       (default 5)\n"
    "  --nodes N            pmedian: graph nodes (default 400)\n"
    "  --p P                pmedian: schools to open (default 5)\n"
    "  --force              replace DIR, a data set `generate` wrote before\n"
    "                       (replaced whole; a folder schoolnet did not\n"
    "                       write, or a plan, is never replaced)\n"
    "  -q, --quiet          no summary line\n"
    "DIR is checked and locked before anything is generated, and appears\n"
    "whole or not at all.\n"
    "exit: 0 written; 2 bad arguments, or DIR not empty (without --force),\n"
    "      not schoolnet's, or written by another run now; 3 internal\n"
    "      failure\n";

#define MAX_NAMES SN_GENERATE_MAX_COUNTIES

enum { KIND_COUNTY, KIND_CFLP, KIND_PMEDIAN };

typedef struct args {
    sn_generate_opts o;
    int kind;
    sn_cflp_opts cflp;
    sn_pmedian_opts pmed;
    const char *out;
    int force, quiet;
    char *names_buf;            /* owned copy of --county-names */
    const char *names[MAX_NAMES];
} args;

/* A seed: decimal digits only (no sign, no other base). */
static int parse_seed(const char *v, unsigned long long *out)
{
    char *end = NULL;
    errno = 0;
    if (!v || *v < '0' || *v > '9')
        return -1;
    unsigned long long n = strtoull(v, &end, 10);
    if (*end || errno)
        return -1;
    *out = n;
    return 0;
}

/* Splits "A,B,C" into a->names.  Returns 0 or -1 (empty name, too many). */
static int parse_names(const char *v, args *a)
{
    free(a->names_buf);
    a->names_buf = v ? strdup(v) : NULL;
    if (!a->names_buf)
        return -1;
    int n = 0;
    for (char *p = a->names_buf;;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (!*p || n == MAX_NAMES)
            return -1;
        a->names[n++] = p;
        if (!comma)
            break;
        p = comma + 1;
    }
    a->o.county_names = a->names;
    a->o.ncounty_names = n;
    return 0;
}

enum { O_COUNTIES = 256, O_SCHOOLS, O_ZONES, O_YEARS, O_LAST, O_PLAN,
       O_SEED, O_NAMES, O_EQUAL, O_NAME, O_FORCE, O_CROWDING, O_ROOMS,
       O_FAR, O_KIND, O_SITES, O_CUSTOMERS, O_RATIO, O_NODES, O_P };
static const struct option longopts[] = {
    {"out", required_argument, NULL, 'o'},
    {"counties", required_argument, NULL, O_COUNTIES},
    {"schools", required_argument, NULL, O_SCHOOLS},
    {"zones", required_argument, NULL, O_ZONES},
    {"years", required_argument, NULL, O_YEARS},
    {"last-year", required_argument, NULL, O_LAST},
    {"plan-year", required_argument, NULL, O_PLAN},
    {"seed", required_argument, NULL, O_SEED},
    {"county-names", required_argument, NULL, O_NAMES},
    {"equal-size", no_argument, NULL, O_EQUAL},
    {"name", required_argument, NULL, O_NAME},
    {"force", no_argument, NULL, O_FORCE},
    {"crowding", required_argument, NULL, O_CROWDING},
    {"room-ratio", required_argument, NULL, O_ROOMS},
    {"far-zones", required_argument, NULL, O_FAR},
    {"kind", required_argument, NULL, O_KIND},
    {"sites", required_argument, NULL, O_SITES},
    {"customers", required_argument, NULL, O_CUSTOMERS},
    {"ratio", required_argument, NULL, O_RATIO},
    {"nodes", required_argument, NULL, O_NODES},
    {"p", required_argument, NULL, O_P},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};
static const sn_cli_optset optset = {
    "generate", "o:qh", longopts,
    "usage: schoolnet generate -o DIR [OPTIONS]\n"};

/* A whole number option into *out; its error message on failure. */
static int whole(int key, const char *v, long lo, long hi, int *out)
{
    if (sn_cli_int(v, lo, hi, out) == 0)
        return 0;
    char what[80];
    snprintf(what, sizeof what, "a whole number from %ld to %ld", lo, hi);
    return sn_cli_bad_value(&optset, key, v, what);
}

/* Returns 0 to run, -1 after --help, or an exit code. */
static int parse_args(int argc, char **argv, args *a)
{
    const char *v;
    int c, rc = 0;
    sn_cli_opts_begin();
    while (rc == 0 && (c = sn_cli_next_opt(&optset, argc, argv, &v)) > 0) {
        switch (c) {
        case 'h':
            fputs(usage, stdout);
            return -1;
        case 'q':
            a->quiet = 1;
            break;
        case O_FORCE:
            a->force = 1;
            break;
        case O_EQUAL:
            a->o.vary_size = 0;
            break;
        case 'o':
            if (!*v)
                return sn_cli_bad_value(&optset, c, v, "a folder");
            a->out = v;
            break;
        case O_COUNTIES:
            rc = whole(c, v, 1, SN_GENERATE_MAX_COUNTIES, &a->o.counties);
            break;
        case O_SCHOOLS:
            rc = whole(c, v, 8, 5000, &a->o.schools);
            break;
        case O_ZONES:
            rc = whole(c, v, 20, 50000, &a->o.zones);
            break;
        case O_YEARS:
            rc = whole(c, v, 2, 30, &a->o.years);
            break;
        case O_LAST:
            rc = whole(c, v, 1980, 2090, &a->o.last_year);
            break;
        case O_PLAN:
            rc = whole(c, v, 1980, 2100, &a->o.plan_year);
            break;
        case O_SEED:
            if (parse_seed(v, &a->o.seed))
                return sn_cli_bad_value(&optset, c, v, "a whole number >= 0");
            break;
        case O_NAMES:
            if (parse_names(v, a))
                return sn_cli_bad_value(&optset, c, v, "names separated by "
                                        "commas, none empty");
            break;
        case O_CROWDING:
            if (sn_cli_double(v, 0, 2, &a->o.crowding) ||
                (a->o.crowding > 0 && a->o.crowding < 1))
                return sn_cli_bad_value(&optset, c, v, "0 (off) or a number "
                                        "from 1 to 2");
            break;
        case O_ROOMS:
            if (sn_cli_double(v, 0.1, 1, &a->o.room_ratio))
                return sn_cli_bad_value(&optset, c, v,
                                        "a number from 0.1 to 1");
            break;
        case O_FAR:
            if (sn_cli_double(v, 0, 0.5, &a->o.far_zones))
                return sn_cli_bad_value(&optset, c, v,
                                        "a number from 0 to 0.5");
            break;
        case O_KIND:
            if (strcmp(v, "county") && strcmp(v, "cflp") &&
                strcmp(v, "pmedian"))
                return sn_cli_bad_value(&optset, c, v,
                                        "county, cflp or pmedian");
            a->kind = !strcmp(v, "cflp")      ? KIND_CFLP
                      : !strcmp(v, "pmedian") ? KIND_PMEDIAN
                                              : KIND_COUNTY;
            break;
        case O_SITES:
            rc = whole(c, v, 2, 2000, &a->cflp.sites);
            break;
        case O_CUSTOMERS:
            rc = whole(c, v, 2, 20000, &a->cflp.customers);
            break;
        case O_RATIO:
            if (sn_cli_double(v, 1, 1000, &a->cflp.ratio))
                return sn_cli_bad_value(&optset, c, v,
                                        "a number from 1 to 1000");
            break;
        case O_NODES:
            rc = whole(c, v, 10, 2000, &a->pmed.nodes);
            break;
        case O_P:
            rc = whole(c, v, 1, 2000, &a->pmed.p);
            break;
        case O_NAME:
            if (!*v)
                return sn_cli_bad_value(&optset, c, v, "a non-empty name");
            a->o.name = v;
            break;
        }
    }
    if (rc)
        return rc;
    if (c < 0)
        return SN_EXIT_INPUT;
    if (optind < argc)
        return sn_cli_usage_error(&optset, "unexpected argument '%s'",
                                  argv[optind]);
    if (!a->out)
        return sn_cli_usage_error(&optset, "-o DIR is required");
    return 0;
}

/* The transaction on a->out, before any work: a usable folder, not busy,
 * empty or (with --force) a data set `generate` wrote. */
static int begin(sn_outtx **tx, const args *a)
{
    sn_error err = {0, ""};
    int rc = sn_outtx_begin_kind(tx, a->out, SN_OUTTX_DATA, &err);
    if (rc) {
        fprintf(stderr, "schoolnet generate: %s\n", err.msg);
        return sn_cli_exit_for(rc);
    }
    if (!a->force && sn_outtx_target_has_files(*tx)) {
        fprintf(stderr, "schoolnet generate: %s holds a data set already "
                        "(use --force to replace it whole)\n", a->out);
        sn_outtx_abort(*tx);
        *tx = NULL;
        return SN_EXIT_INPUT;
    }
    return 0;
}

static int run(args *a)
{
    sn_outtx *tx = NULL;
    int rc = begin(&tx, a);
    if (rc)
        return rc;
    sn_error err = {0, ""};
    sn_network *net = NULL;
    a->cflp.seed = a->pmed.seed = a->o.seed;
    rc = a->kind == KIND_CFLP      ? sn_generate_cflp(&net, &a->cflp, &err)
         : a->kind == KIND_PMEDIAN ? sn_generate_pmedian(&net, &a->pmed, &err)
                                   : sn_generate(&net, &a->o, &err);
    if (rc == 0)
        rc = sn_network_write(net, sn_outtx_path(tx), &err);
    if (rc) {
        fprintf(stderr, "schoolnet generate: %s\n", err.msg);
        sn_outtx_abort(tx);
        sn_network_free(net);
        return sn_cli_exit_for(rc);
    }
    if ((rc = sn_cli_outtx_commit(tx, "generate")) != 0) {
        sn_network_free(net);
        return rc;
    }
    if (!a->quiet)
        printf("wrote %s: %d %s, %d schools, %d zones, %d teachers, "
               "history %d-%d, plan year %d\n", a->out, net->ncounties,
               net->ncounties == 1 ? "county" : "counties", net->nschools,
               net->nzones, net->nteachers, net->year_lo, net->year_hi,
               net->sc.year);
    sn_network_free(net);
    return SN_EXIT_OK;
}

int sn_cmd_generate(int argc, char **argv)
{
    args a;
    memset(&a, 0, sizeof a);
    sn_generate_opts init = SN_GENERATE_OPTS_INIT;
    a.o = init;
    a.cflp = (sn_cflp_opts){100, 1000, 5.0, 1};
    a.pmed = (sn_pmedian_opts){400, 5, 1};
    int rc = parse_args(argc, argv, &a);
    if (rc == 0)
        rc = run(&a);
    else if (rc < 0)
        rc = SN_EXIT_OK;
    free(a.names_buf);
    return rc;
}
