/* test_signals.c - Ctrl-C and SIGTERM during a plan (issue 13): the first
 * signal stops the search and the best plan is written, checked, status
 * `interrupted`, exit 130 / 143; a second quits at once; `--jobs` workers
 * die with their parent.
 *
 * The plan runs in a child process with limits far beyond the test (600 s,
 * gap 0); the signal is sent once the run has locked its output folder,
 * i.e. once the data are read and the solve begins.  No wall-clock result
 * is asserted: the waits below (and an alarm in the plan's process) only
 * turn a hang into a failure. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tests/io/helpers.h"

#define DEMO "scenarios/demo-county/scenario-2020.ini"

/* Starts `schoolnet plan DEMO -o out ...extra` in a child; returns its pid. */
static pid_t start_plan(const char *out, const char *const *extra)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        alarm(900); /* a plan that never ends fails the test (SIGALRM) */
        if (!freopen("/dev/null", "w", stdout) ||
            !freopen("/dev/null", "w", stderr))
            _exit(99);
        char *argv[24] = {"schoolnet", "plan", DEMO, "-o", (char *)out,
                          "--time-limit", "600", "--gap", "0", "-q"};
        int n = 10;
        for (int i = 0; extra && extra[i] && n < 23; i++)
            argv[n++] = (char *)extra[i];
        argv[n] = NULL;
        _exit(sn_cli_run(n, argv));
    }
    return pid;
}

/* Waits until the run holds its output lock (the solve has begun). */
static void wait_for_solve(const char *top, pid_t pid)
{
    char want[64];
    snprintf(want, sizeof want, ".plan.new.%ld", (long)pid);
    for (int i = 0; i < 6000; i++) { /* 600 s at most */
        char p[4300];
        struct stat st;
        snprintf(p, sizeof p, "%s/%s", top, want);
        if (stat(p, &st) == 0)
            return;
        int status;
        cr_assert_eq(waitpid(pid, &status, WNOHANG), 0,
                     "the plan ended before the signal (status %d)", status);
        usleep(100000);
    }
    cr_assert_fail("the plan never started");
}

static int exit_code(pid_t pid)
{
    int status = 0;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status), "killed by signal %d", WTERMSIG(status));
    return WEXITSTATUS(status);
}

static int check(const char *ini, const char *out)
{
    char *argv[] = {"schoolnet", "check", (char *)ini, (char *)out, NULL};
    return sn_cli_run(4, argv);
}

static int has_status(const char *out, const char *status)
{
    char p[4300], want[64], line[512];
    snprintf(p, sizeof p, "%s/summary.json", out);
    snprintf(want, sizeof want, "  \"status\": \"%s\",", status);
    FILE *f = fopen(p, "r");
    int found = 0;
    while (f && fgets(line, sizeof line, f))
        found |= !strncmp(line, want, strlen(want));
    if (f)
        fclose(f);
    return found;
}

static void interrupted_plan_checks(int sig, const char *const *extra)
{
    char *top = sn_test_tmpdir();
    char out[4200];
    snprintf(out, sizeof out, "%s/plan", top);
    pid_t pid = start_plan(out, extra);
    wait_for_solve(top, pid);
    usleep(300000);
    kill(pid, sig);
    cr_expect_eq(exit_code(pid), 128 + sig);
    cr_expect(has_status(out, "interrupted"), "summary.json status");
    cr_expect_eq(check(DEMO, out), SN_EXIT_OK, "the plan must hold");
    sn_test_rmdir(top);
}

Test(cli_signals, sigint_writes_the_best_plan_interrupted,
     .init = cr_redirect_stdout)
{
    interrupted_plan_checks(SIGINT, NULL);
}

Test(cli_signals, sigterm_with_jobs_writes_the_best_plan_interrupted,
     .init = cr_redirect_stdout)
{
    static const char *const jobs[] = {"--jobs", "2", NULL};
    interrupted_plan_checks(SIGTERM, jobs);
}

/* A stopped --years run writes the years planned so far and the
 * timeline of those years; each year's plan holds. */
Test(cli_signals, sigint_during_years_keeps_the_years_done,
     .init = cr_redirect_stdout)
{
    char *top = sn_test_tmpdir();
    char out[4200];
    snprintf(out, sizeof out, "%s/plan", top);
    static const char *const years[] = {"--years", "2018-2020", NULL};
    pid_t pid = start_plan(out, years);
    wait_for_solve(top, pid);
    usleep(300000);
    kill(pid, SIGINT);
    cr_expect_eq(exit_code(pid), 130);
    char y[4300], t[4300];
    snprintf(y, sizeof y, "%s/2018", out);
    snprintf(t, sizeof t, "%s/timeline.csv", out);
    struct stat st;
    cr_expect_eq(stat(t, &st), 0, "timeline.csv");
    cr_expect(has_status(y, "interrupted"), "2018 status");
    /* check reads OUT/<year>/stayers.csv too */
    cr_expect_eq(check(DEMO, y), SN_EXIT_OK);
    sn_test_rmdir(top);
}

/* Two signals in a row: the run quits at once with the first's code and
 * the folder is not written (or, had the write won the race, whole). */
Test(cli_signals, a_second_signal_quits_at_once, .init = cr_redirect_stdout)
{
    char *top = sn_test_tmpdir();
    char out[4200];
    snprintf(out, sizeof out, "%s/plan", top);
    pid_t pid = start_plan(out, NULL);
    wait_for_solve(top, pid);
    kill(pid, SIGINT);
    kill(pid, SIGINT);
    cr_expect_eq(exit_code(pid), 130);
    struct stat st;
    if (stat(out, &st) == 0)
        cr_expect_eq(check(DEMO, out), SN_EXIT_OK);
    sn_test_rmdir(top);
}

/* The pid of a child of `parent` (from /proc), or 0. */
static pid_t child_of(pid_t parent)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    pid_t found = 0;
    while (d && !found && (e = readdir(d)) != NULL) {
        char p[300], buf[512];
        snprintf(p, sizeof p, "/proc/%s/stat", e->d_name);
        FILE *f = fopen(p, "r");
        if (!f)
            continue;
        long pid = 0, ppid = 0;
        char state;
        if (fgets(buf, sizeof buf, f)) {
            char *rp = strrchr(buf, ')');
            if (rp && sscanf(rp + 2, "%c %ld", &state, &ppid) == 2)
                pid = atol(buf);
        }
        fclose(f);
        if (pid > 0 && ppid == parent)
            found = (pid_t)pid;
    }
    if (d)
        closedir(d);
    return found;
}

/* Alive: exists and is not a zombie. */
static int alive(pid_t pid)
{
    char p[64], buf[512];
    snprintf(p, sizeof p, "/proc/%ld/stat", (long)pid);
    FILE *f = fopen(p, "r");
    if (!f)
        return 0;
    int ok = fgets(buf, sizeof buf, f) != NULL;
    fclose(f);
    char *rp = strrchr(buf, ')');
    return ok && rp && rp[2] != 'Z' && rp[2] != 'X';
}

Test(cli_signals, jobs_workers_die_with_their_parent)
{
    char *top = sn_test_tmpdir();
    char out[4200];
    snprintf(out, sizeof out, "%s/plan", top);
    static const char *const jobs[] = {"--jobs", "2", NULL};
    pid_t pid = start_plan(out, jobs);
    wait_for_solve(top, pid);
    pid_t worker = 0;
    for (int i = 0; i < 6000 && !worker; i++, usleep(100000))
        worker = child_of(pid);
    cr_assert(worker > 0, "no worker process found");
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    int i = 0;
    while (alive(worker) && i++ < 600)
        usleep(100000);
    cr_expect(!alive(worker), "worker %ld outlived its parent", (long)worker);
    sn_test_rmdir(top);
}
