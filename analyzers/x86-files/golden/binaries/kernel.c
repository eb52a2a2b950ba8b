/* Compiled at build time for several targets into the prebuilt binaries
   the x86-files tests read (see binaries.cmake). */
int kernel_add(int a, int b) { return a + b; }
