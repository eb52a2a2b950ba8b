; scale.asm - multiply a float buffer by a constant (NASM, x86-64, SSE).
; There is no version for other architectures.
default rel
bits 64

section .text
global scale_floats

scale_floats:                   ; rdi = buffer, rsi = count, xmm0 = factor
	shufps	xmm0, xmm0, 0
.loop:
	cmp	rsi, 4
	jb	.done
	movups	xmm1, [rdi]
	mulps	xmm1, xmm0
	movups	[rdi], xmm1
	add	rdi, 16
	sub	rsi, 4
	jmp	.loop
.done:
	ret
