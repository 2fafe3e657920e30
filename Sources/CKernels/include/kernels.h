// The training step's hot loops, compiled with vectorization (and, on x86-64, an AVX2 clone
// chosen at run time). Both clones give the same bits on every CPU: no fused multiply-add
// (-ffp-contract=off), no reassociation, and the sigmoid's own e^x. Imported only by
// NeuralNet/Kernels.swift. All matrices are row-major.
#ifndef TUTOR_KERNELS_H
#define TUTOR_KERNELS_H
#include <stdint.h>

/// The number of nonzero bytes among n.
long tutor_count_nonzero(const uint8_t *bytes, long n);

/// Each image's nonzero pixels, packed as (pixel position) | (pixel value << 16): image i's are
/// entries[offsets[i] ..< offsets[i+1]], by position. offsets has count + 1 entries; entries
/// needs room for every nonzero pixel plus one. Returns the number of nonzero pixels.
long tutor_nonzero_lists(const uint8_t *pixels, long count, long features, int32_t *offsets, uint32_t *entries);

/// A batch in compressed-row form (CSR): row r's nonzeros are val[row_start[r] ..< row_start[r+1]]
/// at columns col[...]. Row r is image order[start + r] of the lists, each value times `scale`.
long tutor_csr_from_lists(const long *order, long start, long rows, const int32_t *offsets, const uint32_t *entries,
                          float scale, int32_t *row_start, int32_t *col, float *val);

/// The same for a dense rows × cols matrix x (its nonzero entries).
long tutor_csr_from_dense(const float *x, long rows, long cols, int32_t *row_start, int32_t *col, float *val);

/// The same batch by columns (CSC): column c's nonzeros are values[col_start[c] ..< col_start[c+1]],
/// in rows row_index[...] (ascending). col_start has cols + 1 entries.
void tutor_csc_from_csr(long rows, long cols, const int32_t *row_start, const int32_t *col, const float *val,
                        int32_t *col_start, int32_t *row_index, float *values);

/// What the first layer's products do to their sums before they store them: nothing (the caller
/// applies its activation), or tutor_sigmoid's z ← 1 / (1 + e^(−z)), while they are at hand.
enum { TUTOR_SUMS = 0, TUTOR_SIGMOID_OF_SUMS = 1 };

/// z = x · w + bias for a CSR x (rows × inputs) and a dense w (inputs × units): each row of z
/// is the bias plus x[r, c] · w[c, :] for each nonzero x[r, c].
/// Only the units unit_begin ..< unit_end (columns of w and z) are computed, so that threads can
/// share the product; units is the row length of w and z, inputs the number of rows of w. For
/// many rows, each block of 64 units of w is read from a packed copy (the same bits). `then`
/// (TUTOR_SUMS or TUTOR_SIGMOID_OF_SUMS) says what is done to the sums before they are stored,
/// here and in the two products below.
void tutor_csr_forward(long rows, long inputs, long units, long unit_begin, long unit_end,
                       const int32_t *row_start, const int32_t *col, const float *val,
                       const float *w, const float *bias, float *z, int then);

/// The same z = x · w + bias, bit for bit, with row r of x read straight from image order[r]'s
/// list (see tutor_nonzero_lists), each value times `scale` as tutor_csr_from_lists scales it:
/// for evaluating a data set, with no copy of its images laid out first.
void tutor_lists_forward(long rows, long inputs, long units, long unit_begin, long unit_end,
                         const long *order, const int32_t *offsets, const uint32_t *entries, float scale,
                         const float *w, const float *bias, float *z, int then);

/// The most rows tutor_csc_forward takes: its tile of rows × 64 sums (16 KB) stays in the L1 cache.
enum { TUTOR_TILE_ROWS = 64 };

/// The same z = x · w + bias as tutor_csr_forward, bit for bit, from the batch by columns (CSC,
/// rows ≤ TUTOR_TILE_ROWS): for each block of 64 units, a tile of rows × 64 sums starts at the
/// bias, and each input column c in turn — its 64 weights read once into registers — adds
/// x[r, c] · w[c, :] to the tile rows r that have a nonzero there. Every sum adds the same
/// products in the same order (by ascending c), but w is read once a batch instead of once per
/// nonzero, and the tile's rows are 64 floats apart however wide the layer (z's rows of a
/// 1,024-unit layer are 4 KB apart, so they all fall in the same few cache sets).
void tutor_csc_forward(long rows, long units, long unit_begin, long unit_end, long inputs,
                       const int32_t *col_start, const int32_t *row_index, const float *values,
                       const float *w, const float *bias, float *z, int then);

/// dw = xᵀ · dz for a CSC x (rows × inputs) and dz (rows × units), for the kernel rows
/// input_begin ..< input_end only (threads share the product by kernel rows, which are
/// contiguous in memory): row c of dw is Σ_r x[r, c] · dz[r, :]. Rows whose column of x is all
/// zero are zeroed only when row_dirty[c] says they hold an old value; row_dirty is kept up to date.
void tutor_csc_kernel_gradient(long input_begin, long input_end, long units,
                               const int32_t *col_start, const int32_t *row_index, const float *values,
                               const float *dz, float *dw, uint8_t *row_dirty);

/// Keras' Adam update of n values (see Optimizer.swift for the rule).
void tutor_adam(float *w, const float *g, float *m, float *v, long n,
                float alpha, float one_minus_beta1, float one_minus_beta2, float epsilon);

/// z ← 1 / (1 + e^(−z)) for n values (e^x within 1 ulp of the exact value, the same on every CPU).
void tutor_sigmoid(float *z, long n);

/// Makes this thread flush subnormal floats to zero, as results (FTZ) and as inputs (DAZ), and
/// returns the floating-point control word as it was, for ``tutor_restore_float_mode``. Rarely lit
/// pixels get zero gradients, so their Adam moments decay towards 0 through the subnormal range,
/// where each operation costs a hundred cycles or more; flushed, they are 0 at once (TensorFlow's
/// CPU kernels flush too). x86-64: MXCSR bits 15 (FTZ) and 6 (DAZ); arm64: FPCR bit 24 (FZ).
static inline uint64_t tutor_flush_subnormals(void) {
#if defined(__x86_64__)
    unsigned int mxcsr;
    __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
    unsigned int flushed = mxcsr | 0x8040u;
    __asm__ volatile("ldmxcsr %0" : : "m"(flushed));
    return mxcsr;
#elif defined(__aarch64__)
    uint64_t fpcr;
    __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
    uint64_t flushed = fpcr | (1ull << 24);
    __asm__ volatile("msr fpcr, %0" : : "r"(flushed));
    return fpcr;
#else
    return 0;
#endif
}

/// Puts back the control word ``tutor_flush_subnormals`` returned.
static inline void tutor_restore_float_mode(uint64_t mode) {
#if defined(__x86_64__)
    unsigned int mxcsr = (unsigned int)mode;
    __asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
#elif defined(__aarch64__)
    __asm__ volatile("msr fpcr, %0" : : "r"(mode));
#else
    (void)mode;
#endif
}

/// Tells the processor this thread is waiting in a spin loop (x86 `pause`).
static inline void tutor_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

#endif
