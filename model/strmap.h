/* strmap.h - string -> int map (open addressing), for id lookups.
 * Keys are copied; the map owns them. */
#ifndef SN_STRMAP_H
#define SN_STRMAP_H

#include <stddef.h>

typedef struct sn_strmap sn_strmap;

/* Returns a new empty map or NULL when out of memory. */
sn_strmap *sn_strmap_new(void);
void sn_strmap_free(sn_strmap *m); /* accepts NULL */
/* Inserts or replaces key -> value.  Returns 0 or SN_ENOMEM. */
int sn_strmap_put(sn_strmap *m, const char *key, int value);
/* Returns the value, or -1 when key is absent. */
int sn_strmap_get(const sn_strmap *m, const char *key);
size_t sn_strmap_size(const sn_strmap *m);

#endif
