/* test_outfolders.c - `generate` and `project` replace their -o folder
 * whole or not at all, as `plan` and `batch` do (io/outtx.h): files of an
 * earlier run never stay, a killed run leaves the old folder or the new
 * one, leftovers of killed runs go, a second writer and an unusable -o
 * fail before any work, and neither command replaces a folder it must
 * not (someone's own, a data set given to `project`, a plan given to
 * `generate`). */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/outtx.h"
#include "tests/io/helpers.h"

#define EXPECT_LISTING(dir, want)                                          \
    do {                                                                   \
        char *l_ = sn_test_listing(dir);                                           \
        cr_expect_str_eq(l_, (want), "%s holds %s", (dir), l_);            \
        free(l_);                                                          \
    } while (0)

/* `schoolnet project` of the tiny set into out, with --backtest 2 when
 * backtest is set. */
static int project(const char *out, int backtest)
{
    char *argv[] = {"schoolnet", "project", "tests/data/tiny/scenario.ini",
                    "-o", (char *)out, "-q", "--backtest", "2", NULL};
    return sn_cli_run(backtest ? 8 : 6, argv);
}

/* `schoolnet generate` of a small county into out (seed 7), --force when
 * asked. */
static int generate(const char *out, int force)
{
    char *argv[] = {"schoolnet", "generate", "--schools", "9", "--zones",
                    "24", "--seed", "7", "-q", "-o", (char *)out, "--force",
                    NULL};
    return sn_cli_run(force ? 12 : 11, argv);
}

static const char *const proj_bt =
    ".schoolnet,backtest.csv,projection_summary.csv,projections.csv,";
static const char *const proj =
    ".schoolnet,projection_summary.csv,projections.csv,";
static const char *const data =
    ".schoolnet,births.csv,curriculum.csv,distances.csv,enrollment.csv,"
    "scenario.ini,schools.csv,teachers.csv,zones.csv,";
static const char *const data_notes =
    ".schoolnet,births.csv,curriculum.csv,distances.csv,enrollment.csv,"
    "old-notes.txt,scenario.ini,schools.csv,teachers.csv,zones.csv,";

/* A backtest.csv of an earlier run, or a file someone dropped into the
 * folder, never stays next to a new projection without one. */
Test(cli_outfolders, project_replaces_its_folder_whole,
     .init = cr_redirect_stderr)
{
    char *top = sn_test_tmpdir();
    char *out = sn_test_path2(top, "proj");
    cr_assert_eq(project(out, 1), SN_EXIT_OK);
    EXPECT_LISTING(out, proj_bt);
    free(sn_test_write(out, "stray.csv", "from another run\n", (size_t)-1));
    cr_assert_eq(project(out, 0), SN_EXIT_OK);
    EXPECT_LISTING(out, proj);
    EXPECT_LISTING(top, "proj,");
    free(out);
    sn_test_rmdir(top);
}

Test(cli_outfolders, generate_replaces_its_folder_whole_with_force,
     .init = cr_redirect_stderr)
{
    char *top = sn_test_tmpdir();
    char *out = sn_test_path2(top, "set");
    cr_assert_eq(generate(out, 0), SN_EXIT_OK);
    EXPECT_LISTING(out, data);
    free(sn_test_write(out, "old-notes.txt", "an earlier set's\n",
                       (size_t)-1));
    /* a data set is there: only --force replaces it, and then whole */
    cr_expect_eq(generate(out, 0), SN_EXIT_INPUT);
    cr_expect(sn_test_exists(out, "old-notes.txt"));
    cr_assert_eq(generate(out, 1), SN_EXIT_OK);
    EXPECT_LISTING(out, data);
    EXPECT_LISTING(top, "set,");
    free(out);
    sn_test_rmdir(top);
}

/* Neither command replaces a folder it did not write, nor a folder of the
 * other kind: a plan or a projection given the data folder as -o by
 * mistake must not wipe the data set, and `generate --force` must not
 * wipe a plan. */
Test(cli_outfolders, folders_of_another_kind_are_refused,
     .init = cr_redirect_stderr)
{
    char *top = sn_test_tmpdir();
    char *mine = sn_test_path2(top, "mine"), *set = sn_test_path2(top, "set"),
         *proj_dir = sn_test_path2(top, "proj");
    cr_assert_eq(mkdir(mine, 0700), 0);
    free(sn_test_write(mine, "thesis.tex", "years of work\n", (size_t)-1));
    cr_expect_eq(project(mine, 0), SN_EXIT_INPUT);
    cr_expect_eq(generate(mine, 1), SN_EXIT_INPUT);
    EXPECT_LISTING(mine, "thesis.tex,");
    cr_assert_eq(generate(set, 0), SN_EXIT_OK);
    cr_expect_eq(project(set, 0), SN_EXIT_INPUT);
    char *plan[] = {"schoolnet", "plan", "tests/data/tiny/scenario.ini",
                    "-o", set, "-q", "--heuristic-only", NULL};
    cr_expect_eq(sn_cli_run(7, plan), SN_EXIT_INPUT);
    EXPECT_LISTING(set, data);
    cr_assert_eq(project(proj_dir, 0), SN_EXIT_OK);
    cr_expect_eq(generate(proj_dir, 1), SN_EXIT_INPUT);
    EXPECT_LISTING(proj_dir, proj);
    free(mine);
    free(set);
    free(proj_dir);
    sn_test_rmdir(top);
}

/* Another run writing the folder now (it holds the lock): exit 2 at once,
 * the folder untouched. */
Test(cli_outfolders, a_second_writer_fails_at_once,
     .init = cr_redirect_stderr)
{
    char *top = sn_test_tmpdir();
    char *out = sn_test_path2(top, "proj"), *set = sn_test_path2(top, "set");
    cr_assert_eq(project(out, 1), SN_EXIT_OK);
    cr_assert_eq(generate(set, 0), SN_EXIT_OK);
    sn_error err = {0, ""};
    sn_outtx *a = NULL, *b = NULL;
    cr_assert_eq(sn_outtx_begin(&a, out, &err), 0, "%s", err.msg);
    cr_assert_eq(sn_outtx_begin_kind(&b, set, SN_OUTTX_DATA, &err), 0, "%s",
                 err.msg);
    cr_expect_eq(project(out, 0), SN_EXIT_INPUT);
    cr_expect_eq(generate(set, 1), SN_EXIT_INPUT);
    sn_outtx_abort(a);
    sn_outtx_abort(b);
    EXPECT_LISTING(out, proj_bt);
    EXPECT_LISTING(set, data);
    EXPECT_LISTING(top, "proj,set,");
    free(out);
    free(set);
    sn_test_rmdir(top);
}

/* Temporaries of killed runs next to the folder go with the next run;
 * a folder that a killed run had moved aside comes back first. */
Test(cli_outfolders, leftovers_of_killed_runs_are_removed,
     .init = cr_redirect_stderr)
{
    char *top = sn_test_tmpdir();
    char *out = sn_test_path2(top, "proj"), *set = sn_test_path2(top, "set");
    char *aside = sn_test_path2(top, ".proj.old.4242");
    cr_assert_eq(project(out, 1), SN_EXIT_OK);
    cr_assert_eq(rename(out, aside), 0);
    static const char *const stale[] = {".proj.new.99999", ".set.new.99998",
                                        ".set.old.99997"};
    for (size_t i = 0; i < 3; i++) {
        char *p = sn_test_path2(top, stale[i]);
        cr_assert_eq(mkdir(p, 0700), 0);
        free(sn_test_write(p, "a.csv", "half\n", (size_t)-1));
        free(p);
    }
    cr_assert_eq(project(out, 0), SN_EXIT_OK);
    /* .set.old.99997 came back as set, not written by generate: refused */
    cr_expect_eq(generate(set, 0), SN_EXIT_INPUT);
    EXPECT_LISTING(set, "a.csv,");
    free(sn_test_write(set, SN_OUTTX_MARKER, "schoolnet data set (schoolnet "
                       "generate): only `schoolnet generate --force` "
                       "replaces it, whole\n", (size_t)-1));
    cr_assert_eq(generate(set, 1), SN_EXIT_OK);
    EXPECT_LISTING(top, "proj,set,");
    EXPECT_LISTING(out, proj);
    EXPECT_LISTING(set, data);
    free(out);
    free(set);
    free(aside);
    sn_test_rmdir(top);
}

typedef struct killed {
    const char *out, *step;
    int generate;
} killed;

/* Runs the command in a child killed at k->step of the swap; returns its
 * wait status. */
static int run_killed(const killed *k)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SCHOOLNET_TEST_KILL_AT", k->step, 1);
        _exit(k->generate ? generate(k->out, 1) : project(k->out, 0));
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

/* A kill before the swap leaves the old folder whole; after it, the new
 * one whole; never a mix. */
Test(cli_outfolders, a_kill_leaves_the_old_folder_or_the_new,
     .init = cr_redirect_stderr)
{
    static const char *const steps[] = {"staged", "swapped"};
    for (int i = 0; i < 2; i++) {
        char *top = sn_test_tmpdir();
        char *out = sn_test_path2(top, "proj"), *set = sn_test_path2(top, "set");
        cr_assert_eq(project(out, 1), SN_EXIT_OK);
        cr_assert_eq(generate(set, 0), SN_EXIT_OK);
        free(sn_test_write(set, "old-notes.txt", "x\n", (size_t)-1));
        killed kp = {out, steps[i], 0}, kg = {set, steps[i], 1};
        int sp = run_killed(&kp), sg = run_killed(&kg);
        cr_assert(WIFSIGNALED(sp) && WTERMSIG(sp) == SIGKILL, "%s",
                  steps[i]);
        cr_assert(WIFSIGNALED(sg) && WTERMSIG(sg) == SIGKILL, "%s",
                  steps[i]);
        /* staged: the old folders; swapped: the new ones */
        EXPECT_LISTING(out, i == 0 ? proj_bt : proj);
        EXPECT_LISTING(set, i == 0 ? data_notes : data);
        free(out);
        free(set);
        sn_test_rmdir(top);
    }
}

static int generate_into(const char *out)
{
    char *argv[] = {"schoolnet", "generate", "--schools", "300", "--zones",
                    "25", "-q", "-o", (char *)out, NULL};
    return sn_cli_run(9, argv);
}

/* An -o below a file is a usage error (exit 2) found before any work: the
 * projection's own input error (history too short for gpr_years = 6) and
 * the generator's (300 schools in 25 zones) are never reached. */
Test(cli_outfolders, an_unusable_out_fails_before_any_work)
{
    char *top = sn_test_tmpdir();
    sn_test_copy_tiny(top);
    char *ini = sn_test_path2(top, "scenario.ini");
    FILE *f = fopen(ini, "a");
    cr_assert_not_null(f);
    fputs("\n[projection]\ngpr_years = 6\n", f);
    fclose(f);
    char *file = sn_test_write(top, "f", "x", (size_t)-1);
    char *out = sn_test_path2(file, "out");
    char *log = sn_test_path2(top, "stderr.txt");
    int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    cr_assert(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    char *argv[] = {"schoolnet", "project", ini, "-o", out, "-q", NULL};
    int rp = sn_cli_run(6, argv);
    int rg = generate_into(out);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(fd);
    cr_expect_eq(rp, SN_EXIT_INPUT);
    cr_expect_eq(rg, SN_EXIT_INPUT);
    FILE *g = fopen(log, "r");
    char text[2048] = "";
    size_t n = g ? fread(text, 1, sizeof text - 1, g) : 0;
    text[n] = '\0';
    if (g)
        fclose(g);
    cr_expect(strstr(text, "schoolnet project: ") &&
                  strstr(text, "/f: exists and is not a folder"),
              "%s", text);
    cr_expect(!strstr(text, "history too short"), "the projection ran "
              "before -o was checked:\n%s", text);
    cr_expect(strstr(text, "schoolnet generate: ") &&
                  !strstr(text, "zones"),
              "the generator ran before -o was checked:\n%s", text);
    free(ini);
    free(file);
    free(out);
    free(log);
    sn_test_rmdir(top);
}
