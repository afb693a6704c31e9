-- The unread reminders of one return, found without reading a user's whole list: a
-- return that is done, cancelled, moved or reassigned leaves the bell at once.
CREATE INDEX notifications_unread_action ON notifications (action_id) WHERE read_at IS NULL;
