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
    {"run-job", sn_cmd_runjob, "run jobs of a job list made by batch --emit"},
    {"collect", sn_cmd_collect, "merge a job list's results into one comparison"},
    {"check", sn_cmd_check, "verify a written plan against its inputs"},
    {"report", sn_cmd_report, "rebuild a plan's report, workbook and map layers"},
    {"project", sn_cmd_project, "project enrolment by zone and grade"},
    {"export", sn_cmd_export, "write the allocation model as LP or MPS"},
};

#define NCOMMANDS (sizeof commands / sizeof *commands)

static void usage(FILE *f)
{
    fprintf(f, "usage: schoolnet COMMAND [ARGS]\n"
               "       schoolnet --version | --help\n\ncommands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'schoolnet COMMAND --help' describes a command and its "
               "exit codes;\nsee also man schoolnet.\n"
               "exit: 0 success; 1 the result is not clean; 2 bad input or "
               "usage;\n      3 internal failure; 130 / 143 stopped by "
               "SIGINT / SIGTERM\n");
}

/* The command that `word` most likely meant: a prefix of it or one at
 * most two edits away; NULL when none is close. */
static const char *closest_command(const char *word)
{
    size_t lw = strlen(word);
    const char *best = NULL;
    size_t bd = 3;
    for (size_t i = 0; i < NCOMMANDS && lw > 0 && lw < 40; i++) {
        const char *c = commands[i].name;
        size_t lc = strlen(c), d;
        if (!strncmp(c, word, lw)) {
            d = 0;
        } else { /* edit distance, one row at a time */
            size_t row[41];
            for (size_t j = 0; j <= lc; j++)
                row[j] = j;
            for (size_t a = 1; a <= lw; a++) {
                size_t diag = row[0];
                row[0] = a;
                for (size_t j = 1; j <= lc; j++) {
                    size_t up = row[j], v = diag + (word[a - 1] != c[j - 1]);
                    if (up + 1 < v)
                        v = up + 1;
                    if (row[j - 1] + 1 < v)
                        v = row[j - 1] + 1;
                    row[j] = v;
                    diag = up;
                }
            }
            d = row[lc];
        }
        if (d < bd) {
            bd = d;
            best = c;
        }
    }
    return best;
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
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        printf("schoolnet %s\n", SN_VERSION);
        return SN_EXIT_OK;
    }
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    const char *hint = closest_command(argv[1]);
    if (hint)
        fprintf(stderr, "schoolnet: unknown command '%s' (did you mean "
                        "'%s'?)\n\n", argv[1], hint);
    else
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
