#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "azscsp/arm/resource_id.hpp"
#include "azscsp/errors.hpp"

using azscsp::InvalidArgumentError;
using azscsp::arm::ResourceId;

namespace {
bool MessageContains(const InvalidArgumentError& error, const std::string& text) {
  return std::string(error.what()).find(text) != std::string::npos;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(resource_id)

BOOST_AUTO_TEST_CASE(parses_the_documented_id_without_leading_slash) {
  const auto id = ResourceId::Parse(
      "subscriptions/dd8597b4-8739-4467-8b10-f8679f62bfbf/resourceGroups/azurestack/providers/"
      "Microsoft.AzureStack/registrations/testregistration/customerSubscriptions/"
      "E09A4E93-29A7-4EBA-A6D4-76202383F07F");
  BOOST_TEST(id.SubscriptionId() == "dd8597b4-8739-4467-8b10-f8679f62bfbf");
  BOOST_TEST(id.ResourceGroup() == "azurestack");
  BOOST_TEST(id.ProviderNamespace() == "Microsoft.AzureStack");
  BOOST_REQUIRE_EQUAL(id.Types().size(), 2u);
  BOOST_TEST(id.Types()[0].name == "testregistration");
  BOOST_TEST(id.Types()[1].type == "customerSubscriptions");
  BOOST_TEST(id.Types()[1].name == "E09A4E93-29A7-4EBA-A6D4-76202383F07F");  // case kept
  BOOST_TEST(!id.IsCollection());
}

BOOST_AUTO_TEST_CASE(accepts_leading_slash_and_any_case_of_fixed_segments) {
  const auto id = ResourceId::Parse(
      "/SUBSCRIPTIONS/dd8597b4-8739-4467-8b10-f8679f62bfbf/resourcegroups/rg1/PROVIDERS/"
      "Microsoft.Azurestack/registrations/r/customerSubscriptions");
  BOOST_TEST(id.ResourceGroup() == "rg1");
  BOOST_TEST(id.IsCollection());
  BOOST_TEST(id.ToString() ==
             "/subscriptions/dd8597b4-8739-4467-8b10-f8679f62bfbf/resourceGroups/rg1/providers/"
             "Microsoft.Azurestack/registrations/r/customerSubscriptions");
}

BOOST_AUTO_TEST_CASE(rejects_a_subscription_that_is_not_a_guid) {
  try {
    ResourceId::Parse(
        "subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.AzureStack/registrations/"
        "r");
    BOOST_FAIL("expected an error");
  } catch (const InvalidArgumentError& error) {
    BOOST_TEST(MessageContains(error, "'not-a-guid' is not a subscription ID"));
    BOOST_TEST(MessageContains(error, "Expected subscriptions/{subscriptionId}"));
  }
}

BOOST_AUTO_TEST_CASE(rejects_ids_missing_parts) {
  BOOST_CHECK_THROW(ResourceId::Parse(""), InvalidArgumentError);
  BOOST_CHECK_THROW(ResourceId::Parse("subscriptions/dd8597b4-8739-4467-8b10-f8679f62bfbf"),
                    InvalidArgumentError);
  BOOST_CHECK_THROW(ResourceId::Parse("subscriptions/dd8597b4-8739-4467-8b10-f8679f62bfbf/"
                                      "resourceGroups/rg/Microsoft.AzureStack/registrations/r"),
                    InvalidArgumentError);
  BOOST_CHECK_THROW(ResourceId::Parse("subscriptions/dd8597b4-8739-4467-8b10-f8679f62bfbf/"
                                      "resourceGroups/rg./providers/Microsoft.AzureStack/x/y"),
                    InvalidArgumentError);
}

BOOST_AUTO_TEST_CASE(validates_names) {
  using namespace azscsp::arm;
  BOOST_CHECK_NO_THROW(ValidateSubscriptionId("{DD8597B4-8739-4467-8B10-F8679F62BFBF}", "x"));
  BOOST_CHECK_THROW(ValidateSubscriptionId("dd8597b4-8739-4467-8b10-f8679f62bfb", "x"),
                    InvalidArgumentError);
  BOOST_CHECK_NO_THROW(ValidateResourceGroupName("my-rg_(1).a", "x"));
  BOOST_CHECK_THROW(ValidateResourceGroupName(std::string(91, 'a'), "x"), InvalidArgumentError);
  BOOST_CHECK_THROW(ValidateResourceGroupName("bad/rg", "x"), InvalidArgumentError);
  BOOST_CHECK_THROW(ValidateResourceName("a/b", "registration name"), InvalidArgumentError);
  try {
    ValidateSubscriptionId("1234", "customer subscription ID");
    BOOST_FAIL("expected an error");
  } catch (const InvalidArgumentError& error) {
    BOOST_TEST(MessageContains(error, "customer subscription ID '1234'"));
  }
}

BOOST_AUTO_TEST_SUITE_END()
