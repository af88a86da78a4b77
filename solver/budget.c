/* budget.c - work, time and stop limits of a solve (budget.h). */
#include "solver/budget.h"

#include <limits.h>
#include <math.h>

#include "solver/mip.h"

void sn_budget_init(sn_budget *b, double seconds, long long work,
                    const volatile sig_atomic_t *stop)
{
    b->deadline = seconds > 0 && isfinite(seconds) ? sn_clock() + seconds
                                                   : INFINITY;
    b->work_limit = work;
    b->work_used = 0;
    b->ops = 0;
    b->stop = stop;
    b->ended_by = SN_END_NONE;
}

void sn_budget_child(sn_budget *child, const sn_budget *parent, double share,
                     double seconds)
{
    long long left = sn_budget_work_left(parent);
    long long work = -1;
    if (parent->work_limit >= 0) {
        double w = share >= 1.0 ? (double)left : floor((double)left * share);
        work = w < 0 ? 0 : (long long)w;
    }
    sn_budget_init(child, seconds, work, parent->stop);
    if (child->deadline > parent->deadline)
        child->deadline = parent->deadline;
}

void sn_budget_close(sn_budget *parent, const sn_budget *child)
{
    parent->work_used += child->work_used;
    parent->ops += child->ops;
    sn_budget_ops(parent, 0);
}

void sn_budget_spend(sn_budget *b, long long units)
{
    if (units > 0)
        b->work_used += units;
}

void sn_budget_ops(sn_budget *b, long long ops)
{
    b->ops += ops;
    if (b->ops >= 100) {
        b->work_used += b->ops / 100;
        b->ops %= 100;
    }
}

int sn_budget_out(sn_budget *b)
{
    if (b->ended_by != SN_END_NONE && b->ended_by != SN_END_GAP)
        return 1;
    if (b->stop && *b->stop) {
        b->ended_by = SN_END_STOP;
        return 1;
    }
    if (b->work_limit >= 0 && b->work_used >= b->work_limit) {
        b->ended_by = SN_END_WORK;
        return 1;
    }
    if (isfinite(b->deadline) && sn_clock() >= b->deadline) {
        b->ended_by = SN_END_TIME;
        return 1;
    }
    return 0;
}

long long sn_budget_work_left(const sn_budget *b)
{
    if (b->work_limit < 0)
        return LLONG_MAX;
    return b->work_used >= b->work_limit ? 0 : b->work_limit - b->work_used;
}

double sn_budget_time_left(const sn_budget *b)
{
    if (!isfinite(b->deadline))
        return INFINITY;
    double left = b->deadline - sn_clock();
    return left > 0 ? left : 0;
}
