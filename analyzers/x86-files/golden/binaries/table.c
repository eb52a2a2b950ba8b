/* The second member of the test archive (see binaries.cmake). */
const int kernel_table[4] = {1, 2, 4, 8};
