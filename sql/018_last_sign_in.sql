-- 018_last_sign_in.sql: when each person last signed in, for the team
-- page (a manager sees who has never used their account, or stopped).
-- Sessions cannot tell: signing out deletes them.
ALTER TABLE users ADD COLUMN last_sign_in_at DATETIME(3) NULL;
