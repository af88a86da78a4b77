/* rotation.h - the yearly teacher exchange (交流轮岗, policy 三.8): which
 * eligible teachers move to which school, county by county, after the
 * redeployment (model/redeploy.h) and before the walking-teacher
 * assignment.
 *
 * Rules (docs/teachers.md, "Rotation"):
 *  - eligible: at an open public school that is still the teacher's home
 *    after the redeployment, years_at_school >= rotation_min_years, and no
 *    rotation in the last rotation_min_years plan years (a multi-year plan
 *    remembers the year of each teacher's last rotation);
 *  - movers >= ceil(rotation_rate x eligible) per county (rounded up, so
 *    the share is "at least"), of whom at least ceil(rotation_excellent_share
 *    x movers) are excellent or senior-title teachers;
 *  - school status (actual at the start of the year against the quota):
 *    over-staffed schools only send (只出不进): in = 0; full schools
 *    exchange one for one (出一进一): in = out; under-staffed schools never
 *    end weaker: in >= out, and one-way moves into them stop at the quota;
 *  - coverage: for every open school and subject, min(D, Q) after the
 *    rotation is at least what it was before it (Q: qualified capacity at
 *    home, staffing.h), so no school loses the coverage of a subject it
 *    had through the rotation;
 *  - a mover goes to a school of the same county that teaches the subject
 *    written for the move (and the mover is qualified for it).
 * Moves are of two kinds: one-way, from an over-staffed school to an
 * under-staffed one (the subject with the largest estimated need there),
 * and swaps of two eligible teachers of full or under-staffed schools who
 * share a subject both schools teach.  Method: a greedy over candidate
 * moves in passes until the quotas are met: (1) swaps that send a strong
 * teacher from an urban school to a rural one in exchange for a teacher
 * who is not strong (the 出一进一 that carries strength to rural schools),
 * nearest first; (2) strong one-way moves; (3) any swap of a strong
 * teacher; (4) one-way moves; (5) any swap.  One-way candidates cost km +
 * 40 if the subject is not short there + 20 if the school is urban; swaps
 * cost km + 30 if the teacher goes to an urban school.  The strong passes
 * stop at ceil(share x (quota + 1)) (a swap may overshoot the quota by
 * one); one-way moves go first within each sender's surplus, then beyond
 * it.  Quotas are counts and moves are independent except for the school
 * balances and coverage, so the greedy meets the quotas whenever enough
 * candidates exist; it does not prove the total cost minimal.
 */
#ifndef SN_ROTATION_H
#define SN_ROTATION_H

#include "model/error.h"
#include "model/network.h"
#include "model/staffing.h"

/* Plans the rotation for every county into st (after sn_redeploy_plan):
 * appends the moves, sets st->home to the homes after rotation and fills
 * st->county[c]'s rotation numbers and strong-teacher shares (before: the
 * homes at the start of the year; after: the final homes).  st must have
 * no moves yet.  Returns 0 or SN_ENOMEM (err filled); a county whose quota
 * cannot be met is a result (movers < quota_movers), not an error. */
int sn_rotation_plan(sn_staffing *st, const sn_network *net, sn_error *err);

/* Whether teacher t is eligible to rotate in st's year (rules above). */
int sn_rotation_eligible(const sn_staffing *st, const sn_network *net, int t);

/* Strong movers the policy asks of a county: ceil(rotation_excellent_share
 * x max(movers, quota_movers)). */
int sn_rotation_strong_quota(const sn_scenario *sc, int quota_movers,
                             int movers);

/* Strong-teacher shares of county c for the given homes (teachers at open
 * public schools only): *urban and *rural are strong / all, 0 when none. */
void sn_rotation_shares(double *urban, double *rural, const sn_network *net,
                        const sn_staffing *st, const int *home, int county);

#endif
