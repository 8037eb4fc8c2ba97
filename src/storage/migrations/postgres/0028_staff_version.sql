-- The staff version: a counter moved by every change to who works where —
-- persons, their workplaces, and an organisation or territory moved (or its
-- type changed, or removed), which moves workplaces in or out of a scope.
-- The start page's count of pedagogical workers and the staff list's «всего N»
-- are kept while it holds (app/registry.cpp); renaming a school or adding one
-- (the usual writes of a working day) leaves it, unlike the monitoring version.
-- Statement triggers for persons and workplaces (a bulk import moves it once
-- per statement); row triggers with a condition for a moved organisation or
-- territory, whose other changes must leave it.
INSERT INTO data_versions (name, version) VALUES ('staff', 1);
CREATE TRIGGER persons_staff AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON persons FOR EACH STATEMENT EXECUTE FUNCTION advance_version('staff');
CREATE TRIGGER positions_staff AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON positions FOR EACH STATEMENT EXECUTE FUNCTION advance_version('staff');
CREATE TRIGGER organisations_staff_u AFTER UPDATE ON organisations FOR EACH ROW
  WHEN (OLD.territory_id IS DISTINCT FROM NEW.territory_id OR OLD.kind IS DISTINCT FROM NEW.kind)
  EXECUTE FUNCTION advance_version('staff');
CREATE TRIGGER organisations_staff_d AFTER DELETE OR TRUNCATE ON organisations FOR EACH STATEMENT EXECUTE FUNCTION advance_version('staff');
CREATE TRIGGER territories_staff_u AFTER UPDATE ON territories FOR EACH ROW
  WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id)
  EXECUTE FUNCTION advance_version('staff');
CREATE TRIGGER territories_staff_d AFTER DELETE OR TRUNCATE ON territories FOR EACH STATEMENT EXECUTE FUNCTION advance_version('staff');
