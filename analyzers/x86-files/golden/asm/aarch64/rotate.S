// rotate.S - rotate a buffer of 32-bit words left by a count (AArch64).
	.text
	.globl	rotate_words
	.type	rotate_words, %function
rotate_words:
	cbz	x1, 2f
	neg	w2, w2
1:
	ldr	w3, [x0]
	ror	w3, w3, w2
	str	w3, [x0], #4
	subs	x1, x1, #1
	b.ne	1b
2:
	ret
	.size	rotate_words, .-rotate_words
