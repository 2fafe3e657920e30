// The training step's hot loops, compiled with vectorization (and, on x86-64, an AVX2/FMA clone
// chosen at run time). Imported only by NeuralNet/Kernels.swift. All matrices are row-major.
#ifndef TUTOR_KERNELS_H
#define TUTOR_KERNELS_H
#include <stdint.h>

/// Compresses the rows × cols matrix x by columns, keeping its nonzero values only (CSC):
/// the nonzeros of column c are values[col_start[c] ..< col_start[c+1]], in rows
/// row_index[...] (ascending). col_start has cols + 1 entries. Returns the number of nonzeros.
long tutor_csc_from_dense(const float *x, long rows, long cols,
                          int32_t *col_start, int32_t *row_index, float *values);

/// The same compression for rows taken from byte images: row r is example order[start + r] of
/// `pixels` (cols bytes per example), each byte times `scale`. Returns the number of nonzeros.
long tutor_csc_from_bytes(const uint8_t *pixels, const long *order, long start, long rows, long cols,
                          float scale, int32_t *col_start, int32_t *row_index, float *values);

/// Both products below compute only the units unit_begin ..< unit_end (columns of w and z), so
/// that two threads can share one product; units is the row length of w, z and dz.
///
/// z = x · w + bias for a CSC x (rows × inputs) and a dense w (inputs × units): every row of z
/// starts as the bias, then each nonzero x[r, c] adds x[r, c] · w[c, :] to z[r, :].
void tutor_csc_forward(long rows, long inputs, long units, long unit_begin, long unit_end,
                       const int32_t *col_start, const int32_t *row_index, const float *values,
                       const float *w, const float *bias, float *z);

/// dw = xᵀ · dz for a CSC x (rows × inputs) and dz (rows × units): row c of dw is
/// Σ_r x[r, c] · dz[r, :]. Rows whose column of x is all zero are zeroed only when
/// row_dirty[c] says they hold an old value; row_dirty is kept up to date.
void tutor_csc_kernel_gradient(long rows, long inputs, long units, long unit_begin, long unit_end,
                               const int32_t *col_start, const int32_t *row_index, const float *values,
                               const float *dz, float *dw, uint8_t *row_dirty);

/// Keras' Adam update of n values (see Optimizer.swift for the rule).
void tutor_adam(float *w, const float *g, float *m, float *v, long n,
                float alpha, float one_minus_beta1, float one_minus_beta2, float epsilon);

/// z ← 1 / (1 + e^(−z)) for n values.
void tutor_sigmoid(float *z, long n);

#endif
