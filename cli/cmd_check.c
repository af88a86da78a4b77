/* cmd_check.c - `schoolnet check SCENARIO OUT`: re-reads the inputs and a
 * written plan and verifies every rule (model/check).
 *
 * stdout: one line per violation, or "plan holds: N rules checked";
 * stderr: input errors and a one-line count of violations.
 * Exit: 0 the plan holds, 1 violations, 2 bad input or usage, 3 internal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/plan_common.h"
#include "io/read_plan.h"
#include "io/stayers.h"
#include "io/read_teachers.h"
#include "model/check.h"
#include "model/check_teachers.h"

static const char usage[] =
    "usage: schoolnet check SCENARIO OUT\n"
    "\n"
    "Verifies the plan written in folder OUT against the inputs of SCENARIO\n"
    "(a scenario.ini or a data folder): every pupil counted, schools that\n"
    "teach the grade and are open, reach, classrooms, class sizes, seats,\n"
    "beds, closures, and every number the plan states.  A year of a\n"
    "multi-year plan (OUT/<year>) also has stayers.csv, the pupils carried\n"
    "over from the year before: they are checked at their school.\n"
    "The rules are in\n"
    "docs/checker.md.  Prints one line per violation (exit 1), or\n"
    "'plan holds: N rules checked' (exit 0).\n"
    "exit: 0 the plan holds; 1 violations; 2 bad input or usage (the inputs\n"
    "      or the plan files cannot be read); 3 internal failure\n";

static const struct option longopts[] = {
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};
static const sn_cli_optset optset = {"check", "h", longopts,
                                     "usage: schoolnet check SCENARIO OUT\n"};

static int read_plan(sn_plan **plan, sn_kpi *written, const sn_network *net,
                     const char *dir)
{
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    int rc = sn_plan_read(plan, written, net, dir, &diag, &err);
    sn_cli_print_diag(&diag);
    sn_diag_dispose(&diag);
    if (rc == 0)
        return 0;
    if (rc != SN_EINPUT)
        fprintf(stderr, "schoolnet: %s\n", err.msg);
    return sn_cli_exit_for(rc);
}

static int report(const sn_check_report *rep)
{
    for (size_t i = 0; i < rep->nviolations; i++)
        printf("%s\n", rep->violations[i]);
    if (rep->lost)
        fprintf(stderr, "schoolnet: out of memory: %zu violation lines lost\n",
                rep->lost);
    size_t total = rep->nviolations + rep->lost;
    if (total == 0) {
        printf("plan holds: %zu rules checked\n", rep->rules_checked);
        if (rep->reported_over_cap > 0)
            printf("classes above the hard cap (shortfall.csv says what "
                   "would fix them): %ld\n", rep->reported_over_cap);
        return SN_EXIT_OK;
    }
    fprintf(stderr, "schoolnet: %zu violations (%zu rules checked)\n",
            total, rep->rules_checked);
    return SN_EXIT_RESULT;
}

/* The teacher files (docs/teachers.md) when the data have teachers and
 * the plan has them. */
static int check_teachers(sn_check_report *rep, const sn_network *net,
                          const sn_plan *plan, const char *dir,
                          sn_error *err, int *exit_code)
{
    if (!sn_teacher_files_present(dir))
        return 0; /* a plan without teacher files (plan --years writes
                   * none yet): nothing to check */
    sn_teacher_files *tf = NULL;
    sn_diag diag = SN_DIAG_INIT;
    int rc = sn_teacher_files_read(&tf, net, dir, &diag, err);
    sn_cli_print_diag(&diag);
    sn_diag_dispose(&diag);
    if (rc == SN_EINPUT) {
        *exit_code = SN_EXIT_INPUT;
        return 0;
    }
    if (rc == 0)
        rc = sn_teachers_check(rep, net, plan, tf, err);
    sn_teacher_files_free(tf);
    return rc;
}

int sn_cmd_check(int argc, char **argv)
{
    const char *v;
    int k;
    sn_cli_opts_begin();
    while ((k = sn_cli_next_opt(&optset, argc, argv, &v)) > 0)
        if (k == 'h') {
            fputs(usage, stdout);
            return SN_EXIT_OK;
        }
    if (k < 0)
        return SN_EXIT_INPUT;
    if (argc - optind != 2)
        return sn_cli_usage_error(&optset, argc - optind < 2
                                  ? "needs SCENARIO and OUT"
                                  : "unexpected argument '%s'",
                                  argv[optind + 2 < argc ? optind + 2 : 0]);
    argv += optind - 1; /* argv[1] SCENARIO, argv[2] OUT, as below */
    sn_network *net = NULL;
    sn_plan *plan = NULL;
    sn_kpi written;
    sn_assignment *stay = NULL;
    size_t nstay = 0;
    int rc = sn_cli_read_network(&net, argv[1]);
    if (rc == 0)
        rc = read_plan(&plan, &written, net, argv[2]);
    if (rc == 0) {
        sn_diag diag = SN_DIAG_INIT;
        sn_error err = {0, ""};
        int present, src = sn_stayers_read(&stay, &nstay, &present, net,
                                           argv[2], &diag, &err);
        sn_cli_print_diag(&diag);
        sn_diag_dispose(&diag);
        if (src != 0 && src != SN_EINPUT)
            fprintf(stderr, "schoolnet: %s\n", err.msg);
        if (src != 0)
            rc = sn_cli_exit_for(src);
    }
    if (rc == 0) {
        sn_check_report rep;
        sn_error err = {0, ""};
        int crc = sn_plan_check_stayers(&rep, net, plan, &written, stay,
                                        nstay, &err);
        if (crc == 0 && net->nteachers > 0)
            crc = check_teachers(&rep, net, plan, argv[2], &err, &rc);
        if (rc != 0) {
            /* the teacher files could not be read (reported) */
        } else if (crc != 0) {
            fprintf(stderr, "schoolnet: %s\n", err.msg);
            rc = sn_cli_exit_for(crc == SN_EUSAGE ? SN_EINPUT : crc);
        } else {
            rc = report(&rep);
        }
        sn_check_report_dispose(&rep);
    }
    free(stay);
    sn_plan_free(plan);
    sn_network_free(net);
    return rc;
}
