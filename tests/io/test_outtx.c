/* test_outtx.c - a plan folder is replaced whole or not at all (issue 13):
 * kills injected at every step of the swap, a second writer, leftovers of
 * killed runs, files of an earlier plan, folders that must not be
 * replaced. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/outdir.h"
#include "io/outtx.h"
#include "tests/io/helpers.h"

static char *slurp(const char *dir, const char *name)
{
    char *p = sn_test_path2(dir, name);
    FILE *f = fopen(p, "rb");
    free(p);
    if (!f)
        return strdup("");
    char *buf = calloc(4096, 1);
    size_t n = fread(buf, 1, 4095, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Writes a "plan" of version v into a transaction on dir: files a.csv and
 * b.csv (and, for v == 1 only, an extra file and a subfolder, as a plan
 * with teachers and a longer --years leaves), then commits. */
static int write_version(const char *dir, int v)
{
    sn_error err = {0, ""};
    sn_outtx *tx = NULL;
    int rc = sn_outtx_begin(&tx, dir, &err);
    if (rc)
        return rc;
    sn_outdir *od = NULL;
    rc = sn_outdir_open(&od, sn_outtx_path(tx), &err);
    const char *names[] = {"a.csv", "b.csv", "teachers.csv"};
    for (int i = 0; rc == 0 && i < (v == 1 ? 3 : 2); i++) {
        FILE *f = sn_outdir_file(od, names[i], &err);
        if (!f)
            rc = err.code;
        else
            fprintf(f, "version %d\n", v);
    }
    if (rc == 0)
        rc = sn_outdir_commit(od, &err);
    else
        sn_outdir_abort(od);
    if (rc == 0 && v == 1) {
        char *sub = sn_test_path2(sn_outtx_path(tx), "2023");
        rc = sn_outdir_open(&od, sub, &err);
        FILE *f = rc == 0 ? sn_outdir_file(od, "a.csv", &err) : NULL;
        if (f)
            fputs("version 1\n", f);
        rc = f ? sn_outdir_commit(od, &err) : (sn_outdir_abort(od), -1);
        free(sub);
    }
    if (rc) {
        sn_outtx_abort(tx);
        return rc;
    }
    return sn_outtx_commit(tx, &err);
}

static const char *const old_list = ".schoolnet,2023,a.csv,b.csv,teachers.csv,";
static const char *const new_list = ".schoolnet,a.csv,b.csv,";

/* 1: dir holds exactly version 1 (the old); 2: version 2; 0: neither. */
static int version_of(const char *dir)
{
    char *l = sn_test_listing(dir), *a = slurp(dir, "a.csv"), *b = slurp(dir, "b.csv");
    int v = 0;
    if (!strcmp(l, old_list) && !strcmp(a, "version 1\n") &&
        !strcmp(b, "version 1\n"))
        v = 1;
    else if (!strcmp(l, new_list) && !strcmp(a, "version 2\n") &&
             !strcmp(b, "version 2\n"))
        v = 2;
    free(l);
    free(a);
    free(b);
    return v;
}

Test(io_outtx, replaces_the_folder_whole)
{
    char *top = sn_test_tmpdir();
    char *dir = sn_test_path2(top, "plan");
    cr_assert_eq(write_version(dir, 1), 0);
    cr_expect_eq(version_of(dir), 1);
    cr_assert_eq(write_version(dir, 2), 0);
    /* no teachers.csv, no 2023/ of the earlier plan */
    cr_expect_eq(version_of(dir), 2, "%s", sn_test_listing(dir));
    char *l = sn_test_listing(top);
    cr_expect_str_eq(l, "plan,", "leftovers next to the folder: %s", l);
    free(l);
    free(dir);
    sn_test_rmdir(top);
}

Test(io_outtx, refuses_folders_it_must_not_replace)
{
    char *top = sn_test_tmpdir();
    sn_error err = {0, ""};
    sn_outtx *tx = NULL;
    char *mine = sn_test_path2(top, "mine");
    mkdir(mine, 0700);
    free(sn_test_write(mine, "thesis.tex", "years of work\n", (size_t)-1));
    cr_expect_eq(sn_outtx_begin(&tx, mine, &err), SN_EUSAGE);
    cr_expect(strstr(err.msg, "was not written by schoolnet") != NULL, "%s",
              err.msg);
    cr_expect(sn_test_exists(mine, "thesis.tex"));
    static const char *const bad[] = {"", ".", "..", "/", "a/..", "./"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        cr_expect_eq(sn_outtx_begin(&tx, bad[i], &err), SN_EUSAGE, "'%s'",
                     bad[i]);
        cr_expect_null(tx);
    }
    char *file = sn_test_write(top, "f.txt", "x", (size_t)-1);
    cr_expect_eq(sn_outtx_begin(&tx, file, &err), SN_EUSAGE);
    char *link = sn_test_path2(top, "link");
    cr_assert_eq(symlink(mine, link), 0);
    cr_expect_eq(sn_outtx_begin(&tx, link, &err), SN_EUSAGE);
    /* an empty folder is fine, trailing slashes too */
    char *empty = sn_test_path2(top, "empty/");
    mkdir(empty, 0700);
    cr_assert_eq(sn_outtx_begin(&tx, empty, &err), 0, "%s", err.msg);
    cr_assert_eq(sn_outtx_commit(tx, &err), 0, "%s", err.msg);
    cr_expect(sn_test_exists(empty, SN_OUTTX_MARKER));
    free(mine);
    free(file);
    free(link);
    free(empty);
    sn_test_rmdir(top);
}

/* Only a marker file of ours counts: a .schoolnet folder of settings (in
 * a home folder given as -o by mistake) or a .schoolnet file of someone
 * else's does not make a folder replaceable; and a marker of the other
 * kind refuses too (a data set is not a plan's to replace). */
Test(io_outtx, only_a_marker_of_the_same_kind_counts)
{
    char *top = sn_test_tmpdir();
    sn_error err = {0, ""};
    sn_outtx *tx = NULL;
    char *home = sn_test_path2(top, "home"), *conf = sn_test_path2(top, "home/.schoolnet");
    mkdir(home, 0700);
    mkdir(conf, 0700);
    free(sn_test_write(home, "notes.txt", "mine\n", (size_t)-1));
    cr_expect_eq(sn_outtx_begin(&tx, home, &err), SN_EUSAGE);
    cr_expect(strstr(err.msg, "was not written by schoolnet") != NULL, "%s",
              err.msg);
    char *other = sn_test_path2(top, "other");
    mkdir(other, 0700);
    free(sn_test_write(other, SN_OUTTX_MARKER, "theme = dark\n", (size_t)-1));
    free(sn_test_write(other, "a.csv", "x\n", (size_t)-1));
    cr_expect_eq(sn_outtx_begin(&tx, other, &err), SN_EUSAGE);
    cr_expect(sn_test_exists(home, "notes.txt") && sn_test_exists(other, "a.csv"));
    /* a data set and a plan: each refuses the other kind */
    char *set = sn_test_path2(top, "set"), *plan = sn_test_path2(top, "plan");
    cr_assert_eq(sn_outtx_begin_kind(&tx, set, SN_OUTTX_DATA, &err), 0, "%s",
                 err.msg);
    free(sn_test_write(sn_outtx_path(tx), "schools.csv", "x\n", (size_t)-1));
    cr_assert_eq(sn_outtx_commit(tx, &err), 0, "%s", err.msg);
    cr_assert_eq(write_version(plan, 2), 0);
    cr_expect_eq(sn_outtx_begin(&tx, set, &err), SN_EUSAGE);
    cr_expect(strstr(err.msg, "holds a data set written by `schoolnet "
                              "generate`") != NULL, "%s", err.msg);
    cr_expect_eq(sn_outtx_begin_kind(&tx, plan, SN_OUTTX_DATA, &err),
                 SN_EUSAGE);
    cr_expect(strstr(err.msg, "holds the results of a schoolnet run") != NULL,
              "%s", err.msg);
    cr_expect(sn_test_exists(set, "schools.csv") && version_of(plan) == 2);
    /* the same kind replaces; has_files sees more than the marker */
    cr_assert_eq(sn_outtx_begin_kind(&tx, set, SN_OUTTX_DATA, &err), 0, "%s",
                 err.msg);
    cr_expect_eq(sn_outtx_target_has_files(tx), 1);
    sn_outtx_abort(tx);
    char *empty = sn_test_path2(top, "empty");
    mkdir(empty, 0700);
    cr_assert_eq(sn_outtx_begin_kind(&tx, empty, SN_OUTTX_DATA, &err), 0,
                 "%s", err.msg);
    cr_expect_eq(sn_outtx_target_has_files(tx), 0);
    cr_assert_eq(sn_outtx_commit(tx, &err), 0, "%s", err.msg);
    cr_assert_eq(sn_outtx_begin_kind(&tx, empty, SN_OUTTX_DATA, &err), 0,
                 "%s", err.msg);
    cr_expect_eq(sn_outtx_target_has_files(tx), 0, "the marker alone");
    sn_outtx_abort(tx);
    free(home);
    free(conf);
    free(other);
    free(set);
    free(plan);
    free(empty);
    sn_test_rmdir(top);
}

Test(io_outtx, a_second_writer_fails_at_once)
{
    char *top = sn_test_tmpdir();
    char *dir = sn_test_path2(top, "plan");
    sn_error err = {0, ""};
    sn_outtx *a = NULL, *b = NULL;
    cr_assert_eq(sn_outtx_begin(&a, dir, &err), 0, "%s", err.msg);
    cr_expect_eq(sn_outtx_begin(&b, dir, &err), SN_EUSAGE);
    cr_expect(strstr(err.msg, "another schoolnet run is writing this "
                              "folder") != NULL, "%s", err.msg);
    cr_expect_null(b);
    sn_outtx_abort(a);
    /* released: the next one goes */
    cr_assert_eq(sn_outtx_begin(&b, dir, &err), 0, "%s", err.msg);
    sn_outtx_abort(b);
    char *l = sn_test_listing(top);
    cr_expect_str_eq(l, "", "abort left: %s", l);
    free(l);
    free(dir);
    sn_test_rmdir(top);
}

Test(io_outtx, leftovers_of_killed_runs_are_removed)
{
    char *top = sn_test_tmpdir();
    char *dir = sn_test_path2(top, "plan");
    cr_assert_eq(write_version(dir, 1), 0);
    char *stale = sn_test_path2(top, ".plan.new.99999");
    mkdir(stale, 0700);
    free(sn_test_write(stale, "a.csv", "half\n", (size_t)-1));
    char *stale2 = sn_test_path2(top, ".plan.old.4242");
    mkdir(stale2, 0700);
    char *other = sn_test_path2(top, ".planner.new.1"); /* another folder's */
    mkdir(other, 0700);
    cr_assert_eq(write_version(dir, 2), 0);
    char *l = sn_test_listing(top);
    cr_expect_str_eq(l, ".planner.new.1,plan,", "%s", l);
    free(l);
    free(stale);
    free(stale2);
    free(other);
    free(dir);
    sn_test_rmdir(top);
}

/* The fallback moved the old folder aside and was killed before the new
 * one went in: the next run puts the old one back first. */
Test(io_outtx, a_folder_moved_aside_is_put_back)
{
    char *top = sn_test_tmpdir();
    char *dir = sn_test_path2(top, "plan");
    cr_assert_eq(write_version(dir, 1), 0);
    char *aside = sn_test_path2(top, ".plan.old.777");
    cr_assert_eq(rename(dir, aside), 0);
    sn_error err = {0, ""};
    sn_outtx *tx = NULL;
    cr_assert_eq(sn_outtx_begin(&tx, dir, &err), 0, "%s", err.msg);
    cr_expect_eq(version_of(dir), 1);
    sn_outtx_abort(tx);
    cr_expect_eq(version_of(dir), 1);
    free(aside);
    free(dir);
    sn_test_rmdir(top);
}

/* Runs write_version(dir, 2) in a child killed at `step`; returns the
 * child's wait status. */
static int killed_at(const char *dir, const char *step, int no_exchange)
{
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SCHOOLNET_TEST_KILL_AT", step, 1);
        if (no_exchange)
            setenv("SCHOOLNET_TEST_NO_EXCHANGE", "1", 1);
        _exit(write_version(dir, 2) == 0 ? 0 : 1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

static void kill_case(const char *step, int no_exchange, int want_after)
{
    char *top = sn_test_tmpdir();
    char *dir = sn_test_path2(top, "plan");
    cr_assert_eq(write_version(dir, 1), 0);
    int st = killed_at(dir, step, no_exchange);
    cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
              "%s: the kill point was not reached", step);
    int v = version_of(dir);
    if (no_exchange && !strcmp(step, "moved-aside")) {
        /* OUT is absent and the old folder whole in .plan.old.PID */
        cr_expect(!sn_test_exists(top, "plan"), "%s", step);
    } else {
        cr_expect(v == 1 || v == 2, "%s: a mix: %s", step, sn_test_listing(dir));
        cr_expect_eq(v, want_after, "%s", step);
    }
    /* the next run cleans up and recovers; nothing else is left */
    sn_error err = {0, ""};
    sn_outtx *tx = NULL;
    cr_assert_eq(sn_outtx_begin(&tx, dir, &err), 0, "%s", err.msg);
    sn_outtx_abort(tx);
    int after = version_of(dir);
    cr_expect(after == 1 || after == 2, "%s: after recovery: %s", step,
              sn_test_listing(dir));
    char *l = sn_test_listing(top);
    cr_expect_str_eq(l, "plan,", "%s: leftovers %s", step, l);
    free(l);
    free(dir);
    sn_test_rmdir(top);
}

Test(io_outtx, a_kill_at_any_step_leaves_old_or_new)
{
    kill_case("staged", 0, 1);
    kill_case("swapped", 0, 2);
    kill_case("removing", 0, 2);
}

Test(io_outtx, a_kill_at_any_step_of_the_fallback_leaves_old_or_new)
{
    kill_case("staged", 1, 1);
    kill_case("moved-aside", 1, 1);
    kill_case("renamed", 1, 2);
}

/* Real SIGKILLs at arbitrary moments of a writer that replaces the folder
 * over and over: whenever it dies, the folder is one version whole. */
Test(io_outtx, random_kills_never_leave_a_mix)
{
    char *top = sn_test_tmpdir();
    char *dir = sn_test_path2(top, "plan");
    cr_assert_eq(write_version(dir, 1), 0);
    for (int trial = 0; trial < 12; trial++) {
        pid_t pid = fork();
        if (pid == 0) {
            for (int k = 0;; k++)
                if (write_version(dir, 2 - k % 2) != 0)
                    _exit(1);
        }
        usleep((useconds_t)(1000 + 2300 * trial));
        kill(pid, SIGKILL);
        int st;
        waitpid(pid, &st, 0);
        int v = version_of(dir);
        cr_expect(v == 1 || v == 2, "trial %d: a mix: %s", trial,
                  sn_test_listing(dir));
    }
    free(dir);
    sn_test_rmdir(top);
}

/* Through the command line: a plan replaces an earlier plan's folder
 * whole, and a plan into a folder another run is writing exits 2. */
Test(io_outtx, plan_replaces_and_locks, .init = cr_redirect_stderr)
{
    char *top = sn_test_tmpdir();
    char *dir = sn_test_path2(top, "plan");
    cr_assert_eq(write_version(dir, 1), 0);
    char *argv[] = {"schoolnet", "plan", "tests/data/tiny/scenario.ini", "-o",
                    dir, "-q", "--heuristic-only", NULL};
    cr_assert_eq(sn_cli_run(7, argv), SN_EXIT_RESULT);
    cr_expect(sn_test_exists(dir, "summary.json") && !sn_test_exists(dir, "2023") &&
              !sn_test_exists(dir, "a.csv"), "%s", sn_test_listing(dir));
    char *check[] = {"schoolnet", "check", "tests/data/tiny/scenario.ini",
                     dir, NULL};
    cr_expect_eq(sn_cli_run(4, check), SN_EXIT_OK);
    sn_error err = {0, ""};
    sn_outtx *tx = NULL;
    cr_assert_eq(sn_outtx_begin(&tx, dir, &err), 0, "%s", err.msg);
    cr_expect_eq(sn_cli_run(7, argv), SN_EXIT_INPUT);
    sn_outtx_abort(tx);
    free(dir);
    sn_test_rmdir(top);
}

/* A pid no process has now. */
static long dead_pid(void)
{
    for (long p = 4194000; p > 1000; p--)
        if (kill((pid_t)p, 0) != 0 && errno == ESRCH)
            return p;
    return 0;
}

/* Files written one set at a time (io/outdir.h, inside a transaction):
 * the temporaries of a killed writer go at the next open; a live
 * writer's stay. */
Test(io_outdir, temporaries_of_dead_writers_are_removed)
{
    char *dir = sn_test_tmpdir();
    long dead = dead_pid();
    cr_assert(dead > 0);
    char n1[64], n2[64], n3[64];
    snprintf(n1, sizeof n1, ".a.csv.tmp.%ld", dead);
    snprintf(n2, sizeof n2, ".a.csv.old.%ld", dead);
    snprintf(n3, sizeof n3, ".b.csv.tmp.1.2"); /* pid 1 lives */
    free(sn_test_write(dir, n1, "half", (size_t)-1));
    free(sn_test_write(dir, n2, "old", (size_t)-1));
    free(sn_test_write(dir, n3, "theirs", (size_t)-1));
    free(sn_test_write(dir, "c.tmp.5", "not ours: not hidden", (size_t)-1));
    sn_outdir *od = NULL;
    sn_error err = {0, ""};
    cr_assert_eq(sn_outdir_open(&od, dir, &err), 0, "%s", err.msg);
    sn_outdir_abort(od);
    cr_expect(!sn_test_exists(dir, n1) && !sn_test_exists(dir, n2));
    cr_expect(sn_test_exists(dir, n3) && sn_test_exists(dir, "c.tmp.5"));
    sn_test_rmdir(dir);
}

static int plan_into(void *ctx)
{
    char *argv[] = {"schoolnet", "plan",
                    "scenarios/demo-county/scenario-2020.ini", "-o",
                    (char *)ctx, "--time-limit", "600", "--gap", "0", "-q",
                    NULL};
    return sn_cli_run(10, argv);
}

/* An -o that cannot be a folder is a usage error found before the solve:
 * the demo with a 600 s limit and gap 0 returns at once (the alarm after
 * 300 s only turns a late check into a failure). */
Test(io_outtx, an_unusable_out_fails_before_the_solve,
     .init = cr_redirect_stderr)
{
    char *top = sn_test_tmpdir();
    char *file = sn_test_write(top, "f", "x", (size_t)-1);
    char *out = sn_test_path2(file, "plan"); /* below a file */
    int rc = sn_test_in_child(300, plan_into, out);
    cr_expect_eq(rc, SN_EXIT_INPUT, "exit %d%s", rc,
                 rc == 128 + SIGALRM ? ": the solve ran before -o was checked"
                                     : "");
    free(out);
    free(file);
    sn_test_rmdir(top);
}
