/* timeline.h - one row of a multi-year plan's timeline: a county in a plan
 * year.  Made by solver/multiyear (sn_multiyear_commit), written by
 * io/write_timeline; a model type of its own so that io/ needs no solver
 * header. */
#ifndef SN_TIMELINE_H
#define SN_TIMELINE_H

/* One row of timeline.csv: a county in a plan year (restated plan). */
typedef struct sn_timeline_row {
    int year, county;
    int hard_cap;                 /* the county's hard cap this year: a code
                                     of sn_scenario_cap_code (milestones
                                     per county, standard, none) */
    int cap_from;                 /* index of the deciding milestone in
                                     net->sc.milestones, -1: hard_cap */
    long students, unplaced;
    long classes;
    long over_66, over_56, over_standard; /* classes, even split */
    int schools_closed, schools_opened;   /* so far */
    int closed_this_year, opened_this_year;
    long classrooms_added;        /* so far */
    long classrooms_added_this_year;
    long classrooms_left;         /* still allowed at open schools */
    double cost;                  /* yuan a year, as summary.json's total */
    long over_cap;                /* classes above the county's cap */
    long pupils_over_cap;         /* the shortfall rows' sums */
    long classrooms_short;
    int meets_cap;                /* 1: no class above the county's cap */
} sn_timeline_row;

#endif
