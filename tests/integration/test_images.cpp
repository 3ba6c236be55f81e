// R38: pictures for the boards. Uploaded by a member as raw PNG or JPEG bytes, kept in SQLite
// with the meeting, and given back byte for byte to members of that meeting only.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <vector>

#include "meeting_fixture.hpp"
#include "temp_dir.hpp"

using namespace intervisie::test;

// Strings are built by appending: GCC 12 warns (-Wrestrict, a false positive, bug 105329) on
// `"literal" + std::string(...)`, and the test build uses -Werror.

namespace {

constexpr std::size_t mib = 1024 * 1024;
const std::string png_signature("\x89PNG\r\n\x1a\n", 8);
const std::string jpeg_signature("\xff\xd8\xff", 3);

// A signature followed by bytes no text path would survive: NUL, 0xFF, CR LF, every value.
std::string picture_bytes(const std::string& signature, std::size_t size, unsigned seed = 0) {
  std::string out = signature;
  for (std::size_t i = 0; out.size() < size; ++i)
    out.push_back(static_cast<char>((i * 7 + seed) % 256));
  out.resize(size);
  return out;
}

http_response upload(const meeting_fixture& f, const std::string& member_token,
                     const std::string& bytes, const std::string& content_type = "image/png") {
  http_headers headers{{"Content-Type", content_type}};
  if (!member_token.empty()) headers.emplace_back("Authorization", "Bearer " + member_token);
  return f.http().request("POST", "/api/meeting-images", bytes, headers);
}

http_response fetch(const meeting_fixture& f, const std::string& member_token,
                    const std::string& image_id) {
  http_headers headers;
  if (!member_token.empty()) headers.emplace_back("Authorization", "Bearer " + member_token);
  return f.http().get("/api/meeting-images/" + image_id, headers);
}

// Uploads and returns the new image id, failing the test unless the answer is 201.
std::string uploaded(const meeting_fixture& f, const std::string& member_token,
                     const std::string& bytes, const std::string& content_type = "image/png") {
  auto res = upload(f, member_token, bytes, content_type);
  INFO(res.body);
  REQUIRE(res.status == 201);
  return res.json.at("image_id").get<std::string>();
}

void check_refused(const http_response& res, int status, const std::string& code) {
  INFO(res.status << " " << res.body);
  CHECK(res.status == status);
  CHECK(res.error_code() == code);
}

}  // namespace

TEST_CASE("R38 pictures: PNG and JPEG come back byte for byte, with safe headers", "[images]") {
  meeting_fixture f(1, {}, false);
  const std::string png = picture_bytes(png_signature, 300 * 1024);
  const std::string jpeg = picture_bytes(jpeg_signature, 90 * 1024, 3);

  auto made = upload(f, f.participants[0].member_token, png);
  INFO(made.body);
  REQUIRE(made.status == 201);
  const std::string png_id = made.json.at("image_id").get<std::string>();
  // img_ + 22 random characters: the id tells nothing.
  CHECK(png_id.size() == 26);
  CHECK(png_id.rfind("img_", 0) == 0);
  CHECK(std::all_of(png_id.begin() + 4, png_id.end(),
                    [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '-'; }));
  CHECK(made.json.size() == 1);
  const std::string jpeg_id = uploaded(f, f.facilitator.member_token, jpeg, "image/jpeg");
  CHECK(jpeg_id != png_id);

  // Any member of the meeting reads either, whoever uploaded it.
  auto got_png = fetch(f, f.facilitator.member_token, png_id);
  REQUIRE(got_png.status == 200);
  CHECK(got_png.body.size() == png.size());
  CHECK(got_png.body == png);
  CHECK(got_png.header("content-type") == "image/png");
  CHECK(got_png.header("cache-control") == "private, max-age=31536000, immutable");
  CHECK(got_png.header("x-content-type-options") == "nosniff");
  CHECK(got_png.header("content-security-policy") == "default-src 'none'");

  auto got_jpeg = fetch(f, f.participants[0].member_token, jpeg_id);
  REQUIRE(got_jpeg.status == 200);
  CHECK(got_jpeg.body == jpeg);
  CHECK(got_jpeg.header("content-type") == "image/jpeg");
  CHECK(got_jpeg.header("content-security-policy") == "default-src 'none'");

  // The JSON answers keep their own headers.
  CHECK(made.header("content-type") == "application/json");
  CHECK(made.header("cache-control") == "no-store");
  // A declared type with parameters or in other case is the same type.
  CHECK(upload(f, f.facilitator.member_token, png, "Image/PNG; x=1").status == 201);
}

TEST_CASE("R38 pictures: not a PNG or JPEG is 415, over 2 MiB is 413, the server stays fine",
          "[images][bad_input]") {
  meeting_fixture f(0, {}, false);
  const std::string& token = f.facilitator.member_token;
  const std::string png = picture_bytes(png_signature, 4096);
  const std::string jpeg = picture_bytes(jpeg_signature, 4096);

  // The signature must be there, and the declared type must be the one the bytes have.
  check_refused(upload(f, token, png, "image/jpeg"), 415, "unsupported_media_type");
  check_refused(upload(f, token, jpeg, "image/png"), 415, "unsupported_media_type");
  check_refused(upload(f, token, std::string("GIF89a").append(100, '\0'), "image/gif"), 415,
                "unsupported_media_type");
  check_refused(upload(f, token, "<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml"), 415,
                "unsupported_media_type");
  check_refused(upload(f, token, "not a picture at all", "image/png"), 415,
                "unsupported_media_type");
  check_refused(upload(f, token, png.substr(0, 7), "image/png"), 415, "unsupported_media_type");
  check_refused(upload(f, token, "", "image/png"), 415, "unsupported_media_type");
  check_refused(upload(f, token, png, "application/json"), 415, "unsupported_media_type");
  check_refused(upload(f, token, png, "application/octet-stream"), 415, "unsupported_media_type");

  // Exactly 2 MiB is a picture; one byte more is refused before it is read.
  const std::string largest = picture_bytes(png_signature, 2 * mib, 5);
  const std::string id = uploaded(f, token, largest);
  CHECK(fetch(f, token, id).body == largest);
  check_refused(upload(f, token, largest + "x"), 413, "body_too_large");
  check_refused(upload(f, token, picture_bytes(jpeg_signature, 5 * mib), "image/jpeg"), 413,
                "body_too_large");
  // The larger limit is for the upload only: other paths keep 64 KiB.
  const std::string big_json = std::string("{\"x\":\"").append(100 * 1024, 'x').append("\"}");
  check_refused(f.http().request("POST", "/api/meeting-methods", big_json,
                                 {{"Authorization", "Bearer " + token}}),
                413, "body_too_large");
  check_refused(f.http().request("GET", "/api/meeting-images/" + id, big_json,
                                 {{"Authorization", "Bearer " + token}}),
                413, "body_too_large");

  // Nothing refused was stored, and the server still serves.
  CHECK(f.http().get("/healthz").status == 200);
  const std::string after = uploaded(f, token, png);
  CHECK(fetch(f, token, after).body == png);
}

TEST_CASE("R38 pictures: only members of the meeting, still in it", "[images][authorisation]") {
  meeting_fixture f(2, {}, true);
  const std::string png = picture_bytes(png_signature, 5000);
  const std::string id = uploaded(f, f.participants[0].member_token, png);
  const std::string forged(43, 'A');

  // Upload: without a valid member token nothing is stored, and nothing else is said (the
  // refusal comes before the bad type would).
  check_refused(upload(f, "", png), 401, "unauthorized");
  check_refused(upload(f, forged, png), 401, "unauthorized");
  check_refused(upload(f, forged, "GIF89a", "image/gif"), 401, "unauthorized");
  check_refused(upload(f, f.meeting.invite_token, png), 401, "unauthorized");  // a link is not
  check_refused(f.http().request("POST", "/api/meeting-images", png,
                                 {{"Content-Type", "image/png"}, {"Authorization", forged}}),
                401, "unauthorized");

  // Fetch: no token at all is 401 as on the other member endpoints; everything else is 404.
  check_refused(fetch(f, "", id), 401, "unauthorized");
  check_refused(fetch(f, forged, id), 404, "not_found");
  check_refused(fetch(f, f.facilitator.member_token, std::string("img_").append(22, 'A')), 404,
                "not_found");
  check_refused(fetch(f, f.facilitator.member_token, "img_x"), 404, "not_found");
  check_refused(fetch(f, f.facilitator.member_token, id + "/../" + id), 404, "not_found");
  check_refused(f.http().get("/api/meeting-images",
                             {{"Authorization", "Bearer " + f.facilitator.member_token}}),
                404, "not_found");

  // A member of another meeting, even of the same group, does not get this meeting's picture,
  // and that meeting's pictures are its own.
  meeting_links other = f.create_meeting("Bijeenkomst 2");
  member_info stranger = f.join(other.invite_token, "Buiten", "student");
  const auto refused = fetch(f, stranger.member_token, id);
  check_refused(refused, 404, "not_found");
  CHECK(refused.body.find(id) == std::string::npos);
  const std::string theirs = uploaded(f, stranger.member_token, png);
  check_refused(fetch(f, f.facilitator.member_token, theirs), 404, "not_found");
  CHECK(fetch(f, stranger.member_token, theirs).body == png);

  // A removed member neither reads nor adds pictures any more.
  REQUIRE(is_type(
      f.fac().request("remove_member", f.data({{"member_id", f.participants[0].member_id}})),
      "member_removed"));
  check_refused(fetch(f, f.participants[0].member_token, id), 404, "not_found");
  check_refused(upload(f, f.participants[0].member_token, png), 401, "unauthorized");
  // The others still see the picture the removed member placed.
  CHECK(fetch(f, f.participants[1].member_token, id).body == png);
}

TEST_CASE("R38 pictures: kept across a crash, none added after the end", "[images][durability]") {
  meeting_fixture f(1, {}, false);
  const std::string png = picture_bytes(png_signature, 700 * 1024, 1);
  const std::string jpeg = picture_bytes(jpeg_signature, 1 * mib, 2);
  const std::string png_id = uploaded(f, f.facilitator.member_token, png);
  const std::string jpeg_id = uploaded(f, f.participants[0].member_token, jpeg, "image/jpeg");

  f.server.kill();  // SIGKILL: each picture was committed before its 201
  f.server.restart();
  auto got = fetch(f, f.participants[0].member_token, png_id);
  REQUIRE(got.status == 200);
  CHECK(got.body == png);
  CHECK(got.header("content-type") == "image/png");
  got = fetch(f, f.facilitator.member_token, jpeg_id);
  REQUIRE(got.status == 200);
  CHECK(got.body == jpeg);
  CHECK(got.header("content-type") == "image/jpeg");

  auto ws = f.connect(f.facilitator);
  REQUIRE(is_type(ws->request("end_meeting", f.data()), "meeting_ended"));
  check_refused(upload(f, f.participants[0].member_token, png), 409, "meeting_ended");
  // The ended meeting is read-only, not gone: its pictures are still shown.
  CHECK(fetch(f, f.participants[0].member_token, png_id).body == png);
}

TEST_CASE("R38 pictures: at most 100 per meeting", "[images][limits]") {
  meeting_fixture f(0, {}, false);
  const std::string png = picture_bytes(png_signature, 64);
  std::vector<std::string> ids;
  for (int i = 0; i < 100; ++i) ids.push_back(uploaded(f, f.facilitator.member_token, png));
  check_refused(upload(f, f.facilitator.member_token, png), 409, "limit_reached");
  // The pictures already there are all readable; another meeting has its own 100.
  CHECK(fetch(f, f.facilitator.member_token, ids.front()).body == png);
  CHECK(fetch(f, f.facilitator.member_token, ids.back()).body == png);
  meeting_links other = f.create_meeting("Bijeenkomst 2");
  member_info member = f.join(other.invite_token, "Ander", "teacher");
  CHECK(upload(f, member.member_token, png).status == 201);
}

TEST_CASE("R38 pictures: the page may show blob: and data: pictures (CSP img-src)",
          "[images][transport]") {
  temp_dir root;
  std::filesystem::create_directory(root.path() + "/static");
  root.write_file("static/index.html", "<!doctype html><title>Intervisie</title>");
  meeting_fixture f(0, {"--static-dir", root.path() + "/static"}, false);
  auto index = f.http().get("/");
  REQUIRE(index.status == 200);
  const std::string csp = index.header("content-security-policy");
  INFO(csp);
  // The board shows fetched pictures as blob: URLs and exports PNG as a data: URL.
  const auto start = csp.find("img-src ");
  REQUIRE(start != std::string::npos);
  const auto end = csp.find(';', start);
  // The directive's sources, each between spaces.
  const std::string sources =
      std::string(" ").append(csp.substr(start + 8, end - start - 8)).append(" ");
  CHECK(sources.find(" 'self' ") != std::string::npos);
  CHECK(sources.find(" blob: ") != std::string::npos);
  CHECK(sources.find(" data: ") != std::string::npos);
  // Nothing else loosened: scripts still only from the server itself.
  CHECK(csp.find("script-src 'self';") != std::string::npos);
  CHECK(csp.find("default-src 'self';") != std::string::npos);
}
