/*
** optimizer.h — SGD (momentum, Nesterov), RMSprop and Adam as Keras 2 / TF
** apply them, with Keras' defaults.
**
**   SGD:     v = m*v - lr*g;  w += v          (nesterov: w += m*v - lr*g)
**   RMSprop: s = rho*s + (1-rho)*g^2;  w -= lr*g / sqrt(s + eps)
**   Adam:    m1 = b1*m1 + (1-b1)*g;  m2 = b2*m2 + (1-b2)*g^2;
**            w -= lr*sqrt(1-b2^t)/(1-b1^t) * m1 / (sqrt(m2) + eps)
*/
#ifndef NNBOOK_OPTIMIZER_H
#define NNBOOK_OPTIMIZER_H

#include <stddef.h>

typedef enum nn_optim_kind { NN_OPT_SGD, NN_OPT_RMSPROP, NN_OPT_ADAM } nn_optim_kind;

typedef struct nn_optim {
	nn_optim_kind kind;
	double lr;        /* SGD 0.01, RMSprop 0.001, Adam 0.001 */
	double momentum;  /* SGD only, default 0 */
	int nesterov;     /* SGD only */
	double rho;       /* RMSprop, 0.9 */
	double beta1;     /* Adam, 0.9 */
	double beta2;     /* Adam, 0.999 */
	double eps;       /* 1e-7 */
	int eps_in_sqrt;  /* RMSprop: lr*g/sqrt(v+eps) (Keras 2.11 and later); 0 is
	                     lr*g/(sqrt(v)+eps), as Keras 2.2 and tf.keras 2.2-2.5 */
} nn_optim;

/* Fills *o with Keras' defaults for kind. */
void nn_optim_defaults(nn_optim *o, nn_optim_kind kind);

/* Parses "sgd", "rmsprop", "adam" (case ignored) with defaults.  Returns 0 or -1. */
int nn_optim_parse(const char *name, nn_optim *o);

/* Returns the optimizer's Keras class name ("SGD", "RMSprop", "Adam"). */
const char *nn_optim_name(const nn_optim *o);

/* Returns how many state arrays (0, 1 or 2) each parameter array needs. */
int nn_optim_slots(const nn_optim *o);

/*
** Applies one update to n weights w from gradients g.  s1, s2 are the state
** arrays (zero at the start; NULL when nn_optim_slots says unused); t is the
** 1-based step count (Adam's bias correction).
*/
void nn_optim_step(const nn_optim *o, double *w, const double *g,
                   double *s1, double *s2, size_t n, long t);

#endif
