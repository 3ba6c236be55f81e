#pragma once
// Capability tokens (protocol R5): 256 bits from the OS CSPRNG, base64url; stored as SHA-256.
#include <string>
#include <string_view>

namespace intervisie::store {

// 32 random bytes as 43 base64url characters (no padding).
std::string new_token();
// A shorter random id for groups, meetings and members: not a secret, but unguessable.
std::string new_id(std::string_view prefix);
// Hex SHA-256 of the token: what the database keeps instead of the token.
std::string hash_token(std::string_view token);

}  // namespace intervisie::store
