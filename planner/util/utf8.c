#include "util/utf8.h"

size_t utf8_next(const char *p, size_t avail, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)p;
	if (avail == 0)
		return 0;
	unsigned char c = s[0];
	if (c < 0x80) {
		if (cp)
			*cp = c;
		return 1;
	}
	size_t n;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (avail < n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if (cp) {
		uint32_t v = c & (0x7F >> n);
		for (size_t i = 1; i < n; i++)
			v = (v << 6) | (s[i] & 0x3F);
		*cp = v;
	}
	return n;
}

bool utf8_valid(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		size_t n = utf8_next(s + i, len - i, NULL);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}
