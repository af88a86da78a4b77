/* check_teachers_impl.h - internal to the teacher checker
 * (check_teachers.c: state, staffing, rows, shortages, summary;
 * check_moves.c: redeployment and rotation; check_week.c: the week of
 * walking teachers and the spare-capacity rule).  Every definition is
 * restated in these files on purpose rather than taken from
 * model/staffing: a bug there must not hide itself.
 */
#ifndef SN_CHECK_TEACHERS_IMPL_H
#define SN_CHECK_TEACHERS_IMPL_H

#include "model/check_teachers.h"

#define NJ SN_MAX_SUBJECTS
#define CK_DAYS 5

typedef struct tk {
    sn_check_report *rep;
    const sn_network *net;
    const sn_plan *plan;
    const sn_teacher_files *tf;
    int *demand, *covered, *daycap; /* [s * NJ + j] */
    char *open;             /* per school: kept or new, public */
    int *start, *years, *last; /* per teacher, at the start of the year */
    int *mid;               /* per teacher, after redeployment */
    int *home;              /* per teacher, after rotation (final) */
    int *actual, *required, *quota; /* per school; actual at the start */
    int oom;
} tk;

/* Counts a check; when !ok appends the formatted violation.  Returns ok. */
int ck_holds(tk *c, int ok, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

const char *ck_sid(const tk *c, int s);
const char *ck_tid(const tk *c, int t);
const char *ck_jname(const tk *c, int j);
double ck_km(const sn_network *net, int a, int b);
int ck_capacity(const sn_scenario *sc, const sn_teacher *t);
int ck_strong(const sn_teacher *t);
int ck_shortage_subject(const sn_network *net, int j);
/* Whether teacher t may teach subject j away from home. */
int ck_may_walk(const sn_network *net, int t, int j);
/* 0 over, 1 full, 2 under (start actual against quota). */
int ck_status(const tk *c, int s);
/* Qualified capacity Q[s * NJ + j] for the homes home[t]. */
void ck_qualified(int *Q, const tk *c, const int *home);

/* check_moves.c: sets c->mid and c->home. */
void ck_redeploy(tk *c);
void ck_rotation(tk *c);
/* check_week.c: the timetable, km against its days, the spare rule. */
void ck_week(tk *c);

#endif
