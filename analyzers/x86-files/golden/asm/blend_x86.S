/* blend_x86.S - average two byte buffers 16 bytes at a time (SSE2, Intel
   syntax). blend.c is the portable version. */
	.intel_syntax noprefix
	.text
	.globl	blend_bytes
blend_bytes:
	xor	eax, eax
.Lloop:
	movdqu	xmm0, [rdi + rax]
	movdqu	xmm1, [rsi + rax]
	pavgb	xmm0, xmm1
	movdqu	[rdx + rax], xmm0
	add	rax, 16
	cmp	rax, rcx
	jb	.Lloop
	ret
