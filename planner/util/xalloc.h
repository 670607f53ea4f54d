/*
 * xalloc: allocation that never returns NULL, growable arrays, a string
 * arena and a string-to-index map.
 *
 * Out of memory is the one fatal condition in phaseout's library code: these
 * functions print "phaseout: fatal: out of memory" and abort. Everything else
 * is reported to the caller.
 *
 * Ownership: memory from xmalloc() and friends is freed with free(). Strings
 * from strpool_dup() live until strpool_finish() on their pool. A strmap
 * borrows its keys; they must outlive it (normally they live in a strpool).
 */
#ifndef PHASEOUT_XALLOC_H
#define PHASEOUT_XALLOC_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* The allocators never return NULL: the compiler may rely on it. */
#define XALLOC_NONNULL __attribute__((returns_nonnull, warn_unused_result))

void *xmalloc(size_t size) XALLOC_NONNULL __attribute__((malloc));
void *xcalloc(size_t count, size_t size) XALLOC_NONNULL __attribute__((malloc));
void *xrealloc(void *ptr, size_t size) XALLOC_NONNULL;
/* xreallocarray: like xrealloc(ptr, count * size), aborting on overflow. */
void *xreallocarray(void *ptr, size_t count, size_t size) XALLOC_NONNULL;
char *xstrdup(const char *s) XALLOC_NONNULL __attribute__((malloc));
/* xasprintf: printf into a fresh heap string; xvasprintf takes a va_list. */
char *xasprintf(const char *fmt, ...) XALLOC_NONNULL
	__attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) XALLOC_NONNULL
	__attribute__((format(printf, 1, 0)));

/*
 * ARRAY_GROW(ptr, count, alloc): make room for one more element in the array
 * 'ptr' that holds 'count' elements in 'alloc' slots, doubling when full.
 * Typical use:
 *	ARRAY_GROW(s->sites, s->n_sites, s->alloc_sites);
 *	s->sites[s->n_sites++] = site;
 */
#define ARRAY_GROW(ptr, count, alloc)                                          \
	do {                                                                   \
		if ((count) >= (alloc)) {                                      \
			(alloc) = (alloc) ? 2 * (alloc) : 8;                   \
			(ptr) = xreallocarray((ptr), (alloc), sizeof(*(ptr))); \
		}                                                              \
	} while (0)

/*
 * A string arena: many small strings freed at once. Used for every name a
 * scenario holds, so a million-row sites.csv costs one allocation per
 * 64 KiB of text instead of several per row.
 */
struct strpool {
	struct strpool_chunk *head;
};

void strpool_init(struct strpool *pool);
void strpool_finish(struct strpool *pool);
/* strpool_dupn: copy 'len' bytes of 's' and a terminating NUL into the pool. */
const char *strpool_dupn(struct strpool *pool, const char *s, size_t len);
const char *strpool_dup(struct strpool *pool, const char *s);

/*
 * A map from strings to dense indices 0, 1, 2, ... in insertion order:
 * interns region, domain and vendor names and finds site ids. Keys are
 * borrowed. names[i] is the key of index i.
 */
struct strmap {
	const char **names;
	uint32_t count;
	uint32_t alloc_names;
	uint32_t *slots; /* open addressing; value is index + 1, 0 = empty */
	uint32_t n_slots;
};

void strmap_init(struct strmap *map);
void strmap_finish(struct strmap *map);
/* strmap_find: the index of 'key', or -1 when absent. */
int64_t strmap_find(const struct strmap *map, const char *key);
/*
 * strmap_intern: the index of 'key', adding it (borrowed) when absent.
 * '*added' (may be NULL) tells whether it was new.
 */
uint32_t strmap_intern(struct strmap *map, const char *key, int *added);

#endif
