#include "util/xalloc.h"

#include <stdarg.h>
#include <stdnoreturn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The one fatal path of the library (xalloc.h says why). */
static noreturn void oom(void)
{
	fputs("phaseout: fatal: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xreallocarray(void *ptr, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		oom();
	return xrealloc(ptr, count * size);
}

char *xstrdup(const char *s)
{
	size_t len = strlen(s) + 1;
	return memcpy(xmalloc(len), s, len);
}

/*
 * Formats into a stack buffer first: most messages fit, and it spares the
 * vsnprintf(NULL, 0, ...) sizing call that gcc's -Wformat-truncation
 * misreads under the sanitizers.
 */
char *xvasprintf(const char *fmt, va_list ap)
{
	char small[256];
	va_list again;
	va_copy(again, ap);
	int len = vsnprintf(small, sizeof(small), fmt, ap);
	if (len < 0)
		oom();
	char *buf = xmalloc((size_t)len + 1);
	if ((size_t)len < sizeof(small))
		memcpy(buf, small, (size_t)len + 1);
	else
		vsnprintf(buf, (size_t)len + 1, fmt, again);
	va_end(again);
	return buf;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *buf = xvasprintf(fmt, ap);
	va_end(ap);
	return buf;
}

/* strpool */

enum { CHUNK_SIZE = 64 * 1024 };

struct strpool_chunk {
	struct strpool_chunk *next;
	size_t used, size;
	char data[];
};

void strpool_init(struct strpool *pool)
{
	pool->head = NULL;
}

void strpool_finish(struct strpool *pool)
{
	struct strpool_chunk *c = pool->head;
	while (c) {
		struct strpool_chunk *next = c->next;
		free(c);
		c = next;
	}
	pool->head = NULL;
}

const char *strpool_dupn(struct strpool *pool, const char *s, size_t len)
{
	struct strpool_chunk *c = pool->head;
	if (!c || c->size - c->used < len + 1) {
		/* A string larger than a chunk gets a chunk of its own. */
		size_t size = len + 1 > CHUNK_SIZE ? len + 1 : CHUNK_SIZE;
		c = xmalloc(sizeof(*c) + size);
		c->used = 0;
		c->size = size;
		c->next = pool->head;
		pool->head = c;
	}
	char *dst = c->data + c->used;
	memcpy(dst, s, len);
	dst[len] = '\0';
	c->used += len + 1;
	return dst;
}

const char *strpool_dup(struct strpool *pool, const char *s)
{
	return strpool_dupn(pool, s, strlen(s));
}

/* strmap: FNV-1a hashing, linear probing, load factor at most 1/2. */

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

void strmap_init(struct strmap *map)
{
	memset(map, 0, sizeof(*map));
}

void strmap_finish(struct strmap *map)
{
	free(map->names);
	free(map->slots);
	memset(map, 0, sizeof(*map));
}

int64_t strmap_find(const struct strmap *map, const char *key)
{
	if (!map->n_slots)
		return -1;
	uint32_t mask = map->n_slots - 1;
	for (uint32_t i = hash(key) & mask;; i = (i + 1) & mask) {
		uint32_t v = map->slots[i];
		if (!v)
			return -1;
		if (strcmp(map->names[v - 1], key) == 0)
			return v - 1;
	}
}

static void rehash(struct strmap *map)
{
	uint32_t n = map->n_slots ? 2 * map->n_slots : 16;
	free(map->slots);
	map->slots = xcalloc(n, sizeof(*map->slots));
	map->n_slots = n;
	for (uint32_t k = 0; k < map->count; k++) {
		uint32_t i = hash(map->names[k]) & (n - 1);
		while (map->slots[i])
			i = (i + 1) & (n - 1);
		map->slots[i] = k + 1;
	}
}

uint32_t strmap_intern(struct strmap *map, const char *key, int *added)
{
	int64_t found = strmap_find(map, key);
	if (added)
		*added = found < 0;
	if (found >= 0)
		return (uint32_t)found;
	ARRAY_GROW(map->names, map->count, map->alloc_names);
	map->names[map->count++] = key;
	if (2 * (uint64_t)map->count > map->n_slots)
		rehash(map);
	else {
		uint32_t mask = map->n_slots - 1;
		uint32_t i = hash(key) & mask;
		while (map->slots[i])
			i = (i + 1) & mask;
		map->slots[i] = map->count;
	}
	return map->count - 1;
}
