#include "kernels.h"
#include <math.h>
#include <string.h>

#if defined(__x86_64__) && defined(__linux__) && defined(__clang__)
#define TUTOR_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define TUTOR_CLONES
#endif

long tutor_csc_from_dense(const float *x, long rows, long cols,
                          int32_t *col_start, int32_t *row_index, float *values) {
    // Count the nonzeros of each column into col_start[c + 1], then prefix-sum.
    memset(col_start, 0, (size_t)(cols + 1) * sizeof(int32_t));
    for (long r = 0; r < rows; r++) {
        const float *row = x + r * cols;
        for (long c = 0; c < cols; c++) col_start[c + 1] += row[c] != 0.0f;
    }
    for (long c = 0; c < cols; c++) col_start[c + 1] += col_start[c];
    // Fill, using col_start[c] as column c's cursor; afterwards each cursor sits at the next
    // column's start, so shifting by one restores the starts.
    for (long r = 0; r < rows; r++) {
        const float *row = x + r * cols;
        for (long c = 0; c < cols; c++) {
            if (row[c] != 0.0f) {
                int32_t at = col_start[c]++;
                row_index[at] = (int32_t)r;
                values[at] = row[c];
            }
        }
    }
    for (long c = cols; c > 0; c--) col_start[c] = col_start[c - 1];
    col_start[0] = 0;
    return col_start[cols];
}

long tutor_csc_from_bytes(const uint8_t *pixels, const long *order, long start, long rows, long cols,
                          float scale, int32_t *col_start, int32_t *row_index, float *values) {
    memset(col_start, 0, (size_t)(cols + 1) * sizeof(int32_t));
    for (long r = 0; r < rows; r++) {
        const uint8_t *row = pixels + order[start + r] * cols;
        for (long c = 0; c < cols; c++) col_start[c + 1] += row[c] != 0;
    }
    for (long c = 0; c < cols; c++) col_start[c + 1] += col_start[c];
    for (long r = 0; r < rows; r++) {
        const uint8_t *row = pixels + order[start + r] * cols;
        for (long c = 0; c < cols; c++) {
            if (row[c] != 0) {
                int32_t at = col_start[c]++;
                row_index[at] = (int32_t)r;
                values[at] = (float)row[c] * scale;
            }
        }
    }
    for (long c = cols; c > 0; c--) col_start[c] = col_start[c - 1];
    col_start[0] = 0;
    return col_start[cols];
}

TUTOR_CLONES
void tutor_csc_forward(long rows, long inputs, long units, long unit_begin, long unit_end,
                       const int32_t *col_start, const int32_t *row_index, const float *values,
                       const float *w, const float *bias, float *z) {
    const long width = unit_end - unit_begin;
    for (long r = 0; r < rows; r++) {
        memcpy(z + r * units + unit_begin, bias + unit_begin, (size_t)width * sizeof(float));
    }
    for (long c = 0; c < inputs; c++) {
        const float *restrict wc = w + c * units + unit_begin;
        for (int32_t k = col_start[c]; k < col_start[c + 1]; k++) {
            float *restrict zr = z + (long)row_index[k] * units + unit_begin;
            const float xv = values[k];
            for (long u = 0; u < width; u++) zr[u] += xv * wc[u];
        }
    }
}

TUTOR_CLONES
void tutor_csc_kernel_gradient(long rows, long inputs, long units, long unit_begin, long unit_end,
                               const int32_t *col_start, const int32_t *row_index, const float *values,
                               const float *dz, float *dw, uint8_t *row_dirty) {
    (void)rows;
    const long width = unit_end - unit_begin;
    for (long c = 0; c < inputs; c++) {
        float *restrict dwc = dw + c * units + unit_begin;
        int32_t begin = col_start[c], end = col_start[c + 1];
        if (begin == end) {
            if (row_dirty[c]) {
                memset(dwc, 0, (size_t)width * sizeof(float));
                row_dirty[c] = 0;
            }
            continue;
        }
        row_dirty[c] = 1;
        {
            const float *restrict dzr = dz + (long)row_index[begin] * units + unit_begin;
            const float xv = values[begin];
            for (long u = 0; u < width; u++) dwc[u] = xv * dzr[u];
        }
        for (int32_t k = begin + 1; k < end; k++) {
            const float *restrict dzr = dz + (long)row_index[k] * units + unit_begin;
            const float xv = values[k];
            for (long u = 0; u < width; u++) dwc[u] += xv * dzr[u];
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
void tutor_sigmoid(float *z, long n) {
    for (long i = 0; i < n; i++) z[i] = 1.0f / (1.0f + expf(-z[i]));
}
