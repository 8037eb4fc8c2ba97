// Backups: a consistent copy of a live database and its restore.
//  - SQLite: the online backup API copies page by page while the server keeps
//    serving (readers and the writer go on; the copy is one snapshot), then
//    the copy passes integrity_check. Restore writes a backup into a database
//    file that must not be in use (the server stopped), and checks it.
//  - PostgreSQL: pg_dump (custom format) and pg_restore of the client package,
//    run as child processes with the same URL.
// Progress is reported as a fraction; errors are Error(unavailable|other) with
// a readable message.
#pragma once

#include <functional>
#include <string>

namespace metodist::storage {

using BackupProgress = std::function<void(double fraction)>;

// `url`: sqlite:PATH or postgresql://…; `file`: where the backup goes (it is replaced).
void backup_database(const std::string& url, const std::string& file, const BackupProgress& progress = {});
// Restores `file` into the database at `url` (SQLite: the file is created or
// overwritten; PostgreSQL: objects are dropped and recreated).
void restore_database(const std::string& url, const std::string& file, const BackupProgress& progress = {});

}  // namespace metodist::storage
