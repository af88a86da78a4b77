/* summary.h - what `schoolnet validate` reports about a network that read
 * cleanly: counts per county, and warnings about zones no school can serve.
 *
 * The summary is plain numbers; printing is the CLI's business.  Students
 * are counted for one year: the plan year when enrolment history has it,
 * otherwise the last history year (year_source says which).
 */
#ifndef SN_SUMMARY_H
#define SN_SUMMARY_H

#include "model/error.h"
#include "model/network.h"

typedef enum {
    SN_SUMMARY_PLAN_YEAR = 0,   /* sc.year is inside the history */
    SN_SUMMARY_LAST_HISTORY = 1,/* sc.year is 0 or outside: last history year */
    SN_SUMMARY_NO_HISTORY = 2   /* no enrolment rows at all */
} sn_summary_year;

typedef struct sn_county_summary {
    int schools[3][2];          /* [stage][status] */
    int zones;
    long students[2];           /* [SN_PRIMARY], [SN_JUNIOR], for `year` */
    long migrants[2];
    long classrooms;            /* class-mode schools, open ones */
    long seats;                 /* seat-mode schools, open ones */
    long boarding_beds;         /* open schools */
    int teachers;
    int teachers_by_subject[SN_MAX_SUBJECTS]; /* a teacher counts once per
                                                 subject he can teach */
} sn_county_summary;

typedef struct sn_summary {
    int year;                   /* year the students are counted for */
    sn_summary_year year_source;
    int ncounties;
    sn_county_summary *county;  /* ncounties entries, owned */
} sn_summary;

/* Computes the summary of net and adds warnings (path NULL) to warn:
 *   zone 'Z' (county C): no school teaches grades a-b within walking (W km)
 *     or boarding (B km) reach
 *   zone 'Z' (county C): N primary|junior pupils but no designated school
 *   school 'S': no coordinates and no distances: no zone can reach it
 * At most 20 warnings of each kind are listed, then one line with the
 * count of the rest.  Returns 0 or SN_ENOMEM (*out NULL). */
int sn_summary_new(sn_summary **out, const sn_network *net, sn_diag *warn);
void sn_summary_free(sn_summary *s); /* accepts NULL */

#endif
