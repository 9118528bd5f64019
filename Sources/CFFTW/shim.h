#include <fftw3.h>

/* fftwf_version is an array of unknown size, which Swift does not import; expose it as a pointer. */
static inline const char *nica_fftwf_version(void) { return fftwf_version; }
