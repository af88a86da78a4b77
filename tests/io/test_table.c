/* test_table.c - header mapping and typed getters, each error with its
 * position. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/table.h"
#include "tests/io/helpers.h"

enum { C_ID, C_N, C_X, C_FLAG, C_KIND, C_NOTE, C_NCOLS };
static const sn_table_col cols[C_NCOLS] = {
    {"id", 1}, {"n", 0}, {"x", 0}, {"flag", 0}, {"kind", 0}, {"note", 0},
};
static const char *const kinds[] = {"open", "candidate", NULL};

typedef struct fixture {
    char *dir, *path;
    sn_diag diag;
    sn_error err;
    sn_table *t;
} fixture;

static int open_text(fixture *fx, const char *text)
{
    memset(fx, 0, sizeof *fx);
    fx->dir = sn_test_tmpdir();
    fx->path = sn_test_write(fx->dir, "t.csv", text, (size_t)-1);
    return sn_table_open(&fx->t, fx->path, cols, C_NCOLS, &fx->diag,
                         &fx->err);
}

static void done(fixture *fx)
{
    sn_table_free(fx->t);
    sn_diag_dispose(&fx->diag);
    free(fx->path);
    sn_test_rmdir(fx->dir);
}

Test(io_table, rejects_missing_required_column)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "name,n\nA,1\n"), SN_EINPUT);
    cr_assert_null(fx.t);
    SN_EXPECT_MSG(&fx.diag, "%s:1:1: missing required column 'id' (got "
                  "header 'name,n')", fx.path);
    done(&fx);
}

Test(io_table, rejects_duplicate_and_empty_column_names)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "id,n,,n\n"), SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:1:7: duplicate column 'n'", fx.path);
    SN_EXPECT_MSG(&fx.diag, "%s:1:6: empty column name", fx.path);
    done(&fx);
}

Test(io_table, warns_about_unknown_column)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "id,colour\nA,red\n"), 0);
    SN_EXPECT_MSG(&fx.diag, "%s:1:4: warning: unknown column 'colour' "
                  "(ignored)", fx.path);
    cr_assert_eq(fx.diag.errors, 0);
    cr_assert_eq(fx.diag.warnings, 1);
    done(&fx);
}

Test(io_table, gives_defaults_for_absent_and_empty_optional_columns)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "id,x\nA,\n"), 0);
    cr_assert_eq(sn_table_next(fx.t, &fx.err), 1);
    int n, flag, kind;
    double x;
    const char *note, *id;
    cr_assert_eq(sn_table_int(fx.t, C_N, 17, 0, 100, &n), 0);
    cr_assert_eq(n, 17);
    cr_assert_eq(sn_table_double(fx.t, C_X, 2.385, 0, HUGE_VAL, &x), 0);
    cr_assert_float_eq(x, 2.385, 1e-12);
    cr_assert_eq(sn_table_bool(fx.t, C_FLAG, 1, &flag), 0);
    cr_assert_eq(flag, 1);
    cr_assert_eq(sn_table_enum(fx.t, C_KIND, kinds, 1, &kind), 0);
    cr_assert_eq(kind, 1);
    cr_assert_eq(sn_table_str(fx.t, C_NOTE, &note), 0);
    cr_assert_null(note);
    cr_assert_eq(sn_table_str(fx.t, C_ID, &id), 0);
    cr_assert_str_eq(id, "A");
    cr_assert_eq(sn_table_has_column(fx.t, C_X), 1);
    cr_assert_eq(sn_table_has_column(fx.t, C_N), 0);
    cr_assert_eq(fx.diag.errors, 0);
    done(&fx);
}

Test(io_table, parses_typed_values)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "id,n,x,flag,kind,note\n"
                                "B7,-3,1e-3,0,candidate,\"a, b\"\n"), 0);
    cr_assert_eq(sn_table_next(fx.t, &fx.err), 1);
    int n, flag, kind;
    double x;
    const char *note;
    cr_assert_eq(sn_table_int(fx.t, C_N, 0, -5, 5, &n), 0);
    cr_assert_eq(n, -3);
    cr_assert_eq(sn_table_double(fx.t, C_X, 0, 0, 1, &x), 0);
    cr_assert_float_eq(x, 0.001, 1e-15);
    cr_assert_eq(sn_table_bool(fx.t, C_FLAG, 1, &flag), 0);
    cr_assert_eq(flag, 0);
    cr_assert_eq(sn_table_enum(fx.t, C_KIND, kinds, 0, &kind), 0);
    cr_assert_eq(kind, 1);
    cr_assert_eq(sn_table_str(fx.t, C_NOTE, &note), 0);
    cr_assert_str_eq(note, "a, b");
    done(&fx);
}

Test(io_table, reports_bad_values_at_their_fields)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "id,n,x,flag,kind\n"
                                ",12.5,-0.1,yes,closed\n"
                                "C,101,inf,2,\n"
                                "D,x,nan,,\n"), 0);
    int n, flag, kind;
    double x;
    const char *id;
    cr_assert_eq(sn_table_next(fx.t, &fx.err), 1);
    cr_assert_eq(sn_table_str(fx.t, C_ID, &id), -1);
    cr_assert_eq(sn_table_int(fx.t, C_N, 0, 0, 100, &n), -1);
    cr_assert_eq(sn_table_double(fx.t, C_X, 0, 0, HUGE_VAL, &x), -1);
    cr_assert_eq(sn_table_bool(fx.t, C_FLAG, 0, &flag), -1);
    cr_assert_eq(sn_table_enum(fx.t, C_KIND, kinds, 0, &kind), -1);
    cr_assert_eq(sn_table_row_errors(fx.t), 5);
    cr_assert_eq(sn_table_next(fx.t, &fx.err), 1);
    cr_assert_eq(sn_table_int(fx.t, C_N, 0, 0, 100, &n), -1);
    cr_assert_eq(sn_table_double(fx.t, C_X, 0, 0, 9.5, &x), -1);
    cr_assert_eq(sn_table_next(fx.t, &fx.err), 1);
    cr_assert_eq(sn_table_int(fx.t, C_N, 0, 0, 100, &n), -1);
    cr_assert_eq(sn_table_double(fx.t, C_X, 0, 0, HUGE_VAL, &x), -1);
    const char *p = fx.path;
    SN_EXPECT_MSG(&fx.diag, "%s:2:1: missing value for required column "
                  "'id' (got '')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:2:2: n must be a whole number from 0 to 100 "
                  "(got '12.5')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:2:7: x must be a number >= 0 (got '-0.1')",
                  p);
    SN_EXPECT_MSG(&fx.diag, "%s:2:12: flag must be 0 or 1 (got 'yes')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:2:16: kind must be one of open, candidate "
                  "(got 'closed')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:3:3: n must be a whole number from 0 to 100 "
                  "(got '101')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:3:7: x must be a number from 0 to 9.5 "
                  "(got 'inf')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:4:3: n must be a whole number from 0 to 100 "
                  "(got 'x')", p);
    SN_EXPECT_MSG(&fx.diag, "%s:4:5: x must be a number >= 0 (got 'nan')",
                  p);
    cr_assert_eq(sn_table_errors(fx.t), 9);
    done(&fx);
}

Test(io_table, limits_errors_per_file)
{
    char text[20000] = "id,n\n";
    for (int i = 0; i < 200; i++)
        strcat(text, "A,bad\n");
    fixture fx;
    cr_assert_eq(open_text(&fx, text), 0);
    int n;
    while (sn_table_next(fx.t, &fx.err) == 1)
        sn_table_int(fx.t, C_N, 0, 0, 9, &n);
    cr_assert_eq(fx.diag.errors, 200);
    cr_assert_eq(fx.diag.n, SN_DIAG_DEFAULT_LIMIT);
    cr_assert_eq(fx.diag.suppressed, 200 - SN_DIAG_DEFAULT_LIMIT);
    done(&fx);
}
