/*
 * utf8: the one UTF-8 decoder. Well-formed means RFC 3629 (table 3-7 of
 * the Unicode standard): no stray continuation byte, no overlong form, no
 * surrogate, nothing past U+10FFFF, no sequence cut short.
 *
 * Used where input text is checked (sites.csv's fields, the JSON
 * scanner), shown on a terminal (termtext.h) and drawn (the charts, whose
 * cairo refuses a few more code points on top).
 */
#ifndef PHASEOUT_UTF8_H
#define PHASEOUT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * utf8_next: the length (1 to 4) of the well-formed sequence at 'p',
 * which has 'avail' bytes, and its code point in '*cp' (when 'cp' is not
 * NULL); 0 when the bytes there are not one. A NUL-terminated string may
 * pass SIZE_MAX: a NUL is never part of a longer sequence.
 */
size_t utf8_next(const char *p, size_t avail, uint32_t *cp);

/* utf8_valid: whether the 'len' bytes at 's' are well-formed UTF-8. */
bool utf8_valid(const char *s, size_t len);

#endif
