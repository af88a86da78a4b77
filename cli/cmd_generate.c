/* cmd_generate.c - `schoolnet generate`: a synthetic county or city data
 * set (gen/generate.h) written as a data folder (io/write_network.h).
 *
 * Refuses to write into a folder that already holds files unless --force,
 * so a typo in -o cannot overwrite a real data set.  The same arguments
 * give byte-identical files.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "io/write_network.h"
#include "gen/generate.h"
#include "gen/generate_classic.h"

static const char usage[] =
    "usage: schoolnet generate -o DIR [OPTIONS]\n"
    "  -o, --out DIR        folder for the CSV files and scenario.ini\n"
    "  --counties N         counties, 1-99 (default 1; named after Yuncheng's\n"
    "                       13 units: Yanhu, Yongji, ... Ruicheng)\n"
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
    "  --kind KIND          county (default), cflp or pmedian: classic\n"
    "                       location problems as data (docs/search.md)\n"
    "  --sites N            cflp: candidate sites (default 100)\n"
    "  --customers N        cflp: customers (default 1000)\n"
    "  --ratio R            cflp: total capacity / total demand (default 5)\n"
    "  --nodes N            pmedian: graph nodes (default 400)\n"
    "  --p P                pmedian: schools to open (default 5)\n"
    "  --force              write into a folder that already holds files\n"
    "  -q, --quiet          no summary line\n"
    "exit: 0 written; 2 bad arguments or DIR not empty; 3 internal failure\n";

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

static int parse_int(const char *v, long lo, long hi, int *out)
{
    char *end = NULL;
    errno = 0;
    long n = v ? strtol(v, &end, 10) : 0;
    if (!v || !*v || *end || errno || n < lo || n > hi)
        return -1;
    *out = (int)n;
    return 0;
}

static int parse_seed(const char *v, unsigned long long *out)
{
    char *end = NULL;
    errno = 0;
    if (!v || !*v || *v == '-')
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

/* Returns 0 to run, -1 after --help, or an exit code. */
static int parse_args(int argc, char **argv, args *a)
{
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int bad = 0, takes = 1;
        if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
            fputs(usage, stdout);
            return -1;
        } else if (!strcmp(o, "-q") || !strcmp(o, "--quiet")) {
            a->quiet = 1, takes = 0;
        } else if (!strcmp(o, "--force")) {
            a->force = 1, takes = 0;
        } else if (!strcmp(o, "--equal-size")) {
            a->o.vary_size = 0, takes = 0;
        } else if (!strcmp(o, "-o") || !strcmp(o, "--out")) {
            bad = !v || !*v;
            a->out = v;
        } else if (!strcmp(o, "--counties")) {
            bad = parse_int(v, 1, SN_GENERATE_MAX_COUNTIES, &a->o.counties);
        } else if (!strcmp(o, "--schools")) {
            bad = parse_int(v, 8, 5000, &a->o.schools);
        } else if (!strcmp(o, "--zones")) {
            bad = parse_int(v, 20, 50000, &a->o.zones);
        } else if (!strcmp(o, "--years")) {
            bad = parse_int(v, 2, 30, &a->o.years);
        } else if (!strcmp(o, "--last-year")) {
            bad = parse_int(v, 1980, 2090, &a->o.last_year);
        } else if (!strcmp(o, "--plan-year")) {
            bad = parse_int(v, 1980, 2100, &a->o.plan_year);
        } else if (!strcmp(o, "--seed")) {
            bad = parse_seed(v, &a->o.seed);
        } else if (!strcmp(o, "--county-names")) {
            bad = parse_names(v, a);
        } else if (!strcmp(o, "--kind")) {
            bad = !v || (strcmp(v, "county") && strcmp(v, "cflp") &&
                         strcmp(v, "pmedian"));
            if (!bad)
                a->kind = !strcmp(v, "cflp")      ? KIND_CFLP
                          : !strcmp(v, "pmedian") ? KIND_PMEDIAN
                                                  : KIND_COUNTY;
        } else if (!strcmp(o, "--sites")) {
            bad = parse_int(v, 2, 2000, &a->cflp.sites);
        } else if (!strcmp(o, "--customers")) {
            bad = parse_int(v, 2, 20000, &a->cflp.customers);
        } else if (!strcmp(o, "--ratio")) {
            char *end = NULL;
            a->cflp.ratio = v ? strtod(v, &end) : 0;
            bad = !v || !*v || *end || !(a->cflp.ratio >= 1 &&
                                         a->cflp.ratio <= 1000);
        } else if (!strcmp(o, "--nodes")) {
            bad = parse_int(v, 10, 2000, &a->pmed.nodes);
        } else if (!strcmp(o, "--p")) {
            bad = parse_int(v, 1, 2000, &a->pmed.p);
        } else if (!strcmp(o, "--name")) {
            bad = !v || !*v;
            a->o.name = v;
        } else {
            fprintf(stderr, "schoolnet generate: unexpected argument '%s'\n%s",
                    o, usage);
            return SN_EXIT_INPUT;
        }
        if (bad) {
            fprintf(stderr, "schoolnet generate: %s needs %s (got '%s')\n%s",
                    o, !strcmp(o, "--county-names") ? "names separated by commas"
                       : !strcmp(o, "-o") || !strcmp(o, "--out") ||
                               !strcmp(o, "--name")
                           ? "a value"
                           : "a whole number in range",
                    v ? v : "nothing", usage);
            return SN_EXIT_INPUT;
        }
        i += takes;
    }
    if (!a->out) {
        fprintf(stderr, "schoolnet generate: -o DIR is required\n%s", usage);
        return SN_EXIT_INPUT;
    }
    return 0;
}

/* 1 when dir exists and holds any entry, 0 when absent or empty. */
static int has_files(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    int any = 0;
    while (!any && (e = readdir(d)) != NULL)
        any = strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return any;
}

static int run(args *a)
{
    if (!a->force && has_files(a->out)) {
        fprintf(stderr, "schoolnet generate: %s is not empty (use --force "
                        "to write into it)\n", a->out);
        return SN_EXIT_INPUT;
    }
    sn_error err = {0, ""};
    sn_network *net = NULL;
    a->cflp.seed = a->pmed.seed = a->o.seed;
    int rc = a->kind == KIND_CFLP      ? sn_generate_cflp(&net, &a->cflp, &err)
             : a->kind == KIND_PMEDIAN ? sn_generate_pmedian(&net, &a->pmed,
                                                             &err)
                                       : sn_generate(&net, &a->o, &err);
    if (rc == 0)
        rc = sn_network_write(net, a->out, &err);
    if (rc) {
        fprintf(stderr, "schoolnet generate: %s\n", err.msg);
        sn_network_free(net);
        return sn_cli_exit_for(rc);
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
