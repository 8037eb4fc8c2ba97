-- The library finds a document as officials cite it: by its number however it
-- is typed (number_key: domain::number_key, «Р-174», «№ Р-174», «р174» →
-- «р174»; filled by the app for rows written before), by its date, and by the
-- words of its attached file (file_text: the latest version's text, extracted
-- at upload, bounded — io/text_extract.hpp).
ALTER TABLE documents ADD COLUMN number_key TEXT;
ALTER TABLE documents ADD COLUMN file_text TEXT;
CREATE INDEX documents_number_key ON documents(number_key);
CREATE INDEX documents_doc_date ON documents(doc_date);

-- The source documents cite the Concept of ЕФС НМС both as Р-76 of 06.08.2020
-- (the directions of ЕФС НМС by level, the Altai РММС regulation) and as Р-174
-- of 16.12.2020 (the Chelyabinsk active's normative base): the preloaded base
-- carries both acts.
INSERT INTO documents (kind, number, doc_date, issuer, title, level, tags, preloaded, created_at, updated_at)
SELECT 'decree', 'Р-76', '2020-08-06', 'Минпросвещения России',
       'Об утверждении Концепции создания единой федеральной системы научно-методического сопровождения педагогических работников',
       'federal', 'ЕФС НМС; научно-методическое сопровождение', 1, '2026-12-03T00:00:00Z', '2026-12-03T00:00:00Z'
WHERE NOT EXISTS (SELECT 1 FROM documents WHERE number = 'Р-76' AND level = 'federal');
