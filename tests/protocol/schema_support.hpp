#pragma once
// Loading the protocol's JSON Schemas with valijson and validating instances against them.
#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "protocol_files.hpp"

namespace intervisie::protocol_test {

namespace fs = std::filesystem;
using nlohmann::json;
using valijson::adapters::NlohmannJsonAdapter;

inline fs::path schema_dir() {
  return protocol_dir() / "schemas";
}

// Sorted names ("hello.json", ...) of the regular *.json files directly in `dir`.
inline std::vector<std::string> json_files(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".json")
      names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// `$ref`s name sibling files ("common.json#/definitions/note"), resolved against the schema's $id
// (https://intervisie.invalid/protocol/v1/schemas/NAME.json). The fetch callback maps such a URI,
// or a bare file name, to the file in protocol/schemas/. Nothing is fetched from a network.
inline const json* fetch_sibling(const std::string& uri) {
  std::string name = uri.substr(uri.find_last_of('/') + 1);
  if (name.find('#') != std::string::npos) name = name.substr(0, name.find('#'));
  const fs::path p = schema_dir() / name;
  if (name.empty() || !fs::exists(p)) return nullptr;
  return new json(read_json(p));
}
inline void free_sibling(const json* doc) {
  delete doc;
}

inline std::unique_ptr<valijson::Schema> load_schema(const json& doc) {
  auto schema = std::make_unique<valijson::Schema>();
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  NlohmannJsonAdapter adapter(doc);
  parser.populateSchema(adapter, *schema, fetch_sibling, free_sibling);
  return schema;
}

// Validates; on failure returns the errors as text (empty when valid).
inline std::string validate(const valijson::Schema& schema, const json& instance) {
  valijson::Validator validator;
  valijson::ValidationResults results;
  NlohmannJsonAdapter adapter(instance);
  if (validator.validate(schema, adapter, &results)) return {};
  std::string out;
  valijson::ValidationResults::Error err;
  while (results.popError(err)) {
    std::string path;
    for (const auto& c : err.context) path += c;
    out += "  " + path + ": " + err.description + "\n";
  }
  return out.empty() ? std::string("  (invalid)\n") : out;
}

// Parsed schemas, by file name, built once.
struct schemas {
  std::map<std::string, json> docs;
  std::map<std::string, std::unique_ptr<valijson::Schema>> parsed;

  static const schemas& get() {
    static const schemas s;
    return s;
  }
  const valijson::Schema& at(const std::string& name) const {
    auto it = parsed.find(name);
    if (it == parsed.end()) throw std::runtime_error("no schema " + name);
    return *it->second;
  }

private:
  schemas() {
    for (const auto& name : json_files(schema_dir())) {
      docs[name] = read_json(schema_dir() / name);
      parsed[name] = load_schema(docs[name]);
    }
  }
};

}  // namespace intervisie::protocol_test
