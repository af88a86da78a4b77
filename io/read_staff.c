/* read_staff.c - curriculum.csv and teachers.csv.
 *
 * Subjects are numbered in order of first appearance in curriculum.csv; a
 * teacher's subjects must all be among them.  teachers.csv is optional, but
 * when it is present curriculum.csv must be too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/read_internal.h"

/* ---- curriculum.csv --------------------------------------------------- */

enum { C_STAGE, C_GRADE, C_SUBJECT, C_PERIODS, C_NCOLS };
static const sn_table_col curr_cols[C_NCOLS] = {
    {"stage", 1}, {"grade", 1}, {"subject", 1}, {"periods", 1},
};
static const char *const curr_stages[] = {"primary", "junior", NULL};

typedef struct curr_state {
    long first[(SN_GRADES + 1) * SN_MAX_SUBJECTS]; /* line that set a cell */
} curr_state;

static int curriculum_row(sn_read_ctx *c, sn_table *t, curr_state *cs)
{
    sn_network *net = c->net;
    int stage = 0, grade = 0, periods = 0;
    const char *subject;
    int bad = sn_table_enum(t, C_STAGE, curr_stages, 0, &stage) != 0;
    if (sn_table_int(t, C_GRADE, 0, 1, SN_GRADES, &grade) != 0) {
        bad = 1;
    } else if (!bad && (int)sn_grade_stage(grade) != stage) {
        sn_table_fail(t, C_GRADE, "grade %d is not a %s grade (%s)", grade,
                      curr_stages[stage], stage ? "7-9" : "1-6");
        bad = 1;
    }
    bad |= sn_table_str(t, C_SUBJECT, &subject) != 0;
    bad |= sn_table_int(t, C_PERIODS, 0, 0, 60, &periods) != 0;
    if (bad)
        return 0;
    int s = sn_network_find_subject(net, subject);
    if (s < 0) {
        s = sn_network_add_subject(net, subject);
        if (s == SN_EINPUT) {
            sn_table_fail(t, C_SUBJECT, "too many subjects (at most %d)",
                          SN_MAX_SUBJECTS);
            return 0;
        }
        if (s < 0)
            return sn_error_set(c->err, SN_ENOMEM, "out of memory");
    }
    size_t k = (size_t)grade * SN_MAX_SUBJECTS + (size_t)s;
    if (cs->first[k]) {
        sn_table_fail(t, C_SUBJECT, "duplicate subject for grade %d (first "
                      "on line %ld)", grade, cs->first[k]);
        return 0;
    }
    cs->first[k] = sn_table_line(t);
    net->curriculum[k] = periods;
    return 0;
}

static int read_curriculum(sn_read_ctx *c)
{
    curr_state *cs = calloc(1, sizeof *cs);
    if (!cs)
        return sn_error_set(c->err, SN_ENOMEM, "out of memory");
    sn_table *t;
    int rc = sn_read_open(c, &t, "curriculum.csv", curr_cols, C_NCOLS);
    if (rc == 0) {
        while ((rc = sn_table_next(t, c->err)) == 1)
            if ((rc = curriculum_row(c, t, cs)) < 0)
                break;
        sn_table_free(t);
    }
    free(cs);
    return rc < 0 ? rc : 0;
}

/* ---- teachers.csv ----------------------------------------------------- */

enum { T_ID, T_SCHOOL, T_SUBJECTS, T_TITLE, T_EXCELLENT, T_YEARS, T_PERIODS,
       T_ITINERANT, T_CLASS_TEACHER, T_NAME, T_NCOLS };
static const sn_table_col teacher_cols[T_NCOLS] = {
    {"id", 1}, {"school", 1}, {"subjects", 1}, {"title", 0},
    {"excellent", 0}, {"years_at_school", 0}, {"max_periods", 0},
    {"itinerant", 0}, {"class_teacher", 0}, {"name", 0},
};
static const char *const title_names[] = {"junior", "intermediate", "senior",
                                          NULL};

/* ';'-separated subject names into a bit set; reports each bad name. */
static int read_subjects(sn_read_ctx *c, sn_table *t,
                         unsigned long long *bits)
{
    const char *s = sn_table_text(t, T_SUBJECTS);
    char name[256];
    int bad = 0;
    *bits = 0;
    while (*s) {
        const char *end = strchr(s, ';');
        size_t n = end ? (size_t)(end - s) : strlen(s);
        const char *b = s, *e = s + n;
        while (b < e && (*b == ' ' || *b == '\t'))
            b++;
        while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        snprintf(name, sizeof name, "%.*s", (int)(e - b), b);
        int k = name[0] ? sn_network_find_subject(c->net, name) : -1;
        if (!name[0]) {
            sn_table_fail(t, T_SUBJECTS, "empty subject name in the list");
            bad = 1;
        } else if (k < 0) {
            sn_table_fail(t, T_SUBJECTS, "unknown subject '%s': not in "
                          "curriculum.csv", name);
            bad = 1;
        } else {
            *bits |= 1ULL << k;
        }
        s = end ? end + 1 : s + n;
        if (end && !*s) {
            sn_table_fail(t, T_SUBJECTS, "empty subject name in the list");
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

static int teacher_row(sn_read_ctx *c, sn_table *t)
{
    sn_network *net = c->net;
    sn_teacher x;
    memset(&x, 0, sizeof x);
    const char *id, *school;
    int bad_id = sn_table_str(t, T_ID, &id) != 0;
    int k = bad_id ? -1 : sn_strmap_get(net->teacher_ids, id);
    if (k >= 0) {
        sn_table_fail(t, T_ID, "duplicate teacher id (first on line %ld)",
                      c->teacher_lines.line[k]);
        bad_id = 1;
    }
    x.school = -1;
    if (sn_table_str(t, T_SCHOOL, &school) == 0 &&
        (x.school = sn_network_find_school(net, school)) < 0)
        sn_table_fail(t, T_SCHOOL, "unknown school: not in schools.csv");
    if (!sn_table_empty(t, T_SUBJECTS))
        read_subjects(c, t, &x.subjects);
    else
        sn_table_fail(t, T_SUBJECTS, "missing value for required column "
                      "'subjects'");
    int title = SN_TITLE_INTERMEDIATE;
    sn_table_enum(t, T_TITLE, title_names, SN_TITLE_INTERMEDIATE, &title);
    x.title = (sn_title)title;
    sn_table_bool(t, T_EXCELLENT, 0, &x.excellent);
    sn_table_int(t, T_YEARS, 0, 0, 60, &x.years_at_school);
    sn_table_int(t, T_PERIODS, net->sc.standard_periods, 1, 60,
                 &x.max_periods);
    sn_table_bool(t, T_ITINERANT, 0, &x.itinerant);
    sn_table_bool(t, T_CLASS_TEACHER, 0, &x.class_teacher);
    if (bad_id || x.school < 0)
        return 0;
    x.id = (char *)id;
    x.name = sn_table_empty(t, T_NAME) ? NULL : (char *)sn_table_text(t, T_NAME);
    if (sn_network_add_teacher(net, &x) < 0 ||
        sn_read_lines_push(&c->teacher_lines, sn_table_line(t)))
        return sn_error_set(c->err, SN_ENOMEM, "out of memory");
    return 0;
}

/* [teachers] county_quota.NAME: NAME must be a county of schools.csv. */
static void check_quotas(sn_read_ctx *c)
{
    const sn_scenario *sc = &c->net->sc;
    for (int i = 0; i < sc->ncounty_quota; i++) {
        const sn_county_quota *q = &sc->county_quota[i];
        if (sn_network_find_county(c->net, q->county) < 0)
            sn_diag_error(c->diag, q->path, q->line, q->col, "unknown county "
                          "'%s': no school of schools.csv is in it (got "
                          "'county_quota.%s')", q->county, q->county);
    }
}

int sn_read_staff(sn_read_ctx *c)
{
    check_quotas(c);
    int has_t = sn_read_exists(c, "teachers.csv");
    int has_c = sn_read_exists(c, "curriculum.csv");
    if (has_t && !has_c) {
        sn_diag_error(c->diag, sn_read_path(c, "curriculum.csv"), 0, 0,
                      "missing: teachers.csv needs curriculum.csv for its "
                      "subjects");
        return SN_EINPUT;
    }
    int rc = 0;
    if (has_c && (rc = read_curriculum(c)) != 0)
        return rc;
    if (has_t)
        rc = sn_read_rows(c, "teachers.csv", teacher_cols, T_NCOLS,
                          teacher_row);
    return rc;
}
