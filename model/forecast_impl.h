/* forecast_impl.h - what the projection's files share (model/forecast.c,
 * forecast_points.c, forecast_backtest.c); not a public interface.
 *
 * Point arrays are laid out [((h - 1) * nzones + z) * G1 + g] with
 * h = 1..horizon and g = 1..9 (index g = 0 unused), in pupils, unrounded.
 */
#ifndef SN_FORECAST_IMPL_H
#define SN_FORECAST_IMPL_H

#include "model/forecast.h"

#define SN_FC_G1 (SN_GRADES + 1)
#define SN_FC_ENTRY_AGE 6 /* grade 1 entrants were born six years earlier */

/* Size bands of the error tables and of the backtest: a unit (zone, zone x
 * grade cell, county, county x grade) falls in band b when its size lies
 * in [sn_fc_band_lo[b], sn_fc_band_lo[b + 1]). */
#define SN_FC_NBANDS 7
extern const double sn_fc_band_lo[SN_FC_NBANDS + 1];
int sn_fc_band(double size);

/* Point projection from base year T for H years: pts gets the cohort
 * projection plus pupils from new housing, housing (if not NULL) the
 * housing part alone, both [((h-1) * nzones + z) * G1 + g], zeroed first.
 * Checks the inputs (history long enough, settings in range).  Returns 0,
 * SN_EUSAGE, SN_EINPUT, SN_ENUMERIC or SN_ENOMEM with err filled. */
int sn_fc_points(double *pts, double *housing, const sn_network *net, int T,
                 int H, sn_error *err);

/* First base year a projection can start from (needs gpr_years + 1 years
 * of history): year_lo + gpr_years. */
int sn_fc_first_origin(const sn_network *net);

/* Actual pupils of zone z, grade g (0: all) in year. */
double sn_fc_actual_zone(const sn_network *net, int year, int z, int g);

#endif
