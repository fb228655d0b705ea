#define BOOST_TEST_MODULE azscsp_integration_tests
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>
