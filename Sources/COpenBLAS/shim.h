#include <cblas.h>

/* LAPACK's symmetric eigensolver, shipped inside libopenblas (Debian builds it with
   NO_LAPACKE=1, so the Fortran symbol is declared here). Single-character arguments
   only, so the hidden Fortran string lengths are never read. */
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
            double *w, double *work, const int *lwork, int *info);

/* The x86-64 vector extensions the CPU and the OS both support, as bits: 1 = AVX2 and FMA,
   2 = AVX-512 F/CD/BW/DQ/VL, 4 = AVX-512 BF16. OpenBLAS releases that predate a CPU model
   fall back to an SSE3 kernel on it; these bits let nica name the kernel the CPU can run. */
#if defined(__x86_64__)
#include <cpuid.h>
static inline unsigned int nica_x86_vector_features(void) {
    unsigned int a, b, c, d, features = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const int osxsave = (c >> 27) & 1, fma = (c >> 12) & 1;
    if (!osxsave) return 0;
    unsigned int xcr0_lo, xcr0_hi;
    __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
    const int ymm_state = (xcr0_lo & 0x6) == 0x6, zmm_state = (xcr0_lo & 0xe6) == 0xe6;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    const int avx2 = (b >> 5) & 1;
    const int avx512 = ((b >> 16) & 1) && ((b >> 17) & 1) && ((b >> 28) & 1) && ((b >> 30) & 1) && ((b >> 31) & 1);
    if (ymm_state && avx2 && fma) features |= 1;
    if (zmm_state && avx512) {
        features |= 2;
        if (__get_cpuid_count(7, 1, &a, &b, &c, &d) && ((a >> 5) & 1)) features |= 4;
    }
    return features;
}
#else
static inline unsigned int nica_x86_vector_features(void) { return 0; }
#endif
