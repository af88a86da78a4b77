/* test_emit.c - `schoolnet batch --emit`: the job list, run-job and the
 * Slurm script it writes, paths relative to the folder it ran in, and the
 * usage errors that write nothing. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tests/cli/cluster_helpers.h"
#include "tests/io/helpers.h"

/* A temporary root holding small data (2 counties) and a what-if; the
 * test runs in it.  Returns the root (sn_test_rmdir). */
static char *root_with_data(void)
{
    char *root = sn_test_tmpdir();
    free(sn_test_small_data(root, "data", 2));
    cr_assert_eq(chdir(root), 0);
    mkdir("what", 0777);
    free(sn_test_write("what", "scenario.ini", "[scenario]\nbase = "
                       "../data.ini\nname = what-if\n[classes]\n"
                       "hard_cap = 50\n", (size_t)-1));
    return root;
}

Test(cli_emit, writes_a_job_per_scenario)
{
    char *root = root_with_data();
    sn_test_ran r;
    const char *a[] = {"batch", "data.ini", "what/scenario.ini", "--emit",
                       "runs/b1", "--time-limit", "30", NULL};
    sn_test_run(&r, a);
    cr_assert_eq(r.code, SN_EXIT_OK, "%s", r.err);
    char *tsv = sn_test_slurp("runs/b1", "jobs.tsv");
    cr_assert_not_null(tsv);
    cr_expect_str_eq(tsv, "job\tname\tscenario\tvary\tcounty\tout\targs\n"
                          "1\tdata\tdata.ini\t\tall\truns/b1/jobs/1\tplan "
                          "data.ini -o runs/b1/jobs/1 -q --time-limit 30\n"
                          "2\twhat\twhat/scenario.ini\t\tall\truns/b1/jobs/2\t"
                          "plan what/scenario.ini -o runs/b1/jobs/2 -q "
                          "--time-limit 30\n");
    char *sb = sn_test_slurp("runs/b1", "slurm.sbatch");
    cr_assert_not_null(sb);
    cr_expect_not_null(strstr(sb, "#SBATCH --array=1-2%2\n"), "%s", sb);
    cr_expect_not_null(strstr(sb, "#SBATCH --cpus-per-task=1\n"));
    /* 1.25 x 30 s + 2 min + the data's MB, in whole minutes */
    cr_expect_not_null(strstr(sb, "#SBATCH --time=3\n"), "%s", sb);
    cr_expect_not_null(strstr(sb, "#SBATCH --mem=320M\n"), "%s", sb);
    cr_expect_not_null(strstr(sb, "exec ./run-job \"$SLURM_ARRAY_TASK_ID\""));
    char *rj = sn_test_slurp("runs/b1", "run-job");
    cr_assert_not_null(rj);
    cr_expect_not_null(strstr(rj, "cd -- \"$here\"/../.. || exit 3"), "%s",
                       rj);
    cr_expect_not_null(strstr(rj, "run-job runs/b1 \"$@\""), "%s", rj);
    struct stat st;
    cr_assert_eq(stat("runs/b1/run-job", &st), 0);
    cr_expect(st.st_mode & S_IXUSR, "run-job is executable");
    cr_expect_eq(stat("runs/b1/jobs", &st), 0, "the jobs' folder is made");
    char *rd = sn_test_slurp("runs/b1", "README");
    cr_assert_not_null(rd);
    cr_expect_not_null(strstr(rd, "parallel --sshloginfile nodes --workdir "
                              ". ./run-job ::: $(seq 2)"), "%s", rd);
    cr_expect_not_null(strstr(rd, "    sbatch slurm.sbatch\n"));
    cr_expect_not_null(strstr(rd, "schoolnet collect runs/b1 -o OUT"));
    free(rd);
    free(rj);
    free(sb);
    free(tsv);
    sn_test_rmdir(root);
}

Test(cli_emit, splits_counties_and_writes_the_sweep_scenarios)
{
    char *root = root_with_data();
    char *abs = sn_test_path(root, "runs/b2");
    sn_test_ran r;
    /* DIR given absolute: the list still names it from the root */
    const char *a[] = {"batch", "data.ini", "what/scenario.ini", "--emit", abs,
                       "--split", "counties", "--vary",
                       "classes.hard_cap=56,60", "--max-running", "3", "-q",
                       NULL};
    sn_test_run(&r, a);
    cr_assert_eq(r.code, SN_EXIT_OK, "%s", r.err);
    char *tsv = sn_test_slurp("runs/b2", "jobs.tsv");
    cr_assert_not_null(tsv);
    cr_expect_not_null(strstr(tsv, "\n1\tdata-classes.hard_cap-56\tdata.ini\t"
                              "classes.hard_cap=56\tYanhu\truns/b2/jobs/1\t"
                              "plan runs/b2/scenarios/"
                              "data-classes.hard_cap-56.ini -o "
                              "runs/b2/jobs/1 -q --county Yanhu\n"), "%s",
                       tsv);
    cr_expect_not_null(strstr(tsv, "\n8\twhat-classes.hard_cap-60\t"
                              "what/scenario.ini\tclasses.hard_cap=60\t"
                              "Yongji\truns/b2/jobs/8\t"), "%s", tsv);
    char *ini = sn_test_slurp("runs/b2/scenarios",
                              "data-classes.hard_cap-60.ini");
    cr_assert_not_null(ini);
    cr_expect_str_eq(ini, "; made by schoolnet batch --vary: data.ini with "
                          "classes.hard_cap = 60\n[scenario]\nbase = "
                          "\"../../../data.ini\"\nname = "
                          "\"data-classes.hard_cap-60\"\n[classes]\n"
                          "hard_cap = 60\n");
    char *w = sn_test_slurp("runs/b2/scenarios",
                            "what-classes.hard_cap-56.ini");
    cr_assert_not_null(w);
    cr_expect_not_null(strstr(w, "base = \"../../../what/scenario.ini\""),
                       "%s", w);
    char *sb = sn_test_slurp("runs/b2", "slurm.sbatch");
    cr_expect_not_null(strstr(sb, "#SBATCH --array=1-8%3\n"), "%s", sb);
    /* the variant is a valid scenario from the root */
    const char *v[] = {"validate", "runs/b2/scenarios/"
                       "what-classes.hard_cap-56.ini", NULL};
    sn_test_run(&r, v);
    cr_expect_eq(r.code, SN_EXIT_OK, "%s", r.err);
    free(sb);
    free(w);
    free(ini);
    free(tsv);
    free(abs);
    sn_test_rmdir(root);
}

Test(cli_emit, bad_usage_or_input_writes_nothing)
{
    char *root = root_with_data();
    sn_test_ran r;
    struct stat st;
    const char *both[] = {"batch", "data.ini", "--emit", "x", "-o", "y", NULL};
    sn_test_run(&r, both);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    cr_expect_not_null(strstr(r.err, "give -o OUT or --emit DIR, not both"));
    const char *split[] = {"batch", "data.ini", "-o", "y", "--split", "counties",
                           NULL};
    sn_test_run(&r, split);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    cr_expect_not_null(strstr(r.err, "--split is for --emit"), "%s", r.err);
    const char *how[] = {"batch", "data.ini", "--emit", "x", "--split", "zones",
                         NULL};
    sn_test_run(&r, how);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    cr_expect_not_null(strstr(r.err, "bad value for --split (got 'zones')"),
                       "%s", r.err);
    const char *jobs[] = {"batch", "data.ini", "--emit", "x", "--jobs", "2",
                          NULL};
    sn_test_run(&r, jobs);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    free(sn_test_write(".", "bad.ini", "[scenario]\ndata = data\n"
                       "[classes]\nhard_cap = lots\n", (size_t)-1));
    const char *bad[] = {"batch", "data.ini", "bad.ini", "--emit", "x", NULL};
    sn_test_run(&r, bad);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    cr_expect_not_null(strstr(r.err, "bad.ini:4:12: "), "%s", r.err);
    const char *slash[] = {"batch", "what/scenario.ini", "--emit", "y",
                           "--vary", "scenario.data=/data/a", "-q", NULL};
    sn_test_run(&r, slash);
    cr_expect_eq(r.code, SN_EXIT_OK, "%s", r.err);
    cr_expect_eq(stat("y/scenarios/what-scenario.data-_data_a.ini", &st), 0,
                 "a '/' of a value is not a folder in the name");
    const char *sweep[] = {"batch", "data.ini", "--emit", "x", "--vary",
                           "classes.nope=1", NULL};
    sn_test_run(&r, sweep);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    cr_expect_neq(stat("x", &st), 0, "nothing written");
    /* a folder with results is never replaced */
    mkdir("full", 0777);
    free(sn_test_write("full", "keep.txt", "results", (size_t)-1));
    const char *full[] = {"batch", "data.ini", "--emit", "full", NULL};
    sn_test_run(&r, full);
    cr_expect_eq(r.code, SN_EXIT_INPUT);
    cr_expect_not_null(strstr(r.err, "not empty"), "%s", r.err);
    char *keep = sn_test_slurp("full", "keep.txt");
    cr_expect_str_eq(keep, "results");
    free(keep);
    sn_test_rmdir(root);
}
