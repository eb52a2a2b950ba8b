// A shared library that is not a Portolan plugin and ends any process that
// loads it: its constructor exits with code 7. The host must refuse it
// from its symbol table without loading it.
#include <boost/config.hpp>

#include <unistd.h>

__attribute__((constructor)) static void endTheLoader() { _exit(7); }

extern "C" BOOST_SYMBOL_EXPORT int fixture_exits_when_loaded() { return 7; }
