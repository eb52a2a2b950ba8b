// A deliberately small HTTP/1.1 subset: one request per connection,
// no chunked bodies. The portal sits behind the bureau's reverse proxy.
#pragma once

#include <map>
#include <string>

namespace portal {

struct Request {
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;
  std::string body;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
};

// Parses the head and body in buf; false if the request is malformed.
bool parse_request(const std::string &buf, Request &out);
std::string serialize(const Response &r);
std::string url_decode(const std::string &s);
std::string json_escape(const std::string &s);

}  // namespace portal
