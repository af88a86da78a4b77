/* test_collect.c - `schoolnet run-job` (a finished job is skipped, a
 * killed or half-done one redone, one job never runs twice at once) and
 * `schoolnet collect` (the folder `batch --jobs 2` writes, byte for byte;
 * failed, killed and missing jobs as rows; exit 4 while jobs are
 * missing).  Every plan made here passes the checker. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tests/cli/cluster_helpers.h"
#include "tests/io/helpers.h"

static char *root_with_data(void)
{
    char *root = sn_test_tmpdir();
    free(sn_test_small_data(root, "data", 2));
    cr_assert_eq(chdir(root), 0);
    return root;
}

static void run_ok(const char *const *args, int want)
{
    sn_test_ran r;
    sn_test_run(&r, args);
    cr_assert_eq(r.code, want, "%s: exit %d: %s%s", args[0], r.code, r.out,
                 r.err);
}

static ino_t inode(const char *path)
{
    struct stat st;
    cr_assert_eq(stat(path, &st), 0, "%s", path);
    return st.st_ino;
}

static void check_plan(const char *scen, const char *dir)
{
    const char *a[] = {"check", scen, dir, NULL};
    run_ok(a, SN_EXIT_OK);
}

Test(cli_runjob, a_finished_job_is_skipped_a_killed_one_redone)
{
    char *root = root_with_data();
    const char *emit[] = {"batch", "data.ini", "--emit", "runs/r", NULL};
    run_ok(emit, 0);
    const char *job1[] = {"run-job", "runs/r", "1", NULL};
    run_ok(job1, 0);
    char *st = sn_test_slurp("runs/r/jobs/1.status", NULL);
    cr_assert_not_null(st);
    cr_expect(!strncmp(st, "state done\nexit 0\nsignal 0\nseconds ", 35),
              "%s", st);
    free(st);
    check_plan("data.ini", "runs/r/jobs/1");
    ino_t first = inode("runs/r/jobs/1/summary.json");
    sn_test_ran r;
    sn_test_run(&r, job1);
    cr_expect_eq(r.code, 0);
    cr_expect_not_null(strstr(r.out, "job 1 (data, all): done before (exit "
                              "0"), "%s", r.out);
    cr_expect_eq(inode("runs/r/jobs/1/summary.json"), first, "not rerun");
    /* started, never done (the node died): run again */
    free(sn_test_write("runs/r/jobs", "1.status", "state started\n"
                       "host gone\n", (size_t)-1));
    run_ok(job1, 0);
    ino_t second = inode("runs/r/jobs/1/summary.json");
    cr_expect_neq(second, first, "rerun");
    /* killed while writing its folder: the old plan stays whole and the
     * job is not done */
    setenv("SCHOOLNET_TEST_KILL_AT", "staged", 1);
    free(sn_test_write("runs/r/jobs", "1.status", "state started\n",
                       (size_t)-1));
    sn_test_run(&r, job1);
    unsetenv("SCHOOLNET_TEST_KILL_AT");
    cr_expect_eq(r.code, 128 + 9, "%s", r.err);
    st = sn_test_slurp("runs/r/jobs/1.status", NULL);
    cr_expect(!strncmp(st, "state done\nexit -1\nsignal 9\n", 28), "%s", st);
    free(st);
    cr_expect_eq(inode("runs/r/jobs/1/summary.json"), second);
    check_plan("data.ini", "runs/r/jobs/1");
    run_ok(job1, 0);
    cr_expect_neq(inode("runs/r/jobs/1/summary.json"), second, "redone");
    /* one job never runs twice at once */
    int fd = open("runs/r/jobs/.1.run.lock", O_RDWR);
    cr_assert(fd >= 0);
    cr_assert_eq(flock(fd, LOCK_EX | LOCK_NB), 0);
    free(sn_test_write("runs/r/jobs", "1.status", "state started\n",
                       (size_t)-1));
    sn_test_run(&r, job1);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    cr_expect_not_null(strstr(r.err, "job 1 is running now"), "%s", r.err);
    /* a done job is skipped without its lock (collect may hold it) */
    free(sn_test_write("runs/r/jobs", "1.status", "state done\nexit 1\n",
                       (size_t)-1));
    sn_test_run(&r, job1);
    cr_expect_eq(r.code, 0, "%s", r.err);
    cr_expect_not_null(strstr(r.out, "skipped"), "%s", r.out);
    close(fd);
    const char *nine[] = {"run-job", "runs/r", "9", NULL};
    sn_test_run(&r, nine);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    cr_expect_not_null(strstr(r.err, "no job 9: runs/r/jobs.tsv has jobs 1 "
                              "to 1"), "%s", r.err);
    const char *none[] = {"run-job", "nowhere", "1", NULL};
    sn_test_run(&r, none);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    cr_expect_not_null(strstr(r.err, "nowhere/jobs.tsv: cannot open"), "%s",
                       r.err);
    sn_test_rmdir(root);
}

Test(cli_collect, gives_the_folder_batch_jobs_2_gives)
{
    char *root = root_with_data();
    mkdir("what", 0777);
    free(sn_test_write("what", "scenario.ini", "[scenario]\nbase = "
                       "../data.ini\nname = what-if\n[classes]\nhard_cap = 50\n",
                       (size_t)-1));
    /* the solves end by optimality in a tenth of a second: a time limit
     * of 600 s never binds, even on a loaded machine */
    const char *batch[] = {"batch", "data.ini", "what/scenario.ini", "-o", "ref",
                           "--vary", "consolidation.allow_closures=0,1",
                           "--jobs", "2", "--time-limit", "600", "-q", NULL};
    run_ok(batch, 0);
    const char *emit[] = {"batch", "data.ini", "what/scenario.ini", "--emit",
                          "runs/c", "--vary",
                          "consolidation.allow_closures=0,1", "--split",
                          "counties", "--time-limit", "600", "-q", NULL};
    run_ok(emit, 0);
    /* collect before any job ran: every row says why, exit 4 */
    sn_test_ran r;
    const char *col[] = {"collect", "runs/c", "-o", "got", NULL};
    sn_test_run(&r, col);
    cr_expect_eq(r.code, 4, "%s", r.err);
    cr_expect_not_null(strstr(r.err, "8 of 8 jobs have no result"), "%s",
                       r.err);
    char *csv = sn_test_slurp("got", "comparison.csv");
    cr_assert_not_null(csv);
    cr_expect_not_null(strstr(csv, "\ndata-consolidation.allow_closures-0,"
                              "-1,,,,,,,,,,,,,,,,,2 of 2 county jobs without "
                              "a part: job 1 (Yanhu): not run yet; job 2 "
                              "(Yongji): not run yet\n"), "%s", csv);
    free(csv);
    const char *jobs[] = {"run-job", "runs/c", "8", "7", "6", "5", "4", "3",
                          "2", "1", NULL};
    run_ok(jobs, 0);
    const char *col2[] = {"collect", "runs/c", "-o", "got", "-q", NULL};
    run_ok(col2, 0);
    char *d = sn_test_tree_diff("ref", "got");
    cr_expect_null(d, "%s", d);
    free(d);
    char *cmp = sn_test_slurp("got", "comparison.csv");
    cr_assert_not_null(cmp);
    cr_expect_null(strstr(cmp, ",feasible,"), "every solve optimal: %s", cmp);
    cr_expect_eq(strstr(cmp, ",0,optimal,") ? 1 : 0, 1, "%s", cmp);
    free(cmp);
    check_plan("data.ini", "got/data-consolidation.allow_closures-1");
    check_plan("got/what-consolidation.allow_closures-0/scenario.ini",
               "got/what-consolidation.allow_closures-0");
    sn_test_rmdir(root);
}

Test(cli_collect, failed_killed_and_missing_jobs_are_rows)
{
    char *root = root_with_data();
    /* a second data set that will break after the jobs are written */
    const char *cp[] = {"generate", "--counties", "2", "--schools", "10",
                        "--zones", "30", "--seed", "3", "--equal-size", "-q",
                        "-o", "broken", NULL};
    run_ok(cp, 0);
    const char *emit[] = {"batch", "data.ini", "broken", "data.ini", "--emit",
                          "runs/f", "--split", "counties", "-q", NULL};
    run_ok(emit, 0); /* data, broken, data-2: jobs 1-6 */
    free(sn_test_write("broken", "zones.csv", "id,county\n", (size_t)-1));
    const char *run[] = {"run-job", "runs/f", "1", "2", "3", NULL};
    sn_test_ran r;
    sn_test_run(&r, run);
    cr_expect_eq(r.code, SN_EXIT_INPUT, "job 3 fails: %s", r.err);
    free(sn_test_write("runs/f/jobs", "5.status", "state started\nhost "
                       "node-7\n", (size_t)-1));
    int fd = open("runs/f/jobs/.6.run.lock", O_RDWR | O_CREAT, 0666);
    cr_assert(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0);
    const char *col[] = {"collect", "runs/f", "-o", "out", "-q", NULL};
    sn_test_run(&r, col);
    close(fd);
    cr_expect_eq(r.code, 4, "jobs 4, 5, 6 have no result: %s", r.err);
    cr_expect_not_null(strstr(r.err, "4 of 6 jobs have no result (not run, "
                              "running, killed or failed): 3 4 5 6\n"), "%s",
                       r.err);
    char *csv = sn_test_slurp("out", "comparison.csv");
    cr_assert_not_null(csv);
    cr_expect_not_null(strstr(csv, "\ndata,0,optimal,"), "%s", csv);
    cr_expect_not_null(strstr(csv, "\nbroken,2,,,,,,,,,,,,,,,,,"), "%s", csv);
    cr_expect_not_null(strstr(csv, "2 of 2 county jobs without a part: job 3 "
                              "(Yanhu): exit 2: broken/"), "%s",
                       csv);
    cr_expect_not_null(strstr(csv, "; job 4 (Yongji): not run yet"), "%s",
                       csv);
    cr_expect_not_null(strstr(csv, "\ndata-2,-1,,,,,,,,,,,,,,,,,\"2 of 2 "
                              "county jobs without a part: job 5 (Yanhu): "
                              "started on node-7, never finished (killed? "
                              "out of time or memory, a lost node); job 6 "
                              "(Yongji): running now\"\n"), "%s", csv);
    char *md = sn_test_slurp("out", "comparison.md");
    cr_expect_not_null(strstr(md, "| broken | 2 |"), "%s", md);
    free(md);
    free(csv);
    check_plan("data.ini", "out/data");
    struct stat st;
    cr_expect_neq(stat("out/broken", &st), 0, "no plan for broken");
    /* every job run: failures remain, nothing is missing: exit 1 */
    const char *rest[] = {"run-job", "runs/f", "4", "5", "6", NULL};
    sn_test_run(&r, rest);
    cr_expect_eq(r.code, SN_EXIT_INPUT, "job 4 fails again");
    sn_test_run(&r, col);
    cr_expect_eq(r.code, SN_EXIT_RESULT, "%s", r.err);
    csv = sn_test_slurp("out", "comparison.csv");
    cr_expect_not_null(strstr(csv, "\ndata-2,0,optimal,"), "%s", csv);
    free(csv);
    /* a job list whose name would leave OUT is refused */
    mkdir("evil", 0777);
    free(sn_test_write("evil", "jobs.tsv", "job\tname\tscenario\tvary\t"
                       "county\tout\targs\n1\t../x\tdata\t\tall\tevil/1\t"
                       "plan data -o evil/1\n", (size_t)-1));
    const char *evil[] = {"collect", "evil", "-o", "never", NULL};
    sn_test_run(&r, evil);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    cr_expect_not_null(strstr(r.err, "evil/jobs.tsv:2:3: a name is a folder "
                              "name in OUT: no '/', no leading '.' (got "
                              "'../x')"), "%s", r.err);
    cr_expect_neq(stat("never", &st), 0);
    sn_test_rmdir(root);
}
