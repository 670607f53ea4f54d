/*
 * model: the mixed-integer model of shared/spec/model.md built with GLPK's
 * API from an instance (instance.h).
 *
 * Variables x[g,v,y]: how many members of group g go to trusted vendor v
 * in year y (binary for a single swap unit), created only where v lists
 * every domain of g and y is on or after g's earliest year. The rules are
 * rows; the objectives are kept as coefficient vectors so that solve.c can
 * optimise them one after the other (the true second stage of model.md).
 *
 * MODEL_HARD: every rule hard. MODEL_ELASTIC: deadlines, share caps and
 * the cost objective's completion rule are soft; the violation V of
 * model.md (unit-years late plus HR units above caps) becomes a first
 * objective. The elastic model always has a plan (swap nothing), so it is
 * both --allow-late and the way an infeasible scenario is diagnosed.
 *
 * Calling sequence:
 *	struct model *m = model_create(instance, MODEL_HARD);
 *	solve_model(m, &options, &result);     (solve.h)
 *	model_destroy(m);
 *
 * Ownership: a model borrows its instance, which must outlive it.
 */
#ifndef PHASEOUT_MODEL_H
#define PHASEOUT_MODEL_H

#include <stdbool.h>

#include "plan/instance.h"

enum model_mode {
	MODEL_HARD,
	MODEL_ELASTIC,
};

struct model;

struct model *model_create(const struct instance *in, enum model_mode mode);
/* model_create_for_export: the same model with money in currency units
 * (model_create() counts it in a unit of its own, for the solver). */
struct model *model_create_for_export(const struct instance *in, enum model_mode mode);
void model_destroy(struct model *m);

/* Size of the model as built (before any stage row is added). */
int model_rows(const struct model *m);
int model_cols(const struct model *m);
int model_int_cols(const struct model *m);

/*
 * model_write_lp / model_write_mps: write the model, with its first
 * objective (V for an elastic model, else E or the present cost), for
 * other solvers, to 'path' as it is (export makes it a temporary, then
 * renames it). False when it cannot be written, with errno set when the
 * cause is known (0 otherwise); nothing is printed.
 */
bool model_write_lp(struct model *m, const char *path);
bool model_write_mps(struct model *m, const char *path);

#endif
