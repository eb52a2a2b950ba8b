// A shared library that is not a Portolan plugin: it exports no descriptor.
#include <boost/config.hpp>
extern "C" BOOST_SYMBOL_EXPORT int fixture_not_a_plugin() { return 42; }
