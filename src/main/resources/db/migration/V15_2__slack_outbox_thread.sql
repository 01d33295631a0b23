-- slack outbox: an entry may name the thread it belongs in directly, by the parent message's ts. A MESSAGE entry
-- with thread_ts posts its living message as a reply in that thread (and edits it there); a REPLY entry with
-- thread_ts replies in that thread rather than under the living message of its message_key. Written once for H2
-- and PostgreSQL alike.
ALTER TABLE slack_outbox ADD COLUMN thread_ts VARCHAR(32);
