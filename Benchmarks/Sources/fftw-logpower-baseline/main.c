// The practical floor for log-power features: for every 256-sample window of a 2-channel
// recording (hop 128), taper with a periodic Hann window, one fftwf_execute of a reused
// r2c plan, |X_k|^2 + eps and logf, written to one preallocated output. The same windows
// and signal size as `nica bench --only features`. Prints the median ns per window over
// the timed runs, with the min-max spread.
//
//   fftw-logpower-baseline [repeats=5] [frames=2097152] [window=256] [hop=128] [wall|cpu]
//
// "cpu" divides by the process CPU time instead of the elapsed time, as `nica bench --clock cpu`.
#include <fftw3.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static clockid_t clock_id = CLOCK_MONOTONIC;

static double now(void) {
    struct timespec ts;
    clock_gettime(clock_id, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    int repeats = argc > 1 ? atoi(argv[1]) : 5;
    long frames = argc > 2 ? atol(argv[2]) : 2097152;
    int window = argc > 3 ? atoi(argv[3]) : 256;
    int hop = argc > 4 ? atoi(argv[4]) : 128;
    if (argc > 5 && argv[5][0] == 'c') clock_id = CLOCK_PROCESS_CPUTIME_ID;
    const int channels = 2;
    if (repeats < 1 || frames < window || window < 2 || hop < 1) {
        fprintf(stderr, "usage: fftw-logpower-baseline [repeats] [frames] [window] [hop] [wall|cpu]\n");
        return 64;
    }
    int bins = window / 2 + 1;
    long windows = (frames - window) / hop + 1;
    long transforms = windows * channels;

    float *signal = malloc(sizeof(float) * channels * frames);
    unsigned long long state = 1;
    for (long i = 0; i < channels * frames; i++) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        signal[i] = (float)(state >> 40) / 16777216.0f - 0.5f + 0.3f * (float)sin((double)(i % frames) * 0.001);
    }
    float *hann = malloc(sizeof(float) * window);
    for (int t = 0; t < window; t++) hann[t] = 0.5f - 0.5f * (float)cos(2 * M_PI * t / window);
    float *in = fftwf_malloc(sizeof(float) * window);
    fftwf_complex *out = fftwf_malloc(sizeof(fftwf_complex) * bins);
    fftwf_plan plan = fftwf_plan_dft_r2c_1d(window, in, out, FFTW_ESTIMATE);
    float *features = malloc(sizeof(float) * transforms * bins);
    const float eps = 1e-10f;

    double *ns = malloc(sizeof(double) * repeats);
    float checksum = 0;
    for (int run = -1; run < repeats; run++) {
        double start = now();
        for (long q = 0; q < transforms; q++) {
            const float *x = signal + (q % channels) * frames + (q / channels) * hop;
            for (int t = 0; t < window; t++) in[t] = x[t] * hann[t];
            fftwf_execute(plan);
            float *f = features + q * bins;
            for (int k = 0; k < bins; k++) {
                float re = out[k][0], im = out[k][1];
                f[k] = logf(re * re + im * im + eps);
            }
        }
        double seconds = now() - start;
        checksum += features[transforms * bins / 2];
        if (run >= 0) ns[run] = seconds * 1e9 / transforms;
    }
    qsort(ns, repeats, sizeof(double), compare);
    double median = repeats % 2 ? ns[repeats / 2] : 0.5 * (ns[repeats / 2 - 1] + ns[repeats / 2]);
    printf("fftw-logpower-baseline W=%d hop %d, Hann, %s clock: ns/window %.1f (%.1f-%.1f) (%ld windows per run) checksum %g\n",
           window, hop, clock_id == CLOCK_MONOTONIC ? "wall" : "cpu", median, ns[0], ns[repeats - 1], transforms, checksum);
    fftwf_destroy_plan(plan);
    return 0;
}
