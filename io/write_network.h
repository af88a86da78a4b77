/* write_network.h - an sn_network as a data folder (data format v1).
 *
 * Writes schools.csv, zones.csv, enrollment.csv, births.csv, distances.csv,
 * teachers.csv, curriculum.csv and scenario.ini into one folder, all or
 * nothing (io/outdir.h): on failure no file of the set is published and
 * files that were there before are left as they were.  Output is
 * deterministic: rows in network order (distances sorted by zone, school),
 * doubles as "%.3f", no time stamps, so the same network gives the same
 * bytes.  Enrolment rows with no students and no migrants and births rows of
 * zero are left out (the reader treats a missing row as zero).
 * scenario.ini says `data = .` and lists every key of model/scenario.h with
 * the network's value, so planners see all the defaults they may change.
 */
#ifndef SN_WRITE_NETWORK_H
#define SN_WRITE_NETWORK_H

#include "model/error.h"
#include "model/network.h"

/* Writes net into folder dir (created with its parents when missing;
 * existing files of the same names are replaced).  net must be finished
 * (sn_network_finish).  Returns 0, SN_EIO (err names the file and the
 * reason), SN_EUSAGE (dir empty or unusable) or SN_ENOMEM. */
int sn_network_write(const sn_network *net, const char *dir, sn_error *err);

#endif
