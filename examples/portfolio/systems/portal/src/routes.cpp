// The portal's endpoints: case status by number, a citizen's cases, and a
// health check for the load balancer. Payment amounts come from the back
// office's settlement; scanned documents from the imaging service.
#include "http.h"
#include "store.h"

#include <cstdio>
#include <string>

namespace portal {

namespace {

bool valid_citizen_id(const std::string &id) {
  if (id.size() != 18)
    return false;
  for (std::size_t i = 0; i < 17; ++i)
    if (id[i] < '0' || id[i] > '9')
      return false;
  return (id[17] >= '0' && id[17] <= '9') || id[17] == 'X';
}

std::string to_json(const CaseRecord &r) {
  char amount[32];
  std::snprintf(amount, sizeof amount, "%lld.%02lld", r.amount_fen / 100, r.amount_fen % 100);
  return "{\"case\":\"" + json_escape(r.case_id) + "\",\"kind\":\"" + json_escape(r.kind) +
         "\",\"state\":\"" + json_escape(r.state) + "\",\"amount\":" + amount +
         ",\"updated\":\"" + json_escape(r.updated) + "\"}";
}

Response error(int status, const std::string &message) {
  Response r;
  r.status = status;
  r.body = "{\"error\":\"" + json_escape(message) + "\"}";
  return r;
}

}  // namespace

Response handle(Store &store, const Request &req) {
  if (req.method != "GET")
    return error(400, "only GET is served here");
  if (req.path == "/health") {
    Response r;
    r.body = "{\"status\":\"ok\"}";
    return r;
  }
  if (req.path == "/api/case") {
    auto it = req.query.find("id");
    if (it == req.query.end())
      return error(400, "missing id");
    auto rec = store.find_case(it->second);
    if (!rec)
      return error(404, "no such case");
    Response r;
    r.body = to_json(*rec);
    return r;
  }
  if (req.path == "/api/citizen/cases") {
    auto it = req.query.find("citizen");
    if (it == req.query.end() || !valid_citizen_id(it->second))
      return error(400, "bad citizen id");
    Response r;
    r.body = "[";
    bool first = true;
    for (const CaseRecord &c : store.cases_of(it->second)) {
      r.body += (first ? "" : ",") + to_json(c);
      first = false;
    }
    r.body += "]";
    return r;
  }
  return error(404, "no such endpoint");
}

}  // namespace portal
