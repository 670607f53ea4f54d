/*
 * log: how the library tells its caller something: through a callback
 * the caller passes, never by writing to stderr itself. The program
 * (cli/) prints what it gets; an embedder may show it, keep it or drop
 * it. A NULL sink, or one without a write function, drops everything.
 *
 *	struct log_sink sink = {.write = my_write, .ctx = me};
 *	log_printf(&sink, LOG_ERROR, "GLPK's simplex failed (code %d)", ret);
 *
 * Ownership: the text passed to write() lives only during the call.
 */
#ifndef PHASEOUT_LOG_H
#define PHASEOUT_LOG_H

enum log_kind {
	LOG_ERROR,        /* an internal failure, in a sentence without "error:" */
	LOG_PROGRESS,     /* the solve's progress; each line replaces the last */
	LOG_PROGRESS_END, /* no more progress lines for now (text "") */
};

struct log_sink {
	void (*write)(void *ctx, enum log_kind kind, const char *text);
	void *ctx;
};

/* log_printf: the formatted text to 'sink' as one message of 'kind'. */
void log_printf(const struct log_sink *sink, enum log_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
