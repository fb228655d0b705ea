#define BOOST_TEST_MODULE azscsp_emulator_tests
#include <boost/test/unit_test.hpp>
