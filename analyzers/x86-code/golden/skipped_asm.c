// Asm statements in code the parse skips are found by their text. One
// Visual C++ block is one statement, whatever __asm it holds inside (its
// brace on the next line too), and so is a line of __asm without braces,
// continued lines included, as Clang reads them; ';' begins a comment
// there. Each GNU asm(...) is a statement of its own, two on a line too.
// EXPECT: msvc.msc-ver-guard _MSC_VER @+2:2 guard=windows-only
// EXPECT: x86.arch-guard _M_IX86 @+1:2 guard=x86-only
#if defined(_MSC_VER) && defined(_M_IX86)
void cpuid_old(void) {
  // EXPECT: x86.inline-asm __asm @+1:3 guard=x86-only inactive
  __asm {
    xor ecx, ecx
    __asm mov eax, 1
    __asm _emit 0x0f __asm _emit 0x01 __asm _emit 0xd0
  }
  // EXPECT: x86.inline-asm __asm @+1:3 guard=x86-only inactive
  __asm
  {
    ; ask the processor
    __asm cpuid
  }
  // EXPECT: x86.inline-asm __asm @+1:3 guard=x86-only inactive
  __asm mov eax, 1 __asm mov ebx, 2
}

// EXPECT: x86.inline-asm __asm @+2:3 guard=x86-only inactive
#define CPUID(a) \
  __asm mov eax, a \
  __asm cpuid \
  __asm mov a, eax
void cpuid_macro(int r) { CPUID(r); }
#endif

// EXPECT: x86.arch-guard __i386__ @+1:2 guard=x86-only
#if defined(__i386__) && defined(OLD_TOOLCHAIN)
void spin(void) {
  // EXPECT: x86.inline-asm asm @+2:3 guard=x86-only inactive
  // EXPECT: x86.inline-asm asm @+1:17 guard=x86-only inactive
  asm("pause"); asm("pause");
  // EXPECT: x86.inline-asm __asm__ @+2:3 guard=x86-only inactive
  // EXPECT: x86.inline-asm __asm__ @+1:33 guard=x86-only inactive
  __asm__ __volatile ("pause"); __asm__ __volatile ("pause");
}
#endif
