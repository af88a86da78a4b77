/* targets.h - the fuzz targets: each feeds one arbitrary input to one
 * reader of user data and must return, whatever the input, without a
 * crash, a hang, a leak or a sanitizer report.
 *
 * The same functions run under libFuzzer (tests/fuzz/fuzz_*.c, `make
 * fuzz`, clang -fsanitize=fuzzer,address,undefined) and in the Criterion
 * suite on the seed corpus and on every input a fuzzer ever broke
 * (tests/fuzz/regressions/TARGET/, test_fuzz_regressions.c), so a crash
 * once found stays fixed.  Each returns 0 (libFuzzer's convention).
 */
#ifndef SN_FUZZ_TARGETS_H
#define SN_FUZZ_TARGETS_H

#include <stddef.h>
#include <stdint.h>

/* io/csv + io/table: one CSV file, every row through the typed getters. */
int sn_fuzz_csv(const uint8_t *data, size_t size);
/* io/read_scenario (io/ini): one scenario.ini, `base` chains included. */
int sn_fuzz_ini(const uint8_t *data, size_t size);
/* io/read_plan + model/check: the plan files of the tiny data set
 * (assignments.csv, unplaced.csv, schools.csv, summary.json, split at
 * SN_FUZZ_SPLIT); a plan that reads is then checked. */
int sn_fuzz_plan(const uint8_t *data, size_t size);
/* io/json: one JSON text. */
int sn_fuzz_json(const uint8_t *data, size_t size);

/* Separator of the plan target's files in one input. */
#define SN_FUZZ_SPLIT "\n@@@@\n"

#endif
