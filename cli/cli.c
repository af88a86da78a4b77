/* cli.c - sub-command dispatch, usage text and shared CLI helpers. */
#include "cli/cli.h"

#include <string.h>

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"validate", sn_cmd_validate, "read a data set and report errors or a summary"},
    {"generate", sn_cmd_generate, "write a synthetic county or city data set"},
    {"plan", sn_cmd_plan, "allocate pupils, classes and schools for a plan year"},
    {"batch", sn_cmd_batch, "plan several scenarios in parallel and compare them"},
    {"check", sn_cmd_check, "verify a written plan against its inputs"},
    {"report", sn_cmd_report, "rebuild a plan's report, workbook and map layers"},
    {"project", sn_cmd_project, "project enrolment by zone and grade"},
    {"export", sn_cmd_export, "write the allocation model as LP or MPS"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: schoolnet COMMAND [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'schoolnet COMMAND --help' describes a command; "
               "see also man schoolnet.\n");
}

int sn_cli_run(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return SN_EXIT_INPUT;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        usage(stdout);
        return SN_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "schoolnet: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return SN_EXIT_INPUT;
}

void sn_cli_print_diag(const sn_diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        fprintf(stderr, "%s\n", d->items[i].text);
    if (d->suppressed)
        fprintf(stderr, "... and %zu more errors not shown\n", d->suppressed);
    if (d->oom)
        fprintf(stderr, "(some messages were lost: out of memory)\n");
}

int sn_cli_exit_for(int code)
{
    return code == SN_EINPUT || code == SN_EUSAGE ? SN_EXIT_INPUT
                                                  : SN_EXIT_INTERNAL;
}
