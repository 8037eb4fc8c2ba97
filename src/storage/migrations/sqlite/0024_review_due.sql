-- How long an expert has for a review (days from the assignment), set per
-- region with the other expertise rules; each review keeps the date it is due
-- by, fixed when it is assigned. Reviews assigned before get the default term.
ALTER TABLE expertise_rules ADD COLUMN review_days INTEGER NOT NULL DEFAULT 14 CHECK (review_days BETWEEN 1 AND 90);
ALTER TABLE practice_reviews ADD COLUMN due_on TEXT;
UPDATE practice_reviews SET due_on = date(substr(assigned_at, 1, 10), '+14 days');
