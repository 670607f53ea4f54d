#include "util/log.h"

#include <stdarg.h>
#include <stdlib.h>

#include "util/xalloc.h"

void log_printf(const struct log_sink *sink, enum log_kind kind, const char *fmt, ...)
{
	if (!sink || !sink->write)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	sink->write(sink->ctx, kind, text);
	free(text);
}
