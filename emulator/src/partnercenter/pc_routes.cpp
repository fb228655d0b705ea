#include "partnercenter/pc_routes.hpp"

#include "util/strings.hpp"

namespace azscsp::emulator {
namespace {

constexpr const char* kAny = "{}";

bool Matches(const PcRoute& route, const std::vector<std::string>& segments,
             std::vector<std::string>& captures) {
  if (route.pattern.size() != segments.size()) return false;
  captures.clear();
  for (size_t i = 0; i < segments.size(); ++i) {
    if (std::string_view(route.pattern[i]) == kAny) {
      captures.push_back(segments[i]);
    } else if (!IEquals(route.pattern[i], segments[i])) {
      return false;
    }
  }
  return true;
}

}  // namespace

const std::vector<PcRoute>& PcRoutes() {
  static const std::vector<PcRoute> routes = {
      {{"validations", "address"}, "POST", &ValidateAddress},
      {{"domains", kAny}, "HEAD", &CheckDomain},
      {{"customers"}, "GET", &ListCustomers},
      {{"customers"}, "POST", &CreateCustomer, false, true},
      {{"customers", kAny}, "GET", &GetCustomer},
      {{"customers", kAny}, "DELETE", &DeleteCustomer},
      {{"agreements"}, "GET", &ListAgreementMetadata, true},
      {{"customers", kAny, "agreements"}, "GET", &ListCustomerAgreements, true},
      {{"customers", kAny, "agreements"}, "POST", &CreateCustomerAgreement, true, true},
      {{"products"}, "GET", &ListProducts},
      {{"products", kAny}, "GET", &GetProduct},
      {{"products", kAny, "skus"}, "GET", &ListSkus},
      {{"products", kAny, "skus", kAny}, "GET", &GetSku},
      {{"products", kAny, "skus", kAny, "availabilities"}, "GET", &ListAvailabilities},
      {{"customers", kAny, "products"}, "GET", &ListProducts},
      {{"customers", kAny, "products", kAny}, "GET", &GetProduct},
      {{"customers", kAny, "products", kAny, "skus"}, "GET", &ListSkus},
      {{"customers", kAny, "products", kAny, "skus", kAny}, "GET", &GetSku},
      {{"customers", kAny, "products", kAny, "skus", kAny, "availabilities"},
       "GET",
       &ListAvailabilities},
      {{"offers"}, "GET", &ListOffers},
      {{"offers", kAny}, "GET", &GetOffer},
      {{"customers", kAny, "carts"}, "POST", &CreateCart, false, true},
      {{"customers", kAny, "carts", kAny}, "GET", &GetCart},
      {{"customers", kAny, "carts", kAny}, "PUT", &UpdateCart},
      {{"customers", kAny, "carts", kAny, "checkout"}, "POST", &CheckoutCart, false, true},
      {{"customers", kAny, "orders"}, "GET", &ListOrders},
      {{"customers", kAny, "orders"}, "POST", &CreateOrder, false, true},
      {{"customers", kAny, "orders", kAny}, "GET", &GetOrder},
      {{"customers", kAny, "orders", kAny, "provisioningstatus"},
       "GET",
       &GetOrderProvisioningStatus},
      {{"customers", kAny, "subscriptions"}, "GET", &ListSubscriptions},
      {{"customers", kAny, "subscriptions", kAny}, "GET", &GetSubscription},
      {{"customers", kAny, "subscriptions", kAny}, "PATCH", &PatchSubscription},
      {{"customers", kAny, "subscriptions", kAny, "provisioningstatus"},
       "GET",
       &GetSubscriptionProvisioningStatus,
       true},
      {{"customers", kAny, "subscriptions", kAny, "azureEntitlements"}, "GET", &ListEntitlements},
      {{"customers", kAny, "subscriptions", kAny, "azureEntitlements", kAny},
       "GET",
       &GetEntitlement},
      {{"customers", kAny, "subscriptions", kAny, "azureEntitlements", kAny, "cancel"},
       "POST",
       &CancelEntitlement},
  };
  return routes;
}

const PcRoute* FindPcRoute(const std::vector<std::string>& segments, const std::string& method,
                           std::vector<std::string>& captures, bool& path_known) {
  path_known = false;
  for (const PcRoute& route : PcRoutes()) {
    if (!Matches(route, segments, captures)) continue;
    path_known = true;
    if (method == route.method) return &route;
  }
  captures.clear();
  return nullptr;
}

}  // namespace azscsp::emulator
