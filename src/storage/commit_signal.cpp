#include "storage/commit_signal.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>

namespace metodist::storage {
namespace {

constexpr std::size_t kSize = sizeof(std::uint64_t);

// Lock-free 64-bit atomics are address-free, so processes mapping the same
// page see one counter.
static_assert(std::atomic_ref<std::uint64_t>::is_always_lock_free);

std::atomic_ref<std::uint64_t> counter(void* mapping) noexcept {
  return std::atomic_ref<std::uint64_t>(*static_cast<std::uint64_t*>(mapping));
}

}  // namespace

std::shared_ptr<CommitSignal> CommitSignal::open(const std::string& database_path) {
  const std::string path = database_path + "-commits";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return nullptr;
  struct stat st {};
  // Two processes may both see a fresh file: growing it to the same size is harmless.
  const bool sized = ::fstat(fd, &st) == 0 && (st.st_size >= static_cast<off_t>(kSize) || ::ftruncate(fd, kSize) == 0);
  void* mapping = sized ? ::mmap(nullptr, kSize, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) : MAP_FAILED;
  ::close(fd);
  if (mapping == MAP_FAILED) return nullptr;
  return std::shared_ptr<CommitSignal>(new CommitSignal(mapping, database_path + "-wal"));
}

CommitSignal::~CommitSignal() { ::munmap(mapping_, kSize); }

std::uint64_t CommitSignal::token() const noexcept {
  const std::uint64_t count = counter(mapping_).load(std::memory_order_acquire);
  struct stat st {};
  if (::stat(wal_.c_str(), &st) != 0) return count;  // no log yet: nothing written since it was checkpointed away
  // A commit by another program appends to the log (its size grows) or, after
  // a checkpoint, writes it again from the start (its time of change moves).
  const auto changed =
      static_cast<std::uint64_t>(st.st_mtim.tv_sec) * 1'000'000'000u + static_cast<std::uint64_t>(st.st_mtim.tv_nsec);
  std::uint64_t h = count;
  for (std::uint64_t part : {static_cast<std::uint64_t>(st.st_size), changed, static_cast<std::uint64_t>(st.st_ino)})
    h = (h ^ part) * 0x100000001b3u;  // FNV-style mixing: equal inputs, equal token
  return h;
}

void CommitSignal::advance() noexcept { counter(mapping_).fetch_add(1, std::memory_order_acq_rel); }

}  // namespace metodist::storage
