/* cmd_export.c - `schoolnet export`: the allocation model of one county as
 * CPLEX LP or free MPS, for other solvers and for researchers. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/plan_common.h"
#include "solver/allocate.h"

static const char usage[] =
    "usage: schoolnet export SCENARIO (--lp FILE | --mps FILE) [options]\n"
    "  --lp FILE, --mps FILE  the model as CPLEX LP or free MPS\n"
    "  --county NAME      county to export (needed when there are several)\n"
    "  --level K          objective level 1..6 in the scenario's order\n"
    "                     (default: the cost level, 3 in the default\n"
    "                     order); levels before K are solved first and\n"
    "                     bounded at their optimum, as `plan` does\n"
    "  --year Y           plan year (default: the scenario's year)\n"
    "  --time-limit S     seconds for solving the earlier levels\n"
    "  --work N           work budget for them (as `plan --work`)\n"
    "FILE is written beside itself first and renamed into place at the end\n"
    "(checked before the earlier levels are solved).\n"
    "exit: 0 written; 2 bad input or usage (unknown county, the model is\n"
    "      infeasible before level K, FILE not writable); 3 internal\n"
    "      failure\n";

enum { O_LP = 256, O_MPS, O_COUNTY, O_LEVEL, O_YEAR, O_TIME, O_WORK };
static const struct option longopts[] = {
    {"lp", required_argument, NULL, O_LP},
    {"mps", required_argument, NULL, O_MPS},
    {"county", required_argument, NULL, O_COUNTY},
    {"level", required_argument, NULL, O_LEVEL},
    {"year", required_argument, NULL, O_YEAR},
    {"time-limit", required_argument, NULL, O_TIME},
    {"work", required_argument, NULL, O_WORK},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};
static const sn_cli_optset optset = {
    "export", "h", longopts,
    "usage: schoolnet export SCENARIO (--lp FILE | --mps FILE) [options]\n"};

/* A temporary beside path, created now: the folder is writable. */
static int make_tmp(char *tmp, size_t n, const char *path)
{
    if (strlen(path) + 32 > n || !*path)
        return sn_cli_usage_error(&optset, "bad output file name (got "
                                  "'%.60s')", path);
    snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return sn_cli_usage_error(&optset, "%s: exists and is not a regular "
                                  "file", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        fprintf(stderr, "schoolnet export: %s: cannot write: %s\n", path,
                strerror(errno));
        return SN_EXIT_INPUT;
    }
    close(fd);
    return 0;
}

int sn_cmd_export(int argc, char **argv)
{
    const char *scen = NULL, *path = NULL, *county = NULL, *v;
    int format = 0, level = 0, year = 0, k; /* 0: the cost level */
    sn_allocate_opts o = SN_ALLOCATE_OPTS_INIT;
    sn_cli_opts_begin();
    while ((k = sn_cli_next_opt(&optset, argc, argv, &v)) > 0) {
        switch (k) {
        case 'h':
            fputs(usage, stdout);
            return SN_EXIT_OK;
        case O_LP:
        case O_MPS:
            if (path)
                return sn_cli_usage_error(&optset, "give one of --lp and "
                                          "--mps, once");
            format = k == O_MPS;
            path = v;
            break;
        case O_COUNTY:
            county = v;
            break;
        case O_LEVEL:
            if (sn_cli_int(v, 1, SN_LEVELS, &level))
                return sn_cli_bad_value(&optset, k, v, "a level from 1 to 6");
            break;
        case O_YEAR:
            if (sn_cli_int(v, 1949, 2100, &year))
                return sn_cli_bad_value(&optset, k, v,
                                        "a year from 1949 to 2100");
            break;
        case O_TIME:
            if (sn_cli_double(v, 1e-3, 1e7, &o.time_limit))
                return sn_cli_bad_value(&optset, k, v,
                                        "seconds from 0.001 to 1e7");
            break;
        case O_WORK: {
            double w;
            if (sn_cli_double(v, 1, 1e15, &w) || w != floor(w))
                return sn_cli_bad_value(&optset, k, v,
                                        "a whole number of work units "
                                        "from 1 to 1e15");
            o.work_limit = (long long)w;
            break;
        }
        }
    }
    if (k < 0)
        return SN_EXIT_INPUT;
    if (sn_cli_scenario_operand(&optset, argc, argv, &scen))
        return SN_EXIT_INPUT;
    if (!path)
        return sn_cli_usage_error(&optset, "missing --lp or --mps");
    sn_network *net = NULL;
    int *demand = NULL, rc, lrc, c = -1;
    sn_error err = {0, ""};
    double constant = 0;
    char tmp[4200] = "";
    if ((rc = sn_cli_read_network(&net, scen)) != 0)
        return rc;
    if (county && (c = sn_network_find_county(net, county)) < 0) {
        fprintf(stderr, "schoolnet export: no county '%s' in the data\n",
                county);
        rc = SN_EXIT_INPUT;
        goto done;
    }
    year = sn_cli_plan_year(net, year);
    if (level == 0 && net->sc.objective_mode == SN_OBJECTIVE_WEIGHTED)
        level = 1; /* the weighted sum: the one level */
    for (int i = 0; level == 0 && i < SN_LEVELS; i++)
        if (net->sc.objective_order[i] == SN_LEVEL_COST)
            level = i + 1;
    if ((rc = sn_cli_demand(&demand, net, year, NULL)) != 0 ||
        (rc = make_tmp(tmp, sizeof tmp, path)) != 0)
        goto done;
    lrc = sn_allocate_export(net, demand, year, c, level - 1, format, tmp,
                             &o, &constant, &err);
    if (lrc == 0 && rename(tmp, path) != 0)
        lrc = sn_error_set(&err, SN_EIO, "%s: cannot rename into place: %s",
                           path, strerror(errno));
    if (lrc) {
        fprintf(stderr, "schoolnet export: %s\n", err.msg);
        rc = sn_cli_exit_for(lrc);
    } else {
        printf("%s: level %d model written; objective constant %.3f "
               "(add it to the file's optimum)\n", path, level, constant);
    }
done:
    if (tmp[0])
        unlink(tmp); /* gone after the rename */
    free(demand);
    sn_network_free(net);
    return rc;
}
