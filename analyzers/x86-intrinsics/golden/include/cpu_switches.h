/* A project's switch to turn its x86 paths off, defined under conditions
 * that name x86 macros (as an imaging library's cpu_support.h does). */
#ifndef CPU_SWITCHES_H
#define CPU_SWITCHES_H
// EXPECT: x86.arch-guard __x86_64__ @+1 guard=x86-only
#if defined(__pnacl__) || (defined(__native_client__) && defined(__x86_64__))
#define IMG_DISABLE_X86
#endif
#endif
