/* plan_common.c - scenario reading and demand for the planning commands. */
#include "cli/plan_common.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "io/read_network.h"
#include "model/forecast.h"

int sn_cli_read_network(sn_network **out, const char *path)
{
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    int rc = sn_network_read(out, path, &diag, &err);
    sn_cli_print_diag(&diag);
    sn_diag_dispose(&diag);
    if (rc == 0)
        return 0;
    if (rc != SN_EINPUT)
        fprintf(stderr, "schoolnet: %s\n", err.msg);
    return sn_cli_exit_for(rc);
}

int sn_cli_plan_year(const sn_network *net, int year_arg)
{
    if (year_arg > 0)
        return year_arg;
    if (net->sc.year > 0)
        return net->sc.year;
    return net->year_hi + 1;
}

int sn_cli_demand(int **out, const sn_network *net, int year,
                  const char **source)
{
    *out = calloc((size_t)(net->nzones ? net->nzones : 1) * (SN_GRADES + 1),
                  sizeof **out);
    if (!*out) {
        fprintf(stderr, "schoolnet: out of memory\n");
        return SN_EXIT_INTERNAL;
    }
    sn_error err = {0, ""};
    int rc = sn_forecast_demand(*out, net, year, source, &err);
    if (rc) {
        fprintf(stderr, "schoolnet: demand for %d: %s\n", year, err.msg);
        free(*out);
        *out = NULL;
        return sn_cli_exit_for(rc == SN_EUSAGE ? SN_EINPUT : rc);
    }
    return 0;
}

void sn_cli_warn_scenario(const sn_network *net, int first, int last)
{
    const sn_scenario *sc = &net->sc;
    char why[512] = "";
    int all = 1;
    for (int y = first; y <= last && all; y++)
        all = sn_scenario_cap_shadowed(sc, (const char *const *)net->counties,
                                       net->ncounties, y, why, sizeof why);
    if (all && why[0])
        fprintf(stderr, "schoolnet: warning: %s%s\n", why,
                first < last ? " (and in every year of the run)" : "");
    if (sc->weights_given && sc->objective_mode != SN_OBJECTIVE_WEIGHTED)
        fprintf(stderr, "schoolnet: warning: [objective] weight.* has no "
                        "effect: mode is lexicographic (set mode = weighted)\n");
}

int sn_cli_outtx_begin(sn_outtx **tx, const char *out, const char *cmd)
{
    sn_error err = {0, ""};
    int rc = sn_outtx_begin(tx, out, &err);
    if (rc)
        fprintf(stderr, "schoolnet %s: %s\n", cmd, err.msg);
    return rc ? sn_cli_exit_for(rc) : 0;
}

int sn_cli_outtx_commit(sn_outtx *tx, const char *cmd)
{
    sn_error err = {0, ""};
    int rc = sn_outtx_commit(tx, &err);
    if (rc)
        fprintf(stderr, "schoolnet %s: %s\n", cmd, err.msg);
    return rc ? sn_cli_exit_for(rc) : 0;
}
