/*
 * sort: sorting an array with a context for the comparison, so that no
 * comparison function reads a static variable (the library keeps no
 * mutable state of its own). A merge sort: stable, O(n log n), one
 * temporary buffer of n elements.
 *
 *	static int by_name(const void *a, const void *b, const void *ctx);
 *	sort_ctx(ids, n, sizeof(*ids), by_name, scenario);
 *
 * Ownership: sorts 'base' in place; the context is only passed on.
 */
#ifndef PHASEOUT_SORT_H
#define PHASEOUT_SORT_H

#include <stddef.h>

typedef int (*sort_compare_fn)(const void *a, const void *b, const void *ctx);

/* sort_ctx: sort the 'n' elements of 'size' bytes at 'base' by 'compare',
 * which gets 'ctx' as its third argument; equal elements keep their order. */
void sort_ctx(void *base, size_t n, size_t size, sort_compare_fn compare,
	      const void *ctx);

#endif
