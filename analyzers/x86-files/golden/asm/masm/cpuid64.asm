; cpuid64.asm - fill four words with a CPUID leaf (MASM, x64 calling convention).
option casemap:none

_TEXT SEGMENT

cpuid_leaf PROC
	push	rbx
	mov	r8, rdx
	mov	eax, ecx
	xor	ecx, ecx
	cpuid
	mov	dword ptr [r8], eax
	mov	dword ptr [r8+4], ebx
	mov	dword ptr [r8+8], ecx
	mov	dword ptr [r8+12], edx
	pop	rbx
	ret
cpuid_leaf ENDP

_TEXT ENDS
END
