#include "azscsp/partnercenter/catalog_client.hpp"

#include "azscsp/errors.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/url_encode.hpp"

namespace json = boost::json;

namespace azscsp::partnercenter {

CatalogClient::CatalogClient(std::shared_ptr<const PartnerCenterClient> client)
    : client_(std::move(client)) {}

Availability CatalogClient::AzurePlanAvailability(const std::string& customer_id,
                                                  const std::string& country,
                                                  const util::Context& context) const {
  const std::string product_path = std::string("products/") + kAzurePlanProductId + "/skus/" +
                                   kAzurePlanSkuId + "/availabilities";
  const std::string path =
      customer_id.empty()
          ? product_path + "?country=" + util::PercentEncode(country.empty() ? "US" : country)
          : "customers/" + util::PercentEncode(customer_id) + "/" + product_path;
  CallOptions call;
  call.operation = "GET " + path;
  const json::value page = client_->SendJson(http::Method::Get, path, std::nullopt, context, call);
  std::optional<Availability> first;
  if (page.is_object())
    if (const json::value* items = util::FindKeyIgnoreCase(page.as_object(), "items");
        items && items->is_array())
      for (const auto& item : items->as_array()) {
        Availability availability = Availability::FromJson(item);
        if (availability.is_purchasable) return availability;
        if (!first) first = availability;
      }
  if (first) return *first;
  throw ServiceError(ErrorKind::NotFound,
                     {404, "AzurePlanNotAvailable",
                      "The Partner Center catalog has no availability of the Azure plan (product " +
                          std::string(kAzurePlanProductId) + ", SKU " + kAzurePlanSkuId + ")" +
                          (customer_id.empty() ? " for country '" + country + "'"
                                               : " for customer " + customer_id) +
                          "."});
}

}  // namespace azscsp::partnercenter
