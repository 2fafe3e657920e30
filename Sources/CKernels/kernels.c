#include "kernels.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && defined(__linux__) && defined(__clang__)
#define TUTOR_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define TUTOR_CLONES
#endif

TUTOR_CLONES
long tutor_count_nonzero(const uint8_t *bytes, long n) {
    long count = 0;
    for (long i = 0; i < n; i++) count += bytes[i] != 0;
    return count;
}

long tutor_nonzero_lists(const uint8_t *pixels, long count, long features, int32_t *offsets, uint32_t *entries) {
    long n = 0;
    offsets[0] = 0;
    for (long i = 0; i < count; i++) {
        const uint8_t *image = pixels + i * features;
        for (long c = 0; c < features; c++) {
            entries[n] = (uint32_t)c | ((uint32_t)image[c] << 16);
            n += image[c] != 0;  // write always, advance only on a nonzero: no branch to mispredict.
        }
        offsets[i + 1] = (int32_t)n;
    }
    return n;
}

/// How many images ahead tutor_csr_from_lists asks for an image's list.
enum { TUTOR_LISTS_AHEAD = 8 };

/// Asks for the first 640 bytes of `image`'s list (160 nonzero pixels, about an MNIST digit's).
static inline void tutor_prefetch_list(const int32_t *offsets, const uint32_t *entries, long image) {
    const char *list = (const char *)(entries + offsets[image]);
    for (int line = 0; line < 10; line++) __builtin_prefetch(list + 64 * line);
}

long tutor_csr_from_lists(const long *order, long start, long rows, const int32_t *offsets, const uint32_t *entries,
                          float scale, int32_t *row_start, int32_t *col, float *val) {
    // The images' lists lie anywhere in memory: ask for each several images before it is read.
    for (long r = 0; r < rows && r < TUTOR_LISTS_AHEAD; r++) tutor_prefetch_list(offsets, entries, order[start + r]);
    long n = 0;
    row_start[0] = 0;
    for (long r = 0; r < rows; r++) {
        if (r + TUTOR_LISTS_AHEAD < rows) tutor_prefetch_list(offsets, entries, order[start + r + TUTOR_LISTS_AHEAD]);
        const long image = order[start + r];
        for (int32_t k = offsets[image]; k < offsets[image + 1]; k++) {
            const uint32_t e = entries[k];
            col[n] = (int32_t)(e & 0xFFFF);
            val[n] = (float)(e >> 16) * scale;
            n++;
        }
        row_start[r + 1] = (int32_t)n;
    }
    return n;
}

long tutor_csr_from_dense(const float *x, long rows, long cols, int32_t *row_start, int32_t *col, float *val) {
    long n = 0;
    row_start[0] = 0;
    for (long r = 0; r < rows; r++) {
        for (long c = 0; c < cols; c++) {
            const float v = x[r * cols + c];
            if (v != 0.0f) {
                col[n] = (int32_t)c;
                val[n] = v;
                n++;
            }
        }
        row_start[r + 1] = (int32_t)n;
    }
    return n;
}

void tutor_csc_from_csr(long rows, long cols, const int32_t *row_start, const int32_t *col, const float *val,
                        int32_t *col_start, int32_t *row_index, float *values) {
    memset(col_start, 0, (size_t)(cols + 1) * sizeof(int32_t));
    const int32_t n = row_start[rows];
    for (int32_t k = 0; k < n; k++) col_start[col[k] + 1]++;
    for (long c = 0; c < cols; c++) col_start[c + 1] += col_start[c];
    // Fill using col_start[c] as column c's cursor; afterwards each cursor sits at the next
    // column's start, so shifting by one restores the starts.
    for (long r = 0; r < rows; r++) {
        for (int32_t k = row_start[r]; k < row_start[r + 1]; k++) {
            const int32_t at = col_start[col[k]]++;
            row_index[at] = (int32_t)r;
            values[at] = val[k];
        }
    }
    for (long c = cols; c > 0; c--) col_start[c] = col_start[c - 1];
    col_start[0] = 0;
}

/// Units are processed in blocks of this many: 64 floats are eight AVX registers, so a block of
/// sums stays in registers while the nonzero inputs stream past.
enum { TUTOR_BLOCK = 64 };
/// How many nonzero inputs ahead to prefetch rows of w.
enum { TUTOR_AHEAD = 6 };
/// From how many rows on tutor_csr_forward packs each block of w before reading it (the copy,
/// 200 KB for MNIST, costs about what packing saves on 150 rows).
enum { TUTOR_PACK_ROWS = 256 };

static inline float tutor_float_from_bits(uint32_t bits) {
    float value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

static inline uint32_t tutor_bits_from_float(float value) {
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    return bits;
}

/// e^x in float, within about 1 ulp, from additions, multiplications and bit operations only, so
/// that it gives the same bits on every CPU and in both clones (libmvec's SSE4 and AVX2 expf do
/// not agree on about 1 input in 120). Cephes' expf: x = n·ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 in
/// two parts, so n·ln 2 is exact), e^r by a polynomial, times 2^n — built as 2^(n/2) · 2^(n − n/2)
/// so that results near overflow and in the subnormal range come out right. NaN gives NaN.
static inline float tutor_expf(float x) {
    x = x > 89.0f ? 89.0f : x;  // e^89 overflows to infinity, e^-104 underflows to 0
    x = x < -104.0f ? -104.0f : x;
    const float round = 12582912.0f;  // 1.5 · 2^23: adding it rounds to a whole number
    const float t = x * 1.44269504088896341f + round;
    const float fn = t - round;
    const int32_t n = (int32_t)(tutor_bits_from_float(t) - tutor_bits_from_float(round));
    float r = x - fn * 0.693359375f;
    r = r - fn * -2.12194440e-4f;
    const float p = ((((((1.9875691500e-4f * r + 1.3981999507e-3f) * r + 8.3334519073e-3f) * r
                       + 4.1665795894e-2f) * r + 1.6666665459e-1f) * r + 5.0000001201e-1f) * (r * r)) + r + 1.0f;
    const int32_t half = n / 2;
    const float low = tutor_float_from_bits((uint32_t)(half + 127) << 23);
    const float high = tutor_float_from_bits((uint32_t)(n - half + 127) << 23);
    return p * low * high;
}

/// z ← 1 / (1 + e^(−z)) for n values: tutor_sigmoid, and the products' TUTOR_SIGMOID_OF_SUMS.
static inline __attribute__((always_inline)) void tutor_sigmoid_in_place(float *z, long n) {
    for (long i = 0; i < n; i++) z[i] = 1.0f / (1.0f + tutor_expf(-z[i]));
}

/// Copies the 64 weights of block `block` of each of w's `inputs` rows next to one another
/// (inputs × 64 floats), or returns NULL when there is no memory for them. Read in place, a
/// block's rows lie `units` floats apart: for 256 units (1 KB), they fall in a quarter of the
/// L2 cache's sets and do not stay there; packed, the block's 200 KB for MNIST does.
static float *tutor_packed_block(long inputs, long units, long block, const float *w) {
    float *packed = malloc((size_t)inputs * TUTOR_BLOCK * sizeof(float));
    if (packed == NULL) return NULL;
    for (long c = 0; c < inputs; c++) memcpy(packed + c * TUTOR_BLOCK, w + c * units + block, TUTOR_BLOCK * sizeof(float));
    return packed;
}

/// Where tutor_rows_forward finds row r's nonzeros: a CSR (row_start, col, val), or, when
/// `entries` is set, image order[r]'s list (offsets, entries), each value times `scale`.
typedef struct {
    const int32_t *row_start, *col;
    const float *val;
    const long *order;
    const int32_t *offsets;
    const uint32_t *entries;
    float scale;
} tutor_rows;

static inline __attribute__((always_inline)) int32_t tutor_row_begin(const tutor_rows *x, long r) {
    return x->entries != NULL ? x->offsets[x->order[r]] : x->row_start[r];
}

static inline __attribute__((always_inline)) int32_t tutor_row_end(const tutor_rows *x, long r) {
    return x->entries != NULL ? x->offsets[x->order[r] + 1] : x->row_start[r + 1];
}

static inline __attribute__((always_inline)) long tutor_column(const tutor_rows *x, int32_t k) {
    return x->entries != NULL ? (long)(x->entries[k] & 0xFFFF) : (long)x->col[k];
}

/// The same value as tutor_csr_from_lists stores.
static inline __attribute__((always_inline)) float tutor_value(const tutor_rows *x, int32_t k) {
    return x->entries != NULL ? (float)(x->entries[k] >> 16) * x->scale : x->val[k];
}

/// z = x · w + bias by rows, for tutor_csr_forward and tutor_lists_forward (inlined into each,
/// so that each has its own loop for its kind of rows).
static inline __attribute__((always_inline)) void tutor_rows_forward(
    long rows, long inputs, long units, long unit_begin, long unit_end, const tutor_rows *x,
    const float *w, const float *bias, float *z, int then) {
    // Block by block of units, then row by row: one block of w (inputs × 64 floats, 200 KB for
    // MNIST) stays in the L2 cache while every row of the batch reads from it — packed first
    // when enough rows read it to repay the copy.
    long block = unit_begin;
    for (; block + TUTOR_BLOCK <= unit_end; block += TUTOR_BLOCK) {
        float *packed = rows >= TUTOR_PACK_ROWS ? tutor_packed_block(inputs, units, block, w) : NULL;
        const float *wb = packed != NULL ? packed : w + block;
        const long stride = packed != NULL ? TUTOR_BLOCK : units;
        for (long r = 0; r < rows; r++) {
            float sum[TUTOR_BLOCK];
            memcpy(sum, bias + block, sizeof sum);
            const int32_t end = tutor_row_end(x, r);
            for (int32_t k = tutor_row_begin(x, r); k < end; k++) {
                // The rows of w come in no order a prefetcher could guess: ask for one ahead.
                if (k + TUTOR_AHEAD < end) {
                    const char *next = (const char *)(wb + tutor_column(x, k + TUTOR_AHEAD) * stride);
                    __builtin_prefetch(next);
                    __builtin_prefetch(next + 64);
                    __builtin_prefetch(next + 128);
                    __builtin_prefetch(next + 192);
                }
                const float *restrict wc = wb + tutor_column(x, k) * stride;
                const float xv = tutor_value(x, k);
                for (int u = 0; u < TUTOR_BLOCK; u++) sum[u] += xv * wc[u];
            }
            if (then == TUTOR_SIGMOID_OF_SUMS) tutor_sigmoid_in_place(sum, TUTOR_BLOCK);
            memcpy(z + r * units + block, sum, sizeof sum);
        }
        free(packed);
    }
    for (long r = 0; r < rows; r++) {  // the last, narrower block
        for (long u = block; u < unit_end; u++) {
            float sum = bias[u];
            const int32_t end = tutor_row_end(x, r);
            for (int32_t k = tutor_row_begin(x, r); k < end; k++) sum += tutor_value(x, k) * w[tutor_column(x, k) * units + u];
            if (then == TUTOR_SIGMOID_OF_SUMS) tutor_sigmoid_in_place(&sum, 1);
            z[r * units + u] = sum;
        }
    }
}

TUTOR_CLONES
void tutor_csr_forward(long rows, long inputs, long units, long unit_begin, long unit_end,
                       const int32_t *row_start, const int32_t *col, const float *val,
                       const float *w, const float *bias, float *z, int then) {
    const tutor_rows x = {.row_start = row_start, .col = col, .val = val};
    tutor_rows_forward(rows, inputs, units, unit_begin, unit_end, &x, w, bias, z, then);
}

TUTOR_CLONES
void tutor_lists_forward(long rows, long inputs, long units, long unit_begin, long unit_end,
                         const long *order, const int32_t *offsets, const uint32_t *entries, float scale,
                         const float *w, const float *bias, float *z, int then) {
    const tutor_rows x = {.order = order, .offsets = offsets, .entries = entries, .scale = scale};
    tutor_rows_forward(rows, inputs, units, unit_begin, unit_end, &x, w, bias, z, then);
}

TUTOR_CLONES
void tutor_csc_forward(long rows, long units, long unit_begin, long unit_end, long inputs,
                       const int32_t *col_start, const int32_t *row_index, const float *values,
                       const float *w, const float *bias, float *z, int then) {
    float tile[TUTOR_TILE_ROWS * TUTOR_BLOCK] __attribute__((aligned(64)));
    for (long block = unit_begin; block < unit_end; block += TUTOR_BLOCK) {
        const long width = unit_end - block < TUTOR_BLOCK ? unit_end - block : TUTOR_BLOCK;
        for (long r = 0; r < rows; r++) memcpy(tile + r * TUTOR_BLOCK, bias + block, (size_t)width * sizeof(float));
        if (width == TUTOR_BLOCK) {
            for (long c = 0; c < inputs; c++) {
                const int32_t begin = col_start[c], end = col_start[c + 1];
                if (begin == end) continue;
                float wc[TUTOR_BLOCK];
                memcpy(wc, w + c * units + block, sizeof wc);
                for (int32_t k = begin; k < end; k++) {
                    float *restrict sum = tile + (long)row_index[k] * TUTOR_BLOCK;
                    const float xv = values[k];
                    for (int u = 0; u < TUTOR_BLOCK; u++) sum[u] += xv * wc[u];
                }
            }
        } else {  // the last, narrower block
            for (long c = 0; c < inputs; c++) {
                const float *wc = w + c * units + block;
                for (int32_t k = col_start[c]; k < col_start[c + 1]; k++) {
                    float *sum = tile + (long)row_index[k] * TUTOR_BLOCK;
                    const float xv = values[k];
                    for (long u = 0; u < width; u++) sum[u] += xv * wc[u];
                }
            }
        }
        for (long r = 0; r < rows; r++) {
            float *sums = tile + r * TUTOR_BLOCK;
            if (then == TUTOR_SIGMOID_OF_SUMS) tutor_sigmoid_in_place(sums, width);
            memcpy(z + r * units + block, sums, (size_t)width * sizeof(float));
        }
    }
}

TUTOR_CLONES
void tutor_csc_kernel_gradient(long input_begin, long input_end, long units,
                               const int32_t *col_start, const int32_t *row_index, const float *values,
                               const float *dz, float *dw, uint8_t *row_dirty) {
    for (long c = input_begin; c < input_end; c++) {
        float *restrict dwc = dw + c * units;
        const int32_t begin = col_start[c], end = col_start[c + 1];
        if (begin == end) {
            if (row_dirty[c]) {
                memset(dwc, 0, (size_t)units * sizeof(float));
                row_dirty[c] = 0;
            }
            continue;
        }
        row_dirty[c] = 1;
        long block = 0;
        for (; block + TUTOR_BLOCK <= units; block += TUTOR_BLOCK) {
            float sum[TUTOR_BLOCK] = {0};
            for (int32_t k = begin; k < end; k++) {
                const float *restrict dzr = dz + (long)row_index[k] * units + block;
                const float xv = values[k];
                for (int u = 0; u < TUTOR_BLOCK; u++) sum[u] += xv * dzr[u];
            }
            memcpy(dwc + block, sum, sizeof sum);
        }
        for (long u = block; u < units; u++) {  // the last, narrower block
            float sum = 0;
            for (int32_t k = begin; k < end; k++) sum += values[k] * dz[(long)row_index[k] * units + u];
            dwc[u] = sum;
        }
    }
}

TUTOR_CLONES
void tutor_adam(float *restrict w, const float *restrict g, float *restrict m, float *restrict v, long n,
                float alpha, float one_minus_beta1, float one_minus_beta2, float epsilon) {
    for (long i = 0; i < n; i++) {
        const float gi = g[i];
        const float mi = m[i] + one_minus_beta1 * (gi - m[i]);
        const float vi = v[i] + one_minus_beta2 * (gi * gi - v[i]);
        m[i] = mi;
        v[i] = vi;
        w[i] -= alpha * mi / (sqrtf(vi) + epsilon);
    }
}

TUTOR_CLONES
void tutor_sigmoid(float *z, long n) { tutor_sigmoid_in_place(z, n); }
