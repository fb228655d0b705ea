// The one translation unit that defines the Boost.Test module (linked dynamically).
#define BOOST_TEST_MODULE azscsp_unit_tests
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>
