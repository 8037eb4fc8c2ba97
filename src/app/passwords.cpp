#include "app/passwords.hpp"

#include <sodium.h>

#include <condition_variable>
#include <mutex>
#include <stdexcept>

namespace metodist::app {
namespace {

std::mutex cap_mu;
std::condition_variable cap_cv;
std::size_t cap_limit = 2;
std::size_t cap_running = 0;

// Holds one of the limited hashing slots for its lifetime.
struct HashSlot {
  HashSlot() {
    std::unique_lock lock(cap_mu);
    cap_cv.wait(lock, [] { return cap_running < cap_limit; });
    ++cap_running;
  }
  ~HashSlot() {
    {
      std::lock_guard lock(cap_mu);
      --cap_running;
    }
    cap_cv.notify_one();
  }
};

void ensure_sodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium could not be initialised");
}

std::string to_hex(const unsigned char* data, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.pop_back();
  return out;
}

}  // namespace

void init_password_hashing(std::size_t max_concurrent) {
  ensure_sodium();
  std::lock_guard lock(cap_mu);
  cap_limit = max_concurrent == 0 ? 1 : max_concurrent;
}

std::string hash_password(std::string_view password) {
  ensure_sodium();
  HashSlot slot;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool verify_password(std::string_view password, const std::string& stored_hash) {
  ensure_sodium();
  HashSlot slot;
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_token() {
  ensure_sodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return to_hex(bytes, sizeof bytes);
}

std::string token_digest(std::string_view token) {
  ensure_sodium();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  return to_hex(digest, sizeof digest);
}

}  // namespace metodist::app
