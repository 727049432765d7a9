-- 010_hold_reason.sql: why a waiting text is held, as a value the code can
-- act on (quiet hours end, a number resumes), beside the note the thread
-- shows.
ALTER TABLE messages
	ADD COLUMN hold_reason ENUM('quiet_hours','paused_number') NULL
	    AFTER hold_note;

UPDATE messages SET hold_reason = IF(hold_note LIKE '%paused%',
    'paused_number', 'quiet_hours')
WHERE hold_note IS NOT NULL;
