/* fuzz_csv.c - libFuzzer entry for sn_fuzz_csv (tests/fuzz/targets.h). */
#include "tests/fuzz/targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return sn_fuzz_csv(data, size);
}
