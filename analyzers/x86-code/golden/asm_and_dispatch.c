// Inline assembly, compiler barriers, per-function targets and run-time
// CPU checks.
static inline unsigned long long ticks(void) {
  unsigned lo, hi;
  __asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi)); // EXPECT: x86.inline-asm asm @+0:3
  return ((unsigned long long)hi << 32) | lo;
}

static inline void cpuid_leaf(unsigned leaf, unsigned *regs) {
  // EXPECT: x86.inline-asm asm @+1:3
  asm volatile("movl %%ebx, %%esi\n\t"
               "cpuid\n\t"
               "xchgl %%ebx, %%esi"
               : "=a"(regs[0]), "=S"(regs[1]), "=c"(regs[2]), "=d"(regs[3])
               : "a"(leaf));
}

// A barrier macro is reported where it is defined, once.
#define barrier() __asm__ __volatile__("" ::: "memory") // EXPECT: x86.compiler-barrier asm("":::"memory") @+0:19 advisory
void publish(int *flag) {
  barrier();
  *flag = 1;
}

// EXPECT: x86.target-attribute target("avx2") @+1:16
__attribute__((target("avx2"))) void fast(void) {}
// EXPECT: x86.target-attribute target_clones("avx2","default") @+1:16
__attribute__((target_clones("avx2", "default"))) int cloned(void) { return 0; }

int has_avx2(void) {
  return __builtin_cpu_supports("avx2"); // EXPECT: x86.cpu-dispatch __builtin_cpu_supports("avx2") @+0:10
}

// EXPECT: x86.inline-asm asm @+1:1
asm(".globl portolan_ret\n portolan_ret: ret");

// A plain C file with no x86 at all has no findings below.
int add(int a, int b) { return a + b; }

// Assembly for other architectures in a file parsed as x86 (MIPS Loongson
// MMI, an AArch64 load): not x86, not reported.
static inline int mips_li(void) {
  int r;
  __asm__("li %0, 1\n\t"
          "move $t0, %0"
          : "=r"(r));
  return r;
}
static inline unsigned arm_load(const unsigned *p) {
  unsigned v;
  __asm__("ldr %w0, [%1]" : "=r"(v) : "r"(p));
  return v;
}
