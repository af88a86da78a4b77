/* fuzz_json.c - libFuzzer entry for sn_fuzz_json (tests/fuzz/targets.h). */
#include "tests/fuzz/targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return sn_fuzz_json(data, size);
}
