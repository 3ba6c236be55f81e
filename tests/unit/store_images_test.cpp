// The store's pictures (protocol R38): kept byte for byte with their meeting, found only through
// that meeting, and limited per meeting without an exception. Run on ":memory:" and on a file,
// like the rest of the store contract.
#include <sqlite3.h>

#include "store_fixtures.hpp"
#include "support.hpp"

using namespace intervisie::unit;

#define STORE_BACKENDS memory_backend, file_backend

namespace {

// Bytes no text column would keep: a PNG signature, NUL bytes and every byte value.
std::string binary_bytes(std::size_t size) {
  std::string out("\x89PNG\r\n\x1a\n", 8);
  for (std::size_t i = 0; out.size() < size; ++i) out.push_back(static_cast<char>(i % 256));
  out.resize(size);
  return out;
}

st::image_record picture(const std::string& meeting_id, const std::string& image_id,
                         std::string bytes, std::string type = "image/png") {
  return {meeting_id, image_id, std::move(type), std::move(bytes), "mbr_ann", 1234};
}

st::add_image_result add(st::store& s, const st::image_record& img) {
  s.begin();
  auto r = s.add_image(img);
  s.commit();
  return r;
}

}  // namespace

TEMPLATE_TEST_CASE("store: pictures come back byte for byte, only in their meeting", "[store]",
                   STORE_BACKENDS) {
  TestType backend;
  auto s = backend.open();
  in_tx(*s, [](st::store& t) {
    add_group_and_meeting(t, "mtg_1");
    add_group_and_meeting(t, "mtg_2");
  });
  const std::string png = binary_bytes(70'000);
  const std::string jpeg = std::string("\xff\xd8\xff\xe0", 4) + std::string(10, '\0') + "end";
  CHECK(add(*s, picture("mtg_1", "img_a", png)) == st::add_image_result::added);
  CHECK(add(*s, picture("mtg_1", "img_b", jpeg, "image/jpeg")) == st::add_image_result::added);

  auto a = s->find_image("mtg_1", "img_a");
  REQUIRE(a);
  CHECK(a->meeting_id == "mtg_1");
  CHECK(a->image_id == "img_a");
  CHECK(a->content_type == "image/png");
  CHECK(a->bytes.size() == png.size());
  CHECK(a->bytes == png);
  CHECK(a->uploaded_by == "mbr_ann");
  CHECK(a->created_at == 1234);
  auto b = s->find_image("mtg_1", "img_b");
  REQUIRE(b);
  CHECK(b->bytes == jpeg);  // NUL bytes inside are kept
  CHECK(b->content_type == "image/jpeg");

  // Another meeting's member asks with this meeting's id in vain; unknown ids are unknown.
  CHECK_FALSE(s->find_image("mtg_2", "img_a"));
  CHECK_FALSE(s->find_image("mtg_1", "img_none"));
  CHECK_FALSE(s->find_image("mtg_none", "img_a"));
  CHECK_FALSE(s->find_image("mtg_1", ""));

  // An id is stored once per meeting, and a picture belongs to an existing meeting (foreign
  // keys are on); a refused add changes nothing.
  s->begin();
  CHECK_THROWS_AS(s->add_image(picture("mtg_1", "img_a", "other")), st::sqlite_error);
  s->rollback();
  CHECK(s->find_image("mtg_1", "img_a")->bytes == png);
  s->begin();
  CHECK_THROWS_AS(s->add_image(picture("mtg_none", "img_c", png)), st::sqlite_error);
  s->rollback();
  CHECK_FALSE(s->find_image("mtg_none", "img_c"));
}

TEMPLATE_TEST_CASE("store: at most 100 pictures per meeting", "[store]", STORE_BACKENDS) {
  TestType backend;
  auto s = backend.open();
  in_tx(*s, [](st::store& t) {
    add_group_and_meeting(t, "mtg_1");
    add_group_and_meeting(t, "mtg_2");
  });
  REQUIRE(st::images_per_meeting_max == 100);
  s->begin();
  for (std::size_t i = 0; i < st::images_per_meeting_max; ++i)
    REQUIRE(s->add_image(picture("mtg_1", numbered("img_", i), "x")) ==
            st::add_image_result::added);
  s->commit();

  // The 101st is refused with a result, not an exception, and is not stored.
  CHECK(add(*s, picture("mtg_1", "img_extra", "x")) == st::add_image_result::too_many);
  CHECK_FALSE(s->find_image("mtg_1", "img_extra"));
  CHECK(s->find_image("mtg_1", "img_99"));
  // The limit is per meeting.
  CHECK(add(*s, picture("mtg_2", "img_extra", "x")) == st::add_image_result::added);
  CHECK(s->find_image("mtg_2", "img_extra"));
}

TEMPLATE_TEST_CASE("store: at most 50 MiB of pictures per meeting", "[store]", STORE_BACKENDS) {
  TestType backend;
  auto s = backend.open();
  in_tx(*s, [](st::store& t) {
    add_group_and_meeting(t, "mtg_1");
    add_group_and_meeting(t, "mtg_2");
  });
  constexpr std::size_t mib = 1024 * 1024;
  REQUIRE(st::image_bytes_per_meeting_max == 50 * mib);
  const std::string twenty(20 * mib, 'a');
  CHECK(add(*s, picture("mtg_1", "img_1", twenty)) == st::add_image_result::added);
  CHECK(add(*s, picture("mtg_1", "img_2", twenty)) == st::add_image_result::added);
  // Over by one byte: refused; exactly up to the limit: stored.
  CHECK(add(*s, picture("mtg_1", "img_3", std::string(10 * mib + 1, 'b'))) ==
        st::add_image_result::too_large);
  CHECK_FALSE(s->find_image("mtg_1", "img_3"));
  CHECK(add(*s, picture("mtg_1", "img_3", std::string(10 * mib, 'b'))) ==
        st::add_image_result::added);
  CHECK(add(*s, picture("mtg_1", "img_4", "x")) == st::add_image_result::too_large);
  CHECK(s->find_image("mtg_1", "img_3")->bytes.size() == 10 * mib);
  // Another meeting has its own 50 MiB.
  CHECK(add(*s, picture("mtg_2", "img_1", twenty)) == st::add_image_result::added);
}

TEST_CASE("store file: pictures survive closing and reopening", "[store][file]") {
  file_backend backend;
  const std::string png = binary_bytes(2 * 1024 * 1024);
  {
    auto s = backend.open();
    in_tx(*s, [](st::store& t) { add_group_and_meeting(t); });
    CHECK(add(*s, picture("mtg_1", "img_a", png)) == st::add_image_result::added);
  }
  auto s = backend.open();
  auto a = s->find_image("mtg_1", "img_a");
  REQUIRE(a);
  CHECK(a->bytes == png);
  CHECK(a->content_type == "image/png");
}

TEST_CASE("store file: a version 3 file gains pictures (v4) and keeps its data", "[store][file]") {
  file_backend backend;
  {
    auto s = backend.open();
    in_tx(*s, [](st::store& t) {
      add_group_and_meeting(t);
      t.add_group_method({"gm_1", "grp_1", "{}", 1});
    });
  }
  // Turn the file back into what version 3 of the server left: no images table.
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(backend.file().c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "DROP TABLE images; PRAGMA user_version=3", nullptr, nullptr,
                         nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  auto s = backend.open();
  CHECK(s->find_meeting("mtg_1"));
  CHECK(s->find_group_method("gm_1"));
  CHECK_FALSE(s->find_image("mtg_1", "img_a"));
  CHECK(add(*s, picture("mtg_1", "img_a", "bytes")) == st::add_image_result::added);
  CHECK(s->find_image("mtg_1", "img_a")->bytes == "bytes");

  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(backend.file().c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
  CHECK(sqlite3_column_int(stmt, 0) == 4);
  sqlite3_finalize(stmt);
  // The bytes are a BLOB, not text.
  REQUIRE(sqlite3_prepare_v2(db, "SELECT typeof(bytes) FROM images", -1, &stmt, nullptr) ==
          SQLITE_OK);
  REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))) == "blob");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}
