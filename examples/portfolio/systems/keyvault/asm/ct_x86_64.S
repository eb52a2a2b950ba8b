/* Constant-time helpers for keyvault (System V AMD64 ABI).
 *
 *   int  kv_ct_memcmp(const void *a, const void *b, size_t n);
 *        0 when the n bytes are equal, 1 otherwise; the time taken
 *        depends on n only.
 *   void kv_secure_zero(void *p, size_t n);
 *        zeroes n bytes in a way no compiler can remove.
 */
        .text

        .globl  kv_ct_memcmp
        .type   kv_ct_memcmp, @function
        .p2align 4
kv_ct_memcmp:
        xorl    %eax, %eax          /* accumulated difference */
        testq   %rdx, %rdx
        jz      2f
1:
        movzbl  (%rdi), %ecx
        movzbl  (%rsi), %r8d
        xorl    %r8d, %ecx
        orl     %ecx, %eax
        incq    %rdi
        incq    %rsi
        decq    %rdx
        jnz     1b
2:
        negl    %eax                /* CF = (eax != 0) */
        sbbl    %eax, %eax
        negl    %eax
        ret
        .size   kv_ct_memcmp, .-kv_ct_memcmp

        .globl  kv_secure_zero
        .type   kv_secure_zero, @function
        .p2align 4
kv_secure_zero:
        movq    %rsi, %rcx
        xorl    %eax, %eax
        cld
        rep stosb
        mfence
        ret
        .size   kv_secure_zero, .-kv_secure_zero

        .section .note.GNU-stack,"",@progbits
