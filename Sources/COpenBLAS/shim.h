#include <cblas.h>

/* LAPACK's symmetric eigensolver, shipped inside libopenblas (Debian builds it with
   NO_LAPACKE=1, so the Fortran symbol is declared here). Single-character arguments
   only, so the hidden Fortran string lengths are never read. */
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
            double *w, double *work, const int *lwork, int *info);
