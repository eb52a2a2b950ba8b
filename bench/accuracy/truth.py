#!/usr/bin/python3
"""Ground truth for the accuracy harness: every x86 and Windows site of a tree,
taken from Clang's AST (libclang, Debian's python3-clang-19) over several
configurations, independently of Portolan.

    /usr/bin/python3 bench/accuracy/truth.py ROOT -o truth.json
        [--configs linux,linux-isa,linux-i386,mingw,msvc,msvc-isa,msvc-i386] [--primary linux]
        [-D NAME[=VALUE]]... [-j N]

A site is a place in a project file where a name is written, with its class:

  intrinsic  a use of a function that a compiler's x86 intrinsic header
             declares (Clang's *intrin.h, *mmintrin.h, cpuid.h, mm_malloc.h;
             mingw-w64's intrin.h and psdk_inc/intrin-impl.h), a Microsoft
             intrinsic Clang defines for MS languages (its builtin tables:
             _BitScanForward, _byteswap_ulong, _umul128), a call of an
             __builtin_ia32_* builtin, or a compiler header's macro that
             expands to one of those or to assembly (_mm_shuffle_epi32,
             __cpuid); the place is where the project wrote the name;
  asm        a GCC asm statement (unless its template holds assembler
             directives only, such as ".p2align 5", which every GNU assembler
             takes), an MSVC __asm block, or a file-scope asm declaration,
             written in a project file;
  win32      a use of a function declared by a Windows SDK header of
             mingw-w64 (any of its headers that is not part of the C runtime),
             or by one of its C runtime headers when glibc declares no
             function or macro of that name (_wfopen, _beginthreadex,
             strcpy_s). A non-CRT function glibc declares too (Winsock's
             send, htons, setsockopt; not a C standard function such as
             memset, whichever header declares it) counts in a Windows file (by its
             folder or name, as below) and where no Linux configuration
             compiles a call of it: elsewhere it is portable code that a
             Windows build compiles too. A call that a system macro makes (stderr is
             __acrt_iob_func(2)) counts only where the project wrote a macro
             of the SDK that is not glibc's (CreateFile, _fstat).

Portable builtins (__builtin_ctz, __sync_*) and C's implicit declarations of
unknown names are never sites.

Configurations (a unit is parsed in each one that can differ for it):

  linux      clang --target=x86_64-linux-gnu, no -m flags
  linux-isa  the same with every x86 extension of Clang 19 enabled, and
             <x86intrin.h> forced in (an MSVC build's precompiled header gives
             every unit the intrinsics; a source that calls them with no
             include is built that way)
  linux-i386 32-bit x86 Linux, -fPIC
  mingw      clang --target=x86_64-w64-mingw32 with mingw-w64's headers and
             _WINDOWS, which Windows applications' builds define
  msvc       mingw-w64 with what 64-bit Visual C++ predefines (_MSC_VER,
             _M_X64) and not (__clang__, __GNUC__: undefined after Clang's
             intrinsic headers are read, which mingw-w64 would break
             otherwise), WIN32 and _WINDOWS as CMake and Visual Studio's
             templates give, its default /arch (SSE2), and <intrin.h> forced
             in (as a precompiled header does), so that Visual-C-only code is
             seen
  msvc-isa   the same with every x86 extension (/arch:AVX512 and the like)
  msvc-i386  the same as msvc for 32-bit Visual C++ (_M_IX86), where __asm
             blocks are written

A unit is parsed in a configuration other than `linux` only when its own text
or a project header it may include (by file name, transitively) mentions a
macro that configuration changes; otherwise that configuration would give the
same sites. Project folders serve quoted includes (the unit's folder, the
root, then every folder holding a header, nearest first) and angled ones after
the system's. A quoted or angled include that is not found is given an empty
stand-in and the unit parsed again (a generated config.h, a platform header of
another system), so that one missing file never hides the rest of a unit; a
project's generated feature macros (HAVE_AVX2) are given with -D. Headers no
unit includes in any configuration are parsed alone. A site is "active" when
it is seen in the configuration its unit is built in: `--primary` (linux), or
mingw for a file whose folder or name says Windows (win32/, windows/,
foo_win.c); the others are "inactive".

What truth cannot see: code under a combination of conditions no
configuration above has (an MSVC branch behind !__has_builtin, a 32-bit
non-PIC branch), and macro bodies no unit expands. Portolan's findings there
count against its precision.

The output lists each site with the configurations that saw it, and each
unit's parse problems, as JSON.
"""

import argparse
import json
import concurrent.futures
import subprocess
import os
import re
import sys
import tempfile
import time

import clang.cindex as ci

LIBCLANG = '/usr/lib/llvm-19/lib/libclang-19.so.1'
RESOURCE_DIR = '/usr/lib/llvm-19/lib/clang/19'
MINGW_INCLUDE = '/usr/x86_64-w64-mingw32/include'
# Debian's mingw-w64 headers are links into /usr/share/mingw-w64/include.
MINGW_DIRS = (MINGW_INCLUDE, '/usr/share/mingw-w64/include')
RESOURCE_DIR_REAL = os.path.realpath(RESOURCE_DIR)

SOURCE_EXT = ('.c', '.cc', '.cpp', '.cxx', '.c++')
HEADER_EXT = ('.h', '.hh', '.hpp', '.hxx', '.h++', '.inl', '.ipp', '.tcc')
CXX_EXT = ('.cc', '.cpp', '.cxx', '.c++', '.hh', '.hpp', '.hxx', '.h++', '.ipp', '.tcc')

# Every x86 extension Clang 19 knows that the Linux headers gate on a macro
# (clang --help-hidden, x86 feature options); AMD's xop/fma4/sse4a included.
ISA_FLAGS = ('-msse3 -mssse3 -msse4.1 -msse4.2 -msse4a -mpopcnt -mlzcnt -mbmi -mbmi2 '
             '-mavx -mavx2 -mfma -mfma4 -mxop -mf16c -maes -mpclmul -msha -msha512 -msm3 '
             '-msm4 -mvaes -mvpclmulqdq -mgfni -madx -mrdrnd -mrdseed -mmovbe -mcx16 '
             '-mxsave -mxsaveopt -mxsavec -mxsaves -mfsgsbase -mprfchw -mclflushopt -mclwb '
             '-mwbnoinvd -mrdpid -mrtm -mtbm -mlwp -mclzero -mmwaitx -mpku -mwaitpkg '
             '-mmovdiri -mmovdir64b -menqcmd -mserialize -mtsxldtrk -mhreset -muintr '
             '-mavxvnni -mavxifma -mavxvnniint8 -mavxvnniint16 -mavxneconvert -mcmpccxadd '
             '-mraoint -mavx512f -mavx512cd -mavx512bw -mavx512dq -mavx512vl -mavx512ifma '
             '-mavx512vbmi -mavx512vbmi2 -mavx512vnni -mavx512bitalg -mavx512vpopcntdq '
             '-mavx512bf16 -mavx512fp16 -mavx512vp2intersect -mamx-tile -mamx-int8 '
             '-mamx-bf16 -mamx-fp16 -mamx-complex -mkl -mwidekl -mshstk -mptwrite '
             '-mpconfig -msgx -minvpcid -mcrc32 -mprefetchi').split()

# What Visual C++ predefines, and what the projects it builds define by
# default: CMake's CMAKE_C_FLAGS for MSVC and Visual Studio's Windows
# application templates both give /DWIN32 /D_WINDOWS.
MSVC_DEFINES = ['-D_MSC_VER=1938', '-D_MSC_FULL_VER=193833130', '-DWIN32', '-D_WINDOWS']

CONFIGS = {
    'linux': ['--target=x86_64-linux-gnu'],
    'linux-isa': ['--target=x86_64-linux-gnu'] + ISA_FLAGS + ['-include', 'x86intrin.h'],
    # 32-bit x86 with the machine's 64-bit glibc headers (its gnu/stubs-32.h
    # is given an empty stand-in like any missing header).
    'linux-i386': ['--target=i386-linux-gnu', '-fPIC', '-isystem', '/usr/include/x86_64-linux-gnu'],
    # _WINDOWS: what a Windows application's build defines (PuTTY's picks
    # its Windows headers by it), as the msvc configurations below.
    'mingw': ['--target=x86_64-w64-mingw32', '-fms-extensions', '-D_WINDOWS'],
    # mingw-w64's headers need GNU mode (they erase __attribute__ otherwise),
    # so this is mingw with what MSVC predefines; -U__clang__ because
    # Visual-C-only code is often guarded by !defined(__clang__).
    # /arch:AVX512 and the like define the ISA macros for MSVC too. The
    # prelude (MSVC_PRELUDE) reads the intrinsic headers, then undefines
    # __GNUC__ as Visual C++ has it: code then takes its MSVC branches.
    'msvc': ['--target=x86_64-w64-mingw32', '-fms-extensions', '-fasm-blocks'] + MSVC_DEFINES
            + ['-D_M_X64=100', '-D_M_AMD64=100', '-D_WIN64', '-U__clang__', '-include', '@PRELUDE@'],
    # The same with /arch:AVX512 and the like, which define the ISA macros
    # for Visual C++ too (an MSVC branch on __AVX2__).
    'msvc-isa': ['--target=x86_64-w64-mingw32', '-fms-extensions', '-fasm-blocks'] + MSVC_DEFINES
                + ['-D_M_X64=100', '-D_M_AMD64=100', '-D_WIN64', '-U__clang__', '-include',
                   '@PRELUDE@'] + ISA_FLAGS,
    # 32-bit Visual C++, where __asm { } blocks live
    # (/arch:SSE2 is its default: _M_IX86_FP=2).
    'msvc-i386': ['--target=i686-w64-mingw32', '-isystem', MINGW_INCLUDE, '-fms-extensions',
                  '-fasm-blocks', '-msse2'] + MSVC_DEFINES
                 + ['-D_M_IX86=600', '-D_M_IX86_FP=2', '-U__clang__', '-include', '@PRELUDE@'],
}

# Forced into the msvc configurations. mingw-w64's _mingw.h erases
# __attribute__ when __GNUC__ is not defined, which Clang's own intrinsic
# headers need: they are read first, with it.
MSVC_PRELUDE = '''#include <intrin.h>
#include <x86intrin.h>
#undef __GNUC__
#undef __GNUC_MINOR__
#undef __GNUC_PATCHLEVEL__
'''

# What makes a configuration other than `linux` differ for a unit.
TRIGGERS = {
    'linux-isa': re.compile(r'__(SSE|AVX|BMI|FMA|F16C|POPCNT|PCLMUL|AES|SHA|LZCNT|GFNI|VPCLMULQDQ|'
                            r'VAES|XOP|MMX|ADX|RDRND|RDSEED|MOVBE|SSSE3|CRC32|RTM|AMX)|_mm|__m(64|128|256|512)|'
                            r'_pdep|_pext|_tzcnt|_lzcnt|_bl[sc]|__rdtsc|_rdrand|_rdseed|_bextr|_bzhi|'
                            r'__popcnt|_popcnt|crc32|intrin'),
    'linux-i386': re.compile(r'__i386|_M_IX86|__i686|_X86_\b|__x86_32|__ILP32__|_LP32'),
    'mingw': re.compile(r'_WIN32|_WIN64|\bWIN32\b|\bWIN64\b|_WINDOWS|__MINGW|__CYGWIN__|windows\.h|'
                        r'winsock|_MSC_VER|\bWINAPI\b|__declspec|_M_X64|_M_IX86|_M_AMD64|UNICODE'),
    'msvc-i386': re.compile(r'_M_IX86|__asm\b'),
    'msvc-isa': re.compile(r'_MSC_VER|_M_X64|_M_AMD64|__asm\b|intrin\.h|__forceinline|_BitScan|'
                           r'__cpuid|__popcnt|__lzcnt|_umul128|__umulh|__emul|_rot[lr]'),
    'msvc': re.compile(r'_MSC_VER|_MSC_FULL_VER|_M_X64|_M_IX86|_M_AMD64|_M_ARM|__asm\b|intrin\.h|'
                       r'__int64|__forceinline|_CPPUNWIND|_CRT_|_DEBUG|_BitScan|_Interlocked|'
                       r'_byteswap|__cpuid|_rot[lr]|__emul|_umul128|__umulh|_ReadWriteBarrier|'
                       r'__debugbreak|__popcnt|__lzcnt|_ReturnAddress|_AddressOfReturnAddress|'
                       r'__assume|__noop|_bittest|__rdtsc|__readfs|__readgs'),
}

# mingw-w64's C runtime headers (its crt/ half); every other header there is
# the Windows SDK's.
CRT_HEADERS = set('''
assert.h complex.h conio.h crtdbg.h ctype.h direct.h dirent.h dos.h errno.h excpt.h fcntl.h
fenv.h float.h fpieee.h inttypes.h io.h limits.h locale.h malloc.h math.h mbctype.h mbstring.h
mem.h memory.h minmax.h new.h process.h search.h setjmp.h share.h signal.h stdio.h stdlib.h
string.h strings.h tchar.h time.h uchar.h unistd.h utime.h wchar.h wctype.h stdint.h stddef.h
stdarg.h getopt.h libgen.h vadefs.h crtdefs.h stdalign.h stdnoreturn.h iso646.h stdbool.h
stdexcept.h eh.h ymath.h yvals.h pthread.h pthread_time.h pthread_signal.h pthread_unistd.h
pthread_compat.h sched.h semaphore.h wchar_s.h stdio_s.h stdlib_s.h string_s.h conio_s.h
crtdbg_s.h mbstring_s.h search_s.h stralign_s.h tchar_s.h wctype.h varargs.h gdiplusmem.h
'''.split()) - {'gdiplusmem.h'}



def ms_builtins():
    """The Microsoft intrinsics Clang itself defines (ALL_MS_LANGUAGES
    builtins of intrin.h and stdlib.h: _BitScanForward, _byteswap_ulong,
    _umul128), read from Clang 19's own builtin tables."""
    names = set()
    base = '/usr/lib/llvm-19/include/clang/Basic/'
    for name in ('Builtins.inc', 'BuiltinsX86.def', 'BuiltinsX86_64.def'):
        try:
            with open(base + name) as f:
                text = f.read()
        except OSError:
            continue
        for m in re.finditer(r'^\w*BUILTIN\((\w+),([^\n]*)ALL_MS_LANGUAGES', text, re.M):
            if 'MALLOC_H' not in m.group(2):  # _alloca is the runtime's
                names.add(m.group(1))
    return names


MS_BUILTINS = ms_builtins()

INTRINSIC_HEADER = re.compile(r'(intrin|mm_malloc|cpuid|mm3dnow)[^/]*\.h$')


def is_under(path, root):
    return path == root or path.startswith(root + '/')


def in_sdk(path):
    return any(is_under(p, d) for d in MINGW_DIRS for p in (path, os.path.realpath(path)))


def crt_header(path):
    rel = path.split('/include/', 1)[-1]
    base = os.path.basename(rel)
    return (base in CRT_HEADERS or rel.startswith(('sys/', 'sec_api/')) or
            base.startswith(('corecrt', '_mingw', 'crt', '_timeval', '_bsd', '_cygwin')))


def glibc_names(cache, headers, std, prelude=''):
    """Names of the functions and macros glibc's headers declare in the
    standard std (after prelude), kept in cache."""
    if os.path.exists(cache):
        with open(cache) as f:
            return set(json.load(f))
    with tempfile.NamedTemporaryFile('w', suffix='.c', delete=False) as f:
        f.write(prelude + ''.join('#include <%s>\n' % h for h in headers))
        name = f.name
    tu = ci.Index.create().parse(name, args=['--target=x86_64-linux-gnu', '-std=' + std],
                                 options=ci.TranslationUnit.PARSE_DETAILED_PROCESSING_RECORD)
    os.unlink(name)
    names = sorted({c.spelling for c in tu.cursor.get_children()
                    if c.kind in (ci.CursorKind.FUNCTION_DECL, ci.CursorKind.MACRO_DEFINITION)})
    with open(cache, 'w') as f:
        json.dump(names, f)
    return set(names)


def glibc_functions(cache):
    """Names of the functions and macros glibc's headers declare (C and POSIX), to tell
    the Microsoft-only runtime functions of mingw-w64 from portable ones."""
    headers = '''aio.h arpa/inet.h assert.h complex.h ctype.h dirent.h dlfcn.h err.h errno.h
      fcntl.h fenv.h fnmatch.h ftw.h getopt.h glob.h grp.h iconv.h inttypes.h langinfo.h libgen.h
      limits.h locale.h malloc.h math.h monetary.h mqueue.h netdb.h net/if.h netinet/in.h poll.h
      pthread.h pwd.h regex.h sched.h search.h semaphore.h setjmp.h signal.h spawn.h stdio.h
      stdlib.h string.h strings.h sys/file.h sys/ioctl.h sys/mman.h sys/resource.h sys/select.h
      sys/socket.h sys/stat.h sys/statvfs.h sys/time.h sys/timeb.h sys/times.h sys/types.h
      sys/uio.h sys/un.h sys/utsname.h sys/wait.h syslog.h termios.h threads.h time.h uchar.h
      unistd.h utime.h wchar.h wctype.h wordexp.h alloca.h byteswap.h endian.h execinfo.h
      sys/sysinfo.h sys/epoll.h sys/eventfd.h sys/inotify.h sys/sendfile.h'''.split()
    return glibc_names(cache, headers, 'gnu17', '#define _GNU_SOURCE 1\n')


def c_standard_functions(cache):
    """Names of the functions and macros glibc's C standard headers declare
    (memcpy, abs): never Windows code, whichever header declares them."""
    headers = '''assert.h complex.h ctype.h errno.h fenv.h float.h inttypes.h locale.h math.h
      setjmp.h signal.h stdio.h stdlib.h string.h threads.h time.h uchar.h wchar.h wctype.h'''.split()
    return glibc_names(cache, headers, 'c17')


def sdk_macros(cache):
    """Names of the function-like and alias macros mingw-w64's headers define
    (CreateFile, _fstat): a project that writes one calls a Windows name."""
    if os.path.exists(cache):
        with open(cache) as f:
            return set(json.load(f))
    headers = ['windows.h', 'winsock2.h', 'ws2tcpip.h', 'shlobj.h', 'shellapi.h', 'commctrl.h',
               'commdlg.h', 'wincrypt.h', 'winternl.h', 'io.h', 'direct.h', 'process.h', 'conio.h',
               'tchar.h', 'mbstring.h', 'sys/stat.h', 'sys/timeb.h', 'stdio.h', 'stdlib.h',
               'string.h', 'wchar.h', 'time.h', 'malloc.h']
    with tempfile.NamedTemporaryFile('w', suffix='.c', delete=False) as f:
        f.write(''.join('#include <%s>\n' % h for h in headers))
        name = f.name
    tu = ci.Index.create().parse(name, args=['--target=x86_64-w64-mingw32', '-resource-dir',
                                             RESOURCE_DIR, '-DUNICODE', '-D_UNICODE'],
                                 options=ci.TranslationUnit.PARSE_DETAILED_PROCESSING_RECORD)
    os.unlink(name)
    names = sorted({c.spelling for c in tu.cursor.get_children()
                    if c.kind == ci.CursorKind.MACRO_DEFINITION and c.location.file and
                    in_sdk(c.location.file.name)})
    with open(cache, 'w') as f:
        json.dump(names, f)
    return set(names)


def directives_only(node):
    """True for a GCC asm statement whose template holds assembler
    directives only (.p2align 5): any GNU assembler takes it, so it ties
    nothing to x86. An empty template (a compiler barrier) is kept."""
    text = ''
    for tok in node.get_tokens():
        if tok.kind == ci.TokenKind.LITERAL and tok.spelling.startswith('"'):
            text += tok.spelling[1:-1]
        elif tok.spelling in (':', ')'):
            break
    lines = [l.strip() for l in re.split(r'\\n|;', text)]
    lines = [l for l in lines if l and not l.startswith(('#', '//'))]
    return bool(lines) and all(l.startswith('.') for l in lines)


def spelling_location(loc):
    f, line, col, off = ci.c_object_p(), ci.c_uint(), ci.c_uint(), ci.c_uint()
    ci.conf.lib.clang_getSpellingLocation(loc, ci.byref(f), ci.byref(line), ci.byref(col),
                                          ci.byref(off))
    return (ci.File(f).name if f else None), line.value, col.value


class Tree:
    def __init__(self, root):
        self.root = root
        self.sources, self.headers, self.header_dirs = [], [], set()
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith('.'))
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                low = name.lower()
                if not os.path.isfile(path) or os.path.islink(path):
                    continue
                if low.endswith(SOURCE_EXT):
                    self.sources.append(path)
                elif low.endswith(HEADER_EXT):
                    self.headers.append(path)
                    self.header_dirs.add(dirpath)
        self.by_name = {}
        for path in self.sources + self.headers:
            self.by_name.setdefault(os.path.basename(path), []).append(path)
        self.text, self.includes = {}, {}
        for path in self.sources + self.headers:
            try:
                with open(path, 'rb') as f:
                    text = f.read(4 << 20).decode('latin-1')
            except OSError:
                text = ''
            self.text[path] = text
            self.includes[path] = {os.path.basename(m) for m in
                                   re.findall(r'^\s*#\s*include\s*["<]([^">]+)[">]', text, re.M)}
        self.cxx = any(p.lower().endswith(CXX_EXT) for p in self.sources)

    def dirs_for(self, path):
        """Header folders, nearest to the unit first, then those whose headers
        the tree includes most (lib/common before a test's shim folder
        holding a header of the same name)."""
        if not hasattr(self, 'popularity'):
            uses = {}
            for names in self.includes.values():
                for n in names:
                    uses[n] = uses.get(n, 0) + 1
            self.popularity = {}
            for h in self.headers:
                d = os.path.dirname(h)
                self.popularity[d] = self.popularity.get(d, 0) + uses.get(os.path.basename(h), 0)
        here = os.path.dirname(path)

        def shared(d):
            return len(os.path.commonpath([d, here]))
        return sorted(self.header_dirs, key=lambda d: (-shared(d), -self.popularity.get(d, 0), d))

    def closure(self, path):
        seen, todo = {path}, [path]
        while todo:
            for name in self.includes.get(todo.pop(), ()):
                for other in self.by_name.get(name, ()):
                    if other not in seen:
                        seen.add(other)
                        todo.append(other)
        return seen

    def needs(self, path, config):
        if config == 'linux' or config not in TRIGGERS:
            return True
        return any(TRIGGERS[config].search(self.text[p]) for p in self.closure(path))


def unit_args(tree, path, config, defines, stubs):
    low = path.lower()
    cxx = low.endswith(CXX_EXT) or (low.endswith('.h') and tree.cxx)
    header = low.endswith(HEADER_EXT)
    lang = ('c++-header' if header else 'c++') if cxx else ('c-header' if header else 'c')
    # libclang finds Clang's own headers for a Linux target only.
    args = ['-x', lang, '-std=gnu++17' if cxx else '-std=gnu17', '-resource-dir', RESOURCE_DIR]
    prelude = os.path.join(os.path.dirname(stubs), 'msvc-prelude.h')
    args += [prelude if a == '@PRELUDE@' else a for a in CONFIGS[config]]
    args += ['-w', '-ferror-limit=0', '-Wno-error=implicit-function-declaration',
             '-Wno-error=implicit-int', '-Wno-error=int-conversion',
             '-Wno-error=incompatible-function-pointer-types', '-Wno-error=return-type']
    args += ['-D' + d for d in defines]
    # Project folders serve quoted includes, and angled ones only after the
    # system's (a tree's own stddef.h or linux/ shims must not shadow glibc).
    dirs = tree.dirs_for(path)
    args += ['-iquote' + os.path.dirname(path), '-iquote' + tree.root]
    args += ['-iquote' + d for d in dirs]
    args += ['-idirafter' + tree.root] + ['-idirafter' + d for d in dirs]
    args += ['-idirafter' + stubs]
    return args


# A file built for Windows by its name or folder: win32/, windows/, msvc/,
# foo_win.c, win_foo.c, foowin32.cpp.
WINDOWS_PATH = re.compile(r'(^|/)(win|windows|win32|win64|msvc|vs\d*)(/|$)|'
                          r'(^|/|_)win(32|64)?[_.]|_win(32|64)?\.', re.I)

NOT_FOUND = re.compile(r"'([^']+)' file not found")


class Walker:
    def __init__(self, tree, glibc, sdk_macros, cstd):
        self.tree, self.glibc, self.sdk_macros, self.cstd = tree, glibc, sdk_macros, cstd
        self.resource = None

    def in_project(self, name):
        return name is not None and is_under(os.path.realpath(name), self.tree.root)

    def classify_function(self, decl, name):
        if name.startswith('__builtin_ia32_'):
            return 'intrinsic'
        # Portable builtins (__builtin_ctz, __sync_*, __atomic_*) are declared
        # implicitly wherever first used, often inside an intrinsic header.
        if name.startswith(('__builtin', '__sync_', '__atomic_', '__c11_')):
            return None
        # An overloaded operator of an SDK header (guiddef.h's == on GUIDs)
        # is an operator the project writes, not a call of the SDK.
        if name.startswith('operator'):
            return None
        loc = decl.location
        if loc.file and self.in_project(loc.file.name):
            return None  # the project's own, or C's implicit declaration of an unknown name
        path = loc.file.name if loc.file else None
        sdk = path is not None and in_sdk(path)
        if name in self.glibc:
            # The C library's (memcpy, abs), whichever header declares it;
            # a Windows SDK header's of a name glibc also has (Winsock's
            # send, htons) is Windows code where Linux does not compile it
            # (main() decides, from the places of 'portable').
            # A C standard function (memset) is portable even when a
            # non-CRT header of mingw-w64 declares it.
            return ('shared' if sdk and not crt_header(path) and name not in self.cstd
                    else 'portable')
        if name in MS_BUILTINS:
            return 'intrinsic'
        if path is None:
            return None
        path = os.path.realpath(path)
        if INTRINSIC_HEADER.search(path) and (is_under(path, RESOURCE_DIR_REAL) or sdk):
            return 'intrinsic'
        if sdk:
            return 'win32'
        return None

    def from_system_macro(self, cursor):
        sp_file = spelling_location(cursor.location)[0]
        return bool(sp_file) and os.path.isabs(sp_file) and not self.in_project(sp_file)

    def written_call(self, place):
        """The identifier written at a project place, when a '(' follows it."""
        text = self.tree.text.get(place[0])
        if text is None:
            return None
        lines = text.split('\n')
        if place[1] - 1 >= len(lines):
            return None
        m = re.match(r'([A-Za-z_]\w*)\s*\(', lines[place[1] - 1][place[2] - 1:])
        return m.group(1) if m else None

    def place(self, cursor):
        """Where the project wrote the name: its spelling when that is in a
        project file, else where the outermost macro was expanded."""
        sp_file, sp_line, sp_col = spelling_location(cursor.location)
        if self.in_project(sp_file):
            return os.path.realpath(sp_file), sp_line, sp_col, True
        loc = cursor.location
        if loc.file and self.in_project(loc.file.name):
            return os.path.realpath(loc.file.name), loc.line, loc.column, False
        return None

    def sites(self, tu):
        out = []
        for top in tu.cursor.get_children():
            loc = top.location
            if not (loc.file and self.in_project(loc.file.name)):
                continue
            if top.kind == ci.CursorKind.UNEXPOSED_DECL:
                toks = [t.spelling for t in top.get_tokens()][:1]
                if toks and toks[0] in ('asm', '__asm__', '__asm'):
                    p = self.place(top)
                    if p:
                        out.append((p[0], p[1], p[2], 'asm', 'asm'))
                    continue
            for node in top.walk_preorder():
                kind = node.kind
                if kind in (ci.CursorKind.ASM_STMT, ci.CursorKind.MS_ASM_STMT):
                    p = self.place(node)
                    if not p:
                        continue
                    sp_file = spelling_location(node.location)[0]
                    if p[3]:
                        if kind == ci.CursorKind.ASM_STMT and directives_only(node):
                            continue
                        out.append((p[0], p[1], p[2], 'asm', 'asm'))
                    elif (sp_file and is_under(os.path.realpath(sp_file), RESOURCE_DIR_REAL) and
                          INTRINSIC_HEADER.search(sp_file)):
                        out.append((p[0], p[1], p[2], 'intrinsic', 'asm-macro'))
                elif kind in (ci.CursorKind.DECL_REF_EXPR, ci.CursorKind.OVERLOADED_DECL_REF):
                    decl = node.referenced
                    if kind == ci.CursorKind.OVERLOADED_DECL_REF:
                        if ci.conf.lib.clang_getNumOverloadedDecls(node) == 0:
                            continue
                        decl = ci.conf.lib.clang_getOverloadedDecl(node, 0)
                    if decl is None or decl.kind not in (ci.CursorKind.FUNCTION_DECL,
                                                         ci.CursorKind.FUNCTION_TEMPLATE):
                        continue
                    name = decl.spelling
                    cls = self.classify_function(decl, name)
                    if not cls:
                        continue
                    p = self.place(node)
                    if not p:
                        continue
                    if cls == 'portable' and not p[3]:
                        continue  # a system macro's call (stderr, assert)
                    if cls in ('win32', 'shared') and not p[3] and self.from_system_macro(node):
                        # A call a system macro makes (stderr is
                        # __acrt_iob_func(2), FD_ISSET __WSAFDIsSet):
                        # the project's only when it wrote a Windows name
                        # it calls (_fstat for _fstat64, CreateFile).
                        written = self.written_call(p)
                        if written not in self.sdk_macros or written in self.glibc:
                            continue
                        name = written
                    out.append((p[0], p[1], p[2], cls, name))
        return out


def parse_task(task):
    root, path, config, defines, stubs, glibc_cache = task
    tree = WORKER['tree']
    walker = WORKER['walker']
    index = WORKER['index']
    started = time.time()
    problems = []
    tu = None
    for _ in range(6):
        args = unit_args(tree, path, config, defines, stubs)
        try:
            tu = index.parse(path, args=args)
        except ci.TranslationUnitLoadError as e:
            return path, config, [], ['parse failed: %s' % e], time.time() - started, []
        missing = set()
        for d in tu.diagnostics:
            m = NOT_FOUND.search(d.spelling)
            if m and d.severity >= ci.Diagnostic.Error:
                missing.add(m.group(1))
        made = False
        for name in missing:
            stub = os.path.join(stubs, name)
            if '..' in name or os.path.isabs(name) or os.path.exists(stub):
                continue
            os.makedirs(os.path.dirname(stub), exist_ok=True)
            open(stub, 'a').close()
            made = True
        if not made:
            break
    errors = [d for d in tu.diagnostics if d.severity >= ci.Diagnostic.Error]
    if errors:
        first = errors[0]
        where = first.location.file.name if first.location.file else '?'
        problems.append('%d errors, first: %s:%d: %s' % (len(errors), os.path.relpath(where, root)
                        if is_under(where, root) else where, first.location.line, first.spelling))
    included = sorted({os.path.realpath(i.include.name) for i in tu.get_includes()
                       if i.include and walker.in_project(i.include.name)})
    sites = walker.sites(tu)
    return path, config, sites, problems, time.time() - started, included


WORKER = {}


def run_worker(tasks, workdir, timeout):
    """Runs tasks in a worker process of this script, one after the other; a
    unit that crashes libclang or outlasts the timeout is recorded as such
    and the rest go on in a new worker."""
    results = []
    while tasks:
        fd, task_file = tempfile.mkstemp(dir=workdir, suffix='.tasks')
        with os.fdopen(fd, 'w') as f:
            json.dump(tasks, f)
        out_file = task_file + '.out'
        try:
            proc = subprocess.run([sys.executable, os.path.abspath(__file__), '--worker',
                                   task_file, out_file], timeout=timeout * len(tasks) + 60)
            code = proc.returncode
        except subprocess.TimeoutExpired:
            code = 'timeout'
        done = []
        if os.path.exists(out_file):
            with open(out_file) as f:
                done = [json.loads(line) for line in f if line.endswith('\n')]
        results += [tuple(r) for r in done]
        if len(done) < len(tasks) and code != 0:
            bad = tasks[len(done)]
            results.append((bad[1], bad[2], [], ['the parse did not finish (%s)' % (
                'exit %s' % code if code != 'timeout' else 'timeout')], 0.0, []))
            tasks = tasks[len(done) + 1:]
        else:
            tasks = tasks[len(done):] if code != 0 else []
    return results


def worker_main(task_file, out_file):
    with open(task_file) as f:
        tasks = json.load(f)
    init_worker(tasks[0][0], tasks[0][5])
    with open(out_file, 'a') as out:
        for task in tasks:
            out.write(json.dumps(parse_task(task)) + '\n')
            out.flush()


def init_worker(root, glibc_cache):
    if not ci.Config.loaded:
        ci.Config.set_library_file(LIBCLANG)
    tree = Tree(root)
    WORKER['tree'] = tree
    WORKER['walker'] = Walker(tree, glibc_functions(glibc_cache),
                              sdk_macros(glibc_cache.replace('glibc', 'mingw-macros')),
                              c_standard_functions(glibc_cache.replace('glibc', 'c-standard')))
    WORKER['index'] = ci.Index.create()


def main():
    if len(sys.argv) == 4 and sys.argv[1] == '--worker':
        return worker_main(sys.argv[2], sys.argv[3])
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('root')
    ap.add_argument('-o', '--output', required=True)
    ap.add_argument('--configs', default='linux,linux-isa,linux-i386,mingw,msvc,msvc-isa,msvc-i386')
    ap.add_argument('--primary', default='linux')
    ap.add_argument('-D', dest='defines', action='append', default=[])
    ap.add_argument('-j', '--jobs', type=int, default=os.cpu_count() or 1)
    ap.add_argument('--unit-timeout', type=int, default=300,
                    help='seconds a worker may spend per unit on average before it is stopped')
    opts = ap.parse_args()
    ci.Config.set_library_file(LIBCLANG)
    root = os.path.realpath(opts.root)
    configs = opts.configs.split(',')
    for c in configs:
        if c not in CONFIGS:
            sys.exit('truth.py: unknown configuration %r (known: %s)' % (c, ', '.join(CONFIGS)))
    glibc_cache = os.path.join(tempfile.gettempdir(), 'portolan-accuracy-glibc-names.json')
    glibc_functions(glibc_cache)
    sdk_macros(glibc_cache.replace('glibc', 'mingw-macros'))
    c_standard_functions(glibc_cache.replace('glibc', 'c-standard'))
    tree = Tree(root)
    workdir = tempfile.mkdtemp(prefix='portolan-truth-')
    stubs = {c: os.path.join(workdir, 'stubs-' + c) for c in configs}
    for d in stubs.values():
        os.makedirs(d)
    with open(os.path.join(workdir, 'msvc-prelude.h'), 'w') as f:
        f.write(MSVC_PRELUDE)

    def run(paths, label):
        tasks = [(root, p, c, opts.defines, stubs[c], glibc_cache)
                 for c in configs for p in paths if tree.needs(p, c)]
        print('truth: %s: %d parses of %d files' % (label, len(tasks), len(paths)), file=sys.stderr)
        shares = [tasks[i::opts.jobs] for i in range(opts.jobs)]
        with concurrent.futures.ThreadPoolExecutor(opts.jobs) as pool:
            parts = pool.map(lambda share: run_worker(share, workdir, opts.unit_timeout), shares)
            return [r for part in parts for r in part]

    results = run(tree.sources, 'units')
    reached = {p for r in results for p in r[5]}
    alone = [h for h in tree.headers if os.path.realpath(h) not in reached]
    results += run(alone, 'headers no unit includes')

    def primary(path):
        rel = os.path.relpath(path, root)
        if opts.primary == 'linux' and 'mingw' in configs and WINDOWS_PATH.search(rel):
            return 'mingw'
        return opts.primary

    # A function glibc and a non-CRT Windows SDK header both declare
    # (Winsock's send, htons, setsockopt) counts as win32 in a Windows file
    # (by WINDOWS_PATH) and where no Linux configuration compiles a call of
    # that name: elsewhere it is portable code built for Windows too.
    portable = {(f, line, col, name) for _, config, found, _, _, _ in results
                if config.startswith('linux')
                for f, line, col, cls, name in found if cls == 'portable'}
    sites = {}
    for path, config, found, problems, seconds, _ in results:
        for file, line, col, cls, name in found:
            if cls == 'portable':
                continue
            if cls == 'shared':
                if (not WINDOWS_PATH.search(os.path.relpath(file, root)) and
                        (file, line, col, name) in portable):
                    continue
                cls = 'win32'
            key = (os.path.relpath(file, root), line, col, cls)
            entry = sites.setdefault(key, {'names': set(), 'configs': set(), 'active': False})
            entry['names'].add(name)
            entry['configs'].add(config)
            entry['active'] |= config == primary(path)
    units = [{'file': os.path.relpath(p, root), 'config': c, 'seconds': round(s, 3),
              'sites': sum(1 for x in f if x[3] != 'portable'), 'problems': pr}
             for p, c, f, pr, s, _ in results]
    units.sort(key=lambda u: (u['file'], u['config']))
    out = {
        'root': root,
        'configs': configs,
        'primary': opts.primary,
        'defines': opts.defines,
        'sources': len(tree.sources),
        'headers_parsed_alone': len(alone),
        'units': units,
        'sites': [{'file': k[0], 'line': k[1], 'column': k[2], 'class': k[3],
                   'names': sorted(v['names']), 'configs': sorted(v['configs']),
                   'active': v['active']}
                  for k, v in sorted(sites.items())],
    }
    with open(opts.output, 'w') as f:
        json.dump(out, f, indent=1)
    print('truth: %d sites (%s) in %d parses' % (
        len(out['sites']), ', '.join('%s %d' % (c, sum(1 for s in out['sites'] if s['class'] == c))
                                     for c in ('intrinsic', 'asm', 'win32')), len(units)),
          file=sys.stderr)


if __name__ == '__main__':
    main()
