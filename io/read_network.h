/* read_network.h - a data folder (CSV files) and its scenario.ini into an
 * sn_network.
 *
 * Files, columns, defaults and every message are in docs/data-format.md.
 * Required: schools.csv, zones.csv, enrollment.csv; optional: births.csv,
 * housing.csv, distances.csv, teachers.csv (which then needs curriculum.csv) and
 * curriculum.csv.  All errors of a file are reported (up to the diag's
 * per-file limit) and reading goes on with the next file as long as the
 * files it depends on could be read (zones need schools; enrolment, births
 * and distances need zones; teachers need curriculum).
 */
#ifndef SN_READ_NETWORK_H
#define SN_READ_NETWORK_H

#include "model/error.h"
#include "model/network.h"

/* Reads the network described by scenario_path: a scenario.ini (its `data`
 * key names the data folder, relative to the ini's folder) or a data folder
 * (then the default scenario, named after the folder).
 * Returns 0 and a finished network in *out (the caller frees it with
 * sn_network_free); SN_EINPUT when diag received errors (warnings alone do
 * not fail); SN_ENOMEM / SN_EIO with err filled.  On failure *out is NULL
 * and nothing leaks.  diag keeps every message, errors and warnings. */
int sn_network_read(sn_network **out, const char *scenario_path,
                    sn_diag *diag, sn_error *err);

#endif
