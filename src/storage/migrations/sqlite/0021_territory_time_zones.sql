-- A territory's own time zone (IANA, domain::time_zones), where it differs
-- from the one above it; NULL: as above, down to the region's default by its
-- number (domain::default_time_zone). Times are shown in it, never as UTC.
ALTER TABLE territories ADD COLUMN time_zone TEXT;
