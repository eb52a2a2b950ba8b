/* arm_only.S - add two vectors of four floats (32-bit ARM, NEON). Not x86:
   the analyzer must leave it out. */
	.syntax unified
	.arm
	.fpu	neon
	.text
	.globl	add4
add4:
	vld1.32	{q0}, [r0]
	vld1.32	{q1}, [r1]
	vadd.f32	q0, q0, q1
	vst1.32	{q0}, [r2]
	bx	lr
