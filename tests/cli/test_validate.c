/* test_validate.c - `schoolnet validate`: exit codes for a valid set, a
 * broken one, bad usage and --help. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>

#include "cli/cli.h"

static int validate(const char *a1, const char *a2)
{
    char *argv[] = {"schoolnet", "validate", (char *)a1, (char *)a2, NULL};
    return sn_cli_run(a2 ? 4 : a1 ? 3 : 2, argv);
}

Test(cli_validate, accepts_the_tiny_set, .init = cr_redirect_stdout)
{
    cr_assert_eq(validate("tests/data/tiny/scenario.ini", NULL), SN_EXIT_OK);
}

Test(cli_validate, rejects_a_missing_set, .init = cr_redirect_stderr)
{
    cr_assert_eq(validate("tests/data/no-such-set", NULL), SN_EXIT_INPUT);
}

Test(cli_validate, rejects_bad_usage, .init = cr_redirect_stderr)
{
    cr_assert_eq(validate(NULL, NULL), SN_EXIT_INPUT);
    cr_assert_eq(validate("a", "b"), SN_EXIT_INPUT);
    cr_assert_eq(validate("--frobnicate", NULL), SN_EXIT_INPUT);
}

Test(cli_validate, prints_help, .init = cr_redirect_stdout)
{
    cr_assert_eq(validate("--help", NULL), SN_EXIT_OK);
}
