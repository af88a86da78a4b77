/* write_xlsx.c - text tables as an .xlsx workbook (write_xlsx.h). */
#include "io/write_xlsx.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define MAX_ROWS 1048575 /* Excel's rows, less the header */

int sn_xlsx_plain_number(const char *s)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (*p == '0') {
        p++;
    } else if (*p >= '1' && *p <= '9') {
        while (*p >= '0' && *p <= '9')
            p++;
    } else {
        return 0;
    }
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9'))
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p == '\0' && isfinite(strtod(s, NULL));
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && !strcmp(s + n - m, tail);
}

int sn_xlsx_text_column(const char *name)
{
    static const char *const words[] = {
        "county", "zone", "school", "teacher", "id", "name", "stage",
        "state", "status", "reason", "subject", "title", "from", "to",
        "home_school", "scenario", "key", "note", "item", NULL};
    for (int i = 0; words[i]; i++)
        if (!strcmp(name, words[i]))
            return 1;
    return ends_with(name, "_id") || ends_with(name, "_name") ||
           ends_with(name, "_school");
}

/* Characters a cell's text takes on screen (CJK and other wide: 2). */
static int text_width(const char *s)
{
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        w += *p >= 0xE1 ? 2 : 1;
    }
    return w;
}

typedef struct col_info {
    int numeric, width;
} col_info;

static void scan_columns(col_info *ci, const sn_xlsx_sheet *sh)
{
    for (int c = 0; c < sh->cols; c++) {
        col_info *k = &ci[c];
        k->numeric = !sn_xlsx_text_column(sh->key[c]);
        k->width = text_width(sh->head[c]) + 3; /* room for the filter */
        for (int r = 0; r < sh->rows; r++) {
            const char *s = sh->cell[(size_t)r * (size_t)sh->cols + (size_t)c];
            int w = text_width(s);
            k->width = w > k->width ? w : k->width;
            if (!s[0])
                continue;
            if (k->numeric && !sn_xlsx_plain_number(s))
                k->numeric = 0;
        }
        k->width = k->width < 6 ? 6 : k->width > 48 ? 48 : k->width;
    }
}

typedef struct formats {
    lxw_format *head, *integer, *decimal;
} formats;

static lxw_error write_sheet(lxw_workbook *wb, const sn_xlsx_sheet *sh,
                             const formats *fm, col_info *ci)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, sh->name);
    if (!ws)
        return LXW_ERROR_SHEETNAME_ALREADY_USED;
    scan_columns(ci, sh);
    lxw_error e = LXW_NO_ERROR;
    for (int c = 0; c < sh->cols && !e; c++) {
        e = worksheet_write_string(ws, 0, (lxw_col_t)c, sh->head[c], fm->head);
        if (!e)
            e = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                                     ci[c].width + 1, NULL);
    }
    for (int r = 0; r < sh->rows && !e; r++)
        for (int c = 0; c < sh->cols && !e; c++) {
            size_t i = (size_t)r * (size_t)sh->cols + (size_t)c;
            const char *s = sh->cell[i];
            int kind = sh->kind ? sh->kind[i] : -1;
            int num = kind == 1 || (kind < 0 && ci[c].numeric);
            lxw_row_t row = (lxw_row_t)r + 1;
            if (!s[0])
                continue;
            if (num && sn_xlsx_plain_number(s)) {
                int whole = !strpbrk(s, ".eE");
                e = worksheet_write_number(ws, row, (lxw_col_t)c,
                                           strtod(s, NULL),
                                           whole ? fm->integer : fm->decimal);
            } else {
                /* a string cell: never a formula, whatever it begins with */
                e = worksheet_write_string(ws, row, (lxw_col_t)c, s, NULL);
            }
        }
    if (!e) {
        worksheet_freeze_panes(ws, 1, 0);
        if (sh->cols > 0)
            e = worksheet_autofilter(ws, 0, 0, (lxw_row_t)sh->rows,
                                     (lxw_col_t)(sh->cols - 1));
    }
    return e;
}

/* Seconds from 1970 to 1 January of year, 00:00 UTC. */
static time_t new_year(int year)
{
    long days = 0;
    for (int y = 1970; y < year; y++)
        days += 365 + ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
    return (time_t)days * 86400;
}

static int build(const char *path, const sn_xlsx_sheet *sheets, int n,
                 int year, sn_error *err)
{
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return sn_error_set(err, SN_EIO, "%s: cannot create the workbook",
                            path);
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    props.title = "schoolnet plan";
    props.created = new_year(year >= 1970 && year <= 2100 ? year : 2000);
    lxw_error e = workbook_set_properties(wb, &props);
    formats fm = {workbook_add_format(wb), workbook_add_format(wb),
                  workbook_add_format(wb)};
    if (fm.head) {
        format_set_bold(fm.head);
        format_set_bg_color(fm.head, 0xDCE6F1);
        format_set_bottom(fm.head, LXW_BORDER_THIN);
    }
    if (fm.integer)
        format_set_num_format(fm.integer, "0");
    if (fm.decimal)
        format_set_num_format(fm.decimal, "0.000");
    int maxc = 1;
    for (int s = 0; s < n; s++)
        maxc = sheets[s].cols > maxc ? sheets[s].cols : maxc;
    col_info *ci = calloc((size_t)maxc, sizeof *ci);
    if (!ci || !fm.head || !fm.integer || !fm.decimal)
        e = LXW_ERROR_MEMORY_MALLOC_FAILED;
    for (int s = 0; s < n && !e; s++)
        e = write_sheet(wb, &sheets[s], &fm, ci);
    free(ci);
    lxw_error ce = workbook_close(wb);
    if (!e)
        e = ce;
    if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    if (e)
        return sn_error_set(err, SN_EIO, "plan.xlsx: %s", lxw_strerror(e));
    return 0;
}

static int copy_file(FILE *out, const char *path, sn_error *err)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return sn_error_set(err, SN_EIO, "%s: %s", path, strerror(errno));
    char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, got, out) != got)
            break;
    int bad = ferror(in) || ferror(out);
    fclose(in);
    return bad ? sn_error_set(err, SN_EIO, "%s: copy failed", path) : 0;
}

int sn_xlsx_write(FILE *out, const sn_xlsx_sheet *sheets, int n, int year,
                  sn_error *err)
{
    if (n < 1)
        return sn_error_set(err, SN_EUSAGE, "a workbook needs a sheet");
    for (int s = 0; s < n; s++) {
        if (!sheets[s].name || !sheets[s].name[0] ||
            strlen(sheets[s].name) > 31 || strpbrk(sheets[s].name, "[]:*?/\\"))
            return sn_error_set(err, SN_EUSAGE, "bad sheet name '%s'",
                                sheets[s].name ? sheets[s].name : "");
        if (sheets[s].rows > MAX_ROWS)
            return sn_error_set(err, SN_EUSAGE, "sheet %s: %d rows, a sheet "
                                "holds at most %d", sheets[s].name,
                                sheets[s].rows, MAX_ROWS);
    }
    const char *tmp = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/schoolnet-xlsx-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return sn_error_set(err, SN_EIO, "%s: cannot create a temporary: %s",
                            path, strerror(errno));
    close(fd);
    int rc = build(path, sheets, n, year, err);
    if (rc == 0)
        rc = copy_file(out, path, err);
    unlink(path);
    return rc;
}
