-- versions.reread_at: when a newer stet read the version's stored page again and replaced its reading (monitor/reread.ts).
ALTER TABLE `versions` ADD `reread_at` integer;
