/* opts.c - getopt_long with our messages and a "did you mean" (opts.h).
 * getopt(3) keeps its state in globals; sn_cli_opts_begin resets it, so
 * the tests can run one command after another in one process. */
#include "cli/opts.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "io/number.h"

void sn_cli_opts_begin(void)
{
    optind = 0; /* glibc: a full re-initialisation */
    opterr = 0; /* messages are ours */
}

/* Edit distance of a and b (short strings: option names). */
static size_t distance(const char *a, size_t la, const char *b)
{
    size_t lb = strlen(b), row[64];
    if (la > 60 || lb > 60)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* The long option closest to the word typed (without "--" and "=v"). */
static const char *closest(const sn_cli_optset *s, const char *typed)
{
    size_t len = strcspn(typed, "=");
    const char *best = NULL;
    size_t bd = len / 3 + 1 < 3 ? len / 3 + 1 : 3; /* at most this far */
    for (const struct option *o = s->longopts; o && o->name; o++) {
        size_t d = distance(typed, len, o->name);
        if (d <= bd && (!best || d < bd)) {
            best = o->name;
            bd = d;
        }
    }
    return best;
}

/* The name of option key: "--name" (long) or "-k". */
static void name_of(const sn_cli_optset *s, int key, char *buf, size_t n)
{
    for (const struct option *o = s->longopts; o && o->name; o++)
        if (o->val == key && !o->flag) {
            snprintf(buf, n, "--%s", o->name);
            return;
        }
    snprintf(buf, n, "-%c", key > 0 && key < 128 ? key : '?');
}

int sn_cli_usage_error(const sn_cli_optset *s, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "schoolnet %s: %s\n%s(all options: schoolnet %s "
            "--help)\n", s->cmd, msg, s->usage, s->cmd);
    return SN_EXIT_INPUT;
}

int sn_cli_next_opt(const sn_cli_optset *s, int argc, char **argv,
                    const char **arg)
{
    char shorts[64];
    snprintf(shorts, sizeof shorts, ":%s", s->shortopts); /* ':' for ':' */
    int prev = optind ? optind : 1;
    int c = getopt_long(argc, argv, shorts, s->longopts, NULL);
    *arg = optarg;
    if (c == -1)
        return 0;
    if (c != '?' && c != ':')
        return c;
    const char *word = prev < argc ? argv[prev] : "";
    if (optind - 1 >= 1 && optind - 1 < argc && argv[optind - 1][0] == '-')
        word = argv[optind - 1];
    char name[80];
    if (c == ':') {
        if (optopt)
            name_of(s, optopt, name, sizeof name);
        else
            snprintf(name, sizeof name, "%.*s", (int)strcspn(word, "="),
                     word);
        sn_cli_usage_error(s, "option '%s' needs a value", name);
        return -1;
    }
    if (optopt && strncmp(word, "--", 2) != 0) { /* a short option */
        sn_cli_usage_error(s, "unknown option '-%c'", optopt);
        return -1;
    }
    const char *typed = !strncmp(word, "--", 2) ? word + 2 : word;
    const char *hint = closest(s, typed);
    int ambiguous = 0;
    for (const struct option *o = s->longopts; o && o->name; o++)
        ambiguous += !strncmp(o->name, typed, strcspn(typed, "=")) &&
                     strcspn(typed, "=") > 0;
    if (ambiguous > 1)
        sn_cli_usage_error(s, "ambiguous option '%.*s' (%d options start "
                           "so)", (int)strcspn(word, "="), word, ambiguous);
    else if (hint)
        sn_cli_usage_error(s, "unknown option '%.*s' (did you mean "
                           "'--%s'?)", (int)strcspn(word, "="), word, hint);
    else
        sn_cli_usage_error(s, "unknown option '%.*s'",
                           (int)strcspn(word, "="), word);
    return -1;
}

int sn_cli_bad_value(const sn_cli_optset *s, int key, const char *v,
                     const char *what)
{
    char name[80];
    name_of(s, key, name, sizeof name);
    return sn_cli_usage_error(s, "bad value for %s (got '%s'): %s", name,
                              v ? v : "", what);
}

int sn_cli_int(const char *v, long lo, long hi, int *out)
{
    long x;
    if (!v || sn_parse_long(v, &x) != 0 || x < lo || x > hi)
        return -1;
    *out = (int)x;
    return 0;
}

int sn_cli_double(const char *v, double lo, double hi, double *out)
{
    double x;
    if (!v || sn_parse_double(v, &x) != 0 || x < lo || x > hi)
        return -1;
    *out = x;
    return 0;
}

int sn_cli_scenario_operand(const sn_cli_optset *s, int argc, char **argv,
                            const char **scen)
{
    *scen = NULL;
    for (int i = optind; i < argc; i++) {
        if (*scen)
            return sn_cli_usage_error(s, "unexpected argument '%s' "
                                      "(SCENARIO is '%s')", argv[i], *scen);
        *scen = argv[i];
    }
    return *scen ? 0 : sn_cli_usage_error(s, "missing SCENARIO");
}
