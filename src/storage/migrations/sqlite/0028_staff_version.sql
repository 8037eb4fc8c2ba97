-- The staff version: a counter moved by every change to who works where —
-- persons, their workplaces, and an organisation or territory moved (or its
-- type changed, or removed), which moves workplaces in or out of a scope.
-- The start page's count of pedagogical workers and the staff list's «всего N»
-- are kept while it holds (app/registry.cpp); renaming a school or adding one
-- (the usual writes of a working day) leaves it, unlike the monitoring version.
INSERT INTO data_versions (name, version) VALUES ('staff', 1);
CREATE TRIGGER persons_staff_i AFTER INSERT ON persons BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'staff'; END;
CREATE TRIGGER persons_staff_u AFTER UPDATE ON persons BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'staff'; END;
CREATE TRIGGER persons_staff_d AFTER DELETE ON persons BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'staff'; END;
CREATE TRIGGER positions_staff_i AFTER INSERT ON positions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'staff'; END;
CREATE TRIGGER positions_staff_u AFTER UPDATE ON positions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'staff'; END;
CREATE TRIGGER positions_staff_d AFTER DELETE ON positions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'staff'; END;
CREATE TRIGGER organisations_staff_u AFTER UPDATE ON organisations
  WHEN OLD.territory_id IS NOT NEW.territory_id OR OLD.kind IS NOT NEW.kind
  BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'staff'; END;
CREATE TRIGGER organisations_staff_d AFTER DELETE ON organisations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'staff'; END;
CREATE TRIGGER territories_staff_u AFTER UPDATE ON territories
  WHEN OLD.parent_id IS NOT NEW.parent_id
  BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'staff'; END;
CREATE TRIGGER territories_staff_d AFTER DELETE ON territories BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'staff'; END;
