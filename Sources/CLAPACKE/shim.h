#ifndef PLANCAST_CLAPACKE_SHIM_H
#define PLANCAST_CLAPACKE_SHIM_H
// The one door to LAPACK. Debian's <lapack.h> defines lapack_int as a macro, which Swift cannot see,
// so a typedef gives it a name; every LAPACKE prototype then imports with Int32 arguments.
#include <lapacke.h>
typedef lapack_int plancast_lapack_int;
#endif
