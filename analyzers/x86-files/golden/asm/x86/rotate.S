/* rotate.S - rotate a buffer of 32-bit words left by a count (x86-64, System V).
   Its AArch64 version is ../aarch64/rotate.S. */
	.text
	.globl	rotate_words
	.type	rotate_words, @function
rotate_words:
	movl	%edx, %ecx
	testq	%rsi, %rsi
	je	2f
1:
	movl	(%rdi), %eax
	roll	%cl, %eax
	movl	%eax, (%rdi)
	addq	$4, %rdi
	decq	%rsi
	jne	1b
2:
	ret
	.size	rotate_words, .-rotate_words
