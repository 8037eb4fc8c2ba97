-- СНИЛС: one person's identifier across the registry (personal data, shown
-- like the birth date). Stored as «XXX-XXX-XXX YY»; at most one person has
-- a given number, many have none.
ALTER TABLE persons ADD COLUMN snils TEXT;
CREATE UNIQUE INDEX persons_snils ON persons (snils) WHERE snils IS NOT NULL;
