/* write_report_impl.h - what the files of the report writer share (not a
 * public interface: io/write_report.h is).
 *
 * The report is built from the plan's own files as written (their text:
 * summary.json, schools.csv, the teacher CSVs, ...) together with the
 * network and the in-memory plan, so that `schoolnet plan` (reading the
 * files back from its output set before commit) and `schoolnet report`
 * (reading them from disk) see the same bytes and write the same report.
 * Every number shown comes from those files or from the plan with its km
 * rounded as written (%.3f).
 *
 * Ownership: an sn_rep owns its tables, its summary list, its sorted copy
 * of the assignments and its per-school and per-county arrays; the network
 * and the plan are borrowed for its life.
 */
#ifndef SN_WRITE_REPORT_IMPL_H
#define SN_WRITE_REPORT_IMPL_H

#include <stddef.h>
#include <stdio.h>

#include "io/write_comparison.h"
#include "io/write_report.h"
#include "model/error.h"
#include "model/network.h"
#include "model/plan.h"

#define REP_NG (SN_GRADES + 1)

/* ---- CSV text as a table (write_report_table.c) ---------------------- */

/* A CSV text parsed in place: cell[0..cols) is the header, data row r
 * (0-based) is cell[(r + 1) * cols ..].  Every cell is a NUL-terminated
 * string (quotes removed); missing trailing fields read as "". */
typedef struct rep_table {
    char *buf;
    char **cell;
    int rows, cols;
} rep_table;

/* Parses text[0..len) (RFC 4180: quoted fields, doubled quotes, LF or CRLF
 * line ends, a UTF-8 BOM skipped).  Returns 0; SN_EINPUT with one message
 * in diag (`name:line: ...`) for an unterminated quote or a row with more
 * fields than the header; SN_ENOMEM (err).  t is zeroed on failure. */
int rep_table_parse(rep_table *t, const char *text, size_t len,
                    const char *name, sn_diag *diag, sn_error *err);
void rep_table_dispose(rep_table *t); /* accepts a zeroed table */
/* Column index of `name`, or -1. */
int rep_table_col(const rep_table *t, const char *name);
/* Cell of data row r, column c ("" when c < 0). */
const char *rep_table_get(const rep_table *t, int r, int c);

/* Scalars of summary.json by key path ("cost.total",
 * "teachers.counties[0].movers"), in file order. */
typedef struct rep_kv {
    char *key;
    int is_num;       /* else a string, true/false or null (str) */
    double num;
    char *str;        /* number: its text as written */
} rep_kv;

typedef struct rep_summary {
    rep_kv *kv;
    size_t n, cap;
} rep_summary;

int rep_summary_parse(rep_summary *s, const char *text, size_t len,
                      const char *name, sn_diag *diag, sn_error *err);
void rep_summary_dispose(rep_summary *s);
/* The value of key, or NULL. */
const rep_kv *rep_summary_get(const rep_summary *s, const char *key);
/* 1 and *v when key holds a number. */
int rep_summary_num(const rep_summary *s, const char *key, double *v);

/* ---- the report model (write_report_model.c) -------------------------- */

/* The CSV files of a plan a report may use, in workbook order. */
enum { REP_F_ASSIGNMENTS, REP_F_UNPLACED, REP_F_SCHOOLS, REP_F_SHORTFALL,
       REP_F_TEACHERS, REP_F_SHORTAGES, REP_F_TIMETABLE, REP_F_REDEPLOY,
       REP_F_ROTATION, REP_F_STAFFING, REP_F_STAYERS, REP_NFILES };
extern const char *const rep_file_names[REP_NFILES];

#define REP_NBINS 11  /* class-size histogram bins */
#define REP_NBANDS 8  /* distance bands of diverted pupils */
extern const int rep_bin_hi[REP_NBINS];      /* last size of each bin */
extern const double rep_band_hi[REP_NBANDS]; /* km upper bound */

typedef struct rep_school {
    int students_before[REP_NG], classes_before[REP_NG]; /* status quo */
    int students_after[REP_NG];      /* from the assignments */
    long pupils_before, pupils_after;
    long classes_before_n, classes_after_n;
    int largest_before, largest_after;
    int expanded;                    /* kept and classrooms added */
    int staff_status;                /* sn_staff_status, or -1: unknown */
    int staff_required, staff_actual;
} rep_school;

typedef struct rep_county {
    long students, classes[2];
    long over66[2], over56[2], overcap[2], overstd[2]; /* [before, after] */
    int closed, opened;
    long rooms, diverted, boarders;
    int has_rotation, movers, quota_movers, strong, quota_strong;
} rep_county;

typedef struct rep_subject {
    const char *name;                /* borrowed from a table */
    long periods;
    int shortage;                    /* music, art, pe, it */
} rep_subject;

typedef struct sn_rep {
    const sn_network *net;
    const sn_plan *plan;
    sn_assignment *asg;              /* students > 0, sorted, km as written */
    size_t nasg;
    sn_lang lang;                    /* SN_LANG_ZH or SN_LANG_EN */
    int hard_cap;                    /* city-wide cap of the plan year,
                                        for display (sn_scenario_hard_cap) */
    int uniform_cap;                 /* the cap of every county and grade
                                        when they agree, else -1 (0: no
                                        class-mode school) */
    rep_summary sum;
    rep_table tab[REP_NFILES];
    int has[REP_NFILES];
    rep_school *school;              /* nschools */
    rep_county *county;              /* ncounties */
    long hist[2][REP_NBINS];         /* classes by size, [before, after] */
    long band[4][REP_NBANDS];        /* diverted pupils by travel (walk,
                                        bus, board, far: sn_kpi_travel) */
    long diverted;
    rep_subject *subj;
    int nsubj;
    double capital_oneoff;           /* yuan: build + classrooms */
    long boarders;
    int nxy;                         /* schools with coordinates */
} sn_rep;

/* Reads the files through src and builds the model.  Returns 0,
 * SN_EINPUT (a file that cannot be parsed: diag), SN_EUSAGE (the plan
 * does not fit the network), SN_EIO or SN_ENOMEM (err).  On failure the
 * model is disposed. */
int rep_build(sn_rep *r, const sn_network *net, const sn_plan *plan,
              const sn_report_source *src, sn_diag *diag, sn_error *err);
void rep_dispose(sn_rep *r);

/* 1 when s holds a CJK ideograph (U+3400..U+9FFF). */
int rep_is_cjk(const char *s);
/* The language a report uses: the scenario's, or for auto Chinese when
 * any county, school or zone name holds a CJK character. */
sn_lang rep_pick_lang(const sn_network *net);

/* ---- text (write_report_text.c) --------------------------------------- */

typedef enum {
    T_TITLE, T_PLAN_FOR, T_STATUS, T_PUPILS, T_UNPLACED, T_OVER66, T_OVER56,
    T_OVERCAP, T_OVERSTD, T_BEFORE, T_AFTER, T_CLOSED, T_OPENED, T_ROOMS,
    T_CAPITAL, T_ANNUAL, T_BOARDERS, T_MEANKM, T_MAXKM, T_TEACHERS_SHORT,
    T_WALKING, T_ROTATION, T_DIVERTED, T_COUNTIES, T_COUNTY, T_SCHOOL,
    T_SCHOOLS, T_CLASSES, T_MILESTONES, T_MET, T_NOT_MET, T_DUE, T_CHARTS,
    T_HIST, T_COST, T_BANDS, T_UNCOVERED, T_MAP, T_SCHOOL_TABLE, T_ID,
    T_STAGE, T_STATE, T_BY_GRADE, T_LARGEST, T_IN, T_OUT, T_STAFFING,
    T_KEPT, T_CLOSED_S, T_NEW, T_EXPANDED, T_NOT_BUILT, T_PRIMARY,
    T_JUNIOR, T_NINE, T_OVER, T_FULL, T_UNDER, T_ZONES, T_FLOWS, T_COST_SCHOOLS,
    T_COST_CAPITAL, T_COST_TRANSPORT, T_COST_PRIVATE, T_KM, T_PERIODS,
    T_CLASS_SIZE, T_NO_MAP, T_QUOTA_MET, T_QUOTA_NOT_MET, T_FILES, T_YUAN_YEAR,
    T_NOTE_BEFORE, T_SORT_HINT, T_HOVER_HINT, T_YES, T_NO, T_POSTS,
    T_ROOMS_ADDED, T_PUPILS_SIZE, T_WALK, T_BOARD, T_SHORTAGE_SUBJ,
    T_TIMELINE, T_YEAR, T_HARD_CAP, T_CLOSING_BY_YEAR, T_OVER_BY_YEAR,
    T_COMPARISON, T_SCENARIO, T_EXIT, T_DIFF, T_DIFF_NONE, T_TRADEOFF,
    T_VS_FIRST, T_NOTE, T_CHANGE, T_KEY_FIGURES, T_NO_TEACHERS,
    T_REPORT_OF_YEAR, T_SHOWN, T_GAP, T_OBJECTIVE, T_ROOMS_SHORT,
    T_SHORTFALL, T_REDEPLOY, T_BUS, T_FAR, T_COST_BOARDING, T_COUNT
} rep_text;

/* The label id in language lang (static). */
const char *rep_t(sn_lang lang, rep_text id);
/* HTML/XML text: & < > " ' escaped. */
void rep_put_html(FILE *f, const char *s);
/* Whole number with thousands separators ("40,386"); -0 as 0. */
void rep_fmt_int(char *buf, size_t n, long v);
/* v with `dec` decimals and thousands separators; non-finite as "-". */
void rep_fmt_num(char *buf, size_t n, double v, int dec);
/* Yuan for people: en "83.31 M", zh "8,330.6 万" (unit label separate). */
void rep_fmt_money(char *buf, size_t n, double yuan, sn_lang lang);
/* "million yuan" / "万元" */
const char *rep_money_unit(sn_lang lang);
/* The label of a plan state, stage and staffing status. */
const char *rep_state_label(sn_lang lang, int state, int expanded);
const char *rep_stage_label(sn_lang lang, sn_stage st);

/* The page frame: <head> with the CSS and the error hook, and the end
 * with the script (tooltip, sortable tables, ready marker). */
void rep_page_begin(FILE *f, sn_lang lang, const char *title);
void rep_page_end(FILE *f);

/* ---- charts (write_report_chart.c) ------------------------------------ */

/* Grouped vertical bars: nseries series (colours col[]) over ncat
 * categories; values v[s * ncat + k].  hi[k] != 0 marks a category drawn
 * with a warning tint.  id names the <svg>. */
typedef struct rep_bars {
    const char *id, *title, *ylabel;
    int ncat, nseries;
    const char *const *cat;          /* ncat labels */
    const char *const *series;       /* nseries labels */
    const char *const *col;          /* nseries colours */
    const double *v;
    const int *hi;                   /* may be NULL */
    int stacked;                     /* series stacked, not side by side */
} rep_bars;
void rep_chart_bars(FILE *f, const rep_bars *b);

/* Horizontal bars with value labels (one series). */
typedef struct rep_hbars {
    const char *id, *title;
    int n;
    const char *const *label;
    const double *v;
    const char *const *text;         /* value texts shown, n */
    const char *const *col;          /* n colours */
} rep_hbars;
void rep_chart_hbars(FILE *f, const rep_hbars *b);

/* Points (x, y) with labels, joined in order when `line`; or several
 * lines over shared x (nseries > 1: y[s * n + i]). */
typedef struct rep_xy {
    const char *id, *title, *xlabel, *ylabel;
    int n, nseries, line;
    const double *x, *y;
    const char *const *ptlabel;      /* n, may be NULL */
    const char *const *series;       /* nseries, may be NULL */
    const char *const *col;          /* nseries */
    int x_is_year;                   /* integer ticks */
    int x_per_series;                /* x[s * n + i], not shared */
} rep_xy;
void rep_chart_xy(FILE *f, const rep_xy *c);

/* ---- the sections of the plan report ------------------------------------ */

void rep_html_headline(FILE *f, const sn_rep *r);
void rep_html_counties(FILE *f, const sn_rep *r);
int rep_html_charts(FILE *f, const sn_rep *r); /* 0 or SN_ENOMEM */
void rep_html_schools(FILE *f, const sn_rep *r);
/* The map (write_report_map.c); a note when no school has coordinates.
 * Returns 0 or SN_ENOMEM. */
int rep_html_map(FILE *f, const sn_rep *r);

/* plan.xlsx (write_report_book.c).  Returns 0 or the error of
 * sn_xlsx_write (err filled). */
int rep_write_xlsx(FILE *f, const sn_rep *r, sn_error *err);

/* The whole report.html (write_report_html.c).  Returns 0 or SN_ENOMEM. */
int rep_write_html(FILE *f, const sn_rep *r);

#endif
