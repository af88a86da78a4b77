/* test_csv.c - the CSV reader: positions, encodings, quoting, every error
 * message with its line and column, and a million rows. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"
#include "tests/io/helpers.h"

typedef struct fixture {
    char *dir, *path;
    sn_diag diag;
    sn_error err;
    sn_csv *r;
} fixture;

/* Writes bytes to dir/t.csv and opens it; returns sn_csv_open's code. */
static int open_bytes(fixture *fx, const char *bytes, size_t len)
{
    memset(fx, 0, sizeof *fx);
    fx->dir = sn_test_tmpdir();
    cr_assert(fx->dir);
    fx->path = sn_test_write(fx->dir, "t.csv", bytes, len);
    return sn_csv_open(&fx->r, fx->path, &fx->diag, &fx->err);
}

static int open_text(fixture *fx, const char *text)
{
    return open_bytes(fx, text, strlen(text));
}

/* Reads every row; returns how many. */
static long drain(fixture *fx)
{
    sn_csv_row row;
    long n = 0;
    int rc;
    while ((rc = sn_csv_next(fx->r, &row, &fx->err)) == 1)
        n++;
    cr_assert_eq(rc, 0, "reader failed: %s", fx->err.msg);
    return n;
}

static void done(fixture *fx)
{
    sn_csv_free(fx->r);
    sn_diag_dispose(&fx->diag);
    free(fx->path);
    sn_test_rmdir(fx->dir);
}

static void assert_field(const sn_csv_field *f, const char *text, long line,
                         long col)
{
    cr_assert_str_eq(f->text, text);
    cr_assert_eq(f->len, strlen(text));
    cr_assert_eq(f->line, line, "'%s': line %ld, want %ld", text, f->line,
                 line);
    cr_assert_eq(f->col, col, "'%s': col %ld, want %ld", text, f->col, col);
}

Test(io_csv, reads_header_and_positions)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "id,name , x\na1, b ,2.385\n"), 0);
    const sn_csv_row *h = sn_csv_header(fx.r);
    cr_assert_eq(h->n, 3);
    assert_field(&h->f[0], "id", 1, 1);
    assert_field(&h->f[1], "name", 1, 4);
    assert_field(&h->f[2], "x", 1, 11);
    sn_csv_row row;
    cr_assert_eq(sn_csv_next(fx.r, &row, &fx.err), 1);
    cr_assert_eq(row.line, 2);
    assert_field(&row.f[0], "a1", 2, 1);
    assert_field(&row.f[1], "b", 2, 5); /* trimmed; column of its text */
    assert_field(&row.f[2], "2.385", 2, 8);
    cr_assert_eq(sn_csv_next(fx.r, &row, &fx.err), 0);
    cr_assert_eq(fx.diag.errors, 0);
    done(&fx);
}

Test(io_csv, skips_bom_and_reads_crlf)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "\xEF\xBB\xBFid,v\r\nA,1\r\n\r\nB,\r\n"), 0);
    assert_field(&sn_csv_header(fx.r)->f[0], "id", 1, 1);
    sn_csv_row row;
    cr_assert_eq(sn_csv_next(fx.r, &row, &fx.err), 1);
    assert_field(&row.f[1], "1", 2, 3);
    cr_assert_eq(sn_csv_next(fx.r, &row, &fx.err), 1);
    assert_field(&row.f[0], "B", 4, 1);
    assert_field(&row.f[1], "", 4, 3); /* empty last field, after ',' */
    cr_assert_eq(sn_csv_next(fx.r, &row, &fx.err), 0);
    cr_assert_eq(fx.diag.errors, 0);
    done(&fx);
}

Test(io_csv, reads_lone_cr_line_ends)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "a,b\r1,2\r3,4"), 0);
    sn_csv_row row;
    cr_assert_eq(sn_csv_next(fx.r, &row, &fx.err), 1);
    assert_field(&row.f[1], "2", 2, 3);
    cr_assert_eq(sn_csv_next(fx.r, &row, &fx.err), 1);
    assert_field(&row.f[0], "3", 3, 1);
    done(&fx);
}

Test(io_csv, reads_quoted_fields_with_commas_newlines_quotes)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "a,b,c\n\"x, y\",\"line1\r\nline2\","
                                "\"say \"\"hi\"\"\"\nnext,2,3\n"), 0);
    sn_csv_row row;
    cr_assert_eq(sn_csv_next(fx.r, &row, &fx.err), 1);
    assert_field(&row.f[0], "x, y", 2, 1);
    assert_field(&row.f[1], "line1\r\nline2", 2, 8);
    assert_field(&row.f[2], "say \"hi\"", 3, 8);
    cr_assert_eq(sn_csv_next(fx.r, &row, &fx.err), 1);
    assert_field(&row.f[0], "next", 4, 1);
    done(&fx);
}

Test(io_csv, counts_columns_in_utf8_characters)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "县,名称,x\n临猗县,城关小学,2.385\n"), 0);
    sn_csv_row row;
    cr_assert_eq(sn_csv_next(fx.r, &row, &fx.err), 1);
    assert_field(&row.f[1], "城关小学", 2, 5);
    assert_field(&row.f[2], "2.385", 2, 10);
    done(&fx);
}

Test(io_csv, reports_missing_file)
{
    sn_diag d = SN_DIAG_INIT;
    sn_error err = {0, ""};
    sn_csv *r = (sn_csv *)1;
    cr_assert_eq(sn_csv_open(&r, "/nonexistent/x.csv", &d, &err), SN_EINPUT);
    cr_assert_null(r);
    SN_EXPECT_MSG(&d, "/nonexistent/x.csv: cannot open (No such file or "
                      "directory)");
    sn_diag_dispose(&d);
}

Test(io_csv, rejects_empty_file)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, ""), SN_EINPUT);
    cr_assert_null(fx.r);
    SN_EXPECT_MSG(&fx.diag, "%s:1:1: empty file: expected a header row",
                  fx.path);
    done(&fx);
}

Test(io_csv, rejects_bom_and_blank_lines_only)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "\xEF\xBB\xBF\r\n\n  \n"), SN_EINPUT);
    SN_EXPECT_MSG(&fx.diag, "%s:1:1: empty file: expected a header row",
                  fx.path);
    done(&fx);
}

Test(io_csv, rejects_unterminated_quote)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "a,b\n1,2\n3,\"abc\nxyz"), 0);
    cr_assert_eq(drain(&fx), 1);
    SN_EXPECT_MSG(&fx.diag,
                  "%s:3:3: unterminated quoted field (got '\"abc\\nxyz')",
                  fx.path);
    cr_assert_eq(sn_csv_errors(fx.r), 1);
    done(&fx);
}

Test(io_csv, rejects_quote_inside_unquoted_field)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "a,b\n1,ab\"c\n"), 0);
    cr_assert_eq(drain(&fx), 0);
    SN_EXPECT_MSG(&fx.diag,
                  "%s:2:5: malformed quote: a quote inside an unquoted "
                  "field; quote the whole field and double inner quotes "
                  "(got 'ab\"')", fx.path);
    done(&fx);
}

Test(io_csv, rejects_text_after_closing_quote)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "a,b\n1,\"ab\"c\n"), 0);
    cr_assert_eq(drain(&fx), 0);
    SN_EXPECT_MSG(&fx.diag,
                  "%s:2:7: malformed quote: text after the closing quote of "
                  "a quoted field (got '\"ab\"c')", fx.path);
    done(&fx);
}

Test(io_csv, rejects_ragged_rows_and_goes_on)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "a,b,c\n1,2,3,4\n5,6\n7,8,9\n"), 0);
    cr_assert_eq(drain(&fx), 1);
    SN_EXPECT_MSG(&fx.diag,
                  "%s:2:7: row has 4 fields, the header has 3 (got '4')",
                  fx.path);
    SN_EXPECT_MSG(&fx.diag, "%s:3:4: row has 2 fields, the header has 3",
                  fx.path);
    cr_assert_eq(sn_csv_errors(fx.r), 2);
    done(&fx);
}

Test(io_csv, rejects_nul_byte)
{
    fixture fx;
    cr_assert_eq(open_bytes(&fx, "a,b\n1,2\0\n", 9), 0);
    drain(&fx);
    SN_EXPECT_MSG(&fx.diag, "%s:2:4: NUL byte: this is not a text file",
                  fx.path);
    done(&fx);
}

Test(io_csv, rejects_control_character)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "a,b\n1,\x01\n"), 0);
    drain(&fx);
    SN_EXPECT_MSG(&fx.diag,
                  "%s:2:3: control character 0x01: this is not a text file",
                  fx.path);
    done(&fx);
}

Test(io_csv, rejects_invalid_utf8)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "a,b\n1,\xFF\n"), 0);
    drain(&fx);
    SN_EXPECT_MSG(&fx.diag,
                  "%s:2:3: invalid UTF-8 byte 0xFF (save the file as UTF-8)",
                  fx.path);
    done(&fx);
}

Test(io_csv, rejects_gbk_text)
{
    fixture fx; /* 城关 in GBK, as Excel on a Chinese Windows saves it */
    cr_assert_eq(open_text(&fx, "a,b\n1,\xB3\xC7\xB9\xD8\n"), 0);
    drain(&fx);
    SN_EXPECT_MSG(&fx.diag,
                  "%s:2:3: invalid UTF-8 byte 0xB3 (save the file as UTF-8)",
                  fx.path);
    done(&fx);
}

Test(io_csv, rejects_bad_utf8_continuation)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "a,b\n1,\xE4\xB8x\n"), 0);
    drain(&fx);
    SN_EXPECT_MSG(&fx.diag,
                  "%s:2:3: invalid UTF-8: byte 0x78 cannot follow 0xE4 (save "
                  "the file as UTF-8)", fx.path);
    done(&fx);
}

Test(io_csv, rejects_utf8_cut_at_end_of_file)
{
    fixture fx;
    cr_assert_eq(open_text(&fx, "a,b\n1,\xE4\xB8"), 0);
    drain(&fx);
    SN_EXPECT_MSG(&fx.diag,
                  "%s:2:3: invalid UTF-8: the file ends inside a character "
                  "(save the file as UTF-8)", fx.path);
    done(&fx);
}

Test(io_csv, rejects_huge_field_without_buffering_it)
{
    size_t n = 3 * SN_CSV_MAX_FIELD;
    char *text = malloc(n + 16);
    memcpy(text, "a,b\n1,\"", 7);
    memset(text + 7, 'x', n);
    memcpy(text + 7 + n, "\"\n", 3);
    fixture fx;
    cr_assert_eq(open_text(&fx, text), 0);
    free(text);
    cr_assert_eq(drain(&fx), 0);
    SN_EXPECT_MSG(&fx.diag,
                  "%s:2:3: field longer than 65536 bytes (an unterminated "
                  "quote?)", fx.path);
    done(&fx);
}

Test(io_csv, accepts_field_of_exactly_the_limit)
{
    size_t n = SN_CSV_MAX_FIELD;
    char *text = malloc(n + 16);
    memcpy(text, "a\n", 2);
    memset(text + 2, 'y', n);
    memcpy(text + 2 + n, "\n", 2);
    fixture fx;
    cr_assert_eq(open_text(&fx, text), 0);
    free(text);
    sn_csv_row row;
    cr_assert_eq(sn_csv_next(fx.r, &row, &fx.err), 1);
    cr_assert_eq(row.f[0].len, n);
    cr_assert_eq(fx.diag.errors, 0);
    done(&fx);
}

Test(io_csv, survives_binary_junk)
{
    /* fixed pseudo-random bytes: the reader must stop with a message */
    for (unsigned seed = 1; seed <= 20; seed++) {
        char junk[4096];
        unsigned x = seed * 2654435761u;
        for (size_t i = 0; i < sizeof junk; i++) {
            x = x * 1103515245u + 12345u;
            junk[i] = (char)(x >> 16);
        }
        fixture fx;
        int rc = open_bytes(&fx, junk, sizeof junk);
        cr_assert(rc == 0 || rc == SN_EINPUT);
        if (fx.r)
            drain(&fx);
        cr_assert_gt(fx.diag.errors, 0, "seed %u: junk accepted", seed);
        done(&fx);
    }
}

Test(io_csv, quote_shortens_long_values)
{
    char buf[96], big[200];
    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    sn_csv_quote(buf, sizeof buf, big);
    cr_assert_eq(strlen(buf), 63);
    cr_assert_str_eq(buf + 60, "...");
    cr_assert_str_eq(sn_csv_quote(buf, sizeof buf, "a\nb"), "a\\nb");
}

/* The million rows are read in a child killed after 600 s (helpers.h),
 * so a reader that turned quadratic fails the test instead of stopping
 * the suite; the limit is a hang guard (the read takes about a second),
 * not a performance assertion. */
typedef struct million {
    const char *path;
    long want;
} million;

/* 0 when every row is read with the right sum and line; else which check
 * failed (1 open, 2 reader error, 3 row count, 4 sum, 5 line, 6 diag). */
static int read_million(void *ctx)
{
    const million *m = ctx;
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    sn_csv *r = NULL;
    if (sn_csv_open(&r, m->path, &diag, &err) != 0)
        return 1;
    sn_csv_row row;
    long n = 0, got = 0, line = 0;
    int rc;
    while ((rc = sn_csv_next(r, &row, &err)) == 1) {
        got += atol(row.f[3].text);
        line = row.line;
        n++;
    }
    int result = rc != 0 ? 2 : n != 1000000 ? 3 : got != m->want ? 4
                 : line != 1000001 ? 5 : diag.errors != 0 ? 6 : 0;
    sn_csv_free(r);
    sn_diag_dispose(&diag);
    return result;
}

Test(io_csv, reads_a_million_rows)
{
    fixture fx;
    memset(&fx, 0, sizeof fx);
    fx.dir = sn_test_tmpdir();
    size_t len = strlen(fx.dir) + 16;
    fx.path = malloc(len);
    snprintf(fx.path, len, "%s/big.csv", fx.dir);
    FILE *f = fopen(fx.path, "w");
    cr_assert(f);
    fputs("year,zone,grade,students\n", f);
    long want = 0;
    for (long i = 0; i < 1000000; i++) {
        int s = (int)(i * 7919 % 313);
        want += s;
        fprintf(f, "%ld,Z%ld,%ld,%d\n", 2015 + i % 6, i % 5000, 1 + i % 9, s);
    }
    fclose(f);
    million m = {fx.path, want};
    int rc = sn_test_in_child(600, read_million, &m);
    static const char *const why[] = {"", "open failed", "reader error",
                                      "row count", "sum of students",
                                      "last line number", "diagnostics"};
    cr_expect_eq(rc, 0, "result %d: %s", rc,
                 rc > 0 && rc < 7 ? why[rc]
                 : rc == 128 + SIGALRM ? "no end after 600 s (SIGALRM)"
                                  : "the child died");
    done(&fx);
}
