/* cmd_export.c - `schoolnet export`: the allocation model of one county as
 * CPLEX LP or free MPS, for other solvers and for researchers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/plan_common.h"
#include "solver/allocate.h"

static const char usage[] =
    "usage: schoolnet export SCENARIO (--lp FILE | --mps FILE) [options]\n"
    "  --county NAME      county to export (needed when there are several)\n"
    "  --level K          objective level 1..6 (default 4, cost); levels\n"
    "                     before K are solved first and bounded at their\n"
    "                     optimum, as `plan` does\n"
    "  --year Y           plan year (default: the scenario's year)\n"
    "  --time-limit S     seconds for solving the earlier levels\n"
    "  --work N           work budget for them (as `plan --work`)\n";

int sn_cmd_export(int argc, char **argv)
{
    const char *scen = NULL, *path = NULL, *county = NULL;
    int format = 0, level = 4, year = 0;
    sn_allocate_opts o = SN_ALLOCATE_OPTS_INIT;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        char *end = NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            return SN_EXIT_OK;
        } else if ((!strcmp(a, "--lp") || !strcmp(a, "--mps")) && v) {
            format = !strcmp(a, "--mps");
            path = argv[++i];
        } else if (!strcmp(a, "--county") && v) {
            county = argv[++i];
        } else if (!strcmp(a, "--level") && v) {
            level = (int)strtol(v, &end, 10);
            if (*end || level < 1 || level > SN_LEVELS)
                goto bad;
            i++;
        } else if (!strcmp(a, "--year") && v) {
            year = (int)strtol(v, &end, 10);
            if (*end || year < 1949 || year > 2100)
                goto bad;
            i++;
        } else if (!strcmp(a, "--time-limit") && v) {
            o.time_limit = strtod(v, &end);
            if (*end || !(o.time_limit > 0))
                goto bad;
            i++;
        } else if (!strcmp(a, "--work") && v) {
            double w = strtod(v, &end);
            if (*end || !(w >= 1 && w <= 1e15) || w != floor(w))
                goto bad;
            o.work_limit = (long long)w;
            i++;
        } else if (a[0] != '-' && !scen) {
            scen = a;
        } else {
            fprintf(stderr, "schoolnet export: unexpected argument '%s'\n%s",
                    a, usage);
            return SN_EXIT_INPUT;
        }
        continue;
    bad:
        fprintf(stderr, "schoolnet export: bad value for %s (got '%s')\n", a,
                v);
        return SN_EXIT_INPUT;
    }
    if (!scen || !path) {
        fputs(usage, stderr);
        return SN_EXIT_INPUT;
    }
    sn_network *net = NULL;
    int *demand = NULL, rc;
    if ((rc = sn_cli_read_network(&net, scen)) != 0)
        return rc;
    int c = -1;
    if (county && (c = sn_network_find_county(net, county)) < 0) {
        fprintf(stderr, "schoolnet export: no county '%s' in the data\n",
                county);
        rc = SN_EXIT_INPUT;
        goto done;
    }
    year = sn_cli_plan_year(net, year);
    if ((rc = sn_cli_demand(&demand, net, year, NULL)) != 0)
        goto done;
    sn_error err = {0, ""};
    double constant = 0;
    int lrc = sn_allocate_export(net, demand, year, c, level - 1, format, path,
                                 &o, &constant, &err);
    if (lrc) {
        fprintf(stderr, "schoolnet export: %s\n", err.msg);
        rc = sn_cli_exit_for(lrc);
    } else {
        printf("%s: level %d model written; objective constant %.3f "
               "(add it to the file's optimum)\n", path, level, constant);
    }
done:
    free(demand);
    sn_network_free(net);
    return rc;
}
