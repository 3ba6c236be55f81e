#include "net/static_files.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

namespace intervisie::net {

namespace fs = std::filesystem;

std::string content_type_for(const std::string& name) {
  auto ext = fs::path(name).extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".webmanifest") return "application/manifest+json";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

static_files::static_files(const std::string& dir) {
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) {
    std::fprintf(stderr, "web client not found in '%s': only the API is served\n", dir.c_str());
    return;
  }
  constexpr std::size_t total_max = 64u << 20;
  std::size_t total = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    static_file f;
    f.content = ss.str();
    total += f.content.size();
    if (total > total_max) break;
    // Appending (not "literal" + string) keeps GCC 12's -Wrestrict false positive away at -O3.
    std::string rel("/");
    rel += fs::relative(entry.path(), dir).generic_string();
    f.content_type = content_type_for(rel);
    f.etag.assign(1, '"')
        .append(std::to_string(std::hash<std::string>{}(f.content)))
        .push_back('"');
    f.immutable = rel.rfind("/assets/", 0) == 0;
    files_.emplace(std::move(rel), std::move(f));
  }
}

const static_file* static_files::find(const std::string& path) const {
  auto it = files_.find(path == "/" ? "/index.html" : path);
  return it == files_.end() ? nullptr : &it->second;
}

}  // namespace intervisie::net
