/* spin_hint.s - nothing here says which architecture this is for. */
	.text
	.globl	spin_hint
spin_hint:
	nop
	ret
