section .text
global cpuid_probe
cpuid_probe:
  cpuid
  ret
