/* redeploy.h - new home schools for the teachers of schools the plan
 * closes (合理分流乡村学校富余教师, policy 三.3; "空壳学校", 三.8) and for
 * the surplus teachers of over-staffed schools (只出不进, 三.8), county by
 * county, before the rotation and the walking-teacher assignment.
 *
 * Rules (docs/teachers.md, "Redeployment"):
 *  - every teacher whose home school is a public school the plan closes
 *    (or a candidate it does not build) moves to an open public school of
 *    the same county (reason school_closed), unless the county has none;
 *    teachers of private schools are not the county's staff and stay;
 *  - an over-staffed school (actual > quota) sends at most actual - quota
 *    teachers (reason surplus), only teachers whose leaving keeps the
 *    school's coverage min(D, Q) of every subject, and only to a school
 *    below its quota that lacks qualified capacity in the subject they
 *    take up there (Q < D); no school receives more surplus teachers than
 *    its room (quota - actual);
 *  - a school_closed teacher goes to a school below its quota teaching one
 *    of the teacher's subjects when one has room left, else to a school
 *    teaching one of them beyond its quota (reason
 *    school_closed_over_quota: no post is left for the teacher in the
 *    county); when no school of the county teaches any of them, to a
 *    school with room, else to any open school (subject none);
 *  - the subject written is one the teacher is qualified for and the
 *    destination teaches (none only when it teaches none of them).
 * Method: a greedy over (teacher, school) pairs, school_closed teachers
 * first: each step takes the pair whose teacher covers the most estimated
 * unmet periods (weighted by subject priority) at the school, ties to the
 * shorter distance, then the teacher and school listed first; the
 * estimate spreads each home teacher's capacity over its subjects (fewest
 * subjects first, largest need first) as rotation.c does.  Teachers left
 * without such a school then follow the fallbacks above, nearest first.
 * Why a step before the assignment model and not inside it: a new home
 * changes every arc of the teacher (which schools are within walking
 * reach); inside the MIP each candidate home would multiply the teacher's
 * columns by the county's schools, while the greedy places the few
 * hundred teachers of a county in milliseconds, and the assignment then
 * optimises their periods (at home and walking) exactly.
 */
#ifndef SN_REDEPLOY_H
#define SN_REDEPLOY_H

#include "model/error.h"
#include "model/network.h"
#include "model/staffing.h"

/* Redeploys teachers of st (fresh from sn_staffing_new, no redeploys or
 * moves yet): appends the redeploy rows and sets st->home.  Returns 0 or
 * SN_ENOMEM (err filled). */
int sn_redeploy_plan(sn_staffing *st, const sn_network *net, sn_error *err);

/* Qualified capacity Q[s * SN_MAX_SUBJECTS + j] of the teachers whose home
 * is home[t] (definition in staffing.h), for every school. */
void sn_staffing_qualified(int *Q, const sn_network *net, const int *home);

/* Estimated unmet periods need[s * SN_MAX_SUBJECTS + j] of every open
 * school of st for the homes home[t]: each teacher (fewest subjects first,
 * then input order) spreads its capacity over its subjects at home,
 * largest remaining need first.  Returns 0 or SN_ENOMEM. */
int sn_staffing_need(int *need, const sn_staffing *st, const sn_network *net,
                     const int *home);

#endif
