/* cmd_validate.c - `schoolnet validate SCENARIO`: read a data set, print
 * every error (exit 2), or a per-county summary and warnings (exit 0).
 *
 * The summary goes to stdout, messages to stderr, so a script can keep the
 * summary and still see problems.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/plan_common.h"
#include "io/read_network.h"
#include "model/summary.h"

static const char usage[] =
    "usage: schoolnet validate SCENARIO\n"
    "  SCENARIO    a scenario.ini or a data folder (default scenario)\n"
    "Reads every file of the data set and reports each error as\n"
    "path:line:column: message (got 'value').  When the data are valid,\n"
    "prints per county: schools by stage and status, zones, pupils of the\n"
    "plan year (or of the last history year), classrooms, seats, boarding\n"
    "beds and teachers by subject, then warnings about zones no school can\n"
    "reach.  Files and columns: docs/data-format.md.\n"
    "The demand of the plan year is computed as `plan` does, so data that\n"
    "`plan` would refuse (a plan year before the history, ...) fail here.\n"
    "exit: 0 valid (warnings allowed); 2 errors in the data or bad usage;\n"
    "      3 internal failure\n";

static const char *const status_word[] = {"open", "candidate"};

static void print_schools(const sn_county_summary *c)
{
    printf("  schools:");
    int any = 0;
    for (int st = 0; st < 3; st++) {
        for (int k = 0; k < 2; k++) {
            if (!c->schools[st][k])
                continue;
            printf("%s %d %s %s", any ? "," : "", c->schools[st][k],
                   sn_stage_name((sn_stage)st), status_word[k]);
            any = 1;
        }
    }
    printf("%s\n", any ? "" : " none");
}

static void print_county(const sn_network *net, const sn_summary *s, int k)
{
    const sn_county_summary *c = &s->county[k];
    printf("county %s\n", net->counties[k]);
    print_schools(c);
    printf("  zones: %d\n", c->zones);
    if (s->year_source != SN_SUMMARY_NO_HISTORY)
        printf("  pupils %d: primary %ld (migrant %ld), junior %ld "
               "(migrant %ld)\n", s->year, c->students[SN_PRIMARY],
               c->migrants[SN_PRIMARY], c->students[SN_JUNIOR],
               c->migrants[SN_JUNIOR]);
    printf("  open schools: %ld classrooms, %ld seats, %ld boarding beds\n",
           c->classrooms, c->seats, c->boarding_beds);
    printf("  teachers: %d", c->teachers);
    int first = 1;
    for (int i = 0; i < net->nsubjects; i++) {
        if (!c->teachers_by_subject[i])
            continue;
        printf("%s%s %d", first ? " (" : ", ", net->subjects[i],
               c->teachers_by_subject[i]);
        first = 0;
    }
    printf("%s\n", first ? "" : ")");
}

static void print_summary(const sn_network *net, const sn_summary *s)
{
    printf("scenario: %s (data: %s)\n", net->sc.name, net->sc.data_dir);
    printf("%d counties, %d schools, %d zones, %d teachers, %d subjects\n",
           net->ncounties, net->nschools, net->nzones, net->nteachers,
           net->nsubjects);
    switch (s->year_source) {
    case SN_SUMMARY_PLAN_YEAR:
        printf("pupils counted for %d, the plan year\n", s->year);
        break;
    case SN_SUMMARY_LAST_HISTORY:
        if (net->sc.year)
            printf("pupils counted for %d, the last history year (the plan "
                   "year %d is outside the history %d-%d)\n", s->year,
                   net->sc.year, net->year_lo, net->year_hi);
        else
            printf("pupils counted for %d, the last history year (the plan "
                   "year is %d)\n", s->year, s->year + 1);
        break;
    default:
        printf("no enrolment history\n");
    }
    for (int k = 0; k < net->ncounties; k++)
        print_county(net, s, k);
}

static const struct option longopts[] = {
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};
static const sn_cli_optset optset = {"validate", "h", longopts,
                                     "usage: schoolnet validate SCENARIO\n"};

int sn_cmd_validate(int argc, char **argv)
{
    const char *scen = NULL, *v;
    int k;
    sn_cli_opts_begin();
    while ((k = sn_cli_next_opt(&optset, argc, argv, &v)) > 0)
        if (k == 'h') {
            fputs(usage, stdout);
            return SN_EXIT_OK;
        }
    if (k < 0)
        return SN_EXIT_INPUT;
    if (sn_cli_scenario_operand(&optset, argc, argv, &scen))
        return SN_EXIT_INPUT;
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    sn_network *net = NULL;
    sn_summary *sum = NULL;
    int rc = sn_network_read(&net, scen, &diag, &err);
    if (rc == 0)
        rc = sn_summary_new(&sum, net, &diag);
    sn_cli_print_diag(&diag);
    int code, *demand = NULL;
    if (rc == 0 && (code = sn_cli_demand(&demand, net,
                                         sn_cli_plan_year(net, 0), NULL))) {
        /* what `plan` would refuse after reading: the plan year's demand */
        fprintf(stderr, "schoolnet validate: the data cannot be planned\n");
    } else if (rc == SN_EINPUT) {
        fprintf(stderr, "schoolnet validate: %zu errors, %zu warnings\n",
                diag.errors, diag.warnings);
        code = SN_EXIT_INPUT;
    } else if (rc) {
        fprintf(stderr, "schoolnet validate: %s\n",
                err.msg[0] ? err.msg : sn_error_str(rc));
        code = sn_cli_exit_for(rc);
    } else {
        print_summary(net, sum);
        printf("valid: %zu warning%s\n", diag.warnings,
               diag.warnings == 1 ? "" : "s");
        code = SN_EXIT_OK;
    }
    free(demand);
    sn_summary_free(sum);
    sn_network_free(net);
    sn_diag_dispose(&diag);
    return code;
}
