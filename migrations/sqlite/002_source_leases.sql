-- Leases let several fetchers share the sources table: a claimed source is skipped by others until its lease ends.
ALTER TABLE sources ADD COLUMN lease_owner TEXT;
ALTER TABLE sources ADD COLUMN lease_until INTEGER;
