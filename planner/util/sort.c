#include "util/sort.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Merge the sorted runs [0, mid) and [mid, n) of 'src' into 'dst'. */
static void merge(const char *src, char *dst, size_t mid, size_t n, size_t size,
		  sort_compare_fn compare, const void *ctx)
{
	size_t i = 0, j = mid, k = 0;
	while (i < mid && j < n) {
		/* '<= 0' takes the left run first on ties: stable. */
		if (compare(src + i * size, src + j * size, ctx) <= 0)
			memcpy(dst + k++ * size, src + i++ * size, size);
		else
			memcpy(dst + k++ * size, src + j++ * size, size);
	}
	if (i < mid)
		memcpy(dst + k * size, src + i * size, (mid - i) * size);
	else if (j < n)
		memcpy(dst + k * size, src + j * size, (n - j) * size);
}

void sort_ctx(void *base, size_t n, size_t size, sort_compare_fn compare, const void *ctx)
{
	if (n < 2)
		return;
	char *a = base, *b = xmalloc(n * size);
	/* Bottom-up: runs of 'width' merged pairwise from 'a' into 'b',
	 * then the roles swap. */
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			merge(a + lo * size, b + lo * size, mid - lo, hi - lo, size,
			      compare, ctx);
		}
		char *t = a;
		a = b;
		b = t;
	}
	if (a != base) {
		memcpy(base, a, n * size);
		free(a);
	} else {
		free(b);
	}
}
