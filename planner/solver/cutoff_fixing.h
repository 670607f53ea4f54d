/*
 * cutoff_fixing: bounds of integer columns tightened at a node of GLPK's
 * branch and bound by reduced costs against the incumbent, less one step
 * of an integral objective.
 *
 * At a node whose LP relaxation is optimal with value z, a non-basic
 * integer column j at its lower bound l with reduced cost d > 0 makes
 * every point of the node with x_j = l + t cost at least z + t d (LP
 * duality; likewise at the upper bound with d < 0). A plan better than
 * the incumbent, of value v*, costs at most v* - step, where step is the
 * objective's granularity (1 for an integral objective of
 * objective_scale.h, whose plans all lie on constant + whole numbers; 0
 * otherwise). So x_j <= l + floor((v* - step - z + margin) / d) in the
 * node and below it, and no plan better than the incumbent is lost.
 * GLPK's own fix_by_red_cost() (glpios03.c) fixes a column only when one
 * step of it passes v* itself: it neither uses the objective's step nor
 * tightens a general integer column (a cohort's count) to fewer units.
 *
 * solve.c applies it to integral objectives only: with step 0 (a
 * discounted cost) it cost e200-loose-all's cost stage 0.7 s -> 4 s of
 * CPU and proved nothing more (docs/decisions.md).
 *
 * Called from the GLP_IHEUR callback, where GLPK itself has just fixed
 * columns the same way on the same LP solution: the column keeps its
 * value, so the LP solution stays optimal, and GLPK records the node's
 * bounds when it freezes it.
 */
#ifndef PHASEOUT_CUTOFF_FIXING_H
#define PHASEOUT_CUTOFF_FIXING_H

#include <glpk.h>

/*
 * cutoff_fixing_apply: at GLP_IHEUR with an incumbent, tighten the
 * bounds of columns 1..n_cols (n_cols at most the problem's columns) of
 * the current node. 'step' is 1 for an integral scaled objective, 0
 * otherwise. Returns the number of columns whose bounds it tightened.
 */
int cutoff_fixing_apply(glp_tree *tree, int n_cols, double step);

#endif
