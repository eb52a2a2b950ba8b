#include "http.h"

#include <cctype>
#include <cstdio>
#include <sstream>

namespace portal {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

std::string lower(std::string s) {
  for (char &c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void parse_query(const std::string &q, std::map<std::string, std::string> &out) {
  std::size_t pos = 0;
  while (pos < q.size()) {
    std::size_t amp = q.find('&', pos);
    std::string pair = q.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
    std::size_t eq = pair.find('=');
    if (eq != std::string::npos)
      out[url_decode(pair.substr(0, eq))] = url_decode(pair.substr(eq + 1));
    if (amp == std::string::npos)
      break;
    pos = amp + 1;
  }
}

}  // namespace

std::string url_decode(const std::string &s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i] == '+' ? ' ' : s[i]);
    }
  }
  return out;
}

std::string json_escape(const std::string &s) {
  std::string out;
  for (char c : s) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      // Control characters are escaped; bytes of UTF-8 sequences (names
      // in Chinese) are passed through as they are.
      if (c >= 0 && c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      } else {
        out.push_back(c);
      }
    }
  }
  return out;
}

bool parse_request(const std::string &buf, Request &out) {
  std::size_t head_end = buf.find("\r\n\r\n");
  if (head_end == std::string::npos)
    return false;
  std::istringstream head(buf.substr(0, head_end));
  std::string line, version, target;
  if (!std::getline(head, line))
    return false;
  std::istringstream first(line);
  if (!(first >> out.method >> target >> version) || version.compare(0, 5, "HTTP/") != 0)
    return false;
  std::size_t qm = target.find('?');
  out.path = url_decode(target.substr(0, qm));
  if (qm != std::string::npos)
    parse_query(target.substr(qm + 1), out.query);
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    std::size_t colon = line.find(':');
    if (colon == std::string::npos)
      continue;
    std::size_t v = line.find_first_not_of(' ', colon + 1);
    out.headers[lower(line.substr(0, colon))] = v == std::string::npos ? "" : line.substr(v);
  }
  out.body = buf.substr(head_end + 4);
  return true;
}

std::string serialize(const Response &r) {
  const char *reason = r.status == 200   ? "OK"
                       : r.status == 400 ? "Bad Request"
                       : r.status == 404 ? "Not Found"
                                         : "Internal Server Error";
  std::ostringstream os;
  os << "HTTP/1.1 " << r.status << ' ' << reason << "\r\n"
     << "Content-Type: " << r.content_type << "\r\n"
     << "Content-Length: " << r.body.size() << "\r\n"
     << "Connection: close\r\n\r\n"
     << r.body;
  return os.str();
}

}  // namespace portal
