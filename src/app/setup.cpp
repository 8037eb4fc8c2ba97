#include "app/setup.hpp"

#include "app/accounts.hpp"
#include "app/import.hpp"
#include "app/territories.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
#include "storage/territories_repository.hpp"

namespace metodist::app {

RegionStart initialise_region(App& app, RegionSetup setup) {
  if (setup.role != "regional_institute" && setup.role != "regional_ministry")
    throw domain::Error::validation("role", "Первый администратор региона — regional_institute или regional_ministry");
  if (setup.subject_number < 1 || setup.subject_number > 99)
    throw domain::Error::validation("subject_number", "Номер субъекта РФ — от 1 до 99");
  RegionStart start;
  NewAccount account;
  account.login = setup.login;
  account.display_name = setup.display_name.empty() ? setup.login : setup.display_name;
  account.email = setup.email;
  account.password = setup.password.empty() ? generate_password() : setup.password;
  account.must_change_password = setup.password.empty();
  const std::string hash = prepare_account(account);  // slow on purpose: before the transaction
  const auto caller = system_caller();
  domain::Scope everything;
  everything.everything = true;
  const auto today = domain::Date::today().iso();
  app.db->write([&](storage::Connection& c) {
    auto federation = c.scalar("SELECT count(*) FROM territories WHERE level = 'federation'") > 0
                          ? c.scalar("SELECT MIN(id) FROM territories WHERE level = 'federation'")
                          : std::int64_t{0};
    if (!federation) {
      domain::Territory rf;
      rf.level = "federation";
      rf.code = "RU";
      rf.name = "Российская Федерация";
      federation = add_territory(c, caller, everything, rf, today).id;
      start.federation_created = true;
    }
    domain::Territory region;
    region.level = "region";
    region.parent_id = federation;
    region.name = setup.region_name;
    region.subject_number = setup.subject_number;
    region.oktmo = setup.oktmo;
    normalise(region);
    start.region = add_territory(c, caller, everything, region, today);
    account.roles = {{0, 0, setup.role, start.region.id, std::nullopt}};
    start.account_id = store_account(c, account, hash, std::nullopt);
  });
  start.password = account.password;
  start.must_change_password = account.must_change_password;
  return start;
}

}  // namespace metodist::app
