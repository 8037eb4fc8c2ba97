// Password hashing with libsodium's argon2id (crypto_pwhash_str).
//
// Each hash takes ~64 MiB and tens of milliseconds on purpose; a semaphore caps
// how many run at once so a burst of logins cannot exhaust memory or starve
// the worker threads.
#pragma once

#include <string>
#include <string_view>

namespace metodist::app {

// Call once at start (idempotent): initialises libsodium and sets the cap.
void init_password_hashing(std::size_t max_concurrent);

std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& stored_hash);

// 32 random bytes as 64 hex characters (session and API tokens).
std::string random_token();
// SHA-256-class digest (BLAKE2b-256) of a token as hex: what the database keeps.
std::string token_digest(std::string_view token);

}  // namespace metodist::app
