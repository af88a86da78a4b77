/* rotation.h - the yearly teacher exchange (交流轮岗, policy 三.8): which
 * eligible teachers move to which school, county by county.
 *
 * Rules (docs/teachers.md, "Rotation"):
 *  - eligible: years_at_school >= rotation_min_years at an open public
 *    school of the plan;
 *  - movers = ceil(rotation_rate x eligible) per county (rounded up, so the
 *    share is "at least"), of whom at least ceil(rotation_excellent_share x
 *    movers) are excellent or senior-title teachers;
 *  - over-staffed schools only send (只出不进): in = 0;
 *  - full schools exchange one for one (出一进一): in = out;
 *  - under-staffed schools never end weaker: in >= out, and one-way moves
 *    into them stop at their required staff;
 *  - a mover goes to a school of the same county that teaches the subject
 *    written for the move (and the mover is qualified for it).
 * Moves are of two kinds: one-way, from an over-staffed school to an
 * under-staffed one (the subject with the largest estimated need there),
 * and swaps of two eligible teachers of full or under-staffed schools who
 * share a subject both schools teach (so neither school loses that
 * subject).  Method: a greedy over candidate moves, each kind sorted by
 * cost (one-way: km + 40 if the subject is not short there + 20 if the
 * school is urban; swap: km + 30 if teacher a goes to an urban school):
 * strong teachers first until ceil(share x (quota + 1)) strong movers
 * (a swap may overshoot the quota by one), then anyone until the quota;
 * one-way moves first within each sender's surplus, then beyond it, then
 * swaps.  Quotas are counts and moves are independent except for the
 * school balances, so the greedy meets the quotas whenever enough
 * candidates exist; it does not prove the total cost minimal.
 */
#ifndef SN_ROTATION_H
#define SN_ROTATION_H

#include "model/error.h"
#include "model/network.h"
#include "model/staffing.h"

/* Plans the rotation for every county into st: appends the moves, sets
 * st->home to the homes after rotation and fills st->county[c]'s rotation
 * numbers and strong-teacher shares (before: input homes; after: new
 * homes).  st must come from sn_staffing_new for the same net and have no
 * moves yet.  Returns 0 or SN_ENOMEM (err filled); a county whose quota
 * cannot be met is a result (movers < quota_movers), not an error. */
int sn_rotation_plan(sn_staffing *st, const sn_network *net, sn_error *err);

/* Strong movers the policy asks of a county: ceil(rotation_excellent_share
 * x max(movers, quota_movers)). */
int sn_rotation_strong_quota(const sn_scenario *sc, int quota_movers,
                             int movers);

/* Strong-teacher shares of county c for the given homes (teachers at open
 * public schools only): *urban and *rural are strong / all, 0 when none. */
void sn_rotation_shares(double *urban, double *rural, const sn_network *net,
                        const sn_staffing *st, const int *home, int county);

#endif
