// protocol/codec and json_limits: the depth pre-check, decoding every command, what each member
// may see of an event or a snapshot (R20), and the change-log record format.
#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "protocol/codec.hpp"
#include "protocol/json_limits.hpp"
#include "support.hpp"

using namespace intervisie::unit;
using nlohmann::json;
namespace proto = intervisie::protocol;
namespace cmd = intervisie::domain::cmd;
namespace chg = intervisie::domain::chg;
using intervisie::domain::error_code;

namespace {

std::string nested_arrays(int depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

proto::inbound decoded(const std::string& text) {
  auto r = proto::decode(text);
  INFO(text);
  if (auto* f = std::get_if<proto::decode_failure>(&r)) FAIL_CHECK("refused: " << f->err.message);
  REQUIRE(std::holds_alternative<proto::inbound>(r));
  return std::get<proto::inbound>(r);
}

proto::decode_failure refused(const std::string& text) {
  auto r = proto::decode(text);
  INFO(text);
  REQUIRE(std::holds_alternative<proto::decode_failure>(r));
  return std::get<proto::decode_failure>(r);
}

template <class C>
C command_in(const proto::inbound& in, const std::string& meeting_id = "mtg_1") {
  REQUIRE(std::holds_alternative<proto::meeting_command>(in.msg));
  const auto& mc = std::get<proto::meeting_command>(in.msg);
  CHECK(mc.meeting_id == meeting_id);
  REQUIRE(std::holds_alternative<C>(mc.cmd));
  return std::get<C>(mc.cmd);
}

const std::string secret_text = "Vertrouwelijk: de moeder van Daan";
const std::string secret_id = "note:SecretNoteId123456";

}  // namespace

TEST_CASE("json_depth counts objects and arrays, not brackets in strings", "[codec][depth]") {
  CHECK(proto::json_depth("", 8) == 0);
  CHECK(proto::json_depth("42", 8) == 0);
  CHECK(proto::json_depth("{}", 8) == 1);
  CHECK(proto::json_depth(R"({"type":"ping","data":{}})", 8) == 2);
  CHECK(proto::json_depth(R"({"a":"[[[[[[[[[[{{{{{{"})", 8) == 1);
  // An escaped quote does not end the string, so the brackets after it are still inside.
  CHECK(proto::json_depth(R"({"a":"\"[[[[[[[[[[[["})", 8) == 1);
  // An escaped backslash does end before the quote: the brackets after it count.
  CHECK(proto::json_depth(R"({"a":"\\","b":[[1]]})", 8) == 3);
  CHECK(proto::json_depth(R"([1,[2],[3,[4]]])", 8) == 3);
}

TEST_CASE("json_depth: exactly 8 is allowed, 9 is too deep", "[codec][depth]") {
  CHECK(proto::json_depth(nested_arrays(8), 8) == 8);
  CHECK(proto::json_depth(nested_arrays(9), 8) > 8);
  // Through the decoder: envelope (1) + data (2) + 6 arrays = 8 levels.
  auto ok8 = R"({"type":"ping","data":{"x":)" + nested_arrays(6) + "}}";
  CHECK(std::holds_alternative<proto::ping>(decoded(ok8).msg));
  auto deep9 = R"({"type":"ping","data":{"x":)" + nested_arrays(7) + "}}";
  CHECK(refused(deep9).err.code == error_code::too_deep);
  // Too deep wins even over invalid JSON (checked before parsing).
  CHECK(refused(std::string(9, '[')).err.code == error_code::too_deep);
}

TEST_CASE("a million brackets cost one quick scan", "[codec][depth]") {
  const std::string hostile(1'000'000, '[');
  const auto start = std::chrono::steady_clock::now();
  CHECK(proto::json_depth(hostile, 8) == 9);  // stops counting past the limit
  CHECK(refused(hostile).err.code == error_code::too_deep);
  const std::string in_string = "{\"a\":\"" + hostile + "\"}";
  CHECK(proto::json_depth(in_string, 8) == 1);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(elapsed < std::chrono::milliseconds(500));
}

TEST_CASE("decode: hello and ping", "[codec][decode]") {
  auto in = decoded(
      R"({"type":"hello","ref":7,"data":{"protocol":1,"member_token":"tok","last_seq":12}})");
  CHECK(in.ref == std::optional<std::uint64_t>(7));
  REQUIRE(std::holds_alternative<proto::hello>(in.msg));
  CHECK(std::get<proto::hello>(in.msg).member_token == "tok");
  CHECK(std::get<proto::hello>(in.msg).last_seq == std::optional<std::uint64_t>(12));

  auto fresh = decoded(R"({"type":"hello","data":{"protocol":1,"member_token":"tok"}})");
  CHECK_FALSE(fresh.ref.has_value());
  CHECK_FALSE(std::get<proto::hello>(fresh.msg).last_seq.has_value());

  CHECK(refused(R"({"type":"hello","ref":3,"data":{"protocol":2}})").err.code ==
        error_code::unsupported_protocol);
  auto ping = decoded(R"({"type":"ping"})");
  CHECK(std::holds_alternative<proto::ping>(ping.msg));
}

TEST_CASE("decode: every meeting command", "[codec][decode]") {
  auto step = command_in<cmd::set_step>(
      decoded(R"({"type":"set_step","ref":1,"data":{"meeting_id":"mtg_1","step_index":3}})"));
  CHECK(step.step_index == 3);

  auto appoint = command_in<cmd::appoint_presenter>(
      decoded(R"({"type":"appoint_presenter","data":{"meeting_id":"mtg_1","member_id":"mbr_x"}})"));
  CHECK(appoint.member_id == std::optional<std::string>("mbr_x"));
  auto clear = command_in<cmd::appoint_presenter>(
      decoded(R"({"type":"appoint_presenter","data":{"meeting_id":"mtg_1","member_id":null}})"));
  CHECK_FALSE(clear.member_id.has_value());

  auto save = command_in<cmd::note_save>(decoded(
      R"({"type":"note_save","data":{"meeting_id":"mtg_1","note_id":"note:abcdefghijklmnop","text":"caf\u00e9 [x]"}})"));
  CHECK(save.note_id == "note:abcdefghijklmnop");
  CHECK(save.text == "caf\xC3\xA9 [x]");

  auto del = command_in<cmd::note_delete>(decoded(
      R"({"type":"note_delete","data":{"meeting_id":"mtg_1","note_id":"note:abcdefghijklmnop"}})"));
  CHECK(del.note_id == "note:abcdefghijklmnop");

  CHECK(command_in<cmd::set_done>(
            decoded(R"({"type":"set_done","data":{"meeting_id":"mtg_1","done":true}})"))
            .done);
  CHECK_FALSE(command_in<cmd::set_done>(
                  decoded(R"({"type":"set_done","data":{"meeting_id":"mtg_1","done":false}})"))
                  .done);
  command_in<cmd::reveal>(
      decoded(R"({"type":"reveal","data":{"meeting_id":"mtg_1"},"extra":[1]})"));
}

TEST_CASE("decode: refusals keep the ref when there is one", "[codec][decode]") {
  auto bad_field =
      refused(R"({"type":"set_step","ref":9,"data":{"meeting_id":"mtg_1","step_index":1000}})");
  CHECK(bad_field.err.code == error_code::invalid_field);
  CHECK(bad_field.ref == std::optional<std::uint64_t>(9));
  auto unknown = refused(R"({"type":"welcome","ref":4})");
  CHECK(unknown.err.code == error_code::unknown_type);
  CHECK(unknown.ref == std::optional<std::uint64_t>(4));
  CHECK(refused("[1]").err.code == error_code::invalid_json);
  CHECK(refused("{").err.code == error_code::invalid_json);
  CHECK(refused("").err.code == error_code::invalid_json);
  CHECK(refused(R"({"type":"ping","ref":-1})").err.code == error_code::invalid_field);
  CHECK(refused(R"({"type":"ping","data":null})").err.code == error_code::invalid_field);
  CHECK(refused(R"({"type":"set_done","data":{"meeting_id":"mtg_1","done":1}})").err.code ==
        error_code::invalid_field);
  CHECK(
      refused(
          R"({"type":"note_save","data":{"meeting_id":"mtg_1","note_id":"note:abcdefghijklmnop","text":"\u3000"}})")
          .err.code == error_code::invalid_field);
}

TEST_CASE("encode_event: the public form of a note change carries no text and no id",
          "[codec][R20]") {
  d::note n{secret_id, "mbr_ann", 1, secret_text, 5000};
  d::change saved{17, 5000, "mbr_ann", chg::note_saved{n, {1, "mbr_ann", 2, true}}};

  const auto full = json::parse(proto::encode_event(saved, proto::view::full, 3));
  CHECK(full.at("type") == "note_saved");
  CHECK(full.at("ref") == 3);
  CHECK(full.at("data").at("seq") == 17);
  CHECK(full.at("data").at("note").at("text") == secret_text);
  CHECK(full.at("data").at("note").at("note_id") == secret_id);

  const std::string pub_text = proto::encode_event(saved, proto::view::public_only, std::nullopt);
  CHECK(pub_text.find(secret_text) == std::string::npos);
  CHECK(pub_text.find(secret_id) == std::string::npos);
  const auto pub = json::parse(pub_text);
  CHECK(pub.at("type") == "note_progress");
  CHECK_FALSE(pub.contains("ref"));
  CHECK(pub.at("data") == json{{"seq", 17},
                               {"step_index", 1},
                               {"member_id", "mbr_ann"},
                               {"note_count", 2},
                               {"done", true}});

  d::change deleted{18, 5001, "mbr_ann", chg::note_deleted{secret_id, {1, "mbr_ann", 1, false}}};
  const std::string del_pub = proto::encode_event(deleted, proto::view::public_only, std::nullopt);
  CHECK(del_pub.find(secret_id) == std::string::npos);
  CHECK(json::parse(del_pub).at("type") == "note_progress");
  const auto del_full = json::parse(proto::encode_event(deleted, proto::view::full, std::nullopt));
  CHECK(del_full.at("type") == "note_deleted");
  CHECK(del_full.at("data").at("note_id") == secret_id);
  CHECK(del_full.at("data").at("step_index") == 1);
}

TEST_CASE("encode_event: public changes look the same in both views", "[codec]") {
  d::change step{5, 1, "fac", chg::step_changed{2}};
  d::change done{6, 1, "ann", chg::done_changed{{1, "ann", 0, true}}};
  d::change reveal{7, 1, "fac", chg::revealed{1, {{secret_id, "ann", 1, secret_text, 9}}}};
  for (const auto* c : {&step, &done, &reveal}) {
    CHECK(proto::encode_event(*c, proto::view::full, std::nullopt) ==
          proto::encode_event(*c, proto::view::public_only, std::nullopt));
  }
  CHECK(json::parse(proto::encode_event(done, proto::view::full, std::nullopt)).at("type") ==
        "note_progress");
  const auto rev = json::parse(proto::encode_event(reveal, proto::view::public_only, std::nullopt));
  CHECK(rev.at("type") == "revealed");
  CHECK(rev.at("data").at("notes").at(0).at("text") == secret_text);
}

TEST_CASE("encode_welcome: a participant's snapshot holds only what they may see", "[codec][R20]") {
  fixture f;
  f.ok("fac", cmd::set_step{1});
  f.ok("bob", cmd::note_save{note_id("bob_open"), "bob revealed text"});
  f.ok("ann", cmd::note_save{note_id("ann_open"), "ann revealed text"});
  f.ok("fac", cmd::reveal{});
  f.ok("fac", cmd::set_step{3});
  f.ok("bob", cmd::note_save{secret_id, secret_text});
  f.ok("ann", cmd::note_save{note_id("ann_own"), "ann own text"});

  proto::welcome_info w{"ann", d::role::participant, 123, false};
  const std::string text = proto::encode_welcome(w, f.mt, true, {"ann", "fac"}, 2);
  CHECK(text.find(secret_text) == std::string::npos);
  CHECK(text.find(secret_id) == std::string::npos);

  const auto msg = json::parse(text);
  CHECK(msg.at("type") == "welcome");
  CHECK(msg.at("ref") == 2);
  const auto& data = msg.at("data");
  CHECK(data.at("member_id") == "ann");
  CHECK(data.at("seq") == f.mt.seq());
  const auto& snap = data.at("snapshot");
  std::set<std::string> ids;
  for (const auto& n : snap.at("notes")) ids.insert(n.at("note_id"));
  CHECK(ids == std::set<std::string>{note_id("bob_open"), note_id("ann_open"), note_id("ann_own")});
  CHECK(snap.at("step_index") == 3);
  CHECK(snap.at("revealed_steps") == json::array({1}));
  // Everyone sees that bob wrote one note in step 3, never what.
  bool bob_progress = false;
  for (const auto& p : snap.at("progress")) {
    if (p.at("member_id") == "bob" && p.at("step_index") == 3)
      bob_progress = p.at("note_count") == 1;
  }
  CHECK(bob_progress);
  REQUIRE(snap.at("members").size() == 4);
  CHECK(snap.at("members").at(0).at("member_id") == "fac");
  CHECK(snap.at("members").at(0).at("online") == true);
  CHECK(snap.at("members").at(2).at("online") == false);
  CHECK(snap.at("meeting").at("method").at("steps").size() == 4);

  // The facilitator is no special reader.
  proto::welcome_info wf{"fac", d::role::facilitator, 123, false};
  CHECK(proto::encode_welcome(wf, f.mt, true, {}, std::nullopt).find(secret_text) ==
        std::string::npos);
  // Bob sees his own note.
  proto::welcome_info wb{"bob", d::role::participant, 123, false};
  CHECK(proto::encode_welcome(wb, f.mt, true, {}, std::nullopt).find(secret_text) !=
        std::string::npos);
  // A resumed welcome has no snapshot.
  proto::welcome_info wr{"ann", d::role::participant, 123, true};
  const auto resumed = json::parse(proto::encode_welcome(wr, f.mt, false, {}, std::nullopt));
  CHECK(resumed.at("data").at("resumed") == true);
  CHECK_FALSE(resumed.at("data").contains("snapshot"));
}

// protocol/README.md R11: member_token is a string of 1-128 characters; anything else is a
// malformed message (invalid_field), not a token to look up.
TEST_CASE("decode: hello refuses an empty or over-long member_token", "[codec][decode]") {
  CHECK(proto::classify_command(R"({"type":"hello","data":{"protocol":1,"member_token":""}})")
            .type_or_code == "invalid_field");
  const std::string long_token(129, 'a');
  CHECK(proto::classify_command(R"({"type":"hello","data":{"protocol":1,"member_token":")" +
                                long_token + "\"}}")
            .type_or_code == "invalid_field");
  const std::string max_token(128, 'a');
  CHECK(proto::classify_command(R"({"type":"hello","data":{"protocol":1,"member_token":")" +
                                max_token + "\"}}")
            .type_or_code == "hello");
}
