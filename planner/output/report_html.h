/*
 * report_html: `phaseout report`'s page: one self-contained HTML document
 * (inline CSS and SVG; no scripts, no links out, no fonts to fetch) for
 * one or more plan and sweep folders (input/report_folder.h): per plan
 * its headline figures from summary.json, its rules and their outcomes,
 * its timeline chart and spend per period; per sweep its break-even
 * budgets, its sensitivity chart and table; with several plans their
 * figures side by side and the changes from the first plan to each other
 * (plandiff.h, as `phaseout diff` words them).
 *
 * Every text from a file is HTML-escaped; the charts are the folders'
 * own SVG (checked by report_folder), their ids made unique per chart so
 * that two charts in one page do not share glyphs.
 *
 * Ownership: the writer only reads the folders. Returns false on a write
 * error.
 */
#ifndef PHASEOUT_REPORT_HTML_H
#define PHASEOUT_REPORT_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "input/report_folder.h"

bool report_html_write(struct report_folder *const *folders, size_t n, FILE *f);

#endif
