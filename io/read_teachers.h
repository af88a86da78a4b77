/* read_teachers.h - reads the teacher files of a written plan
 * (docs/teachers.md, "Outputs") back, for `schoolnet check`.
 *
 * Form only: a file that cannot be parsed, an unknown teacher, school or
 * subject, a bad number is an input error at path:line:column.  Whether
 * the rows obey the rules is model/check_teachers' business.
 */
#ifndef SN_READ_TEACHERS_H
#define SN_READ_TEACHERS_H

#include "model/check_teachers.h"
#include "model/error.h"
#include "model/network.h"

/* Whether dir holds teacher files (teachers.csv exists). */
int sn_teacher_files_present(const char *dir);

/* Reads dir/teachers.csv, shortages.csv, staffing.csv, rotation.csv,
 * redeploy.csv, timetable.csv, teacher_state.csv (when present) and the
 * "teachers" section of dir/summary.json.  When dir has a
 * teacher_state.csv and is named as a year Y (a year of a multi-year
 * plan), the files of the sibling folder Y - 1 are read too, if it has
 * teacher files and a teacher_state.csv (into ->prev).  On success returns
 * 0 and *out is a new set (free with sn_teacher_files_free).  Returns
 * SN_EINPUT with every problem in diag, SN_EIO or SN_ENOMEM (err); *out is
 * NULL on failure. */
int sn_teacher_files_read(sn_teacher_files **out, const sn_network *net,
                          const char *dir, sn_diag *diag, sn_error *err);

#endif
