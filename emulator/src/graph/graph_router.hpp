// Microsoft Graph v1.0 over an in-memory directory per tenant (api.md §7.1 G1-G11): service
// principals, delegated permission grants, app role assignments, directory objects, guest
// invitations and users. Graph error bodies, @odata.nextLink paging, directory-role authorization.
#pragma once

#include "http/message.hpp"
#include "request_info.hpp"

namespace azscsp::emulator {

struct ServiceContext;

HttpResponse HandleGraph(ServiceContext& context, const HttpRequest& request,
                         const RequestInfo& info);

}  // namespace azscsp::emulator
