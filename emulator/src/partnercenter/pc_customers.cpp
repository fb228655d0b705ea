// Customers (7.4-7.6): seek-paged list with the starts_with filter, get by id, sandbox delete.
#include <algorithm>
#include <boost/json.hpp>

#include "http/responses.hpp"
#include "partnercenter/pc_call.hpp"
#include "partnercenter/pc_errors.hpp"
#include "partnercenter/pc_json.hpp"
#include "partnercenter/pc_views.hpp"
#include "service_context.hpp"
#include "util/base64.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

struct CustomerQuery {
  std::string field;  // "" (none), "companyname" or "domain"
  std::string value;  // lower case
  size_t offset = 0;
  int size = 0;
};

// The continuation token: the query, base64url, with a check so that a made-up token is refused.
std::string TokenOf(const CustomerQuery& q) {
  std::string payload =
      json::serialize(json::object{{"f", q.field}, {"v", q.value}, {"o", q.offset}, {"s", q.size}});
  std::string check = Base64UrlEncode(Sha256("pc-continuation:" + payload)).substr(0, 12);
  return Base64UrlEncode(payload) + "." + check;
}

std::optional<CustomerQuery> QueryOfToken(const std::string& token) {
  size_t dot = token.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  std::optional<std::string> payload = Base64Decode(token.substr(0, dot));
  if (!payload) return std::nullopt;
  if (Base64UrlEncode(Sha256("pc-continuation:" + *payload)).substr(0, 12) !=
      token.substr(dot + 1)) {
    return std::nullopt;
  }
  std::optional<json::object> o = ParseObject(*payload);
  if (!o) return std::nullopt;
  CustomerQuery q;
  q.field = MemberString(*o, "f");
  q.value = MemberString(*o, "v");
  q.offset = static_cast<size_t>(MemberInt(*o, "o").value_or(0));
  q.size = static_cast<int>(MemberInt(*o, "s").value_or(0));
  return q;
}

bool Matches(const PcCustomer& c, const CustomerQuery& q) {
  if (q.field.empty()) return true;
  const std::string& text = q.field == "domain" ? c.domain : c.company_name;
  return IStartsWith(text, q.value);
}

}  // namespace

HttpResponse ListCustomers(PcCall& call) {
  const int page_size = call.context.options.partner_center_page_size;
  CustomerQuery query;
  std::string seek = call.Query("seekOperation");
  if (!seek.empty()) {
    if (!IEquals(seek, "Next")) {
      return PcError(
          400, 800002,
          "Invalid request input: seekOperation '" + seek + "' is not supported (Next).");
    }
    std::string token = Trim(call.http.headers.Get("MS-ContinuationToken"));
    if (token.empty()) {
      return PcError(400, 800002,
                     "Invalid request input: seekOperation=Next needs the MS-ContinuationToken "
                     "header.");
    }
    std::optional<CustomerQuery> resumed = QueryOfToken(token);
    if (!resumed) {
      return PcError(400, 800002, "Invalid request input: the continuation token is not valid.");
    }
    query = *resumed;
  } else {
    std::string size_text = call.Query("size");
    if (!size_text.empty()) {
      try {
        size_t used = 0;
        query.size = std::stoi(size_text, &used);
        if (used != size_text.size() || query.size < 0) throw std::invalid_argument("size");
      } catch (const std::exception&) {
        return PcError(
            400, 3000,
            "Invalid property: size '" + size_text + "' must be a non-negative integer.");
      }
    }
    std::string filter_text = call.Query("filter");
    if (!filter_text.empty()) {
      std::optional<json::object> filter = ParseObject(filter_text);
      if (!filter) return PcError(400, 3000, "Invalid property: filter is not a JSON object.");
      std::string field = MemberString(*filter, "Field");
      std::string op = MemberString(*filter, "Operator");
      if (!IEquals(field, "CompanyName") && !IEquals(field, "Domain")) {
        return PcError(400, 3000,
                       "Invalid property: filter Field '" + field +
                           "' is not supported (CompanyName, Domain).");
      }
      if (!IEquals(op, "starts_with")) {
        return PcError(
            400, 3000,
            "Invalid property: filter Operator '" + op + "' is not supported (starts_with).");
      }
      query.field = ToLower(field);
      query.value = ToLower(MemberString(*filter, "Value"));
    }
  }
  if (query.size <= 0 || query.size > page_size) query.size = page_size;

  std::vector<const PcCustomer*> matching;
  for (const PcCustomer& c : call.pc().customers) {
    if (IEquals(c.partner_id, call.caller.partner_id) && Matches(c, query)) {
      matching.push_back(&c);
    }
  }
  std::sort(matching.begin(), matching.end(), [](const PcCustomer* a, const PcCustomer* b) {
    std::string an = ToLower(a->company_name), bn = ToLower(b->company_name);
    return an != bn ? an < bn : ToLower(a->id) < ToLower(b->id);
  });
  json::array items;
  size_t end = std::min(matching.size(), query.offset + static_cast<size_t>(query.size));
  for (size_t i = query.offset; i < end; ++i) items.push_back(CustomerListItem(*matching[i]));

  std::string self = "/v1/customers?size=" + std::to_string(query.size);
  json::object body = Collection(std::move(items), self);
  if (end < matching.size()) {
    CustomerQuery next = query;
    next.offset = end;
    std::string token = TokenOf(next);
    json::object link{
        {"uri", self + "&seekOperation=Next"},
        {"method", "GET"},
        {"headers", json::array{json::object{{"key", "MS-ContinuationToken"}, {"value", token}}}}};
    body["links"].as_object()["next"] = std::move(link);
    body["continuationToken"] = token;
  }
  return JsonResponse(200, body);
}

HttpResponse GetCustomer(PcCall& call) {
  return JsonResponse(200, CustomerJson(*call.customer));
}

HttpResponse DeleteCustomer(PcCall& call) {
  auto& customers = call.pc().customers;
  customers.erase(std::remove_if(customers.begin(), customers.end(),
                                 [&](const PcCustomer& c) { return &c == call.customer; }),
                  customers.end());
  call.customer = nullptr;
  return EmptyResponse(204);
}

}  // namespace azscsp::emulator
