/* strmap.c - open-addressing hash map from strings to ints (FNV-1a,
 * linear probing, load factor <= 1/2). */
#include "model/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/error.h"

struct sn_strmap {
    char **keys;
    int *vals;
    size_t cap, n; /* cap is a power of two */
};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

sn_strmap *sn_strmap_new(void)
{
    sn_strmap *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->cap = 16;
    m->keys = calloc(m->cap, sizeof *m->keys);
    m->vals = calloc(m->cap, sizeof *m->vals);
    if (!m->keys || !m->vals) {
        sn_strmap_free(m);
        return NULL;
    }
    return m;
}

void sn_strmap_free(sn_strmap *m)
{
    if (!m)
        return;
    if (m->keys)
        for (size_t i = 0; i < m->cap; i++)
            free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    free(m);
}

static size_t slot(const sn_strmap *m, const char *key)
{
    size_t i = (size_t)hash(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static int grow(sn_strmap *m)
{
    size_t ncap = m->cap * 2;
    char **nk = calloc(ncap, sizeof *nk);
    int *nv = calloc(ncap, sizeof *nv);
    if (!nk || !nv) {
        free(nk);
        free(nv);
        return SN_ENOMEM;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = (size_t)hash(m->keys[i]) & (ncap - 1);
        while (nk[j])
            j = (j + 1) & (ncap - 1);
        nk[j] = m->keys[i];
        nv[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = nk;
    m->vals = nv;
    m->cap = ncap;
    return 0;
}

int sn_strmap_put(sn_strmap *m, const char *key, int value)
{
    if (2 * (m->n + 1) > m->cap && grow(m) != 0)
        return SN_ENOMEM;
    size_t i = slot(m, key);
    if (!m->keys[i]) {
        m->keys[i] = strdup(key);
        if (!m->keys[i])
            return SN_ENOMEM;
        m->n++;
    }
    m->vals[i] = value;
    return 0;
}

int sn_strmap_get(const sn_strmap *m, const char *key)
{
    size_t i = slot(m, key);
    return m->keys[i] ? m->vals[i] : -1;
}

size_t sn_strmap_size(const sn_strmap *m) { return m->n; }
