-- When an upload last started or ended. A share still PENDING an hour after that (a client that crashed mid-upload,
-- or never uploaded) is discarded by the purge, so it stops reserving storage and cannot stay "uploading" forever.
ALTER TABLE diagnostics_share ADD COLUMN upload_touched_at TIMESTAMP WITH TIME ZONE;
