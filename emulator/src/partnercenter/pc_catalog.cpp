// Catalog (7.8): the Azure plan and legacy Microsoft Azure products, their SKUs and
// availabilities, and the legacy offers (index-paged).
#include <algorithm>
#include <boost/json.hpp>

#include "http/responses.hpp"
#include "partnercenter/pc_call.hpp"
#include "partnercenter/pc_errors.hpp"
#include "partnercenter/pc_views.hpp"
#include "service_context.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

// Customer routes: params[0] is the customer; product (and SKU) follow.
size_t First(const PcCall& call) {
  return call.customer ? 1 : 0;
}

std::string Country(const PcCall& call) {
  std::string country = call.Query("country");
  return country.empty() ? std::string("US") : country;
}

std::string Prefix(const PcCall& call) {
  return call.customer ? "/v1/customers/" + call.customer->id : std::string("/v1");
}

bool IsAzurePlan(const std::string& product) {
  return IEquals(product, kAzurePlanProductId);
}

bool IsLegacy(const std::string& product) {
  return IEquals(product, kLegacyAzureProductId);
}

json::object ProductJson(const PcCall& call, bool plan) {
  std::string id = plan ? kAzurePlanProductId : kLegacyAzureProductId;
  return {{"id", id},
          {"title", plan ? "Azure plan" : "Microsoft Azure"},
          {"description", plan ? "Azure plan: pay-as-you-go Azure services under the Microsoft "
                                 "Customer Agreement."
                               : "Microsoft Azure (MS-AZR-0145P), the legacy CSP Azure offer."},
          {"productType", {{"id", "Azure"}, {"displayName", "Azure"}}},
          {"purchasePrerequisites",
           json::array{plan ? "MicrosoftCustomerAgreement" : "MicrosoftCloudAgreement"}},
          {"links", {{"skus", Link(Prefix(call) + "/products/" + id + "/skus")}}},
          {"attributes", Attributes("Product")}};
}

json::object SkuJson(const PcCall& call, bool plan) {
  std::string product = plan ? kAzurePlanProductId : kLegacyAzureProductId;
  return {
      {"id", kAzurePlanSkuId},
      {"productId", product},
      {"title", plan ? "Microsoft Azure plan (MS-AZR-0017G)" : "Microsoft Azure (MS-AZR-0145P)"},
      {"description", plan ? "Azure plan" : "Microsoft Azure"},
      {"minimumQuantity", 1},
      {"maximumQuantity", 1},
      {"isTrial", false},
      {"supportedBillingCycles", json::array{plan ? "one_time" : "monthly"}},
      {"purchasePrerequisites",
       json::array{plan ? "MicrosoftCustomerAgreement" : "MicrosoftCloudAgreement"}},
      {"links",
       {{"availabilities", Link(Prefix(call) + "/products/" + product + "/skus/" + kAzurePlanSkuId +
                                "/availabilities")}}},
      {"attributes", Attributes("Sku")}};
}

HttpResponse ProductNotFound() {
  return PcError(404, 400013, "The parent product was not found.");
}

// The product of the path (params after the customer), or nullopt when unknown.
std::optional<bool> ProductOf(const PcCall& call) {
  const std::string& product = call.Param(First(call));
  if (IsAzurePlan(product)) return true;
  if (IsLegacy(product)) return false;
  return std::nullopt;
}

json::object LegacyOffer() {
  return {{"id", kLegacyAzureOfferId},
          {"name", "Microsoft Azure"},
          {"description", "Microsoft Azure (legacy CSP offer), billed by usage."},
          {"minimumQuantity", 1},
          {"maximumQuantity", 1},
          {"rank", 0},
          {"uri", "/v1/offers/MS-AZR-0145P"},
          {"locale", "en-US"},
          {"country", "US"},
          {"category", {{"id", "Azure"}, {"name", "Azure"}, {"rank", 0}}},
          {"prerequisiteOffers", json::array()},
          {"isAddOn", false},
          {"isAvailableForPurchase", true},
          {"billing", "usage"},
          {"isAutoRenewable", false},
          {"product", {{"id", kLegacyAzureProductId}, {"name", "Microsoft Azure"}}},
          {"unitType", "Usage-based"},
          {"isTrial", false},
          {"supportedBillingCycles", json::array{"monthly"}},
          {"links", {{"self", Link("/offers/MS-AZR-0145P")}}},
          {"attributes", Attributes("Offer")}};
}

}  // namespace

HttpResponse ListProducts(PcCall& call) {
  std::string view = call.Query("targetView");
  json::array items;
  if (view.empty() || IEquals(view, "MicrosoftAzure") || IEquals(view, "Azure")) {
    items.push_back(ProductJson(call, true));
    items.push_back(ProductJson(call, false));
  } else if (call.customer) {
    return PcError(403, 400036, "Access to the requested targetView is not allowed.");
  }
  return JsonResponse(
      200, Collection(std::move(items), Prefix(call) + "/products?country=" + Country(call) +
                                            "&targetView=MicrosoftAzure"));
}

HttpResponse GetProduct(PcCall& call) {
  std::optional<bool> plan = ProductOf(call);
  if (!plan) return ProductNotFound();
  return JsonResponse(200, ProductJson(call, *plan));
}

HttpResponse ListSkus(PcCall& call) {
  std::optional<bool> plan = ProductOf(call);
  if (!plan) return ProductNotFound();
  return JsonResponse(200,
                      Collection(json::array{SkuJson(call, *plan)},
                                 Prefix(call) + "/products/" + call.Param(First(call)) + "/skus"));
}

HttpResponse GetSku(PcCall& call) {
  std::optional<bool> plan = ProductOf(call);
  if (!plan) return ProductNotFound();
  if (!IEquals(call.Param(First(call) + 1), kAzurePlanSkuId)) {
    return PcError(404, 400018, "The SKU was not found.");
  }
  return JsonResponse(200, SkuJson(call, *plan));
}

HttpResponse ListAvailabilities(PcCall& call) {
  std::optional<bool> plan = ProductOf(call);
  if (!plan) return ProductNotFound();
  if (!IEquals(call.Param(First(call) + 1), kAzurePlanSkuId)) {
    return PcError(404, 400018, "The SKU was not found.");
  }
  json::array items;
  std::string country = Country(call);
  if (*plan) {  // legacy Microsoft Azure is no longer sold to new customers: no availability
    const std::string& availability = call.pc().azure_plan_availability_id;
    items.push_back(
        json::object{{"id", availability},
                     {"productId", kAzurePlanProductId},
                     {"skuId", kAzurePlanSkuId},
                     {"catalogItemId", call.pc().AzurePlanCatalogItemId()},
                     {"defaultCurrency", {{"code", "USD"}, {"symbol", "$"}, {"name", "US Dollar"}}},
                     {"segment", "commercial"},
                     {"country", ToLower(country) == "us" ? std::string("US") : country},
                     {"isPurchasable", true},
                     {"isRenewable", false},
                     {"terms", json::array()},
                     {"links",
                      {{"self", Link(Prefix(call) + "/products/" + kAzurePlanProductId + "/skus/" +
                                     kAzurePlanSkuId + "/availabilities/" + availability)}}},
                     {"attributes", Attributes("Availability")}});
  }
  return JsonResponse(
      200, Collection(std::move(items), Prefix(call) + "/products/" + call.Param(First(call)) +
                                            "/skus/" + kAzurePlanSkuId + "/availabilities"));
}

HttpResponse ListOffers(PcCall& call) {
  std::vector<json::object> offers{LegacyOffer()};
  long offset = 0, size = 0;
  try {
    if (!call.Query("offset").empty()) offset = std::stol(call.Query("offset"));
    if (!call.Query("size").empty()) size = std::stol(call.Query("size"));
  } catch (const std::exception&) {
    return PcError(400, 3000, "Invalid property: offset and size must be integers.");
  }
  if (offset < 0 || size < 0) {
    return PcError(400, 3000, "Invalid property: offset and size must not be negative.");
  }
  json::array items;
  size_t end =
      size == 0 ? offers.size() : std::min(offers.size(), static_cast<size_t>(offset + size));
  for (size_t i = static_cast<size_t>(offset); i < end; ++i) items.push_back(offers[i]);
  json::object body = Collection(std::move(items), "/v1/offers?country=" + Country(call));
  body["totalCount"] = offers.size();
  return JsonResponse(200, body);
}

HttpResponse GetOffer(PcCall& call) {
  if (!IEquals(call.Param(0), kLegacyAzureOfferId)) {
    return PcError(404, 1000, "Offer " + call.Param(0) + " was not found.");
  }
  return JsonResponse(200, LegacyOffer());
}

}  // namespace azscsp::emulator
