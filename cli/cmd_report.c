/* cmd_report.c - `schoolnet report SCENARIO OUT`: rebuilds the report,
 * the workbook and the map layers of a written plan from its files
 * (io/write_report.h), e.g. after changing [report] lang or [map] origin,
 * or for a plan written before reports existed.
 *
 * For a multi-year plan (OUT/timeline.csv) every OUT/<year>/ that holds a
 * plan is rebuilt, then OUT/timeline.html.  Exit: 0 written, 2 bad input
 * or usage (nothing written for that folder), 3 internal failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/plan_common.h"
#include "io/outdir.h"
#include "io/read_plan.h"
#include "io/write_report.h"

static const char usage[] =
    "usage: schoolnet report SCENARIO OUT [--lang zh|en]\n"
    "\n"
    "Rebuilds OUT/report.html, OUT/plan.xlsx and OUT/schools.geojson,\n"
    "zones.geojson, flows.geojson from the plan files in OUT and the inputs\n"
    "of SCENARIO (the scenario.ini or data folder the plan was made for).\n"
    "For a multi-year plan (OUT/timeline.csv) each OUT/<year>/ is rebuilt\n"
    "and OUT/timeline.html written.  --lang overrides [report] lang.\n"
    "exit: 0 written; 2 bad input; 3 internal failure\n";

static int exists(const char *dir, const char *name)
{
    char path[4400];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0;
}

/* The report of the plan in dir. */
static int one(sn_network *net, const char *dir)
{
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    sn_plan *plan = NULL;
    sn_outdir *od = NULL;
    int cap = net->sc.hard_cap;
    int rc = sn_plan_read(&plan, NULL, net, dir, &diag, &err);
    if (rc == 0) {
        net->sc.hard_cap = sn_scenario_hard_cap(&net->sc, plan->year);
        rc = sn_outdir_open(&od, dir, &err);
    }
    if (rc == 0) {
        sn_report_source src = sn_report_dir_source(dir);
        rc = sn_report_write(od, net, plan, &src, &diag, &err);
        if (rc == 0)
            rc = sn_outdir_commit(od, &err);
        else
            sn_outdir_abort(od);
    }
    net->sc.hard_cap = cap;
    sn_cli_print_diag(&diag);
    if (rc && rc != SN_EINPUT)
        fprintf(stderr, "schoolnet report: %s\n", err.msg);
    sn_diag_dispose(&diag);
    sn_plan_free(plan);
    return rc ? sn_cli_exit_for(rc) : SN_EXIT_OK;
}

static int years(sn_network *net, const char *dir)
{
    int rc = SN_EXIT_OK;
    for (int y = 1949; y <= 2100 && rc == SN_EXIT_OK; y++) {
        char sub[4400], name[32];
        snprintf(name, sizeof name, "%d/summary.json", y);
        if (!exists(dir, name))
            continue;
        snprintf(sub, sizeof sub, "%s/%d", dir, y);
        rc = one(net, sub);
    }
    if (rc != SN_EXIT_OK)
        return rc;
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    int lrc = sn_report_timeline_write(net, dir, &diag, &err);
    sn_cli_print_diag(&diag);
    sn_diag_dispose(&diag);
    if (lrc && lrc != SN_EINPUT)
        fprintf(stderr, "schoolnet report: %s\n", err.msg);
    return lrc ? sn_cli_exit_for(lrc) : SN_EXIT_OK;
}

int sn_cmd_report(int argc, char **argv)
{
    const char *pos[2] = {NULL, NULL}, *lang = NULL;
    int npos = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage, stdout);
            return SN_EXIT_OK;
        } else if (!strcmp(argv[i], "--lang") && i + 1 < argc) {
            lang = argv[++i];
            if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) {
                fprintf(stderr, "schoolnet report: bad value for --lang "
                                "(got '%s')\n", lang);
                return SN_EXIT_INPUT;
            }
        } else if (argv[i][0] != '-' && npos < 2) {
            pos[npos++] = argv[i];
        } else {
            fprintf(stderr, "schoolnet report: unexpected argument '%s'\n%s",
                    argv[i], usage);
            return SN_EXIT_INPUT;
        }
    }
    if (npos != 2) {
        fputs(usage, stderr);
        return SN_EXIT_INPUT;
    }
    sn_network *net = NULL;
    int rc = sn_cli_read_network(&net, pos[0]);
    if (rc)
        return rc;
    if (lang)
        net->sc.report_lang = !strcmp(lang, "zh") ? SN_LANG_ZH : SN_LANG_EN;
    if (!exists(pos[1], "summary.json") && exists(pos[1], "timeline.csv"))
        rc = years(net, pos[1]);
    else
        rc = one(net, pos[1]);
    sn_network_free(net);
    return rc;
}
